// The attachments' bytes on disk: KEEL_DATA_DIR/files/ab/abcdef… named by their SHA-256, so one file serves
// every attachment with the same content. An upload streams into files/tmp (hashed and counted as it
// arrives), is checked, and only then moved into place; a failed or refused upload leaves nothing behind.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from './errors'

/** A file received into files/tmp, not yet kept. */
export interface Received {
  path: string
  sha256: string
  size: number
}

const SHA256 = /^[0-9a-f]{64}$/

/**
 * A file no attachment refers to is removed only once it is this old: an upload of the same content moves
 * (or touches) the file before its row commits, so a file written within the hour may be about to be used.
 */
export const UNREFERENCED_GRACE_MS = 60 * 60 * 1000

/** Disk errors as the one error shape: a full disk is 507, a disk Keel cannot write is 503. */
export function diskError(err: unknown): never {
  const code = (err as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT')
    throw new AppError('insufficient_storage', 'The server’s disk is full; the file was not kept')
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'EIO')
    throw new AppError('unavailable', 'The server cannot store files right now; the file was not kept')
  throw err
}

export class FileStore {
  constructor(
    /** KEEL_DATA_DIR/files */
    readonly dir: string,
    /** KEEL_MAX_UPLOAD_MB, in bytes. */
    readonly maxBytes: number,
    /** How old an unreferenced file must be to go (file times are real time, not the app's clock). */
    private readonly graceMs = UNREFERENCED_GRACE_MS,
  ) {}

  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`Not a SHA-256: ${sha256}`)
    return join(this.dir, sha256.slice(0, 2), sha256)
  }

  /**
   * Writes `source` into a temporary file while hashing and counting it. `tooLarge()` says whether the
   * source was cut at the limit; then, as on any failure, the temporary file is removed.
   */
  async receive(source: Readable, tooLarge: () => boolean): Promise<Received> {
    const tmp = join(this.dir, 'tmp')
    const path = join(tmp, `${Date.now()}-${randomBytes(8).toString('hex')}`)
    const hash = createHash('sha256')
    let size = 0
    const count = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk)
        size += chunk.length
        done(null, chunk)
      },
    })
    try {
      await mkdir(tmp, { recursive: true })
      await pipeline(source, count, createWriteStream(path, { flags: 'wx' }))
    } catch (err) {
      await rm(path, { force: true })
      diskError(err)
    }
    if (tooLarge()) {
      await rm(path, { force: true })
      throw new AppError(
        'payload_too_large',
        `The file is over ${Math.round(this.maxBytes / 1024 / 1024)} MB`,
        {
          maxBytes: this.maxBytes,
        },
      )
    }
    return { path, sha256: hash.digest('hex'), size }
  }

  /** The first bytes of a received file (for judging its type). */
  async head(received: Received, bytes = 8192): Promise<Buffer> {
    const handle = await open(received.path, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(bytes, received.size))
      await handle.read(buffer, 0, buffer.length, 0)
      return buffer
    } finally {
      await handle.close()
    }
  }

  /**
   * Moves a received file into place; when the content is there already, marks it fresh and drops the copy.
   * Answers whether the file is new here (so that a write which then fails may take it back at once).
   */
  async keep(received: Received): Promise<boolean> {
    const target = this.pathOf(received.sha256)
    try {
      await mkdir(join(this.dir, received.sha256.slice(0, 2)), { recursive: true })
      const existing = await stat(target).catch(() => undefined)
      if (existing) {
        const now = new Date()
        await utimes(target, now, now)
        await rm(received.path, { force: true })
        return false
      }
      await rename(received.path, target)
      return true
    } catch (err) {
      await rm(received.path, { force: true })
      diskError(err)
    }
  }

  async discard(received: Received): Promise<void> {
    await rm(received.path, { force: true })
  }

  /** Whether the file is on disk. */
  async has(sha256: string): Promise<boolean> {
    return (await stat(this.pathOf(sha256)).catch(() => undefined))?.isFile() ?? false
  }

  /** The stored file, or undefined when it is missing from disk. */
  async read(sha256: string): Promise<ReadStream | undefined> {
    const path = this.pathOf(sha256)
    if (!(await stat(path).catch(() => undefined))) return undefined
    return createReadStream(path)
  }

  /**
   * Removes the files of `candidates` that nothing refers to (`referenced` answers from the database) and
   * that were not written within the grace period. Returns how many were removed. A grace of 0 takes back
   * at once files this process just kept for a write that did not use them (see `keep`).
   */
  async removeUnreferenced(
    candidates: Iterable<string>,
    referenced: (shas: string[]) => Promise<Set<string>>,
    graceMs = this.graceMs,
  ): Promise<number> {
    const now = Date.now()
    const shas = [...new Set(candidates)].filter((sha) => SHA256.test(sha))
    if (shas.length === 0) return 0
    const used = await referenced(shas)
    let removed = 0
    for (const sha of shas) {
      if (used.has(sha)) continue
      const path = this.pathOf(sha)
      const info = await stat(path).catch(() => undefined)
      if (!info || (graceMs > 0 && now - info.mtimeMs < graceMs)) continue
      await rm(path, { force: true })
      removed++
    }
    return removed
  }

  /** Every stored file's SHA-256 (the sweep's candidates); abandoned temporary files are removed on the way. */
  async stored(): Promise<string[]> {
    const now = Date.now()
    const shas: string[] = []
    const top = await readdir(this.dir, { withFileTypes: true }).catch(() => [])
    for (const entry of top) {
      if (!entry.isDirectory()) continue
      const sub = join(this.dir, entry.name)
      if (entry.name === 'tmp') {
        for (const name of await readdir(sub).catch(() => [] as string[])) {
          const info = await stat(join(sub, name)).catch(() => undefined)
          if (info && now - info.mtimeMs > Math.max(this.graceMs, 60_000))
            await rm(join(sub, name), { force: true })
        }
        continue
      }
      for (const name of await readdir(sub).catch(() => [] as string[]))
        if (SHA256.test(name)) shas.push(name)
    }
    return shas
  }
}

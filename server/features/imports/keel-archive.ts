// Reads a Keel workspace archive (the export's format=archive, see exports/archive.ts): a zip holding the
// workspace document as workspace.json and each attached file as files/<sha256>. The archive is judged by
// its table of contents before anything is unpacked, as a workbook is (zip-check.ts): at most
// ZIP_LIMITS.parts entries, nothing encrypted or packed in a way Keel does not write, no entry (nor the
// whole) unpacking to more than ZIP_LIMITS.ratio times its size, workspace.json within a JSON import's
// limit, each file within this server's upload limit and everything within `totalBytes`. yauzl refuses names
// that climb out of the archive (`files/../../x`) and holds every entry to the size its table of contents
// declares while it unpacks. Every files/ entry must be named by a SHA-256 and hold content that hashes to
// that name. Nothing is ever written under a name taken from the archive: files are stored by the hash of
// what was received. Entries outside files/ other than workspace.json (a `__MACOSX/` folder added by
// re-zipping on a Mac) are left unread.
import { createHash } from 'node:crypto'
import type { Readable } from 'node:stream'
import yauzl from 'yauzl'
import { AppError } from '../../lib/errors'
import type { FileStore, Received } from '../../lib/files'
import { ARCHIVE_DOCUMENT, ARCHIVE_FILES } from '../exports/archive'
import { ImportFailure } from './model'
import {
  checkEntryPacking,
  checkZipTotals,
  MB,
  messageOf,
  openReadStream,
  ZIP_LIMITS,
  type ZipWords,
} from './zip-check'

const SHA256 = /^[0-9a-f]{64}$/

export interface ArchiveLimits {
  /** workspace.json, unpacked: a plain JSON import's limit. */
  documentBytes: number
  /** Each file: the largest upload this server takes (KEEL_MAX_UPLOAD_MB). */
  fileBytes: number
  /** Everything the archive holds, unpacked. */
  totalBytes: number
}

export interface KeelArchive {
  /** workspace.json, unpacked. */
  document: Buffer
  /** The files the archive holds, by the SHA-256 their entries are named with (checked when read). */
  files: ReadonlySet<string>
  /**
   * Unpacks every file, checking that its content hashes to its name: those in `wanted` into the store's
   * temporary folder (answered by SHA-256, not kept yet), the others only hashed. On any failure, whatever
   * was received is discarded.
   */
  receive(store: FileStore, wanted: ReadonlySet<string>): Promise<Map<string, Received>>
}

const refuse = (message: string, details: Record<string, unknown> = {}): never => {
  throw new ImportFailure(message, { format: 'keel-json', ...details })
}

const ARCHIVE: ZipWords = { part: 'archive entry', whole: 'archive', packer: 'Keel does not write', refuse }

/** Whether the bytes are a zip (its first local header). */
export const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/**
 * The archive, when the bytes are a zip holding workspace.json; undefined for any other zip (a workbook)
 * or one that cannot be read as a zip at all (the caller says what it expected). An archive that breaks a
 * rule is refused with an ImportFailure naming the entry.
 */
export async function openKeelArchive(
  bytes: Uint8Array,
  limits: ArchiveLimits,
): Promise<KeelArchive | undefined> {
  if (!isZip(bytes)) return undefined
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: yauzl.ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true })
  } catch {
    return undefined
  }
  const entries: yauzl.Entry[] = []
  let document: yauzl.Entry | undefined
  try {
    for await (const entry of zip.eachEntry()) {
      // Too many entries: enough has been read to know what the zip is (the count is judged below).
      if (entries.length === ZIP_LIMITS.parts) break
      if (entry.fileName === ARCHIVE_DOCUMENT) {
        if (document) refuse(`The archive holds ${ARCHIVE_DOCUMENT} twice`, { part: ARCHIVE_DOCUMENT })
        document = entry
      }
      entries.push(entry)
    }
  } catch (err) {
    if (err instanceof ImportFailure) throw err
    // A name that climbs out of the archive or is absolute: only an altered archive holds one.
    if (document) refuse(`The archive cannot be read: ${messageOf(err)}`, {})
    return undefined
  }
  if (!document) return undefined
  if (zip.entryCount > ZIP_LIMITS.parts)
    refuse(
      `The archive has ${zip.entryCount.toLocaleString('en')} entries, over the limit of ${ZIP_LIMITS.parts.toLocaleString('en')}: it cannot be imported`,
      { parts: zip.entryCount, limit: ZIP_LIMITS.parts },
    )
  const files = judgeEntries(entries, document, limits)
  let text: Buffer
  try {
    text = await collect(await openReadStream(zip, document))
  } catch (err) {
    return refuse(`${ARCHIVE_DOCUMENT} cannot be unpacked: ${messageOf(err)}`, { part: ARCHIVE_DOCUMENT })
  }
  return {
    document: text,
    files: new Set(files.keys()),
    receive: (store, wanted) => receiveFiles(zip, files, store, wanted),
  }
}

/** Checks the table of contents; answers the files/ entries by SHA-256. */
function judgeEntries(entries: yauzl.Entry[], document: yauzl.Entry, limits: ArchiveLimits) {
  const files = new Map<string, yauzl.Entry>()
  let unpacked = 0
  let packed = 0
  for (const entry of entries) {
    const part = entry.fileName
    checkEntryPacking(entry, ARCHIVE)
    unpacked += entry.uncompressedSize
    packed += entry.compressedSize
    if (!part.startsWith(ARCHIVE_FILES) || part === ARCHIVE_FILES) continue
    const sha = part.slice(ARCHIVE_FILES.length)
    if (!SHA256.test(sha))
      refuse(
        `The archive holds ${part}, which is not named by a SHA-256 (64 hexadecimal digits) as every file of a Keel workspace archive is: it was altered, and cannot be imported`,
        { part },
      )
    if (files.has(sha)) refuse(`The archive holds ${part} twice`, { part })
    if (entry.uncompressedSize > limits.fileBytes)
      refuse(
        `The archive’s file ${part} is ${MB(entry.uncompressedSize)}, over this server’s largest attachment (${MB(limits.fileBytes)}, KEEL_MAX_UPLOAD_MB)`,
        { part, bytes: entry.uncompressedSize, limit: limits.fileBytes },
      )
    files.set(sha, entry)
  }
  if (document.uncompressedSize > limits.documentBytes)
    refuse(
      `${ARCHIVE_DOCUMENT} unpacks to ${MB(document.uncompressedSize)}, over the limit of ${MB(limits.documentBytes)}`,
      { part: ARCHIVE_DOCUMENT, unpackedBytes: document.uncompressedSize, limit: limits.documentBytes },
    )
  checkZipTotals(unpacked, packed, limits.totalBytes, ARCHIVE)
  return files
}

async function receiveFiles(
  zip: yauzl.ZipFile,
  files: ReadonlyMap<string, yauzl.Entry>,
  store: FileStore,
  wanted: ReadonlySet<string>,
): Promise<Map<string, Received>> {
  const received = new Map<string, Received>()
  try {
    for (const [sha, entry] of files) {
      const part = entry.fileName
      let actual: string
      try {
        const stream = await openReadStream(zip, entry)
        if (wanted.has(sha)) {
          // Sizes were judged from the table of contents, which yauzl holds the entry to while it unpacks.
          const file = await store.receive(stream, () => false)
          received.set(sha, file)
          actual = file.sha256
        } else {
          actual = await hashOf(stream)
        }
      } catch (err) {
        // A full or unwritable disk is the server's trouble (507, 503), not the archive's.
        if (err instanceof AppError) throw err
        return refuse(`The archive’s file ${part} cannot be unpacked: ${messageOf(err)}`, { part })
      }
      if (actual !== sha)
        refuse(
          `The archive’s file ${part} does not hold the content its name says (its SHA-256 is ${actual}): it was altered, and cannot be imported`,
          { part, sha256: actual },
        )
    }
    return received
  } catch (err) {
    for (const file of received.values()) await store.discard(file)
    throw err
  }
}

async function hashOf(stream: Readable): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of stream) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

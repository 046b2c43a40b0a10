// Backup and restore: the backup command (`npm run backup -- <file>`, run here without npm's start-up;
// the soak run uses npm itself) while the real server runs under write load takes one
// consistent snapshot (SQLite's online backup API); a fresh server on a data directory holding only that
// file starts cleanly, passes the integrity check and serves everything written before the backup began.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  type Client,
  expectConsistentSnapshot,
  freshProduct,
  listAll,
  readDb,
  runBackup,
  serversPerTest,
  sleep,
  startWriters,
  tempDir,
} from '../helpers/reliability'

const servers = serversPerTest()

describe('backup and restore', () => {
  it('takes a consistent online backup under load and restores it', async () => {
    const dir = tempDir('backup-src')
    const source = await servers.start(dir)
    const writers = await startWriters(source, { workers: 4, perWorker: 10_000, ms: 40_000 })
    const { log } = writers
    try {
      await sleep(1500)
      // Everything answered before the backup begins must be in it.
      const before = {
        tasks: [...log.tasks.keys()],
        comments: [...log.comments.entries()],
        requirements: [...log.requirements.entries()],
      }
      const file = join(tempDir('backup-file'), 'keel-backup.db')
      const backup = await runBackup(dir, file, 60_000, true)
      expect(backup.code, backup.output).toBe(0)
      expect(backup.output).toContain('integrity ok')
      const writtenDuring = log.tasks.size - before.tasks.length
      writers.stop()
      await writers.done()
      expect(log.failures).toEqual([])
      expect(before.tasks.length, 'writes before the backup').toBeGreaterThan(3)
      expect(writtenDuring, 'the writers kept writing during the backup').toBeGreaterThan(0)

      expectConsistentSnapshot(file)
      const inBackup = readDb(file, (db) => ({
        tasks: new Set(db.prepare('select id from tasks').pluck().all() as number[]),
        comments: new Map(
          (db.prepare('select id, body from comments').all() as { id: number; body: string }[]).map((c) => [
            c.id,
            c.body,
          ]),
        ),
        requirements: new Map(
          (db.prepare('select id, title from requirements').all() as { id: number; title: string }[]).map(
            (r) => [r.id, r.title],
          ),
        ),
      }))
      expect(
        before.tasks.filter((id) => !inBackup.tasks.has(id)),
        'tasks missing from the backup',
      ).toEqual([])
      for (const [id, c] of before.comments) expect(inBackup.comments.get(id), `comment ${id}`).toBe(c.body)
      for (const [id, title] of before.requirements)
        expect(inBackup.requirements.get(id), `requirement ${id}`).toBe(title)

      // Restore: a data directory with only the backup as keel.db.
      const { client } = await servers.restore(file, 'backup-restore')
      const tasks = await listAll(client, `/api/workspaces/${writers.ws}/tasks`)
      expect(tasks.map((t) => t.id).sort((a, b) => a - b)).toEqual([...inBackup.tasks].sort((a, b) => a - b))
      const created = await client.ok(
        'POST',
        `/api/workspaces/${writers.ws}/tasks`,
        { productId: writers.productId, kind: 'chore', title: 'after the restore' },
        201,
      )
      expect(created.number).toBe(inBackup.tasks.size + inBackup.requirements.size + 1)
    } finally {
      writers.stop()
      await writers.done()
    }
  }, 90_000)

  it('backs up the attached files the database names, and a restore serves them', async () => {
    const dir = tempDir('backup-files-src')
    const source = await servers.start(dir)
    const { client, ws, productId } = await freshProduct(source.base)
    const r = await client.ok(
      'POST',
      `/api/workspaces/${ws}/products/${productId}/requirements`,
      { title: '图纸' },
      201,
    )
    const spec = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
    const notes = Buffer.from('现场记录 notes\n')
    const uploaded = []
    for (const [name, bytes] of [
      ['spec.pdf', spec],
      ['notes.txt', notes],
    ] as const)
      uploaded.push(
        await attach(client, `/api/workspaces/${ws}/requirements/${r.id}/attachments`, name, bytes),
      )

    const file = join(tempDir('backup-files'), 'keel-backup.db')
    const backup = await runBackup(dir, file, 60_000, true)
    expect(backup.code, backup.output).toBe(0)
    expect(backup.output).toContain('2 attached files')
    for (const bytes of [spec, notes]) {
      const sha = createHash('sha256').update(bytes).digest('hex')
      expect(readFileSync(join(`${file}.files`, sha.slice(0, 2), sha)).equals(bytes)).toBe(true)
    }

    const { client: restored } = await servers.restore(file, 'backup-files-restore')
    for (const [i, bytes] of [spec, notes].entries()) {
      const res = await fetch(`${restored.base}${uploaded[i]!.url}`, { headers: { cookie: restored.cookie } })
      expect(res.status).toBe(200)
      expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true)
    }
  }, 60_000)
})

/** Uploads a file as multipart/form-data, as the web app does. */
async function attach(client: Client, path: string, name: string, bytes: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), name)
  const res = await fetch(`${client.base}${path}`, {
    method: 'POST',
    headers: { cookie: client.cookie, origin: client.base },
    body: form,
  })
  expect(res.status).toBe(201)
  return (await res.json()) as { id: number; url: string }
}

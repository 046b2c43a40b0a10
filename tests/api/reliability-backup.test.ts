// Backup and restore: the backup command (`npm run backup -- <file>`, run here without npm's start-up;
// the soak run uses npm itself) while the real server runs under write load takes one
// consistent snapshot (SQLite's online backup API); a fresh server on a data directory holding only that
// file starts cleanly, passes the integrity check and serves everything written before the backup began.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectConsistentSnapshot,
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
})

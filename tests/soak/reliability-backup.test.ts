// Soak: online backups taken again and again while 12 writers keep going for about a minute. Every
// backup is a consistent snapshot holding everything answered before it began; the last one restores
// into a server that starts cleanly and serves it.
import { copyFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  expectConsistentSnapshot,
  integrityCheck,
  listAll,
  login,
  readDb,
  runBackup,
  type ServerProcess,
  sleep,
  startServer,
  startWriters,
  tempDir,
} from '../helpers/reliability'

const BACKUPS = Number(process.env.KEEL_SOAK_BACKUPS ?? 5)
const servers: ServerProcess[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.kill()
})

describe('soak: backup under load', () => {
  it(`takes ${BACKUPS} consistent online backups under load and restores the last`, async () => {
    const dir = tempDir('soak-backup-src')
    const source = await startServer(dir)
    servers.push(source)
    const writers = await startWriters(source, { workers: 12, perWorker: 1_000_000, ms: 300_000 })
    const { log } = writers
    const files: string[] = []
    try {
      for (let k = 0; k < BACKUPS; k++) {
        await sleep(8000)
        const before = [...log.tasks.keys()]
        const beforeComments = [...log.comments.keys()]
        const file = join(tempDir('soak-backup-file'), 'keel-backup.db')
        const started = Date.now()
        const backup = await runBackup(dir, file, 240_000)
        const size = statSync(join(dir, 'keel.db')).size
        console.log(
          `backup ${k}: exit ${backup.code} in ${Date.now() - started} ms, source ${(size / 1e6).toFixed(1)} MB, ` +
            `${log.tasks.size} tasks answered; ${backup.output.trim()}`,
        )
        expect(backup.code, backup.output).toBe(0)
        expectConsistentSnapshot(file)
        readDb(file, (db) => {
          const tasks = new Set(db.prepare('select id from tasks').pluck().all() as number[])
          expect(
            before.filter((id) => !tasks.has(id)),
            `backup ${k}: tasks missing`,
          ).toEqual([])
          const comments = new Set(db.prepare('select id from comments').pluck().all() as number[])
          expect(
            beforeComments.filter((id) => !comments.has(id)),
            `backup ${k}: comments missing`,
          ).toEqual([])
        })
        files.push(file)
      }
    } finally {
      writers.stop()
      await writers.done()
    }
    expect(log.failures).toEqual([])

    const last = files.at(-1)!
    const restoredDir = tempDir('soak-backup-restore')
    copyFileSync(last, join(restoredDir, 'keel.db'))
    const restored = await startServer(restoredDir)
    servers.push(restored)
    expect(integrityCheck(join(restoredDir, 'keel.db'))).toBe('ok')
    const client = await login(restored.base)
    const tasks = await listAll(client, `/api/workspaces/${writers.ws}/tasks`)
    const inBackup = readDb(last, (db) => db.prepare('select count(*) from tasks').pluck().get())
    expect(tasks.length).toBe(inBackup)
  })
})

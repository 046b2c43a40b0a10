// Soak: online backups taken again and again while 12 writers keep going for about a minute. Every
// backup is a consistent snapshot holding everything answered before it began; the last one restores
// into a server that starts cleanly and serves it. And a backup of a ~100 MB database finishes while
// a few writers keep writing (an online backup that restarts at every write never would).
import { statSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import {
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

const BACKUPS = Number(process.env.KEEL_SOAK_BACKUPS ?? 5)
const servers = serversPerTest()

describe('soak: backup under load', () => {
  it(`takes ${BACKUPS} consistent online backups under load and restores the last`, async () => {
    const dir = tempDir('soak-backup-src')
    const source = await servers.start(dir)
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
    const { client } = await servers.restore(last, 'soak-backup-restore')
    const tasks = await listAll(client, `/api/workspaces/${writers.ws}/tasks`)
    const inBackup = readDb(last, (db) => db.prepare('select count(*) from tasks').pluck().get())
    expect(tasks.length).toBe(inBackup)
  })
})

describe('soak: backup of a large database under load', () => {
  it('finishes within two minutes while writers keep going, and is consistent', async () => {
    const dir = tempDir('soak-backup-large')
    const server = await servers.start(dir)
    const setup = await freshProduct(server.base)
    // ~100 MB of ballast in a table of its own (Keel ignores it), written through a second connection.
    const db = new Database(join(dir, 'keel.db'))
    try {
      db.pragma('busy_timeout = 5000')
      db.exec('create table ballast (id integer primary key, data blob)')
      const insert = db.prepare('insert into ballast (data) values (randomblob(4000))')
      db.transaction(() => {
        for (let i = 0; i < 25_000; i++) insert.run()
      })()
    } finally {
      db.close()
    }
    const idleFile = join(tempDir('soak-backup-large-file'), 'idle.db')
    const idleStarted = Date.now()
    const idle = await runBackup(dir, idleFile, 120_000)
    expect(idle.code, idle.output).toBe(0)
    const idleMs = Date.now() - idleStarted

    const writers = await startWriters(server, { workers: 2, perWorker: 1_000_000, ms: 300_000 }, setup)
    try {
      await sleep(2000)
      const before = [...writers.log.tasks.keys()]
      const file = join(tempDir('soak-backup-large-file'), 'busy.db')
      const started = Date.now()
      const backup = await runBackup(dir, file, 120_000)
      console.log(
        `large backup: idle ${idleMs} ms; under load exit ${backup.code} after ${Date.now() - started} ms ` +
          `(${writers.log.tasks.size} tasks answered); ${backup.output.trim()}`,
      )
      expect(backup.code, `the backup did not finish in 120 s under load: ${backup.output}`).toBe(0)
      expectConsistentSnapshot(file)
      const tasks = readDb(file, (b) => new Set(b.prepare('select id from tasks').pluck().all() as number[]))
      expect(before.filter((id) => !tasks.has(id))).toEqual([])
    } finally {
      writers.stop()
      await writers.done()
    }
    expect(writers.log.failures).toEqual([])
  })
})

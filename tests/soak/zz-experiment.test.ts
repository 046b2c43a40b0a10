import { join } from 'node:path'
import Database from 'better-sqlite3'
import { it } from 'vitest'
import { freshProduct, runBackup, sleep, startServer, startWriters, tempDir } from '../helpers/reliability'

it('backup of a big db under load', async () => {
  const dir = tempDir('exp')
  let server = await startServer(dir)
  const setup = await freshProduct(server.base)
  await server.kill('SIGTERM')
  const db = new Database(join(dir, 'keel.db'))
  db.exec('create table ballast (id integer primary key, data blob)')
  const ins = db.prepare('insert into ballast (data) values (randomblob(4000))')
  db.transaction(() => { for (let i = 0; i < 25_000; i++) ins.run() })()
  db.close()
  server = await startServer(dir)
  const { login } = await import('../helpers/reliability')
  const client = await login(server.base)
  const writers = await startWriters(server, { workers: 8, perWorker: 1e6, ms: 200_000 }, { ...setup, client })
  await sleep(2000)
  const t0 = Date.now()
  const r = await runBackup(dir, join(tempDir('exp-file'), 'b.db'), 150_000, true)
  console.log('backup', r.code, Date.now() - t0, 'ms', r.output, 'tasks', writers.log.tasks.size)
  writers.stop()
  await writers.done()
  await server.kill()
})

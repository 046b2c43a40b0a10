// Crash safety: the real server under write load (concurrent writers creating tasks, comments and
// requirements, retitling tasks) is killed with SIGKILL and restarted on the same data directory: the
// database passes `PRAGMA integrity_check` and every write that was answered 2xx is there.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectLogged,
  integrityCheck,
  listAll,
  login,
  serversPerTest,
  sleep,
  startWriters,
  tempDir,
} from '../helpers/reliability'

const servers = serversPerTest()

describe('crash safety', () => {
  it('keeps every answered write through a SIGKILL under load', async () => {
    const dir = tempDir('crash')
    const dbPath = join(dir, 'keel.db')
    const first = await servers.start(dir)
    const writers = await startWriters(first, { workers: 4, perWorker: 10_000, ms: 15_000 })
    await sleep(2000)
    await first.kill('SIGKILL')
    writers.stop()
    await writers.done()
    const { log } = writers
    expect(log.failures).toEqual([])
    expect(log.tasks.size, 'writes answered before the kill').toBeGreaterThan(5)
    expect(log.unanswered, 'the kill interrupted the writers').toBeGreaterThan(0)

    const second = await servers.start(dir)
    expect(integrityCheck(dbPath)).toBe('ok')
    expectLogged(dbPath, log)

    // The restarted server serves those writes and takes new ones.
    const client = await login(second.base)
    // Every page of the list: a fast machine answers more than one page of writes before the kill.
    const ids = new Set((await listAll(client, `/api/workspaces/${writers.ws}/tasks`)).map((task) => task.id))
    for (const id of log.tasks.keys()) expect(ids.has(id), `task ${id} listed after restart`).toBe(true)
    const created = await client.ok(
      'POST',
      `/api/workspaces/${writers.ws}/tasks`,
      { productId: writers.productId, kind: 'chore', title: 'after the crash' },
      201,
    )
    expect(created.id).toBeGreaterThan(Math.max(...log.tasks.keys()))
    await second.kill('SIGTERM')
    expect(integrityCheck(dbPath)).toBe('ok')
  }, 60_000)
})

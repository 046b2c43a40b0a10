// Soak: crash safety over several rounds. Each round runs 12 writers for a while, SIGKILLs the server
// at a random moment and restarts it on the same data directory; after every restart the database
// passes the integrity check and every write ever answered 2xx is still there.
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectLogged,
  integrityCheck,
  login,
  newWriteLog,
  serversPerTest,
  sleep,
  startWriters,
  tempDir,
} from '../helpers/reliability'

const ROUNDS = Number(process.env.KEEL_SOAK_ROUNDS ?? 6)
const servers = serversPerTest()

describe('soak: crash safety', () => {
  it(`keeps every answered write through ${ROUNDS} SIGKILLs under load`, async () => {
    const dir = tempDir('soak-crash')
    const dbPath = join(dir, 'keel.db')
    let server = await servers.start(dir)
    const all = newWriteLog()
    let existing: { client: Awaited<ReturnType<typeof login>>; ws: number; productId: number } | undefined
    for (let round = 0; round < ROUNDS; round++) {
      const writers = await startWriters(server, { workers: 12, perWorker: 100_000, ms: 60_000 }, existing)
      existing = { client: writers.client, ws: writers.ws, productId: writers.productId }
      await sleep(3000 + Math.floor(Math.random() * 7000))
      await server.kill('SIGKILL')
      writers.stop()
      await writers.done()
      expect(writers.log.failures, `round ${round}`).toEqual([])
      for (const [id, t] of writers.log.tasks) all.tasks.set(id, t)
      for (const [id, c] of writers.log.comments) all.comments.set(id, c)
      for (const [id, r] of writers.log.requirements) all.requirements.set(id, r)

      server = await servers.start(dir)
      expect(integrityCheck(dbPath), `round ${round}`).toBe('ok')
      expectLogged(dbPath, all)
      const client = await login(server.base)
      existing = { ...existing, client }
    }
    expect(all.tasks.size).toBeGreaterThan(ROUNDS * 10)
  })
})

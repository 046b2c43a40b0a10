// Concurrent writers against the real server process: 20 clients editing the same requirements with
// If-Match, re-ranking them and moving the same tasks. Every answer is 2xx or 409 in the error shape
// (never a 500, never SQLITE_BUSY as 503); versioned writes never overwrite each other; the backlog stays
// a strict total order; one activity row per accepted write. A write lock held by another connection
// (a CLI job, say) delays writes but never fails them.
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  concurrentWriters,
  load,
  ownerOf,
  removeTempDirs,
  type ServerProcess,
  sleep,
  startServer,
  tempDir,
} from '../helpers/reliability'

/** The load pattern's seed, printed on failure; replay with KEEL_LOAD_SEED=<seed>. */
const SEED = Number(process.env.KEEL_LOAD_SEED ?? Date.now() % 1_000_000)

let server: ServerProcess
let dir: string
beforeAll(async () => {
  dir = tempDir('concurrency')
  server = await startServer(dir)
}, 60_000)
afterAll(async () => {
  await server?.kill()
  removeTempDirs()
})

describe('concurrent writers on the real server', () => {
  it('20 clients editing, ranking and moving the same items lose no write', async () => {
    const result = await concurrentWriters(server, join(dir, 'keel.db'), {
      workers: 20,
      perWorker: 8,
      ms: 10_000,
      seed: SEED,
      hot: 3,
    })
    expect(result.accepted, `seed ${SEED}`).toBeGreaterThan(20)
  }, 60_000)

  it('waits for a write lock held by another connection instead of failing with SQLITE_BUSY', async () => {
    const { client, ws } = await ownerOf(server.base)
    const product = await client.ok(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'BUSY', name: 'Busy' },
      201,
    )
    const other = new Database(join(dir, 'keel.db'))
    const statuses: number[] = []
    try {
      other.pragma('busy_timeout = 5000')
      other.exec('BEGIN IMMEDIATE')
      const writes = load({ workers: 5, perWorker: 4, ms: 10_000 }, async (worker, i) => {
        const res = await client.call('POST', `/api/workspaces/${ws}/products/${product.id}/requirements`, {
          title: `Written while locked ${worker}-${i}`,
        })
        statuses.push(res.status)
      })
      // Hold the lock for well under the server's busy timeout (5 s), then let go.
      await sleep(1500)
      other.exec('COMMIT')
      await writes
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK')
      other.close()
    }
    expect(statuses).toEqual(statuses.map(() => 201))
    const list = await client.ok('GET', `/api/workspaces/${ws}/products/${product.id}/requirements?limit=500`)
    expect(list.items).toHaveLength(20)
  }, 60_000)
})

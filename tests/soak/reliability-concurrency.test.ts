// Soak: concurrent writers for a minute: 40 clients editing, ranking and moving the same items.
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  concurrentWriters,
  removeTempDirs,
  type ServerProcess,
  startServer,
  tempDir,
} from '../helpers/reliability'

const SEED = Number(process.env.KEEL_LOAD_SEED ?? Date.now() % 1_000_000)
let server: ServerProcess | undefined
afterEach(async () => {
  await server?.kill()
  removeTempDirs()
})

describe('soak: concurrent writers', () => {
  it('40 clients for 60 s lose no write, keep a total order and one activity row per write', async () => {
    console.log(`concurrency soak seed ${SEED} (replay with KEEL_LOAD_SEED=${SEED})`)
    const dir = tempDir('soak-concurrency')
    server = await startServer(dir)
    const result = await concurrentWriters(server, join(dir, 'keel.db'), {
      workers: 40,
      perWorker: 100_000,
      ms: 60_000,
      seed: SEED,
      hot: 3,
    })
    expect(result.accepted).toBeGreaterThan(200)
  })
})

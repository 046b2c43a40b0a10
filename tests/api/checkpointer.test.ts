// The checkpoint worker keeps the write-ahead log short while the writer never checkpoints inside a
// commit, and it lets go of the file when stopped.
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startCheckpointer } from '../../db/checkpointer'
import { immediate, type OpenDb, openDatabase } from '../../db/client'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function fileDb(): { db: OpenDb; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'keel-checkpoint-'))
  dirs.push(dir)
  const path = join(dir, 'keel.db')
  return { db: openDatabase({ path }), path }
}

/** ~16 MiB in 160 commits of 100 KiB, with pauses a worker can use. */
async function writeBurst(db: OpenDb) {
  db.$client.exec('create table blobs (id integer primary key, body blob)')
  const insert = db.$client.prepare('insert into blobs (body) values (?)')
  for (let i = 0; i < 160; i++) {
    immediate(db, () => insert.run(Buffer.alloc(100 * 1024, i)))
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

const walBytes = (path: string) => statSync(`${path}-wal`).size

describe('checkpoint worker', () => {
  it('keeps the log short while the writer writes, without the writer checkpointing', async () => {
    const { db, path } = fileDb()
    const checkpointer = startCheckpointer(db.$client, { busyMs: 10, idleMs: 50 })
    // The writer's own checkpoint now waits for ~8,000 pages (32 MiB): more than this burst writes.
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(8000)
    await writeBurst(db)
    // The log restarted from the top after the worker's checkpoints instead of growing to ~16 MiB.
    expect(walBytes(path)).toBeLessThan(8 * 1024 * 1024)
    await checkpointer.stop()
    db.$client.close()
  })

  it('without it, the same burst leaves the whole log (the test can tell the difference)', async () => {
    const { db, path } = fileDb()
    db.$client.pragma('wal_autocheckpoint = 8000')
    await writeBurst(db)
    expect(walBytes(path)).toBeGreaterThan(12 * 1024 * 1024)
    db.$client.close()
  })

  it('stops cleanly: the last connection closes and the log is folded into the database', async () => {
    const { db, path } = fileDb()
    const checkpointer = startCheckpointer(db.$client, { busyMs: 10, idleMs: 50 })
    db.$client.exec('create table t (x)')
    immediate(db, () => db.$client.prepare('insert into t values (1)').run())
    await checkpointer.stop()
    await checkpointer.stop()
    db.$client.close()
    expect(() => statSync(`${path}-wal`)).toThrow()
  })
})

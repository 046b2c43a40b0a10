// The checkpoint worker copies the write-ahead log into the database while the writer never checkpoints
// inside a commit, and it lets go of the file when stopped.
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

/** ~16 MiB in 160 commits of 100 KiB. */
function writeBurst(db: OpenDb) {
  db.$client.exec('create table blobs (id integer primary key, body blob)')
  const insert = db.$client.prepare('insert into blobs (body) values (?)')
  for (let i = 0; i < 160; i++) immediate(db, () => insert.run(Buffer.alloc(100 * 1024, i)))
}

/** The database file's own size: pages reach it only through a checkpoint (until then they are in the log). */
const fileBytes = (path: string) => statSync(path).size

async function waitFor(condition: () => boolean, ms = 10_000) {
  for (const until = Date.now() + ms; Date.now() < until; ) {
    if (condition()) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return condition()
}

describe('checkpoint worker', () => {
  it('copies the log into the database while the writer never checkpoints itself', async () => {
    const { db, path } = fileDb()
    const checkpointer = startCheckpointer(db.$client, { busyMs: 10, idleMs: 50 })
    // The writer's own checkpoint now waits for ~8,000 pages (32 MiB): more than this burst writes.
    expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(8000)
    writeBurst(db)
    expect(await waitFor(() => fileBytes(path) > 15 * 1024 * 1024)).toBe(true)
    await checkpointer.stop()
    db.$client.close()
  })

  it('without it, the same burst stays in the log (the test can tell the difference)', async () => {
    const { db, path } = fileDb()
    db.$client.pragma('wal_autocheckpoint = 8000')
    writeBurst(db)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fileBytes(path)).toBeLessThan(1024 * 1024)
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

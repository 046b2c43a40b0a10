// The one write path: a change, its activity and its events commit together, and events leave only after
// the outermost commit — never for a change that was rolled back. Writes are asynchronous and take turns
// on their own connection; every other statement reads committed rows only.
import { describe, expect, it } from 'vitest'
import type { Db, OpenDb } from '../../db/client'
import { createDeps } from '../../server/app'
import { createWorkspace } from '../../server/features/workspaces/service'
import { fixedClock } from '../../server/lib/clock'
import type { KeelEvent } from '../../server/lib/events'
import { write } from '../../server/lib/write'
import { sideConnection, testSqliteStore as testStore } from '../helpers/store'

async function world() {
  const store = testStore()
  const deps = createDeps({ store, clock: fixedClock('2026-11-02T09:00:00.000Z') })
  sideConnection(store)
    .$client.prepare(
      "insert into users (email, name, password_hash, created_at) values ('a@b.c', 'A', 'x', 'now')",
    )
    .run()
  const ws = (await createWorkspace(deps, 1, 'Acme')).id
  const seen: string[] = []
  deps.events.subscribe(ws, (e: KeelEvent) => seen.push(`${e.type}#${e.id}`))
  const scope = { deps, workspaceId: ws, actorId: 1 }
  const change = (id: number) => ({ entityType: 'product', entityId: id, action: 'created' as const })
  const activityCount = () =>
    store.db.$client.prepare("select count(*) from activity where entity_type = 'product'").pluck().get()
  // These tests run on SQLite: its connections are reached directly.
  const products = (db: Db = store.db) =>
    (db as OpenDb).$client.prepare('select key from products order by id').pluck().all()
  const insertProduct = (tx: Db, key: string) =>
    (tx as OpenDb).$client
      .prepare(
        "insert into products (workspace_id, key, name, created_at, updated_at) values (?, ?, ?, 'now', 'now')",
      )
      .run(ws, key, key)
  return { deps, store, scope, seen, change, activityCount, products, insertProduct }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('write()', () => {
  it('publishes a nested write’s events only after the outermost commit', async () => {
    const { scope, seen, change } = await world()
    await write(scope, async (_tx, record, frame) => {
      record(change(1))
      await write({ ...scope, within: frame }, (_inner, recordInner) => recordInner(change(2)))
      expect(seen).toEqual([])
      record(change(3))
    })
    expect(seen).toEqual(['product.created#1', 'product.created#2', 'product.created#3'])
  })

  it('publishes nothing of a nested write that rolled back, and keeps the outer one', async () => {
    const { scope, seen, change, activityCount } = await world()
    await write(scope, async (_tx, record, frame) => {
      record(change(1))
      await expect(
        write({ ...scope, within: frame }, (_inner, recordInner) => {
          recordInner(change(2))
          throw new Error('inner fails')
        }),
      ).rejects.toThrow('inner fails')
    })
    expect(seen).toEqual(['product.created#1'])
    expect(activityCount()).toBe(1)
  })

  it('publishes nothing when the outer write rolls back after a nested one succeeded', async () => {
    const { scope, seen, change, activityCount } = await world()
    await expect(
      write(scope, async (_tx, record, frame) => {
        await write({ ...scope, within: frame }, (_inner, recordInner) => recordInner(change(2)))
        record(change(1))
        throw new Error('outer fails')
      }),
    ).rejects.toThrow('outer fails')
    expect(seen).toEqual([])
    expect(activityCount()).toBe(0)
    // The next write starts afresh.
    await write(scope, (_tx, record) => record(change(4)))
    expect(seen).toEqual(['product.created#4'])
  })

  it('lets no other statement see a write before it commits, while the write itself reads its own rows', async () => {
    const { scope, products, insertProduct } = await world()
    let release!: () => void
    const paused = new Promise<void>((resolve) => {
      release = resolve
    })
    const inside: unknown[] = []
    const writing = write(scope, async (tx) => {
      insertProduct(tx, 'NEW')
      inside.push(products(tx))
      await paused
    })
    await tick()
    // Another request, meanwhile: the row is not there yet.
    expect(products()).toEqual([])
    release()
    await writing
    expect(inside).toEqual([['NEW']])
    expect(products()).toEqual(['NEW'])
  })

  it('runs writes one after another, in the order they came, even when they wait inside', async () => {
    const { scope, products, insertProduct } = await world()
    const order: string[] = []
    const slow = write(scope, async (tx) => {
      order.push('slow begins')
      await tick()
      await tick()
      insertProduct(tx, 'SLOW')
      order.push('slow ends')
    })
    const quick = write(scope, (tx) => {
      order.push('quick')
      // The slow write committed before this one began: it sees the slow write's row, on either connection.
      insertProduct(tx, `Q${products().length}`)
    })
    await Promise.all([slow, quick])
    expect(order).toEqual(['slow begins', 'slow ends', 'quick'])
    expect(products()).toEqual(['SLOW', 'Q1'])
  })

  it('keeps taking writes after one failed while others waited', async () => {
    const { scope, products, insertProduct } = await world()
    const failing = write(scope, async (tx) => {
      insertProduct(tx, 'GONE')
      await tick()
      throw new Error('fails')
    })
    const next = write(scope, (tx) => insertProduct(tx, 'KEPT'))
    await expect(failing).rejects.toThrow('fails')
    await next
    expect(products()).toEqual(['KEPT'])
  })

  it('refuses a statement that writes outside a write', async () => {
    const { deps, insertProduct } = await world()
    expect(() => insertProduct(deps.db, 'STRAY')).toThrow(/readonly|read-only|query_only/i)
  })
})

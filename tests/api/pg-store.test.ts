// The store on PostgreSQL (db/pg/store.ts), as two Keel processes would hold it: two stores on one database.
// Writes take turns across them, a write's rows stay unseen until it commits, a serialization failure or
// deadlock is run again rather than answered as an error, a savepoint rolls back alone, a snapshot holds
// still while others commit, and a write's announcements reach the other process's event bus at commit.
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../db/client'
import { openPgStore, type PgStore } from '../../db/pg/store'
import { execute, row, rows } from '../../db/query'
import { EventBus, type KeelEvent } from '../../server/lib/events'
import { startRelay } from '../../server/lib/relay'
import { freshPgDatabase, postgresUrl } from '../helpers/pg'

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms))

describe.runIf(postgresUrl())('the PostgreSQL store', () => {
  let a: PgStore
  let b: PgStore
  let url: string
  beforeAll(async () => {
    const pool = await freshPgDatabase()
    url = String(pool.options.connectionString)
    a = await openPgStore({ url, poolSize: 4 })
    b = await openPgStore({ url, poolSize: 4 })
  })
  afterAll(async () => {
    await a?.close()
    await b?.close()
  })

  const names = async () =>
    (await rows<{ name: string }>(a.db, sql`select name from workspaces order by id`)).map((r) => r.name)
  const insert = (db: Db, name: string) =>
    execute(db, sql`insert into workspaces (name, created_at) values (${name}, 'now')`)

  it('lets writes of two processes take turns, and nobody read a write before its commit', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const order: string[] = []
    const first = a.transaction(async (tx) => {
      await insert(tx, 'first')
      order.push('first in')
      await held
      order.push('first out')
    })
    await tick(50)
    const second = b.transaction(async (tx) => {
      order.push('second in')
      await insert(tx, 'second')
    })
    await tick(100)
    // The second write waits on the first (across processes); the first's row is unseen meanwhile.
    expect(order).toEqual(['first in'])
    expect(await names()).toEqual([])
    release()
    await Promise.all([first, second])
    expect(order).toEqual(['first in', 'first out', 'second in'])
    expect(await names()).toEqual(['first', 'second'])
  })

  it('runs a write again after a serialization failure or a deadlock', async () => {
    let attempts = 0
    const result = await a.transaction(async (tx) => {
      attempts++
      await insert(tx, `try-${attempts}`)
      if (attempts < 3)
        throw Object.assign(new Error('could not serialize'), { code: attempts === 1 ? '40001' : '40P01' })
      return 'done'
    })
    expect(result).toBe('done')
    expect(attempts).toBe(3)
    expect((await names()).filter((n) => n.startsWith('try-'))).toEqual(['try-3'])
  })

  it('rolls a savepoint back alone, and its callbacks with it', async () => {
    const called: string[] = []
    await a.transaction(async (tx, level) => {
      await insert(tx, 'outer')
      level.callbacks.push(() => called.push('outer'))
      await expect(
        a.transaction(async (inner, nested) => {
          await insert(inner, 'inner')
          nested.callbacks.push(() => called.push('inner'))
          throw new Error('no')
        }, level),
      ).rejects.toThrow('no')
    })
    expect(called).toEqual(['outer'])
    const all = await names()
    expect(all).toContain('outer')
    expect(all).not.toContain('inner')
  })

  it('holds a snapshot still while another process commits', async () => {
    const seen = await a.snapshot(async (db) => {
      const before = await row<{ n: number }>(db, sql`select count(*) as n from workspaces`)
      await b.transaction((tx) => insert(tx, 'during'))
      const after = await row<{ n: number }>(db, sql`select count(*) as n from workspaces`)
      return [before?.n, after?.n]
    })
    expect(seen[0]).toBe(seen[1])
    expect(await names()).toContain('during')
  })

  it("hands a write's announcements to the other process at commit, and none of a rolled-back write", async () => {
    const events = new EventBus()
    const received: KeelEvent[] = []
    events.subscribe(7, (e) => received.push(e))
    const relay = startRelay(url, events, () => {}, 'another process')
    try {
      for (let i = 0; i < 50 && !relay.listening; i++) await tick(20)
      expect(relay.listening).toBe(true)
      const event = (id: number): KeelEvent => ({
        type: 'task.moved',
        entityType: 'task',
        id,
        version: 2,
        actorId: 1,
        workspaceId: 7,
        productId: 1,
        patch: { status: 'doing' },
      })
      await expect(
        a.transaction(async (tx) => {
          await a.announce?.(tx, [event(1)])
          throw new Error('rolled back')
        }),
      ).rejects.toThrow('rolled back')
      await a.transaction(async (tx) => {
        await a.announce?.(tx, [event(2), event(3)])
        await tick(100)
        // Not before the commit.
        expect(received).toEqual([])
      })
      for (let i = 0; i < 50 && received.length < 2; i++) await tick(20)
      expect(received.map((e) => e.id)).toEqual([2, 3])
      expect(received[0]).toEqual(event(2))

      // NOTIFY takes 8000 bytes: Chinese text is three bytes a character. Cards of long Chinese titles are
      // batched by their bytes; one too large to carry is announced without its card.
      received.length = 0
      const titled = (id: number, title: string): KeelEvent => ({ ...event(id), patch: { card: { title } } })
      const long = '排产计划优化'.repeat(150) // 900 characters, 2,700 bytes
      const huge = '排产计划优化'.repeat(600) // 10,800 bytes
      await a.transaction((tx) =>
        a.announce!(tx, [titled(10, long), titled(11, long), titled(12, long), titled(13, huge)]),
      )
      for (let i = 0; i < 50 && received.length < 4; i++) await tick(20)
      expect(received.map((e) => e.id)).toEqual([10, 11, 12, 13])
      expect(received[2]).toEqual(titled(12, long))
      const { patch: _, ...bare } = titled(13, huge)
      expect(received[3]).toEqual(bare)
    } finally {
      await relay.stop()
    }
  })
  it('prepares a query on its connection from its second use, and no more than a bounded number of texts', async () => {
    const store = await openPgStore({ url, poolSize: 1 })
    try {
      const prepared = async () =>
        (
          await rows<{ statement: string }>(
            store.db,
            sql`select statement from pg_prepared_statements where statement like '%keel_probe from workspaces where id =%' and statement not like '%pg_prepared%'`,
          )
        ).map((r) => r.statement)
      const probe = (n: number) =>
        rows(store.db, sql`select ${n}::int as keel_probe from workspaces where id = ${n}`)
      await probe(1)
      expect(await prepared()).toEqual([])
      await probe(2)
      await probe(3)
      // One statement for the text, whatever the values: parsed and planned once, run three times.
      expect(await prepared()).toHaveLength(1)

      // Texts shaped by the data (here a list of n values) are named up to a bound, then sent unnamed.
      for (let n = 1; n <= 500; n++) {
        const list = sql.join(
          Array.from({ length: n }, (_, i) => sql`${i}`),
          sql`, `,
        )
        const text = sql`select count(*) as keel_probe from workspaces where id in (${list})`
        await rows(store.db, text)
        await rows(store.db, text)
      }
      const count = await rows<{ n: number }>(store.db, sql`select count(*) as n from pg_prepared_statements`)
      expect(count[0]!.n).toBeLessThanOrEqual(400)
      expect(count[0]!.n).toBeGreaterThan(100)
    } finally {
      await store.close()
    }
  })
})

// The one write path: a change, its activity and its events commit together, and events leave only after
// the outermost commit — never for a change that was rolled back.
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { createDeps } from '../../server/app'
import { createWorkspace } from '../../server/features/workspaces/service'
import { fixedClock } from '../../server/lib/clock'
import type { KeelEvent } from '../../server/lib/events'
import { write } from '../../server/lib/write'

function world() {
  const db = openDatabase({ path: ':memory:' })
  const deps = createDeps({ db, clock: fixedClock('2026-11-02T09:00:00.000Z') })
  db.$client
    .prepare("insert into users (email, name, password_hash, created_at) values ('a@b.c', 'A', 'x', 'now')")
    .run()
  const ws = createWorkspace(deps, 1, 'Acme').id
  const seen: string[] = []
  deps.events.subscribe(ws, (e: KeelEvent) => seen.push(`${e.type}#${e.id}`))
  const scope = { deps, workspaceId: ws, actorId: 1 }
  const change = (id: number) => ({ entityType: 'product', entityId: id, action: 'created' as const })
  const activityCount = () =>
    db.$client.prepare("select count(*) from activity where entity_type = 'product'").pluck().get()
  return { deps, scope, seen, change, activityCount }
}

describe('write()', () => {
  it('publishes a nested write’s events only after the outermost commit', () => {
    const { scope, seen, change } = world()
    write(scope, (_tx, record) => {
      record(change(1))
      write(scope, (_inner, recordInner) => recordInner(change(2)))
      expect(seen).toEqual([])
      record(change(3))
    })
    expect(seen).toEqual(['product.created#1', 'product.created#2', 'product.created#3'])
  })

  it('publishes nothing of a nested write that rolled back, and keeps the outer one', () => {
    const { scope, seen, change, activityCount } = world()
    write(scope, (_tx, record) => {
      record(change(1))
      expect(() =>
        write(scope, (_inner, recordInner) => {
          recordInner(change(2))
          throw new Error('inner fails')
        }),
      ).toThrow('inner fails')
    })
    expect(seen).toEqual(['product.created#1'])
    expect(activityCount()).toBe(1)
  })

  it('publishes nothing when the outer write rolls back after a nested one succeeded', () => {
    const { scope, seen, change, activityCount } = world()
    expect(() =>
      write(scope, (_tx, record) => {
        write(scope, (_inner, recordInner) => recordInner(change(2)))
        record(change(1))
        throw new Error('outer fails')
      }),
    ).toThrow('outer fails')
    expect(seen).toEqual([])
    expect(activityCount()).toBe(0)
    // The next write starts afresh.
    write(scope, (_tx, record) => record(change(4)))
    expect(seen).toEqual(['product.created#4'])
  })
})

// The pure history replay behind burndown, burnup and cumulative flow: events in, days out. Days are
// UTC dates; an event belongs to the day it happened on (up to 23:59:59.999); days after "today" have
// no values; the ideal line runs from the first day's scope to zero.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dates, iterationDays, replayTasks } from '../../server/features/reports/history'
import type { TaskEvent } from '../../server/features/reports/repo'

const IT = { id: 7, startDate: '2026-11-02', endDate: '2026-11-06' }

const created = (id: number, at: string, fields: Record<string, unknown> = {}): TaskEvent => ({
  entityId: id,
  action: 'created',
  before: null,
  after: { id, iterationId: IT.id, estimate: 1, status: 'todo', ...fields },
  createdAt: at,
})
const changed = (id: number, at: string, after: Record<string, unknown>, action = 'updated'): TaskEvent => ({
  entityId: id,
  action,
  before: {},
  after,
  createdAt: at,
})
const moved = (id: number, at: string, status: string) => changed(id, at, { status }, 'moved')
const deleted = (id: number, at: string): TaskEvent => ({
  entityId: id,
  action: 'deleted',
  before: { id },
  after: null,
  createdAt: at,
})

describe('dates', () => {
  it('lists each day from start to end inclusive, across a month end', () => {
    expect(dates('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ])
    expect(dates('2026-11-02', '2026-11-02')).toEqual(['2026-11-02'])
    expect(dates('2026-11-03', '2026-11-02')).toEqual([])
  })
})

describe('iterationDays', () => {
  it('has no days before the iteration starts', () => {
    expect(iterationDays([created(1, '2026-10-30T10:00:00.000Z')], IT, '2026-11-01')).toEqual([])
  })

  it('replays creation, moves, estimates, iteration changes and deletion into each day', () => {
    const events = [
      created(1, '2026-10-30T10:00:00.000Z', { estimate: 3 }),
      created(2, '2026-10-30T10:00:00.000Z', { estimate: null }), // counts as one point
      created(3, '2026-10-30T10:00:00.000Z', { estimate: 2, iterationId: 99 }), // elsewhere
      moved(1, '2026-11-02T09:00:00.000Z', 'doing'),
      moved(1, '2026-11-03T23:59:59.999Z', 'done'), // the last moment of 11-03
      changed(3, '2026-11-04T00:00:00.000Z', { iterationId: IT.id }), // first moment of 11-04: +2
      changed(2, '2026-11-04T12:00:00.000Z', { estimate: 5 }), // 1 → 5: +4
      moved(2, '2026-11-04T13:00:00.000Z', 'blocked'),
      changed(1, '2026-11-05T08:00:00.000Z', { iterationId: null }), // a done task leaves: −3
      deleted(3, '2026-11-05T09:00:00.000Z'), // −2
    ]
    const days = iterationDays(events, IT, '2026-11-05')
    const zero = { todo: 0, doing: 0, review: 0, blocked: 0, done: 0 }
    expect(days).toEqual([
      {
        date: '2026-11-02',
        scope: 4,
        done: 0,
        remaining: 4,
        ideal: 4,
        scopeChange: 0,
        counts: { ...zero, todo: 1, doing: 1 },
      },
      {
        date: '2026-11-03',
        scope: 4,
        done: 3,
        remaining: 1,
        ideal: 3,
        scopeChange: 0,
        counts: { ...zero, todo: 1, done: 1 },
      },
      {
        date: '2026-11-04',
        scope: 10,
        done: 3,
        remaining: 7,
        ideal: 2,
        scopeChange: 6,
        counts: { ...zero, todo: 1, blocked: 1, done: 1 },
      },
      {
        date: '2026-11-05',
        scope: 5,
        done: 0,
        remaining: 5,
        ideal: 1,
        scopeChange: -5,
        counts: { ...zero, blocked: 1 },
      },
      {
        date: '2026-11-06',
        scope: null,
        done: null,
        remaining: null,
        ideal: 0,
        scopeChange: 0,
        counts: null,
      },
    ])
  })

  it('counts work created on the first day as committed, not as a scope change', () => {
    const days = iterationDays([created(1, '2026-11-02T16:00:00.000Z', { estimate: 8 })], IT, '2026-11-02')
    expect(days[0]).toMatchObject({ scope: 8, scopeChange: 0, ideal: 8 })
    expect(days[4]).toMatchObject({ scope: null, ideal: 0 })
  })

  it('ignores changes to tasks it never saw created, and events after today', () => {
    const days = iterationDays(
      [
        moved(42, '2026-11-02T10:00:00.000Z', 'done'),
        created(1, '2026-11-02T10:00:00.000Z', { estimate: 2 }),
        moved(1, '2026-11-04T10:00:00.000Z', 'done'),
      ],
      IT,
      '2026-11-03',
    )
    expect(days.map((d) => d.done)).toEqual([0, 0, null, null, null])
  })

  it('keeps done + remaining = scope and the ideal line falling to zero, for any history', () => {
    const event = fc.record({
      task: fc.integer({ min: 1, max: 6 }),
      day: fc.integer({ min: -2, max: 6 }),
      kind: fc.constantFrom('move', 'estimate', 'iteration', 'delete'),
      status: fc.constantFrom('todo', 'doing', 'review', 'blocked', 'done'),
      estimate: fc.option(fc.integer({ min: 0, max: 13 })),
      inside: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), fc.integer({ min: 0, max: 6 }), (raw, todayIndex) => {
        const at = (day: number, n: number) =>
          new Date(Date.parse('2026-11-02T00:00:00.000Z') + day * 86_400_000 + n * 1000).toISOString()
        const events: TaskEvent[] = [1, 2, 3, 4, 5, 6].map((id) => created(id, at(-3, id), { estimate: id }))
        raw.forEach((e, n) => {
          const when = at(e.day, 100 + n)
          if (e.kind === 'move') events.push(moved(e.task, when, e.status))
          else if (e.kind === 'estimate') events.push(changed(e.task, when, { estimate: e.estimate }))
          else if (e.kind === 'iteration')
            events.push(changed(e.task, when, { iterationId: e.inside ? IT.id : 5 }))
          else events.push(deleted(e.task, when))
        })
        events.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))
        const today = dates(IT.startDate, IT.endDate)[Math.min(todayIndex, 4)]!
        const days = iterationDays(events, IT, today)
        expect(days).toHaveLength(5)
        let previous: number | null = null
        for (const [i, d] of days.entries()) {
          if (d.date > today) {
            expect([d.scope, d.done, d.remaining, d.counts]).toEqual([null, null, null, null])
            continue
          }
          expect(d.done! + d.remaining!).toBe(d.scope)
          expect(d.done).toBeGreaterThanOrEqual(0)
          expect(d.remaining).toBeGreaterThanOrEqual(0)
          expect(d.scopeChange).toBe(i === 0 ? 0 : d.scope! - previous!)
          const counted = Object.values(d.counts!).reduce((s, n) => s + n, 0)
          expect(counted).toBeLessThanOrEqual(6)
          previous = d.scope
        }
        expect(days[0]!.ideal).toBe(days[0]!.scope)
        expect(days.at(-1)!.ideal).toBe(0)
        for (let i = 1; i < days.length; i++) expect(days[i]!.ideal).toBeLessThanOrEqual(days[i - 1]!.ideal)
        // Asking later never changes a past day.
        const later = iterationDays(events, IT, '2026-11-06')
        for (const [i, d] of days.entries()) if (d.date <= today) expect(later[i]).toEqual(d)
      }),
      { numRuns: 150 },
    )
  })
})

describe('replayTasks', () => {
  it('gives each task its last known fields and marks deleted ones', () => {
    const tasks = replayTasks([
      created(1, '2026-11-02T10:00:00.000Z', { title: 'First', estimate: 3 }),
      created(2, '2026-11-02T10:00:00.000Z', { title: 'Second' }),
      changed(1, '2026-11-03T10:00:00.000Z', { title: 'First, renamed' }),
      changed(1, '2026-11-03T11:00:00.000Z', { status: 'blocked', blockedReason: 'Vendor' }, 'moved'),
      deleted(2, '2026-11-04T10:00:00.000Z'),
      changed(9, '2026-11-04T10:00:00.000Z', { title: 'never created' }),
    ])
    expect([...tasks.keys()]).toEqual([1, 2])
    expect(tasks.get(1)).toMatchObject({
      id: 1,
      title: 'First, renamed',
      estimate: 3,
      status: 'blocked',
      blockedReason: 'Vendor',
      deleted: false,
    })
    expect(tasks.get(2)).toMatchObject({ title: 'Second', deleted: true })
  })
})

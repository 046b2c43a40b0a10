// Burndown, burnup, cumulative flow and velocity through the API, from a history built day by day on a
// fixed clock: work moving across the board, scope added and removed after the start, a re-estimate,
// a task created and deleted, days still to come, and past days that never change afterwards.
import { beforeAll, describe, expect, it } from 'vitest'
import { burnRows, flowRows, type Reports, reportsApp } from '../helpers/reports'

/** The ideal line of a 12-day iteration that starts with 15 points: 15 × (1 − i/11), two decimals. */
const IDEAL_15 = [15, 13.64, 12.27, 10.91, 9.55, 8.18, 6.82, 5.45, 4.09, 2.73, 1.36, 0]

/**
 * Sprint 2026-11-02 → 2026-11-13 (12 days), five tasks made before it starts:
 * T1 3 points, T2 5, T3 2, T4 no estimate (counts 1), T5 4 — 15 points committed.
 *   11-02  T1 → doing
 *   11-03  T1 → review, T2 → doing
 *   11-04  T1 → done; T6 (2 points) added to the sprint
 *   11-05  T2 → review → done; T3 → doing → blocked
 *   11-06  T5 taken out of the sprint (−4); T6 re-estimated 2 → 3 (+1)
 *   11-07, 11-08  nothing (a weekend)
 *   11-09  T3 → doing; T6 → done; T7 (1 point) added and deleted the same day
 *   11-10  T4 → doing; "today" is 11-10 15:00
 */
async function constructedSprint(r: Reports) {
  const p = await r.product()
  const sprint = await r.iteration(p.id, {
    name: 'Sprint 7',
    startDate: '2026-11-02',
    endDate: '2026-11-13',
    capacity: 20,
  })
  const next = await r.iteration(p.id, {
    name: 'Sprint 8',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    capacity: 20,
  })
  const task = (title: string, estimate: number | null, iterationId = sprint.id) =>
    r.task({ productId: p.id, iterationId, title, estimate })
  const T1 = await task('T1', 3)
  const T2 = await task('T2', 5)
  const T3 = await task('T3', 2)
  const T4 = await task('T4', null)
  const T5 = await task('T5', 4)
  // Work planned for the next sprint never shows in this one.
  await task('Next sprint work', 8, next.id)
  const notStarted = await r.burndown(sprint.id)

  r.on('2026-11-02', '08:00:00.000')
  await r.activate(sprint.id)
  await r.status(T1.id, 'doing')

  r.on('2026-11-03')
  await r.status(T1.id, 'review')
  await r.status(T2.id, 'doing')

  r.on('2026-11-04')
  await r.status(T1.id, 'done')
  const T6 = await task('T6', 2)

  r.on('2026-11-05')
  await r.status(T2.id, 'review')
  await r.status(T2.id, 'done')
  await r.status(T3.id, 'doing')
  r.on('2026-11-05', '23:30:00.000') // late in the day still counts for that day
  await r.status(T3.id, 'blocked', 'Waiting for the PLC vendor')

  r.on('2026-11-06')
  await r.patchTask(T5.id, { iterationId: null })
  await r.patchTask(T6.id, { estimate: 3 })

  r.on('2026-11-09')
  await r.status(T3.id, 'doing')
  await r.finish(T6.id)
  const T7 = await task('T7', 1)
  await r.ok('DELETE', `/tasks/${T7.id}`, undefined, 204)

  r.on('2026-11-10')
  await r.status(T4.id, 'doing')
  r.on('2026-11-10', '15:00:00.000')
  return { p, sprint, next, T1, T2, T3, T4, T5, T6, notStarted }
}

/** What the sprint looks like on 11-10: [date, scope, done, remaining, ideal, scopeChange]. */
const SPRINT_UNTIL_11_10 = [
  ['2026-11-02', 15, 0, 15, IDEAL_15[0], 0],
  ['2026-11-03', 15, 0, 15, IDEAL_15[1], 0],
  ['2026-11-04', 17, 3, 14, IDEAL_15[2], 2],
  ['2026-11-05', 17, 8, 9, IDEAL_15[3], 0],
  ['2026-11-06', 14, 8, 6, IDEAL_15[4], -3],
  ['2026-11-07', 14, 8, 6, IDEAL_15[5], 0],
  ['2026-11-08', 14, 8, 6, IDEAL_15[6], 0],
  ['2026-11-09', 14, 11, 3, IDEAL_15[7], 0],
  ['2026-11-10', 14, 11, 3, IDEAL_15[8], 0],
]

/** Cumulative flow on 11-10: [date, todo, doing, review, blocked, done]. */
const FLOW_UNTIL_11_10 = [
  ['2026-11-02', 4, 1, 0, 0, 0],
  ['2026-11-03', 3, 1, 1, 0, 0],
  ['2026-11-04', 4, 1, 0, 0, 1],
  ['2026-11-05', 3, 0, 0, 1, 2],
  ['2026-11-06', 2, 0, 0, 1, 2],
  ['2026-11-07', 2, 0, 0, 1, 2],
  ['2026-11-08', 2, 0, 0, 1, 2],
  ['2026-11-09', 1, 1, 0, 0, 3],
  ['2026-11-10', 0, 2, 0, 0, 3],
]

describe('an iteration day by day', () => {
  // One constructed sprint for the whole block; the test that changes it further comes last.
  let r: Reports
  let x: Awaited<ReturnType<typeof constructedSprint>>
  beforeAll(async () => {
    r = await reportsApp()
    x = await constructedSprint(r)
  })

  it('rebuilds scope, done, remaining, the ideal line and scope changes for each day so far', async () => {
    const res = await r.burndown(x.sprint.id)
    expect(res.iterationId).toBe(x.sprint.id)
    expect(res.startDate).toBe('2026-11-02')
    expect(res.endDate).toBe('2026-11-13')
    expect(res.days).toHaveLength(12)
    expect(burnRows(res.days.slice(0, 9))).toEqual(SPRINT_UNTIL_11_10)
    // Days still to come have no values yet, but the ideal line runs to the end at zero.
    expect(res.days.slice(9)).toEqual([
      { date: '2026-11-11', scope: null, done: null, remaining: null, ideal: IDEAL_15[9], scopeChange: 0 },
      { date: '2026-11-12', scope: null, done: null, remaining: null, ideal: IDEAL_15[10], scopeChange: 0 },
      { date: '2026-11-13', scope: null, done: null, remaining: null, ideal: 0, scopeChange: 0 },
    ])
    // Burnup and burndown agree every day: done + remaining = scope.
    for (const day of res.days.slice(0, 9)) expect(day.done + day.remaining).toBe(day.scope)
  })

  it('counts the tasks in each status at the end of each day so far (cumulative flow)', async () => {
    const res = await r.flow(x.sprint.id)
    expect(res.iterationId).toBe(x.sprint.id)
    expect(Object.keys(res.days[0]).sort()).toEqual(['blocked', 'date', 'doing', 'done', 'review', 'todo'])
    // Only the days so far: nothing for 11-11 to 11-13.
    expect(flowRows(res.days)).toEqual(FLOW_UNTIL_11_10)
  })

  it('answers empty days, not an error, for an iteration that has not started', async () => {
    expect(x.notStarted).toEqual({
      iterationId: x.sprint.id,
      startDate: '2026-11-02',
      endDate: '2026-11-13',
      days: [],
    })
    const future = await r.api('GET', `/iterations/${x.next.id}/burndown`)
    expect(future.status).toBe(200)
    expect(future.body.days).toEqual([])
    const flow = await r.api('GET', `/iterations/${x.next.id}/flow`)
    expect(flow.status).toBe(200)
    expect(flow.body.days).toEqual([])
    // An iteration with nothing in it that has started: zeros, not an error.
    const empty = await r.iteration((await r.product('EMP')).id, {
      startDate: '2026-11-09',
      endDate: '2026-11-10',
    })
    const days = (await r.burndown(empty.id)).days
    expect(burnRows(days)).toEqual([
      ['2026-11-09', 0, 0, 0, 0, 0],
      ['2026-11-10', 0, 0, 0, 0, 0],
    ])
  })

  it('needs report.view, and answers 404 for an iteration or product the caller may not see', async () => {
    const other = await r.product('ERP')
    const otherSprint = await r.iteration(other.id, { startDate: '2026-11-02', endDate: '2026-11-13' })
    const guest = await r.t.addMember(r.owner, r.ws, 'guest', 'guest@example.com')
    const forbidden = await r.api('GET', `/iterations/${x.sprint.id}/burndown`, undefined, guest.caller)
    expect(forbidden.status).toBe(403)
    expect(forbidden.body.error.code).toBe('forbidden')
    const narrowed = await r.t.addMember(r.owner, r.ws, 'stakeholder', 'narrow@example.com', [x.p.id])
    expect(
      (await r.api('GET', `/iterations/${x.sprint.id}/burndown`, undefined, narrowed.caller)).status,
    ).toBe(200)
    for (const path of [
      `/iterations/${otherSprint.id}/burndown`,
      `/iterations/${otherSprint.id}/flow`,
      `/products/${other.id}/velocity`,
      `/products/${other.id}/forecast`,
      `/products/${other.id}/risks`,
      `/products/${other.id}/demand`,
      `/products/${other.id}/reports/weekly?week=2026-W45`,
    ]) {
      const res = await r.api('GET', path, undefined, narrowed.caller)
      expect(res.status, path).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
    expect((await r.api('GET', '/iterations/999999/burndown')).status).toBe(404)
  })

  it('shows the single day of a one-day iteration with the ideal line already at zero', async () => {
    const p = await r.product('ONE')
    const day = await r.iteration(p.id, { startDate: '2026-11-10', endDate: '2026-11-10' })
    await r.task({ productId: p.id, iterationId: day.id, estimate: 2 })
    expect((await r.burndown(day.id)).days).toEqual([
      { date: '2026-11-10', scope: 2, done: 0, remaining: 2, ideal: 0, scopeChange: 0 },
    ])
  })

  // Last: it moves the clock and the sprint on.
  it('keeps every past day the same when later work happens', async () => {
    const { sprint, p, T3, T4, T5 } = x
    const before = await r.burndown(sprint.id)
    const flowBefore = await r.flow(sprint.id)

    // The rest of the sprint: T3 and T4 finish, T5 comes back in, then the sprint closes and later
    // changes (a re-estimate of a done task, a deletion) happen afterwards.
    r.on('2026-11-11')
    await r.finish(T3.id)
    await r.patchTask(T5.id, { iterationId: sprint.id })
    r.on('2026-11-13')
    await r.status(T4.id, 'review')
    await r.status(T4.id, 'done')
    r.on('2026-11-16')
    await r.close(sprint.id)
    r.on('2026-11-20')
    await r.patchTask(T3.id, { estimate: 8 })
    await r.ok('DELETE', `/tasks/${T4.id}`, undefined, 204)

    const after = await r.burndown(sprint.id)
    expect(after.days.slice(0, 9)).toEqual(before.days.slice(0, 9))
    expect(burnRows(after.days.slice(9))).toEqual([
      ['2026-11-11', 18, 13, 5, IDEAL_15[9], 4],
      ['2026-11-12', 18, 13, 5, IDEAL_15[10], 0],
      ['2026-11-13', 18, 14, 4, 0, 0],
    ])
    const flowAfter = await r.flow(sprint.id)
    expect(flowAfter.days.slice(0, 9)).toEqual(flowBefore.days)
    expect(flowRows(flowAfter.days.slice(9))).toEqual([
      ['2026-11-11', 1, 1, 0, 0, 4],
      ['2026-11-12', 1, 1, 0, 0, 4],
      ['2026-11-13', 1, 0, 0, 0, 5],
    ])
    // Velocity of the closed sprint: what was committed on its first day, what was done at its end.
    const v = await r.velocity(p.id)
    expect(v.iterations).toEqual([
      expect.objectContaining({ id: sprint.id, status: 'closed', committed: 15, completed: 14 }),
    ])
  })
})

describe('velocity', () => {
  it('compares committed and completed points per started iteration, in start order', async () => {
    const r = await reportsApp('2026-10-12T09:00:00.000Z')
    const p = await r.product()
    // Sprint 5: 10 committed, 7 completed, then closed.
    const s5 = await r.iteration(p.id, { name: 'Sprint 5', startDate: '2026-10-12', endDate: '2026-10-23' })
    await r.activate(s5.id)
    const a = await r.task({ productId: p.id, iterationId: s5.id, estimate: 4 })
    const b = await r.task({ productId: p.id, iterationId: s5.id, estimate: 3 })
    const slow = await r.task({ productId: p.id, iterationId: s5.id, estimate: 3 })
    r.on('2026-10-20')
    await r.finish(a.id)
    await r.finish(b.id)
    // Added after the start: not committed, but completed counts it once done.
    const late = await r.task({ productId: p.id, iterationId: s5.id, estimate: 2 })
    await r.finish(late.id)
    // Done after the iteration's end: not in its completed points.
    r.on('2026-10-26', '08:00:00.000')
    await r.finish(slow.id)
    await r.close(s5.id)
    // Sprint 6: 6 committed, 5 done so far (it is active; today is 10-28).
    const s6 = await r.iteration(p.id, { name: 'Sprint 6', startDate: '2026-10-26', endDate: '2026-11-06' })
    const c = await r.task({ productId: p.id, iterationId: s6.id, estimate: 5 })
    await r.task({ productId: p.id, iterationId: s6.id, estimate: 1 })
    await r.activate(s6.id)
    // Sprint 7: planned, not started — not in the velocity.
    await r.iteration(p.id, { name: 'Sprint 7', startDate: '2026-11-09', endDate: '2026-11-20' })
    r.on('2026-10-28')
    await r.finish(c.id)

    const v = await r.velocity(p.id)
    expect(v.iterations).toEqual([
      {
        id: s5.id,
        name: 'Sprint 5',
        status: 'closed',
        startDate: '2026-10-12',
        endDate: '2026-10-23',
        committed: 10,
        completed: 9,
      },
      {
        id: s6.id,
        name: 'Sprint 6',
        status: 'active',
        startDate: '2026-10-26',
        endDate: '2026-11-06',
        committed: 6,
        completed: 5,
      },
    ])
  })
})

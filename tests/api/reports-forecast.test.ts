// Forecasts through the API on a fixed clock and a fixed seed: the active iteration's pace (on track,
// at risk, late, no progress, past its end, all done) and Monte Carlo release dates from constructed
// throughput — exact dates where the throughput is constant, the pure function's answer otherwise.
import { describe, expect, it } from 'vitest'
import { addDays } from '../../domain/dates'
import { forecastRelease } from '../../server/features/reports/forecast'
import { type Reports, reportsApp } from '../helpers/reports'

/** A product with an active sprint 2026-11-02 → 11-13 and tasks of these estimates. */
async function sprintWith(r: Reports, key: string, estimates: number[]) {
  const p = await r.product(key)
  const sprint = await r.iteration(p.id, {
    name: `${key} sprint`,
    startDate: '2026-11-02',
    endDate: '2026-11-13',
  })
  await r.activate(sprint.id)
  const tasks = []
  for (const estimate of estimates)
    tasks.push(await r.task({ productId: p.id, iterationId: sprint.id, estimate }))
  return { p, sprint, tasks }
}

describe('the active iteration at the current pace', () => {
  it('is on track, at risk or late by how far the projection lands after the end date, with the reason', async () => {
    const r = await reportsApp('2026-11-02T08:00:00.000Z')
    const on = await sprintWith(r, 'ON', [4, 4, 4, 4]) // 8 done by 11-05: pace 2/day, 8 left → 4 days
    const risk = await sprintWith(r, 'RISK', [4, 10]) // 4 done: pace 1/day, 10 left → 10 days, 8 left
    const late = await sprintWith(r, 'LATE', [2, 10]) // 2 done: pace 0.5/day, 10 left → 20 days
    const stall = await sprintWith(r, 'STALL', [6]) // nothing done
    const done = await sprintWith(r, 'DONE', [3]) // everything done
    const none = await sprintWith(r, 'NONE', []) // nothing planned at all
    const idle = await r.product('IDLE') // no active iteration

    r.on('2026-11-03')
    await r.finish(on.tasks[0].id)
    await r.finish(risk.tasks[0].id)
    await r.finish(late.tasks[0].id)
    await r.finish(done.tasks[0].id)
    // Two days in (2 of 12 < a third): no progress is a risk, not yet late.
    const early = await r.forecast(stall.p.id)
    expect(early.iteration).toEqual({
      id: stall.sprint.id,
      name: 'STALL sprint',
      endDate: '2026-11-13',
      status: 'at_risk',
      reason: 'no_progress',
      remaining: 6,
      done: 0,
      pace: 0,
      daysElapsed: 2,
      daysLeft: 10,
      projectedEnd: null,
    })
    r.on('2026-11-04')
    await r.finish(on.tasks[1].id)
    r.on('2026-11-05', '16:00:00.000')

    const base = { endDate: '2026-11-13', daysElapsed: 4, daysLeft: 8 }
    expect((await r.forecast(on.p.id)).iteration).toEqual({
      ...base,
      id: on.sprint.id,
      name: 'ON sprint',
      status: 'on_track',
      reason: 'on_pace',
      remaining: 8,
      done: 8,
      pace: 2,
      projectedEnd: '2026-11-09',
    })
    expect((await r.forecast(risk.p.id)).iteration).toEqual({
      ...base,
      id: risk.sprint.id,
      name: 'RISK sprint',
      status: 'at_risk',
      reason: 'behind',
      remaining: 10,
      done: 4,
      pace: 1,
      projectedEnd: '2026-11-15',
    })
    expect((await r.forecast(late.p.id)).iteration).toEqual({
      ...base,
      id: late.sprint.id,
      name: 'LATE sprint',
      status: 'late',
      reason: 'behind',
      remaining: 10,
      done: 2,
      pace: 0.5,
      projectedEnd: '2026-11-25',
    })
    // A third of the sprint gone with nothing done: late.
    expect((await r.forecast(stall.p.id)).iteration).toMatchObject({
      status: 'late',
      reason: 'no_progress',
      remaining: 6,
      done: 0,
      projectedEnd: null,
    })
    expect((await r.forecast(done.p.id)).iteration).toMatchObject({
      status: 'on_track',
      reason: 'done',
      remaining: 0,
      done: 3,
      projectedEnd: '2026-11-05',
    })
    expect((await r.forecast(none.p.id)).iteration).toMatchObject({
      status: 'on_track',
      reason: 'no_work',
      remaining: 0,
      done: 0,
    })
    expect((await r.forecast(idle.id)).iteration).toBeNull()

    // Past its end date with work left and still open: late, whatever the pace was.
    r.on('2026-11-14')
    expect((await r.forecast(on.p.id)).iteration).toMatchObject({
      status: 'late',
      reason: 'past_end',
      remaining: 8,
      done: 8,
      daysElapsed: 12,
      daysLeft: 0,
      projectedEnd: null,
    })
  })
})

/**
 * Product REL with steady throughput: one 2-point task finished on each of the 28 days before today
 * (2026-11-30), a 50-point task finished before the window and one finished today (neither counts).
 */
async function steadyProduct(r: Reports) {
  const p = await r.product('REL')
  r.on('2026-10-30')
  const old = await r.task({ productId: p.id, estimate: 50 })
  await r.status(old.id, 'done')
  for (let day = 0; day < 28; day++) {
    r.on(addDays('2026-11-02', day), '11:00:00.000')
    const t = await r.task({ productId: p.id, title: `Day ${day}`, estimate: 2 })
    await r.status(t.id, 'done')
  }
  r.on('2026-11-30', '09:00:00.000')
  const today = await r.task({ productId: p.id, estimate: 40 })
  await r.status(today.id, 'done')
  return p
}

describe('release forecasts (Monte Carlo over the last 28 days)', () => {
  it('gives exact dates from constant throughput, counting only the open work of each release', async () => {
    const r = await reportsApp('2026-10-30T09:00:00.000Z')
    const p = await steadyProduct(r)
    // v1 (target 12-11): 4 + 4 + 2 + an unestimated requirement (1) + 9 through an iteration of v1 = 20
    // open points; a released, a draft and a rejected requirement do not count.
    const v1 = await r.release(p.id, { name: 'v1', targetDate: '2026-12-11' })
    await r.requirementAt(p.id, 'approved', { releaseId: v1.id, estimate: 4 })
    await r.requirementAt(p.id, 'developing', { releaseId: v1.id, estimate: 4 })
    await r.requirementAt(p.id, 'testing', { releaseId: v1.id, estimate: 2 })
    await r.requirementAt(p.id, 'approved', { releaseId: v1.id })
    await r.requirementAt(p.id, 'released', { releaseId: v1.id, estimate: 30 })
    await r.requirement(p.id, { releaseId: v1.id, estimate: 30 }) // a draft
    const rejected = await r.requirement(p.id, { releaseId: v1.id, estimate: 30 })
    await r.transition(rejected.id, 'rejected', 'Out of scope')
    const v1Sprint = await r.iteration(p.id, {
      startDate: '2026-12-07',
      endDate: '2026-12-18',
      releaseId: v1.id,
    })
    await r.requirementAt(p.id, 'planned', { iterationId: v1Sprint.id, estimate: 9 })
    // v2 (target 12-05): 14 points → 7 days → 12-07, after the target even at p50.
    const v2 = await r.release(p.id, { name: 'v2', targetDate: '2026-12-05' })
    await r.requirementAt(p.id, 'planned', { releaseId: v2.id, estimate: 14 })
    // v0: everything shipped → done today, on track. v-old: already released, not forecast.
    const v0 = await r.release(p.id, { name: 'v0', targetDate: '2026-11-20' })
    await r.requirementAt(p.id, 'released', { releaseId: v0.id, estimate: 5 })
    const shipped = await r.release(p.id, { name: 'v-old', targetDate: '2026-10-01' })
    await r.ok('PATCH', `/releases/${shipped.id}`, { status: 'released' })

    const f = await r.forecast(p.id, 7)
    expect(f.today).toBe('2026-11-30')
    expect(f.seed).toBe(7)
    expect(f.throughputWindowDays).toBe(28)
    const byName = Object.fromEntries(f.releases.map((x: { name: string }) => [x.name, x]))
    expect(Object.keys(byName).sort()).toEqual(['v0', 'v1', 'v2'])
    expect(byName.v1).toEqual({
      id: v1.id,
      name: 'v1',
      targetDate: '2026-12-11',
      remaining: 20,
      p50: '2026-12-10',
      p85: '2026-12-10',
      p95: '2026-12-10',
      status: 'on_track',
    })
    expect(byName.v2).toMatchObject({
      remaining: 14,
      p50: '2026-12-07',
      p85: '2026-12-07',
      p95: '2026-12-07',
      status: 'late',
    })
    expect(byName.v0).toMatchObject({
      remaining: 0,
      p50: '2026-11-30',
      p85: '2026-11-30',
      p95: '2026-11-30',
      status: 'on_track',
    })
  })

  it('with variable throughput answers what the seeded simulation gives, the same for the same seed', async () => {
    const r = await reportsApp('2026-11-03T09:00:00.000Z')
    const p = await r.product('VAR')
    // In the window 11-02 … 11-29: 1, 2, 3, 5 and 8 points on five days, nothing on the other 23.
    const finished: Record<string, number> = {
      '2026-11-03': 1,
      '2026-11-06': 2,
      '2026-11-12': 3,
      '2026-11-20': 5,
      '2026-11-27': 8,
    }
    for (const [day, points] of Object.entries(finished)) {
      r.on(day)
      const t = await r.task({ productId: p.id, estimate: points })
      await r.status(t.id, 'doing')
      await r.status(t.id, 'done')
    }
    const v3 = await r.release(p.id, { name: 'v3', targetDate: '2026-12-31' })
    await r.requirementAt(p.id, 'approved', { releaseId: v3.id, estimate: 12 })
    await r.requirementAt(p.id, 'planned', { releaseId: v3.id, estimate: 8 })
    r.on('2026-11-30', '09:00:00.000')

    const samples = Array.from({ length: 28 }, (_, i) => finished[addDays('2026-11-02', i)] ?? 0)
    const answers = new Map<number, unknown>()
    for (const seed of [1, 2, 3, 42, 1234]) {
      const f = await r.forecast(p.id, seed)
      const expected = forecastRelease(20, samples, '2026-11-30', '2026-12-31', seed)
      expect(f.releases).toEqual([{ id: v3.id, name: 'v3', targetDate: '2026-12-31', ...expected }])
      const [release] = f.releases
      expect(release.p50 <= release.p85 && release.p85 <= release.p95).toBe(true)
      expect(release.p50 > '2026-11-30').toBe(true)
      // Asking again with the same seed gives the same answer.
      expect(await r.forecast(p.id, seed)).toEqual(f)
      answers.set(seed, f.releases)
    }
    // The default seed is 42.
    expect((await r.forecast(p.id)).releases).toEqual(answers.get(42))
    // Different seeds may give different dates.
    expect(new Set([...answers.values()].map((a) => JSON.stringify(a))).size).toBeGreaterThan(1)
  })

  it('without any throughput gives no dates: at risk before the target, late after it', async () => {
    const r = await reportsApp('2026-11-30T09:00:00.000Z')
    const p = await r.product('NOP')
    const ahead = await r.release(p.id, { name: 'ahead', targetDate: '2026-12-31' })
    await r.requirementAt(p.id, 'approved', { releaseId: ahead.id, estimate: 3 })
    const overdue = await r.release(p.id, { name: 'overdue', targetDate: '2026-11-15' })
    await r.requirementAt(p.id, 'approved', { releaseId: overdue.id, estimate: 3 })
    const f = await r.forecast(p.id)
    expect(f.iteration).toBeNull()
    expect(f.releases).toEqual([
      expect.objectContaining({
        name: 'overdue',
        remaining: 3,
        p50: null,
        p85: null,
        p95: null,
        status: 'late',
      }),
      expect.objectContaining({
        name: 'ahead',
        remaining: 3,
        p50: null,
        p85: null,
        p95: null,
        status: 'at_risk',
      }),
    ])
  })

  it('rejects a seed that is not a non-negative integer', async () => {
    const r = await reportsApp()
    const p = await r.product()
    for (const seed of ['-1', 'abc', '1.5', String(2 ** 32)]) {
      const res = await r.api('GET', `/products/${p.id}/forecast?seed=${seed}`)
      expect(res.status, seed).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
  })
})

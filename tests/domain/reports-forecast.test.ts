// The pure forecasts: the seeded random numbers, the pace of an iteration (on track, at risk, late, with
// the reason and its boundaries), the Monte Carlo release forecast and the throughput samples.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysBetween } from '../../domain/dates'
import {
  forecastRelease,
  iterationPace,
  seededRandom,
  throughputSamples,
} from '../../server/features/reports/forecast'

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed, within [0, 1)', () => {
    const a = seededRandom(42)
    const b = seededRandom(42)
    const c = seededRandom(43)
    const xs = Array.from({ length: 1000 }, () => a())
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs)
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs)
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
    }
    // Roughly uniform: each tenth gets between 5 % and 15 % of the draws.
    const tenths = new Array(10).fill(0)
    for (const x of xs) tenths[Math.floor(x * 10)]++
    for (const n of tenths) expect(n).toBeGreaterThan(50)
    for (const n of tenths) expect(n).toBeLessThan(150)
  })
})

describe('date helpers', () => {
  it('adds days and counts days between dates across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-11-02', '2026-11-13')).toBe(11)
    expect(daysBetween('2026-11-13', '2026-11-02')).toBe(-11)
  })
})

describe('iterationPace', () => {
  // 12 days, 2026-11-02 → 11-13; a fifth of it rounds up to 3 days of grace before "late".
  const sprint = { startDate: '2026-11-02', endDate: '2026-11-13' }

  it('is on track when the projection lands on or before the end date', () => {
    expect(iterationPace(sprint, '2026-11-05', 8, 8)).toEqual({
      status: 'on_track',
      reason: 'on_pace',
      remaining: 8,
      done: 8,
      pace: 2,
      daysElapsed: 4,
      daysLeft: 8,
      projectedEnd: '2026-11-09',
    })
    // Exactly on the end date: 16 left at 2 a day is 8 days → 11-13.
    expect(iterationPace(sprint, '2026-11-05', 8, 16)).toMatchObject({
      status: 'on_track',
      projectedEnd: '2026-11-13',
    })
  })

  it('is at risk up to a fifth of the iteration late, and late beyond it', () => {
    // 2 a day: 18 left → 9 days (1 late), 22 → 11 (3 late: still at risk), 24 → 12 (4 late).
    expect(iterationPace(sprint, '2026-11-05', 8, 18)).toMatchObject({
      status: 'at_risk',
      reason: 'behind',
      projectedEnd: '2026-11-14',
    })
    expect(iterationPace(sprint, '2026-11-05', 8, 22)).toMatchObject({
      status: 'at_risk',
      projectedEnd: '2026-11-16',
    })
    expect(iterationPace(sprint, '2026-11-05', 8, 24)).toMatchObject({
      status: 'late',
      reason: 'behind',
      projectedEnd: '2026-11-17',
    })
  })

  it('without progress is at risk in the first third and late after it', () => {
    expect(iterationPace(sprint, '2026-11-02', 0, 5)).toMatchObject({
      status: 'at_risk',
      reason: 'no_progress',
      daysElapsed: 1,
    })
    expect(iterationPace(sprint, '2026-11-04', 0, 5)).toMatchObject({
      status: 'at_risk',
      reason: 'no_progress',
      daysElapsed: 3,
    })
    expect(iterationPace(sprint, '2026-11-05', 0, 5)).toMatchObject({
      status: 'late',
      reason: 'no_progress',
      daysElapsed: 4,
      projectedEnd: null,
    })
  })

  it('is late past the end with work left, and on track when the work is done or there is none', () => {
    expect(iterationPace(sprint, '2026-11-14', 20, 1)).toMatchObject({
      status: 'late',
      reason: 'past_end',
      daysElapsed: 12,
      daysLeft: 0,
      projectedEnd: null,
    })
    expect(iterationPace(sprint, '2026-11-14', 20, 0)).toMatchObject({ status: 'on_track', reason: 'done' })
    expect(iterationPace(sprint, '2026-11-03', 0, 0)).toMatchObject({
      status: 'on_track',
      reason: 'no_work',
      projectedEnd: '2026-11-03',
    })
  })

  it('counts today as spent: on the last day, work left over needs another day', () => {
    // 12 days elapsed, 12 done (1 a day): 1 left needs 1 more day → 11-14, a day late: at risk.
    expect(iterationPace(sprint, '2026-11-13', 12, 1)).toMatchObject({ status: 'at_risk', daysLeft: 0 })
  })

  it('never judges slower progress better than faster progress (any pace above zero, any day)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (day, done, remaining, extra) => {
          const today = addDays(sprint.startDate, day)
          const rank = { on_track: 0, at_risk: 1, late: 2 } as const
          const faster = iterationPace(sprint, today, done + extra, remaining)
          const slower = iterationPace(sprint, today, done, remaining)
          expect(rank[slower.status]).toBeGreaterThanOrEqual(rank[faster.status])
        },
      ),
    )
  })
})

describe('forecastRelease', () => {
  const today = '2026-11-30'

  it('is done today when nothing remains, and has no dates without throughput', () => {
    expect(forecastRelease(0, [1, 2], today, '2026-12-31', 1)).toEqual({
      remaining: 0,
      p50: today,
      p85: today,
      p95: today,
      status: 'on_track',
    })
    expect(forecastRelease(5, [0, 0, 0], today, '2026-12-31', 1)).toEqual({
      remaining: 5,
      p50: null,
      p85: null,
      p95: null,
      status: 'at_risk',
    })
    expect(forecastRelease(5, [], today, '2026-11-29', 1)).toMatchObject({ p50: null, status: 'late' })
  })

  it('gives exact dates for constant throughput and judges them against the target', () => {
    // 20 points at 2 a day: 10 days, every trial.
    const constant = forecastRelease(20, [2, 2, 2], today, '2026-12-10', 5)
    expect(constant).toEqual({
      remaining: 20,
      p50: '2026-12-10',
      p85: '2026-12-10',
      p95: '2026-12-10',
      status: 'on_track',
    })
    expect(forecastRelease(20, [2], today, '2026-12-09', 5).status).toBe('late')
    // 21 points at 2 a day: 11 days (the last day finishes the odd point).
    expect(forecastRelease(21, [2], today, '2026-12-31', 5).p50).toBe('2026-12-11')
  })

  it('is at risk when only the median lands by the target', () => {
    // Half the days finish 10, half nothing: done within k days with probability 1 − (1/2)^k, so
    // within 2 days 75 % of the time (p50 ≤ 12-02) and within 3 days 87.5 % (p85 = 12-03).
    const f = forecastRelease(10, [0, 10], today, '2026-12-02', 3)
    expect(f.p50! <= '2026-12-02').toBe(true)
    expect(f.p85).toBe('2026-12-03')
    expect(f.status).toBe('at_risk')
  })

  it('stops at ten years for throughput that almost never delivers', () => {
    const samples = [1, ...new Array(9999).fill(0)]
    const f = forecastRelease(50, samples, today, '2027-12-31', 9, 20)
    expect(f.p95).toBe(addDays(today, 3650))
    expect(f.status).toBe('late')
  })

  const samplesArb = fc
    .array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 13 })), { minLength: 1, maxLength: 28 })
    .filter((xs) => xs.some((x) => x > 0))

  it('answers the same for the same seed, and p50 ≤ p85 ≤ p95 after today', () => {
    fc.assert(
      fc.property(samplesArb, fc.integer({ min: 1, max: 80 }), fc.nat(), (samples, remaining, seed) => {
        const a = forecastRelease(remaining, samples, today, '2026-12-31', seed, 300)
        expect(forecastRelease(remaining, samples, today, '2026-12-31', seed, 300)).toEqual(a)
        expect(a.p50! > today).toBe(true)
        expect(a.p50! <= a.p85!).toBe(true)
        expect(a.p85! <= a.p95!).toBe(true)
        const expected = a.p85! <= '2026-12-31' ? 'on_track' : a.p50! <= '2026-12-31' ? 'at_risk' : 'late'
        expect(a.status).toBe(expected)
      }),
      { numRuns: 100 },
    )
  })

  it('never finishes more remaining work earlier (same throughput, same seed)', () => {
    fc.assert(
      fc.property(
        samplesArb,
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat(),
        (samples, remaining, more, seed) => {
          const less = forecastRelease(remaining, samples, today, '2026-12-31', seed, 300)
          const most = forecastRelease(remaining + more, samples, today, '2026-12-31', seed, 300)
          for (const p of ['p50', 'p85', 'p95'] as const) {
            expect(
              most[p]! >= less[p]!,
              `${p}: ${remaining} points → ${less[p]}, ${remaining + more} → ${most[p]}`,
            ).toBe(true)
          }
        },
      ),
      // A fixed generator seed, so a failure shows on every run, not one run in a few.
      { numRuns: 200, seed: 846651417 },
    )
  })

  it('never finishes more remaining work earlier with the default 2000 trials either', () => {
    // A case found by search: 69 points forecast a day earlier at p95 than 68 with the same seed.
    const samples = [0, 0, 5, 0, 0, 0, 5, 8, 6, 5, 9, 8, 0, 6, 0, 0, 0, 1, 6, 0, 0]
    const f68 = forecastRelease(68, samples, today, '2026-12-31', 277391)
    const f69 = forecastRelease(69, samples, today, '2026-12-31', 277391)
    for (const p of ['p50', 'p85', 'p95'] as const) {
      expect(f69[p]! >= f68[p]!, `${p}: 68 points → ${f68[p]}, 69 points → ${f69[p]}`).toBe(true)
    }
  })
})

describe('throughputSamples', () => {
  it('has one sample per calendar day of the window, zero on days nothing finished', () => {
    expect(
      throughputSamples(
        [
          { day: '2026-11-01', points: 9 }, // before the window
          { day: '2026-11-03', points: 5 },
          { day: '2026-11-05', points: 2 },
          { day: '2026-11-06', points: 9 }, // after it
        ],
        '2026-11-02',
        '2026-11-05',
      ),
    ).toEqual([0, 5, 0, 2])
  })
})

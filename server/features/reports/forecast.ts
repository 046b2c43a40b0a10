// Forecasts: will the active iteration finish at the current pace, and a Monte Carlo forecast of when
// each release's remaining work is done, from recent daily throughput. Pure and seeded: the same
// inputs and seed give the same answer.

import { addDays, daysBetween, daysLeft } from '../../../domain/dates'

export type ForecastStatus = 'on_track' | 'at_risk' | 'late'

/** mulberry32: a small, good-enough seeded PRNG. */
export function seededRandom(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface IterationPace {
  status: ForecastStatus
  reason: 'no_work' | 'done' | 'on_pace' | 'behind' | 'no_progress' | 'past_end'
  remaining: number
  done: number
  /** Points per day so far. */
  pace: number
  daysElapsed: number
  daysLeft: number
  /** The day the remaining work is done at the current pace (null when there is no pace). */
  projectedEnd: string | null
}

/**
 * At the pace so far (done points ÷ elapsed days, today included), is the remaining work done by the
 * end date? on_track when the projection lands on or before the end; at_risk when it lands within
 * 20 % of the iteration's length after it; late beyond that, or with work left and no progress.
 */
export function iterationPace(
  iteration: { startDate: string; endDate: string },
  today: string,
  done: number,
  remaining: number,
): IterationPace {
  const length = daysBetween(iteration.startDate, iteration.endDate) + 1
  const daysElapsed = Math.min(length, Math.max(0, daysBetween(iteration.startDate, today) + 1))
  const left = Math.max(0, daysLeft(iteration.endDate, today))
  const pace = daysElapsed > 0 ? done / daysElapsed : 0
  const base = { remaining, done, pace: Math.round(pace * 100) / 100, daysElapsed, daysLeft: left }
  if (remaining <= 0)
    return { ...base, status: 'on_track', reason: done > 0 ? 'done' : 'no_work', projectedEnd: today }
  if (today > iteration.endDate) return { ...base, status: 'late', reason: 'past_end', projectedEnd: null }
  if (pace === 0) {
    return {
      ...base,
      status: daysElapsed >= length / 3 ? 'late' : 'at_risk',
      reason: 'no_progress',
      projectedEnd: null,
    }
  }
  const needed = Math.ceil(remaining / pace)
  const projectedEnd = addDays(today, needed)
  const slack = needed - left
  if (slack <= 0) return { ...base, status: 'on_track', reason: 'on_pace', projectedEnd }
  return {
    ...base,
    status: slack <= Math.ceil(length * 0.2) ? 'at_risk' : 'late',
    reason: 'behind',
    projectedEnd,
  }
}

export interface ReleaseForecast {
  remaining: number
  p50: string | null
  p85: string | null
  p95: string | null
  status: ForecastStatus
}

/**
 * Monte Carlo: each trial draws a past day's throughput at random for each future day until the
 * remaining points are done; the 50th/85th/95th percentiles of the finishing days become dates.
 * on_track when p85 is on or before the target, at_risk when only p50 is, late otherwise.
 */
export function forecastRelease(
  remaining: number,
  dailyThroughput: readonly number[],
  today: string,
  targetDate: string,
  seed: number,
  trials = 2000,
): ReleaseForecast {
  if (remaining <= 0) return { remaining: 0, p50: today, p85: today, p95: today, status: 'on_track' }
  if (!dailyThroughput.some((x) => x > 0)) {
    return { remaining, p50: null, p85: null, p95: null, status: targetDate < today ? 'late' : 'at_risk' }
  }
  const finishing: number[] = []
  const cap = 3650
  for (let trial = 0; trial < trials; trial++) {
    // Each trial has its own stream, so a trial's draws do not depend on how long earlier trials ran:
    // more remaining work then never finishes earlier.
    const random = seededRandom((seed * 1_000_003 + trial * 7_919) >>> 0)
    let left = remaining
    let days = 0
    while (left > 0 && days < cap) {
      left -= dailyThroughput[Math.floor(random() * dailyThroughput.length)]!
      days++
    }
    finishing.push(days)
  }
  finishing.sort((a, b) => a - b)
  const at = (p: number) =>
    addDays(today, finishing[Math.min(finishing.length - 1, Math.ceil(p * finishing.length) - 1)]!)
  const p50 = at(0.5)
  const p85 = at(0.85)
  const p95 = at(0.95)
  const status: ForecastStatus = p85 <= targetDate ? 'on_track' : p50 <= targetDate ? 'at_risk' : 'late'
  return { remaining, p50, p85, p95, status }
}

/** Throughput per calendar day over the window, zero on days nothing finished (they happen too). */
export function throughputSamples(
  perDay: readonly { day: string; points: number }[],
  from: string,
  to: string,
): number[] {
  const byDay = new Map(perDay.map((d) => [d.day, d.points]))
  const samples: number[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) samples.push(byDay.get(d) ?? 0)
  return samples
}

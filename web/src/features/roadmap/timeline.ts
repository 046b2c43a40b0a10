// Timeline layout math for the roadmap, free of the DOM: calendar dates become whole day numbers, the
// visible range spans whole months, and every position is a fraction of that range (rendered as a
// percentage, so the same layout fits the screen and the printed page).

import { DAY_MS, daysBetween, localToday } from '../../../../domain/dates'

/** Days since 1970-01-01 of a YYYY-MM-DD date (calendar arithmetic in UTC: no time-zone drift). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number)
  return Math.round(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1) / DAY_MS)
}

export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

export { daysBetween, localToday }

export interface TimelineRange {
  /** First day shown (the 1st of a month). */
  start: number
  /** First day after the range (the 1st of the following month). */
  end: number
}

const monthStart = (year: number, month: number) => Math.round(Date.UTC(year, month, 1) / DAY_MS)

/** From the 1st of the month of the earliest date to the end of the month of the latest (today included). */
export function timelineRange(dates: readonly (string | null | undefined)[], today: string): TimelineRange {
  const days = [...dates.filter((d): d is string => Boolean(d)), today].map(dayNumber)
  const first = new Date(Math.min(...days) * DAY_MS)
  const last = new Date(Math.max(...days) * DAY_MS)
  return {
    start: monthStart(first.getUTCFullYear(), first.getUTCMonth()),
    end: monthStart(last.getUTCFullYear(), last.getUTCMonth() + 1),
  }
}

export const rangeDays = (range: TimelineRange) => range.end - range.start

/** Where the start of a day falls, as a fraction of the range (0 = left edge, 1 = right edge). */
export function xOf(range: TimelineRange, date: string): number {
  return (dayNumber(date) - range.start) / rangeDays(range)
}

/** The middle of a day: where a milestone or the today marker is drawn. */
export function pointOf(range: TimelineRange, date: string): number {
  return (dayNumber(date) + 0.5 - range.start) / rangeDays(range)
}

export interface Span {
  left: number
  width: number
}

/** A bar from the start of `startDate` to the end of `endDate` (inclusive), clipped to the range. */
export function spanOf(range: TimelineRange, startDate: string, endDate: string): Span {
  const total = rangeDays(range)
  const from = Math.max(dayNumber(startDate), range.start)
  const to = Math.min(Math.max(dayNumber(endDate), dayNumber(startDate)) + 1, range.end)
  return { left: (from - range.start) / total, width: Math.max(0, to - from) / total }
}

export interface MonthCell extends Span {
  year: number
  /** 0–11. */
  month: number
  /** The 1st of the month, YYYY-MM-DD. */
  date: string
}

export function monthsOf(range: TimelineRange): MonthCell[] {
  const cells: MonthCell[] = []
  let day = range.start
  while (day < range.end) {
    const d = new Date(day * DAY_MS)
    const next = monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1)
    cells.push({
      year: d.getUTCFullYear(),
      month: d.getUTCMonth(),
      date: dateOfDay(day),
      left: (day - range.start) / rangeDays(range),
      width: (Math.min(next, range.end) - day) / rangeDays(range),
    })
    day = next
  }
  return cells
}

/** Mondays inside the range, as fractions: light grid lines for weeks. */
export function weekLinesOf(range: TimelineRange): number[] {
  const lines: number[] = []
  // 1970-01-01 was a Thursday: day n is a Monday when (n + 3) % 7 === 0.
  let day = range.start + ((7 - ((range.start + 3) % 7)) % 7)
  for (; day < range.end; day += 7) lines.push((day - range.start) / rangeDays(range))
  return lines
}

/**
 * First-fit lanes for intervals in day numbers ([start, end), end exclusive): an interval goes in the
 * first lane whose last interval ended at least `gap` days before it starts. Answers each interval's
 * lane, in the input order.
 */
export function assignLanes(intervals: readonly { start: number; end: number }[], gap = 0): number[] {
  const order = intervals.map((_, i) => i).sort((a, b) => intervals[a]!.start - intervals[b]!.start)
  const laneEnds: number[] = []
  const lanes = new Array<number>(intervals.length).fill(0)
  for (const i of order) {
    const interval = intervals[i]!
    let lane = laneEnds.findIndex((end) => end + gap <= interval.start)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(interval.end)
    } else {
      laneEnds[lane] = interval.end
    }
    lanes[i] = lane
  }
  return lanes
}

/**
 * The narrowest the timeline may get before it scrolls sideways: wide enough that the shortest
 * iteration bar keeps room for its name (about 120 px), at least 640 px, at most 40 px a day.
 */
export function timelineMinWidth(range: TimelineRange, shortestIterationDays: number | undefined): number {
  const perDay = shortestIterationDays ? Math.min(40, Math.max(4, 120 / shortestIterationDays)) : 4
  return Math.max(640, Math.round(perDay * rangeDays(range)))
}

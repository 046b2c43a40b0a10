// Pure helpers of the reports page: ISO weeks, chart series from the report endpoints, status tones.
// Kept free of Solid and uPlot so they are tested on their own.
import { parseIsoWeek, isoWeekOf as weekOf } from '../../../../domain/dates'

/** "2026-W48" for the ISO week holding `date` (read in UTC). */
export const isoWeekOf = (date: Date): string => weekOf(date).label

/** The week of the local calendar day (a PM on Monday morning in Shanghai means their Monday). */
export function currentWeek(now: Date = new Date()): string {
  return isoWeekOf(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())))
}

/** The Monday (UTC) of an ISO week, or undefined for a malformed week. */
export function mondayOf(week: string): Date | undefined {
  const parsed = parseIsoWeek(week)
  return parsed && new Date(`${parsed.start}T00:00:00Z`)
}

/** The week `by` weeks after (or before, when negative) the given one. */
export function shiftWeek(week: string, by: number): string {
  const monday = mondayOf(week)
  if (!monday) return week
  monday.setUTCDate(monday.getUTCDate() + by * 7)
  return isoWeekOf(monday)
}

/** ISO dates compare as strings; weeks compare by their Monday. */
export function isAfterWeek(week: string, other: string): boolean {
  const a = mondayOf(week)
  const b = mondayOf(other)
  return !!a && !!b && a.getTime() > b.getTime()
}

/** Seconds since the epoch at UTC midnight of an ISO date: uPlot's time axis. */
export const dateSeconds = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 1000

export interface BurndownDay {
  date: string
  scope: number | null
  done: number | null
  remaining: number | null
  ideal: number
  scopeChange: number
}

export interface BurndownSeries {
  x: number[]
  ideal: number[]
  remaining: (number | null)[]
  done: (number | null)[]
  scope: (number | null)[]
  /** The scope on days it changed after the start (points only), null elsewhere. */
  scopeChanged: (number | null)[]
}

/** Days to come keep their nulls, so the lines stop at today while the ideal line runs to the end. */
export function burndownSeries(days: readonly BurndownDay[]): BurndownSeries {
  return {
    x: days.map((d) => dateSeconds(d.date)),
    ideal: days.map((d) => d.ideal),
    remaining: days.map((d) => d.remaining),
    done: days.map((d) => d.done),
    scope: days.map((d) => d.scope),
    scopeChanged: days.map((d, i) => (i > 0 && d.scopeChange !== 0 ? d.scope : null)),
  }
}

/** Days whose scope changed after the start, for the list under the chart. */
export const scopeChanges = (days: readonly BurndownDay[]) =>
  days.filter((d, i) => i > 0 && d.scopeChange !== 0 && d.scope !== null)

export const FLOW_STATUSES = ['done', 'review', 'doing', 'blocked', 'todo'] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]
export type FlowDay = { date: string } & Record<FlowStatus, number>

/** Cumulative flow as stacked bands: each status's line sits on the ones below it (done at the bottom). */
export function flowSeries(days: readonly FlowDay[]): { x: number[]; stacks: Record<FlowStatus, number[]> } {
  const stacks = Object.fromEntries(FLOW_STATUSES.map((s) => [s, [] as number[]])) as Record<
    FlowStatus,
    number[]
  >
  for (const day of days) {
    let sum = 0
    for (const status of FLOW_STATUSES) {
      sum += day[status]
      stacks[status].push(sum)
    }
  }
  return { x: days.map((d) => dateSeconds(d.date)), stacks }
}

export type ForecastStatus = 'on_track' | 'at_risk' | 'late'

/** Tone of a forecast badge: the same three colours everywhere (home page included). */
export function forecastTone(status: string): 'success' | 'warning' | 'danger' | 'neutral' {
  if (status === 'on_track') return 'success'
  if (status === 'at_risk') return 'warning'
  if (status === 'late') return 'danger'
  return 'neutral'
}

/** "mes-weekly-2026-W48.md": a file name that sorts by week. */
export const markdownFileName = (productKey: string, week: string) =>
  `${productKey.toLowerCase()}-weekly-${week}.md`

/** The widest value drives the bar lengths of a small horizontal bar chart (0–100 %). */
export function barWidths(values: readonly number[]): number[] {
  const max = Math.max(0, ...values)
  return values.map((v) => (max > 0 ? Math.round((v / max) * 1000) / 10 : 0))
}

// Calendar arithmetic on `YYYY-MM-DD` dates and ISO weeks, in UTC: the server and the board agree on
// what "14 days later" and "2026-W48" mean because both read them from here.

export const DAY_MS = 86_400_000

const utc = (date: string) => Date.parse(`${date}T00:00:00Z`)

/** The date `days` after (before, when negative) `date`. */
export const addDays = (date: string, days: number) =>
  new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10)

/** Whole days from one date to another (0 for the same day, negative when `to` comes first). */
export const daysBetween = (from: string, to: string) => Math.round((utc(to) - utc(from)) / DAY_MS)

/**
 * Whole days left in a span ending on `endDate` (its last day), after `today`: 0 on the last day itself,
 * negative once it has ended. Today counts as a day being worked (a forecast's elapsed days include it),
 * so it is not also a day left. The board, home, roadmap and the forecast all read days left from here.
 */
export const daysLeft = (endDate: string, today: string) => daysBetween(today, endDate)

/** The ISO week of a moment, read in UTC: the week's Thursday decides the year. */
export function isoWeekOf(date: Date): { year: number; week: number; label: string } {
  const d = new Date(date)
  d.setUTCHours(0, 0, 0, 0)
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7))
  const year = d.getUTCFullYear()
  const jan1 = new Date(0)
  jan1.setUTCFullYear(year, 0, 1) // not Date.UTC, which reads the years 0–99 as 1900–1999
  const week = Math.ceil(((d.getTime() - jan1.getTime()) / DAY_MS + 1) / 7)
  return { year, week, label: `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}` }
}

/** How many ISO weeks a year has (52 or 53): 28 December always lies in its last week. */
export const weeksIn = (year: number) =>
  isoWeekOf(new Date(`${String(year).padStart(4, '0')}-12-28T00:00:00Z`)).week

/**
 * `2026-W48` read as its Monday and the Monday after, or undefined when it is not a week of that
 * form or its year has no such week.
 */
export function parseIsoWeek(
  week: string,
): { year: number; week: number; start: string; end: string } | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week)
  if (!match) return undefined
  const year = Number(match[1])
  const number = Number(match[2])
  if (number < 1 || number > weeksIn(year)) return undefined
  // Week 1 is the week with 4 January in it.
  const jan4 = `${match[1]}-01-04`
  const weekday = new Date(`${jan4}T00:00:00Z`).getUTCDay() || 7
  const start = addDays(jan4, 1 - weekday + (number - 1) * 7)
  return { year, week: number, start, end: addDays(start, 7) }
}

/** The calendar date of a moment where the viewer is (a PM in Shanghai at 07:00 means their today). */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

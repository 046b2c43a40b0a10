// How far a date, a span or a window may reach. One request must never name a range that costs the
// server minutes (a burndown of 0001-01-01 to 9999-12-31 is 3.6 million days): every date a person
// can type lies in DATE_WINDOW, an iteration spans at most a year, and reports look back a bounded way.

/** Dates anyone can enter: plans, due dates, asks, promises, expiries and history filters. */
export const DATE_WINDOW = { min: '2000-01-01', max: '2100-12-31' } as const

/** An iteration is a time box: at most a year, start and end days included. */
export const MAX_ITERATION_DAYS = 366

/** True when a `YYYY-MM-DD` (or the date part of an ISO instant) lies in DATE_WINDOW. */
export const inDateWindow = (date: string) => {
  const day = date.slice(0, 10)
  return day >= DATE_WINDOW.min && day <= DATE_WINDOW.max
}

/** How long a typed field may be: names and titles, long texts (descriptions, comments), passwords. */
export const FIELD_LIMITS = { name: 200, text: 100_000, password: { min: 8, max: 200 } } as const

/** The most requirements a product's backlog is put in order at once (its ids fit well under 1 MB). */
export const MAX_BACKLOG = 50_000

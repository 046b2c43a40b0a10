// Calendar dates (YYYY-MM-DD) in the current language. They are formatted in UTC: a date has no time of
// day, so it must not shift by a day in time zones west of Greenwich.
import { createMemo } from 'solid-js'
import { useI18n } from '../../i18n'

export function useDayFormat() {
  const { locale } = useI18n()
  const formats = createMemo(() => {
    const at = (options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' })
    return {
      day: at({ dateStyle: 'medium' }),
      short: at({ month: 'short', day: 'numeric' }),
      month: at({ year: 'numeric', month: 'short' }),
    }
  })
  const parse = (date: string) => new Date(`${date.slice(0, 10)}T00:00:00Z`)
  return {
    /** "Nov 30, 2026" · "2026年11月30日" */
    day: (date: string) => formats().day.format(parse(date)),
    /** "Nov 30" · "11月30日" */
    short: (date: string) => formats().short.format(parse(date)),
    /** "Nov 2026" · "2026年11月" */
    month: (date: string) => formats().month.format(parse(date)),
    /** "Nov 17 – Nov 30" (the year is added when the range leaves the current one). */
    range: (start: string, end: string, today: string) => {
      const sameYear = start.slice(0, 4) === today.slice(0, 4) && end.slice(0, 4) === today.slice(0, 4)
      const f = sameYear ? formats().short : formats().day
      return `${f.format(parse(start))} – ${f.format(parse(end))}`
    },
  }
}

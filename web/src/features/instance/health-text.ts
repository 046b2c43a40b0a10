// The health card's numbers in the reader's language, free of the DOM: counts with their separators, and
// how long the server has been running in its two largest units ("3 days 4 hours", "3天4小时").
import type { Locale } from '../../i18n'

export const formatCount = (n: number, locale: Locale) => new Intl.NumberFormat(locale).format(n)

type Unit = 'day' | 'hour' | 'minute' | 'second'
const inUnit = (n: number, unit: Unit, locale: Locale) =>
  new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(n)

/** The two largest units, a zero one left out: "3 days 4 hours", "2 hours", "12 minutes", "40 seconds". */
export function formatUptime(seconds: number, locale: Locale): string {
  const total = Math.max(0, Math.floor(seconds))
  const days = Math.floor(total / 86_400)
  const hours = Math.floor((total % 86_400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const largest: [number, Unit][] = days
    ? [
        [days, 'day'],
        [hours, 'hour'],
      ]
    : hours
      ? [
          [hours, 'hour'],
          [minutes, 'minute'],
        ]
      : minutes
        ? [[minutes, 'minute']]
        : [[total, 'second']]
  const parts = largest.filter(([n], i) => i === 0 || n > 0).map(([n, unit]) => inUnit(n, unit, locale))
  return new Intl.ListFormat(locale, { type: 'unit', style: 'narrow' }).format(parts)
}

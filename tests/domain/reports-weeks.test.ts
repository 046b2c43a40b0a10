// ISO weeks for the weekly report: parsing `2026-W48` into its Monday and the Monday after, and the
// week of a date (the week's Thursday decides the year; some years have 53 weeks).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isoWeekOf, parseIsoWeek } from '../../domain/dates'
import { isoWeek } from '../../server/features/reports/service'
import { AppError } from '../../server/lib/errors'

const weekOf = (date: string) => isoWeekOf(new Date(`${date}T12:00:00Z`)).label

describe('isoWeek', () => {
  it.each([
    ['2026-W01', '2025-12-29', '2026-01-05'],
    ['2026-W45', '2026-11-02', '2026-11-09'],
    ['2026-W48', '2026-11-23', '2026-11-30'],
    ['2026-W53', '2026-12-28', '2027-01-04'],
    ['2020-W53', '2020-12-28', '2021-01-04'],
    ['2021-W01', '2021-01-04', '2021-01-11'],
    ['2025-W01', '2024-12-30', '2025-01-06'],
  ])('%s runs from %s to the Monday %s', (week, start, end) => {
    expect(isoWeek(week)).toEqual({ start, end })
  })

  it.each([
    '2026-48',
    '2026-W60',
    '2026-W00',
    '2026-W54',
    '2021-W53',
    '2027-W53',
    'abc',
    '',
    '2026-W4',
    '2026-w45',
    ' 2026-W45',
    '2026-W45 ',
    '2026-W045',
    '26-W45',
    // Outside the years any date in Keel may take: a week of year 1 used to read as 1901.
    '0001-W01',
    '1999-W10',
    '2101-W01',
    '9999-W52',
  ])('rejects %j as invalid input', (week) => {
    let error: unknown
    try {
      isoWeek(week)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('invalid_input')
  })
})

describe('isoWeekOf', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday
    ['2025-12-29', '2026-W01'], // the Monday of that week, still in 2025
    ['2027-01-01', '2026-W53'], // a Friday: the last week of 2026
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2021-01-03', '2020-W53'],
    ['2024-12-30', '2025-W01'],
    ['2026-11-16', '2026-W47'],
    ['2026-11-22', '2026-W47'], // Sunday ends the week
  ])('%s is in %s', (date, week) => {
    expect(weekOf(date)).toBe(week)
  })

  it('round-trips: every date lies in the week its label parses to, which starts on a Monday', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 60 }), (n) => {
        const date = new Date(Date.UTC(2000, 0, 3) + n * 86_400_000)
        const day = date.toISOString().slice(0, 10)
        const { start, end } = isoWeek(isoWeekOf(date).label)
        expect(start <= day && day < end).toBe(true)
        expect(new Date(`${start}T00:00:00Z`).getUTCDay()).toBe(1)
      }),
      { numRuns: 500 },
    )
  })

  it('reads the years 1 to 99 as themselves, not as 1901 to 1999 (the pure calendar, before any window)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 7, max: 365 * 9999 - 7 }), (n) => {
        const date = new Date(Date.parse('0001-01-01T00:00:00Z') + n * 86_400_000)
        const day = date.toISOString().slice(0, 10)
        const parsed = parseIsoWeek(isoWeekOf(date).label)
        expect(parsed && parsed.start <= day && day < parsed.end, day).toBe(true)
      }),
      { numRuns: 500 },
    )
    expect(parseIsoWeek('0001-W01')).toMatchObject({ start: '0001-01-01', end: '0001-01-08' })
  })
})

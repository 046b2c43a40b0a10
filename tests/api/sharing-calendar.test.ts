// The calendar feed of a share link: valid iCalendar (RFC 5545) — one calendar, one all-day VEVENT per
// iteration and release, CRLF line endings, lines folded at 75 octets, TEXT escaped, text/calendar.
import { beforeAll, describe, expect, it } from 'vitest'
import { type Domain, domainApp, type Json } from '../helpers/domain'

const LONG_ZH = '第二阶段：质量追溯、设备联网与能耗看板全面推广至全部工厂车间的迭代计划'
const LONG_EN = 'Release with a rather long English name that surely needs folding past seventy-five octets'

/** Unfolds content lines (CRLF followed by one space continues the line). */
const unfold = (ics: string) => ics.replaceAll('\r\n ', '').split('\r\n').slice(0, -1)

/** The VEVENTs of a feed as property maps (name with parameters → value). */
function events(lines: string[]): Record<string, string>[] {
  const out: Record<string, string>[] = []
  let current: Record<string, string> | null = null
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = {}
    else if (line === 'END:VEVENT') {
      out.push(current!)
      current = null
    } else if (current) {
      const colon = line.indexOf(':')
      current[line.slice(0, colon)] = line.slice(colon + 1)
    }
  }
  return out
}

describe('the calendar feed', () => {
  let d: Domain
  let ics: string
  let res: Response
  let ids: Record<string, Json>
  beforeAll(async () => {
    d = await domainApp()
    const p = await d.ok('POST', '/products', { key: 'MES', name: 'Shopfloor MES, Line 2; Plant A' }, 201)
    const v1 = await d.release(p.id, { name: 'v1, first customers', targetDate: '2026-12-18' })
    const long = await d.release(p.id, { name: LONG_EN, targetDate: '2027-01-29' })
    const s1 = await d.iteration(p.id, {
      name: 'Sprint 1; pilot, phase A',
      startDate: '2026-11-02',
      endDate: '2026-11-13',
    })
    const zh = await d.iteration(p.id, { name: LONG_ZH, startDate: '2026-11-16', endDate: '2026-11-27' })
    const yearEnd = await d.iteration(p.id, {
      name: 'Year end \\ freeze',
      startDate: '2026-12-21',
      endDate: '2026-12-31',
    })
    ids = { v1, long, s1, zh, yearEnd }
    const link = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    res = await d.t.app.request(link.calendarUrl)
    ics = await res.text()
  })

  it('is served as text/calendar, not cached', () => {
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar; ?charset=utf-8$/i)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('is one VCALENDAR with CRLF line endings and no line over 75 octets', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
    expect(ics.match(/BEGIN:VCALENDAR/g)).toHaveLength(1)
    // Every line break is CRLF: nothing bare is left once the CRLFs are gone.
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
    const physical = ics.split('\r\n').slice(0, -1)
    for (const line of physical) expect(Buffer.byteLength(line, 'utf8'), line).toBeLessThanOrEqual(75)
    // The long names really were folded (continuation lines start with one space).
    expect(physical.some((l) => l.startsWith(' '))).toBe(true)
    const lines = unfold(ics)
    expect(lines).toContain('VERSION:2.0')
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true)
    expect(lines).toContain('X-WR-CALNAME:Shopfloor MES\\, Line 2\\; Plant A')
  })

  it('has one all-day VEVENT per iteration and release, with UID, DTSTAMP and exclusive end dates', () => {
    const list = events(unfold(ics))
    expect(list).toHaveLength(5)
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(5)
    expect(ics.match(/END:VEVENT/g)).toHaveLength(5)
    expect(new Set(list.map((e) => e.UID)).size).toBe(5)
    for (const e of list) {
      expect(e.UID).toMatch(/\S+@\S+/)
      expect(e.DTSTAMP).toBe('20261102T090000Z')
      expect(e['DTSTART;VALUE=DATE']).toMatch(/^\d{8}$/)
      expect(e['DTEND;VALUE=DATE']).toMatch(/^\d{8}$/)
      expect(e['DTEND;VALUE=DATE']! > e['DTSTART;VALUE=DATE']!).toBe(true)
    }
    const bySummary = Object.fromEntries(list.map((e) => [e.SUMMARY, e]))
    expect(bySummary['MES · Sprint 1\\; pilot\\, phase A']).toMatchObject({
      'DTSTART;VALUE=DATE': '20261102',
      'DTEND;VALUE=DATE': '20261114',
    })
    expect(bySummary[`MES · ${LONG_ZH}`]).toMatchObject({
      'DTSTART;VALUE=DATE': '20261116',
      'DTEND;VALUE=DATE': '20261128',
    })
    expect(bySummary['MES · Year end \\\\ freeze']).toMatchObject({
      'DTSTART;VALUE=DATE': '20261221',
      'DTEND;VALUE=DATE': '20270101',
    })
    expect(bySummary['MES · v1\\, first customers']).toMatchObject({
      'DTSTART;VALUE=DATE': '20261218',
      'DTEND;VALUE=DATE': '20261219',
    })
    expect(bySummary[`MES · ${LONG_EN}`]).toMatchObject({
      'DTSTART;VALUE=DATE': '20270129',
      'DTEND;VALUE=DATE': '20270130',
    })
  })

  it('follows the roadmap: a deleted iteration leaves the feed', async () => {
    await d.ok('DELETE', `/iterations/${ids.yearEnd.id}`, undefined, 204)
    const link = await d.ok('POST', '/share-links', { productId: ids.s1.productId }, 201)
    const again = await (await d.t.app.request(link.calendarUrl)).text()
    expect(events(unfold(again))).toHaveLength(4)
    expect(again).not.toContain('Year end')
  })

  it('answers 404 for a calendar path that is not <token>.ics', async () => {
    const link = await d.ok('POST', '/share-links', { productId: ids.s1.productId }, 201)
    for (const path of [
      `/api/calendar/${link.token}`,
      `/api/calendar/${link.token}.ical`,
      `/api/calendar/${link.token}.ics.ics`,
    ]) {
      const r = await d.t.request('GET', path)
      expect([400, 404], path).toContain(r.status)
      expect(r.body.error.code).toMatch(/^(not_found|invalid_input)$/)
    }
  })
})

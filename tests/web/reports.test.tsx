// Reports: ISO week stepping, burndown and flow series for the charts, forecast tones, and the public
// shared roadmap (a customer's view, the "no longer valid" page) and the weekly report as people read them.
import { afterEach, describe, expect, it } from 'vitest'
import {
  barWidths,
  burndownSeries,
  currentWeek,
  dateSeconds,
  flowSeries,
  forecastTone,
  isAfterWeek,
  isoWeekOf,
  markdownFileName,
  mondayOf,
  scopeChanges,
  shiftWeek,
} from '../../web/src/features/reports/logic'
import { defaultIteration } from '../../web/src/features/reports/reports-page'
import { WeeklyReport } from '../../web/src/features/reports/weekly-report'
import { endOfDay, linkState } from '../../web/src/features/sharing/share-links'
import SharePage from '../../web/src/features/sharing/share-page'
import { buttonLabels, type Rendered, renderPage, until, untranslatedKeys } from './home-harness'

describe('ISO weeks', () => {
  it('names the week of a date, the ISO year decided by its Thursday', () => {
    expect(isoWeekOf(new Date('2026-11-26T00:00:00Z'))).toBe('2026-W48')
    expect(isoWeekOf(new Date('2026-01-01T00:00:00Z'))).toBe('2026-W01')
    expect(isoWeekOf(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53')
    expect(isoWeekOf(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01')
  })

  it('steps back across the turn of the year to W52 or W53', () => {
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52')
    expect(shiftWeek('2027-W01', -1)).toBe('2026-W53')
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01')
    expect(shiftWeek('2026-W48', -4)).toBe('2026-W44')
  })

  it('finds the Monday of a week and leaves malformed weeks alone', () => {
    expect(mondayOf('2026-W48')?.toISOString().slice(0, 10)).toBe('2026-11-23')
    expect(mondayOf('2026-W01')?.toISOString().slice(0, 10)).toBe('2025-12-29')
    expect(mondayOf('2026-48')).toBeUndefined()
    expect(shiftWeek('nonsense', 1)).toBe('nonsense')
  })

  it('reads this week from the local calendar day and never goes past it', () => {
    expect(currentWeek(new Date(2026, 10, 29, 23, 30))).toBe('2026-W48')
    expect(currentWeek(new Date(2026, 10, 30, 0, 10))).toBe('2026-W49')
    expect(isAfterWeek('2026-W49', '2026-W48')).toBe(true)
    expect(isAfterWeek('2026-W48', '2026-W48')).toBe(false)
    expect(isAfterWeek('2025-W52', '2026-W01')).toBe(false)
  })

  it('names the Markdown file after the product and the week', () => {
    expect(markdownFileName('MES', '2026-W48')).toBe('mes-weekly-2026-W48.md')
  })
})

describe('chart series', () => {
  const days = [
    { date: '2026-11-17', scope: 40, done: 0, remaining: 40, ideal: 40, scopeChange: 0 },
    { date: '2026-11-18', scope: 40, done: 5, remaining: 35, ideal: 30, scopeChange: 0 },
    { date: '2026-11-19', scope: 48, done: 10, remaining: 38, ideal: 20, scopeChange: 8 },
    { date: '2026-11-20', scope: null, done: null, remaining: null, ideal: 10, scopeChange: 0 },
    { date: '2026-11-21', scope: null, done: null, remaining: null, ideal: 0, scopeChange: 0 },
  ]

  it('maps burndown days to aligned series, days to come left null while the ideal line runs on', () => {
    const s = burndownSeries(days)
    expect(s.x).toEqual(days.map((d) => dateSeconds(d.date)))
    expect(s.x[1]! - s.x[0]!).toBe(86_400)
    expect(s.ideal).toEqual([40, 30, 20, 10, 0])
    expect(s.remaining).toEqual([40, 35, 38, null, null])
    expect(s.done).toEqual([0, 5, 10, null, null])
    expect(s.scope).toEqual([40, 40, 48, null, null])
  })

  it('marks the days scope changed after the start', () => {
    expect(burndownSeries(days).scopeChanged).toEqual([null, null, 48, null, null])
    expect(scopeChanges(days).map((d) => d.date)).toEqual(['2026-11-19'])
    expect(burndownSeries([]).x).toEqual([])
  })

  it('stacks cumulative flow with done at the bottom', () => {
    const s = flowSeries([{ date: '2026-11-17', todo: 5, doing: 2, review: 1, blocked: 1, done: 3 }])
    expect(s.stacks.done).toEqual([3])
    expect(s.stacks.review).toEqual([4])
    expect(s.stacks.doing).toEqual([6])
    expect(s.stacks.blocked).toEqual([7])
    expect(s.stacks.todo).toEqual([12])
  })

  it('scales bars to the widest value', () => {
    expect(barWidths([2, 4, 1])).toEqual([50, 100, 25])
    expect(barWidths([0, 0])).toEqual([0, 0])
  })

  it('gives each forecast status its colour', () => {
    expect(forecastTone('on_track')).toBe('success')
    expect(forecastTone('at_risk')).toBe('warning')
    expect(forecastTone('late')).toBe('danger')
    expect(forecastTone('other')).toBe('neutral')
  })

  it('shows the active iteration by default, else the latest that ran', () => {
    expect(
      defaultIteration([
        { id: 1, status: 'closed', startDate: '2026-10-01' },
        { id: 2, status: 'active', startDate: '2026-11-01' },
        { id: 3, status: 'planned', startDate: '2026-12-01' },
      ]),
    ).toBe(2)
    expect(
      defaultIteration([
        { id: 1, status: 'closed', startDate: '2026-10-01' },
        { id: 4, status: 'closed', startDate: '2026-10-15' },
        { id: 3, status: 'planned', startDate: '2026-12-01' },
      ]),
    ).toBe(4)
    expect(defaultIteration([])).toBeUndefined()
  })
})

describe('share links', () => {
  it('tells active, expired and revoked links apart', () => {
    const now = new Date('2026-11-26T12:00:00Z')
    expect(linkState({ revokedAt: null, expiresAt: null }, now)).toBe('active')
    expect(linkState({ revokedAt: null, expiresAt: '2026-11-26T11:00:00Z' }, now)).toBe('expired')
    expect(linkState({ revokedAt: '2026-11-20T00:00:00Z', expiresAt: null }, now)).toBe('revoked')
    expect(Date.parse(endOfDay('2026-12-31'))).toBeGreaterThan(Date.parse('2026-12-31T00:00:00'))
  })
})

const shared = {
  product: { key: 'MES', name: 'Factory MES' },
  customer: { name: 'Hengli Auto Parts' },
  expiresAt: '2026-12-31T23:59:59.000Z',
  iterations: [
    {
      id: 7,
      name: 'Sprint 12',
      startDate: '2026-11-16',
      endDate: '2026-11-29',
      status: 'active',
      releaseId: 3,
    },
  ],
  releases: [{ id: 3, name: 'MES 2.4', targetDate: '2026-12-15', status: 'planned', releasedAt: null }],
  requirements: [
    {
      id: 1,
      key: 'MES-12',
      title: 'Andon alerts on the line',
      status: 'developing',
      priority: 'P1',
      iterationId: 7,
      releaseId: 3,
      targetDate: null,
      promisedDate: '2026-12-01',
    },
  ],
}

describe('the shared roadmap page', () => {
  let page: Rendered | undefined
  afterEach(() => page?.dispose())

  it('shows a customer their requirements, promised dates and the link expiry', async () => {
    page = renderPage({
      page: SharePage,
      route: '/s/:token',
      at: '/s/abc',
      routes: { '/api/share/abc': shared },
    })
    const root = page.container
    await until(() => root.querySelector('[data-testid="shared-roadmap"]'))
    expect(root.textContent).toContain('Factory MES roadmap')
    expect(root.textContent).toContain('For Hengli Auto Parts')
    expect(root.textContent).toContain('Andon alerts on the line')
    expect(root.textContent).toContain('Promised')
    expect(root.textContent).toContain('MES 2.4')
    expect(root.querySelector('a[href="/api/calendar/abc.ics"]')).not.toBeNull()
    expect(untranslatedKeys(root)).toEqual([])
  })

  it('says plainly that a revoked or expired link is no longer valid, in Chinese too', async () => {
    page = renderPage({
      page: SharePage,
      route: '/s/:token',
      at: '/s/gone',
      locale: 'zh-CN',
      routes: { '/api/share/gone': { status: 404, body: { error: { code: 'not_found', message: 'x' } } } },
    })
    const invalid = await until(() => page?.container.querySelector('[data-testid="share-invalid"]'))
    expect(invalid?.textContent).toContain('此链接已失效')
  })
})

describe('the weekly report', () => {
  let page: Rendered | undefined
  afterEach(() => page?.dispose())

  const report = {
    week: currentWeek(),
    from: '2026-11-23',
    to: '2026-11-29',
    lang: 'en',
    sections: {
      done: [{ key: 'MES-1', title: 'Shift handover' }],
      inProgress: [],
      blocked: [{ key: 'MES-2', title: 'PLC gateway', detail: 'waiting on vendor' }],
      overdue: [],
      nextWeek: [],
      shipped: [{ key: 'MES-3', title: 'OEE board', customers: ['Hengli'] }],
      stability: { share: 25, points: 5, totalPoints: 20 },
    },
    markdown: '# Weekly report',
  }

  it('asks for this week in the interface language and offers copy and download', async () => {
    page = renderPage({
      page: () => <WeeklyReport productId={1} productKey="MES" />,
      route: '/',
      at: '/',
      routes: { '/api/workspaces/1/products/1/reports/weekly': report },
    })
    const root = page.container
    await until(() => root.textContent?.includes('PLC gateway'))
    expect(page.requests.some((r) => r.includes(`week=${currentWeek()}`) && r.includes('lang=en'))).toBe(true)
    expect(buttonLabels(root)).toEqual(expect.arrayContaining(['Copy as Markdown', 'Download .md']))
    expect(root.textContent).toContain('25% of the points done (5 of 20 pts)')
    expect(root.textContent).toContain('to Hengli')
    const next = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Next week'))
    expect(next?.disabled).toBe(true)
    expect(untranslatedKeys(root)).toEqual([])
  })
})

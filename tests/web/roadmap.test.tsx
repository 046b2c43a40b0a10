// The roadmap: timeline layout math (dates → positions over whole months, bars, lanes), how releases,
// iterations and requirements are grouped, and the page as a stakeholder reads it in both languages.
import { describe, expect, it } from 'vitest'
import { roadmapLayout } from '../../web/src/features/roadmap/blocks'
import type { Roadmap } from '../../web/src/features/roadmap/queries'
import RoadmapPage from '../../web/src/features/roadmap/roadmap-page'
import {
  assignLanes,
  dateOfDay,
  dayNumber,
  daysBetween,
  localToday,
  monthsOf,
  pointOf,
  rangeDays,
  spanOf,
  timelineMinWidth,
  timelineRange,
  weekLinesOf,
  xOf,
} from '../../web/src/features/roadmap/timeline'
import { buttonLabels, renderPagesAt, STAKEHOLDER_PERMISSIONS, until, untranslatedKeys } from './home-harness'

describe('timeline math', () => {
  it('counts calendar days without time-zone drift', () => {
    expect(dayNumber('1970-01-02')).toBe(1)
    expect(daysBetween('2026-11-17', '2026-11-30')).toBe(13)
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
    expect(dateOfDay(dayNumber('2028-02-29'))).toBe('2028-02-29')
    expect(localToday(new Date(2026, 10, 26, 23, 59))).toBe('2026-11-26')
  })

  it('spans whole months from the earliest to the latest date, today included', () => {
    const range = timelineRange(['2026-11-03', '2026-12-15', null], '2026-11-26')
    expect(dateOfDay(range.start)).toBe('2026-11-01')
    expect(dateOfDay(range.end)).toBe('2027-01-01')
    expect(rangeDays(range)).toBe(61)
    const past = timelineRange(['2026-03-10'], '2026-06-02')
    expect([dateOfDay(past.start), dateOfDay(past.end)]).toEqual(['2026-03-01', '2026-07-01'])
  })

  it('puts a date at its fraction of the range; a point sits mid-day', () => {
    const range = timelineRange(['2026-11-01', '2026-12-31'], '2026-11-01')
    expect(xOf(range, '2026-11-01')).toBe(0)
    expect(xOf(range, '2027-01-01')).toBe(1)
    expect(xOf(range, '2026-12-01')).toBeCloseTo(30 / 61)
    expect(pointOf(range, '2026-11-01')).toBeCloseTo(0.5 / 61)
  })

  it('draws a bar from the start of its first day to the end of its last, clipped to the range', () => {
    const range = timelineRange(['2026-11-01', '2026-12-31'], '2026-11-01')
    const bar = spanOf(range, '2026-11-17', '2026-11-30')
    expect(bar.left).toBeCloseTo(16 / 61)
    expect(bar.width).toBeCloseTo(14 / 61)
    expect(spanOf(range, '2026-10-20', '2026-11-02')).toEqual({ left: 0, width: 2 / 61 })
    expect(spanOf(range, '2026-12-30', '2027-01-20').width).toBeCloseTo(2 / 61)
    // An end before the start still draws one day.
    expect(spanOf(range, '2026-11-10', '2026-11-05').width).toBeCloseTo(1 / 61)
  })

  it('lists the months with their share of the width, across a year end', () => {
    const months = monthsOf(timelineRange(['2026-11-10', '2027-02-03'], '2026-11-10'))
    expect(months.map((m) => [m.year, m.month, m.date])).toEqual([
      [2026, 10, '2026-11-01'],
      [2026, 11, '2026-12-01'],
      [2027, 0, '2027-01-01'],
      [2027, 1, '2027-02-01'],
    ])
    expect(months.reduce((sum, m) => sum + m.width, 0)).toBeCloseTo(1)
    expect(months[1]!.left).toBeCloseTo(30 / 120)
  })

  it('marks every Monday for the week grid', () => {
    const range = timelineRange(['2026-11-01', '2026-11-30'], '2026-11-01')
    const mondays = weekLinesOf(range).map((x) => dateOfDay(range.start + Math.round(x * rangeDays(range))))
    expect(mondays).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23', '2026-11-30'])
  })

  it('stacks overlapping bars in lanes, first fit, and reuses a lane once it is free', () => {
    expect(assignLanes([])).toEqual([])
    expect(
      assignLanes([
        { start: 0, end: 14 },
        { start: 14, end: 28 },
        { start: 10, end: 20 },
        { start: 21, end: 30 },
      ]),
    ).toEqual([0, 0, 1, 1])
    // A gap keeps neighbours apart (milestone labels need room).
    expect(
      assignLanes(
        [
          { start: 0, end: 1 },
          { start: 5, end: 6 },
        ],
        10,
      ),
    ).toEqual([0, 1])
  })

  it('is wide enough for the shortest iteration’s name, and never narrower than 640 px', () => {
    const twoMonths = timelineRange(['2026-11-01', '2026-12-31'], '2026-11-01')
    expect(timelineMinWidth(twoMonths, 7)).toBe(Math.round((120 / 7) * 61))
    expect(timelineMinWidth(twoMonths, 14)).toBe(640)
    expect(timelineMinWidth(twoMonths, undefined)).toBe(640)
    const twoYears = timelineRange(['2026-01-01', '2027-12-31'], '2026-01-01')
    expect(timelineMinWidth(twoYears, 1)).toBe(40 * rangeDays(twoYears))
  })
})

const ROADMAP: Roadmap = {
  product: { id: 1, key: 'MES', name: '智能制造 MES', description: 'Shop-floor execution' },
  releases: [
    {
      id: 2,
      name: 'MES 2.4',
      description: '',
      targetDate: '2026-12-15',
      status: 'planned',
      releasedAt: null,
    },
    {
      id: 1,
      name: 'MES 2.3',
      description: '',
      targetDate: '2026-11-17',
      status: 'released',
      releasedAt: '2026-11-16T17:00:00.000Z',
    },
  ],
  iterations: [
    {
      id: 3,
      name: '迭代 25',
      goal: '',
      startDate: '2026-12-01',
      endDate: '2026-12-14',
      status: 'planned',
      releaseId: 2,
    },
    {
      id: 1,
      name: '迭代 23',
      goal: '',
      startDate: '2026-11-03',
      endDate: '2026-11-16',
      status: 'closed',
      releaseId: 1,
    },
    {
      id: 2,
      name: '迭代 24',
      goal: '扫码报工上线',
      startDate: '2026-11-17',
      endDate: '2026-11-30',
      status: 'active',
      releaseId: 2,
    },
    {
      id: 4,
      name: 'Hardening',
      goal: '',
      startDate: '2027-01-04',
      endDate: '2027-01-15',
      status: 'planned',
      releaseId: null,
    },
  ],
  requirements: [
    {
      id: 1,
      key: 'MES-1',
      title: '排产计划优化',
      status: 'released',
      priority: 'P0',
      iterationId: 1,
      releaseId: null,
      targetDate: null,
      moduleId: null,
      askCount: 2,
    },
    {
      id: 2,
      key: 'MES-2',
      title: '移动端设备点检',
      status: 'developing',
      priority: 'P1',
      iterationId: 2,
      releaseId: null,
      targetDate: null,
      moduleId: null,
      askCount: 1,
    },
    {
      id: 3,
      key: 'MES-3',
      title: 'SPC alarms',
      status: 'planned',
      priority: 'P2',
      iterationId: 3,
      releaseId: null,
      targetDate: null,
      moduleId: null,
      askCount: 0,
    },
    {
      id: 4,
      key: 'MES-4',
      title: 'Release notes page',
      status: 'approved',
      priority: 'P3',
      iterationId: null,
      releaseId: 2,
      targetDate: null,
      moduleId: null,
      askCount: 0,
    },
    {
      id: 5,
      key: 'MES-5',
      title: '多工厂数据隔离',
      status: 'approved',
      priority: 'P1',
      iterationId: null,
      releaseId: null,
      targetDate: '2027-03-01',
      moduleId: null,
      askCount: 1,
    },
    {
      id: 6,
      key: 'MES-6',
      title: 'Energy data',
      status: 'approved',
      priority: 'P3',
      iterationId: null,
      releaseId: null,
      targetDate: null,
      moduleId: null,
      askCount: 0,
    },
  ],
}

describe('roadmap grouping', () => {
  it('reads releases in date order with their iterations, then standalone iterations, then the unscheduled', () => {
    const layout = roadmapLayout(ROADMAP)
    expect(
      layout.blocks.map((b) =>
        b.type === 'release'
          ? `${b.release.name}: ${b.iterations.map((i) => `${i.iteration.name}[${i.requirements.map((r) => r.key)}]`).join(' ')} direct[${b.direct.map((r) => r.key)}]`
          : `${b.block.iteration.name}[${b.block.requirements.map((r) => r.key)}]`,
      ),
    ).toEqual([
      'MES 2.3: 迭代 23[MES-1] direct[]',
      'MES 2.4: 迭代 24[MES-2] 迭代 25[MES-3] direct[MES-4]',
      'Hardening[]',
    ])
    // Dated ones first, then the rest.
    expect(layout.unscheduled.map((r) => r.key)).toEqual(['MES-5', 'MES-6'])
  })

  it('treats a requirement in an unknown iteration as unscheduled rather than losing it', () => {
    const layout = roadmapLayout({
      releases: [],
      iterations: [],
      requirements: [{ ...ROADMAP.requirements[1]!, iterationId: 99 }],
    })
    expect(layout.unscheduled.map((r) => r.key)).toEqual(['MES-2'])
  })
})

describe('the roadmap page', () => {
  const show = renderPagesAt(new Date(2026, 10, 26, 10, 0))

  const open = (locale: 'en' | 'zh-CN') => {
    const page = show({
      page: RoadmapPage,
      route: '/w/:ws/p/:key/roadmap',
      at: '/w/1/p/mes/roadmap',
      locale,
      permissions: STAKEHOLDER_PERMISSIONS,
      routes: {
        '/api/workspaces/1/products': {
          items: [
            {
              ...ROADMAP.product,
              workspaceId: 1,
              lastNumber: 6,
              createdAt: '2026-10-01T00:00:00Z',
              updatedAt: '2026-10-01T00:00:00Z',
              version: 1,
            },
          ],
        },
        '/api/workspaces/1/products/1/roadmap': ROADMAP,
      },
    })
    return page
  }

  it('shows months, the today marker, iteration bars and release milestones, read-only', async () => {
    const { container } = open('en')
    await until(() => container.querySelector('.rm-timeline'))
    expect(container.querySelector('h1')?.textContent).toBe('智能制造 MES roadmap')
    expect([...container.querySelectorAll('.rm-month')].map((m) => m.textContent)).toEqual([
      'Nov 2026',
      'Dec 2026',
      'Jan 2027',
      'Feb 2027',
      'Mar 2027',
    ])
    const today = container.querySelector<HTMLElement>('.rm-today')!
    expect(today.textContent).toBe('Today')
    const bars = [...container.querySelectorAll<HTMLAnchorElement>('.rm-bar')]
    expect(bars.map((b) => b.querySelector('.rm-bar-name')?.textContent)).toEqual([
      '迭代 25',
      '迭代 23',
      '迭代 24',
      'Hardening',
    ])
    expect(bars.find((b) => b.textContent?.includes('迭代 24'))?.classList.contains('is-active')).toBe(true)
    expect(bars[0]!.getAttribute('href')).toBe('#rm-iteration-3')
    // 迭代 24 starts on day 16 of a 151-day range.
    expect(Number.parseFloat(bars[2]!.style.left)).toBeCloseTo((16 / 151) * 100, 2)
    expect([...container.querySelectorAll('.rm-milestone strong')].map((m) => m.textContent)).toEqual([
      'MES 2.4',
      'MES 2.3',
    ])
    expect(container.querySelector('#rm-iteration-2')?.textContent).toContain('4 days left')
    expect(container.querySelector('#rm-unscheduled')?.textContent).toContain('多工厂数据隔离')
    // Nothing to edit: the only button prints.
    expect(buttonLabels(container)).toEqual(['Print'])
    expect(container.querySelectorAll('input, select, textarea')).toHaveLength(0)
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('reads in Chinese with no untranslated keys', async () => {
    const { container } = open('zh-CN')
    await until(() => container.querySelector('.rm-timeline'))
    expect(container.querySelector('h1')?.textContent).toBe('智能制造 MES 路线图')
    expect(container.querySelector('.rm-today')?.textContent).toBe('今天')
    expect(container.querySelector('.rm-month')?.textContent).toBe('2026年11月')
    expect(container.textContent).toContain('已确认，待排期')
    expect(container.textContent).toContain('剩余 4 天')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('says so when the product key does not exist', async () => {
    const page = show({
      page: RoadmapPage,
      route: '/w/:ws/p/:key/roadmap',
      at: '/w/1/p/NOPE/roadmap',
      permissions: STAKEHOLDER_PERMISSIONS,
      routes: { '/api/workspaces/1/products': { items: [] } },
    })
    await until(() => page.container.textContent?.includes('There is no product with the key NOPE'))
  })
})

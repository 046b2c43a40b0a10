// Planning's logic: the capacity bar's geometry (feature load, budget eaten, stability, over capacity), the
// auto-plan preview summary, defaults of a new iteration, and the bar's words in both languages.
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { capacityBar, formatPoints } from '../../web/src/features/plan/capacity'
import { CapacityBar } from '../../web/src/features/plan/capacity-bar'
import { nextIterationDefaults } from '../../web/src/features/plan/new-iteration'
import { summarizePlan } from '../../web/src/features/plan/plan-preview'
import type { Iteration, PlanAnswer } from '../../web/src/features/plan/queries'
import { I18nProvider, type Locale } from '../../web/src/i18n'

const load = (featureLoad: number, stabilityUsed: number, capacity = 20, budgetPercent = 20) => ({
  capacity,
  featureLoad,
  featureCapacity: (capacity * (100 - budgetPercent)) / 100,
  stabilityReserved: (capacity * budgetPercent) / 100,
  stabilityUsed,
})

const kinds = (bar: ReturnType<typeof capacityBar>) => bar.segments.map((s) => [s.kind, s.points])

describe('capacity bar', () => {
  it('feature work within its share, stability within the reserve', () => {
    const bar = capacityBar(load(10, 2))
    expect(bar.scale).toBe(20)
    expect(kinds(bar)).toEqual([
      ['feature', 10],
      ['stability', 2],
    ])
    expect(bar.segments[1]).toMatchObject({ start: 50, width: 10 })
    expect(bar.reserve).toEqual({ start: 80, width: 20 })
    expect(bar.capacityAt).toBeUndefined()
    expect(bar.overBy).toBe(0)
  })

  it('feature work past capacity minus the budget eats the budget', () => {
    expect(kinds(capacityBar(load(18, 1)))).toEqual([
      ['feature', 16],
      ['budget-eaten', 2],
      ['stability', 1],
    ])
  })

  it('what lies past capacity is over, and the bar stretches to show it', () => {
    const bar = capacityBar(load(18, 6))
    expect(kinds(bar)).toEqual([
      ['feature', 16],
      ['budget-eaten', 2],
      ['stability', 2],
      ['over', 4],
    ])
    expect(bar.scale).toBe(24)
    expect(bar.capacityAt).toBeCloseTo((20 / 24) * 100)
    expect(bar.overBy).toBe(4)
    const total = bar.segments.reduce((sum, s) => sum + s.width, 0)
    expect(total).toBeCloseTo(100)
  })

  it('an empty iteration of zero capacity draws nothing and does not divide by zero', () => {
    const bar = capacityBar(load(0, 0, 0))
    expect(bar.segments).toEqual([])
    expect(Number.isFinite(bar.reserve.width)).toBe(true)
  })

  it('shows points as whole numbers or with one decimal', () => {
    expect(formatPoints(8)).toBe('8')
    expect(formatPoints(2.25)).toBe('2.3')
  })
})

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

function showBar(locale: Locale) {
  const container = document.createElement('div')
  document.body.append(container)
  dispose = render(
    () => (
      <I18nProvider locale={locale}>
        <CapacityBar load={load(18, 6)} />
      </I18nProvider>
    ),
    container,
  )
  return container
}

describe('CapacityBar', () => {
  it('describes the load in words for assistive technology, in English and Chinese', () => {
    expect(showBar('en').querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      'Features 18 of 16 pts; stability 6 of 4 pts reserved; capacity 20 pts',
    )
    dispose?.()
    const zh = showBar('zh-CN')
    expect(zh.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe(
      '功能 18 / 16 点；稳定性 6 / 预留 4 点；容量 20 点',
    )
    expect(zh.querySelector('.is-over')?.textContent).toContain('24')
    expect(zh.querySelectorAll('[data-kind="over"]').length).toBe(1)
  })
})

describe('auto-plan preview', () => {
  const answer: PlanAnswer = {
    dryRun: true,
    iterations: [
      {
        id: 1,
        name: 'Sprint 1',
        requirementIds: [10, 11],
        load: 8,
        capacity: 10,
        featureCapacity: 8,
        stabilityReserved: 2,
      },
      {
        id: 2,
        name: 'Sprint 2',
        requirementIds: [12],
        load: 5,
        capacity: 10,
        featureCapacity: 8,
        stabilityReserved: 2,
      },
    ],
    unplanned: [13, 14],
    unplannedDetails: [
      { id: 13, key: 'MES-13', reason: 'unestimated' },
      { id: 14, key: 'MES-14', reason: 'capacity' },
    ],
  }

  it('says per iteration what comes in, what stays and what leaves, and what does not fit', () => {
    // Now: 10 already in sprint 1, 12 in sprint 1 (moves to sprint 2), 14 in sprint 2 (no room any more).
    const current = new Map<number, number | null>([
      [10, 1],
      [11, null],
      [12, 1],
      [13, null],
      [14, 2],
    ])
    const summary = summarizePlan(answer, current)
    expect(summary.iterations.map((it) => [it.name, it.added, it.kept, it.removed])).toEqual([
      ['Sprint 1', [11], [10], [12]],
      ['Sprint 2', [12], [], [14]],
    ])
    expect(summary.notFitting).toEqual(answer.unplannedDetails)
    // 11 in, 12 across, 14 out; 13 stays unplanned.
    expect(summary.moves).toBe(3)
  })

  it('a plan that changes nothing moves nothing', () => {
    const current = new Map<number, number | null>([
      [10, 1],
      [11, 1],
      [12, 2],
      [13, null],
      [14, null],
    ])
    expect(summarizePlan(answer, current).moves).toBe(0)
  })
})

describe('a new iteration', () => {
  const iteration = (over: Partial<Iteration>) => ({ ...over }) as Iteration

  it('follows the last one: next name, the day after it ends, as long, same capacity and budget', () => {
    const defaults = nextIterationDefaults(
      [
        iteration({
          name: 'Sprint 7',
          startDate: '2026-03-02',
          endDate: '2026-03-15',
          capacity: 30,
          stabilityBudgetPercent: 25,
        }),
        iteration({
          name: 'Sprint 6',
          startDate: '2026-02-16',
          endDate: '2026-03-01',
          capacity: 28,
          stabilityBudgetPercent: 20,
        }),
      ],
      new Date('2026-03-05T10:00:00Z'),
    )
    expect(defaults).toEqual({
      name: 'Sprint 8',
      startDate: '2026-03-16',
      endDate: '2026-03-29',
      capacity: '30',
      stabilityBudgetPercent: '25',
    })
  })

  it('the first one starts today, lasts two weeks and keeps 20 % for stability', () => {
    expect(nextIterationDefaults([], new Date('2026-03-05T10:00:00Z'))).toEqual({
      name: '',
      startDate: '2026-03-05',
      endDate: '2026-03-18',
      capacity: '20',
      stabilityBudgetPercent: '20',
    })
  })
})

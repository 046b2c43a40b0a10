// Customers: asks grouped into planned / waiting / delivered with when they ship and which promises the
// schedule breaks; the list's sorting; and the pages as a PM (edit controls) and a stakeholder (none).
import { describe, expect, it } from 'vitest'
import { atRisk, groupAsks, groupOf, scheduleFrom, viewOf } from '../../web/src/features/customers/asks'
import CustomerPage from '../../web/src/features/customers/customer-page'
import CustomersPage, { sortCustomers } from '../../web/src/features/customers/customers-page'
import type { CustomerAsk, CustomerRow } from '../../web/src/features/customers/queries'
import type { Roadmap } from '../../web/src/features/roadmap/queries'
import {
  buttonLabels,
  PM_PERMISSIONS,
  renderPagesAt,
  STAKEHOLDER_PERMISSIONS,
  until,
  untranslatedKeys,
} from './home-harness'

const TODAY = '2026-11-26'

const SRM: Pick<Roadmap, 'iterations' | 'releases'> = {
  releases: [
    {
      id: 3,
      name: 'Portal 4.0',
      description: '',
      targetDate: '2026-11-17',
      status: 'released',
      releasedAt: '2026-11-16T17:00:00.000Z',
    },
    {
      id: 4,
      name: 'Portal 4.1',
      description: '',
      targetDate: '2026-12-15',
      status: 'planned',
      releasedAt: null,
    },
  ],
  iterations: [
    {
      id: 4,
      name: 'Sprint 23',
      goal: '',
      startDate: '2026-11-03',
      endDate: '2026-11-16',
      status: 'closed',
      releaseId: 3,
    },
    {
      id: 5,
      name: 'Sprint 24',
      goal: '',
      startDate: '2026-11-17',
      endDate: '2026-11-30',
      status: 'active',
      releaseId: 4,
    },
    {
      id: 7,
      name: 'Sprint 26',
      goal: '',
      startDate: '2026-12-15',
      endDate: '2026-12-28',
      status: 'planned',
      releaseId: null,
    },
  ],
}

/**
 * When the fixture's requirements ship, as the server answers it (reports' shipDates, tested with the API
 * in tests/api/customers-ships.test.ts): Sprint 24 goes out with Portal 4.1 on 12-15, Sprint 26 ends
 * 12-28, and Sprint 23's release went out on 11-16.
 */
const SHIPS: Record<number, string> = { 4: '2026-11-16', 5: '2026-12-15', 7: '2026-12-28' }

let nextId = 1
function ask(
  requirement: Partial<CustomerAsk['requirement']> & { status: string },
  extra: Partial<Omit<CustomerAsk, 'requirement'>> = {},
): CustomerAsk {
  const id = nextId++
  const iterationId = requirement.iterationId ?? null
  return {
    id,
    importance: 'important',
    note: '',
    askedOn: '2026-10-28',
    promisedDate: null,
    ships: (iterationId !== null ? SHIPS[iterationId] : undefined) ?? requirement.targetDate ?? null,
    ...extra,
    requirement: {
      id,
      key: `SRM-${id}`,
      productId: 2,
      title: `Requirement ${id}`,
      priority: 'P1',
      iterationId: null,
      releaseId: null,
      targetDate: null,
      ...requirement,
    },
  }
}

describe('customer asks', () => {
  const schedule = scheduleFrom({
    iterations: SRM.iterations as Roadmap['iterations'],
    releases: SRM.releases as Roadmap['releases'],
  })

  it('groups by where the requirement stands', () => {
    expect(groupOf(ask({ status: 'released', iterationId: 4 }).requirement)).toBe('delivered')
    expect(groupOf(ask({ status: 'closed' }).requirement)).toBe('delivered')
    expect(groupOf(ask({ status: 'rejected', iterationId: 5 }).requirement)).toBe('declined')
    expect(groupOf(ask({ status: 'developing', iterationId: 5 }).requirement)).toBe('planned')
    expect(groupOf(ask({ status: 'approved', releaseId: 4 }).requirement)).toBe('planned')
    expect(groupOf(ask({ status: 'reviewing' }).requirement)).toBe('waiting')
    // Not agreed yet: waiting, wherever a draft was put.
    expect(groupOf(ask({ status: 'draft', iterationId: 5 }).requirement)).toBe('waiting')
  })

  it('shows the iteration and release it ships with, and the server’s ship date', () => {
    const inSprint = viewOf(ask({ status: 'developing', iterationId: 5 }), schedule, TODAY)
    expect(inSprint.iteration?.name).toBe('Sprint 24')
    expect(inSprint.release?.name).toBe('Portal 4.1')
    expect(inSprint.ships).toBe('2026-12-15')
  })

  it('flags a promise before the iteration’s end or the release date', () => {
    const late = viewOf(
      ask({ status: 'testing', iterationId: 5 }, { promisedDate: '2026-12-13' }),
      schedule,
      TODAY,
    )
    expect(late.promise).toBe('late')
    const beforeIterationEnd = viewOf(
      ask({ status: 'planned', iterationId: 7 }, { promisedDate: '2026-12-20' }),
      schedule,
      TODAY,
    )
    expect(beforeIterationEnd.promise).toBe('late')
    const kept = viewOf(
      ask({ status: 'testing', iterationId: 5 }, { promisedDate: '2026-12-15' }),
      schedule,
      TODAY,
    )
    expect(kept.promise).toBe('ok')
  })

  it('flags promises with nothing scheduled, promises already passed, and late deliveries', () => {
    expect(viewOf(ask({ status: 'draft' }, { promisedDate: '2027-01-10' }), schedule, TODAY).promise).toBe(
      'unscheduled',
    )
    expect(viewOf(ask({ status: 'draft' }, { promisedDate: '2026-11-01' }), schedule, TODAY).promise).toBe(
      'passed',
    )
    expect(
      viewOf(ask({ status: 'released', iterationId: 4 }, { promisedDate: '2026-11-10' }), schedule, TODAY)
        .promise,
    ).toBe('deliveredLate')
    expect(
      viewOf(ask({ status: 'released', iterationId: 4 }, { promisedDate: '2026-12-06' }), schedule, TODAY)
        .promise,
    ).toBe('ok')
    expect(
      viewOf(ask({ status: 'rejected' }, { promisedDate: '2026-11-01' }), schedule, TODAY).promise,
    ).toBeUndefined()
    expect(viewOf(ask({ status: 'approved' }), schedule, TODAY).promise).toBeUndefined()
  })

  it('sorts planned by ship date, waiting by importance, delivered newest first; counts promises at risk', () => {
    const asks = [
      ask({ status: 'planned', iterationId: 7 }, { importance: 'nice' }),
      ask({ status: 'testing', iterationId: 5 }, { importance: 'critical', promisedDate: '2026-12-13' }),
      ask({ status: 'draft' }, { importance: 'nice', askedOn: '2026-10-01' }),
      ask({ status: 'draft' }, { importance: 'critical', askedOn: '2026-11-01', promisedDate: '2027-01-31' }),
      ask({ status: 'released', iterationId: 4 }),
      ask({ status: 'closed', iterationId: 5 }),
    ]
    const groups = groupAsks(asks, (productId) => (productId === 2 ? schedule : undefined), TODAY)
    expect(groups.planned.map((v) => v.ships)).toEqual(['2026-12-15', '2026-12-28'])
    expect(groups.waiting.map((v) => v.ask.importance)).toEqual(['critical', 'nice'])
    expect(groups.delivered.map((v) => v.ships)).toEqual(['2026-12-15', '2026-11-16'])
    expect(atRisk([...groups.planned, ...groups.waiting]).map((v) => v.promise)).toEqual([
      'late',
      'unscheduled',
    ])
  })

  it('still groups without a schedule (no roadmap permission), just without dates', () => {
    const groups = groupAsks(
      [ask({ status: 'developing', iterationId: 5 }, { ships: null })],
      () => undefined,
      TODAY,
    )
    expect(groups.planned).toHaveLength(1)
    expect(groups.planned[0]!.ships).toBeUndefined()
  })
})

const row = (over: Partial<CustomerRow>): CustomerRow => ({
  id: 1,
  name: 'A',
  industry: '',
  tier: 'standard',
  contractValue: 0,
  contact: '',
  note: '',
  createdAt: '2026-10-01T00:00:00Z',
  updatedAt: '2026-10-01T00:00:00Z',
  version: 1,
  askCount: 0,
  ...over,
})

describe('customer list sorting', () => {
  const rows = [
    row({ id: 1, name: 'Nordic Logistics', contractValue: 950_000, askCount: 11 }),
    row({ id: 2, name: '华东精密', contractValue: 1_200_000, askCount: 10 }),
    row({ id: 3, name: 'Acme', contractValue: 950_000, askCount: 2 }),
  ]
  it('sorts by name, or by contract value and asks from the largest (ties by name)', () => {
    expect(sortCustomers(rows, 'name', 'en').map((r) => r.id)).toEqual([3, 1, 2])
    expect(sortCustomers(rows, 'contractValue', 'en').map((r) => r.id)).toEqual([2, 3, 1])
    expect(sortCustomers(rows, 'askCount', 'en').map((r) => r.id)).toEqual([1, 2, 3])
  })
})

const LIST = {
  items: [
    row({
      id: 5,
      name: 'Nordic Logistics AB',
      industry: 'Logistics',
      tier: 'strategic',
      contractValue: 950000,
      contact: 'Erik Lund',
      askCount: 3,
    }),
    row({
      id: 1,
      name: '华东精密机械有限公司',
      industry: '机械制造',
      tier: 'strategic',
      contractValue: 1200000,
      askCount: 10,
    }),
    row({
      id: 6,
      name: 'Pacific Foods Ltd',
      industry: 'Food & beverage',
      tier: 'standard',
      contractValue: 90000,
      askCount: 6,
    }),
  ],
}

const DETAIL = {
  ...LIST.items[0],
  workspaceId: 1,
  asks: [
    ask(
      { status: 'testing', iterationId: 5, key: 'SRM-8', title: 'Bulk PO import from ERP' },
      { importance: 'critical', promisedDate: '2026-12-13', note: 'Blocks renewal' },
    ),
    ask({ status: 'reviewing', key: 'SRM-28', title: 'Delivery performance KPI' }),
    ask(
      { status: 'released', iterationId: 4, key: 'SRM-1', title: 'Supplier self-registration' },
      { promisedDate: '2026-12-06' },
    ),
  ],
  planned: [],
  delivered: [],
}

describe('the customer pages', () => {
  const show = renderPagesAt(new Date(2026, 10, 26, 10, 0))

  const list = (permissions: readonly string[], at = '/w/1/customers') =>
    show({
      page: CustomersPage,
      route: '/w/:ws/customers',
      at,
      permissions,
      routes: {
        'GET /api/workspaces/1/customers': LIST,
        'GET /api/workspaces/1/customers?industry=Logistics': { items: [LIST.items[0]] },
      },
    })

  it('lists customers with tier, contract value and asks; a PM can create, edit and delete', async () => {
    const { container } = list(PM_PERMISSIONS)
    await until(() => container.querySelector('table'))
    const names = [...container.querySelectorAll('tbody tr .cu-name a')].map((a) => a.textContent)
    expect(names).toEqual(['Nordic Logistics AB', 'Pacific Foods Ltd', '华东精密机械有限公司'])
    expect(container.querySelector('tbody tr')?.textContent).toContain('950,000')
    expect(container.querySelector('tbody tr')?.textContent).toContain('Strategic')
    const labels = buttonLabels(container)
    expect(labels).toContain('New customer')
    expect(labels).toContain('Edit Nordic Logistics AB')
    expect(labels).toContain('Delete Nordic Logistics AB')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('shows a stakeholder the same list without any edit control', async () => {
    const { container } = list(STAKEHOLDER_PERMISSIONS)
    await until(() => container.querySelector('table'))
    const labels = buttonLabels(container)
    expect(labels.some((l) => /New customer|Edit|Delete/.test(l))).toBe(false)
  })

  it('filters by industry from the URL, and by tier on the page', async () => {
    const { container, requests } = list(
      STAKEHOLDER_PERMISSIONS,
      '/w/1/customers?industry=Logistics&tier=strategic',
    )
    await until(() => requests.includes('GET /api/workspaces/1/customers?industry=Logistics'))
    await until(() => container.querySelectorAll('tbody tr').length === 1)
    expect(container.textContent).toContain('1 of 3 customers')
  })

  it('shows who asked for what: planned with iteration, release and ship date, a broken promise flagged', async () => {
    const page = show({
      page: CustomerPage,
      route: '/w/:ws/customers/:id',
      at: '/w/1/customers/5',
      permissions: STAKEHOLDER_PERMISSIONS,
      routes: {
        'GET /api/workspaces/1/customers/5': DETAIL,
        'GET /api/workspaces/1/products/2/roadmap': {
          product: { id: 2, key: 'SRM', name: 'Portal', description: '' },
          requirements: [],
          ...SRM,
        },
      },
    })
    const { container } = page
    await until(() => container.querySelector('.cu-release'))
    const planned = container.querySelector('[data-group="planned"]')!
    expect(planned.textContent).toContain('Sprint 24 · Nov 17 – Nov 30')
    expect(planned.textContent).toContain('Portal 4.1 · Dec 15')
    expect(planned.textContent).toContain('Dec 15, 2026')
    expect(planned.querySelector('.cu-promise')?.getAttribute('data-state')).toBe('late')
    expect(planned.querySelector('.cu-flag')?.textContent).toContain(
      'Promised Dec 13, 2026, but it ships Dec 15, 2026',
    )
    expect(container.querySelector('[data-group="waiting"]')?.textContent).toContain('SRM-28')
    expect(container.querySelector('[data-group="delivered"]')?.textContent).toContain('Nov 16, 2026')
    expect(container.querySelector('.cu-stat.is-danger .cu-stat-value')?.textContent).toBe('1')
    expect(buttonLabels(container)).toEqual([])
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('says so for a customer that does not exist', async () => {
    const page = show({
      page: CustomerPage,
      route: '/w/:ws/customers/:id',
      at: '/w/1/customers/999',
      routes: {},
    })
    await until(() => page.container.textContent?.includes('This customer does not exist'))
  })
})

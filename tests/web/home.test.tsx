// The home page: my tasks by status with overdue first, the risk lists (blocked with age, overdue by how
// late), iteration progress, activity read as sentences — and the page itself, with its first steps when
// the workspace has no products yet.
import { describe, expect, it } from 'vitest'
import {
  type ActivityRow,
  daysLeft,
  groupMyTasks,
  type HomeTask,
  progressOf,
  riskLists,
  sentenceOf,
  subjectOf,
} from '../../web/src/features/workspaces/home-logic'
import HomePage, { relativeTime } from '../../web/src/features/workspaces/home-page'
import { buttonLabels, PM_PERMISSIONS, renderPagesAt, until, untranslatedKeys } from './home-harness'

const TODAY = '2026-11-26'
const NOW = new Date('2026-11-26T10:00:00Z')

let nextId = 1
const task = (over: Partial<HomeTask>): HomeTask & Record<string, unknown> => {
  const id = nextId++
  return {
    id,
    key: `MES-${id}`,
    productId: 1,
    title: `Task ${id}`,
    kind: 'feature',
    status: 'todo',
    assigneeName: 'Pat PM',
    estimate: 2,
    dueDate: null,
    blockedReason: null,
    updatedAt: '2026-11-25T10:00:00Z',
    ...over,
  }
}

describe('my tasks', () => {
  it('groups open tasks blocked → review → doing → to do, overdue first, then by due date', () => {
    const tasks = [
      task({ id: 101, status: 'todo', dueDate: '2026-12-01' }),
      task({ id: 102, status: 'doing', dueDate: '2026-12-05' }),
      task({ id: 103, status: 'doing', dueDate: '2026-11-20' }),
      task({ id: 104, status: 'doing' }),
      task({ id: 105, status: 'blocked' }),
      task({ id: 106, status: 'todo' }),
    ]
    const groups = groupMyTasks(tasks, TODAY)
    expect(groups.map((g) => [g.status, g.tasks.map((t) => t.id)])).toEqual([
      ['blocked', [105]],
      ['doing', [103, 102, 104]],
      ['todo', [101, 106]],
    ])
  })
})

describe('risks', () => {
  it('lists blocked work longest-blocked first and overdue work latest first, each task once', () => {
    const blocked = [
      task({
        id: 201,
        status: 'blocked',
        updatedAt: '2026-11-25T12:00:00',
        blockedReason: 'Waiting for ERP account',
      }),
      task({ id: 202, status: 'blocked', updatedAt: '2026-11-20T09:00:00', dueDate: '2026-11-22' }),
    ]
    const overdue = [
      task({ id: 203, status: 'doing', dueDate: '2026-11-25' }),
      task({ id: 204, status: 'todo', dueDate: '2026-11-16' }),
      blocked[1]!,
      task({ id: 205, status: 'done', dueDate: '2026-11-01' }),
    ]
    const risks = riskLists(blocked, overdue, TODAY)
    expect(risks.blocked.map((r) => [r.task.id, r.ageDays])).toEqual([
      [202, 6],
      [201, 1],
    ])
    expect(risks.overdue.map((r) => [r.task.id, r.daysLate])).toEqual([
      [204, 10],
      [203, 1],
    ])
  })
})

describe('iteration progress', () => {
  it('is done points over all points, or done tasks over all tasks when nothing is estimated', () => {
    expect(
      progressOf([
        { status: 'todo', count: 0, points: 0 },
        { status: 'doing', count: 12, points: 16.5 },
        { status: 'review', count: 2, points: 2 },
        { status: 'blocked', count: 1, points: 3 },
        { status: 'done', count: 15, points: 19.5 },
      ]),
    ).toEqual({ done: 19.5, total: 41, unit: 'points', percent: 48 })
    expect(
      progressOf([
        { status: 'todo', count: 3, points: 0 },
        { status: 'done', count: 1, points: 0 },
      ]),
    ).toEqual({
      done: 1,
      total: 4,
      unit: 'tasks',
      percent: 25,
    })
    expect(progressOf([])).toEqual({ done: 0, total: 0, unit: 'tasks', percent: 0 })
  })

  it('counts the days left to the end date', () => {
    expect(daysLeft('2026-11-30', TODAY)).toBe(4)
    expect(daysLeft(TODAY, TODAY)).toBe(0)
    expect(daysLeft('2026-11-20', TODAY)).toBe(-6)
  })
})

const row = (over: Partial<ActivityRow>): ActivityRow => ({
  entityType: 'task',
  entityId: 1,
  productId: 1,
  action: 'updated',
  automatic: false,
  before: null,
  after: null,
  ...over,
})

describe('activity sentences', () => {
  it('knows what each row is about', () => {
    expect(subjectOf(row({ entityType: 'task', entityId: 7 }))).toEqual({ type: 'task', id: 7 })
    expect(subjectOf(row({ entityType: 'ask', after: { requirementId: 31 } }))).toEqual({
      type: 'requirement',
      id: 31,
    })
    expect(subjectOf(row({ entityType: 'comment', after: { target: 'task', targetId: 9 } }))).toEqual({
      type: 'task',
      id: 9,
    })
    expect(subjectOf(row({ entityType: 'iteration', entityId: 5, after: { status: 'active' } }))).toEqual({
      type: 'iteration',
      id: 5,
      productId: 1,
    })
    expect(subjectOf(row({ entityType: 'release', after: { name: 'Portal 4.1' } }))).toEqual({
      type: 'named',
      name: 'Portal 4.1',
    })
    expect(subjectOf(row({ entityType: 'module', action: 'deleted', before: { name: '排产' } }))).toEqual({
      type: 'named',
      name: '排产',
    })
    expect(subjectOf(row({ entityType: 'member' }))).toEqual({ type: 'none' })
  })

  it('reads moves, blocks, automatic steps, starts, releases and plain changes', () => {
    expect(
      sentenceOf(row({ action: 'moved', before: { status: 'doing' }, after: { status: 'review' } })),
    ).toEqual({
      key: 'taskMoved',
      from: 'doing',
      to: 'review',
    })
    expect(
      sentenceOf(row({ action: 'imported', after: { source: 'jira', key: 'PLAT-1', file: 'a.csv' } })),
    ).toEqual({ key: 'imported', file: 'a.csv' })
    expect(sentenceOf(row({ action: 'moved', after: { status: 'blocked', blockedReason: 'SSO' } }))).toEqual({
      key: 'taskBlocked',
      reason: 'SSO',
    })
    expect(
      sentenceOf(row({ action: 'moved', before: { status: 'doing' }, after: { status: 'doing' } })).key,
    ).toBe('taskReordered')
    expect(
      sentenceOf(
        row({
          entityType: 'requirement',
          action: 'transitioned',
          automatic: true,
          before: { status: 'developing' },
          after: { status: 'testing' },
        }),
      ),
    ).toEqual({ key: 'requirementAuto', from: 'developing', to: 'testing' })
    expect(
      sentenceOf(
        row({
          entityType: 'iteration',
          action: 'transitioned',
          before: { status: 'planned' },
          after: { status: 'active' },
        }),
      ).key,
    ).toBe('iterationStarted')
    expect(
      sentenceOf(row({ entityType: 'release', before: { status: 'planned' }, after: { status: 'released' } }))
        .key,
    ).toBe('releaseReleased')
    expect(sentenceOf(row({ entityType: 'ask', action: 'created' })).key).toBe('askAdded')
    expect(sentenceOf(row({ entityType: 'product', action: 'created' })).key).toBe('created')
    expect(sentenceOf(row({ entityType: 'member', action: 'created' })).key).toBe('memberJoined')
    expect(sentenceOf(row({ entityType: 'task', action: 'archived' })).key).toBe('updated')
  })

  it('says when in words', () => {
    expect(relativeTime('2026-11-26T09:59:30Z', NOW, 'en')).toBe('now')
    expect(relativeTime('2026-11-26T07:00:00Z', NOW, 'en')).toBe('3 hours ago')
    expect(relativeTime('2026-11-25T10:00:00Z', NOW, 'en')).toBe('yesterday')
    expect(relativeTime('2026-11-23T10:00:00Z', NOW, 'zh-CN')).toBe('3天前')
  })
})

const PRODUCTS = {
  items: [
    {
      id: 1,
      key: 'MES',
      name: '智能制造 MES',
      description: '',
      workspaceId: 1,
      lastNumber: 9,
      createdAt: '',
      updatedAt: '',
      version: 1,
    },
  ],
}

describe('the home page', () => {
  const show = renderPagesAt(new Date('2026-11-26T10:00:00'))

  it('shows my tasks, the active iteration’s progress, risks and readable activity', async () => {
    const page = show({
      page: HomePage,
      route: '/w/:ws',
      at: '/w/1',
      routes: {
        'GET /api/workspaces/1/products': PRODUCTS,
        'GET /api/workspaces/1/tasks?assignee=me&status=todo%2Cdoing%2Creview%2Cblocked&limit=200': {
          items: [
            task({
              id: 1,
              key: 'MES-1',
              title: '清理旧版排产算法代码',
              status: 'doing',
              dueDate: '2026-11-24',
            }),
            task({
              id: 2,
              key: 'MES-2',
              title: '接口限流与熔断',
              status: 'blocked',
              blockedReason: '等待客户提供 ERP 接口测试账号',
            }),
          ],
          nextCursor: null,
        },
        'GET /api/workspaces/1/tasks?status=blocked&limit=100': {
          items: [
            task({
              id: 2,
              key: 'MES-2',
              title: '接口限流与熔断',
              status: 'blocked',
              blockedReason: '等待客户提供 ERP 接口测试账号',
              updatedAt: '2026-11-24T09:00:00',
            }),
          ],
          nextCursor: null,
        },
        'GET /api/workspaces/1/tasks?overdue=true&limit=100': {
          items: [
            task({
              id: 1,
              key: 'MES-1',
              title: '清理旧版排产算法代码',
              status: 'doing',
              dueDate: '2026-11-24',
            }),
          ],
          nextCursor: null,
        },
        'GET /api/workspaces/1/iterations?status=active': {
          items: [
            {
              id: 2,
              productId: 1,
              name: '迭代 24',
              goal: '完成扫码报工',
              startDate: '2026-11-17',
              endDate: '2026-11-30',
              capacity: 40,
              load: 38,
              stabilityReserved: 8,
              stabilityUsed: 4,
              overCapacity: false,
              stabilityBudgetEaten: true,
            },
          ],
        },
        'GET /api/workspaces/1/iterations/2/board?groupBy=none': {
          columns: [
            { status: 'doing', count: 3, points: 6 },
            { status: 'done', count: 3, points: 6 },
          ],
        },
        'GET /api/workspaces/1/activity?limit=12': {
          items: [
            {
              id: 9,
              entityType: 'task',
              entityId: 7,
              productId: 1,
              action: 'moved',
              automatic: false,
              before: { status: 'doing' },
              after: { status: 'review' },
              createdAt: '2026-11-26T07:00:00Z',
              actor: { id: 2, name: '张伟' },
            },
          ],
          nextCursor: null,
        },
        'GET /api/workspaces/1/tasks/7': { id: 7, key: 'MES-7', title: '报工页面数量校验' },
        'GET /api/workspaces/1/products/1/forecast': {
          iteration: {
            id: 2,
            name: '迭代 24',
            startDate: '2026-11-17',
            endDate: '2026-11-30',
            status: 'at_risk',
            reason: 'behind',
            remaining: 20,
            done: 6,
            pace: 0.67,
            daysElapsed: 9,
            daysLeft: 4,
            projectedEnd: '2026-12-25',
          },
          releases: [],
        },
      },
    })
    const { container } = page
    await until(() => container.querySelector('.home-activity-item .home-subject'))
    // The active iteration says whether it will finish in time, and why not.
    await until(() => container.querySelector('.home-iteration [data-status="at_risk"]'))
    expect(container.querySelector('.home-iteration [data-status]')?.textContent).toBe('At risk')
    expect(container.querySelector('.home-iteration-outlook')?.textContent).toBe(
      'At the current pace the remaining 20 pts need until Dec 25, 2026, after the end on Nov 30, 2026.',
    )
    await until(() => container.querySelector('.home-progress-value')?.textContent === '50%')
    expect(container.querySelector('h1')?.textContent).toBe('Welcome to Acme')
    expect(container.querySelector('.page-intro')?.textContent).toBe(
      'Hello, Pat PM. Here is what needs attention today.',
    )
    const groups = [...container.querySelectorAll('.home-group')].map((g) => g.getAttribute('data-status'))
    expect(groups).toEqual(['blocked', 'doing'])
    expect(container.querySelector('.home-row.is-overdue')?.textContent).toContain('Overdue · Nov 24')
    expect(container.querySelector('.home-iteration')?.textContent).toContain('4 days left')
    expect(container.querySelector('.home-iteration')?.textContent).toContain(
      'Feature work is eating the stability budget.',
    )
    const risks = container.querySelector('.home-risks')!
    expect(risks.textContent).toContain('等待客户提供 ERP 接口测试账号')
    expect(risks.textContent).toContain('blocked 2 days ago')
    expect(risks.textContent).toContain('2 days overdue')
    expect(container.querySelector('.home-activity-text')?.textContent).toBe(
      '张伟 moved MES-7 报工页面数量校验 from Doing to Review',
    )
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('teaches the first steps and offers a demo workspace when there is no product yet', async () => {
    const page = show({
      page: HomePage,
      route: '/w/:ws',
      at: '/w/1',
      locale: 'zh-CN',
      permissions: PM_PERMISSIONS,
      routes: {
        'GET /api/workspaces/1/products': { items: [] },
        'GET /api/workspaces/1/members': { items: [{ id: 1 }] },
        'POST /api/workspaces': { status: 201, body: { id: 7, name: '演示空间' } },
        'GET /api/me': { user: { id: 1, name: 'Pat', email: 'p@x.test' }, workspaces: [] },
      },
    })
    const { container, requests } = page
    await until(() => container.querySelector('.steps'))
    expect(container.querySelector('h1')?.textContent).toBe('欢迎来到 Acme')
    expect(buttonLabels(container)).toContain('创建演示空间')
    ;[...container.querySelectorAll('button')].find((b) => b.textContent === '创建演示空间')!.click()
    await until(() => page.path() === '/w/7')
    expect(requests).toContain('POST /api/workspaces')
    expect(untranslatedKeys(container)).toEqual([])
  })
})

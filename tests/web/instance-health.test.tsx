// The top of the instance page as an instance owner reads it, against a fake API: the Health card (the
// version, uptime, sizes and counts in words and the reader's number format, failed background work drawing
// the eye, the ways to the outbox and the audit log, refreshed on demand and every 30 seconds) and the
// Workspaces card (every workspace, a member or not).
import { afterEach, describe, expect, it, vi } from 'vitest'
import InstancePage from '../../web/src/features/instance/instance-page'
import type { Locale } from '../../web/src/i18n'
import { type Routes, renderPagesAt, until, untranslatedKeys } from './home-harness'
import { type HealthAnswer, healthAnswer } from './instance-fixtures'

const NOW = new Date('2026-11-10T12:00:00.000Z')
const show = renderPagesAt(NOW)

const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

/** 3 days, 4 hours and 5 minutes. */
const UPTIME = 3 * 86_400 + 4 * 3600 + 5 * 60

const busy = (over: Partial<HealthAnswer> = {}) =>
  healthAnswer({
    version: '0.4.2',
    engine: 'postgres',
    node: 'v22.12.0',
    uptimeSeconds: UPTIME,
    databaseBytes: 5_452_595,
    files: { count: 1234, bytes: 1.5 * 1024 ** 3 },
    accounts: { total: 4210, deactivated: 3, instanceOwners: 2, twoFactor: 17 },
    workspaces: 5,
    liveSessions: 12,
    auditEvents: 98_765,
    ...over,
  })

const WORKSPACES = [
  {
    id: 1,
    name: 'Acme',
    createdAt: '2026-01-05T09:00:00.000Z',
    members: 12,
    roles: [{ id: 11, name: 'owner', builtIn: 'owner' }],
    products: [
      { id: 21, key: 'MES', name: 'MES' },
      { id: 22, key: 'SRM', name: 'Supplier portal' },
    ],
  },
  {
    id: 9,
    name: 'Plant Suzhou',
    createdAt: '2026-03-02T09:00:00.000Z',
    members: 1048,
    roles: [{ id: 90, name: 'owner', builtIn: 'owner' }],
    products: [],
  },
]

/** The instance page's answers, the health answering `health` (its n-th call, when a list). */
function instanceRoutes(health: HealthAnswer | HealthAnswer[]): Routes {
  let calls = 0
  return {
    'GET /api/admin/health': () => {
      const answers = Array.isArray(health) ? health : [health]
      return answers[Math.min(calls++, answers.length - 1)]
    },
    'GET /api/admin/workspaces': { items: WORKSPACES },
    'GET /api/admin/settings': {
      workspaceCreation: 'owners',
      auditRetentionDays: 365,
      passwordSignIn: true,
      requireTwoFactor: false,
      version: 1,
    },
    'GET /api/admin/providers': { items: [], presets: [], callbackUrlTemplate: '' },
    'GET /api/admin/users': { items: [] },
    'GET /api/admin/emails': {
      emailOn: true,
      from: 'Keel <keel@acme.test>',
      publicUrl: 'https://keel.acme.test',
      counts: { pending: 0, sent: 0, failed: 0, skipped: 0 },
      items: [],
      nextCursor: null,
    },
  }
}

const open = (routes: Routes, locale: Locale = 'en') =>
  show({
    page: InstancePage,
    route: '/w/:ws/settings/instance',
    at: '/w/1/settings/instance',
    user: { instanceOwner: true },
    routes,
    locale,
  })

const card = (root: ParentNode) => root.querySelector<HTMLElement>('[data-testid="health"]')
const figure = (root: ParentNode, name: string) => root.querySelector<HTMLElement>(`[data-figure="${name}"]`)
/** A figure's words: its label, its value, its detail. */
const read = (root: ParentNode, name: string) =>
  [...(figure(root, name)?.querySelectorAll('dt, dd') ?? [])].map((part) => part.textContent?.trim())
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)

describe('the Health card', () => {
  afterEach(() => vi.useRealTimers())

  it('comes first on the page and says how the instance is, in words and grouped numbers', async () => {
    const { container } = open(instanceRoutes(busy()))
    const health = await found(() => card(container))
    await found(() => figure(health, 'version'))
    expect(container.querySelector('.page > section')).toBe(health)
    expect(read(health, 'version')).toEqual(['Version', 'Keel 0.4.2', 'PostgreSQL · Node.js v22.12.0'])
    expect(read(health, 'uptime')).toEqual(['Running for', '3 days 4 hours'])
    expect(read(health, 'database')).toEqual(['Database', '5.2 MB'])
    expect(read(health, 'files')).toEqual(['Attached files', '1.5 GB', '1,234 files'])
    expect(read(health, 'accounts')).toEqual(['Accounts', '4,210', '3 deactivated · 17 with two-factor'])
    expect(read(health, 'workspaces')).toEqual(['Workspaces', '5'])
    expect(read(health, 'sessions')).toEqual(['Live sessions', '12'])
    expect(read(health, 'emails')).toEqual(['Emails', '0 waiting0 failed', 'Outbox'])
    expect(read(health, 'webhooks')).toEqual(['Webhook deliveries', '0 waiting0 failed'])
    expect(read(health, 'audit')).toEqual(['Audit events', '98,765', 'Audit log'])
    // Nothing failed: nothing draws the eye.
    expect(health.querySelectorAll('[data-warning]')).toHaveLength(0)
    // When it was looked at, in the browser's time zone.
    const moment = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(NOW)
    expect(health.querySelector('.in-health-foot')?.textContent).toBe(`As of ${moment} · Work in progress: 0`)

    // The ways on: the outbox further down this page, and the audit log.
    const outbox = figure(health, 'emails')!.querySelector<HTMLAnchorElement>('a')!
    expect(outbox.getAttribute('href')).toBe('#instance-email')
    const target = await found(() => document.getElementById('instance-email'))
    expect(target.textContent).toBe('Email')
    expect(figure(health, 'audit')!.querySelector('a')?.getAttribute('href')).toBe(
      '/w/1/settings/instance/audit',
    )
  })

  it('warns where background work failed, and says when email is off, in Chinese too', async () => {
    const routes = instanceRoutes(
      busy({
        jobs: {
          running: 2,
          emailOn: false,
          emails: { waiting: 1500, failed: 3 },
          webhooks: { waiting: 0, failed: 1 },
        },
        files: { count: 1, bytes: 300 },
      }),
    )
    const { container } = open(routes, 'zh-CN')
    const health = await found(() => card(container))
    const emails = await found(() => figure(health, 'emails'))
    expect(emails.dataset.warning).toBe('true')
    expect(emails.classList.contains('is-warning')).toBe(true)
    expect(read(health, 'emails')).toEqual(['邮件', '等待中 1,500失败 3', '邮件未开启 · 发件箱'])
    expect(figure(health, 'webhooks')!.dataset.warning).toBe('true')
    expect(read(health, 'webhooks')).toEqual(['Webhook 投递', '等待中 0失败 1'])
    // Only failures warn: what merely waits does not.
    expect([...health.querySelectorAll<HTMLElement>('[data-warning]')].map((f) => f.dataset.figure)).toEqual([
      'emails',
      'webhooks',
    ])
    expect(read(health, 'uptime')).toEqual(['已运行', '3天4小时'])
    expect(read(health, 'files')).toEqual(['附件', '300 B', '1 个文件'])
    expect(health.querySelector('.in-health-foot')?.textContent).toContain('进行中的后台任务：2')
    expect(untranslatedKeys(health)).toEqual([])
  })

  it('looks again when asked, and by itself every 30 seconds while the page is open', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] })
    vi.setSystemTime(NOW)
    const routes = instanceRoutes([
      busy({ liveSessions: 12 }),
      busy({ liveSessions: 13, uptimeSeconds: 45 }),
      busy({ liveSessions: 14, uptimeSeconds: 3 * 3600 }),
    ])
    const { container, requests } = open(routes)
    const health = await found(() => card(container))
    await found(() => read(health, 'sessions')[1] === '12')
    const asked = () => requests.filter((r) => r === 'GET /api/admin/health').length
    expect(asked()).toBe(1)

    button(health, 'Refresh')!.click()
    await found(() => read(health, 'sessions')[1] === '13')
    expect(asked()).toBe(2)
    expect(read(health, 'uptime')[1]).toBe('45 seconds')

    // Not before its time.
    vi.advanceTimersByTime(20_000)
    await new Promise((r) => setTimeout(r, 30))
    expect(asked()).toBe(2)
    vi.advanceTimersByTime(10_000)
    await found(() => read(health, 'sessions')[1] === '14')
    expect(asked()).toBe(3)
    expect(read(health, 'uptime')[1]).toBe('3 hours')
  })

  it('shows a failure in place, with a way to try again, and the rest of the page still works', async () => {
    const routes = instanceRoutes(busy())
    routes['GET /api/admin/health'] = {
      status: 500,
      body: { error: { code: 'internal', message: 'Internal error' } },
    }
    const { container } = open(routes)
    const health = await found(() => card(container))
    const alert = await found(() => health.querySelector('[role="alert"]'))
    expect(button(alert, 'Try again')).toBeDefined()
    expect(figure(health, 'version')).toBeNull()
    await found(() => container.querySelector('tr[data-workspace="1"]'))
  })
})

describe('the Workspaces card', () => {
  it('lists every workspace with its members, products and when it was made', async () => {
    const { container } = open(instanceRoutes(busy()))
    const table = await found(() =>
      container.querySelector<HTMLTableElement>('table[aria-label="Workspaces of this Keel"]'),
    )
    const rows = await found(() => {
      const found = [...table.querySelectorAll('tbody tr')]
      return found.length === 2 && found
    })
    expect([...table.querySelectorAll('th')].map((th) => th.textContent)).toEqual([
      'Workspace',
      'Members',
      'Products',
      'Created',
    ])
    expect(rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))).toEqual([
      ['Acme', '12', '2', 'Jan 5, 2026'],
      ['Plant Suzhou', '1,048', '0', 'Mar 2, 2026'],
    ])
  })

  it('says so when there is none yet, in Chinese', async () => {
    const routes = instanceRoutes(busy())
    routes['GET /api/admin/workspaces'] = { items: [] }
    const { container } = open(routes, 'zh-CN')
    const section = await found(() =>
      container.querySelector<HTMLElement>('[aria-labelledby="instance-workspaces"]'),
    )
    await found(() => section.textContent?.includes('还没有空间。'))
    expect(section.querySelector('h2')?.textContent).toBe('空间')
    expect(section.querySelector('table')).toBeNull()
    expect(untranslatedKeys(section)).toEqual([])
  })
})

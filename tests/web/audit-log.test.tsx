// The audit log page of instance owners: events in words (the action's phrase, the target, a summary of the
// details) in both languages, filters that live in the URL and go into the request, "Load more" by the
// server's cursor, download links that carry the filters, and empty states that teach. Against a fake API.
import { createRoot } from 'solid-js'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../server/features/audit/actions'
import AuditLogPage from '../../web/src/features/audit/audit-page'
import { actionPhrase } from '../../web/src/features/audit/audit-text'
import type { AuditEvent } from '../../web/src/features/audit/queries'
import { createI18n, type Locale } from '../../web/src/i18n'
import { type Answer, renderPagesAt, until, untranslatedKeys } from './home-harness'

const NOW = new Date('2026-11-10T12:00:00.000Z')
const show = renderPagesAt(NOW)

/** Waits for what the check finds (an element, a true condition). */
const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const event = (id: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id,
  createdAt: '2026-11-10T09:30:00.000Z',
  action: 'auth.login',
  actorId: 2,
  actorEmail: 'dana@acme.test',
  workspaceId: null,
  targetType: null,
  targetId: null,
  targetLabel: null,
  address: '203.0.113.7',
  userAgent:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36',
  details: { method: 'password' },
  ...over,
})

const EVENTS: AuditEvent[] = [
  event(9, {
    action: 'auth.login_failed',
    actorId: null,
    actorEmail: null,
    targetLabel: 'mallory@elsewhere.test',
    details: { reason: 'unknown_account' },
  }),
  event(8, {
    action: 'account.deactivated',
    actorId: 1,
    actorEmail: 'pm@acme.test',
    targetType: 'user',
    targetId: 3,
    targetLabel: 'lee@acme.test',
    details: null,
  }),
  event(7, {
    action: 'instance.settings_updated',
    actorId: 1,
    actorEmail: 'pm@acme.test',
    details: { before: { auditRetentionDays: 365 }, after: { auditRetentionDays: 90 } },
  }),
  event(6, {
    action: 'member.updated',
    actorId: 1,
    actorEmail: 'pm@acme.test',
    workspaceId: 1,
    targetType: 'member',
    targetId: 14,
    details: {
      before: { id: 14, userId: 2, roleId: 3, restricted: false, version: 2 },
      after: { id: 14, userId: 2, roleId: 5, restricted: true, version: 3 },
    },
  }),
  event(5),
  event(4, {
    action: 'invite.created',
    actorId: 1,
    actorEmail: 'pm@acme.test',
    workspaceId: 1,
    targetType: 'invite',
    targetId: 21,
    targetLabel: 'Sam Sales',
    details: {
      before: null,
      after: {
        id: 21,
        email: 'sam@acme.test',
        name: 'Sam Sales',
        roleId: 4,
        productIds: null,
        invitedBy: 1,
        expiresAt: '2026-11-17T09:00:00.000Z',
      },
    },
  }),
]

/** The instance's accounts, which name the people a record points to. */
const ACCOUNTS = {
  items: [
    { id: 1, email: 'pm@acme.test', name: 'Pat PM', instanceOwner: true, deactivatedAt: null },
    { id: 2, email: 'dana@acme.test', name: 'Dana Developer', instanceOwner: false, deactivatedAt: null },
  ],
}

const page = (items: AuditEvent[], nextCursor: string | null = null) => ({ items, nextCursor })

/** Answers every audit request with `answer(url)`, and keeps the URLs asked for. */
function auditServer(answer: (url: URL) => Answer) {
  const asked: URL[] = []
  return {
    asked,
    routes: {
      'GET /api/admin/users': () => ACCOUNTS,
      'GET /api/admin/audit': (url: URL) => {
        asked.push(url)
        return answer(url)
      },
    },
  }
}

const open = (
  routes: Record<string, (url: URL) => Answer>,
  at = '/w/1/settings/instance/audit',
  locale: Locale = 'en',
) =>
  show({
    page: AuditLogPage,
    route: '/w/:ws/settings/instance/audit',
    at,
    user: { instanceOwner: true },
    routes,
    locale,
  })

const rows = (container: HTMLElement) => [
  ...container.querySelectorAll<HTMLTableRowElement>('tr[data-audit]'),
]
const cell = (tr: HTMLTableRowElement, name: string) => tr.querySelector(`td.au-${name}`)?.textContent?.trim()
const byId = (container: HTMLElement, id: number) =>
  container.querySelector<HTMLTableRowElement>(`tr[data-audit="${id}"]`)!
const params = (url: URL | undefined) => Object.fromEntries(url?.searchParams ?? [])
const type = (input: HTMLInputElement, value: string) => {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}
const field = (container: HTMLElement, name: string) =>
  container.querySelector<HTMLInputElement>(`input[name="${name}"]`)!
const downloads = (container: HTMLElement) =>
  Object.fromEntries(
    [...container.querySelectorAll<HTMLAnchorElement>('.au-downloads a')].map((a) => [
      a.dataset.format,
      new URL(a.getAttribute('href')!, 'http://keel.test'),
    ]),
  )

describe('the audit log', () => {
  it('names Keel as who made a change its sign-in rules made, not a missing person', async () => {
    const automatic = event(3, {
      action: 'member.created',
      actorId: null,
      actorEmail: null,
      workspaceId: 1,
      targetType: 'member',
      targetId: 20,
      details: { before: null, after: { id: 20, userId: 2, roleId: 3 }, automatic: true },
    })
    const { routes } = auditServer(() => page([automatic, EVENTS[0]!]))
    const { container } = open(routes)
    await found(() => rows(container).length === 2)
    expect(cell(byId(container, 3), 'actor')).toBe('Keel, by the sign-in rules')
    expect(cell(byId(container, 9), 'actor')).toBe('Not signed in')
  })

  it('says what happened in words: the action, who, on what, from where, and the details', async () => {
    const { routes, asked } = auditServer(() => page(EVENTS))
    const { container } = open(routes)
    await found(() => rows(container).length === 6)
    expect(params(asked[0])).toEqual({ limit: '50' })
    const failed = byId(container, 9)
    expect(cell(failed, 'action')).toBe('Failed sign-in')
    expect(cell(failed, 'actor')).toBe('Not signed in')
    expect(cell(failed, 'target')).toBe('mallory@elsewhere.test')
    expect(failed.querySelector('.au-details summary')?.textContent).toBe('no such account')
    expect(cell(failed, 'address')).toBe('203.0.113.7Chrome · Linux')
    expect(cell(byId(container, 8), 'action')).toBe('Deactivated account')
    expect(cell(byId(container, 8), 'target')).toBe('lee@acme.testAccount')
    expect(cell(byId(container, 7), 'action')).toBe('Changed instance settings')
    expect(byId(container, 7).querySelector('.au-details summary')?.textContent).toBe(
      'Audit retention (days): 365 → 90',
    )
    // A membership reads as its account's email, in the workspace it belongs to; only the fields that
    // changed are named, bookkeeping left out.
    const member = byId(container, 6)
    expect(cell(member, 'action')).toBe('Changed member')
    await found(() => cell(member, 'target') === 'dana@acme.testMember · Acme')
    expect(member.querySelector('.au-details summary')?.textContent).toBe(
      'Role: 3 → 5 · Limited to products: no → yes',
    )
    // The raw record stays one click away.
    expect(member.querySelector('.au-details pre')?.textContent).toContain('"roleId": 5')
    expect(cell(byId(container, 5), 'action')).toBe('Signed in')
    expect(byId(container, 5).querySelector('.au-details summary')?.textContent).toBe('with password')
    // Accounts by their email, moments in the reader's words, "all" for no narrowing to products.
    const invite = await found(() => {
      const summary = byId(container, 4).querySelector('.au-details summary')?.textContent
      return summary?.includes('pm@acme.test') && summary
    })
    expect(invite).toContain('Role: 4 · Products: all · Invited by: pm@acme.test · Expires: ')
    expect(invite).not.toContain('2026-11-17T')
    expect(cell(byId(container, 4), 'target')).toBe('Sam SalesInvite · Acme')
    expect(container.querySelector('.au-table-wrap')?.getAttribute('class')).not.toContain('is-stale')
  })

  it('speaks Chinese', async () => {
    const { routes } = auditServer(() => page(EVENTS))
    const { container } = open(routes, '/w/1/settings/instance/audit', 'zh-CN')
    await found(() => rows(container).length === 6)
    expect(cell(byId(container, 9), 'action')).toBe('登录失败')
    expect(byId(container, 9).querySelector('.au-details summary')?.textContent).toBe('账号不存在')
    expect(cell(byId(container, 9), 'actor')).toBe('未登录')
    expect(cell(byId(container, 8), 'action')).toBe('停用账号')
    expect(byId(container, 7).querySelector('.au-details summary')?.textContent).toBe(
      '审计保留天数：365 → 90',
    )
    expect(container.querySelector('h1')?.textContent).toBe('审计日志')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('puts each filter into the URL and into the request', async () => {
    const { routes, asked } = auditServer((url) =>
      page(
        url.searchParams.get('action') === 'auth.'
          ? EVENTS.filter((e) => e.action.startsWith('auth.'))
          : EVENTS,
      ),
    )
    const rendered = open(routes)
    const { container } = rendered
    await found(() => rows(container).length === 6)

    const kind = container.querySelector<HTMLSelectElement>('select[name="action"]')!
    expect([...kind.options].map((o) => o.value)).toEqual([
      '',
      'auth.',
      'two_factor.',
      'account.',
      'token.',
      'member.',
      'role.',
      'invite.',
      'share_link.',
      'webhook.',
      'export.',
      'instance.',
    ])
    kind.value = 'auth.'
    kind.dispatchEvent(new Event('change', { bubbles: true }))
    await found(() => rows(container).length === 2)
    expect(params(asked.at(-1))).toEqual({ limit: '50', action: 'auth.' })
    expect(rendered.path()).toBe('/w/1/settings/instance/audit?action=auth.')

    type(field(container, 'actor'), 'dana')
    await found(() => params(asked.at(-1)).actor === 'dana')
    expect(params(asked.at(-1))).toEqual({ limit: '50', action: 'auth.', actor: 'dana' })
    type(field(container, 'q'), '203.0.113')
    await found(() => params(asked.at(-1)).q === '203.0.113')

    // Days are the browser's days: from its first moment to its last.
    type(field(container, 'from'), '2026-11-01')
    await found(() => params(asked.at(-1)).from !== undefined)
    expect(params(asked.at(-1)).from).toBe(new Date(2026, 10, 1).toISOString())
    type(field(container, 'to'), '2026-11-09')
    await found(() => params(asked.at(-1)).to !== undefined)
    expect(params(asked.at(-1)).to).toBe(new Date(2026, 10, 9, 23, 59, 59, 999).toISOString())
    expect(new URLSearchParams(rendered.path().split('?')[1])).toEqual(
      new URLSearchParams({
        action: 'auth.',
        actor: 'dana',
        q: '203.0.113',
        from: '2026-11-01',
        to: '2026-11-09',
      }),
    )

    // Clicking someone's email shows only what they did.
    const clear = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Clear filters')!
    clear.click()
    await found(() => params(asked.at(-1)).action === undefined && rows(container).length === 6)
    expect(rendered.path()).toBe('/w/1/settings/instance/audit')
    byId(container, 7).querySelector<HTMLButtonElement>('.au-actor button')!.click()
    await found(() => params(asked.at(-1)).actor === 'pm@acme.test')
    expect(field(container, 'actor').value).toBe('pm@acme.test')
  })

  it('opens a shared view with its filters, and downloads what the filters match', async () => {
    const { routes, asked } = auditServer(() => page([EVENTS[0]!]))
    const { container } = open(
      routes,
      '/w/1/settings/instance/audit?action=auth.login_failed&actor=mallory&from=2026-11-01',
    )
    await found(() => rows(container).length === 1)
    expect(params(asked[0])).toEqual({
      limit: '50',
      action: 'auth.login_failed',
      actor: 'mallory',
      from: new Date(2026, 10, 1).toISOString(),
    })
    // One action rather than a family shows as itself in the select.
    const kind = container.querySelector<HTMLSelectElement>('select[name="action"]')!
    expect(kind.value).toBe('auth.login_failed')
    expect(kind.selectedOptions[0]?.textContent).toBe('Failed sign-in only')
    expect(field(container, 'actor').value).toBe('mallory')

    const files = downloads(container)
    expect(files.csv?.pathname).toBe('/api/admin/audit')
    expect(params(files.csv)).toEqual({
      format: 'csv',
      action: 'auth.login_failed',
      actor: 'mallory',
      from: new Date(2026, 10, 1).toISOString(),
    })
    expect(params(files.json)).toEqual({ ...params(files.csv), format: 'json' })
    expect(container.querySelector('.au-downloads a')?.hasAttribute('download')).toBe(true)

    // A new filter changes the links too.
    type(field(container, 'q'), 'elsewhere')
    await found(() => params(downloads(container).csv).q === 'elsewhere')
  })

  it('loads the next page by the server’s cursor and adds it below', async () => {
    const { routes, asked } = auditServer((url) =>
      url.searchParams.get('cursor') === '8' ? page(EVENTS.slice(2), null) : page(EVENTS.slice(0, 2), '8'),
    )
    const { container } = open(routes)
    await found(() => rows(container).length === 2)
    expect(container.textContent).toContain('2 events shown')
    const more = [...container.querySelectorAll('button')].find((b) => b.textContent === 'Load more')!
    more.click()
    await found(() => rows(container).length === 6)
    expect(params(asked.at(-1))).toEqual({ limit: '50', cursor: '8' })
    expect(rows(container).map((r) => r.dataset.audit)).toEqual(['9', '8', '7', '6', '5', '4'])
    expect([...container.querySelectorAll('button')].some((b) => b.textContent === 'Load more')).toBe(false)
  })

  it('teaches what the log records while it is empty, and how to widen filters that match nothing', async () => {
    const { routes } = auditServer(() => page([]))
    const empty = open(routes)
    const title = await found(() => empty.container.querySelector('.empty-state h2'))
    expect(title?.textContent).toBe('Nothing recorded yet')
    const body = empty.container.querySelector('.empty-state p')?.textContent ?? ''
    expect(body).toContain('failed sign-in')
    expect(body).toContain('data exports')
    empty.dispose()

    const filtered = open(routes, '/w/1/settings/instance/audit?action=webhook.')
    const none = await found(() => filtered.container.querySelector('.empty-state h2'))
    expect(none?.textContent).toBe('No events match these filters')
    filtered.container.querySelector<HTMLButtonElement>('.empty-state button')!.click()
    await found(() => filtered.path() === '/w/1/settings/instance/audit')
  })

  it('has a short phrase in both languages for every action the server records', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const words = createRoot((dispose) => {
        const i18n = createI18n(locale, false)
        dispose()
        return i18n
      })
      const missing = AUDIT_ACTIONS.filter((action) => actionPhrase(action, words) === action)
      expect(missing, `actions without words in ${locale}`).toEqual([])
    }
  })

  it('sends anyone but an instance owner back to the workspace', async () => {
    const { routes, asked } = auditServer(() => page(EVENTS))
    const rendered = show({
      page: AuditLogPage,
      route: '/w/:ws/settings/instance/audit',
      at: '/w/1/settings/instance/audit',
      routes,
    })
    await found(() => rendered.path() === '/w/1')
    expect(asked).toEqual([])
  })
})

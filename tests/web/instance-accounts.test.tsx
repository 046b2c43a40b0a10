// The instance page's accounts, as an instance owner manages them: whether each may sign in and when it was
// last seen, deactivating (asked first, saying what ends and what stays) and bringing back, the owner's own
// account kept from deactivation, the server's refusals in words, where an account is signed in and signing
// it out everywhere, and how long the audit log keeps its events. Against a fake API.
import { describe, expect, it } from 'vitest'
import InstancePage from '../../web/src/features/instance/instance-page'
import type { Locale } from '../../web/src/i18n'
import { type Answer, type Routes, renderPagesAt, until, untranslatedKeys } from './home-harness'
import { healthAnswer } from './instance-fixtures'

const NOW = new Date('2026-11-10T12:00:00.000Z')
const show = renderPagesAt(NOW)

/** Waits for what the check finds (an element, a true condition). */
const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

interface AccountRow {
  id: number
  email: string
  name: string
  instanceOwner: boolean
  deactivatedAt: string | null
  createdAt: string
  workspaces: number
  lastSeenAt: string | null
}

const account = (id: number, name: string, over: Partial<AccountRow> = {}): AccountRow => ({
  id,
  email: `${name.split(' ')[0]!.toLowerCase()}@acme.test`,
  name,
  instanceOwner: false,
  deactivatedAt: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  workspaces: 1,
  lastSeenAt: null,
  ...over,
})

/** The owner signed in (id 1, as the harness's user), a developer seen 3 hours ago, and one without a session. */
const people = () => [
  account(1, 'Pat PM', {
    email: 'pm@acme.test',
    instanceOwner: true,
    lastSeenAt: '2026-11-10T11:59:40.000Z',
  }),
  account(2, 'Dana Developer', { lastSeenAt: '2026-11-10T09:00:00.000Z', workspaces: 2 }),
  account(3, 'Lee Stakeholder'),
]

const session = (id: number, userAgent: string, address: string, lastUsedAt: string) => ({
  id,
  userAgent,
  address,
  createdAt: '2026-11-01T08:00:00.000Z',
  lastUsedAt,
})
const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36'
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1'

const conflict = (reason: string, message: string) => ({
  status: 409,
  body: { error: { code: 'conflict', message, details: { reason } } },
})

/**
 * A small server: the accounts (changed by PATCH as the real one would), the settings, and the writes
 * recorded with their bodies. `patch` answers instead when given (a refusal).
 */
function instanceServer(options: { patch?: Answer; sessions?: ReturnType<typeof session>[] } = {}) {
  const accounts = people()
  let sessions = options.sessions ?? []
  let settings = { workspaceCreation: 'owners', auditRetentionDays: 365, version: 1 }
  const writes: { method: string; path: string; body: unknown }[] = []
  const record = (url: URL, init?: RequestInit) =>
    writes.push({
      method: (init?.method ?? 'GET').toUpperCase(),
      path: url.pathname,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    })
  const routes: Routes = {
    'GET /api/admin/users': () => ({ items: accounts.map((a) => ({ ...a })) }),
    'GET /api/admin/settings': () => settings,
    'PATCH /api/admin/settings': (url: URL, init?: RequestInit) => {
      record(url, init)
      settings = { ...settings, ...JSON.parse(String(init?.body)), version: settings.version + 1 }
      return settings
    },
    'GET /api/admin/emails': {
      emailOn: true,
      from: 'Keel <keel@acme.test>',
      publicUrl: 'https://keel.acme.test',
      counts: { pending: 0, sent: 0, failed: 0, skipped: 0 },
      items: [],
      nextCursor: null,
    },
    'GET /api/admin/health': healthAnswer(),
    'GET /api/admin/workspaces': { items: [] },
    'GET /api/admin/users/2/sessions': () => ({ items: sessions }),
    'DELETE /api/admin/users/2/sessions': (url: URL, init?: RequestInit) => {
      record(url, init)
      sessions = []
      return { status: 204, body: null }
    },
  }
  for (const a of accounts) {
    routes[`PATCH /api/admin/users/${a.id}`] = (url: URL, init?: RequestInit) => {
      record(url, init)
      if (options.patch) return options.patch
      const body = JSON.parse(String(init?.body)) as { active?: boolean }
      if (body.active !== undefined) a.deactivatedAt = body.active ? null : NOW.toISOString()
      const { workspaces: _w, lastSeenAt: _l, ...changed } = a
      return changed
    }
  }
  return { routes, writes }
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

const row = (container: HTMLElement, email: string) =>
  container.querySelector<HTMLTableRowElement>(`tr[data-account="${email}"]`)
const labelled = (root: ParentNode, label: string) =>
  root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const alertDialog = () => document.querySelector<HTMLElement>('[role="alertdialog"]')
const dialog = () => document.querySelector<HTMLElement>('[role="dialog"]')
const cells = (tr: HTMLTableRowElement) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())

describe('the accounts on the instance page', () => {
  it('shows whether each account may sign in and when it was last seen', async () => {
    const { routes } = instanceServer()
    const { container } = open(routes)
    const dana = (await found(() => row(container, 'dana@acme.test')))!
    const headers = [...container.querySelectorAll('.in-table th')].map((th) => th.textContent?.trim())
    expect(headers.slice(0, 5)).toEqual(['Account', 'Status', 'Workspaces', 'Last seen', 'Created'])
    expect(cells(dana).slice(0, 4)).toEqual(['Dana Developerdana@acme.test', 'Active', '2', '3 hours ago'])
    expect(dana.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-10T09:00:00.000Z')
    expect(cells(row(container, 'lee@acme.test')!)[3]).toBe('No session')
    expect(cells(row(container, 'pm@acme.test')!)[3]).toBe('now')
  })

  it('deactivates only after a confirmation that says what ends and what stays, then marks the account', async () => {
    const { routes, writes } = instanceServer()
    const { container } = open(routes)
    const deactivate = await found(() => labelled(container, 'Deactivate Dana Developer'))
    deactivate.click()
    const confirm = await found(alertDialog)
    expect(confirm.querySelector('.dialog-title')?.textContent).toBe('Deactivate Dana Developer?')
    const body = confirm.querySelector('.dialog-description')?.textContent ?? ''
    expect(body).toContain('They can no longer sign in')
    expect(body).toContain('sessions and API tokens end at once')
    expect(body).toContain('Everything they did stays')
    // Asking changes nothing yet.
    expect(writes).toEqual([])

    button(confirm, 'Deactivate')!.click()
    const badge = await found(() =>
      row(container, 'dana@acme.test')?.querySelector('[data-testid="account-deactivated"]'),
    )
    expect(writes).toEqual([{ method: 'PATCH', path: '/api/admin/users/2', body: { active: false } }])
    expect(badge.textContent).toBe('Deactivated')
    expect(alertDialog()).toBeNull()
    expect(container.querySelector('[role="status"]')?.textContent).toBe('Dana Developer is deactivated.')
    // Brought back with one click; a deactivated account gets no reset link meanwhile.
    const dana = row(container, 'dana@acme.test')!
    expect(labelled(dana, 'Deactivate Dana Developer')).toBeNull()
    expect(labelled(dana, 'Create a password reset link for Dana Developer')!.disabled).toBe(true)
    labelled(dana, 'Reactivate Dana Developer')!.click()
    await found(() => cells(row(container, 'dana@acme.test')!)[1] === 'Active')
    expect(writes.at(-1)).toEqual({ method: 'PATCH', path: '/api/admin/users/2', body: { active: true } })
  })

  it('keeps the owner from deactivating their own account, and says why', async () => {
    const { routes, writes } = instanceServer()
    const { container } = open(routes)
    const me = await found(() => row(container, 'pm@acme.test'))
    const own = labelled(me, 'Deactivate Pat PM')!
    expect(own.disabled).toBe(true)
    expect(own.title).toBe('You cannot deactivate your own account; ask another instance owner.')
    const hint = document.getElementById(own.getAttribute('aria-describedby') ?? '')
    expect(hint?.textContent).toBe(own.title)
    own.click()
    await new Promise((r) => setTimeout(r, 30))
    expect(alertDialog()).toBeNull()
    expect(writes).toEqual([])
    // Everyone else can be.
    expect(labelled(row(container, 'dana@acme.test')!, 'Deactivate Dana Developer')!.disabled).toBe(false)
  })

  it('shows the server’s refusal in words, in the dialog, and leaves the account as it was', async () => {
    const { routes } = instanceServer({
      patch: conflict('last_instance_owner', 'The last instance owner cannot step down'),
    })
    const { container } = open(routes, 'zh-CN')
    ;(await found(() => labelled(container, '停用 Dana Developer'))).click()
    const confirm = await found(alertDialog)
    button(confirm, '停用')!.click()
    const alert = await found(() => confirm.querySelector('[role="alert"]'))
    await found(() => alert.textContent?.includes('不能停用最后一位实例所有者'))
    expect(alertDialog()).not.toBeNull()
    expect(row(container, 'dana@acme.test')!.querySelector('[data-testid="account-deactivated"]')).toBeNull()
    expect(untranslatedKeys(container)).toEqual([])
    expect(untranslatedKeys(confirm)).toEqual([])
  })

  it('lists where an account is signed in and signs it out everywhere after asking', async () => {
    const { routes, writes } = instanceServer({
      sessions: [
        session(11, CHROME_LINUX, '203.0.113.7', '2026-11-10T10:00:00.000Z'),
        session(12, SAFARI_IOS, '198.51.100.4', '2026-11-08T12:00:00.000Z'),
      ],
    })
    const { container } = open(routes)
    ;(await found(() => labelled(container, 'Sessions of Dana Developer'))).click()
    const sessions = await found(dialog)
    expect(sessions.querySelector('.dialog-title')?.textContent).toBe('Where Dana Developer is signed in')
    const rows = await found(() => {
      const found = [...sessions.querySelectorAll<HTMLTableRowElement>('[data-testid="account-session"]')]
      return found.length === 2 && found
    })
    expect(cells(rows[0]!).slice(0, 3)).toEqual(['Chrome · Linux', '203.0.113.7', '2 hours ago'])
    expect(cells(rows[1]!).slice(0, 3)).toEqual(['Safari · iOS', '198.51.100.4', '2 days ago'])
    // The full user agent is a hover away.
    expect(rows[0]!.querySelector('td')?.title).toBe(CHROME_LINUX)

    button(sessions, 'Sign out everywhere')!.click()
    await found(() => sessions.textContent?.includes('Sign Dana Developer out of every browser?'))
    expect(sessions.textContent).toContain('Their API tokens keep working')
    expect(writes).toEqual([])
    const confirm = sessions.querySelector<HTMLButtonElement>('.btn-danger')!
    expect(confirm.textContent).toBe('Sign out everywhere')
    confirm.click()
    await found(() => sessions.textContent?.includes('Not signed in anywhere.'))
    expect(writes).toEqual([{ method: 'DELETE', path: '/api/admin/users/2/sessions', body: undefined }])
    expect(sessions.querySelector('[role="status"]')?.textContent).toBe(
      'Dana Developer is signed out everywhere.',
    )
    expect(button(sessions, 'Sign out everywhere')!.disabled).toBe(true)
  })

  it('keeps audit events for the days chosen, from 30 to 3650, and leads to the log', async () => {
    const { routes, writes } = instanceServer()
    const { container } = open(routes)
    const days = await found(() =>
      container.querySelector<HTMLInputElement>('input[name="auditRetentionDays"]'),
    )
    await found(() => days.value === '365')
    const link = container.querySelector<HTMLAnchorElement>(
      '[aria-labelledby="instance-audit"] a[href="/w/1/settings/instance/audit"]',
    )
    expect(link?.textContent).toBe('Open the audit log')
    const form = days.closest('form')!
    const save = form.querySelector<HTMLButtonElement>('button[type="submit"]')!
    expect(save.disabled).toBe(true)

    const type = (value: string) => {
      days.value = value
      days.dispatchEvent(new Event('input', { bubbles: true }))
    }
    type('10')
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await found(() => form.textContent?.includes('Enter a whole number of days from 30 to 3650.'))
    expect(days.getAttribute('aria-invalid')).toBe('true')
    expect(writes).toEqual([])

    type('90')
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    const saved = await found(() =>
      [...container.querySelectorAll('[role="status"]')].find((s) => s.textContent?.includes('90 days')),
    )
    expect(saved.textContent).toBe('Events are now kept for 90 days.')
    expect(writes).toEqual([
      { method: 'PATCH', path: '/api/admin/settings', body: { auditRetentionDays: 90 } },
    ])
  })
})

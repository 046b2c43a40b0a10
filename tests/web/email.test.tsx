// The web side of email: "Forgot your password?" from the login page (one neutral answer, email off, too
// many requests), the unsubscribe page (reads on load, stops only on the button), confirming a new address
// (only on Confirm), /account, the account page's email card, the notification preferences with email off,
// the instance owners' outbox, and the invite dialog when the invitation was emailed. Against a fake API.
import { afterEach, describe, expect, it } from 'vitest'
import AccountRedirect from '../../web/src/features/auth/account-redirect'
import { EmailSection } from '../../web/src/features/auth/email-section'
import ForgotPasswordPage from '../../web/src/features/auth/forgot-password-page'
import LoginPage from '../../web/src/features/auth/login-page'
import VerifyEmailPage from '../../web/src/features/auth/verify-email-page'
import { OutboxSection } from '../../web/src/features/email/outbox-section'
import { OUTBOX_POLL_MS, outboxQuery } from '../../web/src/features/email/queries'
import UnsubscribePage from '../../web/src/features/email/unsubscribe-page'
import { InviteDialog } from '../../web/src/features/members/invite-dialog'
import { NotificationPreferences } from '../../web/src/features/notifications/preferences-section'
import type { Role } from '../../web/src/features/roles/queries'
import type { Locale } from '../../web/src/i18n'
import {
  type Answer,
  type PageOptions,
  type Rendered,
  renderPage,
  until,
  untranslatedKeys,
} from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
  localStorage.clear()
})

/** Waits for what the check finds (an element, a true condition). */
const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const show = (options: PageOptions) => {
  page?.dispose()
  page = renderPage(options)
  return page
}

/** Requests with their JSON bodies, for the routes that take one. */
function recorder() {
  const bodies: { path: string; body: unknown }[] = []
  const answer =
    (result: Answer) =>
    (url: URL, init?: RequestInit): Answer => {
      bodies.push({ path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined })
      return result
    }
  return { bodies, answer }
}

const type = (input: HTMLInputElement, value: string) => {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
const byName = (root: ParentNode, name: string) =>
  root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const text = (root: HTMLElement) => root.textContent ?? ''
const errorOf = (input: HTMLInputElement) =>
  input.getAttribute('aria-describedby')
    ? (document.getElementById(input.getAttribute('aria-describedby')!)?.textContent ?? '')
    : ''

const conflict = (reason: string) => ({
  status: 409,
  body: { error: { code: 'conflict', message: 'Conflict', details: { reason } } },
})
const notFound = {
  status: 404,
  body: { error: { code: 'not_found', message: 'Unsubscribe link not found' } },
}

describe('the login page', () => {
  it('links to the forgot-password page instead of telling people to ask an owner', async () => {
    const { container } = show({
      page: LoginPage,
      route: '/login',
      at: '/login',
      routes: { '/api/setup': { needed: false } },
    })
    const link = await found(() =>
      [...container.querySelectorAll('a')].find((a) => a.textContent === 'Forgot your password?'),
    )
    expect(link.getAttribute('href')).toBe('/forgot-password')
    expect(text(container)).not.toContain('Ask an instance owner')
  })
})

describe('forgot password', () => {
  const ask = async (result: Answer, locale: Locale = 'en') => {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: ForgotPasswordPage,
      route: '/forgot-password',
      at: '/forgot-password',
      locale,
      routes: { 'POST /api/auth/password-reset': answer(result) },
    })
    const email = byName(rendered.container, 'email')
    // The first field takes the keyboard, also when the page is reached from the login page.
    await found(() => document.activeElement === email)
    type(email, '  Dana@Acme.test ')
    submit(rendered.container.querySelector('form')!)
    return { ...rendered, bodies }
  }

  it('answers every address with the same neutral message, and says how long the link works', async () => {
    const { container, bodies } = await ask({ status: 202, body: {} })
    const sent = await found(() => container.querySelector('[data-testid="forgot-sent"]'))
    expect(sent.textContent).toBe(
      'If an account uses Dana@Acme.test, an email with a link is on its way. The link works once, for 1 hour.',
    )
    expect(bodies).toEqual([{ path: '/api/auth/password-reset', body: { email: 'Dana@Acme.test' } }])
    expect(container.querySelector('h1')?.textContent).toBe('Check your email')
    expect(container.querySelector('a[href="/login"]')).not.toBeNull()
  })

  it('says that email is off and that an instance owner can make a reset link', async () => {
    const { container } = await ask(conflict('email_off'))
    const off = await found(() => container.querySelector('[data-testid="forgot-email-off"]'))
    expect(off.textContent).toContain('This Keel does not send email')
    expect(off.textContent).toContain('an instance owner')
    expect(container.querySelector('[data-testid="forgot-sent"]')).toBeNull()
  })

  it('tells how long to wait when too many links were asked for', async () => {
    const { container } = await ask({
      status: 429,
      body: { error: { code: 'rate_limited', message: 'Too many', details: { retryAfterSeconds: 90 } } },
    })
    const alert = await found(() => container.querySelector('[role="alert"]'))
    expect(alert.textContent).toBe('Too many requests for a link. Wait 2 min and try again.')
  })

  it('speaks Chinese', async () => {
    const { container } = await ask({ status: 202, body: {} }, 'zh-CN')
    const sent = await found(() => container.querySelector('[data-testid="forgot-sent"]'))
    expect(sent.textContent).toContain('1 小时内有效')
    expect(untranslatedKeys(container)).toEqual([])
  })
})

describe('the unsubscribe page', () => {
  const TOKEN = '7.email.abcdefghijklmnopqrstuvwxyz012345'
  const open = (scope: 'email' | 'digest' | null, locale: Locale = 'en') => {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: UnsubscribePage,
      route: '/unsubscribe/:token',
      at: `/unsubscribe/${TOKEN}`,
      locale,
      routes: {
        [`GET /api/unsubscribe/${TOKEN}`]: scope ? { scope } : notFound,
        [`POST /api/unsubscribe/${TOKEN}`]: answer(scope ? { scope } : notFound),
      },
    })
    return { ...rendered, bodies }
  }

  it('only reads the link on load, says what it would stop, and stops it when asked', async () => {
    const { container, requests, bodies } = open('email')
    const scope = await found(() => container.querySelector('[data-testid="unsubscribe-scope"]'))
    expect(scope.textContent).toContain('notification emails you chose to get at once')
    // A mail scanner that opens the link changes nothing (a request made on load is recorded by now).
    expect(requests).toEqual([`GET /api/unsubscribe/${TOKEN}`])
    const stop = button(container, 'Stop notification emails')!
    expect(document.activeElement).toBe(stop)
    stop.click()
    const done = await found(() => container.querySelector('[data-testid="unsubscribe-done"]'))
    expect(done.textContent).toBe(
      'Keel sends you no more notification emails; those notifications arrive in your inbox only.',
    )
    expect(bodies.map((b) => b.path)).toEqual([`/api/unsubscribe/${TOKEN}`])
    const preferences = container.querySelector('a[href^="/account"]')!
    expect(preferences.getAttribute('href')).toBe('/account#account-notifications')
    expect(preferences.textContent).toBe('Choose which emails you get')
  })

  it('names the daily digest when that is what the link stops', async () => {
    const { container } = open('digest', 'zh-CN')
    const scope = await found(() => container.querySelector('[data-testid="unsubscribe-scope"]'))
    expect(scope.textContent).toBe('此链接将停止你的每日摘要邮件。')
    button(container, '停止每日摘要')!.click()
    const done = await found(() => container.querySelector('[data-testid="unsubscribe-done"]'))
    expect(done.textContent).toContain('不再向你发送每日摘要')
  })

  it('says plainly that a forged link is not valid, and offers no button', async () => {
    const { container, requests } = open(null)
    const invalid = await found(() => container.querySelector('[data-testid="unsubscribe-invalid"]'))
    expect(container.querySelector('h1')?.textContent).toBe('This unsubscribe link is not valid')
    expect(invalid.textContent).toContain('notification preferences')
    expect(container.querySelector('button[type="submit"]')).toBeNull()
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual([])
  })
})

describe('confirming a new email address', () => {
  const TOKEN = 'verify-token-0123456789'
  const open = (result: Answer) => {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: VerifyEmailPage,
      route: '/verify-email/:token',
      at: `/verify-email/${TOKEN}`,
      routes: { 'POST /api/auth/email-change/confirm': answer(result) },
    })
    return { ...rendered, bodies }
  }

  it('changes nothing on load, and confirms on the button with the new address shown', async () => {
    const { container, requests, bodies } = open({ email: 'dana.new@acme.test' })
    const confirm = await found(() => button(container, 'Confirm the new address'))
    expect(requests).toEqual([])
    confirm.click()
    const done = await found(() => container.querySelector('[data-testid="verify-done"]'))
    expect(done.textContent).toBe(
      'Your Keel account now uses dana.new@acme.test. Sign in with it from now on.',
    )
    expect(bodies).toEqual([{ path: '/api/auth/email-change/confirm', body: { token: TOKEN } }])
  })

  it('says an expired or used link cannot be used, and leads to the account page', async () => {
    const { container } = open({ status: 404, body: { error: { code: 'not_found', message: 'Not found' } } })
    ;(await found(() => button(container, 'Confirm the new address')))!.click()
    const invalid = await found(() => container.querySelector('[data-testid="verify-invalid"]'))
    expect(invalid.textContent).toContain('has expired (it works for one day)')
    expect(container.querySelector('a[href="/account"]')).not.toBeNull()
  })

  it('says so when another account took the address meanwhile', async () => {
    const { container } = open(conflict('email_taken'))
    ;(await found(() => button(container, 'Confirm the new address')))!.click()
    await found(() => container.querySelector('[data-testid="verify-invalid"]'))
    expect(container.querySelector('h1')?.textContent).toBe('Address not changed')
    expect(text(container)).toContain('Another account has taken this address')
  })
})

describe('/account', () => {
  const me = (workspaces: number[]) => ({
    user: { id: 1, email: 'pm@acme.test', name: 'Pat', canCreateWorkspace: false },
    workspaces: workspaces.map((id) => ({ id, name: `W${id}` })),
  })

  it('opens the account page of the workspace last used here, keeping the part of the page asked for', async () => {
    localStorage.setItem('keel.lastWorkspace', '7')
    const { path, visited } = show({
      page: AccountRedirect,
      route: '/account',
      at: '/account#account-notifications',
      routes: { '/api/me': me([3, 7]) },
    })
    await found(() => path() === '/w/7/settings/account')
    expect(visited.at(-1)).toBe('/w/7/settings/account#account-notifications')
  })

  it('falls back to the first workspace, and sends someone signed out to log in first', async () => {
    localStorage.setItem('keel.lastWorkspace', '99')
    const first = show({
      page: AccountRedirect,
      route: '/account',
      at: '/account',
      routes: { '/api/me': me([3, 7]) },
    })
    await found(() => first.path() === '/w/3/settings/account')
    first.dispose()
    const out = show({
      page: AccountRedirect,
      route: '/account',
      at: '/account',
      routes: { '/api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'Log in' } } } },
    })
    await found(() => out.path() === `/login?next=${encodeURIComponent('/account')}`)
  })
})

describe('the account page’s email card', () => {
  const open = (result: Answer, emailAvailable = true, user?: Record<string, unknown>) => {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: EmailSection,
      route: '/w/:ws/settings/account',
      at: '/w/1/settings/account',
      user,
      routes: {
        '/api/me/notification-preferences': { emailAvailable, digestHour: 9 },
        'POST /api/me/email': answer(result),
      },
    })
    return { ...rendered, bodies }
  }
  const change = (container: HTMLElement, email: string, password = 'my password 1') => {
    type(byName(container, 'newEmail'), email)
    type(byName(container, 'emailPassword'), password)
    submit(container.querySelector('form')!)
  }

  it('shows the current address, and that a new one changes only once its link is opened', async () => {
    const { container, bodies } = open({ email: 'pat.new@acme.test', pending: true })
    expect(container.querySelector('[data-testid="current-email"]')?.textContent).toBe(
      'You sign in with pm@acme.test. Keel’s emails go to it.',
    )
    await found(() => text(container).includes('the address changes when you open it'))
    change(container, ' pat.new@acme.test ')
    const status = await found(() => container.querySelector('[role="status"]'))
    expect(status.textContent).toBe(
      'A confirmation link was sent to pat.new@acme.test. Your address changes when you open it (within one day); until then you sign in with pm@acme.test.',
    )
    expect(bodies).toEqual([
      { path: '/api/me/email', body: { email: 'pat.new@acme.test', password: 'my password 1' } },
    ])
    expect(byName(container, 'emailPassword').value).toBe('')
  })

  it('still says which change waits for its link after the page is opened again', async () => {
    const { container } = open({ email: 'x@acme.test', pending: true }, true, {
      pendingEmail: 'pat.new@acme.test',
    })
    const waiting = await found(() => container.querySelector('[data-testid="pending-email"]'))
    expect(waiting.textContent).toBe(
      'A confirmation link was sent to pat.new@acme.test. Your address changes when you open it (within one day); until then you sign in with pm@acme.test.',
    )
    const none = open({ email: 'x@acme.test', pending: true })
    await found(() => text(none.container).includes('the address changes when you open it'))
    expect(none.container.querySelector('[data-testid="pending-email"]')).toBeNull()
  })

  it('says up front that without email the address changes at once, and then that it did', async () => {
    const { container } = open({ email: 'pat.new@acme.test', pending: false }, false)
    await found(() => text(container).includes('the address changes at once, without a confirmation link'))
    change(container, 'pat.new@acme.test')
    const status = await found(() => container.querySelector('[role="status"]'))
    expect(status.textContent).toBe(
      'Your email address is now pat.new@acme.test. Sign in with it from now on.',
    )
  })

  it('puts a wrong password under the password and a taken address under the address', async () => {
    const wrong = open({
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          message: 'The password is not right',
          details: { column: 'password' },
        },
      },
    })
    change(wrong.container, 'pat.new@acme.test', 'nope')
    await found(() => errorOf(byName(wrong.container, 'emailPassword')) === 'The password is not right.')
    expect(errorOf(byName(wrong.container, 'newEmail'))).not.toContain('Another account')
    wrong.dispose()

    const taken = open(conflict('email_taken'))
    change(taken.container, 'olivia@acme.test')
    await found(() => errorOf(byName(taken.container, 'newEmail')) === 'Another account uses this address.')
    expect(taken.container.querySelector('[role="alert"]')).toBeNull()
  })

  it('does not ask the server to change the address to the one it already is', async () => {
    const { container, requests } = open({ email: 'pm@acme.test', pending: false })
    change(container, 'PM@acme.test')
    await found(() => errorOf(byName(container, 'newEmail')) === 'This is already your address.')
    expect(requests.filter((r) => r.startsWith('POST'))).toEqual([])
  })
})

describe('notification preferences', () => {
  const prefs = (emailAvailable: boolean) => ({
    assigned: 'email',
    mentioned: 'inbox',
    commented: 'inbox',
    status_changed: 'digest',
    blocked: 'inbox',
    unblocked: 'inbox',
    due_soon: 'inbox',
    overdue: 'inbox',
    promise_at_risk: 'inbox',
    iteration_started: 'inbox',
    iteration_completed: 'inbox',
    invite_accepted: 'inbox',
    digestHour: 9,
    emailAvailable,
  })
  const open = (emailAvailable: boolean) =>
    show({
      page: NotificationPreferences,
      route: '/w/:ws/settings/account',
      at: '/w/1/settings/account',
      routes: { '/api/me/notification-preferences': prefs(emailAvailable) },
    })
  const disabledChannels = (container: HTMLElement) =>
    [...container.querySelectorAll<HTMLOptionElement>('table select option')]
      .filter((o) => o.disabled)
      .map((o) => o.value)

  it('with email off, disables the email choices and says who can turn email on', async () => {
    const { container } = open(false)
    const note = await found(() => container.querySelector('[data-testid="email-off"]'))
    expect(note.textContent).toContain(
      'Email is off on this Keel: an instance owner turns it on by setting KEEL_SMTP_URL',
    )
    const disabled = disabledChannels(container)
    expect(new Set(disabled)).toEqual(new Set(['email', 'digest']))
    expect(disabled.length).toBe(2 * container.querySelectorAll('table select').length)
    // An earlier choice stays visible.
    const assigned = container.querySelector<HTMLSelectElement>('select[aria-label="Assigned to you"]')!
    expect(assigned.value).toBe('email')
  })

  it('with email on, offers every choice and no warning', async () => {
    const { container } = open(true)
    await found(() => container.querySelector('table select'))
    expect(disabledChannels(container)).toEqual([])
    expect(container.querySelector('[data-testid="email-off"]')).toBeNull()
  })
})

describe('the instance owners’ outbox', () => {
  const email = (id: number, over: Record<string, unknown> = {}) => ({
    id,
    kind: 'message',
    toAddress: `person${id}@acme.test`,
    subject: 'A test email from Keel',
    status: 'failed',
    attempts: 6,
    error: '451 Mailbox busy, try later',
    createdAt: '2026-11-02T09:00:00.000Z',
    lastAttemptAt: '2026-11-02T17:00:00.000Z',
    nextAttemptAt: '2026-11-02T17:00:00.000Z',
    sentAt: null,
    ...over,
  })
  const view = (over: Record<string, unknown> = {}) => ({
    emailOn: true,
    from: 'Keel <keel@acme.test>',
    publicUrl: 'https://keel.acme.test',
    counts: { pending: 0, sent: 12, failed: 1, skipped: 0 },
    items: [],
    nextCursor: null,
    ...over,
  })
  const open = (routes: PageOptions['routes'], locale: Locale = 'en') =>
    show({
      page: OutboxSection,
      route: '/w/:ws/settings/instance',
      at: '/w/1/settings/instance',
      routes,
      locale,
    })
  const rows = (container: HTMLElement) => [
    ...container.querySelectorAll<HTMLTableRowElement>('tr[data-email]'),
  ]

  it('shows the state, the sender, the counts and the failed and waiting emails, each failed one with Retry', async () => {
    const { bodies, answer } = recorder()
    const { container, requests } = open({
      'GET /api/admin/emails': view({
        counts: { pending: 1, sent: 12, failed: 1, skipped: 0 },
        items: [
          email(5),
          email(4, {
            kind: 'notifications',
            subject: null,
            status: 'pending',
            attempts: 2,
            error: 'connect ECONNREFUSED 127.0.0.1:2525',
            nextAttemptAt: '2026-11-02T18:00:00.000Z',
          }),
        ],
      }),
      'POST /api/admin/emails/5/retry': answer({ status: 202, body: {} }),
    })
    await found(() => rows(container).length === 2)
    expect(requests[0]).toBe('GET /api/admin/emails?limit=50&status=failed%2Cpending')
    expect(container.querySelector('[data-testid="email-state"]')?.textContent).toBe('On')
    expect(text(container)).toContain('Sends as Keel <keel@acme.test>')
    expect(text(container)).toContain('Links in emails lead to https://keel.acme.test')
    const counts = Object.fromEntries(
      [...container.querySelectorAll('.ob-count')].map((c) => [
        c.querySelector('dt')!.textContent,
        c.querySelector('dd')!.textContent,
      ]),
    )
    expect(counts).toEqual({ Waiting: '1', Sent: '12', Failed: '1', Skipped: '0' })
    const [failed, pending] = rows(container)
    expect(failed!.textContent).toContain('person5@acme.test')
    expect(failed!.textContent).toContain('451 Mailbox busy, try later')
    expect(failed!.textContent).toContain('Last tried')
    expect(pending!.textContent).toContain('Written when sent')
    expect(pending!.textContent).toContain('Next attempt')
    expect(pending!.textContent).toContain('Notifications')
    expect(pending!.querySelector('button')).toBeNull()
    expect(text(container)).toContain('Refreshes every 5 seconds while emails are waiting.')
    const retry = failed!.querySelector<HTMLButtonElement>('button')!
    expect(retry.getAttribute('aria-label')).toBe('Send the email to person5@acme.test again')
    retry.click()
    await found(() => bodies.length === 1)
    expect(bodies[0]!.path).toBe('/api/admin/emails/5/retry')
    // The list is looked at again after the retry.
    await found(() => requests.filter((r) => r.startsWith('GET /api/admin/emails')).length >= 2)
  })

  it('looks again every 5 seconds only while an email waits to be sent', () => {
    const interval = outboxQuery('open').refetchInterval as (query: unknown) => number | false
    const at = (pending: number, emailOn = true) => ({
      state: { data: { pages: [view({ emailOn, counts: { pending, sent: 0, failed: 0, skipped: 0 } })] } },
    })
    expect(OUTBOX_POLL_MS).toBe(5000)
    expect(interval(at(2))).toBe(5000)
    expect(interval(at(0))).toBe(false)
    // With email off, waiting emails do not move.
    expect(interval(at(2, false))).toBe(false)
    expect(interval({ state: { data: undefined } })).toBe(false)
  })

  it('pages with the cursor the server gives, and filters by status', async () => {
    const { container, requests } = open({
      'GET /api/admin/emails?limit=50&status=failed%2Cpending': view({
        items: Array.from({ length: 3 }, (_, i) => email(10 - i)),
        nextCursor: '8',
      }),
      'GET /api/admin/emails?limit=50&status=failed%2Cpending&cursor=8': view({
        items: [email(7)],
        nextCursor: null,
      }),
      'GET /api/admin/emails?limit=50&status=sent': view({
        items: [email(2, { status: 'sent', error: null, sentAt: '2026-11-02T09:00:05.000Z' })],
      }),
    })
    await found(() => rows(container).length === 3)
    button(container, 'Load more')!.click()
    await found(() => rows(container).length === 4)
    expect(button(container, 'Load more')).toBeUndefined()
    const filter = container.querySelector<HTMLSelectElement>('select[name="outboxFilter"]')!
    filter.value = 'sent'
    filter.dispatchEvent(new Event('change', { bubbles: true }))
    await found(() => rows(container).length === 1 && rows(container)[0]!.dataset.status === 'sent')
    expect(requests).toContain('GET /api/admin/emails?limit=50&status=sent')
    expect(rows(container)[0]!.querySelector('button')).toBeNull()
  })

  it('sends a test email to the owner’s own address unless another is typed', async () => {
    const { bodies, answer } = recorder()
    const { container } = open({
      'GET /api/admin/emails': view(),
      'POST /api/admin/emails/test': answer({ status: 202, body: {} }),
    })
    const to = await found(() => byName(container, 'testTo'))
    expect(to.value).toBe('pm@acme.test')
    type(to, 'it@acme.test')
    submit(to.closest('form')!)
    const status = await found(() => container.querySelector('.ob-test [role="status"]'))
    expect(status.textContent).toContain('A test email to it@acme.test is queued')
    expect(bodies).toEqual([{ path: '/api/admin/emails/test', body: { to: 'it@acme.test' } }])
  })

  it('with email off, says how to turn it on, and teaches what the empty outbox is for', async () => {
    const { container } = open(
      {
        'GET /api/admin/emails': view({
          emailOn: false,
          from: null,
          publicUrl: null,
          counts: { pending: 0, sent: 0, failed: 0, skipped: 0 },
        }),
      },
      'zh-CN',
    )
    const off = await found(() => container.querySelector('[data-testid="email-off"]'))
    expect(off.textContent).toContain('KEEL_SMTP_URL')
    expect(container.querySelector('[data-testid="email-state"]')?.textContent).toBe('未开通')
    expect(container.querySelector('[data-testid="no-public-url"]')).toBeNull()
    expect(byName(container, 'testTo').closest('fieldset')!.disabled).toBe(true)
    expect(container.querySelector('.empty-state h3')?.textContent).toBe('没有邮件')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('warns when KEEL_PUBLIC_URL is not set, and says that nothing waits or failed', async () => {
    const { container } = open({
      'GET /api/admin/emails': view({
        publicUrl: null,
        counts: { pending: 0, sent: 3, failed: 0, skipped: 0 },
      }),
    })
    const warning = await found(() => container.querySelector('[data-testid="no-public-url"]'))
    expect(warning.textContent).toContain('KEEL_PUBLIC_URL is not set')
    expect(warning.textContent).toContain(window.location.origin)
    expect(container.querySelector('.empty-state h3')?.textContent).toBe('Nothing waiting or failed')
    expect(text(container)).toContain('Send a test email to check the setup.')
  })
})

describe('the invite dialog', () => {
  const roles = [{ id: 4, name: 'developer', builtIn: 'developer', permissions: [] }] as unknown as Role[]
  const invite = (emailed: boolean) => {
    const rendered = show({
      page: () => (
        <InviteDialog open onOpenChange={() => {}} roles={roles} products={[]} canGrant={() => true} />
      ),
      route: '/w/:ws/settings/members',
      at: '/w/1/settings/members',
      routes: {
        'POST /api/workspaces/1/members': {
          status: 201,
          body: {
            invite: { id: 9, email: 'new@acme.test', expiresAt: '2026-11-09T09:00:00.000Z' },
            token: 'secret-token',
            url: 'http://keel.test/invite/secret-token',
            emailed,
          },
        },
      },
    })
    return rendered
  }
  const send = async () => {
    const dialog = await found(() => document.querySelector<HTMLElement>('[role="dialog"]'))
    type(byName(dialog, 'email'), 'new@acme.test')
    type(byName(dialog, 'name'), 'New Person')
    submit(dialog.querySelector('form')!)
    return found(() => document.querySelector<HTMLElement>('[data-testid="invite-result"]'))
  }

  it('says the invitation was emailed, and still shows the link', async () => {
    invite(true)
    const result = await send()
    expect(result.querySelector('[data-testid="invite-emailed"]')?.textContent).toBe(
      'Invitation emailed to new@acme.test',
    )
    expect(result.querySelector<HTMLInputElement>('[data-testid="secret-value"]')?.value).toBe(
      'http://keel.test/invite/secret-token',
    )
  })

  it('asks to pass the link on by hand when it was not emailed', async () => {
    invite(false)
    const result = await send()
    expect(result.querySelector('[data-testid="invite-emailed"]')).toBeNull()
    expect(result.textContent).toContain('Send this link to new@acme.test')
    expect(result.textContent).toContain('This link is shown only once')
  })
})

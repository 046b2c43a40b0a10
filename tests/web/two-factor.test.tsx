// The web side of two-factor authentication, against a fake API: the code step of logging in (wrong code,
// expired, recovery code, remembering the browser, too many codes, back), the account card (setting it up with
// the QR code, the recovery codes shown once and downloadable, new codes, turning it off and the instance that
// requires it), the page a session is sent to when the instance requires it (on `mustSetUpTwoFactor` and on a
// 403 from any request), and the reset and invite pages when they could not log in.
import { createMemoryHistory, MemoryRouter, Route, useLocation } from '@solidjs/router'
import { createQuery, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { api, unwrap } from '../../web/src/api'
import InvitePage from '../../web/src/features/auth/invite-page'
import LoginPage from '../../web/src/features/auth/login-page'
import { authKeys, meQuery } from '../../web/src/features/auth/queries'
import ResetPasswordPage from '../../web/src/features/auth/reset-password-page'
import { TwoFactorGuard } from '../../web/src/features/auth/two-factor-guard'
import TwoFactorRequiredPage from '../../web/src/features/auth/two-factor-page'
import { TwoFactorSection } from '../../web/src/features/auth/two-factor-section'
import { I18nProvider, type Locale } from '../../web/src/i18n'
import { createQueryClient } from '../../web/src/query-client'
import {
  type Answer,
  fakeApi,
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
  vi.restoreAllMocks()
})

const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const show = (options: PageOptions) => {
  page?.dispose()
  page = renderPage(options)
  return page
}

/** Requests with their JSON bodies. */
function recorder() {
  const bodies: { method: string; path: string; body: unknown }[] = []
  const answer =
    (result: Answer | (() => Answer)) =>
    (url: URL, init?: RequestInit): Answer => {
      bodies.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      })
      return typeof result === 'function' ? (result as () => Answer)() : result
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
  root.querySelector<HTMLInputElement>(`input[name="${name}"]`)
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const labelOf = (input: HTMLInputElement) => document.querySelector(`label[for="${input.id}"]`)?.textContent
const errorOf = (input: HTMLInputElement) =>
  input.getAttribute('aria-invalid') === 'true'
    ? (document.getElementById(input.getAttribute('aria-describedby')!)?.textContent ?? '')
    : ''

const error = (status: number, code: string, details?: unknown) => ({
  status,
  body: { error: { code, message: code, details } },
})
const USER = { id: 1, email: 'ada@acme.test', name: 'Ada' }
const CODES = Array.from({ length: 10 }, (_, i) => `k7m2q-x9p${i}r`)
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
const QR = 'data:image/svg+xml;base64,PHN2Zy8+'

describe('logging in with two-factor on', () => {
  /** The login page after a right password: the code step. */
  async function codeStep(codeAnswers: Answer[], locale: Locale = 'en') {
    const { bodies, answer } = recorder()
    let n = 0
    const rendered = show({
      page: LoginPage,
      route: '/login',
      at: '/login?next=%2Fw%2F1%2Finbox',
      locale,
      routes: {
        '/api/setup': { needed: false },
        'POST /api/auth/login': answer({ twoFactorRequired: true }),
        'POST /api/auth/login/totp': answer(() => codeAnswers[Math.min(n++, codeAnswers.length - 1)]),
      },
    })
    const view = rendered.container
    type(await found(() => byName(view, 'email')), 'ada@acme.test')
    type(byName(view, 'password')!, 'correct horse battery')
    submit(view.querySelector('form')!)
    const code = await found(() => byName(view, 'code'))
    return { ...rendered, view, bodies, code }
  }
  const sendCode = (view: HTMLElement, value: string) => {
    type(byName(view, 'code')!, value)
    submit(view.querySelector('form')!)
  }

  it('asks for the code in the same card, says a wrong one, and sends whether to remember the browser', async () => {
    const { view, code, bodies, path } = await codeStep([
      error(401, 'unauthenticated', { reason: 'wrong_code' }),
      { user: USER },
    ])
    expect(view.querySelector('h1')?.textContent).toBe('Enter your code')
    expect(byName(view, 'password')).toBeNull()
    expect(code.getAttribute('autocomplete')).toBe('one-time-code')
    expect(code.getAttribute('inputmode')).toBe('numeric')
    await until(() => document.activeElement === code)

    sendCode(view, '123456')
    await until(() => errorOf(code) === 'That code is not right. Enter the newest code the app shows.')
    expect(path()).toBe('/login?next=%2Fw%2F1%2Finbox')

    byName(view, 'rememberDevice')!.click()
    sendCode(view, ' 654 321 ')
    await until(() => path() === '/w/1/inbox')
    expect(bodies.filter((b) => b.path === '/api/auth/login/totp').map((b) => b.body)).toEqual([
      { code: '123456', rememberDevice: false },
      { code: '654321', rememberDevice: true },
    ])
  })

  it('goes back to the password, with the reason, when the log-in expired', async () => {
    const { view } = await codeStep([error(401, 'unauthenticated', { reason: 'challenge_expired' })])
    sendCode(view, '123456')
    const expired = await found(() => view.querySelector('[data-testid="login-expired"]'))
    expect(expired.textContent).toBe(
      'The log-in timed out or had too many wrong codes. Enter your password again.',
    )
    expect(view.querySelector('h1')?.textContent).toBe('Log in to Keel')
    expect(byName(view, 'code')).toBeNull()
    expect(byName(view, 'email')!.value).toBe('ada@acme.test')
    const password = byName(view, 'password')!
    expect(password.value).toBe('')
    await until(() => document.activeElement === password)
  })

  it('takes a recovery code in a text field instead, and says when it is wrong', async () => {
    const { view, bodies } = await codeStep([error(401, 'unauthenticated', { reason: 'wrong_code' })])
    button(view, 'Use a recovery code')!.click()
    const field = await found(() =>
      labelOf(byName(view, 'code')!) === 'Recovery code' ? byName(view, 'code') : null,
    )
    expect(field.getAttribute('autocomplete')).toBe('off')
    expect(field.getAttribute('inputmode')).toBe('text')
    await until(() => document.activeElement === field)
    sendCode(view, 'K7M2Q-X9P4R')
    await until(() => errorOf(field) === 'That recovery code is not right, or was already used.')
    expect(bodies.at(-1)?.body).toEqual({ code: 'K7M2Q-X9P4R', rememberDevice: false })
    // And back to the app's code.
    button(view, 'Use a code from the app')!.click()
    await until(() => labelOf(byName(view, 'code')!) === 'Code from the app')
    expect(errorOf(byName(view, 'code')!)).toBe('')
  })

  it('says how long to wait after too many wrong codes, and Back returns to the password', async () => {
    const { view } = await codeStep([error(429, 'rate_limited', { retryAfterSeconds: 150 })])
    sendCode(view, '123456')
    const alert = await found(() => view.querySelector('[role="alert"]'))
    expect(alert.textContent).toBe('Too many wrong codes. Wait 3 min and try again.')
    expect(byName(view, 'code')).not.toBeNull()
    button(view, 'Back')!.click()
    await until(() => byName(view, 'password'))
    expect(view.querySelector('[data-testid="login-expired"]')).toBeNull()
    expect(byName(view, 'email')!.value).toBe('ada@acme.test')
  })

  it('speaks Chinese', async () => {
    const { view } = await codeStep([{ user: USER }], 'zh-CN')
    expect(view.querySelector('h1')?.textContent).toBe('输入验证码')
    expect(view.textContent).toContain('在此浏览器上 30 天内不再询问')
    expect(untranslatedKeys(view)).toEqual([])
  })

  it('still logs an account without two-factor straight in', async () => {
    const rendered = show({
      page: LoginPage,
      route: '/login',
      at: '/login',
      routes: { '/api/setup': { needed: false }, 'POST /api/auth/login': { user: USER } },
    })
    type(await found(() => byName(rendered.container, 'email')), 'ada@acme.test')
    type(byName(rendered.container, 'password')!, 'correct horse battery')
    submit(rendered.container.querySelector('form')!)
    await until(() => rendered.path() === '/')
    expect(rendered.requests).not.toContain('POST /api/auth/login/totp')
  })
})

describe('the account card', () => {
  /** The card, with the status the fake API answers (changed by the test as the server would). */
  function card(
    state: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number },
    routes = {},
  ) {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: TwoFactorSection,
      route: '/w/:ws/settings/account',
      at: '/w/1/settings/account',
      user: { email: 'ada@acme.test' },
      routes: { 'GET /api/me/totp': () => ({ ...state }), ...routes },
    })
    return { ...rendered, view: rendered.container, bodies, answer }
  }

  it('turns it on: the QR code and key, a first code, then the ten recovery codes once, to copy or download', async () => {
    const state = { enabled: false, enabledAt: null as string | null, recoveryCodesLeft: 0 }
    const { bodies, answer } = recorder()
    let confirms = 0
    const { view } = card(state, {
      'POST /api/me/totp': answer({ secret: SECRET, otpauthUrl: 'otpauth://totp/Keel', qrCode: QR }),
      'POST /api/me/totp/confirm': answer(() => {
        if (++confirms === 1) return error(400, 'invalid_input', { column: 'code' })
        Object.assign(state, { enabled: true, enabledAt: '2026-05-04T10:00:00.000Z', recoveryCodesLeft: 10 })
        return { recoveryCodes: CODES }
      }),
    })
    const status = await found(() => view.querySelector('[data-testid="two-factor-status"]'))
    expect(status.textContent).toContain('Off: logging in asks only for your password.')
    button(view, 'Turn on')!.click()

    const qr = await found(() => view.querySelector<HTMLImageElement>('img.tf-qr'))
    expect(qr.getAttribute('src')).toBe(QR)
    expect(qr.alt).toBe('QR code that adds Keel to an authenticator app')
    expect(view.querySelector('[data-testid="totp-secret"]')?.textContent).toBe(
      'JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP',
    )
    const code = byName(view, 'code')!
    await until(() => document.activeElement === code)

    type(code, '000000')
    submit(code.form!)
    await until(() => errorOf(code).startsWith('That code is not right.'))
    expect(view.querySelector('[data-testid="recovery-codes"]')).toBeNull()

    type(code, '123 456')
    submit(code.form!)
    const panel = await found(() => view.querySelector<HTMLElement>('[data-testid="recovery-codes"]'))
    expect(bodies.filter((b) => b.path === '/api/me/totp/confirm').map((b) => b.body)).toEqual([
      { code: '000000' },
      { code: '123456' },
    ])
    expect([...panel.querySelectorAll('li')].map((li) => li.textContent)).toEqual(CODES)

    // Download: a .txt with whose codes they are and every code, one a line.
    let file: Blob | undefined
    if (!('createObjectURL' in URL))
      Object.assign(URL, { createObjectURL: () => '', revokeObjectURL: () => {} })
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      file = blob as Blob
      return 'blob:codes'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
    let downloaded: string | undefined
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloaded = this.download
    })
    button(panel, 'Download .txt')!.click()
    expect(downloaded).toBe('keel-recovery-codes.txt')
    const text = await file!.text()
    expect(text).toContain('Keel recovery codes for ada@acme.test')
    expect(text.split('\n')).toEqual(expect.arrayContaining(CODES))

    // Done only once they are said to be saved; then the card says it is on.
    const done = button(panel, 'Done')!
    expect(done.disabled).toBe(true)
    panel.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click()
    expect(done.disabled).toBe(false)
    done.click()
    await until(() => !view.querySelector('[data-testid="recovery-codes"]'))
    await until(() =>
      view
        .querySelector('[data-testid="two-factor-status"]')
        ?.textContent?.includes('10 of 10 recovery codes left.'),
    )
    expect(button(view, 'Turn off')).toBeDefined()
  })

  it('warns when few recovery codes are left, and makes new ones with a code', async () => {
    const state = { enabled: true, enabledAt: '2026-05-04T10:00:00.000Z', recoveryCodesLeft: 2 }
    const { bodies, answer } = recorder()
    const { view } = card(state, {
      'POST /api/me/totp/recovery-codes': answer(() => {
        state.recoveryCodesLeft = 10
        return { recoveryCodes: CODES }
      }),
    })
    const warning = await found(() => view.querySelector('[data-testid="few-codes"]'))
    expect(warning.textContent).toContain('Only 2 recovery codes left.')
    button(view, 'New recovery codes')!.click()
    const form = await found(() => view.querySelector<HTMLFormElement>('[data-testid="regenerate-form"]'))
    type(byName(form, 'code')!, '246810')
    submit(form)
    const panel = await found(() => view.querySelector('[data-testid="recovery-codes"]'))
    expect(bodies).toEqual([
      { method: 'POST', path: '/api/me/totp/recovery-codes', body: { code: '246810' } },
    ])
    expect(panel.querySelectorAll('li')).toHaveLength(10)
    await until(() => !view.querySelector('[data-testid="few-codes"]'))
  })

  it('turns it off with a code, and says when the instance requires it', async () => {
    const state = { enabled: true, enabledAt: '2026-05-04T10:00:00.000Z', recoveryCodesLeft: 8 }
    const { bodies, answer } = recorder()
    let deletes = 0
    const { view } = card(state, {
      'DELETE /api/me/totp': answer(() => {
        if (++deletes === 1) return error(409, 'conflict', { reason: 'two_factor_required' })
        Object.assign(state, { enabled: false, enabledAt: null, recoveryCodesLeft: 0 })
        return { status: 204, body: null }
      }),
    })
    ;(await found(() => button(view, 'Turn off'))).click()
    const form = await found(() => view.querySelector<HTMLFormElement>('[data-testid="disable-form"]'))
    type(byName(form, 'code')!, '135791')
    submit(form)
    const alert = await found(() => form.querySelector('[role="alert"]'))
    expect(alert.textContent).toBe(
      'This Keel requires two-factor authentication for every account, so it cannot be turned off.',
    )
    submit(form)
    await until(() => view.textContent?.includes('Two-factor authentication is off.'))
    expect(bodies.map((b) => [b.method, b.body])).toEqual([
      ['DELETE', { code: '135791' }],
      ['DELETE', { code: '135791' }],
    ])
    await until(() => button(view, 'Turn on'))
    expect(view.querySelector('[data-testid="disable-form"]')).toBeNull()
  })

  it('speaks Chinese', async () => {
    const rendered = show({
      page: TwoFactorSection,
      route: '/w/:ws/settings/account',
      at: '/w/1/settings/account',
      locale: 'zh-CN',
      routes: {
        'GET /api/me/totp': { enabled: true, enabledAt: '2026-05-04T10:00:00.000Z', recoveryCodesLeft: 0 },
      },
    })
    const warning = await found(() => rendered.container.querySelector('[data-testid="few-codes"]'))
    expect(warning.textContent).toContain('恢复码已用完')
    expect(untranslatedKeys(rendered.container)).toEqual([])
  })
})

/** A page that holds the session, as the workspace shell does. */
function SessionHolder() {
  const me = createQuery(() => ({ ...meQuery(), throwOnError: false }))
  return <p data-testid="holder">{me.data?.user.email}</p>
}

describe('an instance that requires two-factor', () => {
  const me = (mustSetUpTwoFactor: boolean, twoFactor = false) => ({
    user: { ...USER, twoFactor, mustSetUpTwoFactor, canCreateWorkspace: false },
    workspaces: [{ id: 1, name: 'Acme', role: 'pm', permissions: [] }],
  })

  it('sends a session that must set it up to its page, remembering where it was going', async () => {
    const rendered = show({
      page: SessionHolder,
      route: '/w/:ws/*rest',
      at: '/w/1/inbox?tab=all',
      routes: { 'GET /api/me': me(true) },
      extra: () => <TwoFactorGuard />,
    })
    await until(() => rendered.path() === '/account/two-factor?next=%2Fw%2F1%2Finbox%3Ftab%3Dall')
  })

  it('leaves everyone else where they are', async () => {
    const rendered = show({
      page: SessionHolder,
      route: '/w/:ws/*rest',
      at: '/w/1/inbox',
      routes: { 'GET /api/me': me(false) },
      extra: () => <TwoFactorGuard />,
    })
    await until(
      () => rendered.container.querySelector('[data-testid="holder"]')?.textContent === 'ada@acme.test',
    )
    await new Promise((r) => setTimeout(r, 50))
    expect(rendered.visited).toEqual([])
    expect(rendered.path()).toBe('/w/1/inbox')
  })

  /**
   * The app's frame as app.tsx builds it: its own query client (query-client.ts), the guard beside the
   * routes, the login page, and a workspace page that holds the session as the shell does and loads a list.
   */
  function renderApp(at: string, routes: Parameters<typeof fakeApi>[0]) {
    const requests = fakeApi(routes)
    const history = createMemoryHistory()
    history.set({ value: at, scroll: false, replace: true })
    let location: ReturnType<typeof useLocation> | undefined
    const Products = () => {
      const products = createQuery(() => ({
        queryKey: ['products'],
        queryFn: () => unwrap(api.workspaces[':ws'].products.$get({ param: { ws: '1' } })),
        throwOnError: false,
      }))
      return (
        <>
          <SessionHolder />
          <p data-testid="products">{products.isError ? 'failed' : 'loading'}</p>
        </>
      )
    }
    const container = document.createElement('div')
    document.body.append(container)
    const queryClient = createQueryClient()
    const dispose = render(
      () => (
        <MemoryRouter
          history={history}
          root={(props) => {
            location = useLocation()
            return (
              <QueryClientProvider client={queryClient}>
                <I18nProvider locale="en" persist={false}>
                  <TwoFactorGuard />
                  {props.children}
                </I18nProvider>
              </QueryClientProvider>
            )
          }}
        >
          <Route path="/login" component={LoginPage} />
          <Route path="/w/:ws/settings/products" component={Products} />
          <Route path="*rest" component={() => <p>elsewhere</p>} />
        </MemoryRouter>
      ),
      container,
    )
    page = {
      container,
      requests,
      path: () => (location ? `${location.pathname}${location.search}` : ''),
      visited: [],
      dispose: () => {
        dispose()
        queryClient.clear()
        container.remove()
        vi.unstubAllGlobals()
      },
    }
    return page
  }

  it('goes there too when any request answers 403 two_factor_setup_required', async () => {
    let meCalls = 0
    const app = renderApp('/w/1/settings/products', {
      'GET /api/me': () => me(++meCalls > 1),
      'GET /api/workspaces/1/products': error(403, 'forbidden', { reason: 'two_factor_setup_required' }),
    })
    await until(() => app.path() === '/account/two-factor?next=%2Fw%2F1%2Fsettings%2Fproducts')
    expect(app.requests).toContain('GET /api/workspaces/1/products')
    expect(meCalls).toBe(2)
  })

  it('goes there right after logging in, when the session it started must set it up', async () => {
    const app = renderApp('/login?next=%2Fw%2F1%2Fsettings%2Fproducts', {
      '/api/setup': { needed: false },
      'POST /api/auth/login': { user: USER },
      'GET /api/me': me(true),
      'GET /api/workspaces/1/products': error(403, 'forbidden', { reason: 'two_factor_setup_required' }),
    })
    type(await found(() => byName(app.container, 'email')), 'ada@acme.test')
    type(byName(app.container, 'password')!, 'correct horse battery')
    submit(app.container.querySelector('form')!)
    await until(() => app.path() === '/account/two-factor?next=%2Fw%2F1%2Fsettings%2Fproducts')
  })

  it('the page says why, sets it up, and then goes on to where the person was going', async () => {
    const { bodies, answer } = recorder()
    const rendered = show({
      page: TwoFactorRequiredPage,
      route: '/account/two-factor',
      at: '/account/two-factor?next=%2Fw%2F1%2Finbox',
      routes: {
        'GET /api/me': me(true),
        'POST /api/me/totp': answer({ secret: SECRET, otpauthUrl: 'otpauth://totp/Keel', qrCode: QR }),
        'POST /api/me/totp/confirm': answer({ recoveryCodes: CODES }),
      },
    })
    const view = rendered.container
    await until(() => view.querySelector('h1')?.textContent === 'Turn on two-factor authentication')
    expect(view.textContent).toContain('This Keel requires two-factor authentication for every account.')
    expect(view.textContent).toContain('Logged in as ada@acme.test.')
    const code = await found(() => byName(view, 'code'))
    expect(view.querySelector('img.tf-qr')?.getAttribute('src')).toBe(QR)
    type(code, '123456')
    submit(code.form!)
    const panel = await found(() => view.querySelector<HTMLElement>('[data-testid="recovery-codes"]'))
    expect(bodies.map((b) => b.path)).toEqual(['/api/me/totp', '/api/me/totp/confirm'])
    const go = button(panel, 'Continue to Keel')!
    expect(go.disabled).toBe(true)
    panel.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click()
    go.click()
    await until(() => rendered.path() === '/w/1/inbox')
  })

  it('the page asks afresh: an answer cached before the instance required it does not send the person on', async () => {
    const rendered = show({
      page: TwoFactorRequiredPage,
      route: '/account/two-factor',
      at: '/account/two-factor?next=%2Fw%2F1%2Finbox',
      routes: {
        'GET /api/me': me(true),
        'POST /api/me/totp': { secret: SECRET, otpauthUrl: 'otpauth://totp/Keel', qrCode: QR },
      },
      // Fetched a moment before the requirement was switched on, and still fresh for the cache.
      seed: (client) => client.setQueryData(authKeys.me, me(false)),
    })
    const view = rendered.container
    await until(() => view.querySelector('h1')?.textContent === 'Turn on two-factor authentication')
    expect(rendered.path()).toBe('/account/two-factor?next=%2Fw%2F1%2Finbox')
    expect(rendered.visited.some((v) => v.startsWith('/w/'))).toBe(false)
  })

  it('the page lets the person log out instead', async () => {
    const rendered = show({
      page: TwoFactorRequiredPage,
      route: '/account/two-factor',
      at: '/account/two-factor',
      routes: {
        'GET /api/me': me(true),
        'POST /api/me/totp': { secret: SECRET, otpauthUrl: 'otpauth://totp/Keel', qrCode: QR },
        'POST /api/auth/logout': { status: 204, body: null },
      },
    })
    ;(await found(() => button(rendered.container, 'Log out'))).click()
    await until(() => rendered.path() === '/login')
    expect(rendered.requests).toContain('POST /api/auth/logout')
  })

  it('the page sends a session that need not set it up straight on', async () => {
    const rendered = show({
      page: TwoFactorRequiredPage,
      route: '/account/two-factor',
      at: '/account/two-factor?next=%2Fw%2F1',
      routes: { 'GET /api/me': me(false, true) },
    })
    await until(() => rendered.path() === '/w/1')
    expect(rendered.requests).not.toContain('POST /api/me/totp')
  })
})

describe('a reset link or an invite for an account with two-factor on', () => {
  it('sets the password, then sends the person to log in with a message', async () => {
    const rendered = show({
      page: ResetPasswordPage,
      route: '/reset-password/:token',
      at: '/reset-password/abc',
      routes: {
        'GET /api/auth/password-reset/abc': { email: 'ada@acme.test', expiresAt: '2026-11-27T10:00:00.000Z' },
        'POST /api/auth/password-reset/confirm': { userId: 1, email: 'ada@acme.test', signedIn: false },
      },
    })
    const view = rendered.container
    type(await found(() => byName(view, 'password')), 'a new long password')
    type(byName(view, 'repeat')!, 'a new long password')
    submit(view.querySelector('form')!)
    await until(() => rendered.path() === '/login?notice=password-set')
  })

  it('joins, then sends the person to log in, and on into the workspace', async () => {
    const rendered = show({
      page: InvitePage,
      route: '/invite/:token',
      at: '/invite/abc',
      routes: {
        'GET /api/invites/abc': {
          workspaceName: 'Acme',
          email: 'ada@acme.test',
          name: 'Ada',
          existingUser: true,
          expiresAt: '2026-11-27T10:00:00.000Z',
        },
        'POST /api/invites/abc/accept': { workspaceId: 7, signedIn: false },
      },
    })
    const view = rendered.container
    type(await found(() => byName(view, 'password')), 'my password')
    submit(view.querySelector('form')!)
    await until(() => rendered.path() === '/login?notice=joined&next=%2Fw%2F7')
  })

  it('still goes straight in when the answer says it logged in', async () => {
    const rendered = show({
      page: InvitePage,
      route: '/invite/:token',
      at: '/invite/abc',
      routes: {
        'GET /api/invites/abc': {
          workspaceName: 'Acme',
          email: 'ada@acme.test',
          name: 'Ada',
          existingUser: true,
          expiresAt: '2026-11-27T10:00:00.000Z',
        },
        'POST /api/invites/abc/accept': { workspaceId: 7, signedIn: true },
      },
    })
    type(await found(() => byName(rendered.container, 'password')), 'my password')
    submit(rendered.container.querySelector('form')!)
    await until(() => rendered.path() === '/w/7')
  })

  it('the login page says why in both languages', async () => {
    const en = show({
      page: LoginPage,
      route: '/login',
      at: '/login?notice=password-set',
      routes: { '/api/setup': { needed: false } },
    })
    const notice = await found(() => en.container.querySelector('[data-testid="login-notice"]'))
    expect(notice.textContent).toBe(
      'Your new password is set. Two-factor authentication is on for this account: log in with the new password and a code from your authenticator app.',
    )
    const zh = show({
      page: LoginPage,
      route: '/login',
      at: '/login?notice=joined',
      locale: 'zh-CN',
      routes: { '/api/setup': { needed: false } },
    })
    const joined = await found(() => zh.container.querySelector('[data-testid="login-notice"]'))
    expect(joined.textContent).toContain('你已加入该空间')
    // An unknown notice says nothing.
    const other = show({
      page: LoginPage,
      route: '/login',
      at: '/login?notice=hello',
      routes: { '/api/setup': { needed: false } },
    })
    await found(() => byName(other.container, 'email'))
    expect(other.container.querySelector('[data-testid="login-notice"]')).toBeNull()
  })
})

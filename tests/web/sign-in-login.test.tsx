// The login page with company sign-in, against a fake API: a "Sign in with …" link per OpenID Connect provider
// that leaves for the issuer and comes back to the page's `next`, a directory's form (LDAP) with its answers
// (wrong password, directory down, two-factor), why a single sign-on came back (`?sso=`) in both languages,
// and, with passwords switched off, the providers first and the password form behind a link for owners.
import { afterEach, describe, expect, it } from 'vitest'
import LoginPage from '../../web/src/features/auth/login-page'
import type { Locale } from '../../web/src/i18n'
import { type Answer, type Rendered, type Routes, renderPage, until, untranslatedKeys } from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
})

const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const CORP = { id: 'corp', name: 'Corp SSO', type: 'oidc' as const }
const GOOGLE = { id: 'google', name: 'Google', type: 'oidc' as const }
const DIRECTORY = { id: 'corp-ldap', name: 'Corp directory', type: 'ldap' as const }
const USER = { id: 2, email: 'li.na@corp.example', name: '李娜' }

/** The login page at `at`, the instance offering `options`; the bodies posted are recorded. */
function login(
  options: { passwordSignIn: boolean; providers: (typeof CORP | typeof DIRECTORY)[] },
  routes: Routes = {},
  at = '/login',
  locale: Locale = 'en',
) {
  const posted: { path: string; body: unknown }[] = []
  const record = (answer: Answer | (() => Answer)) => (url: URL, init?: RequestInit) => {
    posted.push({ path: url.pathname, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    return typeof answer === 'function' ? (answer as () => Answer)() : answer
  }
  const recorded = Object.fromEntries(
    Object.entries(routes).map(([key, answer]) => [key, key.startsWith('POST ') ? record(answer) : answer]),
  )
  page = renderPage({
    page: LoginPage,
    route: '/login',
    at,
    locale,
    routes: { '/api/setup': { needed: false }, '/api/auth/sign-in-options': options, ...recorded },
  })
  return { ...page, view: page.container, posted }
}

const type = (input: HTMLInputElement, value: string) => {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
const byName = (root: ParentNode, name: string) =>
  root.querySelector<HTMLInputElement>(`input[name="${name}"]`)
const ssoLinks = (root: ParentNode) => [...root.querySelectorAll<HTMLAnchorElement>('a.sso-button')]
const alertText = (root: ParentNode) =>
  [...root.querySelectorAll('[role="alert"]')].map((a) => a.textContent?.trim()).join(' | ')
const error = (status: number, code: string, details?: unknown) => ({
  status,
  body: { error: { code, message: code, details } },
})

describe('the login page with company sign-in', () => {
  it('offers a link per OpenID Connect provider that goes to the issuer and back to the page’s next', async () => {
    const { view } = login(
      { passwordSignIn: true, providers: [CORP, GOOGLE] },
      {},
      '/login?next=%2Fw%2F1%2Finbox',
    )
    const links = await found(() => ssoLinks(view).length === 2 && ssoLinks(view))
    expect(links.map((a) => a.textContent)).toEqual(['Sign in with Corp SSO', 'Sign in with Google'])
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '/api/auth/oidc/corp/start?next=%2Fw%2F1%2Finbox',
      '/api/auth/oidc/google/start?next=%2Fw%2F1%2Finbox',
    ])
    // A full-page navigation, not one of the app's own pages.
    expect(links[0]!.getAttribute('rel')).toBe('external')
    // Passwords still come first, the providers after "or".
    const form = view.querySelector('[data-testid="password-form"]')!
    expect(byName(form, 'email')).not.toBeNull()
    expect(form.compareDocumentPosition(links[0]!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    expect(view.textContent).toContain('Forgot your password?')
  })

  it('never carries a next that leaves the site', async () => {
    const { view } = login({ passwordSignIn: true, providers: [CORP] }, {}, '/login?next=%2F%2Fevil.example')
    const link = await found(() => ssoLinks(view)[0])
    expect(link.getAttribute('href')).toBe('/api/auth/oidc/corp/start')
  })

  it('signs in with a directory: says a wrong password and a directory that is down, then goes on', async () => {
    const answers = [
      error(401, 'unauthenticated'),
      error(503, 'unavailable', { reason: 'directory_unavailable' }),
      error(429, 'rate_limited', { retryAfterSeconds: 120 }),
      { user: USER },
    ]
    let n = 0
    const { view, posted, path } = login(
      { passwordSignIn: true, providers: [CORP, DIRECTORY] },
      { 'POST /api/auth/ldap/corp-ldap/login': () => answers[n++] },
      '/login?next=%2Fw%2F1%2Fp%2FMES%2Fboard',
    )
    // Two forms, as tabs: the password first, the directory next.
    const tabs = await found(() => {
      const all = [...view.querySelectorAll<HTMLButtonElement>('[role="tab"]')]
      return all.length === 2 && all
    })
    expect(tabs.map((tab) => tab.textContent)).toEqual(['Keel account', 'Corp directory'])
    expect(view.querySelector('[role="tablist"]')?.getAttribute('aria-label')).toBe('How to sign in')
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true')
    tabs[1]!.click()
    const form = await found(() => view.querySelector<HTMLFormElement>('[data-testid="directory-form"]'))
    await until(() => !view.querySelector('[data-testid="password-form"]'))
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true')
    type(byName(form, 'login')!, ' li.na ')
    type(byName(form, 'password')!, 'li-na-directory')

    submit(form)
    await found(() => alertText(form) === 'Wrong user name or password.')
    submit(form)
    await found(() => alertText(form).includes('Corp directory cannot be reached right now.'))
    expect(alertText(form)).toContain('Instance owners can still sign in with their Keel password.')
    submit(form)
    await found(() => alertText(form) === 'Too many failed attempts. Wait 2 min and try again.')
    submit(form)
    await until(() => path() === '/w/1/p/MES/board')
    expect(posted).toHaveLength(4)
    expect(posted[0]).toEqual({
      path: '/api/auth/ldap/corp-ldap/login',
      body: { login: 'li.na', password: 'li-na-directory' },
    })
  })

  it('asks a directory account with two-factor on for its code, the same step as after a password', async () => {
    const { view, posted, path } = login(
      { passwordSignIn: false, providers: [DIRECTORY] },
      {
        'POST /api/auth/ldap/corp-ldap/login': { twoFactorRequired: true },
        'POST /api/auth/login/totp': { user: USER },
      },
    )
    // The only form: no tabs.
    const form = await found(() => view.querySelector<HTMLFormElement>('[data-testid="directory-form"]'))
    expect(view.querySelector('[role="tablist"]')).toBeNull()
    expect(form.closest('[role="tabpanel"]')).toBeNull()
    expect(form.parentElement?.hasAttribute('aria-labelledby')).toBe(false)
    type(byName(form, 'login')!, 'li.na')
    type(byName(form, 'password')!, 'li-na-directory')
    submit(form)
    const code = await found(() => byName(view, 'code'))
    expect(view.querySelector('h1')?.textContent).toBe('Enter your code')
    // Back keeps the login and asks the password again.
    ;[...view.querySelectorAll('button')].find((b) => b.textContent === 'Back')!.click()
    const again = await found(() => view.querySelector<HTMLFormElement>('[data-testid="directory-form"]'))
    expect(byName(again, 'login')!.value).toBe('li.na')
    expect(byName(again, 'password')!.value).toBe('')
    type(byName(again, 'password')!, 'li-na-directory')
    submit(again)
    type(await found(() => byName(view, 'code') !== code && byName(view, 'code')), '123456')
    submit(view.querySelector<HTMLFormElement>('[data-testid="login-code-step"]')!)
    await until(() => path() === '/')
    expect(posted.map((p) => p.path)).toEqual([
      '/api/auth/ldap/corp-ldap/login',
      '/api/auth/ldap/corp-ldap/login',
      '/api/auth/login/totp',
    ])
    expect(posted[2]!.body).toEqual({ code: '123456', rememberDevice: false })
  })

  it('says why a single sign-on came back without signing in, in English and in Chinese', async () => {
    const cases: [string, Locale, string][] = [
      ['no_account', 'en', 'There is no Keel account for you yet, and this sign-in does not create one.'],
      ['email_unverified', 'en', 'Your company account’s email address is not verified'],
      ['expired', 'en', 'The sign-in took too long, was already used, or was started in another browser.'],
      ['unavailable', 'en', 'Instance owners can still sign in with their Keel password.'],
      ['deactivated', 'zh-CN', '此 Keel 账号已被停用，无法登录。'],
      ['no_email', 'zh-CN', '你的公司账号没有提供邮箱地址'],
      ['invalid_token', 'zh-CN', 'Keel 无法验证登录服务的应答。'],
      ['something-new', 'en', 'Signing in with your company account did not work. Try again.'],
    ]
    for (const [reason, locale, message] of cases) {
      page?.dispose()
      const { view } = login({ passwordSignIn: true, providers: [CORP] }, {}, `/login?sso=${reason}`, locale)
      const notice = await found(() => view.querySelector('[data-testid="sso-notice"]'))
      expect(notice.textContent, reason).toContain(message)
      expect(notice.getAttribute('role')).toBe('alert')
      expect(untranslatedKeys(view)).toEqual([])
    }
    page?.dispose()
    const { view } = login({ passwordSignIn: true, providers: [CORP] })
    await found(() => ssoLinks(view)[0])
    expect(view.querySelector('[data-testid="sso-notice"]')).toBeNull()
  })

  it('with passwords off, puts the providers first and the password form behind a link for owners', async () => {
    const { view, posted } = login(
      { passwordSignIn: false, providers: [CORP, DIRECTORY] },
      { 'POST /api/auth/login': error(403, 'forbidden', { reason: 'password_sign_in_off' }) },
      '/login',
      'zh-CN',
    )
    const link = await found(() => ssoLinks(view)[0])
    expect(link.textContent).toBe('使用 Corp SSO 登录')
    // The directory's form is the only form; no password field, no "forgot".
    const directory = view.querySelector<HTMLFormElement>('[data-testid="directory-form"]')!
    expect(directory).not.toBeNull()
    expect(view.querySelector('[role="tablist"]')).toBeNull()
    expect(byName(view, 'email')).toBeNull()
    expect(view.textContent).not.toContain('忘记密码？')
    expect(link.compareDocumentPosition(directory) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()

    const open = [...view.querySelectorAll<HTMLButtonElement>('button.link-btn')].find(
      (b) => b.textContent === '实例所有者？使用密码登录',
    )!
    open.click()
    const owner = await found(() => view.querySelector<HTMLElement>('[data-testid="owner-password"]'))
    const email = byName(owner, 'email')!
    await until(() => document.activeElement === email)
    type(email, 'dev@corp.example')
    type(byName(owner, 'password')!, 'member password 1')
    submit(owner.querySelector('form')!)
    await found(() => alertText(owner).includes('此 Keel 已关闭密码登录'))
    expect(posted).toEqual([
      { path: '/api/auth/login', body: { email: 'dev@corp.example', password: 'member password 1' } },
    ])
    expect(untranslatedKeys(view)).toEqual([])
  })
})

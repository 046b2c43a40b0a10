// Company sign-in in a real Chromium against a real OpenID Connect issuer (tests/helpers/oidc.ts): the
// instance owner adds the issuer in the provider editor (a preset, the redirect URI to register, a default
// workspace), tests it and switches passwords off; then a new person signs in through the whole flow — the
// login page's "Sign in with …", the issuer's own form, back in Keel signed in, in the workspace and at the
// page they came for — with screenshots of the login page (en, zh-CN) and the editor in test-results/; and a
// SCIM token made in the editor that a directory provisions with until it is revoked, and the instance
// page's Health card (en, zh-CN).
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Issuer, startIssuer } from '../helpers/oidc'
import { type KeelServer, launchBrowser, startServer } from './helpers'
import {
  type Account,
  ApiSession,
  logIn,
  openPage,
  snap,
  type TrackedPage,
  untranslatedKeys,
} from './stakeholder-helpers'

const OWNER: Account = { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'correct horse 1' }

let server: KeelServer
let browser: Browser
let issuer: Issuer
let owner: ApiSession
let ws: number
const pages: TrackedPage[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  // The issuer knows Keel's redirect URI only once Keel's address (its free port) is known.
  issuer = await startIssuer([`${server.url}/api/auth/oidc/corp/callback`])
  issuer.people.set('u-wang', {
    email: 'Wang.Fang@corp.example',
    email_verified: true,
    name: '王芳',
    groups: ['staff'],
  })
  owner = new ApiSession(server.url)
  const setup = await owner.ok<{ workspace: { id: number } }>('POST', '/setup', {
    workspaceName: 'Acme Industrial',
    name: OWNER.name,
    email: OWNER.email,
    password: OWNER.password,
  })
  ws = setup.workspace.id
})

afterAll(async () => {
  await Promise.all(pages.map((page) => page.context().close()))
  await browser?.close()
  await server?.stop()
  await issuer?.close()
})

// The issuer's pages ask for a favicon it does not have; other refusals are allowed where provoked.
const open = async (locale: string, allow = /status of 404\b/) => {
  const page = await openPage(browser, locale, allow)
  pages.push(page)
  return page
}

describe('company sign-in in a browser', () => {
  it('is set up by the instance owner and signs a new person in through the issuer', async () => {
    // The owner adds the issuer.
    const admin = await open('en-US')
    await logIn(admin, server.url, OWNER)
    await admin.goto(`${server.url}/w/${ws}/settings/instance`)
    const section = admin.getByRole('region', { name: 'Sign-in' })
    await section.getByText('No providers yet.', { exact: false }).waitFor()
    await section.getByRole('link', { name: 'Add a provider' }).click()
    await admin.getByRole('heading', { name: 'Add a sign-in provider' }).waitFor()
    await admin.getByLabel('Start from').selectOption({ label: 'Keycloak' })
    expect(await admin.getByLabel('Issuer address').inputValue()).toBe('https://<host>/realms/<realm>')
    await admin.getByText('Add a "Group Membership" mapper').waitFor()
    await admin.getByLabel('Name on the login page').fill('Corp SSO')
    await admin.getByLabel('Short name').fill('corp')
    await admin.getByLabel('Issuer address').fill(issuer.issuer)
    await admin.getByLabel('Client ID').fill(issuer.clientId)
    await admin.getByLabel('Client secret').fill(issuer.clientSecret)
    expect(await admin.getByLabel('Redirect URI to register at the issuer').inputValue()).toBe(
      `${server.url}/api/auth/oidc/corp/callback`,
    )
    await admin.getByRole('button', { name: 'Add a workspace' }).click()
    await admin.getByLabel('Workspace', { exact: true }).selectOption({ label: 'Acme Industrial' })
    const role = admin.getByLabel('Role', { exact: true })
    await role.locator('option', { hasText: 'Developer' }).waitFor({ state: 'attached' })
    await role.selectOption({ label: 'Developer' })
    await snap(admin, 'sso-provider-editor')
    await admin.getByRole('button', { name: 'Add provider' }).click()
    await admin.waitForURL(new RegExp(`/w/${ws}/settings/instance/sign-in/\\d+$`))
    await admin.getByRole('heading', { name: 'Sign-in provider: Corp SSO' }).waitFor()
    await admin.getByRole('status').getByText('Saved.').waitFor()
    expect(await admin.getByLabel('Client secret').inputValue()).toBe('')
    await admin.getByText('A secret is saved. Leave empty to keep it.').waitFor()

    // The test asks the issuer for its discovery document.
    await admin.locator('.sso-test').getByRole('button', { name: 'Test' }).click()
    const result = admin.getByTestId('test-result')
    await result.getByText('It works').waitFor()
    expect(await result.textContent()).toContain(`The issuer ${issuer.issuer} answered`)
    await snap(admin, 'sso-provider-saved')

    // Passwords off for everyone but instance owners, after the confirmation.
    await admin.goto(`${server.url}/w/${ws}/settings/instance`)
    const passwords = admin.getByRole('checkbox', { name: /Everyone may sign in with a password/ })
    // Asked first: the box stays ticked until the owner confirms.
    await passwords.click()
    const confirm = admin.getByRole('alertdialog')
    await confirm.getByText(/Instance owners keep their password as the way in/).waitFor()
    await confirm.getByRole('button', { name: 'Switch off' }).click()
    await expect.poll(() => passwords.isChecked()).toBe(false)
    expect((await owner.ok<{ passwordSignIn: boolean }>('GET', '/admin/settings')).passwordSignIn).toBe(false)
    await admin.locator('tr[data-provider="corp"]').waitFor()
    await snap(admin, 'sso-instance-sign-in')

    // The login page in Chinese: the provider first, the owners' password behind a link.
    const zh = await open('zh-CN')
    await zh.goto(`${server.url}/login`)
    await zh.getByRole('link', { name: '使用 Corp SSO 登录' }).waitFor()
    expect(await zh.getByLabel('邮箱').count()).toBe(0)
    await zh.getByRole('button', { name: '实例所有者？使用密码登录' }).waitFor()
    expect(await untranslatedKeys(zh)).toEqual([])
    await snap(zh, 'sso-login-zh')

    // A new person signs in through the issuer, coming from a link to the inbox.
    const person = await open('en-US')
    await person.goto(`${server.url}/login?next=${encodeURIComponent(`/w/${ws}/inbox`)}`)
    const signIn = person.getByRole('link', { name: 'Sign in with Corp SSO' })
    await signIn.waitFor()
    await person.getByRole('button', { name: 'Instance owner? Sign in with a password' }).waitFor()
    await snap(person, 'sso-login-en')
    await signIn.click()
    await person.waitForURL(`${issuer.issuer}/interaction/**`)
    await person.getByLabel('Login').fill('u-wang')
    await person.getByRole('button', { name: 'Sign in' }).click()
    await person.waitForURL(`${server.url}/w/${ws}/inbox`)
    const me = await person.request.get(`${server.url}/api/me`)
    const body = (await me.json()) as {
      user: { email: string; name: string }
      workspaces: { id: number; role: { builtIn: string } }[]
    }
    expect(body.user).toMatchObject({ email: 'wang.fang@corp.example', name: '王芳' })
    expect(body.workspaces.map((w) => [w.id, w.role.builtIn])).toEqual([[ws, 'developer']])

    // A refusal comes back to the login page in words: this one has no email address.
    issuer.people.set('u-noemail', { name: 'No Email' })
    const refused = await open('en-US')
    await refused.goto(`${server.url}/login`)
    await refused.getByRole('link', { name: 'Sign in with Corp SSO' }).click()
    await refused.getByLabel('Login').fill('u-noemail')
    await refused.getByRole('button', { name: 'Sign in' }).click()
    await refused.waitForURL(`${server.url}/login?sso=no_email`)
    await refused.getByText('Your company account did not share an email address').waitFor()

    // The owner still gets in with a password (the break-glass path).
    const glass = await open('en-US')
    await glass.goto(`${server.url}/login`)
    await glass.getByRole('button', { name: 'Instance owner? Sign in with a password' }).click()
    await glass.getByLabel('Email').fill(OWNER.email)
    await glass.getByLabel('Password').fill(OWNER.password)
    await glass.getByRole('button', { name: 'Log in', exact: true }).click()
    await glass.waitForURL(/\/w\/\d+/)

    for (const page of pages) expect(page.problems, page.problems.join('\n')).toEqual([])
  }, 120_000)

  it('offers a directory as a tab beside the password, and says when it cannot be reached', async () => {
    await owner.ok('PATCH', '/admin/settings', { passwordSignIn: true })
    // A directory nobody listens at.
    const directory = await owner.ok<{ id: number }>('POST', '/admin/providers', {
      type: 'ldap',
      slug: 'corp-ldap',
      name: 'Corp directory',
      secret: 'bind-password',
      config: { url: 'ldap://127.0.0.1:1', bindDn: 'cn=keel,dc=acme,dc=test', searchBase: 'dc=acme,dc=test' },
    })
    const admin = await open('en-US')
    await logIn(admin, server.url, OWNER)
    await admin.goto(`${server.url}/w/${ws}/settings/instance/sign-in/${directory.id}`)
    await admin.getByRole('heading', { name: 'Sign-in provider: Corp directory' }).waitFor()
    expect(await admin.getByLabel('Directory address').inputValue()).toBe('ldap://127.0.0.1:1')
    await admin.locator('.sso-test').getByRole('button', { name: 'Test' }).click()
    const result = admin.getByTestId('test-result')
    await result.getByText('It does not work yet').waitFor()
    expect(await result.textContent()).toMatch(/Could not connect to ldap:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/)
    await snap(admin, 'sso-provider-ldap')

    // The directory being down answers 503, on purpose.
    const page = await open('en-US', /status of (404|503)\b/)
    await page.goto(`${server.url}/login`)
    const tabs = page.getByRole('tablist', { name: 'How to sign in' })
    await tabs.getByRole('tab', { name: 'Keel account' }).waitFor()
    await page.getByRole('link', { name: 'Sign in with Corp SSO' }).waitFor()
    // Keyboard: from the selected tab, the arrow key moves to the directory's.
    await tabs.getByRole('tab', { name: 'Keel account' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect
      .poll(() => tabs.getByRole('tab', { name: 'Corp directory' }).getAttribute('aria-selected'))
      .toBe('true')
    await page.getByLabel('User name or email').fill('li.na')
    await page.getByLabel('Password').fill('li-na-directory')
    await snap(page, 'sso-login-directory')
    await page.getByRole('button', { name: 'Log in', exact: true }).click()
    await page
      .getByRole('alert')
      .getByText('Corp directory cannot be reached right now.', { exact: false })
      .waitFor()
    for (const p of [admin, page]) expect(p.problems, p.problems.join('\n')).toEqual([])
  }, 60_000)

  it('makes a SCIM token in the editor that a directory provisions with, until it is revoked', async () => {
    await owner.ok('PATCH', '/admin/settings', { passwordSignIn: true })
    const provider = await owner.ok<{ id: number }>('POST', '/admin/providers', {
      type: 'oidc',
      slug: 'entra',
      name: 'Entra ID',
      enabled: false,
      config: { issuer: issuer.issuer, clientId: 'keel' },
    })
    const admin = await open('en-US')
    await logIn(admin, server.url, OWNER)
    await admin.goto(`${server.url}/w/${ws}/settings/instance/sign-in/${provider.id}`)
    const scim = admin.getByRole('region', { name: 'Provisioning (SCIM)' })
    await scim.getByText('No tokens yet', { exact: false }).waitFor()
    expect(await scim.getByLabel('SCIM base URL').inputValue()).toBe(`${server.url}/scim/v2`)
    await scim.getByLabel('Token name').fill('Entra provisioning')
    await scim.getByRole('button', { name: 'New token' }).click()
    const token = await scim.getByTestId('scim-token-created').getByLabel('Token').inputValue()
    expect(token).toMatch(/^scim_/)
    await scim.getByRole('row', { name: /Entra provisioning/ }).waitFor()
    await snap(admin, 'scim-provider-editor')

    const users = () =>
      fetch(`${server.url}/scim/v2/Users`, { headers: { authorization: `Bearer ${token}` } })
    expect((await users()).status).toBe(200)

    await scim.getByRole('button', { name: 'Revoke SCIM token Entra provisioning' }).click()
    await admin.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click()
    await scim.getByText('No tokens yet', { exact: false }).waitFor()
    expect((await users()).status).toBe(401)

    // The instance page opens with its health, in both languages.
    await admin.goto(`${server.url}/w/${ws}/settings/instance`)
    const health = admin.getByRole('region', { name: 'Health' })
    await health.getByText(/^Keel /).waitFor()
    await health.getByText('Audit events').waitFor()
    await snap(admin, 'instance-health-en')
    // Its way to the outbox leads further down the same page.
    await health.getByRole('link', { name: 'Outbox' }).click()
    const outbox = admin.getByRole('heading', { name: 'Email', exact: true })
    await expect
      .poll(() => outbox.evaluate((h) => h.getBoundingClientRect().top < window.innerHeight))
      .toBe(true)
    const zh = await open('zh-CN')
    await logIn(zh, server.url, OWNER, { email: '邮箱', password: '密码', submit: '登录' })
    await zh.goto(`${server.url}/w/${ws}/settings/instance`)
    await zh.getByRole('region', { name: '运行状况' }).getByText('审计事件').waitFor()
    expect(await untranslatedKeys(zh)).toEqual([])
    await snap(zh, 'instance-health-zh')
    for (const p of [admin, zh]) expect(p.problems, p.problems.join('\n')).toEqual([])
  }, 60_000)
})

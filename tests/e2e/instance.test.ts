// The instance owner's journey in a real Chromium: the Instance page (who may create workspaces, accounts,
// owners), a password reset link shown once and used by its holder in Chinese, create-workspace offered
// only to who may, the last owner kept, and a used link refused; an account deactivated and the audit log
// that records it, in both languages — with screenshots in test-results/.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type KeelServer, launchBrowser, startServer } from './helpers'
import {
  type Account,
  ApiSession,
  inviteAndAccept,
  logIn,
  openPage,
  snap,
  type TrackedPage,
  untranslatedKeys,
} from './stakeholder-helpers'

const OWNER: Account = { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'correct horse 1' }
const DEV: Account = { name: 'Dana Developer', email: 'dana@acme.test', password: 'battery staple 2' }
const NEW_PASSWORD = 'a fresh password 3'

let server: KeelServer
let browser: Browser
let ws: number
let owner: ApiSession
const pages: TrackedPage[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  owner = new ApiSession(server.url)
  const setup = await owner.ok<{ workspace: { id: number } }>('POST', '/setup', {
    workspaceName: 'Acme Industrial',
    name: OWNER.name,
    email: OWNER.email,
    password: OWNER.password,
  })
  ws = setup.workspace.id
  await inviteAndAccept(owner, ws, DEV, 'developer')
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const open = async (locale: string, allow = /status of 40[349]\b/) => {
  const page = await openPage(browser, locale, allow)
  pages.push(page)
  return page
}

describe('the instance owner in a browser', () => {
  it('sets who may create workspaces, makes a reset link its holder uses, and keeps the last owner', async () => {
    // The developer is no instance owner: no Instance link, and no way to create a workspace.
    const dev = await open('zh-CN')
    await logIn(dev, server.url, DEV, { email: '邮箱', password: '密码', submit: '登录' })
    const devNav = dev.getByRole('navigation', { name: '主导航' })
    await devNav.getByRole('link', { name: '成员' }).waitFor()
    expect(await devNav.getByRole('link', { name: '实例' }).count()).toBe(0)
    await dev.getByRole('button', { name: '切换空间' }).click()
    await dev.getByRole('menuitem', { name: /Acme Industrial/ }).waitFor()
    expect(await dev.getByRole('menuitem', { name: '创建空间' }).count()).toBe(0)
    await dev.keyboard.press('Escape')
    // Typing the address does not help.
    await dev.goto(`${server.url}/w/${ws}/settings/instance`)
    await dev.waitForURL(new RegExp(`/w/${ws}$`))

    // The owner opens Instance settings from the sidebar.
    const page = await open('en-US')
    await logIn(page, server.url, OWNER)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Instance', exact: true }).click()
    await page.getByRole('heading', { name: 'Instance settings' }).waitFor()
    const ownersOnly = page.getByRole('radio', { name: /Only instance owners/ })
    const everyone = page.getByRole('radio', { name: /Everyone with an account/ })
    expect(await ownersOnly.isChecked()).toBe(true)
    const row = (email: string) => page.locator(`tr[data-account="${email}"]`)
    await row(DEV.email).waitFor()
    expect(await row(OWNER.email).textContent()).toContain('Instance owner')
    expect(await row(OWNER.email).textContent()).toContain('(you)')
    expect(await row(DEV.email).textContent()).not.toContain('Instance owner')

    // Let everyone create workspaces: the developer's menu offers it after a reload.
    await everyone.check()
    await page.getByRole('status').getByText('Saved.').waitFor()
    expect((await owner.ok<{ workspaceCreation: string }>('GET', '/admin/settings')).workspaceCreation).toBe(
      'everyone',
    )
    await dev.reload()
    await dev.getByRole('button', { name: '切换空间' }).click()
    await dev.getByRole('menuitem', { name: '创建空间' }).waitFor()
    await dev.keyboard.press('Escape')
    await ownersOnly.check()
    await page.getByRole('status').getByText('Saved.').waitFor()

    // Filter the accounts.
    await page.getByPlaceholder('Name or email').fill('dana')
    expect(await page.locator('tr[data-account]').count()).toBe(1)
    await page.getByPlaceholder('Name or email').fill('nobody-here')
    await page.getByText('No account matches “nobody-here”.').waitFor()
    await page.getByPlaceholder('Name or email').fill('')

    // A reset link for the developer, shown once.
    await page.getByRole('button', { name: `Create a password reset link for ${DEV.name}` }).click()
    const panel = page.getByTestId('reset-link')
    await panel.getByText(`Password reset link for ${DEV.email}`).waitFor()
    await panel.getByText(/anyone with this link can set the password/).waitFor()
    const link = await panel.getByRole('textbox').inputValue()
    expect(link).toMatch(new RegExp(`^${server.url}/reset-password/[\\w-]{20,}$`))
    await snap(page, 'instance-settings')

    // The last owner stays one.
    await page.getByRole('button', { name: `Remove ${OWNER.name} as instance owner` }).click()
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove owner' }).click()
    await page
      .getByRole('alert')
      .getByText(/last instance owner stays one/)
      .waitFor()
    await snap(page, 'instance-last-owner')
    expect(await row(OWNER.email).textContent()).toContain('Instance owner')

    // The developer opens the link in Chinese, sets a new password, and is logged in; other sessions end.
    const reset = await open('zh-CN')
    await reset.goto(link)
    await reset.getByRole('heading', { name: '设置新密码' }).waitFor()
    expect(await reset.getByLabel('邮箱').inputValue()).toBe(DEV.email)
    await reset.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD)
    await reset.getByLabel('再次输入新密码').fill('something else')
    await reset.getByRole('button', { name: '保存并登录' }).click()
    await reset.getByText('两次输入的密码不一致。').waitFor()
    await snap(reset, 'instance-reset-password-zh')
    await reset.getByLabel('再次输入新密码').fill(NEW_PASSWORD)
    await reset.getByRole('button', { name: '保存并登录' }).click()
    await reset.waitForURL(new RegExp(`/w/${ws}$`))
    const oldSession = await dev.request.get(`${server.url}/api/me`)
    expect(oldSession.status()).toBe(401)
    const login = await new ApiSession(server.url).call('POST', '/auth/login', {
      email: DEV.email,
      password: NEW_PASSWORD,
    })
    expect(login.status).toBe(200)

    // The link worked once.
    await reset.goto(link)
    await reset.getByTestId('reset-invalid').waitFor()

    // Another owner; then the first may step down.
    await page.getByRole('button', { name: `Make ${DEV.name} an instance owner` }).click()
    await expect.poll(async () => (await row(DEV.email).textContent()) ?? '').toContain('Instance owner')

    for (const p of pages) expect(p.problems, p.problems.join('\n')).toEqual([])
  }, 90_000)

  it('tells someone in no workspace how to get in when only owners create workspaces', async () => {
    const person: Account = { name: 'Lee Leaver', email: 'lee@acme.test', password: 'leaving soon 4' }
    await inviteAndAccept(owner, ws, person, 'stakeholder')
    const members = await owner.ok<{ items: { id: number; email: string }[] }>(
      'GET',
      `/workspaces/${ws}/members`,
    )
    const lee = members.items.find((m) => m.email === person.email)!
    await owner.ok('DELETE', `/workspaces/${ws}/members/${lee.id}`)
    const page = await open('en-US')
    await page.goto(`${server.url}/login`)
    await page.getByLabel('Email').fill(person.email)
    await page.getByLabel('Password').fill(person.password)
    await page.getByRole('link', { name: 'Forgot your password?' }).waitFor()
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'You are not in any workspace' }).waitFor()
    await page.getByText(/only instance owners create workspaces/).waitFor()
    expect(await page.getByRole('button', { name: 'Create workspace' }).count()).toBe(0)
    await snap(page, 'instance-no-workspace')
    expect(page.problems).toEqual([])
  })

  it('deactivates an account and reads it in the audit log, filtered in the URL, in both languages', async () => {
    const person: Account = { name: 'Sam Sales', email: 'sam@acme.test', password: 'selling well 5' }
    await inviteAndAccept(owner, ws, person, 'stakeholder')
    const page = await open('en-US')
    await logIn(page, server.url, OWNER)
    const nav = page.getByRole('navigation', { name: 'Main' })
    await nav.getByRole('link', { name: 'Instance', exact: true }).click()
    const row = page.locator(`tr[data-account="${person.email}"]`)
    await row.getByText('Active', { exact: true }).waitFor()
    expect(await page.getByRole('button', { name: `Deactivate ${OWNER.name}` }).isDisabled()).toBe(true)
    await page.getByRole('button', { name: `Deactivate ${person.name}` }).click()
    const confirm = page.getByRole('alertdialog')
    await confirm.getByText(/sessions and API tokens end at once/).waitFor()
    await confirm.getByRole('button', { name: 'Deactivate' }).click()
    await row.getByText('Deactivated', { exact: true }).waitFor()
    await snap(page, 'instance-accounts')
    // Where the owner is signed in: this browser.
    await page.getByRole('button', { name: `Sessions of ${OWNER.name}` }).click()
    const sessions = page.getByRole('dialog')
    await sessions.getByText('Chrome · Linux').first().waitFor()
    await snap(page, 'instance-sessions')
    await page.keyboard.press('Escape')
    await sessions.waitFor({ state: 'hidden' })
    // The account cannot sign in any more; the attempt is recorded.
    const refused = await new ApiSession(server.url).call('POST', '/auth/login', {
      email: person.email,
      password: person.password,
    })
    expect(refused.status).toBe(403)

    await nav.getByRole('link', { name: 'Audit log' }).click()
    await page.getByRole('heading', { name: 'Audit log' }).waitFor()
    const deactivated = page.locator('tr[data-action="account.deactivated"]')
    await deactivated.waitFor()
    expect(await deactivated.textContent()).toContain(person.email)
    expect(await deactivated.textContent()).toContain(OWNER.email)
    const failed = page.locator('tr[data-action="auth.login_failed"]').first()
    expect(await failed.textContent()).toContain('Failed sign-in')
    expect(await failed.textContent()).toContain('account deactivated')
    await page.getByLabel('Kind of event').selectOption('auth.')
    await page.waitForURL(/action=auth\./)
    await expect
      .poll(async () => page.locator('tr[data-action^="account."]').count(), { timeout: 5_000 })
      .toBe(0)
    expect(await page.locator('tr[data-action="auth.login"]').count()).toBeGreaterThan(0)
    // The CSV link carries the filter, and downloads with the session's cookie.
    const csv = await page
      .getByRole('link', { name: 'Download the matching events as CSV' })
      .getAttribute('href')
    expect(csv).toContain('action=auth.')
    const file = await page.request.get(`${server.url}${csv}`)
    expect(file.headers()['content-type']).toContain('text/csv')
    expect(await file.text()).not.toContain('account.deactivated')
    await page.getByLabel('Kind of event').selectOption('')
    await deactivated.waitFor()
    await snap(page, 'audit-log')

    // In Chinese: the same events in Chinese words.
    const zh = await open('zh-CN')
    await logIn(zh, server.url, OWNER, { email: '邮箱', password: '密码', submit: '登录' })
    await zh.goto(`${server.url}/w/${ws}/settings/instance/audit`)
    await zh.getByRole('heading', { name: '审计日志' }).waitFor()
    await zh.locator('tr[data-action="account.deactivated"]').getByText('停用账号').waitFor()
    expect(await untranslatedKeys(zh)).toEqual([])
    await snap(zh, 'audit-log-zh')
    await zh.goto(`${server.url}/w/${ws}/settings/instance`)
    await zh.locator(`tr[data-account="${person.email}"]`).getByText('已停用').waitFor()
    await snap(zh, 'instance-accounts-zh')
    for (const p of [page, zh]) expect(p.problems, p.problems.join('\n')).toEqual([])
  }, 90_000)
})

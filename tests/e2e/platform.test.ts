// The platform journey in a real Chromium against the built app: first-run setup, log out and in,
// create a product, invite a member who accepts in their own browser (in Chinese), and create a custom
// role with some permissions — asserting what each person sees, with screenshots in test-results/.
import { existsSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type KeelServer, launchBrowser, SCREENSHOT_DIR, screenshotPath, startServer } from './helpers'

const OWNER = {
  workspace: 'Acme Industrial',
  name: 'Olivia Owner',
  email: 'olivia@acme.test',
  password: 'correct horse 1',
}
const DEV = { name: 'Dana Developer', email: 'dana@acme.test', password: 'battery staple 2' }

let server: KeelServer
let browser: Browser
const pages: Page[] = []
/** Uncaught errors and console errors of every page: the journey must produce none. */
const problems: string[] = []

beforeAll(async () => {
  for (const file of existsSync(SCREENSHOT_DIR) ? readdirSync(SCREENSHOT_DIR) : []) {
    if (file.startsWith('platform-failure-')) rmSync(join(SCREENSHOT_DIR, file))
  }
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  await Promise.all(
    pages.map((page, i) =>
      page.screenshot({ path: screenshotPath(`platform-failure-${i}`), fullPage: true }),
    ),
  )
  if (problems.length) console.error(`Browser errors:\n${problems.join('\n')}`)
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/**
 * A screenshot of the whole page. The viewport is stretched to the page's height first: a plain full-page
 * capture draws sticky bars (sidebar, top bar, form actions) where the viewport happened to be.
 */
async function snap(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: screenshotPath(name) })
  await page.setViewportSize(viewport)
}

async function newPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => problems.push(`[${locale}] ${err.message}`))
  page.on('console', (msg) => {
    // The journey provokes a 401 (wrong password), a 403 (a page the role may not see), a 404 (a used
    // invite) and a 409 (demoting the last owner) on purpose;
    // the browser logs every failed request as a console error.
    if (msg.type() === 'error' && !/status of 40[1349]\b/.test(msg.text()))
      problems.push(`[${locale}] ${msg.text()}`)
  })
  pages.push(page)
  return page
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name }).first()
/** A link of the sidebar navigation (labelled "Main" / "主导航"). */
const navLink = (page: Page, name: string) =>
  page.getByRole('navigation', { name: /^(Main|主导航)$/ }).getByRole('link', { name, exact: true })

describe('the platform in a browser', () => {
  it('sets up, logs in, invites a member who accepts, and creates a custom role', async () => {
    const owner = await newPage('en-US')

    // First run: "/" leads to setup.
    await owner.goto(`${server.url}/`)
    await heading(owner, 'Set up Keel').waitFor()
    expect(await owner.getAttribute('html', 'lang')).toBe('en')
    await owner.getByLabel('Workspace name').fill(OWNER.workspace)
    await owner.getByLabel('Your name').fill(OWNER.name)
    await owner.getByLabel('Email').fill(OWNER.email)
    await owner.getByLabel('Password').fill(OWNER.password)
    await snap(owner, 'platform-setup')
    await owner.getByRole('button', { name: 'Create workspace' }).click()

    await heading(owner, `Welcome to ${OWNER.workspace}`).waitFor()
    expect(owner.url()).toMatch(/\/w\/\d+$/)
    const workspaceUrl = owner.url()
    await snap(owner, 'platform-home')

    // Log out from the account menu, then log in: a wrong password first, then the right one.
    await owner.getByRole('button', { name: 'Account menu' }).click()
    await owner.getByRole('menuitem', { name: 'Log out' }).click()
    await heading(owner, 'Log in to Keel').waitFor()
    await owner.getByLabel('Email').fill(OWNER.email)
    await owner.getByLabel('Password').fill('not the password')
    await owner.getByRole('button', { name: 'Log in' }).click()
    await owner.getByRole('alert').getByText('Wrong email or password.').waitFor()
    await snap(owner, 'platform-login-error')
    await owner.getByLabel('Password').fill(OWNER.password)
    await owner.getByRole('button', { name: 'Log in' }).click()
    await heading(owner, `Welcome to ${OWNER.workspace}`).waitFor()
    expect(owner.url()).toBe(workspaceUrl)

    // A product, so membership can be narrowed to it.
    await navLink(owner, 'Products').click()
    await heading(owner, 'No products yet').waitFor()
    await owner.getByRole('button', { name: 'New product' }).first().click()
    await owner.getByLabel('Key').fill('mes')
    await owner.getByLabel('Name', { exact: true }).fill('Manufacturing execution')
    await owner.getByRole('button', { name: 'Create', exact: true }).click()
    await owner.getByRole('cell', { name: 'Manufacturing execution' }).waitFor()
    expect(await owner.getByRole('cell', { name: 'MES' }).count()).toBe(1)
    await snap(owner, 'platform-products')

    // Invite a developer: the one-time link is shown once, with a copy button.
    await navLink(owner, 'Members').click()
    await heading(owner, 'Members').waitFor()
    await owner.getByRole('button', { name: 'Invite member' }).click()
    const dialog = owner.getByRole('dialog')
    await dialog.getByLabel('Email').fill(DEV.email)
    await dialog.getByLabel('Name').fill(DEV.name)
    expect(await dialog.getByLabel('Role').inputValue()).not.toBe('')
    expect(await dialog.getByLabel('Role').locator('option:checked').textContent()).toBe('Developer')
    await dialog.getByRole('button', { name: 'Invite member' }).click()
    await dialog.getByText(`Send this link to ${DEV.email}`).waitFor()
    await dialog.getByText('This link is shown only once').waitFor()
    await dialog.getByRole('button', { name: 'Copy' }).waitFor()
    const inviteUrl = await dialog.getByLabel('Invite link').inputValue()
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[\\w-]{20,}$`))
    await owner.screenshot({ path: screenshotPath('platform-invite-link') })
    await dialog.getByRole('button', { name: 'Close' }).last().click()
    await owner.getByTestId('invite-row').getByText(DEV.email).waitFor()

    // The invitee opens the link in their own browser, in Chinese, and joins.
    const dev = await newPage('zh-CN')
    await dev.goto(inviteUrl)
    await heading(dev, `加入 ${OWNER.workspace}`).waitFor()
    expect(await dev.getAttribute('html', 'lang')).toBe('zh-CN')
    expect(await dev.getByLabel('你的姓名').inputValue()).toBe(DEV.name)
    await dev.getByLabel('密码').fill(DEV.password)
    await snap(dev, 'platform-invite-accept')
    await dev.getByRole('button', { name: '加入空间' }).click()
    await heading(dev, `欢迎来到 ${OWNER.workspace}`).waitFor()
    await snap(dev, 'platform-home-developer-zh')
    // A developer sees the members but may not invite or change them.
    await navLink(dev, '成员').click()
    await dev.getByText('你可以查看成员，但不能修改。').waitFor()
    expect(await dev.getByRole('button', { name: '邀请成员' }).count()).toBe(0)
    expect(await dev.getByRole('combobox').count()).toBe(0)
    await snap(dev, 'platform-members-developer-zh')

    // The owner now sees the new member, and no pending invite.
    await owner.reload()
    const devRow = owner.locator(`[data-testid="member-row"][data-email="${DEV.email}"]`)
    await devRow.waitFor()
    expect(await devRow.textContent()).toContain(DEV.name)
    await owner.getByText('No pending invites.').waitFor()

    // Narrow the developer to the MES product.
    await owner.getByRole('button', { name: `Product access for ${DEV.name}` }).click()
    const access = owner.getByRole('dialog')
    await access.getByLabel('Only these products').check()
    await access.getByLabel('MES').check()
    await snap(owner, 'platform-product-access')
    await access.getByRole('button', { name: 'Save' }).click()
    await devRow.getByText('1 of 1 products').waitFor()

    // The last owner cannot demote themselves: the server's 409 is explained and the choice undone.
    const ownerRole = owner.getByLabel(`Change role for ${OWNER.name}`)
    await ownerRole.selectOption({ label: 'Admin' })
    await owner
      .getByRole('alert')
      .getByText('The last owner cannot be demoted. Make someone else owner first.')
      .waitFor()
    expect(await ownerRole.locator('option:checked').textContent()).toBe('Owner')
    await snap(owner, 'platform-members')

    // A custom role with a few permissions, chosen one by one and by group.
    await navLink(owner, 'Roles').click()
    await heading(owner, 'Roles').waitFor()
    await owner.getByRole('button', { name: 'New role' }).click()
    await owner.getByLabel('Role name').fill('QA lead')
    await owner.getByLabel('See requirements and the backlog').check()
    await owner.getByLabel('Comment on requirements and tasks').check()
    await owner.getByLabel('All of “Tasks”').check()
    await owner.getByText('9 of 34 permissions').waitFor()
    await owner.getByRole('button', { name: 'Create role' }).click()
    await owner.getByRole('status').getByText('Saved').waitFor()
    const roleList = owner.getByRole('navigation', { name: 'Roles' })
    await roleList.getByRole('button', { name: /QA lead/ }).waitFor()
    expect(owner.url()).toMatch(/[?&]role=\d+/)
    expect(await owner.getByLabel('Move tasks across the board').isChecked()).toBe(true)
    expect(await owner.getByLabel('Delete requirements').isChecked()).toBe(false)
    // Editing it: the change is saved in place.
    await owner.getByLabel('Delete tasks').uncheck()
    await owner.getByText('8 of 34 permissions').waitFor()
    await owner.getByRole('button', { name: 'Save role' }).click()
    await owner.getByRole('status').getByText('Saved').waitFor()
    await roleList.getByRole('button', { name: /QA lead\s*8\/34/ }).waitFor()
    await snap(owner, 'platform-roles')

    // Give the new role to the developer from the members page.
    await navLink(owner, 'Members').click()
    await devRow.waitFor()
    const saved = owner.waitForResponse(
      (r) => /\/members\/\d+$/.test(r.url()) && r.request().method() === 'PATCH',
    )
    await owner.getByLabel(`Change role for ${DEV.name}`).selectOption({ label: 'QA lead' })
    expect((await saved).status()).toBe(200)
    expect(
      await owner.getByLabel(`Change role for ${DEV.name}`).locator('option:checked').textContent(),
    ).toBe('QA lead')

    // With the new role (no member.view) the developer's members page says so in words, with what it
    // needs and whom to ask, instead of a broken page; and the server refuses what the page no longer asks.
    await dev.reload()
    await dev.getByText('你的角色“QA lead”不能使用此页面。').waitFor()
    await dev.getByTestId('role-gate').getByText('查看空间成员').waitFor()
    // Whom to ask, by name: a role that may not see the members does not get their addresses.
    await dev.getByTestId('role-gate').getByText(OWNER.name).waitFor()
    expect(await dev.getByTestId('role-gate').locator('a[href^="mailto:"]').count()).toBe(0)
    const refused = await dev.evaluate(
      async (url) => (await fetch(url)).status,
      dev.url().replace(/\/w\/(\d+)\/.*/, '/api/workspaces/$1/members'),
    )
    expect(refused).toBe(403)
    expect(await navLink(dev, '成员').count()).toBe(0)
    await snap(dev, 'platform-forbidden-zh')
    // An invite link works once.
    await dev.goto(inviteUrl)
    await heading(dev, '此邀请链接无法使用').waitFor()

    // A personal API token: its secret is shown once, with a warning.
    await navLink(owner, 'API tokens').click()
    await heading(owner, 'No API tokens').waitFor()
    await owner.getByLabel('Token name').fill('CI import script')
    await owner.getByRole('button', { name: 'Create token' }).click()
    await owner.getByText('Copy it now. Keel stores only a hash').waitFor()
    const token = await owner.getByTestId('token-created').getByLabel('Token').inputValue()
    const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })
    expect(me.status).toBe(200)
    await owner.getByRole('cell', { name: 'CI import script', exact: true }).waitFor()
    await snap(owner, 'platform-tokens')

    // Tablet width: the sidebar folds away behind a menu button.
    await owner.setViewportSize({ width: 820, height: 1000 })
    await navLink(owner, 'Members').waitFor({ state: 'hidden' })
    await owner.getByRole('button', { name: 'Open navigation' }).click()
    await navLink(owner, 'Members').click()
    await heading(owner, 'Members').waitFor()
    await navLink(owner, 'Roles').waitFor({ state: 'hidden' })
    await snap(owner, 'platform-members-tablet')
    await owner.getByRole('button', { name: 'Open navigation' }).click()
    await navLink(owner, 'Roles').click()
    await heading(owner, 'Roles').waitFor()
    await owner.setViewportSize({ width: 1280, height: 800 })

    // The same roles page in Chinese: built-in roles and permission groups translated.
    await owner.getByRole('button', { name: '中文' }).click()
    await heading(owner, '角色').waitFor()
    expect(await owner.getAttribute('html', 'lang')).toBe('zh-CN')
    await owner.getByRole('button', { name: /产品经理/ }).click()
    await owner.getByText('内置角色不可修改。如需调整权限，请创建自定义角色。').waitFor()
    await owner.getByText('路线图与报表').waitFor()
    await snap(owner, 'platform-roles-zh')

    await owner.getByRole('button', { name: /QA lead/ }).click()
    await owner.getByText('查看需求与需求池').waitFor()
    await snap(owner, 'platform-roles-custom-zh')

    // A second workspace from the switcher; the owner lands in it and can switch back.
    await owner.getByRole('button', { name: '切换空间' }).click()
    await owner.getByRole('menuitem', { name: '创建空间' }).click()
    await owner.getByRole('dialog').getByLabel('空间名称').fill('Beta Lab')
    await owner.getByRole('dialog').getByRole('button', { name: '创建空间' }).click()
    await heading(owner, '欢迎来到 Beta Lab').waitFor()
    await owner.getByRole('button', { name: '切换空间' }).click()
    await owner.getByRole('menuitem', { name: new RegExp(OWNER.workspace) }).click()
    await heading(owner, `欢迎来到 ${OWNER.workspace}`).waitFor()
    expect(owner.url()).toBe(workspaceUrl)

    expect(problems).toEqual([])
  })
})

// Your own account in a browser (issue 14): change name, language and time zone; change the password with
// the current one (the other browser is signed out); see where you are signed in and sign one out.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, type KeelServer, launchBrowser, type Session, screenshotPath, startServer } from './helpers'
import { ownerPage, setupOwner } from './pm-helpers'

const OWNER = {
  workspace: 'Harbour Logistics',
  name: 'Ada Owner',
  email: 'ada@harbour.test',
  password: 'correct horse 1',
}

let server: KeelServer
let browser: Browser
let session: Session
let ws: number
const problems: string[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  ;({ session, ws } = await setupOwner(server.url, OWNER))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('your account', () => {
  it('changes the profile and the password, and signs out another browser', async () => {
    const laptop = await ownerPage(browser, server.url, OWNER, 'en-US', problems)
    const phone = await ownerPage(browser, server.url, OWNER, 'en-US', problems)
    await laptop.getByRole('button', { name: 'Account menu' }).click()
    await laptop.getByRole('menuitem', { name: 'Your account' }).click()
    await laptop.getByRole('heading', { name: 'Your account' }).waitFor()

    // Profile: the name, Chinese, and Shanghai time; the page answers in Chinese at once.
    await laptop.getByLabel('Name').fill('Ada Lovelace')
    await laptop.getByLabel('Language').selectOption('zh-CN')
    await laptop.getByLabel('Time zone').selectOption('Asia/Shanghai')
    await laptop.getByRole('button', { name: 'Save' }).click()
    await laptop.getByRole('heading', { name: '我的账号' }).waitFor()
    const me = await call<{ user: { name: string; language: string; timeZone: string } }>(
      session,
      'GET',
      '/me',
    )
    expect(me.user).toMatchObject({ name: 'Ada Lovelace', language: 'zh-CN', timeZone: 'Asia/Shanghai' })
    // The other browser follows the account's language on its next visit.
    await phone.reload()
    await phone.getByRole('link', { name: '首页' }).waitFor()

    // Sessions: both browsers are listed; this one is marked.
    const sessions = laptop.getByTestId('session')
    await expect.poll(() => sessions.count()).toBe(3)
    await laptop.getByText('当前浏览器').waitFor()
    await laptop.screenshot({ path: screenshotPath('account-zh'), fullPage: true })

    // Password: wrong current one first, then right; the other browsers are signed out.
    await laptop.getByLabel('当前密码').fill('not my password')
    await laptop.getByLabel('新密码', { exact: true }).fill('battery staple 22')
    await laptop.getByLabel('再次输入新密码').fill('battery staple 22')
    await laptop.getByRole('button', { name: '修改密码' }).click()
    await laptop.getByRole('alert').waitFor()
    await laptop.getByLabel('当前密码').fill(OWNER.password)
    await laptop.getByRole('button', { name: '修改密码' }).click()
    await laptop.getByText('密码已修改，你在其他地方的登录已退出。').waitFor()
    await expect.poll(() => sessions.count()).toBe(1)
    await phone.reload()
    await phone.waitForURL(/\/login/)
    expect(problems).toEqual([])
  })

  it('on a phone: Escape closes the navigation drawer, and the language switch stays on one line', async () => {
    const page = await ownerPage(
      browser,
      server.url,
      { ...OWNER, password: 'battery staple 22' },
      'zh-CN',
      problems,
    )
    await page.setViewportSize({ width: 390, height: 844 })
    const toggle = page.locator('.nav-toggle')
    await toggle.click()
    await expect.poll(() => page.locator('.shell.nav-open').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.locator('.shell.nav-open').count()).toBe(0)
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true)
    const heights = await page
      .locator('.topbar .segmented-item')
      .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().height))
    expect(heights.length).toBe(2)
    for (const height of heights) expect(height).toBeLessThan(30)
    const rows = await page
      .locator('.topbar .segmented-item')
      .evaluateAll((els) => new Set(els.map((el) => Math.round(el.getBoundingClientRect().top))).size)
    expect(rows).toBe(1)
    await page.screenshot({ path: screenshotPath('account-phone-zh') })

    // An item's page shows its content before its fields.
    // (The setup session ended with the password change above: this browser's own session writes.)
    const post = async (path: string, data: unknown) => {
      const res = await page.request.post(`${server.url}/api${path}`, {
        data,
        headers: { origin: server.url },
      })
      expect(res.status(), path).toBe(201)
      return (await res.json()) as { id: number }
    }
    const product = await post(`/workspaces/${ws}/products`, { key: 'YRD', name: 'Yard' })
    await post(`/workspaces/${ws}/products/${product.id}/requirements`, { title: '堆场箱位实时看板' })
    await page.goto(`${server.url}/w/${ws}/i/YRD-1`)
    await page.locator('.item-side').waitFor()
    const top = (selector: string) => page.locator(selector).evaluate((el) => el.getBoundingClientRect().top)
    expect(await top('.item-main')).toBeLessThan(await top('.item-side'))
    await page.screenshot({ path: screenshotPath('item-phone-zh') })
  })

  it('follows a dark system setting, and keeps the theme chosen from the account menu', async () => {
    const page = await ownerPage(
      browser,
      server.url,
      { ...OWNER, password: 'battery staple 22' },
      'en-US',
      problems,
    )
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme)
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(theme).toBe('dark')
    const dark = await background()
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(theme).toBe('light')
    expect(await background()).not.toBe(dark)

    // Chosen from the account menu (in the account's language, Chinese since the first journey): dark,
    // whatever the system says, also after a reload.
    await page.locator('.user-trigger').click()
    await page.getByRole('menuitemradio', { name: '深色' }).click()
    await expect.poll(theme).toBe('dark')
    expect(await page.getByRole('menuitemradio', { name: '深色' }).getAttribute('aria-checked')).toBe('true')
    await page.keyboard.press('Escape')
    await page.reload()
    await page.locator('.topbar').waitFor()
    expect(await theme()).toBe('dark')
    expect(await background()).toBe(dark)
    await page.screenshot({ path: screenshotPath('home-dark') })
    // The account page offers the same choice.
    await page.goto(`${server.url}/w/${ws}/settings/account`)
    const select = page.getByLabel('主题', { exact: true })
    expect(await select.inputValue()).toBe('dark')
    await select.selectOption('system')
    await expect.poll(theme).toBe('light')
    await page.locator('.user-trigger').click()
    expect(await page.getByRole('menuitemradio', { name: '跟随系统' }).getAttribute('aria-checked')).toBe(
      'true',
    )
    expect(problems).toEqual([])
  })
})

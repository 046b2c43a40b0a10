// Your own account in a browser (issue 14): change name, language and time zone; change the password with
// the current one (the other browser is signed out); see where you are signed in and sign one out; turn on
// two-factor authentication and log in with a code from it.
import { readFile } from 'node:fs/promises'
import { Secret, TOTP } from 'otpauth'
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

  it('turns on two-factor authentication, then logs in with the password and a code', async () => {
    const password = 'battery staple 22'
    const page = await ownerPage(browser, server.url, { ...OWNER, password }, 'zh-CN', problems)
    await page.goto(`${server.url}/w/${ws}/settings/account`)
    // The account speaks Chinese since the first journey.
    const card = page.locator('#two-factor')
    await card.getByText('未开启：登录只需密码。').waitFor()
    await card.getByRole('button', { name: '开启' }).click()
    const secretText = await card.getByTestId('totp-secret').textContent()
    expect(secretText).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/)
    const totp = new TOTP({ secret: Secret.fromBase32(secretText!.replace(/ /g, '')), digits: 6, period: 30 })
    // Each code works once: every use takes a later time step than the one before.
    let usedStep = 0
    const nextCode = () => {
      usedStep = Math.max(usedStep + 1, Math.floor(Date.now() / 30_000))
      return totp.generate({ timestamp: usedStep * 30_000 })
    }
    expect(
      await card.locator('img.tf-qr').evaluate((img: HTMLImageElement) => img.naturalWidth),
    ).toBeGreaterThan(0)
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('two-factor-setup-zh'), fullPage: true })

    await card.getByLabel('应用中的验证码').fill('000000')
    await card.getByRole('button', { name: '开启' }).click()
    await card.getByText('验证码不正确。', { exact: false }).waitFor()
    await card.getByLabel('应用中的验证码').fill(nextCode())
    await card.getByRole('button', { name: '开启' }).click()
    const codes = card.getByTestId('recovery-codes')
    await codes.waitFor()
    await expect.poll(() => codes.locator('li').count()).toBe(10)
    const recoveryCodes = await codes.locator('li').allTextContents()
    const downloading = page.waitForEvent('download')
    await codes.getByRole('button', { name: '下载 .txt' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('keel-recovery-codes.txt')
    const file = await readFile((await download.path())!, 'utf8')
    for (const code of recoveryCodes) expect(file).toContain(code)
    await page.screenshot({ path: screenshotPath('two-factor-codes-zh'), fullPage: true })
    await codes.getByLabel('我已保存这些恢复码').check()
    await codes.getByRole('button', { name: '完成' }).click()
    await card.getByText('还剩 10 个恢复码（共 10 个）。', { exact: false }).waitFor()

    // Log out, then in: the password, then a wrong code, then the right one (remembering this browser).
    await page.locator('.user-trigger').click()
    await page.getByRole('menuitem', { name: '退出登录' }).click()
    await page.waitForURL(/\/login/)
    await page.locator('input[type="email"]').fill(OWNER.email)
    await page.locator('input[type="password"]').fill(password)
    await page.locator('button[type="submit"]').click()
    await page.getByRole('heading', { name: '输入验证码' }).waitFor()
    const code = page.locator('input[name="code"]')
    expect(await code.evaluate((el) => el === document.activeElement)).toBe(true)
    await code.fill('000000')
    await code.press('Enter')
    await page.getByText('验证码不正确。请输入应用显示的最新验证码。').waitFor()
    await page.screenshot({ path: screenshotPath('two-factor-login-zh') })
    await page.locator('.auth-top .segmented-item[lang="en"]').click()
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor()
    await page.getByRole('button', { name: 'Use a recovery code' }).click()
    await page.getByLabel('Recovery code').waitFor()
    await page.screenshot({ path: screenshotPath('two-factor-login-recovery') })
    await page.getByRole('button', { name: 'Use a code from the app' }).click()
    await page.getByLabel('Remember this browser for 30 days').check()
    await page.getByLabel('Code from the app').fill(nextCode())
    await page.getByLabel('Code from the app').press('Enter')
    await page.waitForURL(/\/w\/\d+$/)

    // In English, the card says it is on; a recovery code turns it off.
    await page.locator('.topbar .segmented-item[lang="en"]').click()
    await page.goto(`${server.url}/w/${ws}/settings/account`)
    await card.getByText('10 of 10 recovery codes left.', { exact: false }).waitFor()
    await card.scrollIntoViewIfNeeded()
    await page.screenshot({ path: screenshotPath('two-factor-on'), fullPage: true })
    await card.getByRole('button', { name: 'Turn off' }).click()
    await card.getByLabel('Code', { exact: true }).fill(recoveryCodes[0]!)
    await card.getByRole('button', { name: 'Turn off' }).click()
    await card.getByText('Two-factor authentication is off.').waitFor()
    await card.getByRole('button', { name: 'Turn on' }).waitFor()
    expect(problems).toEqual([])
  })

  it('an instance that requires two-factor sends a session without it to set it up, then back to its page', async () => {
    const page = await ownerPage(
      browser,
      server.url,
      { ...OWNER, password: 'battery staple 22' },
      'en-US',
      problems,
    )
    const settings = (requireTwoFactor: boolean) =>
      page.request.patch(`${server.url}/api/admin/settings`, {
        data: { requireTwoFactor },
        headers: { origin: server.url },
      })
    expect((await settings(true)).status()).toBe(200)
    // The next request of the app answers 403, and the app goes to the page that sets it up.
    await page.locator('#sidebar').getByRole('link', { name: 'Inbox' }).click()
    await page.waitForURL(/\/account\/two-factor\?next=/)
    await page.getByRole('heading', { name: 'Turn on two-factor authentication' }).waitFor()
    await page.locator('img.tf-qr').waitFor()
    await page.screenshot({ path: screenshotPath('two-factor-required'), fullPage: true })
    await page.locator('.auth-top .segmented-item[lang="zh-CN"]').click()
    await page.getByRole('heading', { name: '开启两步验证' }).waitFor()
    await page.screenshot({ path: screenshotPath('two-factor-required-zh'), fullPage: true })

    const secret = (await page.getByTestId('totp-secret').textContent())!.replace(/ /g, '')
    const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 })
    await page.getByLabel('应用中的验证码').fill(totp.generate())
    await page.getByLabel('应用中的验证码').press('Enter')
    await page.getByTestId('recovery-codes').waitFor()
    await page.screenshot({ path: screenshotPath('two-factor-required-codes-zh'), fullPage: true })
    await page.getByLabel('我已保存这些恢复码').check()
    await page.getByRole('button', { name: '进入 Keel' }).click()
    await page.waitForURL(new RegExp(`/w/${ws}/inbox$`))
    await page.locator('.topbar').waitFor()
    expect((await settings(false)).status()).toBe(200)
    expect(problems).toEqual([])
  })
})

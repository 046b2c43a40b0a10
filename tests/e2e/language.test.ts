// The language journey in a real Chromium against the built app: first-run setup with the demo workspace,
// then home, customers, a customer, the roadmap, product settings, the board and the backlog in English,
// in Chinese and back — no untranslated dictionary key anywhere, <html lang> following — and Ctrl+K
// finding the demo requirement "移动端设备点检" by a Chinese substring. Screenshots in test-results/.
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type KeelServer, launchBrowser, screenshotPath, startServer } from './helpers'
import { type Account, openPage, snap, type TrackedPage, untranslatedKeys } from './stakeholder-helpers'

const OWNER: Account = { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'correct horse 1' }

let server: KeelServer
let browser: Browser
let page: TrackedPage

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: screenshotPath('language-failure'), fullPage: true })
    if (page.problems.length) console.error(`Browser errors:\n${page.problems.join('\n')}`)
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Gives the owner some of the demo's open tasks (one overdue), so "My tasks" has something to show. */
async function assignTasksToOwner(ws: number) {
  await page.evaluate(async (ws) => {
    const me = (await (await fetch('/api/me')).json()) as { user: { id: number } }
    const list = async (query: string) =>
      ((await (await fetch(`/api/workspaces/${ws}/tasks?${query}`)).json()) as { items: { id: number }[] })
        .items
    const doing = await list('status=doing&limit=3')
    const review = await list('status=review&limit=1')
    const patch = (id: number, body: object) =>
      fetch(`/api/workspaces/${ws}/tasks/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const past = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10)
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10)
    await Promise.all([
      ...doing.map((t, i) => patch(t.id, { assigneeId: me.user.id, dueDate: i === 0 ? past : soon })),
      ...review.map((t) => patch(t.id, { assigneeId: me.user.id })),
    ])
  }, ws)
}

async function expectTranslated(where: string) {
  // Let lazy chunks and queries settle, so the scan sees the page and not its loading state.
  await page.waitForLoadState('networkidle')
  expect(await untranslatedKeys(page), `untranslated keys on ${where}`).toEqual([])
}

describe('languages in a browser', () => {
  it('sets up the demo, reads every page in English and Chinese, and finds 设备点检 with Ctrl+K', async () => {
    page = await openPage(browser, 'en-US')

    // First run: the demo option on the setup page.
    await page.goto(`${server.url}/setup`)
    await page.getByRole('heading', { name: 'Set up Keel' }).waitFor()
    await page.getByLabel('Workspace name').fill('Acme Demo')
    await page.getByLabel('Your name').fill(OWNER.name)
    await page.getByLabel('Email').fill(OWNER.email)
    await page.getByLabel('Password').fill(OWNER.password)
    await page.getByRole('heading', { name: 'Try it with sample data' }).waitFor()
    await expectTranslated('setup')
    await snap(page, 'setup-demo')
    await page.getByRole('button', { name: 'Load demo workspace' }).click()
    await page.waitForURL(/\/w\/\d+$/, { timeout: 20_000 })
    const ws = Number(/\/w\/(\d+)$/.exec(page.url())![1])
    const base = `${server.url}/w/${ws}`
    await page.getByRole('heading', { name: 'Welcome to Acme Demo' }).waitFor()
    await page.getByText(`Hello, ${OWNER.name}.`).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')

    // Home with my tasks, iterations, risks and activity.
    await assignTasksToOwner(ws)
    await page.reload()
    await page.locator('.home-group').first().waitFor()
    await page.locator('.home-row.is-overdue').first().waitFor()
    await page.locator('.home-progress-value', { hasText: '%' }).first().waitFor()
    await page.locator('.home-activity-item').first().waitFor()
    await expectTranslated('home')
    await snap(page, 'home')

    // Customers and a customer whose promise the schedule breaks.
    await page.goto(`${base}/customers`)
    await page.getByRole('link', { name: 'Nordic Logistics AB' }).waitFor()
    await expectTranslated('customers')
    await snap(page, 'customers')
    await page.getByRole('link', { name: 'Nordic Logistics AB' }).click()
    await page.locator('[data-group="planned"] .cu-release').first().waitFor()
    await page.locator('.cu-promise[data-state="late"]').first().waitFor()
    await expectTranslated('customer')
    await snap(page, 'customer')
    const customerUrl = page.url()

    // The roadmap.
    await page.goto(`${base}/p/MES/roadmap`)
    await page.locator('.rm-bar').first().waitFor()
    await expectTranslated('roadmap')
    await snap(page, 'roadmap')

    // Ctrl+K: a Chinese substring finds the demo requirement; Enter opens it.
    await page.keyboard.press('Control+k')
    const search = page.getByRole('combobox', { name: 'Search' })
    await search.waitFor()
    await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true)
    await search.fill('设备点检')
    const found = page
      .getByRole('option')
      .filter({ has: page.locator('.palette-title', { hasText: /^移动端设备点检$/ }) })
    await found.waitFor()
    await expect.poll(() => found.getAttribute('aria-selected')).toBe('true')
    await expectTranslated('search')
    await snap(page, 'search')
    const key = (await found.locator('.key-chip').textContent())!
    await search.press('Enter')
    await page.waitForURL(`${base}/i/${key}`)
    await expect.poll(() => page.getByRole('combobox', { name: 'Search' }).count()).toBe(0)

    // Switch to Chinese: the pages read in Chinese, <html lang> follows, and no key shows.
    await page.goto(`${base}/p/MES/roadmap`)
    await page.locator('.rm-bar').first().waitFor()
    await page.getByRole('button', { name: '中文' }).click()
    await page.getByRole('heading', { name: '智能制造 MES 路线图' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    await page.getByText('今天', { exact: true }).waitFor()
    await expectTranslated('roadmap (zh)')
    await snap(page, 'roadmap-zh')

    await page.goto(base)
    await page.getByRole('heading', { name: '欢迎来到 Acme Demo' }).waitFor()
    await page.getByText(`你好，${OWNER.name}。`).waitFor()
    await page.getByRole('heading', { name: '进行中的迭代' }).waitFor()
    await page.locator('.home-activity-item').first().waitFor()
    await expectTranslated('home (zh)')
    await snap(page, 'home-zh')

    await page.goto(`${base}/customers`)
    await page.getByRole('heading', { name: '客户' }).waitFor()
    await page.getByRole('button', { name: '新建客户' }).waitFor()
    await expectTranslated('customers (zh)')
    await page.goto(customerUrl)
    await page.getByRole('heading', { name: /已规划/ }).waitFor()
    await expectTranslated('customer (zh)')
    await snap(page, 'customer-zh')

    await page.goto(`${base}/settings/products?product=MES`)
    await page.getByRole('heading', { name: '模块' }).waitFor()
    await page.locator('.ps-tree .ps-node').first().waitFor()
    await expectTranslated('product settings (zh)')
    await snap(page, 'products-zh')

    await page.keyboard.press('Control+k')
    await page.getByRole('combobox', { name: '搜索' }).waitFor()
    await page.getByRole('option', { name: /看板 · 智能制造 MES/ }).waitFor()
    await expectTranslated('search (zh)')
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('combobox', { name: '搜索' }).count()).toBe(0)

    for (const view of ['board', 'backlog'] as const) {
      await page.goto(`${base}/p/MES/${view}`)
      await page.waitForTimeout(300)
      await expectTranslated(`${view} (zh)`)
    }

    // And back to English.
    await page.goto(`${base}/customers`)
    await page.getByRole('heading', { name: '客户' }).waitFor()
    await page.getByRole('button', { name: 'EN' }).click()
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await expectTranslated('customers (en again)')

    expect(page.problems).toEqual([])
  })
})

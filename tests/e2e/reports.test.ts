// The reports journey in Chromium against the built app: a PM opens MES's reports (charts, forecast, risks,
// demand), reads the weekly report, shares the roadmap with one customer, and that customer's link — opened
// without an account — never names another customer; once revoked, it says it is no longer valid.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type KeelServer, launchBrowser, screenshotPath, startServer } from './helpers'

const PM = {
  workspace: 'Acme Industrial',
  name: 'Paula PM',
  email: 'paula@acme.test',
  password: 'correct horse 1',
}

let server: KeelServer
let browser: Browser
const pages: Page[] = []
const problems: string[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
})

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return
  await Promise.all(
    pages.map((page, i) => page.screenshot({ path: screenshotPath(`reports-failure-${i}`), fullPage: true })),
  )
  if (problems.length) console.error(`Browser errors:\n${problems.join('\n')}`)
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** The API as a script calls it: the Origin check satisfied, the session cookie kept. */
async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  cookie = '',
): Promise<{ body: T; cookie: string }> {
  const res = await fetch(`${server.url}/api${path}`, {
    method,
    headers: {
      origin: server.url,
      ...(cookie ? { cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`)
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0])
  const text = await res.text()
  return {
    body: (text ? JSON.parse(text) : undefined) as T,
    cookie: cookies.length ? cookies.join('; ') : cookie,
  }
}

/** A whole-page screenshot with the viewport stretched to the page, so sticky bars stay in place. */
async function snap(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1360, height: 900 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: screenshotPath(name) })
  await page.setViewportSize(viewport)
}

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 } })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/status of 40[1349]\b/.test(msg.text())) problems.push(msg.text())
  })
  pages.push(page)
  return page
}

interface Customer {
  id: number
  name: string
}
interface CustomerDetail {
  asks: { requirement: { key: string; title: string } }[]
}

describe('reports and shared roadmaps in a browser', () => {
  it('shows MES reports and the weekly report, and shares a customer view that names no one else', async () => {
    const setup = await api<{ workspace: { id: number } }>('POST', '/setup', {
      workspaceName: PM.workspace,
      name: PM.name,
      email: PM.email,
      password: PM.password,
      demo: true,
    })
    const ws = setup.body.workspace.id
    const cookie = setup.cookie
    const customers = (
      await api<{ items: Customer[] }>('GET', `/workspaces/${ws}/customers`, undefined, cookie)
    ).body.items
    expect(customers.length).toBe(8)
    // The customer with the most MES asks, so the shared view has something to show.
    const details = await Promise.all(
      customers.map(
        async (c) =>
          [
            c,
            (await api<CustomerDetail>('GET', `/workspaces/${ws}/customers/${c.id}`, undefined, cookie)).body,
          ] as const,
      ),
    )
    const withMes = details
      .map(([c, d]) => [c, d.asks.filter((a) => a.requirement.key.startsWith('MES-'))] as const)
      .sort((a, b) => b[1].length - a[1].length)
    const [chosen, chosenAsks] = withMes[0]!
    expect(chosenAsks.length).toBeGreaterThan(0)
    const others = customers.filter((c) => c.id !== chosen.id)

    // Log in and open the reports from the product's navigation.
    const pm = await newPage()
    await pm.goto(`${server.url}/login`)
    await pm.getByLabel('Email').fill(PM.email)
    await pm.getByLabel('Password').fill(PM.password)
    await pm.getByRole('button', { name: 'Log in' }).click()
    await pm.waitForURL(/\/w\/\d+$/)
    await pm.goto(`${server.url}/w/${ws}/p/MES/board`)
    await pm.getByRole('link', { name: 'Reports', exact: true }).click()
    await pm.waitForURL(/\/p\/MES\/reports$/)
    await pm
      .getByRole('heading', { name: /reports$/ })
      .first()
      .waitFor()

    // Burndown, cumulative flow and velocity draw on canvases; forecast, risks and demand are read in words.
    await pm.waitForFunction(() => document.querySelectorAll('.rp-chart canvas').length >= 3)
    await pm.getByRole('heading', { name: 'Forecast', exact: true }).waitFor()
    await pm.getByRole('heading', { name: 'Risks', exact: true }).waitFor()
    await pm.getByRole('heading', { name: 'Most asked-for requirements' }).waitFor()
    await pm.getByTestId('forecast-iteration').waitFor()
    await snap(pm, 'reports')

    // The same page in Chinese.
    await pm.evaluate(() => localStorage.setItem('keel.locale', 'zh-CN'))
    await pm.reload()
    await pm.getByRole('heading', { name: '预测', exact: true }).waitFor()
    await pm.waitForFunction(() => document.querySelectorAll('.rp-chart canvas').length >= 3)
    await pm.getByRole('heading', { name: '风险', exact: true }).waitFor()
    await snap(pm, 'reports-zh')
    await pm.evaluate(() => localStorage.setItem('keel.locale', 'en'))
    await pm.reload()

    // The weekly report of this week, with copy and download.
    await pm.getByRole('tab', { name: 'Weekly report' }).click()
    await pm.getByRole('button', { name: 'Copy as Markdown' }).waitFor()
    await pm.getByRole('button', { name: 'Download .md' }).waitFor()
    await pm.getByRole('heading', { name: 'Done this week' }).waitFor()
    await snap(pm, 'weekly')
    // A past week is one click away.
    await pm.getByRole('button', { name: /Previous week/ }).click()
    await pm.getByRole('button', { name: 'This week' }).waitFor()
    await pm.getByRole('button', { name: 'Copy as Markdown' }).waitFor()

    // Share the roadmap with one customer; the link is shown once.
    await pm.getByRole('tab', { name: 'Share links' }).click()
    await pm.getByLabel('Customer').selectOption({ label: chosen.name })
    await pm.getByRole('button', { name: 'Create link' }).click()
    const created = pm.getByTestId('share-created')
    await created.waitFor()
    const url = await created.getByTestId('secret-value').first().inputValue()
    const token = /\/s\/([^/?#]+)/.exec(url)?.[1]
    expect(token).toBeTruthy()
    expect(await created.getByTestId('secret-value').nth(1).inputValue()).toContain('.ics')
    await pm.getByTestId('share-link-row').filter({ hasText: chosen.name }).waitFor()

    // Opened by someone without an account: this customer's name and asks, nobody else's.
    const visitor = await newPage()
    await visitor.goto(`${server.url}/s/${token}`)
    await visitor.getByTestId('shared-roadmap').waitFor()
    await visitor.getByText(`For ${chosen.name}`).waitFor()
    const html = await visitor.content()
    const text = (await visitor.locator('body').textContent()) ?? ''
    // Every ask of this customer in MES, those under consideration too, counted as the customer page counts.
    for (const ask of chosenAsks) expect(text).toContain(ask.requirement.key)
    expect(await visitor.locator('[data-testid="share-counts"] [data-count="asks"] dd').textContent()).toBe(
      String(chosenAsks.length),
    )
    for (const other of others) {
      expect(html).not.toContain(other.name)
      expect(text).not.toContain(other.name)
    }
    expect(await visitor.getByRole('link', { name: /Log in/i }).count()).toBe(0)
    await snap(visitor, 'share')

    // Revoked: the same link now says it is no longer valid.
    await pm.getByRole('button', { name: 'Close' }).click()
    await pm
      .getByTestId('share-link-row')
      .filter({ hasText: chosen.name })
      .getByRole('button', { name: /^Revoke link/ })
      .click()
    await pm.getByRole('alertdialog').getByRole('button', { name: 'Revoke' }).click()
    await pm.getByTestId('share-link-row').filter({ hasText: 'Revoked' }).waitFor()
    await visitor.reload()
    await visitor.getByRole('heading', { name: 'This link is no longer valid' }).waitFor()
    expect((await visitor.locator('body').textContent()) ?? '').not.toContain(chosen.name)

    expect(problems).toEqual([])
  })
})

// Helpers for the stakeholder and language journeys: set up a demo workspace and invite people through the
// API (as a script would, with the Origin check satisfied), open pages that record browser errors, take
// full-height screenshots, and find text that looks like an untranslated dictionary key.
import type { Browser, Page } from 'playwright-core'
import { screenshotPath } from './helpers'

export interface Account {
  name: string
  email: string
  password: string
}

export class ApiSession {
  constructor(
    readonly base: string,
    private cookie = '',
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}/api${path}`, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!)
    if (cookies.length) this.cookie = cookies.join('; ')
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T }
  }

  async ok<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.call<T>(method, path, body)
    if (res.status >= 300)
      throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`)
    return res.body
  }
}

/** First-run setup with the demo data; answers the owner's session and the workspace id. */
export async function setUpDemo(base: string, owner: Account, workspaceName: string) {
  const session = new ApiSession(base)
  const result = await session.ok<{ workspace: { id: number } }>('POST', '/setup', {
    workspaceName,
    name: owner.name,
    email: owner.email,
    password: owner.password,
    demo: true,
  })
  return { session, ws: result.workspace.id }
}

/** The owner invites someone with a built-in role; they accept with their own password. */
export async function inviteAndAccept(owner: ApiSession, ws: number, person: Account, builtIn: string) {
  const roles = await owner.ok<{ id: number; builtIn: string | null }[]>('GET', `/workspaces/${ws}/roles`)
  const role = roles.find((r) => r.builtIn === builtIn)
  if (!role) throw new Error(`No built-in role ${builtIn}`)
  const invite = await owner.ok<{ token: string }>('POST', `/workspaces/${ws}/members`, {
    email: person.email,
    name: person.name,
    roleId: role.id,
  })
  await new ApiSession(owner.base).ok('POST', `/invites/${invite.token}/accept`, {
    password: person.password,
  })
}

export interface TrackedPage extends Page {
  problems: string[]
}

/**
 * A page in its own browser context. Failed requests the journey provokes on purpose (403 from a write
 * the role may not make) are allowed; any other console error or uncaught exception is recorded.
 */
export async function openPage(
  browser: Browser,
  locale: string,
  allowStatus = /status of 403\b/,
): Promise<TrackedPage> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
  const page = (await context.newPage()) as TrackedPage
  page.problems = []
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => page.problems.push(`[${locale}] ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !allowStatus.test(msg.text()))
      page.problems.push(`[${locale}] ${msg.text()}`)
  })
  return page
}

export async function logIn(
  page: Page,
  base: string,
  account: Account,
  labels = { email: 'Email', password: 'Password', submit: 'Log in' },
) {
  await page.goto(`${base}/login`)
  await page.getByLabel(labels.email).fill(account.email)
  await page.getByLabel(labels.password).fill(account.password)
  await page.getByRole('button', { name: labels.submit }).click()
  await page.waitForURL(/\/w\/\d+/)
}

/** A screenshot of the whole page (the viewport stretched to the page first, so sticky bars stay put). */
export async function snap(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: screenshotPath(name) })
  await page.setViewportSize(viewport)
}

/** Visible words that look like a dictionary key (customers.title, roadmap.x) instead of a translation. */
export async function untranslatedKeys(page: Page): Promise<string[]> {
  // innerText, not textContent: it keeps the breaks between elements, so neighbouring words stay apart.
  // biome-ignore lint/performance/useDomNodeTextContent: see above
  const text = await page.evaluate(() => document.body.innerText)
  return text.split(/\s+/).filter((token) => /^[a-z]+(\.[a-zA-Z0-9]+)+$/.test(token))
}

/**
 * Buttons (and links styled as buttons) and editing fields inside the page's main area, the shell excluded.
 * A field edits when it sits in a form, in a row or card (inline editing), or is a textarea; fields that
 * only change the view — search, filters, grouping, the iteration shown — are left out.
 */
export async function mainControls(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector('main') ?? document.body
    const label = (el: Element) =>
      (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ')
    const fieldName = (el: Element) =>
      (
        el.getAttribute('aria-label') ??
        (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null) ??
        el.closest('label')?.textContent ??
        el.getAttribute('placeholder') ??
        el.getAttribute('name') ??
        ''
      ).trim()
    const viewOnly = (el: Element) =>
      Boolean(el.closest('search, [role="search"], [role="toolbar"]')) ||
      /filter|search|group|sort|view|筛选|搜索|分组|排序|视图/i.test(
        `${fieldName(el)} ${el.id} ${el.getAttribute('name') ?? ''}`,
      )
    return {
      buttons: [...main.querySelectorAll('button, a.btn')].map(label),
      fields: [...main.querySelectorAll('input, select, textarea')]
        .filter((el) => el.tagName === 'TEXTAREA' || el.closest('form, tr, li, [role="row"], article'))
        .filter((el) => !viewOnly(el))
        .map((el) => `${el.tagName.toLowerCase()}:${fieldName(el)}`),
      draggable: main.querySelectorAll('[draggable="true"]').length,
    }
  })
}

/** A write through the API from inside the page, with the page's own session cookie. */
export function writeFromPage(page: Page, method: string, path: string, body: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/api${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      const json = (await res.json().catch(() => null)) as { error?: { code?: string } } | null
      return { status: res.status, code: json?.error?.code }
    },
    { method, path, body },
  )
}

// Helpers for the PM journey: the owner's session (for helpers.ts's `call`, to set up data a script would
// and to check what the server stored), a logged-in browser page that records errors, and whole-page snaps.
import type { Browser, Page } from 'playwright-core'
import { ApiFailure, type Session, screenshotPath } from './helpers'

export interface Owner {
  workspace: string
  name: string
  email: string
  password: string
}

/** First-run setup through the API; answers the owner's session and workspace id. */
export async function setupOwner(url: string, owner: Owner): Promise<{ session: Session; ws: number }> {
  const res = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({
      workspaceName: owner.workspace,
      name: owner.name,
      email: owner.email,
      password: owner.password,
    }),
  })
  if (!res.ok) throw new ApiFailure(res.status, await res.json().catch(() => undefined))
  const body = (await res.json()) as { workspace: { id: number } }
  const cookie = res.headers
    .getSetCookie()
    .map((h) => h.split(';')[0] ?? '')
    .filter((pair) => !pair.endsWith('='))
    .join('; ')
  return { session: { url, cookie }, ws: body.workspace.id }
}

/** A browser page with the owner logged in; page errors and unexpected console errors are collected. */
export async function ownerPage(
  browser: Browser,
  url: string,
  owner: Owner,
  locale: string,
  problems: string[],
): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } })
  const page = await context.newPage()
  page.setDefaultTimeout(10_000)
  page.on('pageerror', (err) => problems.push(`[${locale}] ${err.message}`))
  page.on('console', (msg) => {
    // A 404 for the XSS image (src=x) would be a bug: it must never be requested. Failed API calls the
    // journey provokes on purpose are 4xx answers the browser logs as errors.
    if (msg.type() === 'error' && !/status of 40[01349]\b/.test(msg.text()))
      problems.push(`[${locale}] ${msg.text()}`)
  })
  await page.goto(`${url}/login`)
  // By field type, so the same works in either language.
  await page.locator('input[type="email"]').fill(owner.email)
  await page.locator('input[type="password"]').fill(owner.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL(/\/w\/\d+$/)
  return page
}

/**
 * A screenshot of the whole page. The viewport is stretched to the page's height first, so sticky bars
 * are drawn where they belong; pages that scroll inside (backlog, plan) keep the window size.
 */
export async function snap(page: Page, name: string, whole = true) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 }
  if (whole) {
    const height = await page.evaluate(() => document.documentElement.scrollHeight)
    await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  }
  await page.screenshot({ path: screenshotPath(name) })
  await page.setViewportSize(viewport)
}

/** A pointer drag solid-dnd's sensor recognises: press, move in steps past its threshold, release. */
export async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  // A dialog that just closed fades out for 80 ms, its overlay still taking the pointer: a raw mouse drag
  // started then would land on the overlay.
  await page.locator('.dialog-overlay').waitFor({ state: 'detached' })
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x + 4, from.y + 12, { steps: 4 })
  await page.mouse.move(to.x, to.y, { steps: 16 })
  await page.waitForTimeout(100)
  await page.mouse.move(to.x, to.y + 1)
  await page.mouse.up()
}

export const centre = async (page: Page, selector: string) => {
  await page.locator(selector).first().waitFor()
  const box = await page.locator(selector).first().boundingBox()
  if (!box) throw new Error(`${selector} is not visible`)
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

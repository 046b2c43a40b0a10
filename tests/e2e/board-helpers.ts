// Helpers for the board journeys: sessions from the demo setup and invites (for setting up data the way a
// script would, through helpers.ts's `call`), people in roles, and pointer drags solid-dnd recognises.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { ApiFailure, call, type Session } from './helpers'

/** The cookies a response sets (a later one of the same name replaces an earlier one, e.g. a cleared session). */
function cookieOf(res: Response): string {
  const jar = new Map<string, string>()
  for (const header of res.headers.getSetCookie()) {
    const pair = header.split(';')[0] ?? ''
    const i = pair.indexOf('=')
    jar.set(pair.slice(0, i), pair.slice(i + 1))
  }
  return [...jar]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}=${value}`)
    .join('; ')
}

async function post(url: string, path: string, body: unknown, cookie = '') {
  const res = await fetch(`${url}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, cookie },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new ApiFailure(res.status, await res.json().catch(() => undefined))
  return res
}

export interface Person {
  name: string
  email: string
  password: string
}

/** First-run setup with the demo data: the owner may do everything a PM does. */
export async function setupDemo(url: string, owner: Person & { workspace: string }) {
  const res = await post(url, '/setup', {
    workspaceName: owner.workspace,
    name: owner.name,
    email: owner.email,
    password: owner.password,
    demo: true,
  })
  const body = (await res.json()) as { user: { id: number }; workspace: { id: number } }
  return { session: { url, cookie: cookieOf(res) }, userId: body.user.id, ws: body.workspace.id }
}

/** Invites someone with a built-in role and accepts the invite as them. */
export async function addMember(owner: Session, ws: number, role: string, person: Person) {
  const roles = await call<{ id: number; builtIn: string | null }[]>(owner, 'GET', `/workspaces/${ws}/roles`)
  const found = roles.find((r) => r.builtIn === role)
  if (!found) throw new Error(`No built-in role ${role}`)
  const invite = await call<{ token: string }>(owner, 'POST', `/workspaces/${ws}/members`, {
    email: person.email,
    name: person.name,
    roleId: found.id,
  })
  const res = await post(owner.url, `/invites/${invite.token}/accept`, { password: person.password })
  const body = (await res.json()) as { user: { id: number } }
  return { session: { url: owner.url, cookie: cookieOf(res) }, userId: body.user.id }
}

/** A browser context already logged in as the session's user. */
export async function contextFor(
  browser: Browser,
  session: Session,
  options: { locale: string; width?: number; height?: number },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: options.locale,
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
  })
  const cookies = session.cookie.split('; ').map((pair) => {
    const i = pair.indexOf('=')
    return { name: pair.slice(0, i), value: pair.slice(i + 1), url: session.url }
  })
  await context.addCookies(cookies)
  return context
}

/** The card of a task key on the board. */
export const cardOf = (page: Page, key: string) =>
  page.locator('[data-card]').filter({ has: page.locator('.task-key', { hasText: new RegExp(`^${key}$`) }) })

/** The cell (column within the lane) of a status; with no swimlanes there is one per status. */
export const cellOf = (page: Page, status: string) =>
  page.locator(`[data-cell][data-status="${status}"]`).first()

/** Drags with the mouse in small steps, as a person would, so the pointer sensor picks it up. */
/**
 * Waits until a dialog is gone, overlay and all: a closing dialog fades out for 80 ms, and until then its
 * overlay takes the pointer (a raw mouse drag started then lands on the overlay, not the card).
 */
export async function dialogGone(page: Page, dialog: Locator) {
  await dialog.waitFor({ state: 'hidden' })
  await page.locator('.dialog-overlay').waitFor({ state: 'detached' })
}

export async function drag(page: Page, from: Locator, to: Locator, where: 'top' | 'bottom' = 'top') {
  // Wait for both to be drawn: a card that just arrived is laid out on the next frame (content-visibility).
  // And for any closing dialog to be gone: its overlay takes the pointer while it fades (dialogGone).
  await page.locator('.dialog-overlay').waitFor({ state: 'detached' })
  await from.waitFor()
  await to.waitFor()
  const a = await from.boundingBox()
  const b = await to.boundingBox()
  if (!a || !b) throw new Error('Nothing to drag from or to')
  const start = { x: a.x + a.width / 2, y: a.y + a.height / 2 }
  // Cells stretch to the tallest column: aim near the top, which is on screen.
  const y = where === 'top' ? b.y + Math.min(24, b.height / 2) : b.y + b.height - 6
  const end = { x: b.x + b.width / 2, y }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  const steps = 12
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(
      start.x + ((end.x - start.x) * i) / steps,
      start.y + ((end.y - start.y) * i) / steps,
    )
    await page.waitForTimeout(16)
  }
  await page.waitForTimeout(60)
  await page.mouse.up()
}

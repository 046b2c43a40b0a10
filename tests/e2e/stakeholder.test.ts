// The stakeholder journey in a real Chromium against the built app: the owner of a demo workspace invites
// a stakeholder, who reads home, the roadmap, customers, product settings and the board and backlog —
// seeing no edit control anywhere — and whose writes through the API are refused with 403.
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type KeelServer, launchBrowser, screenshotPath, startServer } from './helpers'
import {
  type Account,
  inviteAndAccept,
  logIn,
  mainControls,
  openPage,
  setUpDemo,
  snap,
  type TrackedPage,
  writeFromPage,
} from './stakeholder-helpers'

const OWNER: Account = { name: 'Olivia Owner', email: 'olivia@acme.test', password: 'correct horse 1' }
const STAKEHOLDER: Account = { name: 'Sam Stakeholder', email: 'sam@acme.test', password: 'battery staple 2' }

/** Labels of controls that change data: none may show for a stakeholder. */
const WRITE_WORDS =
  /^(New|Add|Create|Edit|Delete|Remove|Rename|Save|Apply|Auto-plan|Plan|Invite|Move|新建|添加|创建|编辑|删除|移除|重命名|保存|应用|自动规划)\b/i

let server: KeelServer
let browser: Browser
let ws: number
let page: TrackedPage

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  const owner = await setUpDemo(server.url, OWNER, 'Acme Demo')
  ws = owner.ws
  await inviteAndAccept(owner.session, ws, STAKEHOLDER, 'stakeholder')
})

afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) {
    await page.screenshot({ path: screenshotPath('stakeholder-failure'), fullPage: true })
    if (page.problems.length) console.error(`Browser errors:\n${page.problems.join('\n')}`)
  }
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function expectReadOnly(where: string) {
  const controls = await mainControls(page)
  const writes = controls.buttons.filter((label) => WRITE_WORDS.test(label))
  expect(writes, `edit buttons on ${where}`).toEqual([])
  expect(controls.fields, `form fields on ${where}`).toEqual([])
  expect(controls.draggable, `draggable items on ${where}`).toBe(0)
  return controls
}

describe('a stakeholder in a browser', () => {
  it('reads the roadmap, customers and products, sees no edit control, and cannot write through the API', async () => {
    page = await openPage(browser, 'en-US')
    await logIn(page, server.url, STAKEHOLDER)
    const base = `${server.url}/w/${ws}`

    // Home: the workspace's state, no first-steps or demo buttons.
    await page.getByRole('heading', { name: 'Welcome to Acme Demo' }).waitFor()
    await page.getByText(`Hello, ${STAKEHOLDER.name}.`).waitFor()
    await page.getByRole('heading', { name: 'Active iterations' }).waitFor()
    await page.locator('.home-progress-value', { hasText: '%' }).first().waitFor()
    await expectReadOnly('home')
    await snap(page, 'stakeholder-home')

    // The roadmap: the timeline and the releases list; the only button prints.
    await page.goto(`${base}/p/MES/roadmap`)
    await page.getByRole('heading', { name: /roadmap$/ }).waitFor()
    await page.locator('.rm-bar').first().waitFor()
    expect(await page.locator('.rm-milestone').count()).toBeGreaterThanOrEqual(2)
    await page.locator('.rm-today').waitFor()
    // The today flag covers no label: no month, milestone or iteration name under it.
    const overlaps = await page.evaluate(() => {
      const flag = document.querySelector('.rm-today-label')!.getBoundingClientRect()
      const labels = document.querySelectorAll('.rm-month, .rm-milestone-label, .rm-bar-name, .rm-bar-meta')
      return [...labels]
        .filter((el) => {
          const r = el.getBoundingClientRect()
          return r.left < flag.right && flag.left < r.right && r.top < flag.bottom && flag.top < r.bottom
        })
        .map((el) => el.textContent)
    })
    expect(overlaps).toEqual([])
    // On a phone the timeline scrolls sideways, and opens at today.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await page.locator('.rm-today-label').waitFor()
    await expect
      .poll(() =>
        page.evaluate(() => {
          const flag = document.querySelector('.rm-today-label')!.getBoundingClientRect()
          const frame = document.querySelector('.rm-timeline-scroll')!.getBoundingClientRect()
          return flag.left >= frame.left && flag.right <= frame.right
        }),
      )
      .toBe(true)
    await page.setViewportSize({ width: 1280, height: 800 })
    const roadmap = await expectReadOnly('roadmap')
    expect(roadmap.buttons).toEqual(['Print'])
    await snap(page, 'stakeholder-roadmap')

    // Customers: search and filters, but no "New customer", no edit or delete.
    await page.goto(`${base}/customers`)
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    await page.getByRole('link', { name: 'Nordic Logistics AB' }).waitFor()
    await expectReadOnly('customers')
    expect(await page.getByRole('button', { name: 'New customer' }).count()).toBe(0)
    await page.getByPlaceholder('Search by name or contact…').fill('Nordic')
    await page.waitForURL(/q=Nordic/)
    await page.getByText('1 of 8 customers').waitFor()

    // A customer: asks by group, no buttons at all.
    await page.getByRole('link', { name: 'Nordic Logistics AB' }).click()
    await page.getByRole('heading', { name: /Nordic Logistics AB/ }).waitFor()
    await page.locator('[data-group="planned"] tbody tr').first().waitFor()
    const customer = await expectReadOnly('customer')
    expect(customer.buttons).toEqual([])
    await snap(page, 'stakeholder-customer')

    // Product settings: details and modules to read, nothing to change.
    await page.goto(`${base}/settings/products`)
    await page
      .getByRole('row', { name: /智能制造 MES/ })
      .getByRole('button', { name: 'Details' })
      .click()
    await page.getByText('You can see this product’s settings but not change them.').waitFor()
    await page.locator('.ps-tree .ps-node').first().waitFor()
    const products = await expectReadOnly('product settings')
    expect(products.buttons.filter((b) => !/^(Details|Close settings)$/.test(b))).toEqual([])

    // The board and the backlog (built by others): readable, without edit controls.
    for (const view of ['board', 'backlog'] as const) {
      await page.goto(`${base}/p/MES/${view}`)
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300)
      expect((await page.locator('main').textContent())?.trim()).not.toBe('')
      await expectReadOnly(view)
      await snap(page, `stakeholder-${view}`)
    }

    // Writes through the API with the stakeholder's own session are refused and change nothing.
    const customers = `/workspaces/${ws}/customers`
    expect(await writeFromPage(page, 'POST', customers, { name: 'Sneaky Ltd' })).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await writeFromPage(page, 'PATCH', `${customers}/1`, { name: 'Renamed' })).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await writeFromPage(page, 'DELETE', `${customers}/1`, {})).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await writeFromPage(page, 'POST', `/workspaces/${ws}/products/1/modules`, { name: 'X' })).toEqual({
      status: 403,
      code: 'forbidden',
    })
    expect(await writeFromPage(page, 'PATCH', `/workspaces/${ws}/products/1`, { name: 'X' })).toEqual({
      status: 403,
      code: 'forbidden',
    })
    const after = await page.evaluate(async (path) => (await fetch(`/api${path}?q=Sneaky`)).json(), customers)
    expect(after).toEqual({ items: [] })

    expect(page.problems).toEqual([])
  })
})

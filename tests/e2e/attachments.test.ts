// Attachments in a real Chromium against the built app: the PM logs in, opens a requirement and pastes a
// screenshot into a comment (a ClipboardEvent holding a PNG): the placeholder turns into the image's
// markdown, the posted comment shows the image loaded through its permission-checked address, and it opens
// in the lightbox, which Esc closes with the focus back on the image. A PDF attached with the button is
// listed and deleted; files dropped on the page are attached; a file over the limit says so with the limit.
// The same page in Chinese, where a file attached meanwhile shows up live. Screenshots in /tmp/attach-shots/.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { call, closePages, type KeelServer, launchBrowser, type Session, startServer } from './helpers'
import { type Owner, ownerPage, setupOwner } from './pm-helpers'

const SHOTS = '/tmp/attach-shots'
const OWNER: Owner = {
  workspace: '华东智造',
  name: '张伟',
  email: 'zhangwei@example.test',
  password: 'correct horse 1',
}
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')

interface Attachment {
  id: number
  name: string
  url: string
  entityType: string
}

let server: KeelServer
let browser: Browser
let owner: Session
let ws: number
let requirement: { id: number; key: string }
const pages: Page[] = []
const problems: string[] = []

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  // A small limit, so a file over it is quick to send.
  ;[server, browser] = await Promise.all([startServer({ KEEL_MAX_UPLOAD_MB: '1' }), launchBrowser()])
  ;({ session: owner, ws } = await setupOwner(server.url, OWNER))
  const product = await call<{ id: number }>(owner, 'POST', `/workspaces/${ws}/products`, {
    key: 'MES',
    name: '智能制造 MES',
  })
  requirement = await call(owner, 'POST', `/workspaces/${ws}/products/${product.id}/requirements`, {
    title: '3 号线扫码枪卡顿',
    description: '班组长反馈：扫码后 2 秒才有反应。',
  })
})

afterEach((context) => closePages(context, 'attachments', pages, problems))

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function open(locale: string) {
  const page = await ownerPage(browser, server.url, OWNER, locale, problems)
  pages.push(page)
  await page.goto(`${server.url}/w/${ws}/i/${requirement.key}`)
  await page.getByTestId('attachments').waitFor()
  await canDraw(page)
  return page
}

/** Waits for the page's animations (a dialog fading in) to end, so a screenshot shows where they end. */
const still = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))

/** The whole page (the viewport stretched to it, so the sticky bars stay where they belong). */
async function shot(page: Page, name: string) {
  const viewport = page.viewportSize() ?? { width: 1280, height: 800 }
  const height = await page.evaluate(() => document.documentElement.scrollHeight)
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) })
  await page.screenshot({ path: join(SHOTS, `${name}.png`) })
  await page.setViewportSize(viewport)
}

const files = () =>
  call<{ items: Attachment[] }>(owner, 'GET', `/workspaces/${ws}/requirements/${requirement.id}/attachments`)

declare global {
  interface Window {
    /** A picture drawn in the page (a canvas as PNG), so it has a size to check once loaded. */
    keelPicture: (name: string, hue: number) => Promise<File>
    keelStopDrag?: () => void
  }
}

/** Gives the page a way to draw pictures (defined from here: the page's CSP allows no eval). */
async function canDraw(page: Page) {
  await page.evaluate(() => {
    window.keelPicture = async (name, hue) => {
      const canvas = document.createElement('canvas')
      canvas.width = 480
      canvas.height = 300
      const g = canvas.getContext('2d')!
      g.fillStyle = `hsl(${hue} 45% 92%)`
      g.fillRect(0, 0, 480, 300)
      g.fillStyle = `hsl(${hue} 50% 40%)`
      g.fillRect(40, 60, 180, 120)
      g.font = '28px sans-serif'
      g.fillText(name, 40, 240)
      const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'))
      return new File([blob], name, { type: 'image/png' })
    }
  })
}

/** Pastes a screenshot into the focused textarea, as the clipboard hands it over. */
async function pasteScreenshot(page: Page, selector: string, name: string) {
  await page.evaluate(
    async ({ selector, name }) => {
      const data = new DataTransfer()
      data.items.add(await window.keelPicture(name, 210))
      document
        .querySelector(selector)!
        .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
    },
    { selector, name },
  )
}

/**
 * Drags pictures over `selector` (the overlay shows, and stays while the drag goes on, as a browser repeats
 * dragover); `drop` ends the drag with a drop there.
 */
async function dragFiles(page: Page, selector: string, names: string[], drop: boolean) {
  await page.evaluate(
    async ({ selector, names, drop }) => {
      window.keelStopDrag?.()
      const data = new DataTransfer()
      for (const [i, name] of names.entries()) data.items.add(await window.keelPicture(name, 30 + i * 120))
      const target = document.querySelector(selector)!
      const fire = (type: string) =>
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }))
      fire('dragenter')
      fire('dragover')
      if (drop) return fire('drop')
      const timer = setInterval(() => fire('dragover'), 150)
      window.keelStopDrag = () => clearInterval(timer)
    },
    { selector, names, drop },
  )
}

const loaded = (page: Page, selector: string) =>
  page.waitForFunction(
    (s) =>
      [...document.querySelectorAll<HTMLImageElement>(s)].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    selector,
  )

describe('attachments', () => {
  it('pastes a screenshot into a comment, shows it inline and in the lightbox; attaches, lists and deletes a PDF', async () => {
    const page = await open('en-US')

    // A screenshot pasted into the comment being written: a placeholder at the caret, then its markdown.
    const box = page.locator('.comment-form textarea')
    await box.click()
    await box.pressSequentially('Line 3 jams right after the scan: ')
    await pasteScreenshot(page, '.comment-form textarea', 'scanner-jam.png')
    await expect
      .poll(() => box.inputValue())
      .toMatch(
        /^Line 3 jams right after the scan: !\[scanner-jam\.png\]\(\/api\/workspaces\/\d+\/attachments\/\d+\)$/,
      )
    await page.locator('.comment-form button[type="submit"]').click()

    // The posted comment shows the picture, really loaded through the permission-checked address.
    const inline = page.locator('[data-testid="comment"] .markdown img')
    await inline.waitFor()
    await loaded(page, '[data-testid="comment"] .markdown img')
    expect(await inline.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480)
    // It went to the requirement (the comment did not exist yet), so the section lists it too.
    await page.getByTestId('attachment-image').first().waitFor()
    expect((await files()).items.map((a) => [a.name, a.entityType])).toEqual([
      ['scanner-jam.png', 'requirement'],
    ])

    // Opened in the lightbox; Esc closes it and the focus is back on the image's link.
    await inline.click()
    const lightbox = page.getByTestId('lightbox')
    await lightbox.waitFor()
    expect(await lightbox.getAttribute('role')).toBe('dialog')
    expect(await page.getByRole('dialog', { name: 'scanner-jam.png' }).count()).toBe(1)
    await loaded(page, '[data-testid="lightbox"] img')
    await still(page)
    await page.screenshot({ path: join(SHOTS, 'lightbox-en.png') })
    await page.keyboard.press('Escape')
    await lightbox.waitFor({ state: 'detached' })
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('markdown-image-link')))
      .toBe(true)

    // A PDF with the button: a row with its name, size and uploader.
    await page
      .getByTestId('attach-input')
      .setInputFiles({ name: '验收标准.pdf', mimeType: 'application/pdf', buffer: PDF })
    const row = page.getByTestId('attachment-file').filter({ hasText: '验收标准.pdf' })
    await row.waitFor()
    expect(await row.textContent()).toContain('张伟')
    expect((await files()).items.map((a) => a.name)).toContain('验收标准.pdf')

    // More pictures dropped on the page: the overlay shows while they are over it; dropped, they are attached.
    await dragFiles(page, '.item-layout', ['line-3-overview.png', 'station-12.png'], false)
    await page.getByTestId('drop-overlay').waitFor()
    await still(page)
    await page.screenshot({ path: join(SHOTS, 'drop-overlay-en.png') })
    await dragFiles(page, '.item-layout', ['line-3-overview.png', 'station-12.png'], true)
    await page.getByTestId('drop-overlay').waitFor({ state: 'detached' })
    await expect.poll(async () => (await files()).items.length).toBe(4)
    await expect.poll(() => page.getByTestId('attachment-image').count()).toBe(3)
    await loaded(page, '.attachment-thumb img')
    await shot(page, 'item-en')

    // The lightbox moves among the item's images with the arrow keys.
    await page.locator('.attachment-thumb').first().click()
    await lightbox.waitFor()
    const title = page.locator('[data-testid="lightbox"] h2')
    const first = await title.textContent()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => title.textContent()).not.toBe(first)
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => title.textContent()).toBe(first)
    await page.keyboard.press('Escape')
    await lightbox.waitFor({ state: 'detached' })

    // Deleted, after asking.
    await page.getByRole('button', { name: 'Delete 验收标准.pdf' }).click()
    const confirm = page.getByRole('alertdialog')
    await confirm.getByRole('button', { name: 'Delete' }).click()
    await row.waitFor({ state: 'detached' })
    await expect.poll(async () => (await files()).items.map((a) => a.name)).not.toContain('验收标准.pdf')

    // A file over the limit (1 MB here) says so, with the limit.
    await page.getByTestId('attach-input').setInputFiles({
      name: 'line-3-recording.bin',
      mimeType: 'application/octet-stream',
      buffer: Buffer.alloc(1536 * 1024, 7),
    })
    await expect
      .poll(() => page.locator('.upload-error').textContent())
      .toBe('“line-3-recording.bin” is over the 1 MB limit for one file.')
    // The browser logs the refused upload; nothing else went wrong.
    expect(problems.filter((p) => !/status of 413\b/.test(p))).toEqual([])
  })

  it('reads the same in Chinese', async () => {
    const page = await open('zh-CN')
    await page.getByRole('heading', { name: /附件/ }).waitFor()
    await loaded(page, '.attachment-thumb img')
    // A file attached elsewhere (here through the API) shows on the open page without a reload.
    const form = new FormData()
    form.append('file', new Blob([PDF]), '班组反馈.pdf')
    const sent = await fetch(
      `${server.url}/api/workspaces/${ws}/requirements/${requirement.id}/attachments`,
      {
        method: 'POST',
        headers: { cookie: owner.cookie, origin: server.url },
        body: form,
      },
    )
    expect(sent.status).toBe(201)
    await page.getByTestId('attachment-file').filter({ hasText: '班组反馈.pdf' }).waitFor()
    await shot(page, 'item-zh')
    await page.locator('.attachment-thumb').nth(1).click()
    await loaded(page, '[data-testid="lightbox"] img')
    expect(await page.locator('.lightbox-position').textContent()).toMatch(/^第 2 张，共 3 张$/)
    await still(page)
    await page.screenshot({ path: join(SHOTS, 'lightbox-zh.png') })
    await page.keyboard.press('Escape')
    await dragFiles(page, '.item-layout', ['现场照片.png'], false)
    await page.getByTestId('drop-overlay').waitFor()
    expect(await page.getByTestId('drop-overlay').textContent()).toContain(
      `松开即可上传到 ${requirement.key}`,
    )
    await still(page)
    await page.screenshot({ path: join(SHOTS, 'drop-overlay-zh.png') })
    expect(problems).toEqual([])
  })
})

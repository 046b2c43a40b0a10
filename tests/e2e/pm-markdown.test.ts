// The markdown sanitizer in a real Chromium (happy-dom's DOM is not faithful enough for DOMPurify): the
// web app's renderMarkdown, bundled with esbuild, runs in a blank page without a CSP, so a payload that
// survived sanitizing would run. Only attached files show as images.
import { build } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './helpers'

let browser: Browser
let page: Page

declare global {
  interface Window {
    __xss?: number
    keelMarkdown: { renderMarkdown: (source: string) => string }
  }
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: ['web/src/ui/markdown.ts'],
    bundle: true,
    format: 'iife',
    globalName: 'keelMarkdown',
    write: false,
    target: 'es2022',
  })
  browser = await launchBrowser()
  page = await browser.newPage()
  await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>')
  // As a script, so its global lands on window.
  await page.addScriptTag({ content: `${bundle.outputFiles[0]!.text}\nwindow.keelMarkdown = keelMarkdown` })
})

afterAll(async () => {
  await browser?.close()
})

const render = (source: string) => page.evaluate((s) => window.keelMarkdown.renderMarkdown(s), source)

/** Puts the sanitized HTML into the page, waits a moment, and reports whether any payload ran. */
const mount = (source: string) =>
  page.evaluate(async (s) => {
    const out = document.getElementById('out')!
    out.innerHTML = window.keelMarkdown.renderMarkdown(s)
    await new Promise((r) => setTimeout(r, 200))
    return {
      ran: window.__xss,
      handlers: out.querySelectorAll('[onerror], [onload], [onclick], script').length,
    }
  }, source)

describe('renderMarkdown in Chromium', () => {
  it('strips an <img onerror> payload and a <script>', async () => {
    const html = await render('<img src=x onerror="window.__xss=1">\n\n<script>window.__xss=2</script>\n\nok')
    expect(html).not.toMatch(/onerror|<script/i)
    // Only attached files are shown as images: the payload's image goes with it.
    expect(html).not.toContain('<img')
    expect(html).toContain('<p>ok</p>')
  })

  it('shows attached images (lazily, as a link to the file) and no other image', async () => {
    const html = await render(
      [
        '![line 3](/api/workspaces/1/attachments/5)',
        '<img src="https://evil.example/x.png">',
        '<img src="javascript:alert(1)" alt="js"> ![js](javascript:alert(1))',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '[spec.pdf](/api/workspaces/1/attachments/6)',
      ].join('\n\n'),
    )
    expect(html).toContain(
      '<a href="/api/workspaces/1/attachments/5" class="markdown-image-link" target="_blank" rel="noopener"><img src="/api/workspaces/1/attachments/5" alt="line 3" loading="lazy" decoding="async" class="markdown-image"></a>',
    )
    expect(html.match(/<img/g)).toHaveLength(1)
    expect(html).not.toMatch(/javascript:|data:image/)
    expect(html).toContain(
      '<a href="https://evil.example/x.png" target="_blank" rel="noopener noreferrer nofollow">',
    )
    expect(html).toContain('<a href="/api/workspaces/1/attachments/6" download="">spec.pdf</a>')
  })

  it('mounted in the page, nothing runs', async () => {
    expect(
      await mount(
        '<img src=x onerror="window.__xss=1"><svg onload="window.__xss=2"></svg><a href="#" onclick="window.__xss=3">a</a>\n\n<iframe src="javascript:parent.__xss=4"></iframe>',
      ),
    ).toEqual({ ran: undefined, handlers: 0 })
    await page.click('#out a')
    expect(await page.evaluate(() => window.__xss)).toBeUndefined()
  })

  it('drops javascript: links and opens others in a new tab, without an opener', async () => {
    const html = await render('[bad](javascript:alert(1)) and [good](https://example.com)')
    expect(html).not.toMatch(/javascript:/i)
    expect(html).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer nofollow">good</a>',
    )
  })

  it('keeps what markdown is for, and drops inline styles and forms', async () => {
    const html = await render(
      '**bold** and `code`\n\n- one\n- two\n\n<p style="position:fixed">x</p><form><button>go</button></form>',
    )
    expect(html).toContain('<strong>bold</strong> and <code>code</code>')
    expect(html).toContain('<li>one</li>')
    expect(html).not.toMatch(/style=|<form|<button/)
  })

  it('escapes text in Chinese and keeps line breaks', async () => {
    expect(await render('第一行\n第二行 <b>粗体</b>')).toBe('<p>第一行<br>第二行 <b>粗体</b></p>\n')
  })
})

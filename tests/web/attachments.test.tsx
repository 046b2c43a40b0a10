// Attachments on an item's page: the section lists images and files and offers delete only to those the
// server lets delete; failed uploads say why in the reader's language (too large with the limit, content
// that contradicts the name, a full disk); a screenshot pasted into a comment shows as a placeholder at the
// caret and becomes its markdown (or goes, with the reason) while typing goes on; the sanitizer shows only
// attached images; the lightbox moves with the arrow keys and closes on Escape, back to what opened it.
import { MemoryRouter, Route } from '@solidjs/router'
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import type { JSX } from 'solid-js'
import { createRoot } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES, PERMISSIONS } from '../../server/lib/permissions'
import { AttachmentsSection } from '../../web/src/features/attachments/attachments-section'
import { ItemAttachmentsProvider } from '../../web/src/features/attachments/item-attachments'
import { type Attachment, attachmentKeys } from '../../web/src/features/attachments/queries'
import { Comments } from '../../web/src/features/comments/comments'
import { itemKeys } from '../../web/src/features/items/queries'
import { sentenceOf, subjectOf } from '../../web/src/features/workspaces/home-logic'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { createI18n, I18nProvider, type Locale } from '../../web/src/i18n'
import { renderMarkdown } from '../../web/src/ui/markdown'
import { Markdown } from '../../web/src/ui/markdown-view'

const EVERYTHING = PERMISSIONS.map((p) => p.name as string)
const DEVELOPER = [...BUILT_IN_ROLES.developer.permissions] as string[]
const ME = 2

const file = (over: Partial<Attachment> & { id: number; name: string }): Attachment => ({
  entityType: 'requirement',
  entityId: 42,
  size: 12_345,
  contentType: over.name.endsWith('.png') ? 'image/png' : 'application/pdf',
  sha256: 'x'.repeat(64),
  createdAt: new Date(Date.now() - 3 * 3600_000).toISOString(),
  uploadedBy: { id: 1, name: 'Pat' },
  url: `/api/workspaces/1/attachments/${over.id}`,
  inline: over.name.endsWith('.png'),
  ...over,
})

const FILES = [
  file({ id: 11, name: 'line-3.png' }),
  file({ id: 12, name: 'station.png', uploadedBy: { id: ME, name: 'Dev' } }),
  file({ id: 13, name: 'spec.pdf', size: 2.5 * 1024 * 1024 }),
  file({ id: 14, name: 'my-notes.pdf', uploadedBy: { id: ME, name: 'Dev' } }),
]

/** XMLHttpRequest as the upload uses it, answered by the test. */
class FakeXhr {
  static sent: FakeXhr[] = []
  status = 0
  statusText = ''
  responseText = ''
  responseType = ''
  url = ''
  body: FormData | undefined
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } =
    { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  open(_method: string, url: string) {
    this.url = url
  }
  send(body: FormData) {
    this.body = body
    FakeXhr.sent.push(this)
  }
  abort() {
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true })
  }
  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    this.onload?.()
  }
}

const server = { files: [] as Attachment[] }

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
  FakeXhr.sent = []
  vi.unstubAllGlobals()
})

const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

function show(
  children: () => JSX.Element,
  options: {
    permissions?: readonly string[]
    locale?: Locale
    files?: Attachment[]
    comments?: unknown[]
  } = {},
) {
  const permissions = options.permissions ?? EVERYTHING
  vi.stubGlobal('XMLHttpRequest', FakeXhr)
  server.files = options.files ?? FILES
  // The item's list as the server has it (fetched again after an upload); nothing else.
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const items = String(input).includes('/attachments') ? server.files : []
      return new Response(JSON.stringify({ items, nextCursor: null }), { status: 200 })
    }),
  )
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  client.setQueryData(attachmentKeys.list(1, 'requirement', 42), { items: options.files ?? FILES })
  client.setQueryData(itemKeys.comments(1, 'requirement', 42), { items: options.comments ?? [] })
  const workspace = {
    id: () => 1,
    workspace: () =>
      ({ id: 1, name: 'Acme', role: { id: 1, name: 'x', builtIn: null }, permissions }) as never,
    me: () => ({ user: { id: ME, name: 'Dev', email: 'dev@x' }, workspaces: [] }) as never,
    can: (permission: string) => permissions.includes(permission),
  }
  const container = document.createElement('div')
  document.body.append(container)
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale={options.locale ?? 'en'}>
          <WorkspaceContext.Provider value={workspace}>
            <MemoryRouter>
              <Route
                path="*"
                component={() => (
                  <ItemAttachmentsProvider target="requirement" id={42} itemKey="MES-42">
                    {children()}
                  </ItemAttachmentsProvider>
                )}
              />
            </MemoryRouter>
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return container
}

const names = (container: HTMLElement, selector: string) =>
  [...container.querySelectorAll(selector)].map((el) => el.textContent?.trim())

const deletable = (container: HTMLElement) =>
  [...container.querySelectorAll('button[aria-label^="Delete "]')].map((b) => b.getAttribute('aria-label'))

/** Chooses files with the section's "Attach files" input. */
function choose(container: HTMLElement, ...files: File[]) {
  const input = container.querySelector<HTMLInputElement>('[data-testid="attach-input"]')!
  Object.defineProperty(input, 'files', { value: files, configurable: true })
  input.dispatchEvent(new Event('change', { bubbles: true }))
}

describe('the attachments section', () => {
  it('shows images as thumbnails and other files as rows with size, uploader and a download link', async () => {
    const container = show(() => <AttachmentsSection />)
    await tick()
    const images = [...container.querySelectorAll('[data-testid="attachment-image"]')]
    expect(images.map((tile) => tile.querySelector('img')?.getAttribute('src'))).toEqual([
      '/api/workspaces/1/attachments/11',
      '/api/workspaces/1/attachments/12',
    ])
    expect(names(container, '[data-testid="attachment-file"] .attachment-file-name')).toEqual([
      'spec.pdf',
      'my-notes.pdf',
    ])
    const spec = container.querySelector('[data-testid="attachment-file"]')!
    expect(spec.textContent).toContain('2.5 MB')
    expect(spec.textContent).toContain('Pat')
    expect(spec.textContent).toContain('3 hours ago')
    expect(spec.querySelector('a[download]')?.getAttribute('href')).toBe('/api/workspaces/1/attachments/13')
    expect(container.querySelector('.item-section-title .count')?.textContent).toBe('4')
  })

  it('offers delete on every file to an editor, and only on their own files to a developer', async () => {
    const pm = show(() => <AttachmentsSection />)
    await tick()
    expect(deletable(pm)).toHaveLength(4)
    dispose?.()
    document.body.innerHTML = ''

    const dev = show(() => <AttachmentsSection />, { permissions: DEVELOPER })
    await tick()
    expect(deletable(dev)).toEqual(['Delete station.png', 'Delete my-notes.pdf'])
    // A developer may comment, so may attach (a pasted screenshot is welcome).
    expect(names(dev, '.attachments-head button')).toEqual(['Attach files'])
  })

  it('shows a reader no attach button and says plainly that there are no files', async () => {
    const container = show(() => <AttachmentsSection />, {
      permissions: BUILT_IN_ROLES.stakeholder.permissions,
      files: [],
    })
    await tick()
    expect(container.querySelector('.attachments-head button')).toBeNull()
    expect(container.querySelector('.attachments-empty')?.textContent).toBe('No files are attached.')
    dispose?.()
    document.body.innerHTML = ''
    const editor = show(() => <AttachmentsSection />, { files: [] })
    await tick()
    expect(editor.querySelector('.attachments-empty')?.textContent).toMatch(
      /Drop files anywhere.*paste a screenshot/,
    )
  })

  it('shows each upload with its progress, then lists the file', async () => {
    const container = show(() => <AttachmentsSection />, { files: [] })
    await tick()
    choose(container, new File(['%PDF-1.4'], 'plan.pdf', { type: 'application/pdf' }))
    const [xhr] = FakeXhr.sent
    expect(xhr?.url).toBe('/api/workspaces/1/requirements/42/attachments')
    expect((xhr!.body!.get('file') as File).name).toBe('plan.pdf')
    xhr!.progress(40, 100)
    await tick()
    expect(container.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('40')
    server.files = [file({ id: 20, name: 'plan.pdf' })]
    xhr!.respond(201, server.files[0])
    await tick()
    expect(container.querySelector('[data-testid="upload-row"]')).toBeNull()
    expect(names(container, '.attachment-file-name')).toEqual(['plan.pdf'])
  })

  it('says why an upload failed: too large (with the limit), content that contradicts the name, a full disk', async () => {
    const container = show(() => <AttachmentsSection />, { files: [] })
    await tick()
    choose(
      container,
      new File(['x'], 'video.mp4'),
      new File(['x'], 'report.pdf'),
      new File(['x'], 'scan.png'),
      new File(['x'], 'forbidden.png'),
    )
    const [big, mismatch, full, forbidden] = FakeXhr.sent
    big!.respond(413, {
      error: {
        code: 'payload_too_large',
        message: 'The file is over 25 MB',
        details: { maxBytes: 25 * 1024 * 1024 },
      },
    })
    mismatch!.respond(400, {
      error: {
        code: 'invalid_input',
        message: 'report.pdf is not a PDF',
        details: { field: 'file', reason: 'content_mismatch', name: 'report.pdf', detected: 'image/png' },
      },
    })
    full!.respond(507, { error: { code: 'insufficient_storage', message: 'The disk is full' } })
    forbidden!.respond(403, { error: { code: 'forbidden', message: 'No' } })
    await tick()
    expect(names(container, '.upload-error')).toEqual([
      '“video.mp4” is over the 25 MB limit for one file.',
      '“report.pdf” was refused: its content (image/png) does not match its file extension. Attach the original file or give it the right extension.',
      '“scan.png” was not kept: the server’s disk is full. Ask your administrator to free some space.',
      'Your role cannot attach files to this item.',
    ])
    // Each stays until dismissed.
    container.querySelector<HTMLButtonElement>('[data-testid="upload-row"] button')!.click()
    expect(container.querySelectorAll('[data-testid="upload-row"]')).toHaveLength(3)
  })

  it('says the same in Chinese', async () => {
    const container = show(() => <AttachmentsSection />, { files: [], locale: 'zh-CN' })
    await tick()
    choose(container, new File(['x'], '视频.mp4'), new File(['x'], '报告.pdf'), new File(['x'], '扫描.png'))
    const [big, mismatch, full] = FakeXhr.sent
    big!.respond(413, {
      error: { code: 'payload_too_large', message: '', details: { maxBytes: 10 * 1024 * 1024 } },
    })
    mismatch!.respond(400, {
      error: {
        code: 'invalid_input',
        message: '',
        details: { reason: 'content_mismatch', detected: 'text/plain' },
      },
    })
    full!.respond(507, { error: { code: 'insufficient_storage', message: '' } })
    await tick()
    expect(names(container, '.upload-error')).toEqual([
      '“视频.mp4”超过了单个文件 10 MB 的上限。',
      '“报告.pdf”被拒绝：文件内容（text/plain）与扩展名不符。请上传原始文件，或改成正确的扩展名。',
      '“扫描.png”没有保存：服务器磁盘已满。请联系管理员清理空间。',
    ])
  })
})

/** A paste of files into the focused textarea, at its caret. */
function paste(textarea: HTMLTextAreaElement, ...files: File[]) {
  const data = new DataTransfer()
  for (const f of files) data.items.add(f)
  const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
  textarea.dispatchEvent(event)
  return event
}

function type(textarea: HTMLTextAreaElement, text: string) {
  textarea.value += text
  textarea.setSelectionRange(textarea.value.length, textarea.value.length)
  textarea.dispatchEvent(new InputEvent('input', { bubbles: true }))
}

describe('pasting a file into a comment', () => {
  const commentBox = (container: HTMLElement) =>
    container.querySelector<HTMLTextAreaElement>('.comment-form textarea')!
  const postButton = (container: HTMLElement) =>
    container.querySelector<HTMLButtonElement>('.comment-form button[type="submit"]')!

  it('puts a placeholder at the caret, keeps typing free, and writes the image’s markdown when it is in', async () => {
    const container = show(() => <Comments target="requirement" id={42} />, { permissions: DEVELOPER })
    await tick()
    const box = commentBox(container)
    box.focus()
    type(box, 'Line 3 jams: ')
    const event = paste(box, new File([new Uint8Array([137, 80, 78, 71])], 'jam.png', { type: 'image/png' }))
    expect(event.defaultPrevented).toBe(true)
    expect(box.value).toBe('Line 3 jams: ![Uploading jam.png…]()')
    expect(FakeXhr.sent[0]?.url).toBe('/api/workspaces/1/requirements/42/attachments')
    // Not posted while the file is on its way; typing goes on.
    expect(postButton(container).disabled).toBe(true)
    type(box, ' see above')
    FakeXhr.sent[0]!.respond(201, file({ id: 31, name: 'jam.png' }))
    await tick()
    expect(box.value).toBe('Line 3 jams: ![jam.png](/api/workspaces/1/attachments/31) see above')
    expect(postButton(container).disabled).toBe(false)
  })

  it('links a file that is not an image, and takes the placeholder out with the reason when it fails', async () => {
    const container = show(() => <Comments target="requirement" id={42} />)
    await tick()
    const box = commentBox(container)
    box.focus()
    paste(box, new File(['%PDF'], 'spec [v2].pdf', { type: 'application/pdf' }), new File(['x'], 'big.png'))
    expect(box.value).toBe('![Uploading spec \\[v2\\].pdf…]()\n![Uploading big.png…]()')
    FakeXhr.sent[1]!.respond(413, {
      error: { code: 'payload_too_large', message: 'too big', details: { maxBytes: 25 * 1024 * 1024 } },
    })
    await tick()
    expect(box.value).toBe('![Uploading spec \\[v2\\].pdf…]()\n')
    expect(container.querySelector('.editor-upload-error')?.textContent).toContain(
      '“big.png” is over the 25 MB limit for one file.',
    )
    FakeXhr.sent[0]!.respond(201, file({ id: 32, name: 'spec [v2].pdf' }))
    await tick()
    expect(box.value).toBe('[spec \\[v2\\].pdf](/api/workspaces/1/attachments/32)\n')
  })

  it('leaves a paste of text alone, even when a picture of it comes along (a spreadsheet’s cells)', async () => {
    const container = show(() => <Comments target="requirement" id={42} />)
    await tick()
    const box = commentBox(container)
    const data = new DataTransfer()
    data.setData('text/plain', 'A1\tB1')
    data.items.add(new File(['x'], 'image.png', { type: 'image/png' }))
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
    box.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
    expect(FakeXhr.sent).toHaveLength(0)
  })
})

describe('a comment’s own files', () => {
  it('show under it as thumbnails and chips, except those its text already shows', async () => {
    const comment = (id: number, body: string) => ({
      id,
      body,
      author: { id: 1, name: 'Pat' },
      authorName: null,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
      version: 1,
    })
    const onComment = (over: Partial<Attachment> & { id: number; name: string }) =>
      file({ entityType: 'comment', entityId: 7, ...over })
    const container = show(() => <Comments target="requirement" id={42} />, {
      comments: [comment(7, 'Logs attached; see ![trace](/api/workspaces/1/attachments/52)')],
      files: [
        onComment({ id: 51, name: 'panel.png' }),
        onComment({ id: 52, name: 'trace.png' }),
        onComment({ id: 53, name: 'plc.log', contentType: 'text/plain', inline: false }),
        file({ id: 54, name: 'item-level.png' }),
      ],
    })
    await tick()
    const under = container.querySelector('[data-testid="comment"] .comment-files')!
    expect([...under.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
      '/api/workspaces/1/attachments/51',
    ])
    expect(under.querySelector('.file-chip')?.textContent).toContain('plc.log')
    expect(under.querySelector('.file-chip')?.hasAttribute('download')).toBe(true)
  })
})

describe('attachments in the workspace’s recent activity', () => {
  const row = (
    action: string,
    after: Record<string, unknown> | null,
    before: Record<string, unknown> | null,
  ) => ({
    entityType: 'attachment',
    entityId: 5,
    productId: 1,
    action,
    automatic: false,
    before,
    after,
  })

  it('are about the item they hang on (through the comment, for a comment’s file) and name the file', () => {
    const onItem = row('created', { name: 'spec.pdf', target: 'task', targetId: 9 }, null)
    const onComment = row(
      'created',
      { name: 'shot.png', target: 'comment', targetId: 3, type: 'requirement', id: 4 },
      null,
    )
    const gone = row('deleted', null, { name: 'shot.png', target: 'comment', targetId: 3 })
    expect(subjectOf(onItem)).toEqual({ type: 'task', id: 9 })
    expect(subjectOf(onComment)).toEqual({ type: 'requirement', id: 4 })
    expect(subjectOf(gone)).toEqual({ type: 'none' })
    expect(sentenceOf(onItem)).toEqual({ key: 'attachments.activity.added', file: 'spec.pdf' })
    expect(sentenceOf(gone)).toEqual({ key: 'attachments.activity.removedAlone', file: 'shot.png' })

    createRoot((done) => {
      const words = (locale: Locale, key: string) =>
        createI18n(locale, false).tryT(key, { actor: '张伟', file: 'spec.pdf', subject: 'MES-9' })
      expect(words('en', 'attachments.activity.added')).toBe('张伟 attached spec.pdf to MES-9')
      expect(words('zh-CN', 'attachments.activity.added')).toBe('张伟 给 MES-9 添加了附件 spec.pdf')
      expect(words('zh-CN', 'attachments.activity.removedAlone')).toBe('张伟 删除了附件 spec.pdf')
      done()
    })
  })
})

describe('images in markdown', () => {
  it('shows attached images, lazily and as a link to the file, and drops every other image', () => {
    const html = renderMarkdown(
      [
        '![line 3](/api/workspaces/1/attachments/5)',
        '<img src="https://evil.example/x.png">',
        '![track](https://tracker.example/pixel.gif)',
        '<img src="javascript:alert(1)" alt="js">',
        '![js](javascript:alert(1))',
        '<img src="/api/workspaces/1/attachments/5/../../../users">',
        '<img src="data:image/png;base64,iVBORw0KGgo=">',
        '<img src=x onerror="window.__xss=1">',
        '[spec.pdf](/api/workspaces/1/attachments/6)',
      ].join('\n\n'),
    )
    const out = document.createElement('div')
    out.innerHTML = html
    const images = [...out.querySelectorAll('img')]
    expect(images.map((img) => img.getAttribute('src'))).toEqual(['/api/workspaces/1/attachments/5'])
    expect(images[0]!.getAttribute('loading')).toBe('lazy')
    expect(images[0]!.closest('a')?.getAttribute('href')).toBe('/api/workspaces/1/attachments/5')
    expect(html).not.toMatch(/javascript:|onerror|data:image|__xss/)
    // Another site's image is a link to it (the page loads no other origin's images).
    expect(out.querySelector('a[href="https://tracker.example/pixel.gif"]')?.textContent).toBe('track')
    // A link to an attached file downloads it.
    expect(out.querySelector('a[href="/api/workspaces/1/attachments/6"]')?.hasAttribute('download')).toBe(
      true,
    )
  })
})

describe('the lightbox', () => {
  const title = () => document.querySelector('[data-testid="lightbox"] h2')?.textContent
  const key = (k: string) =>
    document
      .querySelector('[data-testid="lightbox"]')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))

  it('opens from a thumbnail, moves with the arrow keys, closes on Escape and gives the focus back', async () => {
    const container = show(() => <AttachmentsSection />)
    await tick()
    const thumb = container.querySelector<HTMLAnchorElement>('.attachment-thumb')!
    thumb.focus()
    thumb.click()
    await tick()
    const dialog = document.querySelector('[data-testid="lightbox"]')!
    expect(dialog.getAttribute('role')).toBe('dialog')
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('line-3.png')
    expect(dialog.querySelector('img')?.getAttribute('src')).toBe('/api/workspaces/1/attachments/11')
    expect(dialog.textContent).toContain('1 of 2')
    key('ArrowRight')
    await tick()
    expect(title()).toBe('station.png')
    key('ArrowRight')
    await tick()
    expect(title()).toBe('line-3.png')
    key('ArrowLeft')
    await tick()
    expect(title()).toBe('station.png')
    expect(dialog.querySelector('a[download]')?.getAttribute('href')).toBe(
      '/api/workspaces/1/attachments/12?download',
    )
    key('Escape')
    await tick()
    expect(dialog.hasAttribute('data-closed')).toBe(true)
    // The closing animation ends (happy-dom runs none): the viewer goes and the thumbnail has the focus again.
    for (const layer of document.querySelectorAll('[data-closed]'))
      layer.dispatchEvent(Object.assign(new Event('animationend'), { animationName: '' }))
    await vi.waitFor(() => expect(document.querySelector('[data-testid="lightbox"]')).toBeNull())
    await vi.waitFor(() => expect(document.activeElement).toBe(thumb))
  })

  it('opens from an image in rendered markdown, and closes on a click beside the image', async () => {
    show(() => <Markdown source="See ![station.png](/api/workspaces/1/attachments/12)" />)
    await tick()
    document.querySelector<HTMLImageElement>('.markdown img')!.click()
    await tick()
    expect(title()).toBe('station.png')
    const dialog = document.querySelector('[data-testid="lightbox"]')!
    expect(dialog.textContent).toContain('2 of 2')
    // A click on the image keeps it open; a click beside it closes it.
    dialog.querySelector<HTMLImageElement>('img')!.click()
    await tick()
    expect(dialog.hasAttribute('data-closed')).toBe(false)
    dialog.querySelector<HTMLElement>('.lightbox-stage')!.click()
    await tick()
    expect(dialog.hasAttribute('data-closed')).toBe(true)
  })
})

// Attachments on requirements, tasks and comments: streamed to disk under their SHA-256, limited while
// streaming, typed by their content, served with the item's permission and headers that run nothing,
// deleted by their uploader or with the permission, and gone from disk once nothing names them.

import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Caller } from '../helpers/app'
import { ORIGIN } from '../helpers/app'
import { type Domain, domainApp, type Json, rows } from '../helpers/domain'

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120, 1)])
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

async function send(d: Domain, path: string, body: BodyInit | undefined, as: Caller, headers = {}) {
  const res = await d.t.app.request(`${ORIGIN}/api/workspaces/${d.ws}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...as.headers, ...headers },
    body,
  })
  const text = await res.text()
  let json: Json
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: res.status, body: json }
}

function form(name: string, bytes: Buffer | string, field = 'file') {
  const data = new FormData()
  data.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name)
  return data
}

const upload = (d: Domain, path: string, name: string, bytes: Buffer | string, as: Caller = d.owner) =>
  send(d, path, form(name, bytes), as)

async function download(d: Domain, url: string, as: Caller = d.owner, headers: Record<string, string> = {}) {
  const res = await d.t.app.request(`${ORIGIN}${url}`, {
    headers: { origin: ORIGIN, ...as.headers, ...headers },
  })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** Every file kept on disk (the content-addressed ones and any temporary one). */
function filesOnDisk(d: Domain): string[] {
  if (!existsSync(d.t.filesDir)) return []
  return readdirSync(d.t.filesDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(d.t.filesDir.length + 1))
    .sort()
}

async function team(options: Parameters<typeof domainApp>[0] = {}) {
  const d = await domainApp(options)
  const p = await d.product('MES')
  const r = await d.requirement(p.id, { title: '设备报工' })
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev@example.com')
  const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'pm@example.com')
  return { d, p, r, dev, pm }
}

describe('uploading and downloading', () => {
  it('keeps a file under its SHA-256, lists it, and serves it with headers that run nothing', async () => {
    const { d, r } = await team()
    const res = await upload(d, `/requirements/${r.id}/attachments`, '现场照片.png', PNG)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      entityType: 'requirement',
      entityId: r.id,
      name: '现场照片.png',
      size: PNG.length,
      contentType: 'image/png',
      sha256: sha(PNG),
      inline: true,
      url: `/api/workspaces/${d.ws}/attachments/${res.body.id}`,
    })
    expect(filesOnDisk(d)).toEqual([`${sha(PNG).slice(0, 2)}/${sha(PNG)}`])

    const list = await d.api('GET', `/requirements/${r.id}/attachments`)
    expect(list.body.items.map((a: Json) => a.id)).toEqual([res.body.id])
    expect(list.body.items[0].uploadedBy.name).toBeTruthy()

    const file = await download(d, res.body.url)
    expect(file.status).toBe(200)
    expect(file.bytes.equals(PNG)).toBe(true)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(file.headers.get('content-security-policy')).toMatch(/default-src 'none'.*sandbox/)
    expect(file.headers.get('content-disposition')).toMatch(/^inline; .*filename\*=UTF-8''%E7%8E%B0/)
    expect((await download(d, `${res.body.url}?download`)).headers.get('content-disposition')).toMatch(
      /^attachment; /,
    )
    // The browser asks again each time and gets 304 for what it holds.
    const again = await download(d, res.body.url, d.owner, { 'if-none-match': `"${sha(PNG)}"` })
    expect(again.status).toBe(304)
  })

  it('offers everything but raster images as a download, SVG and HTML included', async () => {
    const { d, r } = await team()
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    const html = '<!doctype html><html><body><script>alert(1)</script></body></html>'
    for (const [name, bytes, type] of [
      ['spec.pdf', PDF, 'application/pdf'],
      ['diagram.svg', svg, 'image/svg+xml'],
      ['page.html', html, 'text/html'],
      ['notes.txt', '纯文本 notes\n', 'text/plain'],
      [
        'drawing.dwg',
        Buffer.from([0x41, 0x43, 0x31, 0x30, 0, 0, 0, 0, 0, 0xff, 0xfe, 3]),
        'application/octet-stream',
      ],
    ] as const) {
      const res = await upload(d, `/requirements/${r.id}/attachments`, name, bytes)
      expect([name, res.status, res.body.contentType, res.body.inline]).toEqual([name, 201, type, false])
      const file = await download(d, res.body.url)
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; /)
      expect(file.headers.get('content-security-policy')).toContain('sandbox')
    }
  })

  it('keeps one file for the same content uploaded twice', async () => {
    const { d, r, p } = await team()
    const task = await d.task({ productId: p.id, kind: 'feature', title: 'Back end', requirementId: r.id })
    expect((await upload(d, `/requirements/${r.id}/attachments`, 'a.png', PNG)).status).toBe(201)
    expect((await upload(d, `/tasks/${task.id}/attachments`, 'b.png', PNG)).status).toBe(201)
    expect(filesOnDisk(d)).toHaveLength(1)
    expect(await rows(d.t, 'attachments')).toHaveLength(2)
  })

  it('takes the file from the attachment’s own part and cleans its name', async () => {
    const { d, r } = await team()
    const res = await upload(d, `/requirements/${r.id}/attachments`, '../../etc/\u202epasswd.png', PNG)
    expect(res.status).toBe(201)
    expect(res.body.name).toBe('passwd.png')
  })
})

describe('bad uploads', () => {
  it('refuses a file over the limit while it streams, keeping nothing', async () => {
    const { d, r } = await team({ files: { maxBytes: 64 * 1024 } })
    const big = Buffer.alloc(200 * 1024, 7)
    const res = await upload(d, `/requirements/${r.id}/attachments`, 'big.bin', big)
    expect(res.status).toBe(413)
    expect(res.body.error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: 64 * 1024 } })
    expect(filesOnDisk(d)).toEqual([])
    expect(await rows(d.t, 'attachments')).toEqual([])
    // A declared length far past the limit is refused before a byte is read.
    const declared = await send(d, `/requirements/${r.id}/attachments`, 'x', d.owner, {
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': String(10 * 1024 * 1024),
    })
    expect(declared.status).toBe(413)
    expect(declared.body.error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: 64 * 1024 } })
    // Just under the limit is fine.
    expect(
      (await upload(d, `/requirements/${r.id}/attachments`, 'ok.bin', Buffer.alloc(60 * 1024, 7))).status,
    ).toBe(201)
  })

  it('refuses a file whose content is not what its name says', async () => {
    const { d, r } = await team()
    for (const [name, bytes, detected] of [
      ['report.pdf', PNG, 'image/png'],
      ['notes.txt', ELF, 'application/x-elf'],
      ['photo.png', 'just some text', 'text/plain'],
      ['sheet.xlsx', PDF, 'application/pdf'],
    ] as const) {
      const res = await upload(d, `/requirements/${r.id}/attachments`, name, bytes)
      expect([name, res.status]).toEqual([name, 400])
      expect(res.body.error).toMatchObject({
        code: 'invalid_input',
        details: { field: 'file', reason: 'content_mismatch', name, detected },
      })
      expect(res.body.error.message).toContain(name)
    }
    expect(filesOnDisk(d)).toEqual([])
    expect(await rows(d.t, 'attachments')).toEqual([])
  })

  it('answers malformed uploads with 400 in the one error shape', async () => {
    const { d, r } = await team()
    const path = `/requirements/${r.id}/attachments`
    const json = await d.api('POST', path, { file: 'not a file' })
    expect([json.status, json.body.error.code]).toEqual([400, 'invalid_input'])
    const noFile = await send(d, path, form('x.png', PNG, 'other'), d.owner)
    expect([noFile.status, noFile.body.error.code]).toEqual([400, 'invalid_input'])
    const cut = await send(
      d,
      path,
      '--x\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\n\r\n',
      d.owner,
      {
        'content-type': 'multipart/form-data; boundary=x',
      },
    )
    expect([cut.status, cut.body.error.code]).toEqual([400, 'invalid_input'])
    const noBoundary = await send(d, path, 'abc', d.owner, { 'content-type': 'multipart/form-data' })
    expect([noBoundary.status, noBoundary.body.error.code]).toEqual([400, 'invalid_input'])
    expect(filesOnDisk(d)).toEqual([])
    expect(await rows(d.t, 'attachments')).toEqual([])
  })

  it('answers a full disk with 507 and a read-only one with 503, keeping nothing half-written', async () => {
    // A real small filesystem (this machine runs the tests as root): 256 KB of tmpfs.
    const dir = mkdtempSync(join(tmpdir(), 'keel-full-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir])
    try {
      const { d, r } = await team({ files: { dir } })
      const path = `/requirements/${r.id}/attachments`
      const full = await upload(d, path, 'big.bin', Buffer.alloc(1024 * 1024, 7))
      expect(full.status).toBe(507)
      expect(full.body.error).toMatchObject({ code: 'insufficient_storage' })
      expect(full.body.error.message).toMatch(/disk is full/)
      expect(filesOnDisk(d)).toEqual([])
      expect(await rows(d.t, 'attachments')).toEqual([])
      // Room again for a small file.
      expect((await upload(d, path, 'small.png', PNG)).status).toBe(201)

      execFileSync('mount', ['-o', 'remount,ro', dir])
      const readOnly = await upload(d, path, 'spec.pdf', PDF)
      expect([readOnly.status, readOnly.body.error.code]).toEqual([503, 'unavailable'])
      expect(await rows(d.t, 'attachments')).toHaveLength(1)
    } finally {
      execFileSync('umount', [dir])
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('answers 404 for an item that does not exist or is in another workspace', async () => {
    const { d } = await team()
    expect((await upload(d, '/requirements/999999/attachments', 'a.png', PNG)).status).toBe(404)
    expect((await d.api('GET', '/attachments/999999')).status).toBe(404)
    expect(filesOnDisk(d)).toEqual([])
  })
})

describe('permissions', () => {
  it('lets whoever may edit or comment attach; the uploader or an editor delete', async () => {
    const { d, r, dev, pm } = await team()
    const stakeholder = await d.t.addMember(d.owner, d.ws, 'stakeholder', 'boss@example.com')
    const path = `/requirements/${r.id}/attachments`
    // A developer cannot edit the requirement but may comment on it: a pasted screenshot is welcome.
    const mine = await upload(d, path, 'screen.png', PNG, dev.caller)
    expect(mine.status).toBe(201)
    // A stakeholder reads (and downloads) but attaches nothing.
    const refused = await upload(d, path, 'x.png', PNG, stakeholder.caller)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden'])
    expect((await download(d, mine.body.url, stakeholder.caller)).status).toBe(200)
    expect(
      (await d.api('DELETE', `/attachments/${mine.body.id}`, undefined, stakeholder.caller)).status,
    ).toBe(403)

    // Another developer may not delete the first one's file; the PM (requirement.update) may.
    const other = await d.t.addMember(d.owner, d.ws, 'developer', 'dev2@example.com')
    expect((await d.api('DELETE', `/attachments/${mine.body.id}`, undefined, other.caller)).status).toBe(403)
    expect((await d.api('DELETE', `/attachments/${mine.body.id}`, undefined, pm.caller)).status).toBe(204)
    expect((await download(d, mine.body.url)).status).toBe(404)

    // The uploader deletes their own.
    const again = await upload(d, path, 'screen.png', PNG, dev.caller)
    expect((await d.api('DELETE', `/attachments/${again.body.id}`, undefined, dev.caller)).status).toBe(204)

    // Comments: only their author attaches; comment.moderate deletes.
    const comment = await d.ok(
      'POST',
      `/requirements/${r.id}/comments`,
      { body: 'see file' },
      201,
      dev.caller,
    )
    const onComment = await upload(d, `/comments/${comment.id}/attachments`, 'log.txt', 'trace', dev.caller)
    expect(onComment.status).toBe(201)
    expect((await upload(d, `/comments/${comment.id}/attachments`, 'x.txt', 'x', pm.caller)).status).toBe(403)
    const listed = await d.api('GET', `/requirements/${r.id}/attachments`)
    expect(listed.body.items.map((a: Json) => [a.entityType, a.entityId])).toEqual([['comment', comment.id]])
    expect((await d.api('DELETE', `/attachments/${onComment.body.id}`, undefined, other.caller)).status).toBe(
      403,
    )
    expect((await d.api('DELETE', `/attachments/${onComment.body.id}`, undefined, pm.caller)).status).toBe(
      204,
    )
  })

  it('hides files from members narrowed away from the product and from other workspaces', async () => {
    const { d, r } = await team()
    const srm = await d.product('SRM')
    const narrowed = await d.t.addMember(d.owner, d.ws, 'pm', 'narrow@example.com', [srm.id])
    const file = await upload(d, `/requirements/${r.id}/attachments`, 'a.png', PNG)
    expect((await download(d, file.body.url, narrowed.caller)).status).toBe(404)
    expect((await d.api('GET', `/requirements/${r.id}/attachments`, undefined, narrowed.caller)).status).toBe(
      404,
    )
    expect((await upload(d, `/requirements/${r.id}/attachments`, 'b.png', PNG, narrowed.caller)).status).toBe(
      404,
    )
    expect((await d.api('DELETE', `/attachments/${file.body.id}`, undefined, narrowed.caller)).status).toBe(
      404,
    )

    // Another workspace: the same id answers 404 through its path, as one that does not exist, and its
    // members cannot reach the first workspace's file at all.
    const ws2 = await d.t.request('POST', '/api/workspaces', { name: 'Other company' }, d.owner)
    expect(ws2.status).toBe(201)
    expect((await download(d, `/api/workspaces/${ws2.body.id}/attachments/${file.body.id}`)).status).toBe(404)
    const stranger = await d.t.addMember(d.owner, ws2.body.id, 'owner', 'stranger@example.com')
    expect((await download(d, file.body.url, stranger.caller)).status).toBe(404)
  })

  it('checks the permission again after the upload arrives: an item deleted meanwhile is 404', async () => {
    const { d, r } = await team()
    // The upload's checks run before and after its bytes; a requirement that is gone has none to take.
    await d.ok('DELETE', `/requirements/${r.id}`, undefined, 204)
    expect((await upload(d, `/requirements/${r.id}/attachments`, 'a.png', PNG)).status).toBe(404)
    expect(await rows(d.t, 'attachments')).toEqual([])
  })
})

describe('files leave the disk when nothing names them', () => {
  it('deleting a requirement removes its, its tasks’ and their comments’ files, and keeps shared ones', async () => {
    const { d, r, p } = await team()
    const other = await d.requirement(p.id, { title: 'Other' })
    const task = await d.task({ productId: p.id, kind: 'feature', title: 'Back end', requirementId: r.id })
    const comment = await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'log' }, 201)
    await upload(d, `/requirements/${r.id}/attachments`, 'spec.pdf', PDF)
    await upload(d, `/tasks/${task.id}/attachments`, 'trace.txt', 'stack trace')
    await upload(d, `/comments/${comment.id}/attachments`, 'shot.png', PNG)
    // The same picture also hangs on another requirement: its file stays.
    await upload(d, `/requirements/${other.id}/attachments`, 'shot.png', PNG)
    expect(filesOnDisk(d)).toHaveLength(3)

    await d.ok('DELETE', `/requirements/${r.id}`, undefined, 204)
    await d.t.settled()
    expect((await rows(d.t, 'attachments')).map((a) => a.name)).toEqual(['shot.png'])
    expect(filesOnDisk(d)).toEqual([`${sha(PNG).slice(0, 2)}/${sha(PNG)}`])
  })

  it('deleting the last attachment of a content removes its file; history keeps the name', async () => {
    const { d, r } = await team()
    const file = await upload(d, `/requirements/${r.id}/attachments`, 'spec.pdf', PDF)
    expect((await d.api('DELETE', `/attachments/${file.body.id}`)).status).toBe(204)
    await d.t.settled()
    expect(filesOnDisk(d)).toEqual([])
    const history = (await rows(d.t, 'activity')).filter((a) => a.entity_type === 'attachment')
    expect(history.map((a) => a.action)).toEqual(['created', 'deleted'])
    // The requirement's own history shows both, and so does it for a file on one of its comments.
    const comment = await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'see' }, 201)
    await upload(d, `/comments/${comment.id}/attachments`, 'log.txt', 'trace')
    const itemHistory = await d.ok('GET', `/activity?entityType=requirement&entityId=${r.id}`)
    const shown = itemHistory.items
      .filter((a: Json) => a.entityType === 'attachment')
      .map((a: Json) => [a.action, (a.after ?? a.before).name])
    expect(shown).toEqual([
      ['created', 'log.txt'],
      ['deleted', 'spec.pdf'],
      ['created', 'spec.pdf'],
    ])
  })
})

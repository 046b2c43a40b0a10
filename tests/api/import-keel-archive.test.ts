// The workspace archive (export format=archive: workspace.json and files/<sha256>) and its import: files on
// a requirement, a task and a comment come back on the new items, byte for byte; a JSON export skips them
// with a warning each; an altered archive is refused with nothing written, rows or files; a preview, and an
// import that fails, keep no file.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import { ZipFile } from 'yazl'
import { WorkspaceExport } from '../../server/features/exports/workspace-json'
import { type Caller, makeApp, ORIGIN, type TestApp } from '../helpers/app'
import { type Domain, domainApp, type Json } from '../helpers/domain'
import { rowCounts } from '../helpers/imports'

const NOW = '2026-11-26T08:00:00.000Z'
/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n')
const LOG = Buffer.from('2026-11-20 12:00:01 ERROR 设备 7 掉线\n')
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/** A workspace with files on a requirement, a task (the same PNG again) and a comment. */
async function source() {
  const d = await domainApp({ start: NOW })
  const p = await d.product('MES')
  const r = await d.requirement(p.id, { title: '设备报工' })
  const task = await d.task({ productId: p.id, kind: 'feature', title: 'Back end', requirementId: r.id })
  const comment = await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'see the log' }, 201)
  const files = [
    await attach(d, `/requirements/${r.id}/attachments`, '现场照片.png', PNG),
    await attach(d, `/tasks/${task.id}/attachments`, 'spec.pdf', PDF),
    await attach(d, `/tasks/${task.id}/attachments`, 'same photo.png', PNG),
    await attach(d, `/comments/${comment.id}/attachments`, 'device.log', LOG),
  ]
  return { d, p, r, task, comment, files }
}

async function attach(d: Domain, path: string, name: string, bytes: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(bytes)]), name)
  const res = await d.t.app.request(`${ORIGIN}/api/workspaces/${d.ws}${path}`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...d.owner.headers },
    body: form,
  })
  expect(res.status).toBe(201)
  return (await res.json()) as Json
}

async function exported(t: TestApp, caller: Caller, ws: number, format: 'json' | 'archive') {
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/exports?format=${format}`, {
    headers: caller.headers,
  })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** The entries of a zip, in order, with their contents. */
async function unzip(bytes: Buffer): Promise<[string, Buffer][]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true })
  const out: [string, Buffer][] = []
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = []
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer)
    out.push([entry.fileName, Buffer.concat(chunks)])
  }
  return out
}

/** A zip of these entries, in this order. */
async function zip(entries: [string, Buffer | string][]): Promise<Buffer> {
  const file = new ZipFile()
  for (const [name, content] of entries) file.addBuffer(Buffer.from(content), name)
  file.end()
  const chunks: Buffer[] = []
  for await (const chunk of file.outputStream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

async function importFile(
  t: TestApp,
  caller: Caller,
  ws: number,
  bytes: Buffer,
  options: { dryRun?: boolean; name?: string } = {},
) {
  const form = new FormData()
  form.set('file', new File([new Uint8Array(bytes)], options.name ?? 'keel-Acme-2026-11-26.zip'))
  form.set('dryRun', String(options.dryRun ?? false))
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...caller.headers },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as Json }
}

/** Every file under the app's files folder, temporary ones included. */
function filesOnDisk(t: TestApp): string[] {
  if (!existsSync(t.filesDir)) return []
  return readdirSync(t.filesDir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(t.filesDir.length + 1))
    .sort()
}

/** Rows of every table an import writes, attachments included. */
async function counts(t: TestApp) {
  const all = await rowCounts(t)
  for (const table of ['products', 'attachments', 'customers', 'roles'])
    all[table] = (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n
  return all
}

/** An empty workspace in a fresh app (its own database and files folder). */
async function emptyTarget() {
  const t = makeApp({ start: NOW })
  const { owner, ws } = await t.setup()
  return { t, owner, ws }
}

async function download(t: TestApp, caller: Caller, url: string) {
  const res = await t.app.request(`${ORIGIN}${url}`, { headers: { origin: ORIGIN, ...caller.headers } })
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

describe('the workspace archive', () => {
  it('holds workspace.json, the same document as the JSON export, and each distinct file once', async () => {
    const { d, files } = await source()
    const json = await exported(d.t, d.owner, d.ws, 'json')
    const doc = WorkspaceExport.parse(JSON.parse(json.bytes.toString('utf8')))
    expect(doc.attachments).toHaveLength(4)
    expect(doc.attachments.map((a) => a.sha256)).toEqual(files.map((f) => f.sha256))
    expect(doc.attachments[3]).toMatchObject({ entityType: 'comment', name: 'device.log', size: LOG.length })

    const archive = await exported(d.t, d.owner, d.ws, 'archive')
    expect(archive.status).toBe(200)
    expect(archive.headers.get('content-type')).toBe('application/zip')
    expect(archive.headers.get('content-disposition')).toContain('filename="keel-Acme-2026-11-26.zip"')
    const entries = await unzip(archive.bytes)
    expect(entries.map(([name]) => name)).toEqual([
      'workspace.json',
      ...[sha(PNG), sha(PDF), sha(LOG)].sort().map((s) => `files/${s}`),
    ])
    expect(entries[0]![1].equals(json.bytes)).toBe(true)
    for (const [name, bytes] of entries.slice(1)) expect(sha(bytes)).toBe(name.slice('files/'.length))
  })

  it('leaves out a file missing from the disk; the import skips its attachments with a warning', async () => {
    const { d } = await source()
    const { rmSync } = await import('node:fs')
    rmSync(join(d.t.filesDir, sha(PDF).slice(0, 2), sha(PDF)))
    const archive = await exported(d.t, d.owner, d.ws, 'archive')
    expect(archive.status).toBe(200)
    expect((await unzip(archive.bytes)).map(([name]) => name)).not.toContain(`files/${sha(PDF)}`)

    const { t, owner, ws } = await emptyTarget()
    const res = await importFile(t, owner, ws, archive.bytes)
    expect(res.status).toBe(200)
    expect(res.body.counts.attachments).toBe(3)
    expect(res.body.warnings.filter((w: Json) => w.column === 'attachments')).toEqual([
      expect.objectContaining({
        code: 'keelAttachmentNotInArchive',
        params: { name: 'spec.pdf', item: 'MES-2' },
      }),
    ])
  })

  it('is refused to a member narrowed to some products, like the JSON export', async () => {
    const { d, p } = await source()
    const { caller } = await d.memberWithPermissions(['export', 'product.view'], 'narrow@example.com', [p.id])
    expect((await exported(d.t, caller, d.ws, 'archive')).status).toBe(403)
  })
})

describe('importing a workspace archive', () => {
  it('brings the files back onto the new requirement, task and comment, byte for byte; a preview keeps none', async () => {
    const { d, files } = await source()
    const archive = (await exported(d.t, d.owner, d.ws, 'archive')).bytes
    const { t, owner, ws } = await emptyTarget()
    // The new ids differ from the old ones: something else was made first.
    const ops = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'OPS', name: 'Ops' }, owner)
    for (const title of ['One', 'Two'])
      await t.request('POST', `/api/workspaces/${ws}/products/${ops.body.id}/requirements`, { title }, owner)

    const before = await counts(t)
    const preview = await importFile(t, owner, ws, archive, { dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.body.format).toBe('keel-json')
    expect(preview.body.counts.attachments).toBe(4)
    expect(preview.body.byKind.attachment).toEqual({ created: 4, updated: 0, unchanged: 0 })
    expect(preview.body.warnings).toEqual([])
    expect(await counts(t)).toEqual(before)
    expect(filesOnDisk(t)).toEqual([])

    const applied = await importFile(t, owner, ws, archive)
    expect(applied.status).toBe(200)
    expect(applied.body.counts).toEqual(preview.body.counts)
    expect(filesOnDisk(t)).toEqual([sha(PNG), sha(PDF), sha(LOG)].sort().map((s) => `${s.slice(0, 2)}/${s}`))

    const item = async (key: string) =>
      (await t.request('GET', `/api/workspaces/${ws}/items/${key}`, undefined, owner)).body
    const requirement = await item('MES-1')
    const task = await item('MES-2')
    expect(requirement.id).not.toBe(files[0].entityId)
    const comments = (
      await t.request(
        'GET',
        `/api/workspaces/${ws}/requirements/${requirement.id}/comments`,
        undefined,
        owner,
      )
    ).body.items
    const list = async (type: string, id: number) =>
      (await t.request('GET', `/api/workspaces/${ws}/${type}/${id}/attachments`, undefined, owner)).body.items
    const onRequirement = await list('requirements', requirement.id)
    const onTask = await list('tasks', task.id)
    // A requirement lists its own files and those of its comments.
    expect(onRequirement.map((a: Json) => [a.entityType, a.entityId, a.name]).sort()).toEqual(
      [
        ['comment', comments[0].id, 'device.log'],
        ['requirement', requirement.id, '现场照片.png'],
      ].sort(),
    )
    expect(onTask.map((a: Json) => [a.entityType, a.entityId, a.name]).sort()).toEqual(
      [
        ['task', task.id, 'same photo.png'],
        ['task', task.id, 'spec.pdf'],
      ].sort(),
    )
    const bytes: Record<string, Buffer> = {
      '现场照片.png': PNG,
      'same photo.png': PNG,
      'spec.pdf': PDF,
      'device.log': LOG,
    }
    for (const a of [...onRequirement, ...onTask]) {
      expect((await download(t, owner, a.url)).equals(bytes[a.name]!), a.name).toBe(true)
      const original = files.find((f) => f.name === a.name)
      expect(a).toMatchObject({
        size: original.size,
        contentType: original.contentType,
        sha256: original.sha256,
        createdAt: original.createdAt,
        uploadedBy: null,
      })
    }
    // The files' history comes too, pointing at the new records.
    const history = await t.sql<{ entity_id: number; after: string }>(
      "select entity_id, after from activity where entity_type = 'attachment' order by id",
    )
    expect(history).toHaveLength(4)
    const onComment = history.find((h) => JSON.parse(h.after).target === 'comment')!
    expect(JSON.parse(onComment.after)).toMatchObject({
      targetId: comments[0].id,
      type: 'requirement',
      id: requirement.id,
    })
    expect(onRequirement.map((a: Json) => a.id)).toContain(onComment.entity_id)

    // The same archive again: recognised, nothing created, no file left over.
    const settled = await counts(t)
    const again = await importFile(t, owner, ws, archive)
    expect(again.status).toBe(200)
    expect(again.body.byKind.attachment).toEqual({ created: 0, updated: 0, unchanged: 4 })
    expect((await counts(t)).attachments).toBe(settled.attachments)
    expect(filesOnDisk(t)).toHaveLength(3)
  }, 30_000)

  it('points the texts’ pasted images and file links at the new attachments', async () => {
    const { d, r, comment, files } = await source()
    const photo = `/api/workspaces/${d.ws}/attachments/${files[0].id}`
    const log = `/api/workspaces/${d.ws}/attachments/${files[3].id}`
    await d.ok('PATCH', `/requirements/${r.id}`, { description: `Line 3:\n\n![现场照片](${photo})` })
    await d.ok('PATCH', `/comments/${comment.id}`, { body: `see [device.log](${log}) and ${photo}` })
    const archive = (await exported(d.t, d.owner, d.ws, 'archive')).bytes
    const { t, owner, ws } = await emptyTarget()
    // Something attached first, so the imported attachments get other ids than they had.
    const ops = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'OPS', name: 'Ops' }, owner)
    const one = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${ops.body.id}/requirements`,
      { title: 'One' },
      owner,
    )
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(LOG)]), 'first.log')
    const first = await t.app.request(
      `${ORIGIN}/api/workspaces/${ws}/requirements/${one.body.id}/attachments`,
      {
        method: 'POST',
        headers: { origin: ORIGIN, ...owner.headers },
        body: form,
      },
    )
    expect(first.status).toBe(201)
    expect((await importFile(t, owner, ws, archive)).status).toBe(200)

    const found = (await t.request('GET', `/api/workspaces/${ws}/items/MES-1`, undefined, owner)).body
    const requirement = (
      await t.request('GET', `/api/workspaces/${ws}/requirements/${found.id}`, undefined, owner)
    ).body
    const attached = (
      await t.request(
        'GET',
        `/api/workspaces/${ws}/requirements/${requirement.id}/attachments`,
        undefined,
        owner,
      )
    ).body.items
    const url = (name: string) => attached.find((a: Json) => a.name === name).url
    expect(url('现场照片.png')).not.toBe(photo)
    expect(requirement.description).toBe(`Line 3:\n\n![现场照片](${url('现场照片.png')})`)
    const [said] = (
      await t.request(
        'GET',
        `/api/workspaces/${ws}/requirements/${requirement.id}/comments`,
        undefined,
        owner,
      )
    ).body.items
    expect(said.body).toBe(`see [device.log](${url('device.log')}) and ${url('现场照片.png')}`)
    expect((await download(t, owner, url('现场照片.png'))).equals(PNG)).toBe(true)
  })

  it('skips the attachments of a JSON export with a warning each, and keeps no file', async () => {
    const { d } = await source()
    const json = (await exported(d.t, d.owner, d.ws, 'json')).bytes
    const { t, owner, ws } = await emptyTarget()
    const res = await importFile(t, owner, ws, json, { name: 'keel-Acme.json' })
    expect(res.status).toBe(200)
    expect(res.body.counts.attachments).toBe(0)
    expect(res.body.counts.skipped).toBeGreaterThanOrEqual(4)
    const warnings = res.body.warnings.filter((w: Json) => w.code === 'keelAttachmentNoFile')
    expect(warnings.map((w: Json) => [w.row, w.params.name, w.params.item])).toEqual([
      [1, '现场照片.png', 'MES-1'],
      [2, 'spec.pdf', 'MES-2'],
      [3, 'same photo.png', 'MES-2'],
      [4, 'device.log', 'MES-1'],
    ])
    expect(warnings[0].message).toMatch(/JSON export carries no files/)
    expect((await counts(t)).attachments).toBe(0)
    expect(await t.sql("select id from activity where entity_type = 'attachment'")).toHaveLength(4)
    expect(filesOnDisk(t)).toEqual([])
    // The items themselves came.
    expect((await t.request('GET', `/api/workspaces/${ws}/items/MES-2`, undefined, owner)).status).toBe(200)

    // An export made before attachments existed has no such section: it imports as before.
    const older = JSON.parse(json.toString('utf8'))
    delete older.attachments
    older.activity = older.activity.filter((a: Json) => a.entityType !== 'attachment')
    const fresh = await emptyTarget()
    const res2 = await importFile(fresh.t, fresh.owner, fresh.ws, Buffer.from(JSON.stringify(older)), {
      name: 'old.json',
    })
    expect(res2.status).toBe(200)
    expect(res2.body.warnings).toEqual([])
    expect(res2.body.byKind.attachment).toEqual({ created: 0, updated: 0, unchanged: 0 })
  })

  it('skips a file whose content is not what its name says, never believing the archive’s type', async () => {
    const { d } = await source()
    const entries = await unzip((await exported(d.t, d.owner, d.ws, 'archive')).bytes)
    const doc = JSON.parse(entries[0]![1].toString('utf8'))
    // The PDF renamed to a picture, and its type claimed to be one: the content says otherwise.
    Object.assign(doc.attachments[1], { name: 'photo.png', contentType: 'image/png' })
    const { t, owner, ws } = await emptyTarget()
    const res = await importFile(
      t,
      owner,
      ws,
      await zip([['workspace.json', JSON.stringify(doc)], ...entries.slice(1)]),
    )
    expect(res.status).toBe(200)
    expect(res.body.counts.attachments).toBe(3)
    expect(res.body.warnings.filter((w: Json) => w.column === 'attachments')).toEqual([
      expect.objectContaining({
        row: 2,
        code: 'keelAttachmentRefused',
        params: { name: 'photo.png', item: 'MES-2' },
      }),
    ])
    // Only the files something names are kept.
    expect(filesOnDisk(t)).toEqual([sha(PNG), sha(LOG)].sort().map((s) => `${s.slice(0, 2)}/${s}`))
    expect(
      (await t.sql<{ content_type: string }>('select content_type from attachments'))
        .map((r) => r.content_type)
        .sort(),
    ).toEqual(['image/png', 'image/png', 'text/plain'])
  })

  it('refuses an altered archive with a 400 naming the entry, and writes nothing, rows or files', async () => {
    const { d } = await source()
    const entries = await unzip((await exported(d.t, d.owner, d.ws, 'archive')).bytes)
    const { t, owner, ws } = await emptyTarget()
    const before = await counts(t)
    const pngEntry = `files/${sha(PNG)}`
    // The altered file last, so that the good ones before it were already received when it is found.
    const others = entries.filter(([name]) => name !== pngEntry)
    const altered = [...others, [pngEntry, Buffer.concat([PNG, Buffer.from('!')])]] as [string, Buffer][]
    // yazl refuses to write a climbing name: one of the same length, changed in the bytes.
    const climbing = await zip([...entries, ['files/aa/aa/x', 'x']])
    const climbingBytes = Buffer.from(
      climbing.toString('latin1').replaceAll('files/aa/aa/x', 'files/../../x'),
      'latin1',
    )
    const cases: [string, Buffer, RegExp][] = [
      [
        'content not matching its name',
        await zip(altered),
        new RegExp(`${pngEntry} does not hold the content`),
      ],
      [
        'a name that is no SHA-256',
        await zip([...entries, ['files/notes.txt', 'x']]),
        /files\/notes\.txt, which is not named by a SHA-256/,
      ],
      ['a name climbing out', climbingBytes, /invalid relative path: files\/\.\.\/\.\.\/x/],
      [
        'workspace.json twice',
        await zip([...entries, ['workspace.json', entries[0]![1]]]),
        /workspace\.json twice/,
      ],
    ]
    for (const [what, bytes, message] of cases) {
      for (const dryRun of [true, false]) {
        const res = await importFile(t, owner, ws, bytes, { dryRun })
        expect(res.status, what).toBe(400)
        expect(res.body.error.code, what).toBe('invalid_input')
        expect(res.body.error.message, what).toMatch(message)
      }
    }
    expect(await counts(t)).toEqual(before)
    expect(filesOnDisk(t)).toEqual([])

    // A zip without workspace.json named as a Keel workspace is not one.
    const form = new FormData()
    form.set('file', new File([new Uint8Array(await zip([['files/x', 'x']]))], 'keel.zip'))
    form.set('format', 'keel-json')
    const other = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
      method: 'POST',
      headers: { origin: ORIGIN, ...owner.headers },
      body: form,
    })
    expect(other.status).toBe(400)
    expect(((await other.json()) as Json).error.message).toMatch(/not a Keel workspace archive/)
  }, 30_000)

  it('keeps no file when the write fails after the files were put in place', async () => {
    const { d } = await source()
    const archive = (await exported(d.t, d.owner, d.ws, 'archive')).bytes
    const { t, owner, ws } = await emptyTarget()
    // The product key is taken: found inside the write, once the files are in place.
    await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'Mine' }, owner)
    const before = await counts(t)
    const res = await importFile(t, owner, ws, archive)
    expect(res.status).toBe(409)
    expect(await counts(t)).toEqual(before)
    expect(filesOnDisk(t)).toEqual([])
  })
})

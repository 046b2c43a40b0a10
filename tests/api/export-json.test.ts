// The whole-workspace JSON export (format keel-workspace v1): everything of the demo workspace is in it,
// it validates against the published schema, it holds no secrets, and 10,000 tasks export quickly.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../../db/store'
import { createApp } from '../../server/app'
import { WorkspaceExport } from '../../server/features/exports/workspace-json'
import { generate } from '../bench/generate'
import { makeApp } from '../helpers/app'
import { count, rows, withWorkspace } from '../helpers/domain'

describe('the workspace JSON export', () => {
  it('holds every record of the demo workspace, and never a secret', async () => {
    const t = makeApp({ start: '2026-11-26T08:00:00.000Z' })
    const setup = await t.request('POST', '/api/setup', {
      workspaceName: '演示 Demo',
      name: 'Pat PM',
      email: 'pat@example.com',
      password: 'long enough pw',
      demo: true,
    })
    const owner = t.sessionOf(setup.headers)
    const ws: number = setup.body.workspace.id
    const d = withWorkspace(t, owner, ws, setup.body.user.id)
    // Things whose secrets must stay home.
    const token = (await t.request('POST', '/api/tokens', { name: 'ci' }, owner)).body.token as string
    const products = (await d.ok('GET', '/products')).items
    const link = await d.ok('POST', '/share-links', { productId: products[0].id }, 201)
    await d.ok(
      'POST',
      '/webhooks',
      {
        url: 'https://93.184.215.14/hook?access_token=robot-token-123',
        events: ['*'],
        secret: 'hook-secret-xyz',
      },
      201,
    )
    await d.ok(
      'POST',
      '/members',
      { email: 'new@example.com', name: 'Newcomer', roleId: (await d.ok('GET', '/roles'))[0].id },
      201,
    )
    // A former member, still the author of history.
    const { userId: leaverId } = await t.addMember(owner, ws, 'developer', 'leaver@example.com')
    const [leaver] = await t.sql<{ id: number }>('select id from members where user_id = ?', [leaverId])
    await t.sql(
      "insert into comments (workspace_id, product_id, entity_type, entity_id, author_id, body, created_at, updated_at) select ?, product_id, 'requirement', id, ?, '再见', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z' from requirements where workspace_id = ? limit 1",
      [ws, leaverId, ws],
    )
    await d.ok('DELETE', `/members/${leaver!.id}`, undefined, 204)

    const started = performance.now()
    const res = await t.app.request(`http://localhost/api/workspaces/${ws}/exports?format=json`, {
      headers: owner.headers,
    })
    const text = await res.text()
    const ms = performance.now() - started
    console.log(`demo workspace JSON export: ${ms.toFixed(0)} ms, ${(text.length / 1024).toFixed(0)} KiB`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="keel-__ Demo-2026-11-26.json"; filename*=UTF-8''keel-%E6%BC%94%E7%A4%BA%20Demo-2026-11-26.json`,
    )
    const doc = WorkspaceExport.parse(JSON.parse(text))
    expect(doc).toMatchObject({
      format: 'keel-workspace',
      version: 1,
      exportedAt: '2026-11-26T08:00:00.000Z',
      workspace: { id: ws, name: '演示 Demo' },
    })

    // Every row of the workspace, section by section.
    const inWs = (table: string) => count(t, table, 'workspace_id = ?', ws)
    expect(doc.products).toHaveLength(await inWs('products'))
    expect(doc.modules).toHaveLength(await inWs('modules'))
    expect(doc.customers).toHaveLength(await inWs('customers'))
    expect(doc.releases).toHaveLength(await inWs('releases'))
    expect(doc.iterations).toHaveLength(await inWs('iterations'))
    expect(doc.requirements).toHaveLength(await inWs('requirements'))
    expect(doc.asks).toHaveLength(await inWs('customer_asks'))
    expect(doc.tasks).toHaveLength(await inWs('tasks'))
    expect(doc.comments).toHaveLength(await inWs('comments'))
    expect(doc.attachments).toHaveLength(await inWs('attachments'))
    expect(doc.activity).toHaveLength(await inWs('activity'))
    expect(doc.roles).toHaveLength(await inWs('roles'))
    expect(doc.requirements.length).toBeGreaterThan(20)
    expect(doc.tasks.length).toBeGreaterThan(50)
    expect(doc.activity.length).toBeGreaterThan(200)

    // Fields that are easy to lose: WIP limits, acceptance criteria, ranks, keys, authors.
    expect(doc.iterations.every((i) => i.wipLimits.doing === 6 && i.wipLimits.review === 4)).toBe(true)
    const withCriteria = doc.requirements.find((r) => r.acceptanceCriteria.length > 0)!
    const stored = (await rows(t, 'requirements')).find((r) => r.id === withCriteria.id)!
    expect(withCriteria.acceptanceCriteria).toEqual(JSON.parse(stored.acceptance_criteria as string))
    expect(withCriteria.rank).toBe(stored.rank)
    expect(withCriteria.key).toMatch(/^(MES|SRM)-\d+$/)
    const mesRanks = doc.requirements.filter((r) => r.productId === products[0].id).map((r) => r.rank)
    expect(mesRanks).toEqual([...mesRanks].sort())
    const blocked = doc.tasks.find((x) => x.status === 'blocked')!
    expect(blocked.blockedReason).toBeTruthy()
    expect(doc.comments.every((c) => typeof c.authorName === 'string' && c.authorName.length > 0)).toBe(true)
    expect(doc.activity.every((a) => a.actorId === null || typeof a.actorName === 'string')).toBe(true)
    for (const m of doc.modules) {
      if (m.parentId !== null) {
        expect(doc.modules.findIndex((x) => x.id === m.parentId)).toBeLessThan(doc.modules.indexOf(m))
      }
    }
    // People by name and email; the former member is there as an author, not a member.
    expect(doc.users.find((u) => u.email === 'pat@example.com')).toMatchObject({
      name: 'Pat PM',
      member: true,
    })
    expect(doc.users.find((u) => u.id === leaverId)).toMatchObject({ member: false, roleId: null })
    for (const u of doc.users)
      expect(Object.keys(u).sort()).toEqual(['email', 'id', 'member', 'name', 'productIds', 'roleId'])
    const referencedUsers = new Set([
      ...doc.tasks.flatMap((x) => [x.assigneeId, x.createdBy]),
      ...doc.activity.map((a) => a.actorId),
      ...doc.comments.map((c) => c.authorId),
    ])
    referencedUsers.delete(null)
    for (const id of referencedUsers)
      expect(
        doc.users.some((u) => u.id === id),
        `user ${id}`,
      ).toBe(true)

    // No secrets of any kind.
    const hashes = [
      ...(await t.sql<{ h: string }>('select password_hash as h from users')),
      ...(await t.sql<{ h: string }>('select token_hash as h from sessions')),
      ...(await t.sql<{ h: string }>('select token_hash as h from api_tokens')),
      ...(await t.sql<{ h: string }>('select token_hash as h from share_links')),
      ...(await t.sql<{ h: string }>('select token_hash as h from invites')),
    ].map((r) => r.h)
    expect(hashes.length).toBeGreaterThan(5)
    for (const secret of [...hashes, token, link.token, 'hook-secret-xyz', 'robot-token-123', 'scrypt$']) {
      expect(text).not.toContain(secret)
    }
    expect(text).not.toMatch(/password|tokenHash|token_hash|"secret"/i)
  })

  it('a member narrowed to some products cannot export the whole workspace', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product('MES')
    const { caller } = await d.memberWithPermissions(['export', 'product.view'], 'narrow@example.com', [p.id])
    expect((await d.api('GET', '/exports?format=json', undefined, caller)).status).toBe(403)
    expect((await d.api('GET', `/exports?format=csv&productId=${p.id}`, undefined, caller)).status).toBe(200)
  })

  it('exports a workspace of 10,000 tasks in a second or two', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-export-'))
    try {
      const generated = await generate(join(dir, 'bench.db'), 'S')
      const store = openStore({ path: generated.dbPath })
      const app = createApp({ store })
      const started = performance.now()
      const res = await app.request(
        `http://localhost/api/workspaces/${generated.workspaceId}/exports?format=json`,
        { headers: { authorization: `Bearer ${generated.token}` } },
      )
      const text = await res.text()
      const ms = performance.now() - started
      console.log(
        `10,000-task workspace JSON export: ${ms.toFixed(0)} ms, ${(text.length / 1024 / 1024).toFixed(1)} MiB`,
      )
      expect(res.status).toBe(200)
      const doc = JSON.parse(text)
      expect(doc.tasks).toHaveLength(10_000)
      const csvStarted = performance.now()
      const csv = await app.request(
        `http://localhost/api/workspaces/${generated.workspaceId}/exports?format=csv&productId=${generated.products[0]!.id}`,
        { headers: { authorization: `Bearer ${generated.token}` } },
      )
      expect(csv.status).toBe(200)
      await csv.text()
      console.log(`10,000-task product CSV export: ${(performance.now() - csvStarted).toFixed(0)} ms`)
      const xlsxStarted = performance.now()
      const xlsx = await app.request(
        `http://localhost/api/workspaces/${generated.workspaceId}/exports?format=xlsx&productId=${generated.products[0]!.id}`,
        { headers: { authorization: `Bearer ${generated.token}` } },
      )
      expect(xlsx.status).toBe(200)
      await xlsx.arrayBuffer()
      console.log(`10,000-task product XLSX export: ${(performance.now() - xlsxStarted).toFixed(0)} ms`)
      // Generous for a shared 2-core machine; the measured figure is printed above.
      expect(ms).toBeLessThan(8000)
      await store.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})

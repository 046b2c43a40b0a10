// Imported items keep the key they had: the preview lists every row it will write, the applied answer maps
// each old key to the new one, the item shows where it came from, its history says it was imported from
// which file, and the old key finds it again (search, the key jump) for those who may see it.
import { describe, expect, test } from 'vitest'
import { makeApp } from '../helpers/app'
import { ownFixture, upload, workspaceWithProduct } from '../helpers/imports'

type Row = {
  row: number
  sourceKey: string
  type: string
  title: string
  action: string
  key: string | null
  status: string
}

describe('imported keys', () => {
  test('the preview lists each row it will write; the applied answer gives each one its new key', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const preview = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), {
      productId,
      dryRun: true,
      fileName: 'shop.csv',
    })
    expect(preview.status).toBe(200)
    const rows = preview.body.rows as Row[]
    expect(rows.length).toBe(
      preview.body.counts.requirements + preview.body.counts.tasks + preview.body.counts.bugs,
    )
    expect(rows.find((r) => r.sourceKey === 'SHOP-2')).toEqual({
      row: expect.any(Number),
      sourceKey: 'SHOP-2',
      type: 'requirement',
      title: 'Pay with a saved card',
      status: expect.any(String),
      action: 'create',
      key: null,
    })
    expect(rows.every((r) => r.action === 'create' && r.key === null)).toBe(true)

    const applied = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), {
      productId,
      fileName: 'shop.csv',
    })
    const written = applied.body.rows as Row[]
    expect(written.map((r) => r.sourceKey)).toEqual(rows.map((r) => r.sourceKey))
    expect(written.map((r) => r.status)).toEqual(rows.map((r) => r.status))
    const keys = written.map((r) => r.key)
    expect(keys.every((k) => k !== null && /^WEB-\d+$/.test(k))).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
    // Each new key names the item with that title.
    for (const r of written) {
      const item = await t.request('GET', `/api/workspaces/${ws}/items/${r.key}`, undefined, owner)
      expect(item.body.title).toBe(r.title)
      expect(item.body.type).toBe(r.type === 'requirement' ? 'requirement' : 'task')
    }

    // Importing again: every row updates the item it made, under the same key.
    const again = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), {
      productId,
      fileName: 'shop.csv',
    })
    expect((again.body.rows as Row[]).map((r) => [r.action, r.key])).toEqual(
      written.map((r) => ['update', r.key]),
    )
  })

  test('the item shows its old key, its history says it was imported from the file, and the old key finds it', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const applied = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), {
      productId,
      fileName: 'shop-export.csv',
    })
    const shop2 = (applied.body.rows as Row[]).find((r) => r.sourceKey === 'SHOP-2')!
    const resolved = await t.request('GET', `/api/workspaces/${ws}/items/${shop2.key}`, undefined, owner)
    const detail = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${resolved.body.id}`,
      undefined,
      owner,
    )
    expect(detail.body.importedFrom).toEqual({ source: 'jira', key: 'SHOP-2' })

    const history = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?entityType=requirement&entityId=${resolved.body.id}`,
      undefined,
      owner,
    )
    const imported = history.body.items.filter((a: { action: string }) => a.action === 'imported')
    expect(imported).toEqual([
      expect.objectContaining({
        after: { source: 'jira', key: 'SHOP-2', file: 'shop-export.csv' },
        createdAt: '2026-11-02T09:00:00.000Z',
      }),
    ])

    const task = (applied.body.rows as Row[]).find((r) => r.type !== 'requirement')!
    const taskItem = await t.request('GET', `/api/workspaces/${ws}/items/${task.key}`, undefined, owner)
    const taskDetail = await t.request(
      'GET',
      `/api/workspaces/${ws}/tasks/${taskItem.body.id}`,
      undefined,
      owner,
    )
    expect(taskDetail.body.importedFrom).toEqual({ source: 'jira', key: task.sourceKey })

    // A requirement made in Keel has no origin.
    const own = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${productId}/requirements`,
      { title: 'Made here' },
      owner,
    )
    const ownDetail = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${own.body.id}`,
      undefined,
      owner,
    )
    expect(ownDetail.body.importedFrom).toBeNull()

    // Search finds the item by its old key, as typed or in lower case, first and marked with the key.
    for (const q of ['SHOP-2', 'shop-2']) {
      const found = await t.request('GET', `/api/workspaces/${ws}/search?q=${q}`, undefined, owner)
      expect(found.body.items[0]).toMatchObject({
        kind: 'requirement',
        id: resolved.body.id,
        key: shop2.key,
        importedKey: 'SHOP-2',
      })
    }
    // The key jump resolves an old key no product of Keel's has.
    const jump = await t.request('GET', `/api/workspaces/${ws}/items/SHOP-2`, undefined, owner)
    expect(jump.body).toEqual({
      type: 'requirement',
      id: resolved.body.id,
      productId,
      key: shop2.key,
      title: 'Pay with a saved card',
      importedKey: 'SHOP-2',
    })
  })

  test('the key jump finds an old key of any shape: #12 from GitHub', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const applied = await upload(t, owner, ws, ownFixture('github-issues.json'), {
      productId,
      fileName: 'issues.json',
    })
    expect(applied.status).toBe(200)
    const row = (applied.body.rows as Row[]).find((r) => r.sourceKey === '#12')!
    const jump = await t.request(
      'GET',
      `/api/workspaces/${ws}/items/${encodeURIComponent('#12')}`,
      undefined,
      owner,
    )
    expect(jump.status).toBe(200)
    expect(jump.body).toMatchObject({ key: row.key, title: 'Dark mode for the board', importedKey: '#12' })
    // A key no item had is still not found.
    const none = await t.request(
      'GET',
      `/api/workspaces/${ws}/items/${encodeURIComponent('#999')}`,
      undefined,
      owner,
    )
    expect(none.status).toBe(404)
  })

  test("an old key finds nothing for those who may not see the item's product", async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    const other = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'OPS', name: 'Ops' },
      owner,
    )
    const { caller: outsider } = await t.addMember(owner, ws, 'developer', 'dev@example.com', [other.body.id])
    const found = await t.request('GET', `/api/workspaces/${ws}/search?q=SHOP-2`, undefined, outsider)
    expect(found.body.items).toEqual([])
    const jump = await t.request('GET', `/api/workspaces/${ws}/items/SHOP-2`, undefined, outsider)
    expect(jump.status).toBe(404)
    // The same person with the product in reach finds it.
    const { caller: insider } = await t.addMember(owner, ws, 'developer', 'dev2@example.com', [productId])
    const seen = await t.request('GET', `/api/workspaces/${ws}/search?q=SHOP-2`, undefined, insider)
    expect(seen.body.items[0]).toMatchObject({ importedKey: 'SHOP-2' })
  })
})

// Preview then apply: a dry run writes nothing, an apply writes everything at once, and importing the
// same file again updates by source key instead of adding duplicates. Bad files are refused whole.
import { describe, expect, test } from 'vitest'
import { makeApp } from '../helpers/app'
import { ownFixture, rowCounts, sharedFixture, upload, workspaceWithProduct } from '../helpers/imports'

describe('preview and apply', () => {
  test('a dry run answers the counts, the mapping and the warnings, and writes nothing', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const before = await rowCounts(t)
    const res = await upload(t, owner, ws, ownFixture('jira-server.csv'), { productId, dryRun: true })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      dryRun: true,
      runId: null,
      counts: { created: 11, updated: 0, requirements: 2 },
    })
    expect(res.body.warnings.length).toBeGreaterThan(0)
    expect(await rowCounts(t)).toEqual(before)
  })

  test('importing the same files again creates nothing and updates by key; rows stay the same', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    for (const file of ['zentao/stories.csv', 'zentao/tasks.csv']) {
      expect((await upload(t, owner, ws, sharedFixture(file), { productId })).status).toBe(200)
    }
    const first = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    expect(first.body.counts.created).toBe(12)
    const after = await rowCounts(t)
    const numbered = () =>
      t.sql(
        "select 'requirement' as kind, id, number from requirements union all select 'task' as kind, id, number from tasks order by kind, id",
      )
    const numbers = await numbered()

    const again = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    expect(again.status).toBe(200)
    expect(again.body.counts).toMatchObject({ created: 0, updated: 12 })
    expect(again.body.byKind.requirement).toEqual({ created: 0, updated: 2, unchanged: 2 })
    const zentao = await upload(t, owner, ws, sharedFixture('zentao/stories.gbk.csv'), { productId })
    expect(zentao.body.counts).toMatchObject({ created: 0, updated: 15 })
    const counts = await rowCounts(t)
    expect({ ...counts, import_runs: 0, activity: 0 }).toEqual({ ...after, import_runs: 0, activity: 0 })
    expect(counts.import_runs).toBe((after.import_runs ?? 0) + 2)
    expect(await numbered()).toEqual(numbers)
  })

  test('a changed file updates the changed fields, bumps versions and records who changed what', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    const changed = ownFixture('jira-cloud.csv')
      .toString('utf8')
      .replace('Pay with a saved card,SHOP-2', 'Pay with a stored card,SHOP-2')
      .replace(
        'Upgrade the payment SDK,SHOP-5,10005,,Task,Triage',
        'Upgrade the payment SDK,SHOP-5,10005,,Task,Done',
      )
    const res = await upload(t, owner, ws, changed, { productId })
    expect(res.body.counts).toMatchObject({ created: 0 })
    const [story] = await t.sql("select title, version from requirements where title like 'Pay with%'")
    expect(story).toEqual({ title: 'Pay with a stored card', version: 2 })
    const [task] = await t.sql(
      "select status, version, done_at from tasks where title = 'Upgrade the payment SDK'",
    )
    expect(task).toMatchObject({ status: 'done', version: 2 })
    const activity = await t.sql(
      "select action, before, after from activity where entity_type = 'requirement' and action = 'updated'",
    )
    expect(activity).toEqual([
      {
        action: 'updated',
        before: '{"title":"Pay with a saved card"}',
        after: '{"title":"Pay with a stored card"}',
      },
    ])
  })

  test('imported items get product numbers after the existing ones and show in the backlog in file order', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${productId}/requirements`,
      { title: 'Made by hand' },
      owner,
    )
    await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    const backlog = await t.request(
      'GET',
      `/api/workspaces/${ws}/products/${productId}/requirements`,
      undefined,
      owner,
    )
    expect(backlog.body.items.map((r: { key: string; title: string }) => `${r.key} ${r.title}`)).toEqual([
      'WEB-1 Made by hand',
      'WEB-2 Checkout revamp',
      'WEB-3 Pay with a saved card',
    ])
    const search = await t.request(
      'GET',
      `/api/workspaces/${ws}/search?q=${encodeURIComponent('saved card')}`,
      undefined,
      owner,
    )
    expect(JSON.stringify(search.body)).toContain('Pay with a saved card')
    const created = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${productId}/requirements`,
      { title: 'After import' },
      owner,
    )
    expect(created.body.key).toBe('WEB-8')
  })

  test('imported comments show their original author', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    await upload(t, owner, ws, ownFixture('jira-server.csv'), { productId })
    const id = (await t.sql<{ id: number }>("select id from requirements where title like 'Andon%'"))[0]!.id
    const comments = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${id}/comments`,
      undefined,
      owner,
    )
    expect(comments.status).toBe(200)
    expect(comments.body.items?.[0]?.body ?? comments.body[0]?.body).toBe('安灯屏需要显示停线原因')
  })
})

describe('who may import', () => {
  test('a stakeholder gets 403 and nothing is written', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const { caller } = await t.addMember(owner, ws, 'stakeholder')
    const before = await rowCounts(t)
    const res = await upload(t, caller, ws, sharedFixture('zentao/stories.csv'), { productId })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    expect(await rowCounts(t)).toEqual(before)
  })

  test('a PM may import; someone outside the workspace gets 404; a product of another workspace is 404', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const { caller: pm } = await t.addMember(owner, ws, 'pm')
    expect(
      (await upload(t, pm, ws, sharedFixture('zentao/stories.csv'), { productId, dryRun: true })).status,
    ).toBe(200)
    const other = await t.request('POST', '/api/workspaces', { name: 'Other' }, owner)
    expect(
      (await upload(t, owner, other.body.id, sharedFixture('zentao/stories.csv'), { productId })).status,
    ).toBe(404)
  })
})

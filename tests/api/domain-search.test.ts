// Search over requirements, tasks and customers — Chinese included (FTS5 trigram, LIKE under 3
// characters) — and item keys such as MES-1.
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp, type Json } from '../helpers/domain'

interface Hit {
  kind: string
  id: number
  productId: number | null
  key: string | null
  title: string
  status: string | null
}

async function search(d: Domain, q: string, as = d.owner): Promise<Hit[]> {
  const res = await d.api('GET', `/search?q=${encodeURIComponent(q)}`, undefined, as)
  expect(res.status, `search ${q}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body.items
}

const titles = (hits: Hit[]) => hits.map((h) => h.title).sort()

async function seeded() {
  const d = await domainApp()
  const p = await d.product('MES')
  const paiChan = await d.requirement(p.id, {
    title: '排产计划优化',
    role: '计划员',
    scenario: '每周排产会议',
  })
  const dianJian = await d.requirement(p.id, { title: '移动端设备点检' })
  const barcode = await d.requirement(p.id, {
    title: 'Barcode scanning for inbound goods',
    description: 'Warehouse staff scan pallets at the dock',
  })
  const task = await d.task({
    productId: p.id,
    kind: 'chore',
    title: '压测排程接口',
    incidentRef: 'INC-2041 苏州工厂',
  })
  const customer = await d.customer({ name: '华东精密机械', industry: '汽车零部件', contact: '王工' })
  return { d, p, paiChan, dianJian, barcode, task, customer }
}

describe('search', () => {
  it('finds "排产" in "排产计划优化" (two characters: the LIKE fallback)', async () => {
    const { d, p, paiChan } = await seeded()
    const hits = await search(d, '排产')
    expect(hits).toContainEqual({
      kind: 'requirement',
      id: paiChan.id,
      productId: p.id,
      key: 'MES-1',
      title: '排产计划优化',
      status: 'draft',
    })
    expect(titles(hits)).not.toContain('移动端设备点检')
  })

  it('finds "设备点检" in "移动端设备点检" (full-text, trigram) and one- and two-character fragments', async () => {
    const { d, dianJian } = await seeded()
    for (const q of ['设备点检', '端设备', '点检', '检']) {
      const hits = await search(d, q)
      expect(
        hits.map((h) => h.id),
        q,
      ).toContain(dianJian.id)
      expect(titles(hits), q).not.toContain('排产计划优化')
    }
  })

  it('finds English words regardless of case, and words in the description, role and scenario', async () => {
    const { d, barcode, paiChan } = await seeded()
    for (const q of ['barcode', 'BARCODE', 'inbound goods', 'pallets', 'scan']) {
      expect(
        (await search(d, q)).map((h) => h.id),
        q,
      ).toEqual([barcode.id])
    }
    expect((await search(d, '计划员')).map((h) => h.id)).toEqual([paiChan.id])
    expect((await search(d, '排产会议')).map((h) => h.id)).toEqual([paiChan.id])
  })

  it('finds tasks (with key and status) and customers (by name, industry, contact)', async () => {
    const { d, task, customer } = await seeded()
    expect(await search(d, '排程接口')).toEqual([
      {
        kind: 'task',
        id: task.id,
        productId: task.productId,
        key: `MES-${task.number}`,
        title: '压测排程接口',
        status: 'todo',
      },
    ])
    expect((await search(d, 'INC-2041')).map((h) => h.id)).toEqual([task.id])
    const byName = await search(d, '精密机械')
    expect(byName).toEqual([
      { kind: 'customer', id: customer.id, productId: null, key: null, title: '华东精密机械', status: null },
    ])
    expect((await search(d, '汽车零部件')).map((h) => h.kind)).toEqual(['customer'])
    expect((await search(d, '王工')).map((h) => h.kind)).toEqual(['customer'])
  })

  it('does not show customers to someone without customer.view, nor tasks without task.view', async () => {
    const { d, paiChan } = await seeded()
    const noCustomers = await d.memberWithPermissions(
      ['product.view', 'requirement.view', 'task.view'],
      'no-customers@example.com',
    )
    expect(await search(d, '精密机械', noCustomers.caller)).toEqual([])
    expect((await search(d, '排产', noCustomers.caller)).map((h) => h.id)).toEqual([paiChan.id])
    expect((await search(d, '排程接口', noCustomers.caller)).map((h) => h.kind)).toEqual(['task'])

    const requirementsOnly = await d.memberWithPermissions(
      ['product.view', 'requirement.view'],
      'reqs-only@example.com',
    )
    expect(await search(d, '排程接口', requirementsOnly.caller)).toEqual([])
    expect((await search(d, '设备点检', requirementsOnly.caller)).map((h) => h.kind)).toEqual(['requirement'])

    // The built-in stakeholder role may see customers and does.
    const stakeholder = await d.t.addMember(d.owner, d.ws, 'stakeholder')
    expect((await search(d, '精密机械', stakeholder.caller)).map((h) => h.kind)).toEqual(['customer'])
  })

  it('follows title changes and deletions', async () => {
    const { d, paiChan, task, customer } = await seeded()
    await d.ok('PATCH', `/requirements/${paiChan.id}`, { title: '生产调度看板' })
    expect((await search(d, '排产计划')).map((h) => h.id)).not.toContain(paiChan.id)
    expect((await search(d, '调度看板')).map((h) => h.id)).toEqual([paiChan.id])
    expect((await search(d, '调度')).map((h) => h.id)).toEqual([paiChan.id])

    await d.ok('PATCH', `/tasks/${task.id}`, { title: 'Load test the scheduling API' })
    expect(await search(d, '排程接口')).toEqual([])
    expect((await search(d, 'scheduling')).map((h) => h.id)).toEqual([task.id])

    await d.ok('PATCH', `/customers/${customer.id}`, { name: '西南重工' })
    expect(await search(d, '精密机械')).toEqual([])
    expect((await search(d, '西南重工')).map((h) => h.id)).toEqual([customer.id])

    await d.ok('DELETE', `/requirements/${paiChan.id}`, undefined, 204)
    await d.ok('DELETE', `/tasks/${task.id}`, undefined, 204)
    await d.ok('DELETE', `/customers/${customer.id}`, undefined, 204)
    for (const q of ['调度看板', '调度', 'scheduling', '西南重工', '西南'])
      expect(await search(d, q), q).toEqual([])
  })

  // Issue 14: "OEE 导出" found nothing (it was one phrase); several words now match together.
  it('matches several words together, long and short, each anywhere in the title or body', async () => {
    const { d, p } = await seeded()
    const both = await d.requirement(p.id, { title: 'OEE 报表导出', description: '按班次' })
    await d.requirement(p.id, { title: '设备 OEE 统计' })
    await d.requirement(p.id, { title: '报工数据导出 Excel' })
    expect((await search(d, 'OEE 导出')).map((h) => h.id)).toEqual([both.id])
    expect((await search(d, '导出  oee')).map((h) => h.id)).toEqual([both.id])
    expect((await search(d, 'OEE 班次')).map((h) => h.id)).toEqual([both.id])
    expect((await search(d, '报表 班')).map((h) => h.id)).toEqual([both.id])
    expect(await search(d, 'OEE 排产')).toEqual([])
  })

  it('matches quotes, %, _ and SQL-looking text literally, never a 500', async () => {
    const x = await seeded()
    const { d, p } = x
    const percent = await d.requirement(p.id, { title: 'Yield up 50% on line 3' })
    const underscore = await d.requirement(p.id, { title: 'rename field plan_id' })
    const quoted = await d.requirement(p.id, { title: 'Label says "fragile" and it\'s heavy' })
    const sqlish = await d.requirement(p.id, { title: "Import fails on '; drop table requirements; --" })

    expect((await search(d, '%')).map((h) => h.id)).toEqual([percent.id])
    expect((await search(d, '50%')).map((h) => h.id)).toEqual([percent.id])
    expect((await search(d, '_')).map((h) => h.id)).toEqual([underscore.id])
    expect((await search(d, 'n_i')).map((h) => h.id)).toEqual([underscore.id])
    expect((await search(d, '"fragile"')).map((h) => h.id)).toEqual([quoted.id])
    expect((await search(d, "it's")).map((h) => h.id)).toEqual([quoted.id])
    expect((await search(d, '"')).map((h) => h.id)).toEqual([quoted.id])
    expect((await search(d, "'; drop table requirements; --")).map((h) => h.id)).toEqual([sqlish.id])
    // Full-text operators and escapes are text too: they match only where that text is written.
    for (const [q, expected] of [
      // OR is a word like any other: the barcode item has "goods", "pallets" and "or" (in "for").
      ['goods OR pallets', [x.barcode.id]],
      ['goods OR trucks', []],
      ['scan*', []],
      ['NEAR(a b)', []],
      ['title:Barcode', []],
      ['\\', []],
      [')(', []],
      ['--', [sqlish.id]],
      ["'", [quoted.id, sqlish.id]],
    ] as const) {
      expect(
        (await search(d, q)).map((h) => h.id).sort((a, b) => a - b),
        q,
      ).toEqual(expected)
    }
    // Nothing was dropped.
    expect((await d.ok('GET', `/products/${p.id}/requirements`)).items.length).toBe(7)
  })

  it('refuses an empty or over-long query (400)', async () => {
    const d = await domainApp()
    expect((await d.api('GET', '/search?q=')).status).toBe(400)
    expect((await d.api('GET', '/search?q=%20%20')).status).toBe(400)
    expect((await d.api('GET', `/search?q=${'x'.repeat(201)}`)).status).toBe(400)
  })
})

describe('item keys', () => {
  it('resolves MES-1 to its requirement and a task key to its task; unknown keys answer 404', async () => {
    const { d, p, paiChan, task } = await seeded()
    const got: Json = await d.ok('GET', '/items/MES-1')
    // With the title, so a key jump says what it opens.
    expect(got).toEqual({
      type: 'requirement',
      id: paiChan.id,
      productId: p.id,
      key: 'MES-1',
      title: '排产计划优化',
    })
    expect(await d.ok('GET', `/items/MES-${task.number}`)).toEqual({
      type: 'task',
      id: task.id,
      productId: p.id,
      key: `MES-${task.number}`,
      title: '压测排程接口',
    })
    for (const key of ['MES-999', 'NOPE-1', 'MES', 'MES-', '1-MES', 'MES-1-2']) {
      const res = await d.api('GET', `/items/${key}`)
      expect(res.status, key).toBe(404)
      expect(res.body.error.code, key).toBe('not_found')
    }
    // A deleted item's key no longer resolves.
    await d.ok('DELETE', `/requirements/${paiChan.id}`, undefined, 204)
    expect((await d.api('GET', '/items/MES-1')).status).toBe(404)
  })
})

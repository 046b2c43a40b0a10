// Isolation: ids of one workspace are invisible through another workspace's path (404, the same answer
// as an id that does not exist, nothing changed); a member narrowed to product A never sees product B.
import { describe, expect, it } from 'vitest'
import type { Caller } from '../helpers/app'
import { type Domain, domainApp, type Res, snapshot, withWorkspace } from '../helpers/domain'

const MISSING = 999_999

/** Workspace 1 with one of everything: product, module, customer, requirements with an ask and a comment, iteration, task, release. */
async function firstWorkspace(d: Domain) {
  const product = await d.product('MES')
  const module = await d.module(product.id, { name: '排产' })
  const customer = await d.customer({ name: '华东精密机械', tier: 'key', contractValue: 500_000 })
  const iteration = await d.iteration(product.id)
  const release = await d.release(product.id)
  const req = await d.requirement(product.id, {
    title: '排产计划优化 secret roadmap item',
    moduleId: module.id,
    status: 'approved',
    estimate: 3,
  })
  const req2 = await d.requirement(product.id, { title: 'Second secret item' })
  const ask = await d.ok('POST', `/requirements/${req.id}/asks`, { customerId: customer.id }, 201)
  await d.ok('POST', `/requirements/${req.id}/comments`, { body: 'internal note' }, 201)
  const task = await d.task({
    productId: product.id,
    kind: 'feature',
    requirementId: req.id,
    iterationId: iteration.id,
    title: '排产接口 secret task',
  })
  await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'task note' }, 201)
  return { product, module, customer, iteration, release, req, req2, ask, task }
}

type Ids = Awaited<ReturnType<typeof firstWorkspace>>
type Flat = Record<
  'product' | 'module' | 'customer' | 'iteration' | 'release' | 'req' | 'task' | 'ask',
  number
>

/** Every route of the product domain that takes an id in its path, with a valid body. */
function pathCalls(x: Flat): [string, string, unknown?][] {
  return [
    ['GET', `/products/${x.product}`],
    ['PATCH', `/products/${x.product}`, { name: 'hacked' }],
    ['DELETE', `/products/${x.product}`],
    ['GET', `/products/${x.product}/modules`],
    ['POST', `/products/${x.product}/modules`, { name: 'hacked' }],
    ['GET', `/products/${x.product}/requirements`],
    ['POST', `/products/${x.product}/requirements`, { title: 'hacked' }],
    ['POST', `/products/${x.product}/requirements/sort-by-score`, { dryRun: false }],
    ['GET', `/products/${x.product}/iterations`],
    [
      'POST',
      `/products/${x.product}/iterations`,
      { name: 'hacked', startDate: '2026-12-01', endDate: '2026-12-10', capacity: 5 },
    ],
    ['POST', `/products/${x.product}/plan`, { dryRun: false }],
    ['GET', `/products/${x.product}/releases`],
    ['POST', `/products/${x.product}/releases`, { name: 'hacked', targetDate: '2026-12-31' }],
    ['PATCH', `/modules/${x.module}`, { name: 'hacked' }],
    ['DELETE', `/modules/${x.module}`],
    ['GET', `/customers/${x.customer}`],
    ['PATCH', `/customers/${x.customer}`, { name: 'hacked', tier: 'strategic' }],
    ['DELETE', `/customers/${x.customer}`],
    ['GET', `/requirements/${x.req}`],
    ['PATCH', `/requirements/${x.req}`, { title: 'hacked' }],
    ['DELETE', `/requirements/${x.req}`],
    ['POST', `/requirements/${x.req}/transition`, { to: 'planned' }],
    ['POST', `/requirements/${x.req}/asks`, { customerId: x.customer }],
    ['DELETE', `/requirements/${x.req}/asks/${x.ask}`],
    ['GET', `/requirements/${x.req}/comments`],
    ['POST', `/requirements/${x.req}/comments`, { body: 'hacked' }],
    ['GET', `/iterations/${x.iteration}`],
    ['PATCH', `/iterations/${x.iteration}`, { name: 'hacked', status: 'active' }],
    ['DELETE', `/iterations/${x.iteration}`],
    ['GET', `/iterations/${x.iteration}/board`],
    ['GET', `/iterations/${x.iteration}/board?groupBy=requirement`],
    ['GET', `/tasks/${x.task}`],
    ['PATCH', `/tasks/${x.task}`, { title: 'hacked' }],
    ['DELETE', `/tasks/${x.task}`],
    ['POST', `/tasks/${x.task}/move`, { status: 'doing' }],
    ['GET', `/tasks/${x.task}/comments`],
    ['POST', `/tasks/${x.task}/comments`, { body: 'hacked' }],
    ['PATCH', `/releases/${x.release}`, { name: 'hacked' }],
    ['DELETE', `/releases/${x.release}`],
  ]
}

const flat = (ids: Ids): Flat => ({
  product: ids.product.id,
  module: ids.module.id,
  customer: ids.customer.id,
  iteration: ids.iteration.id,
  release: ids.release.id,
  req: ids.req.id,
  task: ids.task.id,
  ask: ids.ask.id,
})
const missing: Flat = {
  product: MISSING,
  module: MISSING,
  customer: MISSING,
  iteration: MISSING,
  release: MISSING,
  req: MISSING,
  task: MISSING,
  ask: MISSING,
}

/** Workspace 2: created by ws1's owner, with its own owner B who is not a member of ws1. */
async function secondWorkspace(d: Domain) {
  const ws2 = await d.t.request('POST', '/api/workspaces', { name: 'Other company' }, d.owner)
  expect(ws2.status).toBe(201)
  const b = await d.t.addMember(d.owner, ws2.body.id, 'owner', 'b-owner@example.com')
  const other = withWorkspace(d.t, b.caller, ws2.body.id, b.userId)
  // B's own product uses the same key, so item keys must be resolved within the workspace.
  const product = await other.product('MES')
  const req = await other.requirement(product.id, { title: 'B own requirement' })
  const customer = await other.customer({ name: 'B own customer' })
  return { other, product, req, customer }
}

describe('isolation across workspaces', () => {
  it('answers 404 — exactly as for an id that does not exist — to every id of another workspace, and changes nothing', async () => {
    const d = await domainApp()
    const ids = await firstWorkspace(d)
    const { other } = await secondWorkspace(d)
    const before = await snapshot(d.t)

    // Both B (a member of ws2 only) and ws1's owner (a member of both) call through ws2's path.
    const callers: [string, Caller][] = [
      ['ws2 owner', other.owner],
      ['owner of both, through ws2', d.owner],
    ]
    let checked = 0
    for (const [who, caller] of callers) {
      const foreign = pathCalls(flat(ids))
      const absent = pathCalls(missing)
      for (const [i, [method, path, body]] of foreign.entries()) {
        const res = await other.api(method, path, body, caller)
        const none = await other.api(absent[i]![0], absent[i]![1], absent[i]![2], caller)
        const label = `${who}: ${method} ${path}`
        expect(res.status, label).toBe(404)
        expect(res.body, label).toEqual(none.body)
        checked++
      }
    }
    expect(checked).toBe(2 * pathCalls(missing).length)
    expect(await snapshot(d.t)).toBe(before)

    // The same calls through ws1's own path reach the items (so the 404s above come from isolation).
    for (const [method, path, body] of pathCalls(flat(ids))) {
      if (method === 'DELETE') continue
      const res = await d.api(method, path, body)
      expect([200, 201, 409], `own workspace: ${method} ${path} → ${JSON.stringify(res.body)}`).toContain(
        res.status,
      )
    }
  })

  it('refuses another workspace’s ids inside request bodies and writes nothing', async () => {
    const d = await domainApp()
    const ids = await firstWorkspace(d)
    const { other, product, req } = await secondWorkspace(d)
    const before = await snapshot(d.t)
    const cases: [string, string, (id: number) => unknown, number, number][] = [
      [
        'POST',
        `/products/${product.id}/requirements`,
        (id) => ({ title: 'x', moduleId: id }),
        ids.module.id,
        400,
      ],
      [
        'POST',
        `/products/${product.id}/requirements`,
        (id) => ({ title: 'x', iterationId: id }),
        ids.iteration.id,
        400,
      ],
      [
        'POST',
        `/products/${product.id}/requirements`,
        (id) => ({ title: 'x', releaseId: id }),
        ids.release.id,
        400,
      ],
      ['PATCH', `/requirements/${req.id}`, (id) => ({ moduleId: id }), ids.module.id, 400],
      ['POST', `/requirements/${req.id}/rank`, (id) => ({ beforeId: id }), ids.req.id, 400],
      ['POST', `/requirements/${req.id}/asks`, (id) => ({ customerId: id }), ids.customer.id, 400],
      [
        'POST',
        '/tasks',
        (id) => ({ productId: product.id, kind: 'feature', title: 'x', requirementId: id }),
        ids.req.id,
        400,
      ],
      ['POST', '/tasks', (id) => ({ productId: id, kind: 'chore', title: 'x' }), ids.product.id, 404],
      [
        'POST',
        '/tasks',
        (id) => ({ productId: product.id, kind: 'chore', title: 'x', iterationId: id }),
        ids.iteration.id,
        400,
      ],
      [
        'POST',
        '/tasks',
        (id) => ({
          productId: product.id,
          kind: 'stability',
          category: 'security',
          title: 'x',
          customerId: id,
        }),
        ids.customer.id,
        400,
      ],
      [
        'POST',
        `/products/${product.id}/plan`,
        (id) => ({ dryRun: true, iterationIds: [id] }),
        ids.iteration.id,
        400,
      ],
    ]
    for (const [method, path, body, foreignId, status] of cases) {
      const res = await other.api(method, path, body(foreignId))
      const none = await other.api(method, path, body(MISSING))
      const label = `${method} ${path} ${JSON.stringify(body(foreignId))}`
      expect(res.status, label).toBe(status)
      expect(res.body.error.code, label).toBe(none.body.error.code)
      expect(res.body.error.message, label).toBe(none.body.error.message)
    }
    // An ask of ws1 cannot be deleted through a requirement of ws2.
    const ask = await other.api('DELETE', `/requirements/${req.id}/asks/${ids.ask.id}`)
    const noAsk = await other.api('DELETE', `/requirements/${req.id}/asks/${MISSING}`)
    expect(ask.status).toBe(404)
    expect(ask.body).toEqual(noAsk.body)
    expect(await snapshot(d.t)).toBe(before)
  })

  it('keeps search, item keys, lists and activity within the workspace', async () => {
    const d = await domainApp()
    const ids = await firstWorkspace(d)
    const { other, product } = await secondWorkspace(d)
    for (const q of ['secret', '排产', '排产计划', '华东精密', 'internal']) {
      const res = await other.ok('GET', `/search?q=${encodeURIComponent(q)}`)
      expect(res.items, q).toEqual([])
    }
    // ws1 has MES-1 … MES-3; ws2's MES has only MES-1 (its own).
    expect((await other.api('GET', '/items/MES-2')).status).toBe(404)
    expect((await other.api('GET', `/items/MES-${ids.task.number}`)).status).toBe(404)
    const own = await other.ok('GET', '/items/MES-1')
    expect(own).toMatchObject({ type: 'requirement', productId: product.id, key: 'MES-1' })

    const products = await other.ok('GET', '/products')
    expect(products.items.map((p: { id: number }) => p.id)).toEqual([product.id])
    const customers = await other.ok('GET', '/customers')
    expect(customers.items.map((c: { name: string }) => c.name)).toEqual(['B own customer'])
    const activity = await other.ok('GET', '/activity?limit=500')
    const ws1Products = new Set([ids.product.id])
    expect(activity.items.filter((a: { productId: number | null }) => ws1Products.has(a.productId!))).toEqual(
      [],
    )
    for (const [entityType, entityId] of [
      ['requirement', ids.req2.id],
      ['task', ids.task.id],
      ['customer', ids.customer.id],
    ] as const) {
      const res = await other.ok('GET', `/activity?entityType=${entityType}&entityId=${entityId}`)
      expect(res.items, entityType).toEqual([])
    }
  })

  it('answers 404 to a non-member calling the other workspace’s own path', async () => {
    const d = await domainApp()
    const ids = await firstWorkspace(d)
    const { other } = await secondWorkspace(d)
    const before = await snapshot(d.t)
    for (const [method, path, body] of pathCalls(flat(ids))) {
      const res: Res = await d.api(method, path, body, other.owner)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    expect((await d.api('GET', '/search?q=secret', undefined, other.owner)).status).toBe(404)
    expect((await d.api('GET', '/items/MES-1', undefined, other.owner)).status).toBe(404)
    expect(await snapshot(d.t)).toBe(before)
  })
})

describe('members narrowed to some products', () => {
  it('never see another product’s requirements or tasks: list, get, board, search, items, activity, comments, customers', async () => {
    const d = await domainApp()
    const a = await d.product('AAA')
    const b = await d.product('BBB')
    const customer = await d.customer({ name: 'Shared customer' })
    const itA = await d.iteration(a.id)
    const itB = await d.iteration(b.id)
    const reqA = await d.requirement(a.id, {
      title: 'Visible 排产 alpha',
      status: 'approved',
      iterationId: itA.id,
    })
    const reqB = await d.requirement(b.id, {
      title: 'Hidden 排产 bravo',
      status: 'approved',
      iterationId: itB.id,
    })
    const taskA = await d.task({
      productId: a.id,
      kind: 'feature',
      requirementId: reqA.id,
      title: 'Visible task alpha',
    })
    const taskB = await d.task({
      productId: b.id,
      kind: 'feature',
      requirementId: reqB.id,
      title: 'Hidden task bravo',
    })
    for (const r of [reqA, reqB])
      await d.ok('POST', `/requirements/${r.id}/asks`, { customerId: customer.id }, 201)
    await d.ok('POST', `/requirements/${reqB.id}/comments`, { body: 'hidden comment' }, 201)

    const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'narrow@example.com', [a.id])
    const as = pm.caller
    const get = (path: string) => d.api('GET', path, undefined, as)

    expect((await get('/products')).body.items.map((p: { id: number }) => p.id)).toEqual([a.id])
    expect((await get(`/products/${a.id}/requirements`)).body.items.map((r: { id: number }) => r.id)).toEqual(
      [reqA.id],
    )
    for (const path of [
      `/products/${b.id}`,
      `/products/${b.id}/requirements`,
      `/products/${b.id}/iterations`,
      `/products/${b.id}/modules`,
      `/products/${b.id}/releases`,
      `/requirements/${reqB.id}`,
      `/requirements/${reqB.id}/comments`,
      `/tasks/${taskB.id}`,
      `/tasks/${taskB.id}/comments`,
      `/iterations/${itB.id}`,
      `/iterations/${itB.id}/board`,
      `/items/BBB-${reqB.number}`,
      `/items/BBB-${taskB.number}`,
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
    }
    // Writes to product B are refused the same way and change nothing.
    const before = await snapshot(d.t)
    for (const [method, path, body] of [
      ['PATCH', `/requirements/${reqB.id}`, { title: 'changed' }],
      ['POST', `/tasks/${taskB.id}/move`, { status: 'doing' }],
      ['POST', `/products/${b.id}/requirements`, { title: 'new' }],
      ['POST', '/tasks', { productId: b.id, kind: 'chore', title: 'new' }],
      ['POST', `/requirements/${reqA.id}/rank`, { beforeId: reqB.id }],
    ] as const) {
      const res = await d.api(method, path, body, as)
      expect([400, 404], `${method} ${path}`).toContain(res.status)
    }
    expect(await snapshot(d.t)).toBe(before)

    expect((await get(`/requirements/${reqA.id}`)).status).toBe(200)
    expect((await get(`/items/AAA-${reqA.number}`)).body).toMatchObject({ type: 'requirement', id: reqA.id })
    const board = (await get(`/iterations/${itA.id}/board?groupBy=requirement`)).body
    const cards = board.columns.flatMap((c: { tasks: { id: number }[] }) => c.tasks.map((t) => t.id))
    expect(cards).toEqual([taskA.id])

    const search = (await get(`/search?q=${encodeURIComponent('排产')}`)).body.items
    expect(search.map((h: { id: number }) => h.id)).toEqual([reqA.id])
    for (const q of ['bravo', 'Hidden', 'task bravo']) {
      expect((await get(`/search?q=${encodeURIComponent(q)}`)).body.items, q).toEqual([])
    }

    const activity = (await get('/activity?limit=500')).body.items as { productId: number | null }[]
    expect(activity.length).toBeGreaterThan(0)
    expect(activity.filter((x) => x.productId === b.id)).toEqual([])
    const aboutB = (await get(`/activity?entityType=requirement&entityId=${reqB.id}`)).body.items
    expect(aboutB).toEqual([])

    // The shared customer shows only what was asked in product A.
    const c = (await get(`/customers/${customer.id}`)).body
    expect(c.asks.map((x: { requirement: { id: number } }) => x.requirement.id)).toEqual([reqA.id])
    expect(c.planned.map((x: { id: number }) => x.id)).toEqual([reqA.id])
  })

  it('count only the asks of products they may see in the customer list', async () => {
    const d = await domainApp()
    const a = await d.product('AAA')
    const b = await d.product('BBB')
    const customer = await d.customer({ name: 'Shared customer' })
    const reqA = await d.requirement(a.id, { title: 'Visible' })
    const reqB = await d.requirement(b.id, { title: 'Hidden' })
    for (const r of [reqA, reqB])
      await d.ok('POST', `/requirements/${r.id}/asks`, { customerId: customer.id }, 201)
    const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'narrow@example.com', [a.id])
    const page = (await d.api('GET', `/customers/${customer.id}`, undefined, pm.caller)).body
    expect(page.asks).toHaveLength(1)
    const list = (await d.api('GET', '/customers', undefined, pm.caller)).body.items
    // The list must agree with the customer's page: product B's ask is not theirs to count.
    expect(list.find((c: { id: number }) => c.id === customer.id).askCount).toBe(1)
    // The owner sees both.
    const all = (await d.ok('GET', '/customers')).items
    expect(all.find((c: { id: number }) => c.id === customer.id).askCount).toBe(2)
  })
})

// Customers, their asks and the score: the documented formula, re-weighing when a customer changes,
// the per-customer view, and sorting the backlog by priority then score.
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp, type Json, snapshot } from '../helpers/domain'

// The formula as documented (score.ts, OpenAPI description), written out independently here.
const IMPORTANCE = { nice: 1, important: 2, critical: 4 } as const
const TIER = { standard: 1, key: 2, strategic: 3 } as const
const round2 = (x: number) => Math.round(x * 100) / 100
type Ask = { importance: keyof typeof IMPORTANCE; tier: keyof typeof TIER; contractValue: number }
const demandOf = (asks: Ask[]) =>
  round2(
    asks.reduce(
      (sum, a) =>
        sum + IMPORTANCE[a.importance] * TIER[a.tier] * (1 + Math.log10(1 + a.contractValue / 10_000)),
      0,
    ),
  )
const scoreOf = (value: number, effort: number | null, estimate: number | null, demand: number) =>
  round2((value * (1 + demand)) / Math.max(effort ?? estimate ?? 1, 1))

const read = (d: Domain, id: number): Promise<Json> => d.ok('GET', `/requirements/${id}`)

describe('the requirement score', () => {
  // Issue 14: an unestimated requirement has no score to rank by (it used to count as 1 point and rise
  // to the top of "sort by score").
  it('is value per point of effort, falling back to the estimate; none while unestimated', async () => {
    const d = await domainApp()
    const p = await d.product()
    const cases = [
      [{ value: 6, effort: 3 }, 2],
      [{ value: 4, estimate: 8 }, 0.5],
      [{ value: 4, effort: 2, estimate: 8 }, 2],
      [{ value: 7 }, null],
      [{ value: 9, effort: 0 }, 9],
      [{ value: 1, effort: 3 }, 0.33],
    ] as const
    for (const [fields, score] of cases) {
      const r = await d.requirement(p.id, fields)
      expect(r.score, JSON.stringify(fields)).toBe(score)
      expect(r).toMatchObject({ demand: 0, askCount: 0 })
    }
    // Editing value, effort or estimate recomputes it.
    const r = await d.requirement(p.id, { value: 6, effort: 3 })
    expect((await d.ok('PATCH', `/requirements/${r.id}`, { value: 9 })).score).toBe(3)
    expect((await d.ok('PATCH', `/requirements/${r.id}`, { effort: null, estimate: 2 })).score).toBe(4.5)
    expect((await d.ok('PATCH', `/requirements/${r.id}`, { estimate: null })).score).toBeNull()
  })

  it('undoes "sort by score" while nobody has re-ranked since; refuses once the backlog changed', async () => {
    const d = await domainApp()
    const p = await d.product()
    const a = await d.requirement(p.id, { title: 'A', value: 1, estimate: 5 })
    const b = await d.requirement(p.id, { title: 'B', value: 9, estimate: 1 })
    const c = await d.requirement(p.id, { title: 'C', value: 5, estimate: 1 })
    const order = async () =>
      (await d.ok('GET', `/products/${p.id}/requirements`)).items.map((r: Json) => r.id)
    const sorted = await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: false })
    expect(sorted).toMatchObject({ order: [b.id, c.id, a.id], previous: [a.id, b.id, c.id], changed: 3 })
    expect(await order()).toEqual([b.id, c.id, a.id])

    const undo = { order: sorted.previous, expected: sorted.order }
    expect((await d.ok('POST', `/products/${p.id}/requirements/order`, undo)).order).toEqual([
      a.id,
      b.id,
      c.id,
    ])
    expect(await order()).toEqual([a.id, b.id, c.id])
    // Twice is once too many: the backlog is no longer in the sorted order.
    const again = await d.api('POST', `/products/${p.id}/requirements/order`, undo)
    expect(again.status).toBe(409)
    expect(again.body.error.details.reason).toBe('backlog_changed')
    expect(await order()).toEqual([a.id, b.id, c.id])

    // An order that leaves a requirement out, or names one twice, is refused.
    const current = [a.id, b.id, c.id]
    const short = await d.api('POST', `/products/${p.id}/requirements/order`, {
      order: [a.id, b.id],
      expected: current,
    })
    expect(short.status).toBe(400)
    const twice = await d.api('POST', `/products/${p.id}/requirements/order`, {
      order: [a.id, a.id, b.id],
      expected: current,
    })
    expect(twice.status).toBe(400)
    expect(await order()).toEqual(current)
  })

  it('sorts unestimated work after every scored requirement, in the list and in "sort by score"', async () => {
    const d = await domainApp()
    const p = await d.product()
    const unestimated = await d.requirement(p.id, { title: 'Unknown size', value: 10 })
    const small = await d.requirement(p.id, { title: 'Small', value: 2, estimate: 8 })
    const big = await d.requirement(p.id, { title: 'Big win', value: 9, estimate: 1 })
    const list = await d.ok('GET', `/products/${p.id}/requirements?sort=score`)
    expect(list.items.map((r: Json) => r.id)).toEqual([big.id, small.id, unestimated.id])
    const sorted = await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: true })
    expect(sorted.order).toEqual([big.id, small.id, unestimated.id])
  })

  it('grows with each customer ask by importance × tier × contract value, and shrinks when one is removed', async () => {
    const d = await domainApp()
    const p = await d.product()
    const big = await d.customer({ name: '一汽配套', tier: 'key', contractValue: 100_000 })
    const small = await d.customer({ name: 'Small shop', tier: 'standard', contractValue: 0 })
    const r = await d.requirement(p.id, { value: 6, effort: 3 })
    const asks: Ask[] = []

    const first = await d.ok(
      'POST',
      `/requirements/${r.id}/asks`,
      { customerId: big.id, importance: 'critical', note: '产线停机', promisedDate: '2027-01-15' },
      201,
    )
    expect(first).toMatchObject({
      requirementId: r.id,
      customerId: big.id,
      importance: 'critical',
      note: '产线停机',
      askedOn: '2026-11-02',
      promisedDate: '2027-01-15',
    })
    asks.push({ importance: 'critical', tier: 'key', contractValue: 100_000 })
    let got = await read(d, r.id)
    expect(got.demand).toBe(demandOf(asks))
    expect(got.demand).toBeCloseTo(16.33, 2)
    expect(got.score).toBe(scoreOf(6, 3, null, demandOf(asks)))
    expect(got.askCount).toBe(1)

    const second = await d.ok(
      'POST',
      `/requirements/${r.id}/asks`,
      { customerId: small.id, importance: 'nice' },
      201,
    )
    asks.push({ importance: 'nice', tier: 'standard', contractValue: 0 })
    got = await read(d, r.id)
    expect(got).toMatchObject({
      demand: demandOf(asks),
      score: scoreOf(6, 3, null, demandOf(asks)),
      askCount: 2,
    })
    expect(got.asks.map((a: Json) => [a.customer.id, a.importance])).toEqual([
      [big.id, 'critical'],
      [small.id, 'nice'],
    ])
    // The backlog shows the same score and ask count.
    const listed = (await d.ok('GET', `/products/${p.id}/requirements`)).items[0]
    expect(listed).toMatchObject({ id: r.id, score: got.score, askCount: 2 })
    // Filtering the backlog by customer finds it.
    const bySmall = await d.ok('GET', `/products/${p.id}/requirements?customerId=${small.id}`)
    expect(bySmall.items.map((x: Json) => x.id)).toEqual([r.id])

    // The same customer cannot ask twice.
    const again = await d.api('POST', `/requirements/${r.id}/asks`, { customerId: small.id })
    expect(again.status).toBe(409)

    await d.ok('DELETE', `/requirements/${r.id}/asks/${first.id}`, undefined, 204)
    asks.shift()
    got = await read(d, r.id)
    expect(got).toMatchObject({
      demand: demandOf(asks),
      score: scoreOf(6, 3, null, demandOf(asks)),
      askCount: 1,
    })
    expect((await d.api('DELETE', `/requirements/${r.id}/asks/${first.id}`)).status).toBe(404)
    expect(second.id).toBeGreaterThan(0)
  })

  it('re-weighs the requirements a customer asked for when their tier or contract value changes', async () => {
    const d = await domainApp()
    const p = await d.product()
    const c = await d.customer({ name: 'Grows', tier: 'standard', contractValue: 0 })
    const other = await d.customer({ name: 'Other', tier: 'key', contractValue: 50_000 })
    const asked = await d.requirement(p.id, { value: 5, effort: 2 })
    const both = await d.requirement(p.id, { value: 8, estimate: 4 })
    const notAsked = await d.requirement(p.id, { value: 3 })
    await d.ok('POST', `/requirements/${asked.id}/asks`, { customerId: c.id, importance: 'important' }, 201)
    await d.ok('POST', `/requirements/${both.id}/asks`, { customerId: c.id, importance: 'nice' }, 201)
    await d.ok('POST', `/requirements/${both.id}/asks`, { customerId: other.id, importance: 'critical' }, 201)
    const untouched = await read(d, notAsked.id)

    await d.ok('PATCH', `/customers/${c.id}`, { tier: 'strategic', contractValue: 1_000_000 })
    const a = await read(d, asked.id)
    const askedDemand = demandOf([{ importance: 'important', tier: 'strategic', contractValue: 1_000_000 }])
    expect(a).toMatchObject({ demand: askedDemand, score: scoreOf(5, 2, null, askedDemand) })
    const b = await read(d, both.id)
    const bothDemand = demandOf([
      { importance: 'nice', tier: 'strategic', contractValue: 1_000_000 },
      { importance: 'critical', tier: 'key', contractValue: 50_000 },
    ])
    expect(b).toMatchObject({ demand: bothDemand, score: scoreOf(8, null, 4, bothDemand) })
    expect(await read(d, notAsked.id)).toEqual(untouched)

    // A change that does not weigh (the name) leaves scores alone; deleting the customer drops their asks.
    await d.ok('PATCH', `/customers/${c.id}`, { name: 'Renamed' })
    expect((await read(d, asked.id)).score).toBe(a.score)
    await d.ok('DELETE', `/customers/${c.id}`, undefined, 204)
    expect(await read(d, asked.id)).toMatchObject({ demand: 0, score: scoreOf(5, 2, null, 0), askCount: 0 })
    const bAfter = await read(d, both.id)
    const otherOnly = demandOf([{ importance: 'critical', tier: 'key', contractValue: 50_000 }])
    expect(bAfter).toMatchObject({ demand: otherOnly, score: scoreOf(8, null, 4, otherOnly), askCount: 1 })
  })

  it('documents the formula in the OpenAPI description', async () => {
    const d = await domainApp()
    const doc = (await d.t.request('GET', '/api/openapi.json')).body
    const text = JSON.stringify(doc)
    expect(text).toContain('importance (nice 1, important 2, critical 4)')
    expect(text).toContain('tier (standard 1, key 2, strategic 3)')
  })
})

describe('a customer’s page', () => {
  it('lists their asks, what is planned for them and what was delivered', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const c = await d.customer({
      name: '华东精密机械',
      industry: '汽车零部件',
      tier: 'key',
      contractValue: 300_000,
    })
    const waiting = await d.requirement(p.id, { title: 'Waiting' })
    const planned = await d.requirement(p.id, { title: 'Planned', status: 'approved', iterationId: it.id })
    const shipped = await d.requirement(p.id, { title: 'Shipped', status: 'approved', iterationId: it.id })
    for (const to of ['developing', 'testing', 'released']) await d.transition(shipped.id, to)
    for (const r of [waiting, planned, shipped]) {
      await d.ok('POST', `/requirements/${r.id}/asks`, { customerId: c.id, promisedDate: '2027-03-01' }, 201)
    }
    const page = await d.ok('GET', `/customers/${c.id}`)
    expect(page).toMatchObject({
      id: c.id,
      name: '华东精密机械',
      industry: '汽车零部件',
      tier: 'key',
      contractValue: 300_000,
    })
    expect(page.asks.map((a: Json) => a.requirement.id)).toEqual([waiting.id, planned.id, shipped.id])
    expect(page.asks[1]).toMatchObject({
      importance: 'important',
      promisedDate: '2027-03-01',
      requirement: { id: planned.id, key: 'MES-2', title: 'Planned', status: 'planned', iterationId: it.id },
    })
    expect(page.planned.map((r: Json) => r.id)).toEqual([planned.id])
    expect(page.delivered.map((r: Json) => r.id)).toEqual([shipped.id])
    const list = await d.ok('GET', '/customers')
    expect(list.items.find((x: Json) => x.id === c.id).askCount).toBe(3)
  })

  it('does not list a rejected requirement as planned for the customer, even if it sat in an iteration', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const c = await d.customer()
    const r = await d.requirement(p.id, { status: 'approved', iterationId: it.id })
    await d.ok('POST', `/requirements/${r.id}/asks`, { customerId: c.id }, 201)
    expect((await d.ok('GET', `/customers/${c.id}`)).planned.map((x: Json) => x.id)).toEqual([r.id])
    await d.transition(r.id, 'rejected', 'Replaced by the standard report')
    const page = await d.ok('GET', `/customers/${c.id}`)
    expect(page.asks.map((a: Json) => a.requirement.status)).toEqual(['rejected'])
    expect(page.planned).toEqual([])
    expect(page.delivered).toEqual([])
  })

  it('refuses asks for unknown customers or with an unknown importance (400, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id)
    const c = await d.customer()
    const before = await snapshot(d.t)
    expect((await d.api('POST', `/requirements/${r.id}/asks`, { customerId: 999_999 })).status).toBe(400)
    expect(
      (await d.api('POST', `/requirements/${r.id}/asks`, { customerId: c.id, importance: 'urgent' })).status,
    ).toBe(400)
    expect(
      (await d.api('POST', `/requirements/${r.id}/asks`, { customerId: c.id, promisedDate: '2027-02-30' }))
        .status,
    ).toBe(400)
    expect((await d.api('POST', '/customers', { name: 'x', tier: 'gold' })).status).toBe(400)
    expect((await d.api('POST', '/customers', { name: 'x', contractValue: -1 })).status).toBe(400)
    expect(await snapshot(d.t)).toBe(before)
  })
})

describe('sort by score', () => {
  it('re-ranks open requirements by priority then score, finished ones after; a dry run writes nothing', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const otherReq = await d.requirement(other.id)
    const key = await d.customer({ tier: 'key', contractValue: 100_000 })
    const a = await d.requirement(p.id, { title: 'a', priority: 'P2', value: 5 })
    const b = await d.requirement(p.id, { title: 'b', priority: 'P0', value: 2 })
    const c = await d.requirement(p.id, { title: 'c', priority: 'P1', value: 9 })
    const dd = await d.requirement(p.id, { title: 'd', priority: 'P1', value: 3, effort: 1 })
    const e = await d.requirement(p.id, { title: 'e', priority: 'P0', value: 10, status: 'approved' })
    const f = await d.requirement(p.id, { title: 'f', priority: 'P2', value: 8 })
    await d.ok('POST', `/requirements/${dd.id}/asks`, { customerId: key.id, importance: 'critical' }, 201)
    for (const to of ['planned', 'developing', 'testing', 'released', 'closed']) await d.transition(e.id, to)
    await d.transition(f.id, 'rejected', 'duplicate')
    expect((await read(d, dd.id)).score).toBeGreaterThan(9)

    const expected = [b.id, dd.id, c.id, a.id, e.id, f.id]
    const before = await snapshot(d.t)
    const dry = await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: true })
    expect(dry.order).toEqual(expected)
    expect(dry.changed).toBeGreaterThan(0)
    expect(await snapshot(d.t)).toBe(before)

    const applied = await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: false })
    expect(applied.order).toEqual(expected)
    const list = (await d.ok('GET', `/products/${p.id}/requirements?limit=500`)).items
    expect(list.map((x: Json) => x.id)).toEqual(expected)
    const ranks = list.map((x: Json) => x.rank)
    expect(ranks).toEqual([...ranks].sort())
    expect(new Set(ranks).size).toBe(ranks.length)
    expect((await d.ok('GET', `/requirements/${otherReq.id}`)).rank).toBe(otherReq.rank)

    // Sorted already: nothing changes the second time, and rank moves still work afterwards.
    const again = await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: true })
    expect(again).toEqual({ order: expected, previous: expected, changed: 0 })
    await d.ok('POST', `/requirements/${a.id}/rank`, { beforeId: b.id })
    expect((await d.ok('GET', `/products/${p.id}/requirements`)).items[0].id).toBe(a.id)
  })
})

import { describe, expect, it } from 'vitest'
import { domainApp } from '../helpers/domain'

async function fixture() {
  const d = await domainApp({ start: '2026-11-20T09:00:00.000Z' })
  const product = await d.product('MES', 'MES')
  const iteration = await d.iteration(product.id, {
    name: 'S1',
    startDate: '2026-11-16',
    endDate: '2026-11-27',
    capacity: 20,
  })
  await d.ok('PATCH', `/iterations/${iteration.id}`, { status: 'active' })
  const req = await d.requirement(product.id, {
    title: 'Plan',
    status: 'approved',
    estimate: 3,
    iterationId: iteration.id,
  })
  const draft = await d.requirement(product.id, { title: 'Idea' })
  const mine = await d.task({
    productId: product.id,
    kind: 'feature',
    title: 'Mine',
    requirementId: req.id,
    assigneeId: d.userId,
    dueDate: '2026-11-18',
  })
  const other = await d.task({ productId: product.id, title: 'Other', iterationId: iteration.id })
  return { t: d.t, owner: d.owner, base: d.base, product, iteration, req, draft, mine, other }
}

describe('workspace lists for the home page', () => {
  it('lists my tasks, overdue tasks and blocked tasks', async () => {
    const { t, owner, base, mine, other } = await fixture()
    const my = await t.request('GET', `${base}/tasks?assignee=me`, undefined, owner)
    expect(my.body.items.map((x: { id: number }) => x.id)).toEqual([mine.id])
    expect(my.body.items[0].key).toBe(mine.key)
    const overdue = await t.request('GET', `${base}/tasks?overdue=true`, undefined, owner)
    expect(overdue.body.items.map((x: { id: number }) => x.id)).toEqual([mine.id])
    await t.request(
      'POST',
      `${base}/tasks/${other.id}/move`,
      { status: 'blocked', blockedReason: 'Waiting' },
      owner,
    )
    const blocked = await t.request('GET', `${base}/tasks?status=blocked`, undefined, owner)
    expect(blocked.body.items).toMatchObject([{ id: other.id, blockedReason: 'Waiting' }])
    expect((await t.request('GET', `${base}/tasks?status=nope`, undefined, owner)).status).toBe(400)
  })

  it('lists active iterations across products with their load', async () => {
    const { t, owner, base, iteration } = await fixture()
    const res = await t.request('GET', `${base}/iterations`, undefined, owner)
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({ id: iteration.id, status: 'active', featureLoad: 3 })
    const planned = await t.request('GET', `${base}/iterations?status=planned`, undefined, owner)
    expect(planned.body.items).toHaveLength(0)
  })
})

describe('the roadmap', () => {
  it('shows releases, iterations and agreed requirements only, and is open to guests', async () => {
    const { t, owner, base, product, req, draft } = await fixture()
    await t.request(
      'POST',
      `${base}/products/${product.id}/releases`,
      { name: 'v1', targetDate: '2026-12-01' },
      owner,
    )
    const guest = await t.addMember(owner, Number(base.split('/').at(-1)), 'guest')
    const res = await t.request('GET', `${base}/products/${product.id}/roadmap`, undefined, guest.caller)
    expect(res.status).toBe(200)
    expect(res.body.releases.map((r: { name: string }) => r.name)).toEqual(['v1'])
    expect(res.body.iterations).toHaveLength(1)
    const ids = res.body.requirements.map((r: { id: number }) => r.id)
    expect(ids).toContain(req.id)
    expect(ids).not.toContain(draft.id)
    expect(JSON.stringify(res.body)).not.toContain('description":"**')
    expect(
      (await t.request('GET', `${base}/products/${product.id}/requirements`, undefined, guest.caller)).status,
    ).toBe(403)
  })
})

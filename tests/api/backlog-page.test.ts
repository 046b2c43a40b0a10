// The backlog page is built as JSON by SQLite: every filter, sort and page must still answer exactly the
// declared item shape, in the right order.
import { z } from '@hono/zod-openapi'
import { describe, expect, it } from 'vitest'
import { RequirementListItem } from '../../server/features/requirements/schemas'
import { domainApp } from '../helpers/domain'

const Page = z
  .object({ items: z.array(RequirementListItem.strict()), nextCursor: z.string().nullable() })
  .strict()

async function backlog() {
  const d = await domainApp()
  const p = await d.product()
  const mod = await d.module(p.id, { name: 'Scheduling' })
  const sprint = await d.iteration(p.id)
  const v1 = await d.release(p.id)
  const acme = await d.customer({ name: 'Acme' })
  const a = await d.requirement(p.id, { title: 'Plan 100% of orders', priority: 'P0', status: 'approved' })
  const b = await d.requirement(p.id, { title: 'Shift_handover', moduleId: mod.id, status: 'approved' })
  const c = await d.requirement(p.id, { title: '设备点检 on mobile', priority: 'P1', estimate: 3 })
  const e = await d.requirement(p.id, { title: 'Release notes', releaseId: v1.id, status: 'approved' })
  d.t.clock.advance(60_000)
  await d.ok('PATCH', `/requirements/${b.id}`, { iterationId: sprint.id, pinned: true })
  d.t.clock.advance(60_000)
  await d.ok('PATCH', `/requirements/${a.id}`, { value: 8 })
  await d.ok('POST', `/requirements/${c.id}/asks`, { customerId: acme.id, importance: 'critical' }, 201)
  const page = async (query: string) =>
    Page.parse(await d.ok('GET', `/products/${p.id}/requirements?${query}`))
  const ids = async (query: string) => (await page(query)).items.map((r) => r.id)
  return { d, p, mod, sprint, v1, acme, a, b, c, e, page, ids }
}

describe('the backlog page', () => {
  it('answers the declared shape with every field, as the single requirement reads', async () => {
    const { d, b, page } = await backlog()
    const { items, nextCursor } = await page('')
    expect(nextCursor).toBeNull()
    const full = await d.ok('GET', `/requirements/${b.id}`)
    const listed = items.find((r) => r.id === b.id)!
    expect(listed).toEqual(
      Object.fromEntries(Object.keys(RequirementListItem.shape).map((k) => [k, full[k]])),
    )
    expect(listed.pinned).toBe(true)
    expect(items.find((r) => r.id !== b.id)!.pinned).toBe(false)
  })

  it('filters by status, priority, module, iteration, release, customer and text', async () => {
    const { a, b, c, e, mod, sprint, v1, acme, ids } = await backlog()
    expect(await ids('status=approved')).toEqual([a.id, e.id])
    expect(await ids('status=approved,planned')).toEqual([a.id, b.id, e.id])
    expect(await ids('priority=P0,P1')).toEqual([a.id, c.id])
    expect(await ids(`moduleId=${mod.id}`)).toEqual([b.id])
    expect(await ids(`iterationId=${sprint.id}`)).toEqual([b.id])
    expect(await ids('iterationId=none')).toEqual([a.id, c.id, e.id])
    expect(await ids(`releaseId=${v1.id}`)).toEqual([e.id])
    expect(await ids(`customerId=${acme.id}`)).toEqual([c.id])
    // % and _ are matched literally; Chinese matches as a substring.
    expect(await ids(`q=${encodeURIComponent('100%')}`)).toEqual([a.id])
    expect(await ids(`q=${encodeURIComponent('t_h')}`)).toEqual([b.id])
    expect(await ids(`q=${encodeURIComponent('点检')}`)).toEqual([c.id])
    expect(await ids(`q=${encodeURIComponent('%')}&status=draft`)).toEqual([])
  })

  it('sorts by rank, score, priority, last update and creation, and pages with a cursor', async () => {
    const { a, b, c, e, ids, page } = await backlog()
    expect(await ids('sort=rank')).toEqual([a.id, b.id, c.id, e.id])
    expect(await ids('sort=created')).toEqual([e.id, c.id, b.id, a.id])
    // a was edited last, b a minute before; c and e (same time: the newer first) before that.
    expect(await ids('sort=updated')).toEqual([a.id, b.id, e.id, c.id])
    const byPriority = await page('sort=priority')
    expect(byPriority.items.map((r) => r.priority)).toEqual(
      [...byPriority.items.map((r) => r.priority)].sort(),
    )
    const byScore = await page('sort=score')
    const scores = byScore.items.map((r) => r.score)
    // Unestimated requirements have no score and come after every scored one.
    expect(scores).toEqual([...scores].sort((x, y) => (y ?? -1) - (x ?? -1)))
    const first = await page('limit=3')
    expect(first.items.map((r) => r.id)).toEqual([a.id, b.id, c.id])
    expect(first.nextCursor).toBe('3')
    const second = await page('limit=3&cursor=3')
    expect(second.items.map((r) => r.id)).toEqual([e.id])
    expect(second.nextCursor).toBeNull()
  })
})

// The rules that save PMs clicks: planned → developing when a first task starts; developing → testing
// when all its tasks are in review or done; both recorded in the activity as automatic.
import { describe, expect, it } from 'vitest'
import { REQUIREMENT_TRANSITIONS } from '../../domain/workflow'
import { type Domain, domainApp, requirementRow } from '../helpers/domain'

/** A planned requirement with two feature tasks, and a developer who moves them. */
async function plannedWithTasks(d: Domain) {
  const p = await d.product()
  const it = await d.iteration(p.id)
  const r = await d.requirement(p.id, {
    title: '扫码报工',
    status: 'approved',
    iterationId: it.id,
    estimate: 5,
  })
  expect(r.status).toBe('planned')
  const t1 = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id, title: 'API' })
  const t2 = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id, title: 'UI' })
  const dev = await d.t.addMember(d.owner, d.ws, 'developer')
  const move = (taskId: number, status: string) =>
    d.ok(
      'POST',
      `/tasks/${taskId}/move`,
      status === 'blocked' ? { status, blockedReason: 'waiting' } : { status },
      200,
      dev.caller,
    )
  return { p, it, r, t1, t2, dev, move }
}

async function automaticEntries(d: Domain, requirementId: number) {
  const res = await d.ok('GET', `/activity?entityType=requirement&entityId=${requirementId}`)
  return (
    res.items as { automatic: boolean; before: unknown; after: unknown; action: string; actor: unknown }[]
  )
    .filter((a) => a.automatic)
    .reverse()
}

describe('auto-advance of requirements', () => {
  it('moves a planned requirement to developing when its first task starts, recorded as automatic', async () => {
    const d = await domainApp()
    const { r, t1, dev, move } = await plannedWithTasks(d)
    await move(t1.id, 'doing')
    const after = await d.ok('GET', `/requirements/${r.id}`)
    expect(after.status).toBe('developing')
    expect(after.version).toBe(r.version + 1)
    expect(await automaticEntries(d, r.id)).toEqual([
      expect.objectContaining({
        action: 'transitioned',
        before: { status: 'planned' },
        after: { status: 'developing' },
        actor: expect.objectContaining({ id: dev.userId }),
      }),
    ])
  })

  it('moves a developing requirement to testing once all its tasks are in review or done — not before', async () => {
    const d = await domainApp()
    const { r, t1, t2, move } = await plannedWithTasks(d)
    await move(t1.id, 'doing')
    await move(t1.id, 'review')
    expect((await requirementRow(d.t, r.id))!.status).toBe('developing')
    await move(t2.id, 'doing')
    expect((await requirementRow(d.t, r.id))!.status).toBe('developing')
    await move(t2.id, 'done')
    expect((await requirementRow(d.t, r.id))!.status).toBe('testing')
    const entries = await automaticEntries(d, r.id)
    expect(entries.map((e) => [e.before, e.after])).toEqual([
      [{ status: 'planned' }, { status: 'developing' }],
      [{ status: 'developing' }, { status: 'testing' }],
    ])
    // Later moves of its tasks do not move it again.
    await move(t1.id, 'done')
    expect((await requirementRow(d.t, r.id))!.status).toBe('testing')
    expect(await automaticEntries(d, r.id)).toHaveLength(2)
  })

  it('does not count a blocked task as review or done', async () => {
    const d = await domainApp()
    const { r, t1, t2, move } = await plannedWithTasks(d)
    await move(t1.id, 'doing')
    await move(t1.id, 'done')
    await move(t2.id, 'blocked')
    expect((await requirementRow(d.t, r.id))!.status).toBe('developing')
  })

  it('moves to testing when the last unfinished task is deleted', async () => {
    const d = await domainApp()
    const { r, t1, t2, move } = await plannedWithTasks(d)
    await move(t1.id, 'doing')
    await move(t1.id, 'review')
    await d.ok('DELETE', `/tasks/${t2.id}`, undefined, 204)
    expect((await requirementRow(d.t, r.id))!.status).toBe('testing')
  })

  it('leaves requirements that are not planned alone (draft stays draft)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id, { title: 'Still a draft' })
    const t = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id })
    await d.move(t.id, { status: 'doing' })
    await d.move(t.id, { status: 'done' })
    expect((await requirementRow(d.t, r.id))!.status).toBe('draft')
    expect(await automaticEntries(d, r.id)).toEqual([])
  })

  it('only makes moves the transition table allows (an approved, unplanned requirement is not developed)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r = await d.requirement(p.id, { title: 'Approved, not planned', status: 'approved' })
    expect(REQUIREMENT_TRANSITIONS.approved).not.toContain('developing')
    const t = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id })
    await d.move(t.id, { status: 'doing' })
    // approved → developing is not in the workflow; the rule is "planned → developing".
    expect((await requirementRow(d.t, r.id))!.status).toBe('approved')
  })

  it('records only moves the transition table allows, even when a task goes straight to done', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const r = await d.requirement(p.id, { status: 'approved', iterationId: it.id })
    const t = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id })
    await d.move(t.id, { status: 'done' })
    expect((await requirementRow(d.t, r.id))!.status).toBe('testing')
    const steps = (await automaticEntries(d, r.id)).map(
      (e) => [(e.before as { status: string }).status, (e.after as { status: string }).status] as const,
    )
    expect(steps.length).toBeGreaterThan(0)
    for (const [from, to] of steps) {
      expect(
        REQUIREMENT_TRANSITIONS[from as keyof typeof REQUIREMENT_TRANSITIONS],
        `${from} → ${to}`,
      ).toContain(to)
    }
    expect(steps.at(0)?.[0]).toBe('planned')
    expect(steps.at(-1)?.[1]).toBe('testing')
  })

  it('does not advance when the move is refused (blocked without a reason)', async () => {
    const d = await domainApp()
    const { r, t1 } = await plannedWithTasks(d)
    const res = await d.api('POST', `/tasks/${t1.id}/move`, { status: 'blocked' })
    expect(res.status).toBe(400)
    expect((await requirementRow(d.t, r.id))!.status).toBe('planned')
  })
})

describe('deleting a requirement', () => {
  it('deletes its tasks too and records each deletion', async () => {
    const d = await domainApp()
    const product = await d.product('MES', 'MES')
    const req = await d.requirement(product.id, { title: 'R' })
    const task = await d.task({ productId: product.id, kind: 'feature', title: 'T', requirementId: req.id })
    expect((await d.api('DELETE', `/requirements/${req.id}`)).status).toBe(204)
    expect((await d.api('GET', `/tasks/${task.id}`)).status).toBe(404)
    const activity = await d.ok('GET', `/activity?entityType=task&entityId=${task.id}`)
    expect(activity.items.map((a: { action: string }) => a.action)).toEqual(['deleted', 'created'])
  })
})

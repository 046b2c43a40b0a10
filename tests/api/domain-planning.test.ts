// Planning through the API: dry run, apply, idempotent second run, pinned work, closed iterations,
// and what an iteration reports (load, stability budget, over-capacity, rank inversions).
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp, rows, snapshot } from '../helpers/domain'

/**
 * A product with two planned iterations of capacity 10 and a 20 % stability budget (8 feature points
 * each), created out of start order, and six approved requirements A–F in rank order.
 */
async function backlog(d: Domain) {
  const p = await d.product()
  const later = await d.iteration(p.id, { name: 'Sprint 2', startDate: '2026-11-23', endDate: '2026-12-04' })
  const first = await d.iteration(p.id, { name: 'Sprint 1', startDate: '2026-11-09', endDate: '2026-11-20' })
  const estimates = { A: 5, B: 3, C: null, D: 4, E: 6, F: 2 } as const
  const r: Record<keyof typeof estimates, { id: number; version: number }> = {} as never
  for (const [name, estimate] of Object.entries(estimates)) {
    r[name as keyof typeof estimates] = await d.requirement(p.id, {
      title: `Requirement ${name}`,
      status: 'approved',
      estimate,
    })
  }
  return { p, first, later, r }
}

const requirementsTable = async (d: Domain) => JSON.stringify(await rows(d.t, 'requirements'))

describe('planning a product', () => {
  it('proposes on a dry run without writing, then applies exactly that proposal', async () => {
    const d = await domainApp()
    const { p, first, later, r } = await backlog(d)
    const draft = await d.requirement(p.id, { title: 'Still a draft', estimate: 1 })

    const before = await snapshot(d.t)
    const proposal = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: true })
    expect(await snapshot(d.t)).toBe(before)
    expect(proposal.dryRun).toBe(true)
    // Start order, then rank order: A+B fill Sprint 1 (8/8); D goes to Sprint 2; E (6) no longer fits;
    // F (2) fits Sprint 2; C has no estimate.
    expect(proposal.iterations).toEqual([
      {
        id: first.id,
        name: 'Sprint 1',
        requirementIds: [r.A.id, r.B.id],
        load: 8,
        capacity: 10,
        featureCapacity: 8,
        stabilityReserved: 2,
      },
      {
        id: later.id,
        name: 'Sprint 2',
        requirementIds: [r.D.id, r.F.id],
        load: 6,
        capacity: 10,
        featureCapacity: 8,
        stabilityReserved: 2,
      },
    ])
    expect(proposal.unplanned).toEqual([r.C.id, r.E.id])
    expect(proposal.unplannedDetails).toEqual([
      { id: r.C.id, key: 'MES-3', reason: 'unestimated' },
      { id: r.E.id, key: 'MES-5', reason: 'capacity' },
    ])

    const applied = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    expect({ ...applied, dryRun: true }).toEqual(proposal)
    const get = async (id: number) => d.ok('GET', `/requirements/${id}`)
    for (const [id, iterationId] of [
      [r.A.id, first.id],
      [r.B.id, first.id],
      [r.D.id, later.id],
      [r.F.id, later.id],
    ] as const) {
      expect(await get(id)).toMatchObject({ status: 'planned', iterationId })
    }
    for (const id of [r.C.id, r.E.id])
      expect(await get(id)).toMatchObject({ status: 'approved', iterationId: null })
    expect(await get(draft.id)).toMatchObject({ status: 'draft', iterationId: null })
    // The planned requirements show in their iteration's backlog filter.
    const inFirst = await d.ok('GET', `/products/${p.id}/requirements?iterationId=${first.id}`)
    expect(inFirst.items.map((x: { id: number }) => x.id)).toEqual([r.A.id, r.B.id])
  })

  it('is idempotent: a second run gives the same answer and changes no requirement row', async () => {
    const d = await domainApp()
    const { p } = await backlog(d)
    const once = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    const after = await requirementsTable(d)
    const twice = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    expect(twice).toEqual(once)
    expect(await requirementsTable(d)).toBe(after)
    const dry = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: true })
    expect({ ...dry, dryRun: false }).toEqual(once)
  })

  it('leaves pinned requirements where they are and counts their points', async () => {
    const d = await domainApp()
    const { p, first, later, r } = await backlog(d)
    const pinned = await d.requirement(p.id, { title: 'Pinned', status: 'approved', estimate: 3 })
    await d.ok('POST', `/requirements/${pinned.id}/rank`, { beforeId: r.A.id })
    await d.ok('PATCH', `/requirements/${pinned.id}`, { iterationId: later.id, pinned: true })
    const pinnedRow = (await rows(d.t, 'requirements')).find((x) => x.id === pinned.id)
    // The backlog list says so, as a boolean, beside the others' false.
    const listed = (await d.ok('GET', `/products/${p.id}/requirements?status=approved,planned&sort=rank`))
      .items
    expect(listed.find((x: { id: number }) => x.id === pinned.id)).toMatchObject({
      pinned: true,
      key: pinned.key,
    })
    expect(listed.find((x: { id: number }) => x.id === r.A.id)).toMatchObject({ pinned: false })

    const result = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    const [one, two] = result.iterations
    expect(one).toMatchObject({ id: first.id, requirementIds: [r.A.id, r.B.id], load: 8 })
    // Sprint 2 already holds the pinned 3 points: D (4) fits, E (6) and F (2) no longer do.
    expect(two).toMatchObject({ id: later.id, requirementIds: [r.D.id], load: 7 })
    expect(result.unplanned).toEqual([r.C.id, r.E.id, r.F.id])
    expect(result.iterations.flatMap((x: { requirementIds: number[] }) => x.requirementIds)).not.toContain(
      pinned.id,
    )
    expect(result.unplanned).not.toContain(pinned.id)
    expect((await rows(d.t, 'requirements')).find((x) => x.id === pinned.id)).toEqual(pinnedRow)
    // Re-running keeps it there too.
    await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    expect((await rows(d.t, 'requirements')).find((x) => x.id === pinned.id)).toEqual(pinnedRow)
  })

  it('refuses a plan that names a closed iteration (409) and writes nothing', async () => {
    const d = await domainApp()
    const { p, first } = await backlog(d)
    const closed = await d.iteration(p.id, { name: 'Old', startDate: '2026-10-12', endDate: '2026-10-23' })
    await d.ok('PATCH', `/iterations/${closed.id}`, { status: 'closed' })
    const before = await snapshot(d.t)
    for (const dryRun of [true, false]) {
      const res = await d.api('POST', `/products/${p.id}/plan`, {
        dryRun,
        iterationIds: [first.id, closed.id],
      })
      expect(res.status, `dryRun ${dryRun}`).toBe(409)
      expect(res.body.error.code).toBe('conflict')
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('plans only into the iterations named, in start order', async () => {
    const d = await domainApp()
    const { p, first, later, r } = await backlog(d)
    const result = await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false, iterationIds: [later.id] })
    expect(result.iterations).toHaveLength(1)
    expect(result.iterations[0]).toMatchObject({ id: later.id, requirementIds: [r.A.id, r.B.id] })
    const iteration = await d.ok('GET', `/iterations/${first.id}`)
    expect(iteration.featureLoad).toBe(0)
  })

  it('never fills an iteration beyond its feature capacity, even when iterationIds names it twice', async () => {
    const d = await domainApp()
    const { p, first } = await backlog(d)
    const res = await d.api('POST', `/products/${p.id}/plan`, {
      dryRun: false,
      iterationIds: [first.id, first.id],
    })
    // Either refused as bad input or planned once; never 8 feature points planned twice into one iteration.
    expect([200, 400]).toContain(res.status)
    const it = await d.ok('GET', `/iterations/${first.id}`)
    expect(it.featureLoad).toBeLessThanOrEqual(it.featureCapacity)
    expect(it.overCapacity).toBe(false)
  })

  it('refuses iterations of another product (400) and unknown products (404)', async () => {
    const d = await domainApp()
    const { p } = await backlog(d)
    const other = await d.product('SRM')
    const foreign = await d.iteration(other.id)
    const before = await snapshot(d.t)
    const res = await d.api('POST', `/products/${p.id}/plan`, { dryRun: false, iterationIds: [foreign.id] })
    expect(res.status).toBe(400)
    expect((await d.api('POST', '/products/999999/plan', { dryRun: true })).status).toBe(404)
    expect(await snapshot(d.t)).toBe(before)
  })

  it('lets only roles with iteration.plan plan (developer and stakeholder: 403)', async () => {
    const d = await domainApp()
    const { p } = await backlog(d)
    const before = await snapshot(d.t)
    for (const role of ['developer', 'stakeholder']) {
      const m = await d.t.addMember(d.owner, d.ws, role)
      const res = await d.api('POST', `/products/${p.id}/plan`, { dryRun: false }, m.caller)
      expect(res.status, role).toBe(403)
    }
    expect(JSON.stringify(await rows(d.t, 'requirements'))).toBe(
      JSON.stringify(JSON.parse(before).requirements),
    )
  })
})

describe('what an iteration reports', () => {
  it('shows load, feature load, stability reserved and used, and over-capacity', async () => {
    const d = await domainApp()
    const { p, first, r } = await backlog(d)
    await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    let it = await d.ok('GET', `/iterations/${first.id}`)
    expect(it).toMatchObject({
      load: 8,
      featureLoad: 8,
      stabilityReserved: 2,
      stabilityUsed: 0,
      overCapacity: false,
      inversions: [],
    })

    // Stability work uses the reserve; a feature task under a planned requirement is not counted twice.
    await d.task({
      productId: p.id,
      kind: 'stability',
      category: 'performance',
      iterationId: first.id,
      estimate: 1.5,
    })
    await d.task({ productId: p.id, kind: 'feature', requirementId: r.A.id, estimate: 5 })
    it = await d.ok('GET', `/iterations/${first.id}`)
    expect(it).toMatchObject({ load: 9.5, featureLoad: 8, stabilityUsed: 1.5, overCapacity: false })

    // Standalone work is feature load; past the capacity the iteration says so.
    await d.task({ productId: p.id, kind: 'chore', iterationId: first.id, estimate: 1 })
    it = await d.ok('GET', `/iterations/${first.id}`)
    expect(it).toMatchObject({ load: 10.5, featureLoad: 9, stabilityUsed: 1.5, overCapacity: true })
    expect(it.stabilityBudgetEaten).toBe(true)

    // The product's iteration list reports the same figures.
    const list = await d.ok('GET', `/products/${p.id}/iterations`)
    expect(list.items.find((x: { id: number }) => x.id === first.id)).toMatchObject({
      load: 10.5,
      featureLoad: 9,
      stabilityReserved: 2,
      stabilityUsed: 1.5,
      overCapacity: true,
    })
  })

  it('lists a rank inversion made by hand, and forgets it once the requirement is pinned', async () => {
    const d = await domainApp()
    const { p, first, later, r } = await backlog(d)
    await d.ok('POST', `/products/${p.id}/plan`, { dryRun: false })
    // E ranks below D, which is planned in Sprint 2; putting E into Sprint 1 plans it ahead of D.
    await d.ok('PATCH', `/requirements/${r.E.id}`, { iterationId: first.id })
    let one = await d.ok('GET', `/iterations/${first.id}`)
    expect(one.inversions).toEqual([
      { iterationId: first.id, requirementId: r.E.id, key: 'MES-5', aheadOf: { id: r.D.id, key: 'MES-4' } },
    ])
    expect((await d.ok('GET', `/iterations/${later.id}`)).inversions).toEqual([])

    await d.ok('PATCH', `/requirements/${r.E.id}`, { pinned: true })
    one = await d.ok('GET', `/iterations/${first.id}`)
    expect(one.inversions).toEqual([])
  })

  // Issue 14: after "sort by score" the plan listed every started requirement of the active iteration as
  // an inversion, warnings the PM could not act on.
  it('does not count work already started in the active iteration as an inversion, even after sorting by score', async () => {
    const d = await domainApp()
    const p = await d.product()
    const now = await d.iteration(p.id, { name: 'Now', startDate: '2026-11-02', endDate: '2026-11-13' })
    const next = await d.iteration(p.id, { name: 'Next', startDate: '2026-11-16', endDate: '2026-11-27' })
    const started = await d.requirement(p.id, {
      title: 'Started, low score',
      status: 'approved',
      value: 1,
      estimate: 8,
      iterationId: now.id,
    })
    const waiting = await d.requirement(p.id, {
      title: 'Planned, low score',
      status: 'approved',
      value: 1,
      estimate: 8,
      iterationId: now.id,
    })
    await d.requirement(p.id, {
      title: 'Best',
      status: 'approved',
      value: 10,
      estimate: 1,
      iterationId: next.id,
    })
    await d.ok('PATCH', `/iterations/${now.id}`, { status: 'active' })
    await d.transition(started.id, 'developing')
    await d.ok('POST', `/products/${p.id}/requirements/sort-by-score`, { dryRun: false })
    // The started one stays out of the warnings; the one not yet begun can still be swapped, so it is flagged.
    const inversions = (await d.ok('GET', `/iterations/${now.id}`)).inversions
    expect(inversions.map((i: { requirementId: number }) => i.requirementId)).toEqual([waiting.id])
  })

  it('does not count delivered work in a past iteration as an inversion when a new item goes to the top', async () => {
    const d = await domainApp()
    const p = await d.product()
    const past = await d.iteration(p.id, { name: 'Past', startDate: '2026-10-12', endDate: '2026-10-23' })
    const next = await d.iteration(p.id, { name: 'Next' })
    const shipped = await d.requirement(p.id, {
      title: 'Shipped',
      status: 'approved',
      iterationId: past.id,
      estimate: 2,
    })
    for (const to of ['developing', 'testing', 'released']) await d.transition(shipped.id, to)
    await d.ok('PATCH', `/iterations/${past.id}`, { status: 'closed' })
    // The PM puts a new, urgent requirement at the top of the backlog and into the next iteration.
    const urgent = await d.requirement(p.id, { title: 'Urgent', status: 'approved', estimate: 2 })
    await d.ok('POST', `/requirements/${urgent.id}/rank`, { beforeId: shipped.id })
    await d.ok('PATCH', `/requirements/${urgent.id}`, { iterationId: next.id })
    // Released work was not "planned earlier" than the urgent item: nothing to flag in either iteration.
    expect((await d.ok('GET', `/iterations/${past.id}`)).inversions).toEqual([])
    expect((await d.ok('GET', `/iterations/${next.id}`)).inversions).toEqual([])
  })
})

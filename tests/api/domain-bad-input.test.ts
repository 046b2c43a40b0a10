// Bad input across the product domain: circular module moves, a second active iteration, dates in the
// wrong order, product keys, unknown ids — each refused with the documented status and nothing written.
import { describe, expect, it } from 'vitest'
import { count, domainApp, rows, snapshot } from '../helpers/domain'

describe('modules', () => {
  it('refuses moves under the module itself or its descendants (400) and moves elsewhere', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const root = await d.module(p.id, { name: '生产' })
    const child = await d.module(p.id, { name: '排产', parentId: root.id })
    const grandchild = await d.module(p.id, { name: '排产规则', parentId: child.id })
    const sibling = await d.module(p.id, { name: '质量' })
    const foreign = await d.module(other.id, { name: 'Elsewhere' })
    const before = await snapshot(d.t)
    for (const [moving, parentId] of [
      [root.id, grandchild.id],
      [root.id, child.id],
      [root.id, root.id],
      [child.id, grandchild.id],
      [child.id, foreign.id],
      [child.id, 999_999],
    ]) {
      const res = await d.api('PATCH', `/modules/${moving}`, { parentId })
      expect(res.status, `${moving} under ${parentId}`).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)

    // Legal moves: a grandchild up to the root's level, a subtree under a sibling.
    expect((await d.ok('PATCH', `/modules/${grandchild.id}`, { parentId: null })).parentId).toBeNull()
    expect((await d.ok('PATCH', `/modules/${child.id}`, { parentId: sibling.id })).parentId).toBe(sibling.id)
    const tree = (await d.ok('GET', `/products/${p.id}/modules`)).items
    const shape = (nodes: { name: string; children: unknown[] }[]): unknown =>
      nodes.map((n) => [n.name, shape(n.children as never)]).sort()
    expect(shape(tree)).toEqual(
      [
        ['生产', []],
        ['排产规则', []],
        ['质量', [['排产', []]]],
      ].sort(),
    )
  })

  it('refuses creating a module under another product’s module (400)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const foreign = await d.module(other.id)
    const res = await d.api('POST', `/products/${p.id}/modules`, { name: 'x', parentId: foreign.id })
    expect(res.status).toBe(400)
    expect(await count(d.t, 'modules')).toBe(1)
  })
})

describe('iterations', () => {
  it('allows at most one active iteration per product (409 for the second, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const one = await d.iteration(p.id, { name: 'One' })
    const two = await d.iteration(p.id, { name: 'Two', startDate: '2026-11-23', endDate: '2026-12-04' })
    const elsewhere = await d.iteration(other.id)
    const active = await d.ok('PATCH', `/iterations/${one.id}`, { status: 'active' })
    expect(active.status).toBe('active')
    expect(active.startedAt).toBe('2026-11-02T09:00:00.000Z')
    // Another product may have its own active iteration.
    expect((await d.ok('PATCH', `/iterations/${elsewhere.id}`, { status: 'active' })).status).toBe('active')

    const before = await snapshot(d.t)
    const res = await d.api('PATCH', `/iterations/${two.id}`, { status: 'active', name: 'Two, renamed' })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('conflict')
    expect(await snapshot(d.t)).toBe(before)

    // Once the first is closed, the second may start.
    await d.ok('PATCH', `/iterations/${one.id}`, { status: 'closed' })
    expect((await d.ok('PATCH', `/iterations/${two.id}`, { status: 'active' })).status).toBe('active')
    // Re-saving the active one as active is not a second active iteration.
    expect((await d.ok('PATCH', `/iterations/${two.id}`, { status: 'active', goal: 'Ship it' })).goal).toBe(
      'Ship it',
    )
  })

  it('refuses an end before the start (400) on create and edit; one day is fine', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id, { startDate: '2026-11-09', endDate: '2026-11-20' })
    const before = await snapshot(d.t)
    const create = await d.api('POST', `/products/${p.id}/iterations`, {
      name: 'Backwards',
      startDate: '2026-11-20',
      endDate: '2026-11-09',
      capacity: 10,
    })
    expect(create.status).toBe(400)
    for (const patch of [
      { endDate: '2026-11-08' },
      { startDate: '2026-11-21' },
      { startDate: '2026-12-01', endDate: '2026-11-30' },
    ]) {
      expect((await d.api('PATCH', `/iterations/${it.id}`, patch)).status, JSON.stringify(patch)).toBe(400)
    }
    for (const bad of [
      { startDate: '2026-02-30' },
      { startDate: '2026/11/09' },
      { endDate: 'tomorrow' },
      { stabilityBudgetPercent: 101 },
      { stabilityBudgetPercent: -1 },
    ]) {
      expect((await d.api('PATCH', `/iterations/${it.id}`, bad)).status, JSON.stringify(bad)).toBe(400)
    }
    expect(await snapshot(d.t)).toBe(before)
    const oneDay = await d.iteration(p.id, { startDate: '2026-12-01', endDate: '2026-12-01' })
    expect(oneDay.stabilityBudgetPercent).toBe(20)
  })

  it('refuses putting requirements or tasks into a closed iteration (409)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    await d.ok('PATCH', `/iterations/${it.id}`, { status: 'closed' })
    const r = await d.requirement(p.id, { status: 'approved' })
    const before = await snapshot(d.t)
    expect((await d.api('PATCH', `/requirements/${r.id}`, { iterationId: it.id })).status).toBe(409)
    expect(
      (await d.api('POST', `/products/${p.id}/requirements`, { title: 'x', iterationId: it.id })).status,
    ).toBe(409)
    expect(
      (await d.api('POST', '/tasks', { productId: p.id, kind: 'chore', title: 'x', iterationId: it.id }))
        .status,
    ).toBe(409)
    expect(await snapshot(d.t)).toBe(before)
  })

  it('returns the planned requirements of a deleted iteration to the approved backlog', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const r = await d.requirement(p.id, { status: 'approved', iterationId: it.id })
    expect(r.status).toBe('planned')
    await d.ok('DELETE', `/iterations/${it.id}`, undefined, 204)
    expect(await d.ok('GET', `/requirements/${r.id}`)).toMatchObject({
      status: 'approved',
      iterationId: null,
    })
    expect((await d.api('GET', `/iterations/${it.id}`)).status).toBe(404)
  })

  // Issue 14: deleting an iteration with work asks where the work goes.
  it('moves a deleted iteration’s requirements and tasks to the iteration named, with history', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('ERP')
    const doomed = await d.iteration(p.id, { name: 'Doomed', startDate: '2026-11-09', endDate: '2026-11-20' })
    const next = await d.iteration(p.id, { name: 'Next', startDate: '2026-11-23', endDate: '2026-12-04' })
    const closed = await d.iteration(p.id, { name: 'Old', startDate: '2026-10-12', endDate: '2026-10-23' })
    await d.ok('PATCH', `/iterations/${closed.id}`, { status: 'closed' })
    const elsewhere = await d.iteration(other.id, { name: 'ERP sprint' })
    const r = await d.requirement(p.id, { status: 'approved', iterationId: doomed.id })
    const task = await d.task({ productId: p.id, kind: 'chore', iterationId: doomed.id })
    const loose = await d.task({ productId: p.id, kind: 'chore', iterationId: next.id })

    const before = await snapshot(d.t)
    for (const moveTo of [doomed.id, closed.id, elsewhere.id, 999_999]) {
      const res = await d.api('DELETE', `/iterations/${doomed.id}?moveTo=${moveTo}`)
      expect([400, 404], String(moveTo)).toContain(res.status)
    }
    expect(await snapshot(d.t)).toBe(before)

    await d.ok('DELETE', `/iterations/${doomed.id}?moveTo=${next.id}`, undefined, 204)
    expect(await d.ok('GET', `/requirements/${r.id}`)).toMatchObject({
      status: 'planned',
      iterationId: next.id,
    })
    expect(await d.ok('GET', `/tasks/${task.id}`)).toMatchObject({ iterationId: next.id })
    expect(await d.ok('GET', `/tasks/${loose.id}`)).toMatchObject({ iterationId: next.id })
    const history = await d.ok('GET', `/activity?entityType=task&entityId=${task.id}`)
    expect(history.items[0]).toMatchObject({ action: 'updated', before: { iterationId: doomed.id } })

    // Back to the backlog: tasks have no iteration any more, and that too is recorded.
    await d.ok('DELETE', `/iterations/${next.id}`, undefined, 204)
    expect(await d.ok('GET', `/tasks/${task.id}`)).toMatchObject({ iterationId: null })
    expect(await d.ok('GET', `/requirements/${r.id}`)).toMatchObject({
      status: 'approved',
      iterationId: null,
    })
  })
})

describe('products', () => {
  it('takes keys of 2–10 upper-case letters or digits and refuses others (400, nothing written)', async () => {
    const d = await domainApp()
    for (const key of ['AB', 'MES', 'A1B2C3D4E5', 'SRM2']) {
      expect((await d.api('POST', '/products', { key, name: key })).status, key).toBe(201)
    }
    const before = await snapshot(d.t)
    for (const key of ['', 'A', 'ABCDEFGHIJK', 'mes', 'Mes', 'ME-S', 'ME S', 'ME_S', 'МЕС', '排产', 'ÄB']) {
      const res = await d.api('POST', '/products', { key, name: 'x' })
      expect(res.status, JSON.stringify(key)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await d.api('POST', '/products', { name: 'no key' })).status).toBe(400)
    const p = (await d.ok('GET', '/products')).items[0]
    expect((await d.api('PATCH', `/products/${p.id}`, { key: 'bad key' })).status).toBe(400)
    expect(await snapshot(d.t)).toBe(before)
  })

  it('refuses a key already used in the workspace (409, nothing written), on create and rename', async () => {
    const d = await domainApp()
    const mes = await d.product('MES')
    const srm = await d.product('SRM')
    const before = await snapshot(d.t)
    expect((await d.api('POST', '/products', { key: 'MES', name: 'again' })).status).toBe(409)
    expect((await d.api('POST', '/products', { key: ' MES ', name: 'again' })).status).toBe(409)
    expect((await d.api('PATCH', `/products/${srm.id}`, { key: 'MES' })).status).toBe(409)
    expect(await snapshot(d.t)).toBe(before)
    // Keeping one's own key is not a clash; another workspace may use the same key.
    expect((await d.ok('PATCH', `/products/${mes.id}`, { key: 'MES', name: 'MES 2' })).name).toBe('MES 2')
    const ws2 = await d.t.request('POST', '/api/workspaces', { name: 'Other' }, d.owner)
    const res = await d.t.request(
      'POST',
      `/api/workspaces/${ws2.body.id}/products`,
      { key: 'MES', name: 'x' },
      d.owner,
    )
    expect(res.status).toBe(201)
  })

  it('keeps item numbers per product and shares them between requirements and tasks', async () => {
    const d = await domainApp()
    const p = await d.product('MES')
    const q = await d.product('SRM')
    const r1 = await d.requirement(p.id)
    const t2 = await d.task({ productId: p.id })
    const r3 = await d.requirement(p.id)
    const s1 = await d.requirement(q.id)
    expect([r1.key, `MES-${t2.number}`, r3.key, s1.key]).toEqual(['MES-1', 'MES-2', 'MES-3', 'SRM-1'])
  })
})

describe('unknown ids', () => {
  it('answer 404 not_found on every route, and malformed ids 400, with nothing written', async () => {
    const d = await domainApp()
    const p = await d.product()
    await d.requirement(p.id)
    const before = await snapshot(d.t)
    const calls: [string, string, unknown?][] = [
      ['GET', '/products/999999'],
      ['PATCH', '/products/999999', { name: 'x' }],
      ['DELETE', '/products/999999'],
      ['GET', '/products/999999/requirements'],
      ['POST', '/products/999999/requirements', { title: 'x' }],
      ['GET', '/products/999999/modules'],
      ['GET', '/products/999999/iterations'],
      ['GET', '/products/999999/releases'],
      ['PATCH', '/modules/999999', { name: 'x' }],
      ['DELETE', '/modules/999999'],
      ['GET', '/customers/999999'],
      ['PATCH', '/customers/999999', { name: 'x' }],
      ['DELETE', '/customers/999999'],
      ['GET', '/requirements/999999'],
      ['PATCH', '/requirements/999999', { title: 'x' }],
      ['DELETE', '/requirements/999999'],
      ['POST', '/requirements/999999/asks', { customerId: 1 }],
      ['GET', '/requirements/999999/comments'],
      ['POST', '/requirements/999999/comments', { body: 'x' }],
      ['GET', '/iterations/999999'],
      ['PATCH', '/iterations/999999', { name: 'x' }],
      ['DELETE', '/iterations/999999'],
      ['GET', '/iterations/999999/board'],
      ['GET', '/tasks/999999'],
      ['PATCH', '/tasks/999999', { title: 'x' }],
      ['DELETE', '/tasks/999999'],
      ['POST', '/tasks/999999/move', { status: 'doing' }],
      ['GET', '/tasks/999999/comments'],
      ['PATCH', '/releases/999999', { name: 'x' }],
      ['DELETE', '/releases/999999'],
      ['GET', '/items/MES-999999'],
    ]
    for (const [method, path, body] of calls) {
      const res = await d.api(method, path, body)
      expect(res.status, `${method} ${path}`).toBe(404)
      expect(res.body.error.code, `${method} ${path}`).toBe('not_found')
    }
    for (const path of ['/requirements/abc', '/requirements/0', '/requirements/-1', '/tasks/1.5']) {
      expect((await d.api('GET', path)).status, path).toBe(400)
    }
    expect(await snapshot(d.t)).toBe(before)
  })
})

describe('requirements', () => {
  it('refuses out-of-range fields and references to another product (400, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const foreignModule = await d.module(other.id)
    const foreignIteration = await d.iteration(other.id)
    const foreignRelease = await d.release(other.id)
    const r = await d.requirement(p.id)
    const before = await snapshot(d.t)
    for (const body of [
      { title: '' },
      { title: 'x'.repeat(201) },
      { value: 0 },
      { value: 11 },
      { value: 2.5 },
      { priority: 'P4' },
      { source: 'rumour' },
      { targetDate: '2026-13-01' },
      { moduleId: foreignModule.id },
      { iterationId: foreignIteration.id },
      { releaseId: foreignRelease.id },
      { acceptanceCriteria: [{ text: '' }] },
    ]) {
      expect((await d.api('PATCH', `/requirements/${r.id}`, body)).status, JSON.stringify(body)).toBe(400)
      expect(
        (await d.api('POST', `/products/${p.id}/requirements`, { title: 'ok', ...body })).status,
        JSON.stringify(body),
      ).toBe(400)
    }
    // Status goes through the workflow, not through create or edit.
    expect(
      (await d.api('POST', `/products/${p.id}/requirements`, { title: 'x', status: 'released' })).status,
    ).toBe(400)
    expect(await rows(d.t, 'requirements')).toHaveLength(1)
    expect(await snapshot(d.t)).toBe(before)
  })
})

// Tasks and the board: the rules of a task's fields, moving cards (blocked needs a reason, exact
// placement), the board's columns, WIP limits, swimlanes and its ETag.
import { describe, expect, it } from 'vitest'
import { count, type Domain, domainApp, type Json, snapshot } from '../helpers/domain'

const COLUMNS = ['todo', 'doing', 'review', 'blocked', 'done']

/** Column by column, the ids of the cards in board order. */
const cardIds = (board: Json) =>
  Object.fromEntries(board.columns.map((c: Json) => [c.status, c.tasks.map((t: Json) => t.id)]))

async function board(d: Domain, iterationId: number, groupBy?: string) {
  return d.ok('GET', `/iterations/${iterationId}/board${groupBy ? `?groupBy=${groupBy}` : ''}`)
}

/** An iteration with two planned requirements and one task in each column. */
async function busyIteration(d: Domain) {
  const p = await d.product()
  const it = await d.iteration(p.id)
  const r1 = await d.requirement(p.id, {
    title: '设备点检',
    status: 'approved',
    iterationId: it.id,
    estimate: 5,
  })
  const r2 = await d.requirement(p.id, { title: '排产', status: 'approved', iterationId: it.id, estimate: 3 })
  const dev = await d.t.addMember(d.owner, d.ws, 'developer')
  const a = await d.task({
    productId: p.id,
    kind: 'feature',
    requirementId: r1.id,
    title: 'a',
    estimate: 2,
    assigneeId: dev.userId,
  })
  const b = await d.task({ productId: p.id, kind: 'feature', requirementId: r2.id, title: 'b', estimate: 3 })
  const c = await d.task({
    productId: p.id,
    kind: 'stability',
    category: 'performance',
    iterationId: it.id,
    title: 'c',
    estimate: 1,
    assigneeId: d.userId,
  })
  const dd = await d.task({ productId: p.id, kind: 'chore', iterationId: it.id, title: 'd' })
  const e = await d.task({ productId: p.id, kind: 'bug', iterationId: it.id, title: 'e', estimate: 5 })
  await d.move(b.id, { status: 'doing' })
  await d.move(c.id, { status: 'review' })
  await d.move(dd.id, { status: 'blocked', blockedReason: 'waiting for the PLC vendor' })
  await d.move(e.id, { status: 'done' })
  return { p, it, r1, r2, dev, a, b, c, d: dd, e }
}

describe('task rules', () => {
  it('refuses a feature task without a requirement, or with one from another product (400, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const foreign = await d.requirement(other.id)
    const before = await snapshot(d.t)
    for (const body of [
      { productId: p.id, kind: 'feature', title: 'x' },
      { productId: p.id, kind: 'feature', title: 'x', requirementId: null },
      { productId: p.id, kind: 'feature', title: 'x', requirementId: foreign.id },
      { productId: p.id, kind: 'bug', title: 'x', requirementId: foreign.id },
    ]) {
      const res = await d.api('POST', '/tasks', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)
    // Moving an existing task under another product's requirement is refused the same way.
    const own = await d.requirement(p.id)
    const t = await d.task({ productId: p.id, kind: 'feature', requirementId: own.id })
    expect((await d.api('PATCH', `/tasks/${t.id}`, { requirementId: foreign.id })).status).toBe(400)
    expect((await d.api('PATCH', `/tasks/${t.id}`, { requirementId: null })).status).toBe(400)
    expect((await d.ok('GET', `/tasks/${t.id}`)).requirementId).toBe(own.id)
  })

  it('needs a category for stability tasks and refuses one on other kinds', async () => {
    const d = await domainApp()
    const p = await d.product()
    const before = await snapshot(d.t)
    expect((await d.api('POST', '/tasks', { productId: p.id, kind: 'stability', title: 'x' })).status).toBe(
      400,
    )
    expect(
      (await d.api('POST', '/tasks', { productId: p.id, kind: 'chore', title: 'x', category: 'security' }))
        .status,
    ).toBe(400)
    expect(
      (await d.api('POST', '/tasks', { productId: p.id, kind: 'stability', title: 'x', category: 'flaky' }))
        .status,
    ).toBe(400)
    expect(await snapshot(d.t)).toBe(before)

    const customer = await d.customer({ name: '苏州工厂' })
    const t = await d.task({
      productId: p.id,
      kind: 'stability',
      category: 'incident-follow-up',
      title: 'Prevent the nightly sync outage',
      customerId: customer.id,
      incidentRef: 'INC-7',
    })
    expect(t).toMatchObject({
      category: 'incident-follow-up',
      risk: 'medium',
      customerId: customer.id,
      incidentRef: 'INC-7',
    })
    // Turning it into a chore drops the category; turning a chore into stability needs one.
    const chore = await d.task({ productId: p.id })
    expect((await d.api('PATCH', `/tasks/${chore.id}`, { kind: 'stability' })).status).toBe(400)
    expect((await d.ok('GET', `/tasks/${chore.id}`)).kind).toBe('chore')
  })

  it('refuses estimates and remaining work below 0 or above 1,000 (400), on tasks and requirements', async () => {
    const d = await domainApp()
    const p = await d.product()
    const t = await d.task({ productId: p.id, estimate: 1000 })
    expect(t.estimate).toBe(1000)
    const r = await d.requirement(p.id, { estimate: 0, effort: 1000 })
    const before = await snapshot(d.t)
    for (const bad of [-1, -0.5, 1000.5, 1001, 1e9]) {
      for (const [method, path, body] of [
        ['POST', '/tasks', { productId: p.id, kind: 'chore', title: 'x', estimate: bad }],
        ['POST', '/tasks', { productId: p.id, kind: 'chore', title: 'x', remaining: bad }],
        ['PATCH', `/tasks/${t.id}`, { estimate: bad }],
        ['PATCH', `/tasks/${t.id}`, { remaining: bad }],
        ['POST', `/products/${p.id}/requirements`, { title: 'x', estimate: bad }],
        ['POST', `/products/${p.id}/requirements`, { title: 'x', effort: bad }],
        ['PATCH', `/requirements/${r.id}`, { estimate: bad }],
        ['PATCH', `/requirements/${r.id}`, { effort: bad }],
        [
          'POST',
          `/products/${p.id}/iterations`,
          { name: 'x', startDate: '2026-11-09', endDate: '2026-11-20', capacity: bad },
        ],
      ] as const) {
        const res = await d.api(method, path, body)
        expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400)
      }
    }
    for (const body of [{ estimate: 'five' }, { estimate: '5' }, { estimate: true }]) {
      expect((await d.api('PATCH', `/tasks/${t.id}`, body)).status).toBe(400)
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('assigns only members who may see the product (400 otherwise, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const other = await d.product('SRM')
    const dev = await d.t.addMember(d.owner, d.ws, 'developer')
    const narrowed = await d.t.addMember(d.owner, d.ws, 'developer', 'srm-dev@example.com', [other.id])
    // Someone with an account who is not a member of this workspace.
    const ws2 = await d.t.request('POST', '/api/workspaces', { name: 'Elsewhere' }, d.owner)
    const outsider = await d.t.addMember(d.owner, ws2.body.id, 'developer', 'outsider@example.com')
    const t = await d.task({ productId: p.id })
    const before = await snapshot(d.t)
    for (const assigneeId of [outsider.userId, narrowed.userId, 999_999]) {
      const created = await d.api('POST', '/tasks', {
        productId: p.id,
        kind: 'chore',
        title: 'x',
        assigneeId,
      })
      expect(created.status, `create for ${assigneeId}`).toBe(400)
      const patched = await d.api('PATCH', `/tasks/${t.id}`, { assigneeId })
      expect(patched.status, `patch to ${assigneeId}`).toBe(400)
    }
    expect(await snapshot(d.t)).toBe(before)
    expect((await d.task({ productId: p.id, assigneeId: dev.userId })).assigneeId).toBe(dev.userId)
    expect((await d.task({ productId: other.id, assigneeId: narrowed.userId })).assigneeId).toBe(
      narrowed.userId,
    )
    expect((await d.ok('PATCH', `/tasks/${t.id}`, { assigneeId: d.userId })).assigneeId).toBe(d.userId)
  })

  it('puts a task under a planned requirement into the requirement’s iteration', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const r = await d.requirement(p.id, { status: 'approved', iterationId: it.id })
    const t = await d.task({ productId: p.id, kind: 'feature', requirementId: r.id })
    expect(t.iterationId).toBe(it.id)
    expect(cardIds(await board(d, it.id)).todo).toEqual([t.id])
  })
})

describe('moving tasks', () => {
  it('needs a reason to block (400, nothing written), shows it, and clears it when unblocked', async () => {
    const d = await domainApp()
    const p = await d.product()
    const t = await d.task({ productId: p.id })
    const before = await snapshot(d.t)
    for (const body of [
      { status: 'blocked' },
      { status: 'blocked', blockedReason: '' },
      { status: 'blocked', blockedReason: '  ' },
    ]) {
      const res = await d.api('POST', `/tasks/${t.id}/move`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await snapshot(d.t)).toBe(before)
    const blocked = await d.move(t.id, { status: 'blocked', blockedReason: ' 等待供应商接口 ' })
    expect(blocked).toMatchObject({ status: 'blocked', blockedReason: '等待供应商接口' })
    const unblocked = await d.move(t.id, { status: 'doing' })
    expect(unblocked).toMatchObject({ status: 'doing', blockedReason: null })
  })

  it('puts a card moved without an anchor at the end of its column, whatever the order of creation', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const [a, b, c] = [
      await d.task({ productId: p.id, iterationId: it.id, title: 'a' }),
      await d.task({ productId: p.id, iterationId: it.id, title: 'b' }),
      await d.task({ productId: p.id, iterationId: it.id, title: 'c' }),
    ]
    for (const task of [c, a, b]) await d.move(task.id, { status: 'doing' })
    expect(cardIds(await board(d, it.id)).doing).toEqual([c.id, a.id, b.id])
    // Within its own column too: to the end, after the others.
    await d.move(c.id, { status: 'doing' })
    expect(cardIds(await board(d, it.id)).doing).toEqual([a.id, b.id, c.id])
    const ranks = await d.t.sql<{ rank: string }>(
      'select rank from tasks where iteration_id = ? order by rank',
      [it.id],
    )
    expect(new Set(ranks.map((r) => r.rank)).size).toBe(3)
  })

  it('places a card exactly before or after another card of the target column', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const [a, b, c, x] = [
      await d.task({ productId: p.id, iterationId: it.id, title: 'a' }),
      await d.task({ productId: p.id, iterationId: it.id, title: 'b' }),
      await d.task({ productId: p.id, iterationId: it.id, title: 'c' }),
      await d.task({ productId: p.id, iterationId: it.id, title: 'x' }),
    ]
    expect(cardIds(await board(d, it.id)).todo).toEqual([a.id, b.id, c.id, x.id])
    await d.move(c.id, { status: 'todo', beforeId: a.id })
    expect(cardIds(await board(d, it.id)).todo).toEqual([c.id, a.id, b.id, x.id])
    await d.move(c.id, { status: 'todo', afterId: a.id })
    expect(cardIds(await board(d, it.id)).todo).toEqual([a.id, c.id, b.id, x.id])
    // Into another column: without an anchor at its end, with one exactly there.
    await d.move(a.id, { status: 'doing' })
    await d.move(b.id, { status: 'doing' })
    await d.move(x.id, { status: 'doing', beforeId: a.id })
    expect(cardIds(await board(d, it.id)).doing).toEqual([x.id, a.id, b.id])
    await d.move(c.id, { status: 'doing', afterId: x.id })
    const cols = cardIds(await board(d, it.id))
    expect(cols.doing).toEqual([x.id, c.id, a.id, b.id])
    expect(cols.todo).toEqual([])
  })

  it('refuses anchors in another column, the card itself, or both anchors (400, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const it = await d.iteration(p.id)
    const a = await d.task({ productId: p.id, iterationId: it.id })
    const b = await d.task({ productId: p.id, iterationId: it.id })
    const elsewhere = await d.task({ productId: p.id })
    await d.move(b.id, { status: 'doing' })
    const before = await snapshot(d.t)
    for (const body of [
      { status: 'todo', beforeId: b.id },
      { status: 'doing', beforeId: a.id },
      { status: 'todo', afterId: a.id },
      { status: 'doing', beforeId: b.id, afterId: b.id },
      { status: 'todo', beforeId: elsewhere.id },
      { status: 'todo', beforeId: 999_999 },
    ]) {
      const res = await d.api('POST', `/tasks/${a.id}/move`, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect(await snapshot(d.t)).toBe(before)
  })

  it('lets a developer move tasks but not re-rank requirements (403, nothing written)', async () => {
    const d = await domainApp()
    const p = await d.product()
    const r1 = await d.requirement(p.id)
    const r2 = await d.requirement(p.id)
    const t = await d.task({ productId: p.id })
    const dev = await d.t.addMember(d.owner, d.ws, 'developer')
    const moved = await d.api('POST', `/tasks/${t.id}/move`, { status: 'doing' }, dev.caller)
    expect(moved.status).toBe(200)
    expect(moved.body.status).toBe('doing')
    const before = await snapshot(d.t)
    const res = await d.api('POST', `/requirements/${r2.id}/rank`, { beforeId: r1.id }, dev.caller)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    const sorted = await d.api(
      'POST',
      `/products/${p.id}/requirements/sort-by-score`,
      { dryRun: false },
      dev.caller,
    )
    expect(sorted.status).toBe(403)
    expect(await snapshot(d.t)).toBe(before)
  })
})

describe('the board', () => {
  it('answers five columns in order with cards by rank, counts, points and what a card shows', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    const got = await board(d, s.it.id)
    expect(got.iterationId).toBe(s.it.id)
    expect(got.productId).toBe(s.p.id)
    expect(got.columns.map((c: Json) => c.status)).toEqual(COLUMNS)
    expect(cardIds(got)).toEqual({
      todo: [s.a.id],
      doing: [s.b.id],
      review: [s.c.id],
      blocked: [s.d.id],
      done: [s.e.id],
    })
    const stats = got.columns.map((c: Json) => [c.status, c.count, c.points, c.wipLimit, c.overWip])
    expect(stats).toEqual([
      ['todo', 1, 2, null, false],
      ['doing', 1, 3, null, false],
      ['review', 1, 1, null, false],
      ['blocked', 1, 0, null, false],
      ['done', 1, 5, null, false],
    ])
    const [todo] = got.columns
    expect(todo.tasks[0]).toMatchObject({
      id: s.a.id,
      key: `MES-${s.a.number}`,
      title: 'a',
      kind: 'feature',
      status: 'todo',
      requirementId: s.r1.id,
      requirementKey: 'MES-1',
      requirementTitle: '设备点检',
      assigneeId: s.dev.userId,
      assigneeName: 'developer person',
      estimate: 2,
    })
    expect(got.columns[3].tasks[0]).toMatchObject({
      blockedReason: 'waiting for the PLC vendor',
      kind: 'chore',
    })
    expect(got.columns[2].tasks[0]).toMatchObject({ category: 'performance', risk: 'medium' })
    // Within a column the cards are in rank order.
    for (const column of got.columns) {
      const ranks = column.tasks.map((t: Json) => t.rank)
      expect(ranks).toEqual([...ranks].sort())
    }
  })

  it('groups into swimlanes by requirement, assignee and kind, none without grouping', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    for (const groupBy of ['none', 'requirement', 'assignee', 'kind']) {
      const got = await board(d, s.it.id, groupBy)
      expect(got.groupBy).toBe(groupBy)
      expect(
        got.columns.map((c: Json) => c.status),
        groupBy,
      ).toEqual(COLUMNS)
      expect(
        got.columns.reduce((n: number, c: Json) => n + c.tasks.length, 0),
        groupBy,
      ).toBe(5)
    }
    expect((await board(d, s.it.id)).lanes).toEqual([])
    const byRequirement = (await board(d, s.it.id, 'requirement')).lanes
    expect(byRequirement.map((l: Json) => [l.id, l.title, l.count])).toEqual([
      [s.r1.id, '设备点检', 1],
      [s.r2.id, '排产', 1],
      [null, null, 3],
    ])
    const byAssignee = (await board(d, s.it.id, 'assignee')).lanes
    expect(byAssignee.map((l: Json) => [l.id, l.count]).sort()).toEqual(
      [
        [s.dev.userId, 1],
        [d.userId, 1],
        [null, 3],
      ].sort(),
    )
    expect(byAssignee.at(-1).id).toBeNull()
    const byKind = (await board(d, s.it.id, 'kind')).lanes
    expect(byKind.map((l: Json) => [l.id, l.count])).toEqual([
      ['bug', 1],
      ['chore', 1],
      ['feature', 2],
      ['stability', 1],
    ])
    expect((await d.api('GET', `/iterations/${s.it.id}/board?groupBy=customer`)).status).toBe(400)
  })

  it('warns over a WIP limit but never blocks the move', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    const patched = await d.ok('PATCH', `/iterations/${s.it.id}`, { wipLimits: { doing: 1, review: 2 } })
    expect(patched.wipLimits).toEqual({ doing: 1, review: 2 })
    let got = await board(d, s.it.id)
    expect(got.columns[1]).toMatchObject({ status: 'doing', count: 1, wipLimit: 1, overWip: false })
    const moved = await d.api('POST', `/tasks/${s.a.id}/move`, { status: 'doing' })
    expect(moved.status).toBe(200)
    got = await board(d, s.it.id)
    expect(got.columns[1]).toMatchObject({ status: 'doing', count: 2, wipLimit: 1, overWip: true })
    expect(got.columns[2]).toMatchObject({ status: 'review', wipLimit: 2, overWip: false })
    expect(got.columns[0]).toMatchObject({ status: 'todo', wipLimit: null, overWip: false })
    // Limits are whole numbers of at least one card.
    for (const wipLimits of [{ doing: 0 }, { doing: -1 }, { doing: 1.5 }]) {
      expect(
        (await d.api('PATCH', `/iterations/${s.it.id}`, { wipLimits })).status,
        JSON.stringify(wipLimits),
      ).toBe(400)
    }
  })

  it('answers an ETag and 304 while nothing changed, and a new ETag after a change', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    const path = `/iterations/${s.it.id}/board?groupBy=requirement`
    const first = await d.api('GET', path)
    const etag = first.headers.get('etag')
    expect(etag).toBeTruthy()
    const again = await d.api('GET', path, undefined, d.owner, { 'if-none-match': etag! })
    expect(again.status).toBe(304)
    expect(again.body).toBeUndefined()
    expect(again.headers.get('etag')).toBe(etag)

    // Each change the board shows gives a new ETag and a fresh board.
    let previous = etag!
    const changes: [string, () => Promise<unknown>][] = [
      ['a card moves', () => d.move(s.a.id, { status: 'doing' })],
      ['a card is edited', () => d.ok('PATCH', `/tasks/${s.b.id}`, { title: 'b renamed' })],
      [
        'a requirement title changes',
        () => d.ok('PATCH', `/requirements/${s.r1.id}`, { title: '设备点检 v2' }),
      ],
      ['the WIP limits change', () => d.ok('PATCH', `/iterations/${s.it.id}`, { wipLimits: { doing: 1 } })],
      ['a card is added', () => d.task({ productId: s.p.id, iterationId: s.it.id, title: 'new' })],
      ['a card is deleted', () => d.ok('DELETE', `/tasks/${s.e.id}`, undefined, 204)],
    ]
    for (const [label, change] of changes) {
      await change()
      const res = await d.api('GET', path, undefined, d.owner, { 'if-none-match': previous })
      expect(res.status, label).toBe(200)
      const next = res.headers.get('etag')!
      expect(next, label).not.toBe(previous)
      expect((await d.api('GET', path, undefined, d.owner, { 'if-none-match': next })).status, label).toBe(
        304,
      )
      previous = next
    }
    const latest = await board(d, s.it.id, 'requirement')
    expect(cardIds(latest).doing).toContain(s.a.id)
    expect(cardIds(latest).done).toEqual([])
  })

  it('answers the iterations beside the board with an ETag too: 304 while nothing changed, fresh loads after a change', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    const path = `/products/${s.p.id}/iterations`
    const first = await d.api('GET', path)
    expect(first.status).toBe(200)
    const etag = first.headers.get('etag')!
    expect(etag).toMatch(/^W\/"iterations-/)
    expect((await d.api('GET', path, undefined, d.owner, { 'if-none-match': etag })).status).toBe(304)
    const loadOf = (body: Json) => body.items.find((i: Json) => i.id === s.it.id)
    const before = loadOf(first.body)
    // Every open board asks for these after each change: the second asker gets the same answer from memory.
    await d.task({
      productId: s.p.id,
      iterationId: s.it.id,
      kind: 'stability',
      category: 'security',
      title: 'Rotate the PLC gateway keys',
      estimate: 2,
    })
    const after = await d.api('GET', path, undefined, d.owner, { 'if-none-match': etag })
    expect(after.status).toBe(200)
    expect(after.headers.get('etag')).not.toBe(etag)
    expect(loadOf(after.body).stabilityUsed).toBe(before.stabilityUsed + 2)
    const again = await d.api('GET', path)
    expect(again.body).toEqual(after.body)
  })

  it('answers 404 for an unknown iteration and counts no cards of other iterations', async () => {
    const d = await domainApp()
    const s = await busyIteration(d)
    expect((await d.api('GET', '/iterations/999999/board')).status).toBe(404)
    const empty = await d.iteration(s.p.id, { name: 'Next', startDate: '2026-11-23', endDate: '2026-12-04' })
    const got = await board(d, empty.id)
    expect(got.columns.map((c: Json) => [c.status, c.count, c.tasks.length])).toEqual(
      COLUMNS.map((status) => [status, 0, 0]),
    )
    expect(await count(d.t, 'tasks', 'iteration_id = ?', s.it.id)).toBe(5)
  })
})

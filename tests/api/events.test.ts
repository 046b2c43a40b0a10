import { describe, expect, it } from 'vitest'
import { type Caller, makeApp, type TestApp } from '../helpers/app'
import { withWorkspace } from '../helpers/domain'
import { drain, openEventStream } from '../helpers/sse'

/** Opens the SSE stream, which must answer 200 with text/event-stream, and collects its events. */
async function listen(t: TestApp, ws: number, caller: Caller) {
  const stream = await openEventStream(t, ws, caller)
  expect(stream.status).toBe(200)
  expect(stream.headers.get('content-type')).toContain('text/event-stream')
  return stream
}

describe('server-sent events', () => {
  it('streams each change of the workspace to its members with type, entity, id, version and actor', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws, userId } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const stream = await listen(t, ws, dev.caller)
    expect(stream.events[0]?.event).toBe('ready')
    await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'Renamed' }, owner)
    await stream.settle()
    // One event name on the wire; the type travels in the data.
    expect(stream.events.at(-1)).toEqual({
      event: 'change',
      data: {
        type: 'workspace.updated',
        entityType: 'workspace',
        id: ws,
        version: 2,
        actorId: userId,
        productId: null,
      },
    })
    await stream.stop()
    expect(t.events.subscriberCount(ws)).toBe(0)
  })

  it('carries a moved card’s new place, so open boards apply it without fetching the whole board', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product()
    const it = await d.iteration(p.id)
    const task = await d.task({ productId: p.id, kind: 'chore', iterationId: it.id, title: 'Oil the press' })
    const stream = await listen(t, ws, owner)
    const moved = await d.ok('POST', `/tasks/${task.id}/move`, { status: 'blocked', blockedReason: '缺料' })
    await stream.settle()
    expect(stream.events.at(-1)?.data).toEqual({
      type: 'task.moved',
      entityType: 'task',
      id: task.id,
      version: moved.version,
      actorId: userId,
      productId: p.id,
      patch: {
        status: 'blocked',
        rank: moved.rank,
        blockedReason: '缺料',
        remaining: moved.remaining,
        iterationId: it.id,
      },
    })
    await stream.stop()
  })

  it('carries a new or edited card as the board shows it, and only the iteration of a task on no board', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product()
    const it = await d.iteration(p.id)
    const stream = await listen(t, ws, owner)
    const cardOf = async (id: number) => {
      const board = await d.ok('GET', `/iterations/${it.id}/board`)
      for (const column of board.columns) for (const card of column.tasks) if (card.id === id) return card
      throw new Error(`card ${id} is not on the board`)
    }
    const task = await d.task({ productId: p.id, kind: 'chore', iterationId: it.id, title: '换模' })
    await stream.settle()
    expect(stream.events.at(-1)?.data).toMatchObject({ type: 'task.created', id: task.id, version: 1 })
    expect(stream.events.at(-1)?.data.patch).toEqual({ iterationId: it.id, card: await cardOf(task.id) })
    const edited = await d.ok('PATCH', `/tasks/${task.id}`, { title: '换模 SMED', estimate: 3 })
    await stream.settle()
    expect(stream.events.at(-1)?.data.patch).toEqual({ iterationId: it.id, card: await cardOf(task.id) })
    expect(stream.events.at(-1)?.data.patch.card).toMatchObject({
      title: '换模 SMED',
      estimate: 3,
      version: edited.version,
    })
    const loose = await d.task({ productId: p.id, kind: 'chore', title: 'In the backlog' })
    await stream.settle()
    expect(stream.events.at(-1)?.data).toMatchObject({ id: loose.id, patch: { iterationId: null } })
    expect(stream.events.at(-1)?.data.patch.card).toBeUndefined()
    await stream.stop()
  })

  it('never sends another workspace’s events, nor events of products a narrowed member may not see', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws } = await t.setup()
    const other = await t.request('POST', '/api/workspaces', { name: 'Other' }, owner)
    const mes = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'MES' }, owner)
    const dev = await t.addMember(owner, ws, 'developer', 'narrow@example.com', [mes.body.id])
    const stream = await listen(t, ws, dev.caller)
    await t.request('PATCH', `/api/workspaces/${other.body.id}`, { name: 'Other renamed' }, owner)
    const srm = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'SRM', name: 'SRM' }, owner)
    await t.request('PATCH', `/api/workspaces/${ws}/products/${mes.body.id}`, { name: 'MES 2' }, owner)
    await stream.settle()
    const ids = stream.events.filter((e) => e.event !== 'ready').map((e) => `${e.data.type}#${e.data.id}`)
    expect(ids).toEqual([`product.updated#${mes.body.id}`])
    expect(ids).not.toContain(`product.created#${srm.body.id}`)
    await stream.stop()
  })

  it('sends a member only the changes of entities their role may see', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws } = await t.setup()
    // A custom role that sees requirements but not customers.
    const role = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'Reader', permissions: ['product.view', 'requirement.view'] },
      owner,
    )
    const reader = await t.addMemberWithRole(owner, ws, role.body.id, 'reader@example.com')
    const stream = await listen(t, ws, reader.caller)
    const mes = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'MES' }, owner)
    const customer = await t.request('POST', `/api/workspaces/${ws}/customers`, { name: '宁德时代' }, owner)
    const requirement = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${mes.body.id}/requirements`,
      { title: '扫码报工' },
      owner,
    )
    await t.request(
      'POST',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}/asks`,
      { customerId: customer.body.id, importance: 'critical' },
      owner,
    )
    await t.request('POST', `/api/workspaces/${ws}/share-links`, { productId: mes.body.id }, owner)
    await stream.settle()
    const types = stream.events.filter((e) => e.event === 'change').map((e) => e.data.type)
    expect(types).toContain('product.created')
    expect(types).toContain('requirement.created')
    expect(types.filter((type) => /^(customer|ask|share_link|member)\./.test(String(type)))).toEqual([])
    await stream.stop()
  })

  it('caps the streams one user and one address may hold open (429 beyond)', async () => {
    const t = makeApp({ streamLimits: { user: 2, address: 3 }, manualTimers: true })
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const open = (caller: Caller) =>
      t.app.request(`http://localhost/api/workspaces/${ws}/events`, { headers: caller.headers })
    const first = await open(owner)
    const second = await open(owner)
    const third = await open(owner)
    expect(third.status).toBe(429)
    expect((await third.json()).error).toMatchObject({ code: 'rate_limited', details: { limit: 'user' } })
    // Another person from the same address: the address allows one more, then refuses.
    const fourth = await open(dev.caller)
    expect(fourth.status).toBe(200)
    const fifth = await open(dev.caller)
    expect(fifth.status).toBe(429)
    expect((await fifth.json()).error.details.limit).toBe('address')
    // Closing a stream gives its place back.
    await first.body!.cancel()
    const again = await open(owner)
    expect(again.status).toBe(200)
    for (const res of [second, fourth, again]) await res.body!.cancel()
  })

  it('sends a heartbeat comment while idle, and only then', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws } = await t.setup()
    // The heartbeat is every second (makeApp); opening and each settle() let 200 ms pass.
    const stream = await listen(t, ws, owner)
    t.timers!.advance(599)
    await stream.settle()
    expect(stream.raw()).not.toContain(': heartbeat')
    t.timers!.advance(1)
    await stream.settle()
    expect(stream.raw()).toContain(': heartbeat')
    await stream.stop()
    expect(t.waitingTimers(), 'the closed stream left no timer behind').toBe(0)
  })

  it('gathers a burst of changes into few writes, in order', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws } = await t.setup()
    const stream = await listen(t, ws, owner)
    const writesBefore = stream.writes()
    for (let n = 1; n <= 20; n++)
      await t.request('PATCH', `/api/workspaces/${ws}`, { name: `Name ${n}` }, owner)
    await stream.settle()
    const versions = stream.events
      .filter((e) => e.data.type === 'workspace.updated')
      .map((e) => e.data.version)
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2))
    expect(stream.writes() - writesBefore).toBeLessThan(20)
    await stream.stop()
  })

  it('lets go of a subscriber that stopped reading instead of buffering for it without end', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner, ws } = await t.setup()
    // Opened and never read.
    const res = await t.app.request(`http://localhost/api/workspaces/${ws}/events`, {
      headers: owner.headers,
    })
    expect(res.status).toBe(200)
    expect(t.events.subscriberCount(ws)).toBe(1)
    const event = (id: number) => ({
      type: 'task.moved',
      entityType: 'task',
      id,
      version: 1,
      actorId: null,
      workspaceId: ws,
      productId: null,
    })
    // ~150 bytes an event: 2,000 per round, a round per flush, until over a megabyte is unread.
    for (let round = 0; round < 10 && t.events.subscriberCount(ws) > 0; round++) {
      for (let n = 0; n < 2000; n++) t.events.publish(event(round * 2000 + n))
      t.timers!.advance(120)
      // The flush checks access first (asynchronously): let it send before the next round.
      await drain(t)
    }
    expect(t.events.subscriberCount(ws)).toBe(0)
    await res.body?.cancel()
  })
})

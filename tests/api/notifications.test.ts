// Watching and the inbox (issue 16): who starts watching what, who hears of which change, that nobody
// hears of their own actions or of what they may not see (rechecked when the inbox is read), marking read
// and archiving, the bell's live event, deleted items leaving the inbox, and imports notifying nobody.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import type { Caller } from '../helpers/app'
import { type Domain, domainApp, type Json, rows } from '../helpers/domain'
import { upload } from '../helpers/imports'
import { openEventStream } from '../helpers/sse'

async function team(options: { manualTimers?: boolean } = {}) {
  const d = await domainApp(options)
  const p = await d.product('MES')
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev@example.com')
  const lead = await d.t.addMember(d.owner, d.ws, 'developer', 'lead@example.com')
  // The invites above told the owner; start each test from an empty inbox.
  await d.ok('POST', '/notifications/archive', { all: true })
  return { d, p, dev, lead }
}

const inbox = (d: Domain, as: Caller, query = '') =>
  d.ok('GET', `/notifications${query}`, undefined, 200, as) as Promise<{
    items: Json[]
    unreadCount: number
    nextCursor: string | null
  }>

describe('who hears of what', () => {
  it('tells the assignee, then the creator of each move by the assignee, never anyone of their own action', async () => {
    const { d, p, dev } = await team()
    const task = await d.task({ productId: p.id, title: 'Wire the PLC tags' })
    // Assigning yourself tells nobody.
    await d.ok('PATCH', `/tasks/${task.id}`, { assigneeId: d.userId })
    expect((await inbox(d, d.owner)).items).toEqual([])
    await d.ok('PATCH', `/tasks/${task.id}`, { assigneeId: dev.userId })
    const assigned = await inbox(d, dev.caller)
    expect(assigned.unreadCount).toBe(1)
    expect(assigned.items[0]).toMatchObject({
      kind: 'assigned',
      entityType: 'task',
      entityId: task.id,
      itemKey: task.key,
      title: 'Wire the PLC tags',
      actor: { id: d.userId, name: 'Olivia Owner' },
      readAt: null,
    })

    // The assignee now watches it; the creator watched it from the start.
    const watchers = await d.ok('GET', `/tasks/${task.id}/watchers`)
    expect(watchers.items.map((w: Json) => w.id).sort()).toEqual([d.userId, dev.userId].sort())
    expect(watchers.watching).toBe(true)

    await d.ok('POST', `/tasks/${task.id}/move`, { status: 'doing' }, 200, dev.caller)
    const owner = await inbox(d, d.owner)
    expect(owner.items).toHaveLength(1)
    expect(owner.items[0]).toMatchObject({
      kind: 'status_changed',
      data: { from: 'todo', to: 'doing' },
      actor: { id: dev.userId },
    })
    // The mover hears nothing of their own move.
    expect((await inbox(d, dev.caller)).items.map((n) => n.kind)).toEqual(['assigned'])
  })

  it('tells watchers of blocks and unblocks, with the reason', async () => {
    const { d, p, dev } = await team()
    const task = await d.task({ productId: p.id, assigneeId: dev.userId })
    await d.ok('POST', `/tasks/${task.id}/move`, {
      status: 'blocked',
      blockedReason: 'Waiting for the PLC vendor',
    })
    await d.ok('POST', `/tasks/${task.id}/move`, { status: 'doing' })
    const items = (await inbox(d, dev.caller)).items
    expect(items.map((n) => n.kind)).toEqual(['unblocked', 'blocked', 'assigned'])
    expect(items[1].data).toMatchObject({ from: 'todo', to: 'blocked', reason: 'Waiting for the PLC vendor' })
  })

  it('tells watchers of a comment, links it, and makes the commenter a watcher', async () => {
    const { d, p, dev, lead } = await team()
    const r = await d.requirement(p.id, { title: 'Andon shows the stop reason' })
    const said = await d.ok(
      'POST',
      `/requirements/${r.id}/comments`,
      { body: 'Needs the **PLC** tag list' },
      201,
      dev.caller,
    )
    const owner = await inbox(d, d.owner)
    expect(owner.items).toHaveLength(1)
    expect(owner.items[0]).toMatchObject({
      kind: 'commented',
      entityType: 'requirement',
      entityId: r.id,
      itemKey: `MES-${r.number}`,
      commentId: said.id,
      excerpt: 'Needs the **PLC** tag list',
    })
    // The commenter watches now: the next comment reaches them, and not the one who wrote it.
    await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'Attached' }, 201, lead.caller)
    expect((await inbox(d, dev.caller)).items.map((n) => n.kind)).toEqual(['commented'])
    expect((await inbox(d, lead.caller)).items).toEqual([])
    expect((await inbox(d, d.owner)).items).toHaveLength(2)
  })

  it('tells watchers of a requirement of its status changes, by hand or by a rule', async () => {
    const { d, p, dev } = await team()
    const r = await d.requirement(p.id, { status: 'approved' })
    await d.ok('POST', `/requirements/${r.id}/watchers`, undefined, 200, dev.caller)
    await d.transition(r.id, 'reviewing')
    const items = (await inbox(d, dev.caller)).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ kind: 'status_changed', data: { from: 'approved', to: 'reviewing' } })
    // It names the change's entry in the item's history, which the inbox and emails link to.
    const history = await d.ok('GET', `/activity?entityType=requirement&entityId=${r.id}`)
    const change = history.items.find(
      (a: Json) => a.action === 'transitioned' || a.after?.status === 'reviewing',
    )
    expect(items[0].data.activityId).toBe(change.id)
  })

  it("tells the watchers of an iteration and of its product when it starts and when it's completed", async () => {
    const { d, p, dev, lead } = await team()
    const it1 = await d.iteration(p.id)
    await d.ok('POST', `/products/${p.id}/watchers`, undefined, 200, dev.caller)
    await d.ok('POST', `/iterations/${it1.id}/watchers`, undefined, 200, lead.caller)
    await d.ok('PATCH', `/iterations/${it1.id}`, { status: 'active' })
    await d.ok('PATCH', `/iterations/${it1.id}`, { status: 'closed' })
    for (const who of [dev, lead]) {
      const items = (await inbox(d, who.caller)).items
      expect(items.map((n) => n.kind)).toEqual(['iteration_completed', 'iteration_started'])
      expect(items[0]).toMatchObject({ entityType: 'iteration', entityId: it1.id, title: 'Sprint' })
    }
  })

  it('tells whoever sent an invite that it was accepted', async () => {
    const d = await domainApp()
    const joined = await d.t.addMember(d.owner, d.ws, 'developer', 'new@example.com')
    const items = (await inbox(d, d.owner)).items
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({
      kind: 'invite_accepted',
      entityType: 'member',
      title: 'developer person',
    })
    expect(items[0].actor).toMatchObject({ id: joined.userId })
  })
})

describe('what a person may see', () => {
  it('never notifies someone who cannot see the item, and hides what they can no longer see', async () => {
    const { d, p } = await team()
    const other = await d.product('WMS')
    const narrowed = await d.memberWithPermissions(
      ['task.view', 'requirement.view', 'product.view'],
      'narrow@example.com',
      [p.id],
    )
    const mine = await d.task({ productId: p.id, title: 'Visible' })
    const theirs = await d.task({ productId: other.id, title: 'Hidden' })
    await d.ok('POST', `/tasks/${mine.id}/watchers`, undefined, 200, narrowed.caller)
    // Watching what you cannot see is as if it did not exist.
    expect((await d.api('POST', `/tasks/${theirs.id}/watchers`, undefined, narrowed.caller)).status).toBe(404)
    expect((await d.api('GET', `/tasks/${theirs.id}/watchers`, undefined, narrowed.caller)).status).toBe(404)
    // Even a watcher row put there behind Keel's back notifies nobody who cannot see the task.
    await d.t.sql(
      `insert into watchers (workspace_id, entity_type, entity_id, user_id, created_at) values (?, 'task', ?, ?, '2026-11-02T09:00:00.000Z')`,
      [d.ws, theirs.id, narrowed.userId],
    )
    await d.move(theirs.id, { status: 'doing' })
    await d.move(mine.id, { status: 'doing' })
    expect((await inbox(d, narrowed.caller)).items.map((n) => n.title)).toEqual(['Visible'])
    expect((await rows(d.t, 'notifications')).filter((n) => n.user_id === narrowed.userId)).toHaveLength(1)

    // Narrowed to the other product, the notification is hidden and no longer counted.
    const member = (await d.ok('GET', '/members')).items.find((m: Json) => m.email === 'narrow@example.com')
    await d.ok('PATCH', `/members/${member.id}`, { productIds: [other.id] })
    const after = await inbox(d, narrowed.caller)
    expect(after.items).toEqual([])
    expect(after.unreadCount).toBe(0)
  })
})

describe('the inbox', () => {
  async function three() {
    const { d, p, dev } = await team()
    const tasks = []
    for (const title of ['One', 'Two', 'Three'])
      tasks.push(await d.task({ productId: p.id, title, assigneeId: dev.userId }))
    return { d, p, dev, tasks }
  }

  it('marks read and unread, all at once, and archives; another person’s ids are left alone', async () => {
    const { d, dev } = await three()
    const [n3, n2, n1] = (await inbox(d, dev.caller)).items
    const read = await d.ok('POST', '/notifications/read', { ids: [n1.id] }, 200, dev.caller)
    expect(read).toEqual({ changed: 1, unreadCount: 2 })
    expect((await inbox(d, dev.caller, '?unread=1')).items.map((n) => n.id)).toEqual([n3.id, n2.id])
    // The owner cannot touch the developer's notifications.
    expect(await d.ok('POST', '/notifications/read', { ids: [n2.id] })).toMatchObject({ changed: 0 })
    await d.ok('POST', '/notifications/unread', { ids: [n1.id] }, 200, dev.caller)
    expect((await inbox(d, dev.caller)).unreadCount).toBe(3)
    await d.ok('POST', '/notifications/read', { all: true }, 200, dev.caller)
    expect((await d.ok('GET', '/notifications/count', undefined, 200, dev.caller)).unreadCount).toBe(0)

    await d.ok('POST', '/notifications/archive', { ids: [n2.id] }, 200, dev.caller)
    expect((await inbox(d, dev.caller)).items.map((n) => n.id)).toEqual([n3.id, n1.id])
    expect((await inbox(d, dev.caller, '?archived=1')).items.map((n) => n.id)).toEqual([n2.id])
    await d.ok('POST', '/notifications/unarchive', { ids: [n2.id] }, 200, dev.caller)
    expect((await inbox(d, dev.caller)).items).toHaveLength(3)
  })

  it('filters by kind and pages by cursor', async () => {
    const { d, dev, tasks } = await three()
    await d.move(tasks[0]!.id, { status: 'doing' })
    expect((await inbox(d, dev.caller, '?kind=status_changed')).items).toHaveLength(1)
    const first = await inbox(d, dev.caller, '?limit=2')
    expect(first.items).toHaveLength(2)
    const rest = await inbox(d, dev.caller, `?limit=2&cursor=${first.nextCursor}`)
    expect(rest.items).toHaveLength(2)
    // A full page may be the last: the next one is empty and says so.
    const end = await inbox(d, dev.caller, `?limit=2&cursor=${rest.nextCursor}`)
    expect(end).toMatchObject({ items: [], nextCursor: null })
    const all = [...first.items, ...rest.items].map((n) => n.id)
    expect(new Set(all).size).toBe(4)
  })

  it('refuses bad input in the one error shape', async () => {
    const { d } = await three()
    for (const body of [{}, { ids: [1], all: true }, { ids: [1, 1] }, { all: false }, { ids: ['x'] }]) {
      const res = await d.api('POST', '/notifications/read', body)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await d.api('GET', '/notifications?kind=nope')).status).toBe(400)
    expect((await d.api('POST', '/tasks/999999/watchers')).status).toBe(404)
  })

  it('drops what was said of a deleted item, and its watchers', async () => {
    const { d, dev, tasks } = await three()
    await d.ok('DELETE', `/tasks/${tasks[0]!.id}`, undefined, 204)
    const items = (await inbox(d, dev.caller)).items
    expect(items.map((n) => n.entityId).sort()).toEqual([tasks[1]!.id, tasks[2]!.id].sort())
    const left = await rows(d.t, 'watchers')
    expect(left.some((w) => w.entity_type === 'task' && w.entity_id === tasks[0]!.id)).toBe(false)
  })

  it('drops what pointed at a deleted comment', async () => {
    const { d, p, dev } = await team()
    const r = await d.requirement(p.id)
    await d.ok('POST', `/requirements/${r.id}/watchers`, undefined, 200, dev.caller)
    const kept = await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'Kept' }, 201)
    const gone = await d.ok('POST', `/requirements/${r.id}/comments`, { body: 'Gone' }, 201)
    expect((await inbox(d, dev.caller)).items).toHaveLength(2)
    await d.ok('DELETE', `/comments/${gone.id}`, undefined, 204)
    expect((await inbox(d, dev.caller)).items.map((n) => n.commentId)).toEqual([kept.id])
  })

  it('stops and starts watching', async () => {
    const { d, dev, tasks } = await three()
    const t0 = tasks[0]!
    const off = await d.ok('DELETE', `/tasks/${t0.id}/watchers`, undefined, 200, dev.caller)
    expect(off.watching).toBe(false)
    await d.move(t0.id, { status: 'doing' })
    expect((await inbox(d, dev.caller, '?kind=status_changed')).items).toEqual([])
    const on = await d.ok('POST', `/tasks/${t0.id}/watchers`, undefined, 200, dev.caller)
    expect(on.watching).toBe(true)
    // Watching twice is watching once.
    await d.ok('POST', `/tasks/${t0.id}/watchers`, undefined, 200, dev.caller)
    expect(on.items.filter((w: Json) => w.id === dev.userId)).toHaveLength(1)
    await d.move(t0.id, { status: 'review' })
    expect((await inbox(d, dev.caller, '?kind=status_changed')).items).toHaveLength(1)
  })
})

describe('preferences', () => {
  it('answers every kind (the inbox by default), keeps changes, and turning a kind off stops it', async () => {
    const { d, p, dev } = await team()
    const prefs = await d.t.request('GET', '/api/me/notification-preferences', undefined, dev.caller)
    expect(prefs.status).toBe(200)
    expect(prefs.body).toMatchObject({
      assigned: 'inbox',
      status_changed: 'inbox',
      digestHour: 9,
      emailAvailable: false,
    })
    const changed = await d.t.request(
      'PATCH',
      '/api/me/notification-preferences',
      { status_changed: 'off', mentioned: 'email', digestHour: 18 },
      dev.caller,
    )
    expect(changed.body).toMatchObject({
      status_changed: 'off',
      mentioned: 'email',
      assigned: 'inbox',
      digestHour: 18,
    })
    // Only what is changed changes.
    const again = await d.t.request(
      'PATCH',
      '/api/me/notification-preferences',
      { assigned: 'digest' },
      dev.caller,
    )
    expect(again.body).toMatchObject({
      status_changed: 'off',
      mentioned: 'email',
      assigned: 'digest',
      digestHour: 18,
    })

    const task = await d.task({ productId: p.id, assigneeId: dev.userId })
    await d.move(task.id, { status: 'doing' })
    await d.move(task.id, { status: 'blocked', blockedReason: 'Waiting' })
    // Assigned (digest: kept in the inbox until email exists) and blocked arrive; status changes do not.
    expect((await inbox(d, dev.caller)).items.map((n) => n.kind)).toEqual(['blocked', 'assigned'])
  })

  it('refuses unknown kinds, channels and hours in the one error shape, and needs a login', async () => {
    const { d, dev } = await team()
    for (const body of [{ nope: 'inbox' }, { assigned: 'sms' }, { digestHour: 24 }, { digestHour: 1.5 }]) {
      const res = await d.t.request('PATCH', '/api/me/notification-preferences', body, dev.caller)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect((await d.t.request('GET', '/api/me/notification-preferences')).status).toBe(401)
  })
})

describe('the notifier', () => {
  it('tells the bell live, on the recipient’s stream only', async () => {
    const { d, p, dev, lead } = await team({ manualTimers: true })
    const devStream = await openEventStream(d.t, d.ws, dev.caller)
    const leadStream = await openEventStream(d.t, d.ws, lead.caller)
    try {
      await d.task({ productId: p.id, assigneeId: dev.userId })
      await inbox(d, dev.caller)
      await devStream.settle()
      await leadStream.settle()
      const kinds = (s: typeof devStream) =>
        s.events.filter((e) => e.event === 'change').map((e) => e.data.type)
      expect(kinds(devStream)).toContain('notification.created')
      expect(kinds(leadStream)).not.toContain('notification.created')
      // Reading it tells the person's other tabs.
      await d.ok('POST', '/notifications/read', { all: true }, 200, dev.caller)
      await devStream.settle()
      expect(kinds(devStream)).toContain('notification.updated')
      expect(kinds(leadStream)).not.toContain('notification.updated')
    } finally {
      await devStream.stop()
      await leadStream.stop()
    }
  })

  it('handles each change once, across a restart, and catches up on what happened while it was stopped', async () => {
    const { d, p, dev } = await team()
    await d.task({ productId: p.id, assigneeId: dev.userId })
    await inbox(d, dev.caller)
    // A second app on the same database (another process, or the same one restarted) starts its notifier.
    const second = createApp({ store: d.t.store, clock: d.t.clock })
    await d.task({ productId: p.id, assigneeId: dev.userId })
    await inbox(d, dev.caller)
    const res = await second.request(`http://localhost/api/workspaces/${d.ws}/notifications`, {
      headers: dev.caller.headers,
    })
    expect(((await res.json()) as Json).items).toHaveLength(2)
    expect((await rows(d.t, 'notifications')).filter((n) => n.user_id === dev.userId)).toHaveLength(2)
  })

  it('leaves out what an import writes', async () => {
    const { d, p, dev } = await team()
    const file =
      'Issue key,Summary,Issue Type,Status,Reporter,Assignee,Comment\n' +
      'MES-1,Wire the andon board,Task,In Progress,victor,dev@example.com,"01/Oct/26 9:00 AM;victor;Mine"\n'
    const res = await upload(d.t, d.owner, d.ws, file, { productId: p.id })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const [task] = await d.t.sql<{ assignee_id: number }>('select assignee_id from tasks')
    // The import did assign the task: it just tells nobody.
    expect(task?.assignee_id).toBe(dev.userId)
    await inbox(d, dev.caller)
    expect((await rows(d.t, 'notifications')).filter((n) => n.kind !== 'invite_accepted')).toEqual([])
  })
})

// Reminders (issue 16): a task due tomorrow and one overdue reach the assignee by the date where they are
// (their time zone), a date promised to a customer that the forecast misses reaches the product's planners
// who may see customers; each once, however often the reminders run and across a restart. Time is fake:
// an hour passes by `timers.advance`.
import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { domainApp, type Json, rows } from '../helpers/domain'

const HOUR = 3_600_000

async function world() {
  // 2026-11-02 17:00 UTC is already 11-03 in Shanghai.
  const d = await domainApp({ start: '2026-11-02T17:00:00.000Z', manualTimers: true })
  const p = await d.product('MES')
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev@example.com')
  await d.ok('POST', '/notifications/archive', { all: true })
  const timers = d.t.timers!
  const hourLater = async () => {
    d.t.clock.advance(HOUR)
    timers.advance(HOUR)
    await d.t.settled()
  }
  const reminders = async (userCaller = dev.caller) =>
    (await d.ok('GET', '/notifications', undefined, 200, userCaller)).items.filter((n: Json) =>
      ['due_soon', 'overdue', 'promise_at_risk'].includes(n.kind),
    )
  return { d, p, dev, hourLater, reminders }
}

describe('reminders', () => {
  it('tells the assignee of due tomorrow and overdue, once, by their own date', async () => {
    const { d, p, dev, hourLater, reminders } = await world()
    const tomorrow = await d.task({
      productId: p.id,
      title: 'Due tomorrow (UTC)',
      assigneeId: dev.userId,
      dueDate: '2026-11-03',
    })
    const late = await d.task({
      productId: p.id,
      title: 'Late',
      assigneeId: dev.userId,
      dueDate: '2026-10-30',
    })
    await d.task({ productId: p.id, title: 'Nobody', dueDate: '2026-10-30' })
    const done = await d.task({
      productId: p.id,
      title: 'Done',
      assigneeId: dev.userId,
      dueDate: '2026-10-30',
    })
    await d.move(done.id, { status: 'done' })
    await hourLater()
    const first = await reminders()
    expect(first.map((n: Json) => [n.kind, n.entityId]).sort()).toEqual(
      [
        ['due_soon', tomorrow.id],
        ['overdue', late.id],
      ].sort(),
    )
    expect(first.find((n: Json) => n.kind === 'overdue').data).toEqual({ dueDate: '2026-10-30' })
    // Again and again: nothing new. Another app on the database (a restart) runs at once: nothing new.
    await hourLater()
    await hourLater()
    const again = createApp({ store: d.t.store, clock: d.t.clock })
    await again.settled()
    expect(await reminders()).toHaveLength(2)
    expect((await rows(d.t, 'notifications')).filter((n) => n.kind === 'overdue')).toHaveLength(1)

    // In Shanghai it is already the 3rd: the task due on the 3rd is not "tomorrow" but today, and the one
    // due on the 4th is.
    await d.t.request('PATCH', '/api/me', { timeZone: 'Asia/Shanghai' }, dev.caller)
    const fourth = await d.task({
      productId: p.id,
      title: 'Due the 4th',
      assigneeId: dev.userId,
      dueDate: '2026-11-04',
    })
    await hourLater()
    expect((await reminders()).some((n: Json) => n.entityId === fourth.id && n.kind === 'due_soon')).toBe(
      true,
    )
  })

  it('tells the planners who see customers of a promise the forecast misses', async () => {
    const { d, p, dev, hourLater, reminders } = await world()
    const customer = await d.customer({ name: '华东汽车' })
    const r = await d.requirement(p.id, { title: '追溯报表', status: 'approved', targetDate: '2026-12-20' })
    await d.ok(
      'POST',
      `/requirements/${r.id}/asks`,
      { customerId: customer.id, promisedDate: '2026-11-10' },
      201,
    )
    // A second customer promised the same date: still one reminder, saying two customers.
    const other = await d.customer({ name: '江南电子' })
    await d.ok(
      'POST',
      `/requirements/${r.id}/asks`,
      { customerId: other.id, promisedDate: '2026-11-10' },
      201,
    )
    const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'pm@example.com')
    await hourLater()
    for (const who of [d.owner, pm.caller]) {
      const items = await reminders(who)
      expect(items).toHaveLength(1)
      expect(items[0]).toMatchObject({ kind: 'promise_at_risk', entityType: 'requirement', entityId: r.id })
      expect(items[0].data).toMatchObject({ promisedDate: '2026-11-10', customers: 2 })
    }
    // A developer plans nothing: not told.
    expect(await reminders(dev.caller)).toEqual([])
    await hourLater()
    expect(await reminders(pm.caller)).toHaveLength(1)
  })

  it('keeps unread notifications, and forgets read or archived ones after 180 days', async () => {
    const { d, p, dev, hourLater } = await world()
    const read = await d.task({ productId: p.id, title: 'Read', assigneeId: dev.userId })
    const archived = await d.task({ productId: p.id, title: 'Archived', assigneeId: dev.userId })
    const unread = await d.task({ productId: p.id, title: 'Unread', assigneeId: dev.userId })
    await d.t.settled()
    const mine = async () => (await rows(d.t, 'notifications')).filter((n) => n.user_id === dev.userId)
    const readOne = (await mine()).find((n) => n.user_id === dev.userId && n.entity_id === read.id)!
    await d.ok('POST', '/notifications/read', { ids: [readOne.id] }, 200, dev.caller)
    const archivedOne = (await mine()).find((n) => n.entity_id === archived.id)!
    await d.ok('POST', '/notifications/archive', { ids: [archivedOne.id] }, 200, dev.caller)
    const before = await mine()
    expect(before.map((n) => [n.kind, n.user_id])).toEqual([
      ['assigned', dev.userId],
      ['assigned', dev.userId],
      ['assigned', dev.userId],
    ])

    d.t.clock.advance(179 * 24 * HOUR)
    await hourLater()
    expect(await mine()).toHaveLength(before.length)

    d.t.clock.advance(2 * 24 * HOUR)
    await hourLater()
    expect((await mine()).map((n) => [n.kind, n.user_id, n.entity_id])).toEqual([
      ['assigned', dev.userId, unread.id],
    ])
  })
})

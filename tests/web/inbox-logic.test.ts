// The inbox's arithmetic: notifications grouped by item in the order of each item's newest, unread counted
// per group, and where each notification leads (the comment it names, the board, the members page).
import { describe, expect, it } from 'vitest'
import { notificationPath } from '../../domain/links'
import { groupByItem } from '../../web/src/features/notifications/inbox-logic'
import type { Notification } from '../../web/src/features/notifications/queries'

let next = 100
function notification(patch: Partial<Notification>): Notification {
  return {
    id: next--,
    kind: 'commented',
    entityType: 'task',
    entityId: 1,
    productId: 1,
    itemKey: 'MES-1',
    title: 'Wire the PLC tags',
    productKey: 'MES',
    commentId: null,
    excerpt: null,
    data: {},
    actor: { id: 2, name: '张伟' },
    createdAt: '2026-11-02T09:00:00.000Z',
    readAt: null,
    archivedAt: null,
    ...patch,
  }
}

describe('grouping the inbox', () => {
  it('groups by item, newest item first, and counts the unread of each', () => {
    const a1 = notification({ entityId: 1 })
    const b1 = notification({ entityId: 2, itemKey: 'MES-2' })
    const a2 = notification({ entityId: 1, readAt: '2026-11-02T10:00:00.000Z' })
    const r1 = notification({ entityType: 'requirement', entityId: 1, itemKey: 'MES-3' })
    const groups = groupByItem([a1, b1, a2, r1])
    expect(groups.map((g) => g.key)).toEqual(['task:1', 'task:2', 'requirement:1'])
    expect(groups[0]).toMatchObject({ items: [a1, a2], unread: 1 })
    expect(groups[1]!.unread).toBe(1)
  })

  it('leads to the comment, the item, the board, the product, the members page or the inbox', () => {
    expect(notificationPath(4, notification({ commentId: 7 }))).toBe('/w/4/i/MES-1#comment-7')
    expect(notificationPath(4, notification({ kind: 'assigned' }))).toBe('/w/4/i/MES-1')
    const changed = notification({
      kind: 'status_changed',
      data: { from: 'todo', to: 'doing', activityId: 40 },
    })
    expect(notificationPath(4, changed)).toBe('/w/4/i/MES-1#activity-40')
    const iteration = notification({ kind: 'iteration_started', entityType: 'iteration', itemKey: null })
    expect(notificationPath(4, iteration)).toBe('/w/4/p/MES/board')
    const product = notification({ entityType: 'product', itemKey: null })
    expect(notificationPath(4, product)).toBe('/w/4/p/MES')
    const member = notification({
      kind: 'invite_accepted',
      entityType: 'member',
      itemKey: null,
      productKey: null,
    })
    expect(notificationPath(4, member)).toBe('/w/4/settings/members')
    // Something whose page is gone (a product removed since): the inbox, not a dead end.
    expect(notificationPath(4, { ...product, productKey: null })).toBe('/w/4/inbox')
  })
})

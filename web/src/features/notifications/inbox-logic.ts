// The inbox's arithmetic: notifications grouped by the item they are about ("3 updates on MES-42"), newest
// group first, and where each one leads.
import type { Notification } from './queries'

export interface InboxGroup {
  /** `entityType:entityId`. */
  key: string
  /** Newest first; the first is what the group's line shows. */
  items: Notification[]
  unread: number
}

/** Groups by item, in the order of each item's newest notification (the list comes newest first). */
export function groupByItem(items: readonly Notification[]): InboxGroup[] {
  const groups = new Map<string, InboxGroup>()
  for (const n of items) {
    const key = `${n.entityType}:${n.entityId}`
    const group = groups.get(key) ?? { key, items: [], unread: 0 }
    groups.set(key, group)
    group.items.push(n)
    if (n.readAt === null) group.unread++
  }
  return [...groups.values()]
}

/** Where a notification leads: the item's page (at the comment it names), the board, the members. */
export function linkOf(ws: number, n: Notification): string {
  const base = `/w/${ws}`
  if (n.itemKey) return `${base}/i/${n.itemKey}${n.commentId ? `#comment-${n.commentId}` : ''}`
  if (n.entityType === 'iteration' && n.productKey) return `${base}/p/${n.productKey}/board`
  if (n.entityType === 'product' && n.productKey) return `${base}/p/${n.productKey}`
  if (n.entityType === 'member') return `${base}/settings/members`
  return base
}

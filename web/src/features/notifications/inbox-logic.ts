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

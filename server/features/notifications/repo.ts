// SQL for watchers, the inbox and the notifier's place in the history.
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first } from '../../../db/query'
import {
  activity,
  comments,
  cursors,
  customerAsks,
  iterations,
  memberProducts,
  members,
  notificationSettings,
  notifications,
  products,
  requirements,
  roles,
  tasks,
  users,
  watchers,
} from '../../../db/schema'
import type { NotificationChannel, NotificationKind, WatchableType } from '../../../domain/vocabulary'
import { isPermission } from '../../lib/permissions'
import type { CommentNow, HistoryRow } from './rules'

export type NotificationInsert = typeof notifications.$inferInsert
export interface WatchRow {
  workspaceId: number
  entityType: WatchableType
  entityId: number
  userId: number
}

/** Which of a person's notifications a list shows. */
export interface InboxFilter {
  workspaceId: number
  userId: number
  /** null: every product; otherwise notifications of these products and of none. */
  productIds: readonly number[] | null
  /** The item types the person may see now (permissions change after a notification was made). */
  entityTypes: readonly string[]
  unread?: boolean
  archived?: boolean
  kinds?: readonly NotificationKind[]
  beforeId?: number
  limit?: number
  /** Email: those made for this channel and not yet mailed, of one item or made since a moment. */
  unmailed?: 'email' | 'digest'
  entity?: { type: string; id: number }
  since?: string
}

function inbox(f: InboxFilter): SQL {
  const n = notifications
  const where: (SQL | undefined)[] = [
    eq(n.userId, f.userId),
    eq(n.workspaceId, f.workspaceId),
    inArray(n.entityType, [...f.entityTypes]),
    f.archived ? isNotNull(n.archivedAt) : isNull(n.archivedAt),
  ]
  if (f.productIds) where.push(or(isNull(n.productId), inArray(n.productId, [...f.productIds])))
  if (f.unread) where.push(isNull(n.readAt))
  if (f.kinds?.length) where.push(inArray(n.kind, [...f.kinds]))
  if (f.beforeId !== undefined) where.push(lt(n.id, f.beforeId))
  if (f.unmailed) where.push(eq(n.channel, f.unmailed), isNull(n.mailedAt))
  if (f.entity) where.push(eq(n.entityType, f.entity.type), eq(n.entityId, f.entity.id))
  if (f.since) where.push(gte(n.createdAt, f.since))
  return and(...where)!
}

export const notificationRepo = {
  /** Deletes notifications read or archived before `beforeIso` (unread ones stay, however old). */
  async prune(db: Db, beforeIso: string) {
    await db
      .delete(notifications)
      .where(
        and(
          lt(notifications.createdAt, beforeIso),
          or(isNotNull(notifications.readAt), isNotNull(notifications.archivedAt)),
        ),
      )
  },

  // --- watchers

  async watchers(db: Db, entityType: WatchableType, entityId: number) {
    return await db
      .select({ id: users.id, name: users.name, since: watchers.createdAt })
      .from(watchers)
      .innerJoin(users, eq(users.id, watchers.userId))
      .where(and(eq(watchers.entityType, entityType), eq(watchers.entityId, entityId)))
      .orderBy(asc(watchers.id))
  },

  /** The user ids watching any of these items, by item (`type:id`). */
  async watchersOf(db: Db, items: readonly { entityType: WatchableType; entityId: number }[]) {
    const byItem = new Map<string, number[]>()
    // Each item once: a burst of moves names the same few items many times.
    const unique = [...new Map(items.map((i) => [`${i.entityType}:${i.entityId}`, i])).values()]
    if (unique.length === 0) return byItem
    const rows = await db
      .select({ entityType: watchers.entityType, entityId: watchers.entityId, userId: watchers.userId })
      .from(watchers)
      .where(
        or(
          ...unique.map((i) => and(eq(watchers.entityType, i.entityType), eq(watchers.entityId, i.entityId))),
        ),
      )
    for (const r of rows) {
      const key = `${r.entityType}:${r.entityId}`
      byItem.set(key, [...(byItem.get(key) ?? []), r.userId])
    }
    return byItem
  },

  /** Adds watchers; those already watching stay as they were. */
  async watch(db: Db, rows: readonly WatchRow[], at: string) {
    if (rows.length === 0) return
    await db
      .insert(watchers)
      .values(rows.map((r) => ({ ...r, createdAt: at })))
      .onConflictDoNothing()
  },

  async unwatch(db: Db, entityType: WatchableType, entityId: number, userId: number) {
    await db
      .delete(watchers)
      .where(
        and(
          eq(watchers.entityType, entityType),
          eq(watchers.entityId, entityId),
          eq(watchers.userId, userId),
        ),
      )
  },

  /** An item is gone: nobody watches it, and what was said of it leaves the inboxes. */
  async forget(db: Db, entityType: string, entityId: number) {
    await db
      .delete(watchers)
      .where(and(eq(watchers.entityType, entityType as WatchableType), eq(watchers.entityId, entityId)))
    await db
      .delete(notifications)
      .where(and(eq(notifications.entityType, entityType), eq(notifications.entityId, entityId)))
  },

  // --- preferences

  async settings(db: Db, userId: number) {
    return await first(db.select().from(notificationSettings).where(eq(notificationSettings.userId, userId)))
  },

  /** The channels chosen by each of these people (absent: all in the inbox). */
  async channelsOf(db: Db, userIds: readonly number[]) {
    const byUser = new Map<number, Partial<Record<NotificationKind, NotificationChannel>>>()
    if (userIds.length === 0) return byUser
    const rows = await db
      .select({ userId: notificationSettings.userId, channels: notificationSettings.channels })
      .from(notificationSettings)
      .where(inArray(notificationSettings.userId, [...new Set(userIds)]))
    for (const r of rows) byUser.set(r.userId, r.channels)
    return byUser
  },

  async saveSettings(db: Db, values: typeof notificationSettings.$inferInsert) {
    const { userId: _, ...set } = values
    await db
      .insert(notificationSettings)
      .values(values)
      .onConflictDoUpdate({ target: notificationSettings.userId, set })
  },

  // --- mentions

  /** Which of these users are members of the workspace. */
  async memberUserIds(db: Db, workspaceId: number, userIds: readonly number[]) {
    const rows = await db
      .select({ userId: members.userId })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), inArray(members.userId, [...userIds])))
    return new Set(rows.map((r) => r.userId))
  },

  /** Every member of a workspace with what they may see: their role's permissions and their products. */
  async membersWithAccess(db: Db, workspaceId: number) {
    const rows = await db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        memberId: members.id,
        restricted: members.restricted,
        permissions: roles.permissions,
      })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .innerJoin(roles, eq(roles.id, members.roleId))
      // Deactivated accounts are offered to nobody and reminded of nothing.
      .where(and(eq(members.workspaceId, workspaceId), isNull(users.deactivatedAt)))
      .orderBy(asc(users.name))
    const narrowed = rows.filter((r) => r.restricted).map((r) => r.memberId)
    const products = new Map<number, number[]>()
    if (narrowed.length) {
      const links = await db
        .select({ memberId: memberProducts.memberId, productId: memberProducts.productId })
        .from(memberProducts)
        .where(inArray(memberProducts.memberId, narrowed))
      for (const l of links) products.set(l.memberId, [...(products.get(l.memberId) ?? []), l.productId])
    }
    return rows.map(({ memberId, restricted, permissions, ...r }) => ({
      ...r,
      permissions: new Set(permissions.filter(isPermission)),
      productIds: restricted ? (products.get(memberId) ?? []) : null,
    }))
  },

  /** Comments that are gone: the notifications pointing at them leave the inboxes. */
  async forgetComments(db: Db, commentIds: readonly number[]) {
    if (commentIds.length === 0) return
    await db.delete(notifications).where(inArray(notifications.commentId, [...commentIds]))
  },

  // --- the notifier

  async cursor(db: Db, name: string): Promise<number> {
    const row = await first(db.select({ value: cursors.value }).from(cursors).where(eq(cursors.name, name)))
    return row?.value ?? 0
  },

  async setCursor(db: Db, name: string, value: number) {
    await db
      .insert(cursors)
      .values({ name, value })
      .onConflictDoUpdate({ target: cursors.name, set: { value } })
  },

  /** History rows after `afterId`, oldest first, except those an import wrote. */
  async history(db: Db, afterId: number, limit: number) {
    const rows = await db
      .select({
        id: activity.id,
        workspaceId: activity.workspaceId,
        productId: activity.productId,
        entityType: activity.entityType,
        entityId: activity.entityId,
        action: activity.action,
        actorId: activity.actorId,
        imported: activity.imported,
        before: activity.before,
        after: activity.after,
        createdAt: activity.createdAt,
      })
      .from(activity)
      .where(gt(activity.id, afterId))
      .orderBy(asc(activity.id))
      .limit(limit)
    const kept: HistoryRow[] = rows.filter((r) => !r.imported)
    return { rows: kept, read: rows.length, lastId: rows.at(-1)?.id ?? afterId }
  },

  /** The comments' bodies and what they are on, by id (those since deleted are absent). */
  async comments(db: Db, ids: readonly number[]) {
    const byId = new Map<number, CommentNow>()
    if (ids.length === 0) return byId
    const rows = await db
      .select({
        id: comments.id,
        body: comments.body,
        target: comments.entityType,
        targetId: comments.entityId,
      })
      .from(comments)
      .where(inArray(comments.id, [...new Set(ids)]))
    for (const { id, ...comment } of rows) byId.set(id, comment)
    return byId
  },

  async insert(db: Db, rows: readonly NotificationInsert[]) {
    if (rows.length === 0) return []
    return await db
      .insert(notifications)
      .values([...rows])
      .returning({ id: notifications.id })
  },

  // --- reminders

  /** Open tasks with an assignee, due on or before `upTo`, with the assignee's time zone. */
  async dueTasks(db: Db, upTo: string) {
    return await db
      .select({
        id: tasks.id,
        workspaceId: tasks.workspaceId,
        productId: tasks.productId,
        dueDate: sql<string>`${tasks.dueDate}`,
        assigneeId: sql<number>`${tasks.assigneeId}`,
        timeZone: users.timeZone,
      })
      .from(tasks)
      .innerJoin(users, eq(users.id, tasks.assigneeId))
      .where(and(isNotNull(tasks.dueDate), lte(tasks.dueDate, upTo), ne(tasks.status, 'done')))
  },

  /** Products with a date promised to a customer on a requirement that is still open. */
  async productsWithPromises(db: Db) {
    return await db
      .selectDistinct({ id: products.id, workspaceId: products.workspaceId })
      .from(customerAsks)
      .innerJoin(requirements, eq(requirements.id, customerAsks.requirementId))
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(isNotNull(customerAsks.promisedDate))
  },

  /** Reminders, each at most once per person (by its dedupe key); answers those that are new. */
  async insertReminders(db: Db, rows: readonly NotificationInsert[]) {
    if (rows.length === 0) return []
    return await db
      .insert(notifications)
      .values([...rows])
      .onConflictDoNothing()
      .returning({
        userId: notifications.userId,
        workspaceId: notifications.workspaceId,
        entityType: notifications.entityType,
        entityId: notifications.entityId,
        channel: notifications.channel,
      })
  },

  // --- the inbox

  async list(db: Db, f: InboxFilter) {
    const n = notifications
    return await db
      .select({
        id: n.id,
        kind: n.kind,
        entityType: n.entityType,
        entityId: n.entityId,
        productId: n.productId,
        commentId: n.commentId,
        data: n.data,
        createdAt: n.createdAt,
        readAt: n.readAt,
        archivedAt: n.archivedAt,
        actorId: n.actorId,
        // A subquery, not a second join of users (which a member's name takes).
        actorName: sql<string | null>`(select a.name from ${users} a where a.id = ${n.actorId})`,
        productKey: products.key,
        productName: products.name,
        number: sql<number | null>`coalesce(${requirements.number}, ${tasks.number})`,
        title: sql<string | null>`coalesce(${requirements.title}, ${tasks.title}, ${iterations.name})`,
        memberName: users.name,
        excerpt: sql<string | null>`substr(${comments.body}, 1, 200)`,
      })
      .from(n)
      .leftJoin(products, eq(products.id, n.productId))
      .leftJoin(requirements, and(eq(n.entityType, 'requirement'), eq(requirements.id, n.entityId)))
      .leftJoin(tasks, and(eq(n.entityType, 'task'), eq(tasks.id, n.entityId)))
      .leftJoin(iterations, and(eq(n.entityType, 'iteration'), eq(iterations.id, n.entityId)))
      .leftJoin(members, and(eq(n.entityType, 'member'), eq(members.id, n.entityId)))
      .leftJoin(users, eq(users.id, members.userId))
      .leftJoin(comments, eq(comments.id, n.commentId))
      .where(inbox(f))
      .orderBy(desc(n.id))
      .limit(f.limit ?? 50)
  },

  async unreadCount(db: Db, f: InboxFilter) {
    const row = await first(
      db
        .select({ n: count() })
        .from(notifications)
        .where(inbox({ ...f, unread: true })),
    )
    return Number(row?.n ?? 0)
  },

  /** Sets when the given notifications (or all that the filter shows) were read or archived. */
  async mark(
    db: Db,
    f: InboxFilter,
    ids: readonly number[] | 'all',
    values: { readAt?: string | null; archivedAt?: string | null },
  ) {
    const where = ids === 'all' ? inbox(f) : and(inbox(f), inArray(notifications.id, [...ids]))
    return await db.update(notifications).set(values).where(where).returning({ id: notifications.id })
  },
}

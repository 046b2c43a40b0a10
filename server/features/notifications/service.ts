// Watching items and reading one's inbox. What a person sees is rechecked on every read: a notification
// of an item they may no longer see (narrowed to other products, a role without its view) stays hidden.

import { accessEpoch } from '../../../db/access-epoch'
import type { NotificationKind, WatchableType } from '../../../domain/vocabulary'
import { EpochCache } from '../../lib/cache'
import type { AppDeps, ServiceContext } from '../../lib/context'
import { maySee, visibleEntityTypes } from '../../lib/permissions'
import { bookkeepingWrite } from '../../lib/write'
import { iterationOrThrow } from '../iterations/service'
import { getProduct } from '../products/service'
import { requirementOrThrow } from '../requirements/service'
import { taskOrThrow } from '../tasks/service'
import { nameMatch } from './name-match'
import { type InboxFilter, notificationRepo } from './repo'
import { tellInboxes } from './tell'

/** The item's product, if the caller may see the item (404 otherwise, as if it did not exist). */
async function seeItem(ctx: ServiceContext, type: WatchableType, id: number): Promise<number> {
  if (type === 'requirement') return (await requirementOrThrow(ctx, id)).row.productId
  if (type === 'task') return (await taskOrThrow(ctx, id)).productId
  if (type === 'iteration') return (await iterationOrThrow(ctx, id)).productId
  return (await getProduct(ctx, id)).id
}

type Roster = Awaited<ReturnType<typeof notificationRepo.membersWithAccess>>
/** Each app's workspace rosters, while the access epoch holds (any change to users, members or roles moves it). */
const rosters = new WeakMap<AppDeps['store'], EpochCache<Roster>>()

/** The workspace's members with their access: read once per access epoch, not at every keystroke. */
async function roster(ctx: ServiceContext): Promise<Roster> {
  const { deps } = ctx
  let cache = rosters.get(deps.store)
  if (!cache) {
    cache = new EpochCache<Roster>(1_000)
    rosters.set(deps.store, cache)
  }
  const epoch = await accessEpoch(deps.db)
  const key = String(ctx.membership.workspaceId)
  const cached = cache.get(epoch, key)
  if (cached) return cached
  const fresh = await notificationRepo.membersWithAccess(deps.db, ctx.membership.workspaceId)
  cache.set(epoch, key, fresh)
  return fresh
}

/**
 * Members to offer when someone types `@`: those who may see the item (or, without one, the product), best
 * matches first; the caller is left out. Name, email, pinyin and its initials all match.
 */
export async function mentionable(
  ctx: ServiceContext,
  q: {
    entityType?: 'requirement' | 'task'
    entityId?: number
    productId?: number
    query: string
    ids?: readonly number[]
    limit: number
  },
) {
  const productId =
    q.entityType && q.entityId !== undefined
      ? await seeItem(ctx, q.entityType, q.entityId)
      : q.productId !== undefined
        ? (await getProduct(ctx, q.productId)).id
        : null
  const needs = q.entityType ?? 'requirement'
  const seesEmails = ctx.membership.permissions.has('member.view')
  const found: { id: number; name: string; email: string; rank: number }[] = []
  for (const m of await roster(ctx)) {
    if (m.id === ctx.user.id || (q.ids && !q.ids.includes(m.id))) continue
    if (productId !== null && m.productIds !== null && !m.productIds.includes(productId)) continue
    if (!maySee(m.permissions, needs)) continue
    // Email addresses are shown (and matched) only to those who may see the member list.
    const email = seesEmails ? m.email : ''
    const rank = nameMatch(q.query, m.name, email)
    if (rank !== null) found.push({ id: m.id, name: m.name, email, rank })
  }
  found.sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name, 'zh-CN'))
  return { items: found.slice(0, q.limit).map(({ rank: _, email, ...m }) => (email ? { ...m, email } : m)) }
}

export async function listWatchers(ctx: ServiceContext, type: WatchableType, id: number) {
  await seeItem(ctx, type, id)
  // Who started watching through the changes just made (their creator, assignee…) is on the list.
  await ctx.deps.notifier?.settled()
  const items = await notificationRepo.watchers(ctx.deps.db, type, id)
  return { items, watching: items.some((w) => w.id === ctx.user.id) }
}

/** The caller starts or stops watching an item (their own bookkeeping: no history, nobody told). */
export async function setWatching(ctx: ServiceContext, type: WatchableType, id: number, on: boolean) {
  await seeItem(ctx, type, id)
  // Stopping holds against the watching that the changes just made set off.
  await ctx.deps.notifier?.settled()
  const { workspaceId } = ctx.membership
  await bookkeepingWrite(ctx.deps.store, (tx) =>
    on
      ? notificationRepo.watch(
          tx,
          [{ workspaceId, entityType: type, entityId: id, userId: ctx.user.id }],
          ctx.deps.clock.now().toISOString(),
        )
      : notificationRepo.unwatch(tx, type, id, ctx.user.id),
  )
  return listWatchers(ctx, type, id)
}

function inboxOf(ctx: ServiceContext, extra: Partial<InboxFilter> = {}): InboxFilter {
  return {
    workspaceId: ctx.membership.workspaceId,
    userId: ctx.user.id,
    productIds: ctx.membership.productIds,
    entityTypes: visibleEntityTypes(ctx.membership.permissions),
    ...extra,
  }
}

export interface InboxQuery {
  unread?: boolean
  archived?: boolean
  kinds?: readonly NotificationKind[]
  cursor?: number
  limit: number
}

export async function listNotifications(ctx: ServiceContext, q: InboxQuery) {
  // What this process's writes set off is in the inbox before it is read.
  await ctx.deps.notifier?.settled()
  const db = ctx.deps.db
  const filter = inboxOf(ctx, { unread: q.unread, archived: q.archived, kinds: q.kinds })
  const [rows, unreadCount] = await Promise.all([
    notificationRepo.list(db, { ...filter, beforeId: q.cursor, limit: q.limit }),
    notificationRepo.unreadCount(db, inboxOf(ctx)),
  ])
  const items = rows.map(
    ({ productKey, productName, number, title, memberName, excerpt, actorId, actorName, ...n }) => ({
      ...n,
      actor: actorId !== null && actorName !== null ? { id: actorId, name: actorName } : null,
      itemKey: productKey !== null && number !== null ? `${productKey}-${number}` : null,
      title:
        (n.entityType === 'member' ? memberName : n.entityType === 'product' ? productName : title) ?? '',
      productKey,
      excerpt,
    }),
  )
  const last = rows.at(-1)
  return { items, nextCursor: rows.length === q.limit && last ? String(last.id) : null, unreadCount }
}

export async function unreadCount(ctx: ServiceContext) {
  await ctx.deps.notifier?.settled()
  return { unreadCount: await notificationRepo.unreadCount(ctx.deps.db, inboxOf(ctx)) }
}

/**
 * Marks notifications read or unread, archived or back in the inbox: the given ones (those of another
 * person are left alone), or every one the inbox shows. The person's other tabs hear of it.
 */
export async function markNotifications(
  ctx: ServiceContext,
  ids: readonly number[] | 'all',
  change: { read?: boolean; archived?: boolean },
) {
  // "All" means all that has arrived from the changes made before.
  await ctx.deps.notifier?.settled()
  const now = ctx.deps.clock.now().toISOString()
  const values: { readAt?: string | null; archivedAt?: string | null } = {}
  if (change.read !== undefined) values.readAt = change.read ? now : null
  if (change.archived !== undefined) values.archivedAt = change.archived ? now : null
  // Archiving reads it too; bringing one back leaves it as it was.
  if (change.archived === true && change.read === undefined) values.readAt = now
  const changed = await ctx.deps.store.transaction(async (tx, level) => {
    // Unarchiving looks among the archived; anything else, among the inbox.
    const filter = inboxOf(ctx, { archived: change.archived === false })
    const rows = await notificationRepo.mark(tx, filter, ids, values)
    if (rows.length === 0) return 0
    const { workspaceId } = ctx.membership
    await tellInboxes(ctx.deps, tx, level, new Map([[workspaceId, new Set([ctx.user.id])]]), 'updated')
    return rows.length
  })
  return { changed, ...(await unreadCount(ctx)) }
}

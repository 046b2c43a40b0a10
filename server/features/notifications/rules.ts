// Who hears of a change: from one history row, who starts watching what, and who is told what. Pure: the
// notifier (notifier.ts) reads the rows, asks here, and writes what this answers.
import { mentionedIds } from '../../../domain/mentions'
import type { NotificationKind, WatchableType } from '../../../domain/vocabulary'

/** A history row as the notifier reads it. */
export interface HistoryRow {
  id: number
  workspaceId: number
  productId: number | null
  entityType: string
  entityId: number
  action: string
  actorId: number | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  createdAt: string
}

export interface Item {
  entityType: string
  entityId: number
}

export interface Notice {
  kind: NotificationKind
  /** The item the inbox line is about. */
  item: Item
  /** Who is told: these users, and the watchers of these items. */
  users: number[]
  watchersOf: { entityType: WatchableType; entityId: number }[]
  /** Who made it happen (never told). */
  actorId: number | null
  commentId?: number
  data?: Record<string, unknown>
}

export interface Consequences {
  /** People who start watching an item (its creator, its assignee, whoever comments). */
  watch: { entityType: WatchableType; entityId: number; userId: number }[]
  notices: Notice[]
  /** An item that is gone: its watchers and its notifications go with it. */
  forget?: Item
  /** A comment that is gone: what pointed at it leaves the inboxes. */
  forgetComment?: number
}

const WATCHABLE = new Set<string>(['requirement', 'task', 'iteration', 'product'])
const isWatchable = (type: string): type is WatchableType => WATCHABLE.has(type)

const idOf = (value: unknown) => (typeof value === 'number' ? value : null)

/** People mentioned in `after` who were not in `before` (an edit tells only the newly mentioned). */
function newlyMentioned(before: unknown, after: unknown): number[] {
  const already = new Set(mentionedIds(typeof before === 'string' ? before : ''))
  return mentionedIds(typeof after === 'string' ? after : '').filter((id) => !already.has(id))
}

/** A comment as it is now: what a comment's history row does not carry. */
export interface CommentNow {
  body: string
  target: 'requirement' | 'task'
  targetId: number
}

/**
 * What one history row sets off; `comment`: the comment it is about, for a comment's row. A person hears
 * of a row once, by the first notice that names them (a mention before a comment).
 */
export function consequencesOf(row: HistoryRow, comment?: CommentNow): Consequences {
  const out: Consequences = { watch: [], notices: [] }
  const { entityType, entityId, actorId } = row
  const after = row.after ?? {}
  const before = row.before ?? {}
  const item = { entityType, entityId }
  const watch = (type: WatchableType, id: number, userId: number | null) => {
    if (userId !== null) out.watch.push({ entityType: type, entityId: id, userId })
  }

  if (row.action === 'deleted') {
    if (isWatchable(entityType)) out.forget = item
    if (entityType === 'comment') out.forgetComment = entityId
    return out
  }

  if (entityType === 'comment' && row.action === 'created') {
    const target = after.target
    const targetId = idOf(after.targetId)
    if ((target === 'requirement' || target === 'task') && targetId !== null) {
      watch(target, targetId, actorId)
      const mentioned = newlyMentioned('', comment?.body)
      for (const userId of mentioned) watch(target, targetId, userId)
      if (mentioned.length)
        out.notices.push({
          kind: 'mentioned',
          item: { entityType: target, entityId: targetId },
          users: mentioned,
          watchersOf: [],
          actorId,
          commentId: entityId,
        })
      out.notices.push({
        kind: 'commented',
        item: { entityType: target, entityId: targetId },
        users: [],
        watchersOf: [{ entityType: target, entityId: targetId }],
        actorId,
        commentId: entityId,
      })
    }
    return out
  }

  if (entityType === 'comment' && row.action === 'updated') {
    const mentioned = newlyMentioned(before.body, after.body)
    if (comment && mentioned.length) {
      const { target, targetId } = comment
      for (const userId of mentioned) watch(target, targetId, userId)
      out.notices.push({
        kind: 'mentioned',
        item: { entityType: target, entityId: targetId },
        users: mentioned,
        watchersOf: [],
        actorId,
        commentId: entityId,
      })
    }
    return out
  }

  if (entityType === 'member' && row.action === 'created') {
    const inviter = idOf(after.invitedBy)
    // The person who joined made it happen, whether or not they had an account before.
    const joined = idOf(after.userId)
    if (inviter !== null && inviter !== joined)
      out.notices.push({ kind: 'invite_accepted', item, users: [inviter], watchersOf: [], actorId: joined })
    return out
  }

  if (!isWatchable(entityType)) return out
  if (row.action === 'created') watch(entityType, entityId, actorId)

  if (entityType === 'task') {
    const assignee = idOf(after.assigneeId)
    if ('assigneeId' in after && assignee !== null) {
      watch('task', entityId, assignee)
      out.notices.push({ kind: 'assigned', item, users: [assignee], watchersOf: [], actorId })
    }
  }

  if ((entityType === 'requirement' || entityType === 'task') && 'description' in after) {
    const mentioned = newlyMentioned(before.description, after.description)
    for (const userId of mentioned) watch(entityType, entityId, userId)
    if (mentioned.length)
      out.notices.push({ kind: 'mentioned', item, users: mentioned, watchersOf: [], actorId })
  }
  if (row.action !== 'created' && 'status' in after && before.status !== after.status) {
    const change = { from: before.status ?? null, to: after.status }
    if (entityType === 'iteration') {
      const kind =
        after.status === 'active'
          ? 'iteration_started'
          : after.status === 'closed'
            ? 'iteration_completed'
            : null
      if (kind) {
        const watchersOf: Notice['watchersOf'] = [{ entityType: 'iteration', entityId }]
        if (row.productId !== null) watchersOf.push({ entityType: 'product', entityId: row.productId })
        out.notices.push({ kind, item, users: [], watchersOf, actorId, data: change })
      }
    } else if (entityType === 'task' || entityType === 'requirement') {
      const kind =
        entityType === 'task' && after.status === 'blocked'
          ? 'blocked'
          : entityType === 'task' && before.status === 'blocked'
            ? 'unblocked'
            : 'status_changed'
      out.notices.push({
        kind,
        item,
        users: [],
        watchersOf: [{ entityType, entityId }],
        actorId,
        // The history entry of the change: the inbox and emails link to it on the item's page.
        data:
          kind === 'blocked' && typeof after.blockedReason === 'string'
            ? { ...change, reason: after.blockedReason, activityId: row.id }
            : { ...change, activityId: row.id },
      })
    }
  }
  return out
}

// The home page's reading of the data, free of the DOM: my tasks by status, the risk lists (blocked with
// their age, overdue by how late), an iteration's progress and days left, and what an activity row is about.
import { daysBetween, localToday } from '../../../../domain/dates'

export interface HomeTask {
  id: number
  key: string
  productId: number
  title: string
  kind: string
  status: string
  assigneeName: string | null
  estimate: number | null
  dueDate: string | null
  blockedReason: string | null
  updatedAt: string
}

/** YYYY-MM-DD of an instant in the viewer's time zone. */
export const localDay = (iso: string) => localToday(new Date(iso))

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export const daysFrom = daysBetween

/** Open statuses in the order a developer works them: unblock first, then finish, then start. */
export const MY_TASK_ORDER = ['blocked', 'review', 'doing', 'todo'] as const

export const isOverdue = (task: Pick<HomeTask, 'dueDate' | 'status'>, today: string) =>
  task.dueDate !== null && task.status !== 'done' && task.dueDate < today

/** My open tasks in status groups (empty groups left out); overdue first, then by due date, in each. */
export function groupMyTasks<T extends HomeTask>(tasks: readonly T[], today: string) {
  return MY_TASK_ORDER.map((status) => ({
    status,
    tasks: tasks
      .filter((t) => t.status === status)
      .sort(
        (a, b) =>
          Number(isOverdue(b, today)) - Number(isOverdue(a, today)) ||
          (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
          a.id - b.id,
      ),
  })).filter((group) => group.tasks.length > 0)
}

export interface BlockedRisk<T> {
  task: T
  /** Calendar days since it was last changed (when it was blocked, unless edited since). */
  ageDays: number
}

export interface OverdueRisk<T> {
  task: T
  daysLate: number
}

/** Blocked tasks, longest blocked first; overdue tasks, latest first (a blocked task listed once). */
export function riskLists<T extends HomeTask>(blocked: readonly T[], overdue: readonly T[], today: string) {
  const blockedRisks: BlockedRisk<T>[] = blocked
    .filter((t) => t.status === 'blocked')
    .map((task) => ({ task, ageDays: Math.max(0, daysFrom(localDay(task.updatedAt), today)) }))
    .sort((a, b) => b.ageDays - a.ageDays || a.task.id - b.task.id)
  const blockedIds = new Set(blockedRisks.map((r) => r.task.id))
  const overdueRisks: OverdueRisk<T>[] = overdue
    .filter((t) => isOverdue(t, today) && !blockedIds.has(t.id))
    .map((task) => ({ task, daysLate: daysFrom(task.dueDate!, today) }))
    .sort((a, b) => b.daysLate - a.daysLate || a.task.id - b.task.id)
  return { blocked: blockedRisks, overdue: overdueRisks }
}

export interface Progress {
  done: number
  total: number
  /** Points when anything is estimated, else a count of tasks. */
  unit: 'points' | 'tasks'
  /** 0–100, rounded. */
  percent: number
}

/** Done points against all points on the board; by task count when nothing is estimated. */
export function progressOf(columns: readonly { status: string; count: number; points: number }[]): Progress {
  const total = columns.reduce((sum, c) => sum + c.points, 0)
  if (total > 0) {
    const done = columns.find((c) => c.status === 'done')?.points ?? 0
    return { done, total, unit: 'points', percent: Math.round((done / total) * 100) }
  }
  const count = columns.reduce((sum, c) => sum + c.count, 0)
  const done = columns.find((c) => c.status === 'done')?.count ?? 0
  return { done, total: count, unit: 'tasks', percent: count ? Math.round((done / count) * 100) : 0 }
}

export { daysLeft } from '../../../../domain/dates'

export interface ActivityRow {
  entityType: string
  entityId: number
  productId: number | null
  action: string
  automatic: boolean
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** What an activity row is about, for looking up its key and title. */
export type SubjectRef =
  | { type: 'requirement' | 'task'; id: number }
  | { type: 'iteration' | 'release'; id: number; productId: number | null }
  | { type: 'named'; name: string }
  | { type: 'none' }

const num = (value: unknown) => (typeof value === 'number' ? value : undefined)
const str = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

export function subjectOf(row: ActivityRow): SubjectRef {
  const field = (name: string) => row.after?.[name] ?? row.before?.[name]
  switch (row.entityType) {
    case 'task':
    case 'requirement':
      return { type: row.entityType, id: row.entityId }
    case 'ask': {
      const requirementId = num(field('requirementId'))
      return requirementId ? { type: 'requirement', id: requirementId } : { type: 'none' }
    }
    case 'comment': {
      const target = field('target')
      const targetId = num(field('targetId'))
      if ((target === 'requirement' || target === 'task') && targetId) return { type: target, id: targetId }
      return { type: 'none' }
    }
    case 'attachment': {
      // On an item, or on a comment: the comment's item then rides along as type and id (when added).
      const target = field('target')
      const targetId = num(field('targetId'))
      if ((target === 'requirement' || target === 'task') && targetId) return { type: target, id: targetId }
      const type = field('type')
      const id = num(field('id'))
      if ((type === 'requirement' || type === 'task') && id) return { type, id }
      return { type: 'none' }
    }
    case 'iteration':
    case 'release': {
      const name = str(field('name'))
      return name
        ? { type: 'named', name }
        : { type: row.entityType, id: row.entityId, productId: row.productId }
    }
    default: {
      const name = str(field('name')) ?? str(field('title'))
      return name ? { type: 'named', name } : { type: 'none' }
    }
  }
}

/**
 * The sentence an activity row reads as (a key under home.activity, or a feature's key in full): a status
 * change names its from and to; starting, closing and releasing have their own words; a file attached or
 * deleted names the file; anything else is created/updated/deleted.
 */
export function sentenceOf(row: ActivityRow): {
  key: string
  from?: string
  to?: string
  reason?: string
  file?: string
} {
  if (row.action === 'imported') return { key: 'imported', file: str(row.after?.file) ?? '' }
  const before = str(row.before?.status)
  const after = str(row.after?.status)
  const type = row.entityType
  if (type === 'task' && row.action === 'moved') {
    if (after === 'blocked') return { key: 'taskBlocked', reason: str(row.after?.blockedReason) }
    if (before && after && before !== after) return { key: 'taskMoved', from: before, to: after }
    return { key: 'taskReordered' }
  }
  if (
    type === 'requirement' &&
    (row.action === 'transitioned' || (row.action === 'updated' && before !== after && after))
  ) {
    if (before && after)
      return { key: row.automatic ? 'requirementAuto' : 'requirementMoved', from: before, to: after }
  }
  if (type === 'iteration' && after && before !== after) {
    if (after === 'active') return { key: 'iterationStarted' }
    if (after === 'closed') return { key: 'iterationClosed' }
  }
  if (type === 'release' && after === 'released' && before !== after) return { key: 'releaseReleased' }
  if (type === 'ask') return { key: row.action === 'deleted' ? 'askRemoved' : 'askAdded' }
  if (type === 'member' && row.action === 'created') return { key: 'memberJoined' }
  if (type === 'invite' && row.action === 'created') return { key: 'invited' }
  if (type === 'comment') return { key: 'commented' }
  // Worded by the attachments feature (a key of its own, in full): with the item when it is known.
  if (type === 'attachment') {
    const word = row.action === 'deleted' ? 'removed' : 'added'
    const alone = subjectOf(row).type === 'none' ? 'Alone' : ''
    return {
      key: `attachments.activity.${word}${alone}`,
      file: str(row.after?.name) ?? str(row.before?.name) ?? '',
    }
  }
  const action = ['created', 'updated', 'deleted'].includes(row.action) ? row.action : 'updated'
  return { key: `${action}` }
}

// Reconstructs an iteration's tasks on any past day from the activity history, and derives burndown,
// burnup and cumulative flow from it. Pure functions: the events come in, the days go out.
import { addDays } from '../../../domain/dates'
import { MAX_ITERATION_DAYS } from '../../../domain/limits'
import { BOARD_STATUSES, type TaskStatus } from '../../../domain/vocabulary'
import type { TaskEvent } from './repo'

const STATUSES = BOARD_STATUSES
type Status = TaskStatus

interface TaskState {
  iterationId: number | null
  estimate: number | null
  status: Status
  deleted: boolean
}

export interface IterationDay {
  date: string
  /** Points of the tasks in the iteration at the end of the day (null for days still to come). */
  scope: number | null
  done: number | null
  remaining: number | null
  /** The straight line from the scope at the start to zero at the end. */
  ideal: number
  /** Points added to (positive) or removed from (negative) the scope that day, after the first day. */
  scopeChange: number
  counts: Record<Status, number> | null
}

/** Each date from `start` to `end` inclusive (YYYY-MM-DD). */
export function dates(start: string, end: string): string[] {
  const out: string[] = []
  for (
    let d = new Date(`${start}T00:00:00Z`);
    d <= new Date(`${end}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    out.push(d.toISOString().slice(0, 10))
  }
  return out
}

function apply(states: Map<number, TaskState>, e: TaskEvent) {
  const current = states.get(e.entityId)
  if (e.action === 'created') {
    const a = e.after ?? {}
    states.set(e.entityId, {
      iterationId: (a.iterationId as number | null) ?? null,
      estimate: (a.estimate as number | null) ?? null,
      status: ((a.status as Status) ?? 'todo') as Status,
      deleted: false,
    })
    return
  }
  if (!current) return
  if (e.action === 'deleted') {
    current.deleted = true
    return
  }
  const a = e.after ?? {}
  if ('iterationId' in a) current.iterationId = (a.iterationId as number | null) ?? null
  if ('estimate' in a) current.estimate = (a.estimate as number | null) ?? null
  if ('status' in a) current.status = a.status as Status
}

/** Tasks without an estimate count as one point, so they still show on the charts. */
const points = (t: TaskState) => t.estimate ?? 1

/**
 * The iteration day by day from its start to its end; days after `until` (today) have no values yet.
 * An iteration that has not started has no days.
 */
export function iterationDays(
  events: readonly TaskEvent[],
  iteration: { id: number; startDate: string; endDate: string },
  until: string,
): IterationDay[] {
  if (until < iteration.startDate) return []
  // Iterations are at most MAX_ITERATION_DAYS long; a row written before that rule is read that far.
  const lastDay = addDays(iteration.startDate, MAX_ITERATION_DAYS - 1)
  const days = dates(iteration.startDate, [iteration.endDate, lastDay].sort()[0]!)
  const states = new Map<number, TaskState>()
  const out: IterationDay[] = []
  let next = 0
  let previousScope: number | undefined
  let startScope = 0
  for (const [index, date] of days.entries()) {
    const endOfDay = `${date}T23:59:59.999Z`
    while (next < events.length && events[next]!.createdAt <= endOfDay) apply(states, events[next++]!)
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>
    let scope = 0
    let done = 0
    for (const t of states.values()) {
      if (t.deleted || t.iterationId !== iteration.id) continue
      counts[t.status]++
      scope += points(t)
      if (t.status === 'done') done += points(t)
    }
    if (index === 0) startScope = scope
    const ideal = Math.round((days.length > 1 ? startScope * (1 - index / (days.length - 1)) : 0) * 100) / 100
    if (date > until) {
      out.push({ date, scope: null, done: null, remaining: null, ideal, scopeChange: 0, counts: null })
      continue
    }
    out.push({
      date,
      scope,
      done,
      remaining: scope - done,
      ideal,
      scopeChange: previousScope === undefined ? 0 : scope - previousScope,
      counts,
    })
    previousScope = scope
  }
  return out
}

/** A task as it was at some moment, rebuilt from its created row and later changes. */
export type TaskSnapshot = Record<string, unknown> & { id: number; deleted: boolean }

/** Replays task events into each task's last known fields (title, kind, status, estimate, …). */
export function replayTasks(events: readonly TaskEvent[]): Map<number, TaskSnapshot> {
  const tasks = new Map<number, TaskSnapshot>()
  for (const e of events) {
    if (e.action === 'created') tasks.set(e.entityId, { ...(e.after ?? {}), id: e.entityId, deleted: false })
    const task = tasks.get(e.entityId)
    if (!task) continue
    if (e.action === 'deleted') task.deleted = true
    else if (e.action !== 'created') Object.assign(task, e.after ?? {})
  }
  return tasks
}

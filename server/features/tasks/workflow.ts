// The task workflow (DESIGN.md): todo → doing → review → done, moved freely across the board; blocked
// (with a reason) is reachable only from an open state — finished work cannot be blocked.
import type { TaskRow } from './repo'

type TaskStatus = TaskRow['status']

export const TASK_OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'review', 'blocked']

export const canMoveTask = (from: TaskStatus, to: TaskStatus) =>
  to !== 'blocked' || TASK_OPEN_STATUSES.includes(from)

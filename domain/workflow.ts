// The two workflows (DESIGN.md), read by the API that enforces them and the board that offers them.
// Requirements follow an explicit transition table; tasks move freely across the board, except that
// blocked (with a reason) is reachable only from an open state — finished work cannot be blocked.
import type { RequirementStatus, TaskStatus } from './vocabulary'

/** draft → reviewing → approved → planned → developing → testing → released → closed; rejected from any state before released. */
export const REQUIREMENT_TRANSITIONS: Readonly<Record<RequirementStatus, readonly RequirementStatus[]>> = {
  draft: ['reviewing', 'rejected'],
  reviewing: ['draft', 'approved', 'rejected'],
  approved: ['reviewing', 'planned', 'rejected'],
  planned: ['approved', 'developing', 'rejected'],
  developing: ['planned', 'testing', 'rejected'],
  testing: ['developing', 'released', 'rejected'],
  released: ['closed'],
  closed: [],
  rejected: ['draft'],
}

export const canTransition = (from: RequirementStatus, to: RequirementStatus) =>
  REQUIREMENT_TRANSITIONS[from].includes(to)

/** Requirements in these states are still open work in the backlog. */
export const OPEN_REQUIREMENT_STATUSES: readonly RequirementStatus[] = [
  'draft',
  'reviewing',
  'approved',
  'planned',
  'developing',
  'testing',
]

export const TASK_OPEN_STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'review', 'blocked']

export const canMoveTask = (from: TaskStatus, to: TaskStatus) =>
  to !== 'blocked' || TASK_OPEN_STATUSES.includes(from)

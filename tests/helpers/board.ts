// Board fixtures for the web tests: a task card with plain defaults, and a board built from its columns.
import { BOARD_STATUSES } from '../../domain/vocabulary'
import type { Board, BoardCard, BoardStatus } from '../../web/src/features/board/board-logic'

/** The card of task `id`: a one-point chore to do, on no requirement and with no one, unless `patch` says. */
export function boardCard(id: number, patch: Partial<BoardCard> = {}): BoardCard {
  return {
    id,
    key: `MES-${id}`,
    title: `Task ${id}`,
    kind: 'chore',
    status: 'todo',
    category: null,
    risk: null,
    requirementId: null,
    requirementKey: null,
    requirementTitle: null,
    assigneeId: null,
    assigneeName: null,
    estimate: 1,
    remaining: 1,
    dueDate: null,
    blockedReason: null,
    rank: 'a0',
    version: 1,
    ...patch,
  }
}

/** A board without swimlanes: each column's cards (moved to its status), totals and WIP limits. */
export function boardOf(
  columns: Partial<Record<BoardStatus, BoardCard[]>>,
  wip: Partial<Record<BoardStatus, number>> = {},
): Board {
  return {
    iterationId: 1,
    productId: 1,
    groupBy: 'none',
    lanes: [],
    columns: BOARD_STATUSES.map((status) => {
      const tasks = (columns[status] ?? []).map((t) => ({ ...t, status }))
      const wipLimit = wip[status] ?? null
      return {
        status,
        count: tasks.length,
        points: tasks.reduce((s, t) => s + (t.estimate ?? 0), 0),
        wipLimit,
        overWip: wipLimit !== null && tasks.length > wipLimit,
        tasks,
      }
    }),
  }
}

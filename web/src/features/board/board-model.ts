// The board's vocabulary: what the board endpoint answers (cards, columns, lanes), its statuses and the
// groupings it offers. The rules that work on these live beside it (board-moves, board-lanes, board-logic).

import { BOARD_STATUSES, TASK_KINDS, type TaskKind, type TaskStatus } from '../../../../domain/vocabulary'

export { BOARD_STATUSES, TASK_KINDS, type TaskKind }
export type BoardStatus = TaskStatus

export const GROUP_BYS = ['none', 'requirement', 'assignee', 'kind'] as const
export type GroupBy = (typeof GROUP_BYS)[number]

/** What a card shows (the board endpoint's card). */
export interface BoardCard {
  id: number
  key: string
  title: string
  kind: string
  status: string
  category: string | null
  risk: string | null
  requirementId: number | null
  requirementKey: string | null
  requirementTitle: string | null
  assigneeId: number | null
  assigneeName: string | null
  estimate: number | null
  remaining: number | null
  dueDate: string | null
  blockedReason: string | null
  rank: string
  version: number
}

export interface BoardColumn {
  status: string
  count: number
  points: number
  wipLimit: number | null
  overWip: boolean
  tasks: BoardCard[]
}

export interface BoardLane {
  id: number | string | null
  title: string | null
  key?: string | null
  count: number
}

export interface Board {
  iterationId: number
  productId: number
  groupBy: string
  lanes: BoardLane[]
  columns: BoardColumn[]
}

export const isBoardStatus = (value: string): value is BoardStatus =>
  (BOARD_STATUSES as readonly string[]).includes(value)

/** Finds a card anywhere on the board. */
export function findCard(board: Board | undefined, id: number): BoardCard | undefined {
  for (const column of board?.columns ?? []) {
    const task = column.tasks.find((t) => t.id === id)
    if (task) return task
  }
  return undefined
}

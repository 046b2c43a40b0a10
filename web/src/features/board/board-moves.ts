// Moving a card, as pure functions: where a dropped card goes (beforeId/afterId), the optimistic move and
// the server's answer written over it, reusing an unchanged board, and the keyboard moves.

import { laneKeyOf } from './board-lanes'
import {
  BOARD_STATUSES,
  type Board,
  type BoardCard,
  type BoardColumn,
  type BoardLane,
  type BoardStatus,
  findCard,
  type GroupBy,
} from './board-model'

// ---------- placing a card ----------

/** Where a moved card goes in its column, in the API's terms. */
export type Anchor = { beforeId: number } | { afterId: number } | Record<string, never>

/**
 * The anchor for dropping `movingId` at `index` among the cards shown in a cell (in display order; the
 * moving card may be among them, and `index` counts positions without it). The shown cards are a
 * subsequence of the whole column (filters, swimlanes), so the card goes directly before the card it
 * lands on, or directly after the last one; an empty cell appends to the column.
 */
export function anchorAt(shownIds: readonly number[], index: number, movingId: number): Anchor {
  const rest = shownIds.filter((id) => id !== movingId)
  const at = Math.max(0, Math.min(index, rest.length))
  const before = rest[at]
  if (before !== undefined) return { beforeId: before }
  const last = rest.at(-1)
  return last === undefined ? {} : { afterId: last }
}

/** The insertion index for a pointer at `y` among cards whose vertical centres are `centres` (in order). */
export function dropIndex(centres: readonly number[], y: number): number {
  let index = 0
  for (const centre of centres) {
    if (y > centre) index++
    else break
  }
  return index
}

export interface MoveInput {
  taskId: number
  status: BoardStatus
  beforeId?: number
  afterId?: number
  blockedReason?: string
}

const columnTotals = (column: BoardColumn, tasks: BoardCard[]): BoardColumn => {
  const count = tasks.length
  return {
    ...column,
    tasks,
    count,
    points: tasks.reduce((sum, t) => sum + (t.estimate ?? 0), 0),
    overWip: column.wipLimit !== null && count > column.wipLimit,
  }
}

/**
 * The board as it will be once the server has applied the move: the card leaves its column and lands
 * before/after its anchor (or at the end), with the new status, reason and version. Columns the move does
 * not touch keep their identity, so nothing else re-renders. Answers the board unchanged if the card is
 * not on it.
 */
export function applyMove(board: Board, move: MoveInput): Board {
  const from = board.columns.find((c) => c.tasks.some((t) => t.id === move.taskId))
  const task = from?.tasks.find((t) => t.id === move.taskId)
  if (!from || !task) return board
  const statusChanged = task.status !== move.status
  const moved: BoardCard = {
    ...task,
    status: move.status,
    blockedReason: move.status === 'blocked' ? (move.blockedReason?.trim() ?? task.blockedReason) : null,
    version: task.version + 1,
    remaining:
      statusChanged && move.status === 'done'
        ? 0
        : statusChanged && task.status === 'done'
          ? task.estimate
          : task.remaining,
  }
  const columns = board.columns.map((column) => {
    const isFrom = column === from
    const isTo = column.status === move.status
    if (!isFrom && !isTo) return column
    const tasks = column.tasks.filter((t) => t.id !== move.taskId)
    if (isTo) {
      let at = tasks.length
      if (move.beforeId !== undefined) {
        const i = tasks.findIndex((t) => t.id === move.beforeId)
        if (i >= 0) at = i
      } else if (move.afterId !== undefined) {
        const i = tasks.findIndex((t) => t.id === move.afterId)
        if (i >= 0) at = i + 1
      }
      tasks.splice(at, 0, moved)
    }
    return columnTotals(column, tasks)
  })
  return { ...board, columns }
}

/** Where a card moved by someone else is now, as the change event carries it (KeelEvent.patch). */
export interface MovedCard {
  status: string
  rank: string
  blockedReason: string | null
  remaining: number | null
  iterationId: number | null
}

/**
 * The board once someone else's move is applied: the card leaves its column and takes its place by rank
 * in its new one (ranks compare byte-wise, as the server orders them), with the event's version. A board
 * that does not hold the card, or already holds this version or a later one, is answered unchanged.
 */
export function placeMoved(board: Board, id: number, version: number, moved: MovedCard): Board {
  const from = board.columns.find((c) => c.tasks.some((t) => t.id === id))
  const card = from?.tasks.find((t) => t.id === id)
  if (!from || !card || card.version >= version) return board
  const placed: BoardCard = {
    ...card,
    status: moved.status,
    rank: moved.rank,
    blockedReason: moved.blockedReason,
    remaining: moved.remaining,
    version,
  }
  const columns = board.columns.map((column) => {
    const isFrom = column === from
    const isTo = column.status === moved.status && moved.iterationId === board.iterationId
    if (!isFrom && !isTo) return column
    const tasks = column.tasks.filter((t) => t.id !== id)
    if (isTo) {
      const at = tasks.findIndex((t) => t.rank > moved.rank)
      tasks.splice(at < 0 ? tasks.length : at, 0, placed)
    }
    return columnTotals(column, tasks)
  })
  return { ...board, columns }
}

/**
 * The board once someone else's new task, edit or deletion is applied from its change event: `card` is the
 * task as a board shows it and `iterationId` the iteration it is in now (no card: deleted, or on no
 * board). The card takes its place by rank; a board already past the event's version is answered
 * unchanged. Undefined when a board grouped in lanes would have to count its lanes again (a card that
 * joins, leaves or changes lane): that board is fetched instead.
 */
export function placeCard(
  board: Board,
  id: number,
  version: number | null,
  iterationId: number | null,
  card: BoardCard | undefined,
): Board | undefined {
  const held = findCard(board, id)
  if (held && version !== null && held.version >= version) return board
  const shown = card !== undefined && iterationId === board.iterationId ? card : undefined
  if (!held && !shown) return board
  const groupBy = board.groupBy as GroupBy
  if (groupBy !== 'none' && (!held || !shown || laneKeyOf(held, groupBy) !== laneKeyOf(shown, groupBy)))
    return undefined
  const columns = board.columns.map((column) => {
    const isTo = shown !== undefined && column.status === shown.status
    if (!isTo && !column.tasks.some((t) => t.id === id)) return column
    const tasks = column.tasks.filter((t) => t.id !== id)
    if (shown && isTo) {
      const at = tasks.findIndex((t) => t.rank > shown.rank)
      tasks.splice(at < 0 ? tasks.length : at, 0, shown)
    }
    return columnTotals(column, tasks)
  })
  return { ...board, columns }
}

/**
 * The server's answer to a move, written over the optimistic card: its status, rank, version and
 * reason become the server's, where the card stands stays (the column is ordered by rank already).
 */
export function settleMove(
  board: Board,
  saved: Pick<BoardCard, 'id' | 'status' | 'rank' | 'version' | 'blockedReason' | 'remaining'>,
): Board {
  const column = board.columns.find((c) => c.tasks.some((t) => t.id === saved.id))
  const card = column?.tasks.find((t) => t.id === saved.id)
  if (!column || !card || column.status !== saved.status) return board
  const settled: BoardCard = {
    ...card,
    rank: saved.rank,
    version: saved.version,
    blockedReason: saved.blockedReason,
    remaining: saved.remaining,
  }
  if (sameCard(card, settled)) return board
  const tasks = column.tasks.map((t) => (t.id === saved.id ? settled : t))
  return { ...board, columns: board.columns.map((c) => (c === column ? columnTotals(c, tasks) : c)) }
}

const sameCard = (a: BoardCard, b: BoardCard) => {
  for (const key of Object.keys(b) as (keyof BoardCard)[]) if (a[key] !== b[key]) return false
  return Object.keys(a).length === Object.keys(b).length
}

const sameLanes = (a: BoardLane[], b: BoardLane[]) =>
  a.length === b.length &&
  a.every((lane, i) => {
    const other = b[i]
    return (
      other !== undefined &&
      lane.id === other.id &&
      lane.title === other.title &&
      lane.key === other.key &&
      lane.count === other.count
    )
  })

/**
 * A new answer for the board that reuses every part of the previous one that did not change: cards are
 * matched by id (not by position, so a card leaving the top of a column keeps the others), columns and
 * lanes when all they hold is the same. Keyed lists then redraw only what changed.
 */
export function shareBoard(previous: Board | undefined, next: Board): Board {
  if (!previous || previous === next) return next
  const old = new Map<number, BoardCard>()
  for (const column of previous.columns) for (const card of column.tasks) old.set(card.id, card)
  let changed = previous.iterationId !== next.iterationId || previous.groupBy !== next.groupBy
  const columns = next.columns.map((column, i) => {
    const tasks = column.tasks.map((card) => {
      const before = old.get(card.id)
      return before && (before === card || sameCard(before, card)) ? before : card
    })
    const before = previous.columns[i]
    if (
      before &&
      before.status === column.status &&
      before.count === column.count &&
      before.points === column.points &&
      before.wipLimit === column.wipLimit &&
      before.overWip === column.overWip &&
      before.tasks.length === tasks.length &&
      before.tasks.every((card, k) => card === tasks[k])
    )
      return before
    changed = true
    return { ...column, tasks }
  })
  const lanes = sameLanes(previous.lanes, next.lanes) ? previous.lanes : next.lanes
  if (!changed && lanes === previous.lanes && previous.productId === next.productId) return previous
  return { ...next, lanes, columns }
}

// ---------- keyboard moves ----------

/** The neighbouring column to the left (-1) or right (+1), if any. */
/** The way work goes, one step at a time: to do → doing → review → done. Blocked is off that path. */
const WORKFLOW = ['todo', 'doing', 'review', 'done'] as const satisfies readonly BoardStatus[]

/**
 * Where Alt+← / Alt+→ move a card: one step back or on along the workflow, so blocked never sits in the way
 * to done; a blocked card goes back to doing either way (it has its own key, B, to block and unblock).
 */
export function workflowStep(status: string, step: -1 | 1): BoardStatus | undefined {
  if (status === 'blocked') return 'doing'
  const i = WORKFLOW.indexOf(status as (typeof WORKFLOW)[number])
  return i < 0 ? undefined : WORKFLOW[i + step]
}

/** The column next to this one on screen (for moving the focus across the board). */
export function neighbourStatus(status: string, step: -1 | 1): BoardStatus | undefined {
  const i = BOARD_STATUSES.indexOf(status as BoardStatus)
  if (i < 0) return undefined
  return BOARD_STATUSES[i + step]
}

/**
 * Moving a card one place up (-1) or down (+1) among the cards shown in its cell: answers the anchor, or
 * undefined when the card is already first / last.
 */
export function reorderAnchor(shownIds: readonly number[], id: number, step: -1 | 1): Anchor | undefined {
  const i = shownIds.indexOf(id)
  if (i < 0) return undefined
  const neighbour = shownIds[i + step]
  if (neighbour === undefined) return undefined
  return step < 0 ? { beforeId: neighbour } : { afterId: neighbour }
}

/** Puts a card at the top of a cell: before the first card shown there, or at the column's end if none. */
export function topAnchor(shownIds: readonly number[], movingId: number): Anchor {
  return anchorAt(shownIds, 0, movingId)
}

// The board's rules as pure functions, so they can be tested without a browser: where a dropped card goes
// (beforeId/afterId), the optimistic move, quick filters, swimlanes, the default iteration and the
// keyboard moves. Components only wire these to the DOM and the API.

import { daysBetween, localToday } from '../../../../domain/dates'
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

/** Finds a card anywhere on the board. */
export function findCard(board: Board | undefined, id: number): BoardCard | undefined {
  for (const column of board?.columns ?? []) {
    const task = column.tasks.find((t) => t.id === id)
    if (task) return task
  }
  return undefined
}

// ---------- quick filters ----------

export interface BoardFilters {
  mine: boolean
  kind: TaskKind | ''
  blockedOnly: boolean
  text: string
}

export const NO_FILTERS: BoardFilters = { mine: false, kind: '', blockedOnly: false, text: '' }

export const filtersActive = (f: BoardFilters) =>
  f.mine || f.kind !== '' || f.blockedOnly || f.text.trim() !== ''

/** A predicate for the cards the quick filters keep; text matches key, title, requirement and assignee. */
export function cardFilter(filters: BoardFilters, meId: number | undefined): (card: BoardCard) => boolean {
  const words = filters.text.trim().toLowerCase().split(/\s+/).filter(Boolean)
  return (card) => {
    if (filters.mine && (meId === undefined || card.assigneeId !== meId)) return false
    if (filters.kind && card.kind !== filters.kind) return false
    if (filters.blockedOnly && card.status !== 'blocked') return false
    if (words.length) {
      const haystack = [card.key, card.title, card.requirementKey, card.requirementTitle, card.assigneeName]
        .filter(Boolean)
        .join(' ')
        .toLowerCase()
      if (!words.every((w) => haystack.includes(w))) return false
    }
    return true
  }
}

// ---------- swimlanes ----------

/** The lane a card belongs to, as a string key ("-" for no requirement / unassigned). */
export function laneKeyOf(card: BoardCard, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'requirement':
      return card.requirementId === null ? '-' : String(card.requirementId)
    case 'assignee':
      return card.assigneeId === null ? '-' : String(card.assigneeId)
    case 'kind':
      return card.kind
    default:
      return 'all'
  }
}

export const laneKeyOfLane = (lane: BoardLane) => (lane.id === null ? '-' : String(lane.id))

export interface LaneView {
  key: string
  lane: BoardLane | undefined
  /** Cards per status, in column order, after the filters. */
  cells: Record<BoardStatus, BoardCard[]>
  /** Cards in the lane after the filters. */
  shown: number
}

const emptyCells = (): Record<BoardStatus, BoardCard[]> => ({
  todo: [],
  doing: [],
  review: [],
  blocked: [],
  done: [],
})

/**
 * Splits the columns into swimlanes (in the server's lane order; a lane the server did not list yet, e.g.
 * right after an optimistic change, goes last) and applies the filter. Lanes left empty by a filter are
 * dropped; with no grouping there is always one lane.
 */
export function buildLanes(
  board: Board,
  groupBy: GroupBy,
  keep: (card: BoardCard) => boolean = () => true,
): LaneView[] {
  const lanes = new Map<string, LaneView>()
  if (groupBy === 'none') lanes.set('all', { key: 'all', lane: undefined, cells: emptyCells(), shown: 0 })
  else
    for (const lane of board.lanes)
      lanes.set(laneKeyOfLane(lane), { key: laneKeyOfLane(lane), lane, cells: emptyCells(), shown: 0 })
  for (const column of board.columns) {
    if (!isBoardStatus(column.status)) continue
    for (const card of column.tasks) {
      if (!keep(card)) continue
      const key = laneKeyOf(card, groupBy)
      let view = lanes.get(key)
      if (!view) {
        view = { key, lane: undefined, cells: emptyCells(), shown: 0 }
        lanes.set(key, view)
      }
      view.cells[column.status].push(card)
      view.shown++
    }
  }
  const views = [...lanes.values()]
  return groupBy === 'none' ? views : views.filter((v) => v.shown > 0)
}

// ---------- keyboard moves ----------

/** The neighbouring column to the left (-1) or right (+1), if any. */
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

// ---------- iterations ----------

export interface IterationLike {
  id: number
  status: string
  startDate: string
  endDate: string
}

/** The iteration a board opens on: the active one, else the next planned, else the latest. */
export function pickIteration<T extends IterationLike>(iterations: readonly T[]): T | undefined {
  const byStart = [...iterations].sort((a, b) =>
    a.startDate === b.startDate ? a.id - b.id : a.startDate < b.startDate ? -1 : 1,
  )
  return (
    byStart.find((i) => i.status === 'active') ??
    byStart.find((i) => i.status === 'planned') ??
    byStart.at(-1)
  )
}

/** A calendar date (YYYY-MM-DD) as a local Date, for formatting without a time-zone shift. */
export const localDay = (date: string) =>
  new Date(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10))

export { daysBetween, localToday }

/** Days left in an iteration, counting its last day; 0 once it has ended. */
export const daysLeft = (endDate: string, today: string) => Math.max(0, daysBetween(today, endDate) + 1)

/** A card is overdue when it is not done and its due date has passed. */
export const isOverdue = (card: Pick<BoardCard, 'dueDate' | 'status'>, today: string) =>
  card.status !== 'done' && card.dueDate !== null && card.dueDate < today

// ---------- remembered choices ----------

const GROUP_BY_KEY = 'keel.board.groupBy'

export function readGroupBy(storage: Pick<Storage, 'getItem'> | undefined): GroupBy {
  try {
    const value = storage?.getItem(GROUP_BY_KEY)
    return GROUP_BYS.find((g) => g === value) ?? 'none'
  } catch {
    return 'none'
  }
}

export function saveGroupBy(storage: Pick<Storage, 'setItem'> | undefined, groupBy: GroupBy) {
  try {
    storage?.setItem(GROUP_BY_KEY, groupBy)
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

const lastIterationKey = (productId: number) => `keel.board.iteration.${productId}`

/** The iteration a product's board showed last time on this device, if any. */
export function readLastIteration(
  productId: number,
  storage: Pick<Storage, 'getItem'> | undefined = globalStorage(),
) {
  try {
    const value = Number(storage?.getItem(lastIterationKey(productId)))
    return Number.isInteger(value) && value > 0 ? value : undefined
  } catch {
    return undefined
  }
}

export function saveLastIteration(
  productId: number,
  iterationId: number,
  storage: Pick<Storage, 'setItem'> | undefined = globalStorage(),
) {
  try {
    storage?.setItem(lastIterationKey(productId), String(iterationId))
  } catch {
    // Storage disabled: nothing to remember.
  }
}

function globalStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage
}

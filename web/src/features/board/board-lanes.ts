// What the board shows of its cards: the quick filters and the swimlanes the cells are drawn from.

import { TASK_KINDS } from '../../../../domain/vocabulary'
import {
  type Board,
  type BoardCard,
  type BoardLane,
  type BoardStatus,
  GROUP_BYS,
  type GroupBy,
  isBoardStatus,
  type TaskKind,
} from './board-model'

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

/** The board's view as it stands in the address: swimlanes and quick filters (so a view can be shared). */
export type BoardSearch = {
  lanes?: string
  mine?: string
  blocked?: string
  kind?: string
  q?: string
}

/** The quick filters an address names; anything it does not understand is no filter. */
export function filtersFromSearch(search: Readonly<BoardSearch>): BoardFilters {
  const kind = TASK_KINDS.find((k) => k === search.kind) ?? ''
  return { mine: search.mine === '1', kind, blockedOnly: search.blocked === '1', text: search.q ?? '' }
}

/** The address parameters of quick filters; undefined removes a parameter. */
export function filtersToSearch(filters: BoardFilters): BoardSearch {
  return {
    mine: filters.mine ? '1' : undefined,
    blocked: filters.blockedOnly ? '1' : undefined,
    kind: filters.kind || undefined,
    q: filters.text.trim() ? filters.text : undefined,
  }
}

/** The swimlanes an address names, else the ones this browser last chose. */
export const lanesFromSearch = (search: Readonly<BoardSearch>, remembered: GroupBy): GroupBy =>
  GROUP_BYS.find((g) => g === search.lanes) ?? remembered

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

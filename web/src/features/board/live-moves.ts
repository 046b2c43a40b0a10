// Someone else's change to a task, applied to the boards this browser holds from the change event itself
// (its `patch`), so an open board shows it without fetching the whole board again: a move carries the
// card's column, rank and version; a new or edited task its iteration and its card as the board shows it; a
// deletion only its id.
import type { QueryClient, QueryKey } from '@tanstack/solid-query'
import type { Board, BoardCard } from './board-model'
import { type MovedCard, placeCard, placeMoved } from './board-moves'
import { boardKeys } from './queries'

export interface TaskEvent {
  type: string
  id: number
  version: number | null
  patch?: Record<string, unknown>
}

const isMovedCard = (
  patch: Record<string, unknown> | undefined,
): patch is Record<string, unknown> & MovedCard =>
  patch !== undefined && typeof patch.status === 'string' && typeof patch.rank === 'string'

const isCard = (value: unknown): value is BoardCard =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as BoardCard).id === 'number' &&
  typeof (value as BoardCard).status === 'string' &&
  typeof (value as BoardCard).rank === 'string' &&
  typeof (value as BoardCard).version === 'number'

/** How an event changes a board, or undefined when it does not say enough to apply it. */
function change(event: TaskEvent): ((board: Board) => Board | undefined) | undefined {
  const { id, version, patch } = event
  switch (event.type) {
    case 'task.moved':
      if (version === null || !isMovedCard(patch)) return undefined
      return (board) => placeMoved(board, id, version, patch)
    case 'task.created':
    case 'task.updated': {
      if (!patch || !('iterationId' in patch)) return undefined
      const iterationId = patch.iterationId as number | null
      if (iterationId !== null && !isCard(patch.card)) return undefined
      const card = iterationId === null ? undefined : (patch.card as BoardCard)
      return (board) => placeCard(board, id, version, iterationId, card)
    }
    case 'task.deleted':
      return (board) => placeCard(board, id, null, null, undefined)
    default:
      return undefined
  }
}

/**
 * Applies a task's change to every board held for the workspace. True when the boards now show it (or it
 * touches none of them); false when some board should be fetched again (the event cannot be applied, or a
 * board grouped in lanes would need its lanes counted again).
 */
export function placeOnBoards(queryClient: QueryClient, ws: number, event: TaskEvent): boolean {
  const apply = change(event)
  if (!apply) return false
  let placed = true
  for (const [key, board] of queryClient.getQueriesData<Board>({ queryKey: boardKeys.allCards(ws) })) {
    if (!board) continue
    const next = apply(board)
    if (next === undefined) placed = false
    else if (next !== board) queryClient.setQueryData(key, next)
  }
  return placed
}

/** Whether a query is one of the workspace's boards (which placeOnBoards keeps current). */
export const isBoardQuery = (ws: number, key: QueryKey) => {
  const prefix = boardKeys.allCards(ws)
  return prefix.every((part, i) => key[i] === part)
}

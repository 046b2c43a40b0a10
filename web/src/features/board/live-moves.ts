// Someone else's move, applied to the boards this browser holds from the change event itself (its `patch`:
// the card's column, rank and version), so an open board shows it without fetching the whole board again.
import type { QueryClient, QueryKey } from '@tanstack/solid-query'
import type { Board } from './board-model'
import { type MovedCard, placeMoved } from './board-moves'
import { boardKeys } from './queries'

export interface MoveEvent {
  type: string
  id: number
  version: number | null
  patch?: Record<string, unknown>
}

const isMovedCard = (
  patch: Record<string, unknown> | undefined,
): patch is Record<string, unknown> & MovedCard =>
  patch !== undefined && typeof patch.status === 'string' && typeof patch.rank === 'string'

/**
 * Places a moved card on every board held for the workspace. True when the boards now show the move (or
 * hold no such card); false when the event cannot be applied and the boards should be fetched again.
 */
export function placeMoveOnBoards(queryClient: QueryClient, ws: number, event: MoveEvent): boolean {
  if (event.type !== 'task.moved' || event.version === null || !isMovedCard(event.patch)) return false
  for (const [key, board] of queryClient.getQueriesData<Board>({ queryKey: boardKeys.allCards(ws) })) {
    if (!board) continue
    const next = placeMoved(board, event.id, event.version, event.patch)
    if (next !== board) queryClient.setQueryData(key, next)
  }
  return true
}

/** Whether a query is one of the workspace's boards (which placeMoveOnBoards keeps current). */
export const isBoardQuery = (ws: number, key: QueryKey) => {
  const prefix = boardKeys.allCards(ws)
  return prefix.every((part, i) => key[i] === part)
}

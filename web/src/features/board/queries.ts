// The board's server state: query keys (under ['workspaces', ws] so live updates refresh them), the
// iterations of a product, the board of an iteration, and the writes (create a task, WIP limits). Moving
// a card is the same move as on the task's page (tasks/move-task.ts).
import { createMutation, keepPreviousData, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { createObserverQuery } from '../../ui/query-view'
import { type Board, type BoardStatus, type GroupBy, shareBoard } from './board-logic'

export const boardKeys = {
  all: (ws: number) => ['workspaces', ws, 'board'] as const,
  iterations: (ws: number, productId: number) =>
    ['workspaces', ws, 'board', 'iterations', productId] as const,
  /** Every board of every iteration and grouping. */
  allCards: (ws: number) => ['workspaces', ws, 'board', 'cards'] as const,
  cards: (ws: number, iterationId: number, groupBy: GroupBy) =>
    ['workspaces', ws, 'board', 'cards', iterationId, groupBy] as const,
  requirements: (ws: number, productId: number, iterationId: number) =>
    ['workspaces', ws, 'board', 'requirements', productId, iterationId] as const,
}

export type Iteration = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products'][':productId']['iterations']['$get']>>
>['items'][number]

type BoardAnswer = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['iterations'][':id']['board']['$get']>>
>
// The endpoint's answer is what the board logic works on.
const asBoard = (answer: BoardAnswer): Board => answer

type BoardKey = ReturnType<typeof boardKeys.cards>

const idParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })

export const iterationsQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: boardKeys.iterations(ws, productId),
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].iterations.$get({
          param: { ...wsParam(ws), productId: String(productId) },
        }),
      ),
  })

export const boardQuery = (ws: number, iterationId: number, groupBy: GroupBy) =>
  queryOptions({
    queryKey: boardKeys.cards(ws, iterationId, groupBy),
    // The browser revalidates with the board's ETag, so an unchanged board costs a 304.
    queryFn: async () =>
      asBoard(
        await unwrap(
          api.workspaces[':ws'].iterations[':id'].board.$get({
            param: idParam(ws, iterationId),
            query: { groupBy },
          }),
        ),
      ),
  })

/**
 * The board of an iteration. Its structural sharing matches cards by id, so every unchanged card stays the
 * same object across refreshes and optimistic changes, and keyed lists redraw only the cards that changed.
 */
export const createBoardQuery = (options: () => ReturnType<typeof boardQuery>) =>
  createObserverQuery<Board, BoardKey>(() => ({
    ...options(),
    // Switching swimlanes or iterations keeps the old board on screen until the new one arrives.
    placeholderData: keepPreviousData,
    structuralSharing: (previous: unknown, next: unknown) =>
      shareBoard(previous as Board | undefined, next as Board),
  }))

export const iterationRequirementsQuery = (ws: number, productId: number, iterationId: number) =>
  queryOptions({
    queryKey: boardKeys.requirements(ws, productId, iterationId),
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].requirements.$get({
          param: { ...wsParam(ws), productId: String(productId) },
          query: { iterationId: String(iterationId), limit: '500' },
        }),
      ),
  })

export type WipLimits = Partial<Record<BoardStatus, number>>

export function useSetWipLimits(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { iteration: Iteration; wipLimits: WipLimits }) =>
      unwrap(
        api.workspaces[':ws'].iterations[':id'].$patch({
          param: idParam(ws(), input.iteration.id),
          header: { 'if-match': String(input.iteration.version) },
          json: { wipLimits: input.wipLimits },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: boardKeys.all(ws()) }),
  }))
}

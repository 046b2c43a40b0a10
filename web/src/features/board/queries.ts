// The board's server state: query keys (under ['workspaces', ws] so live updates refresh them), the
// iterations of a product, the board of an iteration, and the writes (move with optimistic update and
// rollback, create a task, WIP limits).
import {
  createMutation,
  keepPreviousData,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
  queryOptions,
  useQueryClient,
} from '@tanstack/solid-query'
import { type Accessor, createComputed, createSignal, onCleanup, untrack } from 'solid-js'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { expectEcho, forgetEcho, holdLiveUpdates } from '../workspaces/live'
import {
  applyMove,
  type Board,
  type BoardStatus,
  type GroupBy,
  type MoveInput,
  settleMove,
  shareBoard,
} from './board-logic'

export const boardKeys = {
  all: (ws: number) => ['workspaces', ws, 'board'] as const,
  iterations: (ws: number, productId: number) =>
    ['workspaces', ws, 'board', 'iterations', productId] as const,
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
 * A query's result as an immutable value in a signal, straight from a QueryObserver. The board uses this
 * instead of createQuery for two reasons: createQuery copies the answer into a store and walks all of it on
 * every change (a thousand cards: tens of milliseconds per move), and it reads through a resource, which
 * can suspend the page (the shell's "Loading…") while a live refresh is under way. Nothing here suspends.
 */
export function createObserverQuery<T, K extends readonly unknown[]>(
  options: () => QueryObserverOptions<T, Error, T, T, K>,
): Accessor<QueryObserverResult<T, Error>> {
  const queryClient = useQueryClient()
  const resolved = () => queryClient.defaultQueryOptions<T, Error, T, T, K>(options())
  const observer = new QueryObserver<T, Error, T, T, K>(queryClient, untrack(resolved))
  const [result, setResult] = createSignal(observer.getOptimisticResult(untrack(resolved)), { equals: false })
  createComputed(() => {
    const next = resolved()
    untrack(() => {
      observer.setOptions(next)
      setResult(observer.getOptimisticResult(next))
    })
  })
  onCleanup(observer.subscribe(setResult))
  return result
}

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

export interface MoveVariables extends MoveInput {
  /** The version the card had when it was moved: a stale one answers 409. */
  version: number
}

interface Pending {
  key: readonly unknown[]
  previous: Board | undefined
  release: () => void
}

/** A move on its way; what to restore stays outside the mutation (whose variables are copied into a store). */
interface QueuedMove extends MoveVariables {
  token: number
}

/**
 * Moves a card: the board changes at once (optimistic), the server is asked, and on failure the board goes
 * back to what it was and `onFailed` hears why. Requests run one after the other (a second keyboard move
 * carries the version the first one produces), and live refreshes wait until every move is settled so an
 * old answer never overwrites the new position. A move the server accepts is settled from its answer
 * (rank, version) and its echo on the event stream is expected, so it costs no refetch of the board;
 * a refused one refetches, to show the truth.
 */
export function useMoveTask(
  ws: () => number,
  boardKey: () => readonly unknown[],
  onFailed: (error: unknown, move: MoveVariables) => void,
) {
  const queryClient = useQueryClient()
  const pending = new Map<number, Pending>()
  let tokens = 0
  let failed = false
  const mutation = createMutation(() => ({
    scope: { id: 'board-move' },
    mutationFn: (move: QueuedMove) =>
      unwrap(
        api.workspaces[':ws'].tasks[':id'].move.$post({
          param: idParam(ws(), move.taskId),
          header: { 'if-match': String(move.version) },
          json: {
            status: move.status,
            beforeId: move.beforeId,
            afterId: move.afterId,
            blockedReason: move.status === 'blocked' ? move.blockedReason : undefined,
          },
        }),
      ),
    onSuccess: (saved, move) => {
      const key = pending.get(move.token)?.key
      const board = key && queryClient.getQueryData<Board>(key)
      if (key && board) queryClient.setQueryData<Board>(key, settleMove(board, saved))
    },
    onError: (error, move) => {
      forgetEcho('task', move.taskId, move.version + 1)
      failed = true
      const undo = pending.get(move.token)
      if (undo?.previous) queryClient.setQueryData(undo.key, undo.previous)
      onFailed(error, move)
    },
    onSettled: (_data, _error, move) => {
      pending.get(move.token)?.release()
      pending.delete(move.token)
      // After a refusal, refresh once the last queued move is done, so the board never shows a
      // half-applied queue; accepted moves are already what the server has.
      if (pending.size === 0 && failed) {
        failed = false
        return queryClient.invalidateQueries({ queryKey: boardKeys.all(ws()) })
      }
    },
  }))

  return async (move: MoveVariables) => {
    const token = ++tokens
    const key = boardKey()
    const entry: Pending = { key, previous: undefined, release: holdLiveUpdates() }
    pending.set(token, entry)
    // A refresh in flight would land after the optimistic change and undo it: stop it first.
    await queryClient.cancelQueries({ queryKey: key })
    entry.previous = queryClient.getQueryData<Board>(key)
    if (entry.previous) queryClient.setQueryData<Board>(key, applyMove(entry.previous, move))
    expectEcho('task', move.taskId, move.version + 1)
    mutation.mutate({ ...move, token })
  }
}

export interface NewTask {
  productId: number
  iterationId: number
  kind: 'feature' | 'stability' | 'bug' | 'chore'
  title: string
  requirementId?: number
  category?:
    | 'performance'
    | 'availability'
    | 'security'
    | 'scalability'
    | 'observability'
    | 'tech-debt'
    | 'incident-follow-up'
  risk?: 'low' | 'medium' | 'high' | 'critical'
  estimate?: number
  assigneeId?: number
  dueDate?: string
  /** The column it should land in; new tasks start in To do and are moved there. */
  status: BoardStatus
}

export function useCreateTask(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: async ({ status, ...input }: NewTask) => {
      const task = await unwrap(api.workspaces[':ws'].tasks.$post({ param: wsParam(ws()), json: input }))
      if (status === 'todo') return task
      return unwrap(
        api.workspaces[':ws'].tasks[':id'].move.$post({
          param: idParam(ws(), task.id),
          header: { 'if-match': String(task.version) },
          json: { status },
        }),
      ).then((moved) => ({ ...moved, key: task.key }))
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: boardKeys.all(ws()) }),
  }))
}

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

// Moving a task to a column (and a place in it), the one way for every page that does it: the board (by
// dragging, the keyboard or its move menu) and the task's own page (its status switch).
import { createMutation, type QueryClient, useQueryClient } from '@tanstack/solid-query'
import { api, unwrap, wsParam } from '../../api'
import { applyMove, type Board, type MoveInput, settleMove } from '../board/board-logic'
import { boardKeys } from '../board/queries'
import { itemKeys, refreshTasks, type Task } from '../items/queries'
import { expectEcho, forgetEcho, holdLiveUpdates } from '../workspaces/live'

export interface TaskMove extends MoveInput {
  /** The version the task had when it was moved: a stale one answers 409. */
  version: number
}

/** What a move changed on screen, to put back if the server refuses it. */
interface Pending {
  boards: [readonly unknown[], Board][]
  task: Task | undefined
  release: () => void
}

/** A move on its way; what to restore stays outside the mutation (its variables are copied into a store). */
interface QueuedMove extends TaskMove {
  token: number
}

/** The cached boards that hold the task (the one on screen, other groupings, other pages' visits). */
const boardsHolding = (queryClient: QueryClient, ws: number, taskId: number) =>
  queryClient
    .getQueriesData<Board>({ queryKey: boardKeys.allCards(ws) })
    .filter((entry): entry is [readonly unknown[], Board] =>
      Boolean(entry[1]?.columns.some((c) => c.tasks.some((t) => t.id === taskId))),
    )

/**
 * Moves a task. Every cached board that holds it and its own page's data change at once (optimistic), the
 * server is asked, and its answer (status, rank, version, reason) is written over them, so an accepted move
 * costs no refetch of the board; its echo on the event stream is expected, so that refreshes nothing either.
 * A refused move puts everything back, `onFailed` hears why, and the boards are fetched again once the last
 * queued move is done, to show the truth. Moves (and the task page's other edits) run one after another, each
 * with the version the previous one left, and live refreshes wait until every move is settled so an old
 * answer never overwrites a new position. What a move changes beyond the task (its requirement's status,
 * which the task's page shows) is fetched again where it is shown.
 */
export function useMoveTask(ws: () => number, onFailed?: (error: unknown, move: TaskMove) => void) {
  const queryClient = useQueryClient()
  const pending = new Map<number, Pending>()
  let tokens = 0
  let failed = false
  // The newest version this browser knows: an edit saved since the caller read the task moved it on.
  const latestVersion = (move: TaskMove) =>
    Math.max(
      move.version,
      queryClient.getQueryData<Task>(itemKeys.task(ws(), move.taskId))?.version ?? move.version,
    )

  const mutation = createMutation(() => ({
    // The same queue as the task page's edits (useUpdateTask).
    scope: { id: 'task-edit' },
    mutationFn: async (move: QueuedMove) => {
      const version = latestVersion(move)
      expectEcho('task', move.taskId, version + 1)
      try {
        return await unwrap(
          api.workspaces[':ws'].tasks[':id'].move.$post({
            param: { ...wsParam(ws()), id: String(move.taskId) },
            header: { 'if-match': String(version) },
            json: {
              status: move.status,
              beforeId: move.beforeId,
              afterId: move.afterId,
              blockedReason: move.status === 'blocked' ? move.blockedReason : undefined,
            },
          }),
        )
      } catch (error) {
        forgetEcho('task', move.taskId, version + 1)
        throw error
      }
    },
    onSuccess: (saved, move) => {
      for (const [key, board] of boardsHolding(queryClient, ws(), move.taskId))
        queryClient.setQueryData<Board>(key, settleMove(board, saved))
      queryClient.setQueryData<Task>(itemKeys.task(ws(), move.taskId), (task) =>
        task ? { ...task, ...saved } : task,
      )
    },
    onError: (error, move) => {
      failed = true
      const undo = pending.get(move.token)
      for (const [key, board] of undo?.boards ?? []) queryClient.setQueryData(key, board)
      if (undo?.task) queryClient.setQueryData(itemKeys.task(ws(), move.taskId), undo.task)
      onFailed?.(error, move)
    },
    onSettled: async (_data, _error, move) => {
      pending.get(move.token)?.release()
      pending.delete(move.token)
      await refreshTasks(queryClient, ws())
      // After a refusal, refresh the boards once the last queued move is done, so a board never shows a
      // half-applied queue; accepted moves are already what the server has.
      if (pending.size === 0 && failed) {
        failed = false
        await queryClient.invalidateQueries({ queryKey: boardKeys.all(ws()) })
      }
    },
  }))

  const start = async (move: TaskMove) => {
    const token = ++tokens
    const entry: Pending = { boards: [], task: undefined, release: holdLiveUpdates() }
    pending.set(token, entry)
    const taskKey = itemKeys.task(ws(), move.taskId)
    // A refresh in flight would land after the optimistic change and undo it: stop it first (only where
    // there is something shown; a first load goes on).
    const shown = [
      ...boardsHolding(queryClient, ws(), move.taskId).map(([key]) => key),
      ...(queryClient.getQueryData(taskKey) ? [taskKey] : []),
    ]
    await Promise.all(shown.map((key) => queryClient.cancelQueries({ queryKey: key, exact: true })))
    entry.boards = boardsHolding(queryClient, ws(), move.taskId)
    for (const [key, board] of entry.boards) queryClient.setQueryData<Board>(key, applyMove(board, move))
    entry.task = queryClient.getQueryData<Task>(taskKey)
    if (entry.task)
      queryClient.setQueryData<Task>(taskKey, {
        ...entry.task,
        status: move.status,
        blockedReason: move.status === 'blocked' ? (move.blockedReason ?? entry.task.blockedReason) : null,
      })
    return mutation.mutateAsync({ ...move, token })
  }

  return {
    /** Moves the task; answers the server's task, or rejects with its refusal (already undone on screen). */
    mutateAsync: start,
    /** Moves the task; a refusal shows through `error` and `onFailed`. */
    mutate: (move: TaskMove) => void start(move).catch(() => undefined),
    get isPending() {
      return mutation.isPending
    },
    get error() {
      return mutation.error
    },
    reset: () => mutation.reset(),
  }
}

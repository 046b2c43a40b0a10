// Creating a task, from a requirement's page or from the board: the server creates it in To do, and a task
// meant for another column is moved there at once. The board, the tasks and the requirements that carry
// them are fetched again afterwards (also when the move is refused: the task exists then, in To do).
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { api, unwrap, wsParam } from '../../api'
import { idParam } from '../backlog/queries'
import type { BoardStatus } from '../board/board-logic'
import { boardKeys } from '../board/queries'
import { refreshTasks, type TaskCreate } from '../items/queries'

export interface NewTask extends TaskCreate {
  /** The column it should land in; To do when not given. */
  status?: BoardStatus
}

export function useCreateTask(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: async ({ status, ...input }: NewTask) => {
      const task = await unwrap(api.workspaces[':ws'].tasks.$post({ param: wsParam(ws()), json: input }))
      if (status === undefined || status === 'todo') return task
      const moved = await unwrap(
        api.workspaces[':ws'].tasks[':id'].move.$post({
          param: idParam(ws(), task.id),
          header: { 'if-match': String(task.version) },
          json: { status },
        }),
      )
      return { ...moved, key: task.key }
    },
    // Not awaited: the form clears at once, and the lists follow when their refetches land.
    onSettled: () => {
      void refreshTasks(queryClient, ws())
      void queryClient.invalidateQueries({ queryKey: boardKeys.all(ws()) })
    },
  }))
}

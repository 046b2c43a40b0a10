// The detail page's data: resolving a key (MES-42), a task, comments and activity of an item, and the
// writes the page makes on asks, tasks and comments (moving a task: tasks/move-task.ts). Requirement reads and
// edits live with the backlog.

import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { idParam, refreshRequirements, requirementKeys } from '../backlog/queries'

type TaskApi = (typeof api.workspaces)[':ws']['tasks'][':id']
export type Task = Ok<Awaited<ReturnType<TaskApi['$get']>>>
export type TaskPatch = NonNullable<Parameters<TaskApi['$patch']>[0]['json']>
export type TaskCreate = Parameters<(typeof api.workspaces)[':ws']['tasks']['$post']>[0]['json']
export type Comment = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['requirements'][':id']['comments']['$get']>>
>['items'][number]
export type Activity = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['activity']['$get']>>
>['items'][number]
export type ItemTarget = 'requirement' | 'task'

export const itemKeys = {
  resolve: (ws: number, key: string) => ['workspaces', ws, 'items', 'key', key] as const,
  task: (ws: number, id: number) => ['workspaces', ws, 'tasks', 'detail', id] as const,
  comments: (ws: number, target: ItemTarget, id: number) =>
    ['workspaces', ws, 'comments', target, id] as const,
  activity: (ws: number, target: ItemTarget, id: number) =>
    ['workspaces', ws, 'activity', target, id] as const,
}

export const itemQuery = (ws: number, key: string) =>
  queryOptions({
    queryKey: itemKeys.resolve(ws, key),
    queryFn: () => unwrap(api.workspaces[':ws'].items[':key'].$get({ param: { ...wsParam(ws), key } })),
    staleTime: 5 * 60_000,
  })

export const taskQuery = (ws: number, id: number) =>
  queryOptions({
    queryKey: itemKeys.task(ws, id),
    queryFn: () => unwrap(api.workspaces[':ws'].tasks[':id'].$get({ param: idParam(ws, id) })),
  })

export const commentsQuery = (ws: number, target: ItemTarget, id: number) =>
  queryOptions({
    queryKey: itemKeys.comments(ws, target, id),
    queryFn: () =>
      unwrap(
        target === 'requirement'
          ? api.workspaces[':ws'].requirements[':id'].comments.$get({ param: idParam(ws, id) })
          : api.workspaces[':ws'].tasks[':id'].comments.$get({ param: idParam(ws, id) }),
      ),
  })

export const activityQuery = (ws: number, target: ItemTarget, id: number) =>
  queryOptions({
    queryKey: itemKeys.activity(ws, target, id),
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].activity.$get({
          param: wsParam(ws),
          query: { entityType: target, entityId: String(id), limit: '100' },
        }),
      ),
  })

export function useAddComment(ws: () => number, target: ItemTarget, id: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (body: string) =>
      unwrap(
        target === 'requirement'
          ? api.workspaces[':ws'].requirements[':id'].comments.$post({
              param: idParam(ws(), id()),
              json: { body },
            })
          : api.workspaces[':ws'].tasks[':id'].comments.$post({ param: idParam(ws(), id()), json: { body } }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: itemKeys.comments(ws(), target, id()) }),
  }))
}

/** Editing (by its author) and deleting a comment; the item's comments and history are fetched again. */
export function useCommentChanges(ws: () => number, target: ItemTarget, id: () => number) {
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: itemKeys.comments(ws(), target, id()) }),
      queryClient.invalidateQueries({ queryKey: itemKeys.activity(ws(), target, id()) }),
    ])
  return {
    edit: createMutation(() => ({
      mutationFn: (input: { comment: Comment; body: string }) =>
        unwrap(
          api.workspaces[':ws'].comments[':id'].$patch({
            param: idParam(ws(), input.comment.id),
            header: {},
            json: { body: input.body, version: input.comment.version },
          }),
        ),
      onSettled: refresh,
    })),
    remove: createMutation(() => ({
      mutationFn: (comment: Comment) =>
        unwrap(api.workspaces[':ws'].comments[':id'].$delete({ param: idParam(ws(), comment.id) })),
      onSettled: refresh,
    })),
  }
}

export function useAsks(ws: () => number, requirementId: () => number) {
  const queryClient = useQueryClient()
  const refresh = () => refreshRequirements(queryClient, ws())
  const add = createMutation(() => ({
    mutationFn: (input: {
      customerId: number
      importance: 'nice' | 'important' | 'critical'
      note?: string
      promisedDate?: string | null
    }) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].asks.$post({
          param: idParam(ws(), requirementId()),
          json: input,
        }),
      ),
    onSuccess: refresh,
  }))
  const remove = createMutation(() => ({
    mutationFn: (askId: number) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].asks[':askId'].$delete({
          param: { ...idParam(ws(), requirementId()), askId: String(askId) },
        }),
      ),
    onSuccess: refresh,
  }))
  return { add, remove }
}

/** The version the page knows now (a previous edit may have moved it on since the caller read it). */
const latestTaskVersion = (
  queryClient: ReturnType<typeof useQueryClient>,
  ws: number,
  id: number,
  version: number | undefined,
) =>
  version === undefined
    ? undefined
    : (queryClient.getQueryData<Task>(itemKeys.task(ws, id))?.version ?? version)

/** Tasks and what shows them (requirements carry their tasks, iterations their load) are fetched again. */
export const refreshTasks = (queryClient: ReturnType<typeof useQueryClient>, ws: number) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: ['workspaces', ws, 'tasks'] }),
    refreshRequirements(queryClient, ws),
  ])

/** Edits a task; its detail shows the change at once and rolls back on error. */
export function useUpdateTask(ws: () => number, id: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    // One after another, each with the version the previous one left (see useUpdateRequirement).
    scope: { id: 'task-edit' },
    mutationFn: (input: { patch: TaskPatch; version?: number }) =>
      unwrap(
        api.workspaces[':ws'].tasks[':id'].$patch({
          param: idParam(ws(), id()),
          header: {},
          json: { ...input.patch, version: latestTaskVersion(queryClient, ws(), id(), input.version) },
        }),
      ),
    onMutate: async (input) => {
      const key = itemKeys.task(ws(), id())
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<Task>(key)
      if (before) queryClient.setQueryData<Task>(key, { ...before, ...(input.patch as Partial<Task>) })
      return { before }
    },
    onSuccess: (saved) =>
      queryClient.setQueryData<Task>(itemKeys.task(ws(), id()), (d) => (d ? { ...d, ...saved } : d)),
    onError: (_err, _input, context) => {
      if (context?.before) queryClient.setQueryData(itemKeys.task(ws(), id()), context.before)
    },
    onSettled: () => refreshTasks(queryClient, ws()),
  }))
}

export function useDeleteItem(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { target: ItemTarget; id: number }) =>
      unwrap(
        input.target === 'requirement'
          ? api.workspaces[':ws'].requirements[':id'].$delete({ param: idParam(ws(), input.id) })
          : api.workspaces[':ws'].tasks[':id'].$delete({ param: idParam(ws(), input.id) }),
      ),
    onSuccess: (_answer, input) => {
      queryClient.removeQueries({
        queryKey:
          input.target === 'requirement'
            ? requirementKeys.detail(ws(), input.id)
            : itemKeys.task(ws(), input.id),
      })
      return refreshTasks(queryClient, ws())
    },
  }))
}

// The home page's queries: my open tasks, blocked and overdue work, active iterations with their progress,
// and recent activity with what each row is about (key and title, looked up once and then kept).
import { type QueryClient, queryOptions } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { roadmapQuery } from '../roadmap/queries'
import { type ActivityRow, progressOf, type SubjectRef, subjectOf } from './home-logic'

export const homeKeys = {
  myTasks: (ws: number) => ['workspaces', ws, 'home', 'my-tasks'] as const,
  blocked: (ws: number) => ['workspaces', ws, 'home', 'blocked'] as const,
  overdue: (ws: number) => ['workspaces', ws, 'home', 'overdue'] as const,
  iterations: (ws: number) => ['workspaces', ws, 'home', 'iterations'] as const,
  progress: (ws: number, iterationId: number) => ['workspaces', ws, 'home', 'progress', iterationId] as const,
  activity: (ws: number) => ['workspaces', ws, 'home', 'activity'] as const,
  subject: (ws: number, type: string, id: number) => ['workspaces', ws, 'home', 'subject', type, id] as const,
}

const tasksCall = (
  ws: number,
  query: { assignee?: string; status?: string; overdue?: 'true'; limit: string },
) => api.workspaces[':ws'].tasks.$get({ param: wsParam(ws), query })

export type HomeTaskRow = Ok<Awaited<ReturnType<typeof tasksCall>>>['items'][number]

export const myTasksQuery = (ws: number) =>
  queryOptions({
    queryKey: homeKeys.myTasks(ws),
    queryFn: () =>
      unwrap(tasksCall(ws, { assignee: 'me', status: 'todo,doing,review,blocked', limit: '200' })),
  })

export const blockedQuery = (ws: number) =>
  queryOptions({
    queryKey: homeKeys.blocked(ws),
    queryFn: () => unwrap(tasksCall(ws, { status: 'blocked', limit: '100' })),
  })

export const overdueQuery = (ws: number) =>
  queryOptions({
    queryKey: homeKeys.overdue(ws),
    queryFn: () => unwrap(tasksCall(ws, { overdue: 'true', limit: '100' })),
  })

export const activeIterationsQuery = (ws: number) =>
  queryOptions({
    queryKey: homeKeys.iterations(ws),
    queryFn: () =>
      unwrap(api.workspaces[':ws'].iterations.$get({ param: wsParam(ws), query: { status: 'active' } })),
  })

export type ActiveIteration = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['iterations']['$get']>>
>['items'][number]

/** Progress from the iteration's board: the browser revalidates it with its ETag, so a refresh is cheap. */
export const progressQuery = (ws: number, iterationId: number) =>
  queryOptions({
    queryKey: homeKeys.progress(ws, iterationId),
    queryFn: async () => {
      const board = await unwrap(
        api.workspaces[':ws'].iterations[':id'].board.$get({
          param: { ...wsParam(ws), id: String(iterationId) },
          query: { groupBy: 'none' },
        }),
      )
      return progressOf(board.columns)
    },
  })

export interface Subject {
  /** An item key such as MES-42, when the subject has one. */
  key?: string
  title: string
}

export type ActivityItem = ActivityRow & {
  id: number
  createdAt: string
  actor: { id: number; name: string } | null
  subject?: Subject
}

const ACTIVITY_LIMIT = 12

/**
 * Recent activity with its subjects. A subject's key and title are fetched once and then kept (they are
 * looked up with ensureQueryData), so a live refresh of the list costs one request plus any new subjects.
 */
export const activityQuery = (queryClient: QueryClient, ws: number, can: (permission: string) => boolean) =>
  queryOptions({
    queryKey: homeKeys.activity(ws),
    queryFn: async (): Promise<ActivityItem[]> => {
      const page = await unwrap(
        api.workspaces[':ws'].activity.$get({ param: wsParam(ws), query: { limit: String(ACTIVITY_LIMIT) } }),
      )
      const subjects = await Promise.all(
        page.items.map((row) => resolveSubject(queryClient, ws, subjectOf(row), can).catch(() => undefined)),
      )
      return page.items.map((row, i) => ({ ...row, subject: subjects[i] }))
    },
  })

async function resolveSubject(
  queryClient: QueryClient,
  ws: number,
  ref: SubjectRef,
  can: (permission: string) => boolean,
): Promise<Subject | undefined> {
  switch (ref.type) {
    case 'named':
      return { title: ref.name }
    case 'task':
      if (!can('task.view')) return undefined
      return queryClient.ensureQueryData({
        queryKey: homeKeys.subject(ws, 'task', ref.id),
        queryFn: async () => {
          const task = await unwrap(
            api.workspaces[':ws'].tasks[':id'].$get({ param: { ...wsParam(ws), id: String(ref.id) } }),
          )
          return { key: task.key, title: task.title }
        },
      })
    case 'requirement':
      if (!can('requirement.view')) return undefined
      return queryClient.ensureQueryData({
        queryKey: homeKeys.subject(ws, 'requirement', ref.id),
        queryFn: async () => {
          const requirement = await unwrap(
            api.workspaces[':ws'].requirements[':id'].$get({ param: { ...wsParam(ws), id: String(ref.id) } }),
          )
          return { key: requirement.key, title: requirement.title }
        },
      })
    case 'iteration':
    case 'release': {
      if (ref.productId === null || !can('roadmap.view')) return undefined
      const roadmap = await queryClient.ensureQueryData(roadmapQuery(ws, ref.productId))
      const list: { id: number; name: string }[] =
        ref.type === 'iteration' ? roadmap.iterations : roadmap.releases
      const found = list.find((x) => x.id === ref.id)
      return found ? { title: found.name } : undefined
    }
    default:
      return undefined
  }
}

// The inbox's data: the notifications (paged), the unread count for the bell, marking read or archived
// (shown at once, put right by the server's answer), and who watches an item.
import {
  createInfiniteQuery,
  createMutation,
  infiniteQueryOptions,
  queryOptions,
  useQueryClient,
} from '@tanstack/solid-query'
import type { NotificationKind, WatchableType } from '../../../../domain/vocabulary'
import { api, type Ok, unwrap, wsParam } from '../../api'

type InboxApi = (typeof api.workspaces)[':ws']['notifications']
export type Inbox = Ok<Awaited<ReturnType<InboxApi['$get']>>>
export type Notification = Inbox['items'][number]
export type Watchers = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['tasks'][':id']['watchers']['$get']>>
>
/** What the inbox lists: what is in it, only the unread, or what was archived. */
export type InboxView = 'inbox' | 'unread' | 'archived'
export type WatchTarget = WatchableType

const PAGE = 100

const idParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })

export const notificationKeys = {
  all: (ws: number) => ['workspaces', ws, 'notifications'] as const,
  list: (ws: number, view: InboxView, kind: NotificationKind | '') =>
    ['workspaces', ws, 'notifications', 'list', view, kind] as const,
  count: (ws: number) => ['workspaces', ws, 'notifications', 'count'] as const,
  watchers: (ws: number, target: WatchTarget, id: number) =>
    ['workspaces', ws, 'watchers', target, id] as const,
}

export const inboxQuery = (ws: number, view: InboxView, kind: NotificationKind | '') =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(ws, view, kind),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.workspaces[':ws'].notifications.$get({
          param: wsParam(ws),
          query: {
            limit: String(PAGE),
            ...(view === 'unread' && { unread: '1' as const }),
            ...(view === 'archived' && { archived: '1' as const }),
            ...(kind && { kind }),
            ...(pageParam && { cursor: pageParam }),
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  })

export const useInbox = (ws: () => number, view: () => InboxView, kind: () => NotificationKind | '') =>
  createInfiniteQuery(() => inboxQuery(ws(), view(), kind()))

export const unreadCountQuery = (ws: number) =>
  queryOptions({
    queryKey: notificationKeys.count(ws),
    queryFn: () => unwrap(api.workspaces[':ws'].notifications.count.$get({ param: wsParam(ws) })),
    staleTime: 30_000,
  })

export type Mark = 'read' | 'unread' | 'archive' | 'unarchive'

/** Marks notifications (or all of them); the lists show it at once and the count follows the answer. */
export function useMarkNotifications(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: ({ mark, ids }: { mark: Mark; ids: number[] | 'all' }) => {
      const json = ids === 'all' ? { all: true as const } : { ids }
      const param = wsParam(ws())
      const routes = api.workspaces[':ws'].notifications
      return unwrap(
        mark === 'read'
          ? routes.read.$post({ param, json })
          : mark === 'unread'
            ? routes.unread.$post({ param, json })
            : mark === 'archive'
              ? routes.archive.$post({ param, json })
              : routes.unarchive.$post({ param, json }),
      )
    },
    onMutate: ({ mark, ids }) => {
      const now = new Date().toISOString()
      const touched = (n: Notification) => ids === 'all' || ids.includes(n.id)
      const change = (n: Notification): Notification | null => {
        if (!touched(n)) return n
        if (mark === 'read') return { ...n, readAt: n.readAt ?? now }
        if (mark === 'unread') return { ...n, readAt: null }
        // Archived ones leave the inbox, and come back out of the archive.
        return null
      }
      queryClient.setQueriesData<{ pages: Inbox[]; pageParams: unknown[] }>(
        { queryKey: [...notificationKeys.all(ws()), 'list'] },
        (data) =>
          data && {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map(change).filter((n): n is Notification => n !== null),
            })),
          },
      )
    },
    onSuccess: (answer) =>
      queryClient.setQueryData(notificationKeys.count(ws()), { unreadCount: answer.unreadCount }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all(ws()) }),
  }))
}

/** The watchers routes of an item of each watchable type. */
const watcherRoutes = (target: WatchTarget) => {
  const ws = api.workspaces[':ws']
  if (target === 'requirement') return ws.requirements[':id'].watchers
  if (target === 'task') return ws.tasks[':id'].watchers
  if (target === 'iteration') return ws.iterations[':id'].watchers
  return ws.products[':id'].watchers
}

export const watchersQuery = (ws: number, target: WatchTarget, id: number) =>
  queryOptions({
    queryKey: notificationKeys.watchers(ws, target, id),
    queryFn: () => unwrap(watcherRoutes(target).$get({ param: idParam(ws, id) })) as Promise<Watchers>,
  })

export function useWatch(ws: () => number, target: () => WatchTarget, id: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (on: boolean) => {
      const param = idParam(ws(), id())
      const routes = watcherRoutes(target())
      return unwrap(on ? routes.$post({ param }) : routes.$delete({ param })) as Promise<Watchers>
    },
    onSuccess: (answer) => queryClient.setQueryData(notificationKeys.watchers(ws(), target(), id()), answer),
  }))
}

/** What a mention is about: an item, or (while it is being created) its product. */
export type MentionTarget = { entityType: 'requirement' | 'task'; entityId: number } | { productId: number }

/** Members who may see the target, matching `q` (or only `ids`, to learn which of them may). */
export const mentionableQuery = (ws: number, target: MentionTarget, q: string, ids?: readonly number[]) =>
  queryOptions({
    queryKey: ['workspaces', ws, 'mentionable', target, q, ids?.join(',') ?? ''] as const,
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].mentionable.$get({
          param: wsParam(ws),
          query: {
            ...('productId' in target
              ? { productId: String(target.productId) }
              : { entityType: target.entityType, entityId: String(target.entityId) }),
            q,
            limit: '8',
            ...(ids && { ids: ids.join(',') }),
          },
        }),
      ),
    staleTime: 60_000,
  })

export type Preferences = Ok<Awaited<ReturnType<(typeof api.me)['notification-preferences']['$get']>>>
export type PreferencesPatch = NonNullable<
  Parameters<(typeof api.me)['notification-preferences']['$patch']>[0]['json']
>

const preferencesKey = ['me', 'notification-preferences'] as const

export const preferencesQuery = () =>
  queryOptions({
    queryKey: preferencesKey,
    queryFn: () => unwrap(api.me['notification-preferences'].$get()),
  })

export function useSavePreferences() {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (patch: PreferencesPatch) =>
      unwrap(api.me['notification-preferences'].$patch({ json: patch })),
    onSuccess: (answer) => queryClient.setQueryData(preferencesKey, answer),
  }))
}

// Email: the instance owners' outbox (paged by its cursor, looked at again every 5 s while anything waits),
// a test email and a retry; and the unsubscribe link, read on load and applied only on request.
import {
  createMutation,
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useQueryClient,
} from '@tanstack/solid-query'
import type { EmailStatus } from '../../../../domain/vocabulary'
import { api, type Ok, unwrap } from '../../api'

const emails = api.admin.emails
export type Outbox = Ok<Awaited<ReturnType<typeof emails.$get>>>
export type OutboxEmail = Outbox['items'][number]
export type UnsubscribeScope = Ok<Awaited<ReturnType<(typeof api.unsubscribe)[':token']['$get']>>>['scope']

/** Which emails the list shows: failed and waiting ones by default, one status, or all. */
export type OutboxFilter = 'open' | EmailStatus | 'all'
export const OUTBOX_FILTERS: readonly OutboxFilter[] = ['open', 'failed', 'pending', 'sent', 'skipped', 'all']

const statusesOf = (filter: OutboxFilter): string | undefined =>
  filter === 'all' ? undefined : filter === 'open' ? 'failed,pending' : filter

const PAGE = 50
/** How often the list is looked at again while an email waits to go. */
export const OUTBOX_POLL_MS = 5000

/** Whether the outbox is at work: email is on and something waits (with email off nothing moves). */
export const isSending = (view: Outbox | undefined) => !!view?.emailOn && view.counts.pending > 0

export const emailKeys = {
  outbox: ['admin', 'emails'] as const,
  list: (filter: OutboxFilter) => ['admin', 'emails', filter] as const,
  unsubscribe: (token: string) => ['unsubscribe', token] as const,
}

export const outboxQuery = (filter: OutboxFilter) =>
  infiniteQueryOptions({
    queryKey: emailKeys.list(filter),
    queryFn: ({ pageParam }) => {
      const status = statusesOf(filter)
      return unwrap(
        emails.$get({
          query: {
            limit: String(PAGE),
            ...(status && { status }),
            ...(pageParam && { cursor: pageParam }),
          },
        }),
      )
    },
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Another filter keeps the list (and the status above it) on screen until its answer comes.
    placeholderData: keepPreviousData,
    // Waiting emails change on their own (sent, retried, failed): look again while any wait to be sent.
    refetchInterval: (query) => (isSending(query.state.data?.pages[0]) ? OUTBOX_POLL_MS : false),
  })

export function useOutboxMutations() {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: emailKeys.outbox })
  return {
    test: createMutation(() => ({
      mutationFn: (to: string) => unwrap(emails.test.$post({ json: { to } })),
      onSuccess: refresh,
    })),
    retry: createMutation(() => ({
      mutationFn: (id: number) => unwrap(emails[':id'].retry.$post({ param: { id: String(id) } })),
      onSettled: refresh,
    })),
  }
}

/** What an unsubscribe link would stop; reading it changes nothing (mail scanners follow links). */
export const unsubscribeQuery = (token: string) =>
  queryOptions({
    queryKey: emailKeys.unsubscribe(token),
    queryFn: () => unwrap(api.unsubscribe[':token'].$get({ param: { token } })),
    staleTime: Number.POSITIVE_INFINITY,
  })

export const useUnsubscribe = (token: () => string) =>
  createMutation(() => ({
    mutationFn: () => unwrap(api.unsubscribe[':token'].$post({ param: { token: token() } })),
  }))

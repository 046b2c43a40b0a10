// Queries of the signed-in session: whether setup is needed, the current user with their workspaces.
import { type QueryClient, queryOptions } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'

export const authKeys = {
  setup: ['setup'] as const,
  me: ['me'] as const,
  invite: (token: string) => ['invite', token] as const,
  passwordReset: (token: string) => ['password-reset', token] as const,
}

export const setupQuery = () =>
  queryOptions({
    queryKey: authKeys.setup,
    queryFn: () => unwrap(api.setup.$get()),
    staleTime: 60_000,
  })

/** 401 is an answer here (not logged in), so callers handle errors themselves. */
export const meQuery = () =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: () => unwrap(api.me.$get()),
    staleTime: 30_000,
    throwOnError: false,
  })

/** On signing in as someone (log in, accept an invite, reset a password): nothing cached for whoever used
 * this browser before may show. Whether setup is needed does not depend on who is signed in. */
export const forgetPreviousUser = (queryClient: QueryClient) =>
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== authKeys.setup[0] })

export type Me = Ok<Awaited<ReturnType<typeof api.me.$get>>>
export type MyWorkspace = Me['workspaces'][number]

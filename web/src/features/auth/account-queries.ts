// Your own account: profile changes, the email address, the password, and your sessions.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'
import { authKeys } from './queries'

export type ProfilePatch = NonNullable<Parameters<typeof api.me.$patch>[0]>['json']
export type Session = Ok<Awaited<ReturnType<typeof api.me.sessions.$get>>>['items'][number]

export const sessionsQuery = () =>
  queryOptions({
    queryKey: [...authKeys.me, 'sessions'] as const,
    queryFn: () => unwrap(api.me.sessions.$get()),
  })

export function useAccountMutations() {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: authKeys.me })
  return {
    profile: createMutation(() => ({
      mutationFn: (patch: ProfilePatch) => unwrap(api.me.$patch({ json: patch })),
      onSettled: refresh,
    })),
    /** With email on, the answer is `pending` until the link sent to the new address is opened. */
    email: createMutation(() => ({
      mutationFn: (input: { email: string; password: string }) => unwrap(api.me.email.$post({ json: input })),
      onSettled: refresh,
    })),
    password: createMutation(() => ({
      mutationFn: (input: { currentPassword: string; newPassword: string }) =>
        unwrap(api.me.password.$post({ json: input })),
      onSettled: refresh,
    })),
    endSession: createMutation(() => ({
      mutationFn: (id: number) => unwrap(api.me.sessions[':id'].$delete({ param: { id: String(id) } })),
      onSettled: refresh,
    })),
  }
}

// The instance's settings and accounts (instance owners only): queries and the three changes.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'
import { authKeys } from '../auth/queries'

export const instanceKeys = {
  settings: ['instance', 'settings'] as const,
  accounts: ['instance', 'accounts'] as const,
}

export type InstanceSettings = Ok<Awaited<ReturnType<typeof api.admin.settings.$get>>>
export type Account = Ok<Awaited<ReturnType<typeof api.admin.users.$get>>>['items'][number]
export type ResetLink = Ok<Awaited<ReturnType<(typeof api.admin.users)[':id']['password-reset']['$post']>>>

export const settingsQuery = () =>
  queryOptions({ queryKey: instanceKeys.settings, queryFn: () => unwrap(api.admin.settings.$get()) })

export const accountsQuery = () =>
  queryOptions({ queryKey: instanceKeys.accounts, queryFn: () => unwrap(api.admin.users.$get()) })

export function useInstanceMutations() {
  const queryClient = useQueryClient()
  const updateSettings = createMutation(() => ({
    mutationFn: (json: { workspaceCreation: InstanceSettings['workspaceCreation'] }) =>
      unwrap(api.admin.settings.$patch({ json })),
    onSuccess: (settings) => {
      queryClient.setQueryData(instanceKeys.settings, settings)
      // Whether the owner's own "create workspace" shows does not change, but others' /me does.
      void queryClient.invalidateQueries({ queryKey: authKeys.me })
    },
  }))
  const setOwner = createMutation(() => ({
    mutationFn: (v: { id: number; instanceOwner: boolean }) =>
      unwrap(
        api.admin.users[':id'].$patch({
          param: { id: String(v.id) },
          json: { instanceOwner: v.instanceOwner },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: instanceKeys.accounts })
      void queryClient.invalidateQueries({ queryKey: authKeys.me })
    },
  }))
  const resetLink = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.admin.users[':id']['password-reset'].$post({ param: { id: String(id) } })),
  }))
  return { updateSettings, setOwner, resetLink }
}

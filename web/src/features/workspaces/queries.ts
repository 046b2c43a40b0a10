// Workspace writes; the list of the user's workspaces comes with /api/me (see auth/queries).
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { api, unwrap } from '../../api'
import { authKeys } from '../auth/queries'

export function useCreateWorkspace() {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (name: string) => unwrap(api.workspaces.$post({ json: { name } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.me }),
  }))
}

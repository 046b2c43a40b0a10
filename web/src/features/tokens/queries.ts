// The signed-in user's API tokens: query key, list, create (secret answered once) and revoke.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'

export const tokenKeys = {
  all: ['tokens'] as const,
}

export type ApiToken = Ok<Awaited<ReturnType<typeof api.tokens.$get>>>['items'][number]
export type CreatedToken = Ok<Awaited<ReturnType<typeof api.tokens.$post>>>

export const tokensQuery = () =>
  queryOptions({ queryKey: tokenKeys.all, queryFn: () => unwrap(api.tokens.$get()) })

export function useTokenMutations() {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: tokenKeys.all })
  const create = createMutation(() => ({
    mutationFn: (name: string) => unwrap(api.tokens.$post({ json: { name } })),
    onSuccess: refresh,
  }))
  const revoke = createMutation(() => ({
    mutationFn: (id: number) => unwrap(api.tokens[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: refresh,
  }))
  return { create, revoke }
}

// SCIM provisioning (instance owners): the bearer tokens a directory provisions through, per sign-in
// provider, with the endpoint to give it; making one (its secret answered once) and revoking one.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'

export const scimKeys = {
  tokens: (providerId: number) => ['instance', 'scim-tokens', providerId] as const,
}

const tokensOf = api.admin.providers[':id']['scim-tokens']
const providerParam = (id: number) => ({ param: { id: String(id) } })

export type ScimTokens = Ok<Awaited<ReturnType<typeof tokensOf.$get>>>
export type ScimToken = ScimTokens['items'][number]
export type CreatedScimToken = Ok<Awaited<ReturnType<typeof tokensOf.$post>>>

/** A provider's tokens (never their secrets) and the SCIM base URL the directory is given. */
export const scimTokensQuery = (providerId: number) =>
  queryOptions({
    queryKey: scimKeys.tokens(providerId),
    queryFn: () => unwrap(tokensOf.$get(providerParam(providerId))),
  })

export function useScimTokenMutations(providerId: () => number) {
  const queryClient = useQueryClient()
  const refresh = () => queryClient.invalidateQueries({ queryKey: scimKeys.tokens(providerId()) })
  const create = createMutation(() => ({
    mutationFn: (name: string) => unwrap(tokensOf.$post({ ...providerParam(providerId()), json: { name } })),
    onSuccess: refresh,
  }))
  const revoke = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.admin['scim-tokens'][':id'].$delete({ param: { id: String(id) } })),
    onSuccess: refresh,
  }))
  return { create, revoke }
}

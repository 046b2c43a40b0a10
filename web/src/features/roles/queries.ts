// Roles and the permission catalogue: query keys, queries and writes.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { authKeys } from '../auth/queries'

export const roleKeys = {
  all: (ws: number) => ['workspaces', ws, 'roles'] as const,
  permissions: ['permissions'] as const,
}

export type Role = Ok<Awaited<ReturnType<(typeof api.workspaces)[':ws']['roles']['$get']>>>[number]
export type PermissionInfo = Ok<Awaited<ReturnType<typeof api.permissions.$get>>>[number]

export const rolesQuery = (ws: number) =>
  queryOptions({
    queryKey: roleKeys.all(ws),
    queryFn: () => unwrap(api.workspaces[':ws'].roles.$get({ param: wsParam(ws) })),
  })

export const permissionsQuery = () =>
  queryOptions({
    queryKey: roleKeys.permissions,
    queryFn: () => unwrap(api.permissions.$get()),
    staleTime: Number.POSITIVE_INFINITY,
  })

export function useRoleMutations(ws: () => number) {
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: roleKeys.all(ws()) }),
      // The caller's own permissions change when they edit the role they hold.
      queryClient.invalidateQueries({ queryKey: authKeys.me }),
    ])
  const create = createMutation(() => ({
    mutationFn: (input: { name: string; permissions: string[] }) =>
      unwrap(api.workspaces[':ws'].roles.$post({ param: wsParam(ws()), json: input })),
    onSuccess: refresh,
  }))
  const update = createMutation(() => ({
    mutationFn: (input: { id: number; version: number; name: string; permissions: string[] }) =>
      unwrap(
        api.workspaces[':ws'].roles[':id'].$patch({
          param: { ...wsParam(ws()), id: String(input.id) },
          header: { 'if-match': String(input.version) },
          json: { name: input.name, permissions: input.permissions },
        }),
      ),
    onSuccess: refresh,
    onError: refresh,
  }))
  const remove = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.workspaces[':ws'].roles[':id'].$delete({ param: { ...wsParam(ws()), id: String(id) } })),
    onSuccess: refresh,
  }))
  return { create, update, remove }
}

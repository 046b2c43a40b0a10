// Members and pending invites: query keys, queries and writes.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { authKeys } from '../auth/queries'

export const memberKeys = {
  all: (ws: number) => ['workspaces', ws, 'members'] as const,
  invites: (ws: number) => ['workspaces', ws, 'invites'] as const,
}

type MembersAnswer = Ok<Awaited<ReturnType<(typeof api.workspaces)[':ws']['members']['$get']>>>
export type Member = MembersAnswer['items'][number]
export type Invite = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['invites']['$get']>>
>['items'][number]
export type InviteCreated = Ok<Awaited<ReturnType<(typeof api.workspaces)[':ws']['members']['$post']>>>

/**
 * Whom work may be given to: not deactivated accounts (they cannot sign in). One already assigned (`keep`)
 * stays among the choices, so the current assignee still shows.
 */
export const assignableMembers = <M extends { userId: number; deactivated: boolean }>(
  members: readonly M[],
  keep?: number | null,
): M[] => members.filter((m) => !m.deactivated || m.userId === keep)

export const membersQuery = (ws: number) =>
  queryOptions({
    queryKey: memberKeys.all(ws),
    queryFn: () => unwrap(api.workspaces[':ws'].members.$get({ param: wsParam(ws) })),
  })

export const invitesQuery = (ws: number) =>
  queryOptions({
    queryKey: memberKeys.invites(ws),
    queryFn: () => unwrap(api.workspaces[':ws'].invites.$get({ param: wsParam(ws) })),
  })

export function useMemberMutations(ws: () => number) {
  const queryClient = useQueryClient()
  const refreshMembers = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: memberKeys.all(ws()) }),
      queryClient.invalidateQueries({ queryKey: authKeys.me }),
    ])
  const refreshInvites = () => queryClient.invalidateQueries({ queryKey: memberKeys.invites(ws()) })
  const memberPath = (id: number) => ({ ...wsParam(ws()), id: String(id) })

  const invite = createMutation(() => ({
    mutationFn: (input: { email: string; name: string; roleId: number; productIds: number[] | null }) =>
      unwrap(api.workspaces[':ws'].members.$post({ param: wsParam(ws()), json: input })),
    onSuccess: refreshInvites,
  }))
  const update = createMutation(() => ({
    mutationFn: (input: { member: Member; roleId?: number; productIds?: number[] | null }) =>
      unwrap(
        api.workspaces[':ws'].members[':id'].$patch({
          param: memberPath(input.member.id),
          header: { 'if-match': String(input.member.version) },
          json: { roleId: input.roleId, productIds: input.productIds },
        }),
      ),
    onSettled: refreshMembers,
  }))
  const remove = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.workspaces[':ws'].members[':id'].$delete({ param: memberPath(id) })),
    onSuccess: refreshMembers,
  }))
  const revoke = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.workspaces[':ws'].invites[':id'].$delete({ param: { ...wsParam(ws()), id: String(id) } })),
    onSuccess: refreshInvites,
  }))
  return { invite, update, remove, revoke }
}

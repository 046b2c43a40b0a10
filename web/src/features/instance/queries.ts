// The instance's settings, health, workspaces and accounts (instance owners only): queries, and the changes
// to settings and accounts (owner, active or deactivated, sessions, reset links).
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, isApiError, type Ok, unwrap } from '../../api'
import { authKeys } from '../auth/queries'

export const instanceKeys = {
  settings: ['instance', 'settings'] as const,
  health: ['instance', 'health'] as const,
  workspaces: ['instance', 'workspaces'] as const,
  accounts: ['instance', 'accounts'] as const,
  sessions: (id: number) => ['instance', 'accounts', id, 'sessions'] as const,
}

const user = api.admin.users[':id']
const userParam = (id: number) => ({ param: { id: String(id) } })

export type InstanceSettings = Ok<Awaited<ReturnType<typeof api.admin.settings.$get>>>
export type Account = Ok<Awaited<ReturnType<typeof api.admin.users.$get>>>['items'][number]
export type InstanceHealth = Ok<Awaited<ReturnType<typeof api.admin.health.$get>>>
export type InstanceWorkspace = Ok<Awaited<ReturnType<typeof api.admin.workspaces.$get>>>['items'][number]
export type AccountSession = Ok<Awaited<ReturnType<typeof user.sessions.$get>>>['items'][number]
export type ResetLink = Ok<Awaited<ReturnType<(typeof user)['password-reset']['$post']>>>
export type SettingsChange = Partial<
  Pick<InstanceSettings, 'workspaceCreation' | 'auditRetentionDays' | 'passwordSignIn' | 'requireTwoFactor'>
>

/** The bounds of the audit log's retention, as the server checks them. */
export const RETENTION_DAYS = { min: 30, max: 3650 } as const

export const settingsQuery = () =>
  queryOptions({ queryKey: instanceKeys.settings, queryFn: () => unwrap(api.admin.settings.$get()) })

/** How often the health card looks again while the page is open (not while the tab is hidden). */
export const HEALTH_REFRESH_MS = 30_000

export const healthQuery = () =>
  queryOptions({
    queryKey: instanceKeys.health,
    queryFn: () => unwrap(api.admin.health.$get()),
    refetchInterval: HEALTH_REFRESH_MS,
  })

/** Every workspace of the instance, the owner a member or not, with its roles and products. */
export const instanceWorkspacesQuery = () =>
  queryOptions({ queryKey: instanceKeys.workspaces, queryFn: () => unwrap(api.admin.workspaces.$get()) })

export const accountsQuery = () =>
  queryOptions({ queryKey: instanceKeys.accounts, queryFn: () => unwrap(api.admin.users.$get()) })

/** Where an account is signed in, the most recently used session first. */
export const accountSessionsQuery = (id: number) =>
  queryOptions({
    queryKey: instanceKeys.sessions(id),
    queryFn: () => unwrap(user.sessions.$get(userParam(id))),
  })

/** The reason of a 409 (`deactivate_self`, `last_instance_owner`), if the error is one. */
export const conflictReason = (err: unknown): string | undefined => {
  const reason = isApiError(err, 409) ? (err.details as { reason?: unknown } | undefined)?.reason : undefined
  return typeof reason === 'string' ? reason : undefined
}

export function useInstanceMutations() {
  const queryClient = useQueryClient()
  // The health card counts accounts, deactivated ones and live sessions: it follows their changes.
  const refreshAccounts = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: instanceKeys.accounts }),
      queryClient.invalidateQueries({ queryKey: instanceKeys.health }),
    ])
  const updateSettings = createMutation(() => ({
    mutationFn: (json: SettingsChange) => unwrap(api.admin.settings.$patch({ json })),
    onSuccess: (settings) => {
      queryClient.setQueryData(instanceKeys.settings, settings)
      // Whether the owner's own "create workspace" shows does not change, but others' /me does.
      void queryClient.invalidateQueries({ queryKey: authKeys.me })
    },
  }))
  const setOwner = createMutation(() => ({
    mutationFn: (v: { id: number; instanceOwner: boolean }) =>
      unwrap(user.$patch({ ...userParam(v.id), json: { instanceOwner: v.instanceOwner } })),
    onSuccess: () => {
      void refreshAccounts()
      void queryClient.invalidateQueries({ queryKey: authKeys.me })
    },
  }))
  /** Deactivates an account (`active: false`) or brings it back. */
  const setActive = createMutation(() => ({
    mutationFn: (v: { id: number; active: boolean }) =>
      unwrap(user.$patch({ ...userParam(v.id), json: { active: v.active } })),
    onSuccess: (_account, v) => {
      void refreshAccounts()
      void queryClient.invalidateQueries({ queryKey: instanceKeys.sessions(v.id) })
      // Every workspace's member list marks the account deactivated (and assignee choices leave it out).
      void queryClient.invalidateQueries({
        predicate: (query) => query.queryKey[0] === 'workspaces' && query.queryKey[2] === 'members',
      })
    },
  }))
  /** Ends every session of the account (its API tokens stay). */
  const signOut = createMutation(() => ({
    mutationFn: (id: number) => unwrap(user.sessions.$delete(userParam(id))),
    onSuccess: (_none, id) => {
      void queryClient.invalidateQueries({ queryKey: instanceKeys.sessions(id) })
      void refreshAccounts()
    },
  }))
  const resetLink = createMutation(() => ({
    mutationFn: (id: number) => unwrap(user['password-reset'].$post(userParam(id))),
  }))
  return { updateSettings, setOwner, setActive, signOut, resetLink }
}

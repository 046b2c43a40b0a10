// Company sign-in: what the login page offers (public), the instance owners' providers with their presets,
// and the changes to them; plus the small readings of the server's answers the pages share (a 409's or a
// 403's reason, zod issues by field).
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, isApiError, type Ok, unwrap } from '../../api'

export const providerKeys = {
  signInOptions: ['sign-in-options'] as const,
  all: ['instance', 'providers'] as const,
}

export type SignInOptions = Ok<Awaited<ReturnType<(typeof api.auth)['sign-in-options']['$get']>>>
export type PublicProvider = SignInOptions['providers'][number]
export type ProvidersAnswer = Ok<Awaited<ReturnType<typeof api.admin.providers.$get>>>
export type Provider = ProvidersAnswer['items'][number]
export type ProviderAccess = Provider['access']
export type ProviderType = Provider['type']
export type NewProvider = Parameters<typeof api.admin.providers.$post>[0]['json']
export type ProviderChange = Parameters<(typeof api.admin.providers)[':id']['$patch']>[0]['json']
export type TestResult = Ok<Awaited<ReturnType<(typeof api.admin.providers)[':id']['test']['$post']>>>

/** A starting point for a common OpenID Connect issuer (server/features/providers/presets.ts). */
export interface OidcPreset {
  key: string
  name: string
  issuer: string
  scopes: string
  groupsClaim: string | null
  trustEmails: boolean
  note: { en: string; zh: string }
}

/** The presets as the API lists them (typed there as plain records): the well-formed ones. */
export function presetsOf(answer: ProvidersAnswer): OidcPreset[] {
  return answer.presets.flatMap((raw) => {
    const p = raw as Record<string, unknown>
    const note = p.note as { en?: unknown; zh?: unknown } | undefined
    const wellFormed =
      typeof p.key === 'string' &&
      typeof p.name === 'string' &&
      typeof p.issuer === 'string' &&
      typeof p.scopes === 'string' &&
      (typeof p.groupsClaim === 'string' || p.groupsClaim === null) &&
      typeof p.trustEmails === 'boolean' &&
      typeof note?.en === 'string' &&
      typeof note.zh === 'string'
    return wellFormed ? [p as unknown as OidcPreset] : []
  })
}

/** Public: the login page works without it (a failure leaves the password form). */
export const signInOptionsQuery = () =>
  queryOptions({
    queryKey: providerKeys.signInOptions,
    queryFn: () => unwrap(api.auth['sign-in-options'].$get()),
    staleTime: 60_000,
  })

export const providersQuery = () =>
  queryOptions({ queryKey: providerKeys.all, queryFn: () => unwrap(api.admin.providers.$get()) })

/** Where an OpenID Connect sign-in starts: a full-page navigation, coming back to `next` when signed in. */
export const oidcStartUrl = (slug: string, next: string | undefined) =>
  `/api/auth/oidc/${encodeURIComponent(slug)}/start${next ? `?next=${encodeURIComponent(next)}` : ''}`

/** The redirect URI to register at the issuer: the server's template with the short name in it. */
export const callbackUrl = (template: string, slug: string) =>
  template.replace('<slug>', slug.trim() || '<slug>')

/** `details.reason` of an API error (`password_sign_in_off`, `directory_unavailable`, `slug_taken`…). */
export function reasonOf(err: unknown): string | undefined {
  if (!isApiError(err)) return undefined
  const reason = (err.details as { reason?: unknown } | undefined)?.reason
  return typeof reason === 'string' ? reason : undefined
}

/** One zod issue of a 400 `invalid_input`, as the server sends it. */
export interface Issue {
  code: string
  path: (string | number)[]
  message: string
  format?: string
}

/** The issues of a 400, by field: "slug", "config.issuer", "access.groupRules.0.roleId". */
export function issuesByField(err: unknown): Map<string, Issue> {
  const byField = new Map<string, Issue>()
  if (!isApiError(err, 400) || !Array.isArray(err.details)) return byField
  for (const raw of err.details as unknown[]) {
    const issue = raw as Partial<Issue>
    if (!Array.isArray(issue.path) || typeof issue.code !== 'string') continue
    const key = issue.path.join('.')
    if (!byField.has(key))
      byField.set(key, {
        code: issue.code,
        path: issue.path,
        message: typeof issue.message === 'string' ? issue.message : '',
        format: typeof issue.format === 'string' ? issue.format : undefined,
      })
  }
  return byField
}

export function useProviderMutations() {
  const queryClient = useQueryClient()
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: providerKeys.all }),
      queryClient.invalidateQueries({ queryKey: providerKeys.signInOptions }),
    ])
  const create = createMutation(() => ({
    mutationFn: (json: NewProvider) => unwrap(api.admin.providers.$post({ json })),
    onSuccess: refresh,
  }))
  const update = createMutation(() => ({
    mutationFn: (v: { id: number; change: ProviderChange }) =>
      unwrap(api.admin.providers[':id'].$patch({ param: { id: String(v.id) }, json: v.change })),
    onSuccess: refresh,
  }))
  const remove = createMutation(() => ({
    mutationFn: (id: number) => unwrap(api.admin.providers[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: refresh,
  }))
  return { create, update, remove }
}

/** Tests a saved provider: the answer says in words what failed (shown as the server words it). */
export function useProviderTest() {
  return createMutation(() => ({
    mutationFn: (id: number) => unwrap(api.admin.providers[':id'].test.$post({ param: { id: String(id) } })),
  }))
}

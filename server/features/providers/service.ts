// Sign-in providers: instance owners set them up (or the environment does), the login page lists them,
// and a person who signed in at one becomes an account here: matched by the provider's subject, else
// linked to an account by a verified email, else created when the provider allows it. Their workspaces
// and roles follow the provider's rules at every sign-in.

import type { z } from '@hono/zod-openapi'
import type { EnvProvider } from '../../config'
import type { AppDeps } from '../../lib/context'
import { AppError, conflict, invalid, notFound } from '../../lib/errors'
import { audit, type Recorder, write } from '../../lib/write'
import { aboutAccount, accountCreated } from '../audit/events'
import { authRepo } from '../auth/repo'
import { applyDirectoryPlace, type DirectoryPlace } from '../workspaces/service'
import { type ProviderRow, providerRepo } from './repo'
import { Access, type AccessRules, LdapConfig, NewProvider, OidcConfig } from './schemas'

type Db = Parameters<Parameters<typeof write>[1]>[0]
const instanceScope = (deps: AppDeps, actorId: number | null) => ({ deps, workspaceId: null, actorId })

/** A provider as the admin API shows it: never its secret. */
export function publicProvider(row: ProviderRow) {
  const { secret, ...rest } = row
  return {
    ...rest,
    type: row.type as 'oidc' | 'ldap',
    source: row.source as 'ui' | 'env',
    hasSecret: Boolean(secret),
    access: Access.parse(row.access),
  }
}

export const list = async (deps: AppDeps) => (await providerRepo.all(deps.db)).map(publicProvider)

/** The enabled providers, for the login page's buttons and directory sign-in. */
export async function publicList(deps: AppDeps) {
  return (await providerRepo.all(deps.db))
    .filter((p) => p.enabled)
    .map((p) => ({ id: p.slug, name: p.name, type: p.type as 'oidc' | 'ldap' }))
}

const aboutProvider = (
  action: string,
  p: { id: number; name: string },
  details?: Record<string, unknown>,
) => ({
  action,
  targetType: 'sign_in_provider',
  targetId: p.id,
  targetLabel: p.name,
  details: details ?? null,
})

/** Settings checked against their schema: 400 `invalid_input` with the issues (paths under `field`). */
function checked<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  throw invalid(
    'The request is not valid',
    result.error.issues.map((i) => ({ ...i, path: [field, ...i.path] })),
  )
}

const readOnly = () =>
  conflict('provider_from_env', 'This provider is set in the environment; change it there')

export function create(deps: AppDeps, actorId: number, input: unknown) {
  const parsed = NewProvider.parse(input)
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    if (await providerRepo.bySlug(tx, parsed.slug))
      throw conflict('slug_taken', 'Another provider has this short name')
    const row = await providerRepo.insert(tx, {
      slug: parsed.slug,
      type: parsed.type,
      name: parsed.name,
      enabled: parsed.enabled,
      config: parsed.config,
      secret: parsed.secret || null,
      access: parsed.access,
      createdAt: deps.clock.now().toISOString(),
    })
    audit(
      frame,
      aboutProvider('sign_in_provider.created', row, {
        type: row.type,
        config: row.config,
        access: row.access,
      }),
    )
    return publicProvider(row)
  })
}

export function update(
  deps: AppDeps,
  actorId: number,
  id: number,
  input: { name?: string; enabled?: boolean; secret?: string; config?: unknown; access?: unknown },
) {
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    const before = await providerRepo.byId(tx, id)
    if (!before) throw notFound('Sign-in provider')
    if (
      before.source === 'env' &&
      (input.config !== undefined || input.name !== undefined || input.secret !== undefined)
    )
      throw readOnly()
    const schema = before.type === 'oidc' ? OidcConfig : LdapConfig
    const config =
      input.config === undefined
        ? undefined
        : checked(schema as z.ZodType<Record<string, unknown>>, input.config, 'config')
    const access = input.access === undefined ? undefined : checked(Access, input.access, 'access')
    const after = await providerRepo.update(tx, id, {
      name: input.name,
      enabled: input.enabled,
      config,
      access,
      secret: input.secret === undefined ? undefined : input.secret || null,
    })
    const changed = Object.fromEntries(
      Object.entries({ name: input.name, enabled: input.enabled, config, access }).filter(
        ([, v]) => v !== undefined,
      ),
    )
    audit(
      frame,
      aboutProvider('sign_in_provider.updated', after, {
        ...changed,
        secretChanged: input.secret !== undefined,
      }),
    )
    return publicProvider(after)
  })
}

export function remove(deps: AppDeps, actorId: number, id: number) {
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    const row = await providerRepo.byId(tx, id)
    if (!row) throw notFound('Sign-in provider')
    if (row.source === 'env') throw readOnly()
    await providerRepo.delete(tx, id)
    audit(frame, aboutProvider('sign_in_provider.deleted', row))
  })
}

/**
 * Makes the providers from the environment what it says (slug `oidc`, `ldap`): added or updated with their
 * settings checked, and switched off once the environment no longer names them (their accounts stay).
 * Their access rules are set in the UI and kept. A provider of the UI with the same slug is left alone.
 */
export async function syncEnvProviders(deps: AppDeps, providers: readonly EnvProvider[]) {
  await write(instanceScope(deps, null), async (tx) => {
    for (const env of providers) {
      const config = (env.type === 'oidc' ? OidcConfig : LdapConfig).parse(env.config)
      const row = await providerRepo.bySlug(tx, env.slug)
      if (row && row.source !== 'env') {
        deps.log(
          `sign-in provider "${env.slug}" from the environment skipped: one set in the UI has that name`,
        )
        continue
      }
      const values = { type: env.type, name: env.name, config, secret: env.secret, enabled: true }
      if (row) await providerRepo.update(tx, row.id, values)
      else
        await providerRepo.insert(tx, {
          ...values,
          slug: env.slug,
          source: 'env',
          access: Access.parse({}),
          createdAt: deps.clock.now().toISOString(),
        })
    }
    const named = new Set<string>(providers.map((p) => p.slug))
    for (const row of await providerRepo.all(tx)) {
      if (row.source === 'env' && row.enabled && !named.has(row.slug))
        await providerRepo.update(tx, row.id, { enabled: false })
    }
  })
}

/** An enabled provider of this type by its short name, else 404 (a disabled one looks the same). */
export async function enabledProvider(deps: AppDeps, slug: string, type: 'oidc' | 'ldap') {
  const row = await providerRepo.bySlug(deps.db, slug)
  if (!row?.enabled || row.type !== type) throw notFound('Sign-in provider')
  return row
}

/** Who the provider says signed in. */
export interface ExternalProfile {
  subject: string
  email: string | undefined
  emailVerified: boolean
  name: string | undefined
  groups: readonly string[]
}

/** Why a sign-in through a provider did not make it in: a reason code the login page explains. */
export class SignInRefused extends AppError {
  constructor(
    readonly reason: 'email_unverified' | 'no_email' | 'no_account' | 'deactivated',
    message: string,
  ) {
    super('forbidden', message, { reason })
  }
}

/**
 * The account a provider's sign-in is for, its identity recorded and its workspaces set by the rules: by
 * subject; else the account with that email when the provider vouches for it; else a new account when the
 * provider allows. The audit log gets the account's creation, the link and the membership changes.
 */
export function accountFor(deps: AppDeps, provider: ProviderRow, profile: ExternalProfile) {
  const now = deps.clock.now().toISOString()
  const access = Access.parse(provider.access)
  return write(instanceScope(deps, null), async (tx, record, frame) => {
    const known = await providerRepo.identity(tx, provider.id, profile.subject)
    let user: { id: number; email: string; name: string; deactivatedAt: string | null }
    let firstSignIn = false
    if (known) {
      user = known
      await providerRepo.touchIdentity(tx, known.identityId, now)
    } else {
      if (!profile.email)
        throw new SignInRefused('no_email', `${provider.name} did not say your email address`)
      if (!profile.emailVerified)
        throw new SignInRefused('email_unverified', `${provider.name} has not verified your email address`)
      const existing = await authRepo.userByEmail(tx, profile.email)
      if (existing) user = existing
      else {
        if (!access.autoCreate)
          throw new SignInRefused('no_account', 'There is no Keel account for you yet; ask an instance owner')
        user = {
          ...(await authRepo.insertUser(tx, {
            email: profile.email,
            name: (profile.name || profile.email.split('@')[0]!).slice(0, 120),
            passwordHash: '',
            createdAt: now,
          })),
          deactivatedAt: null,
        }
        audit(frame, { ...accountCreated(user), actorId: user.id, details: { via: provider.slug } })
      }
      await providerRepo.insertIdentity(tx, {
        userId: user.id,
        providerId: provider.id,
        subject: profile.subject,
        createdAt: now,
        lastSignInAt: now,
      })
      audit(frame, {
        ...aboutAccount('account.identity_linked', user, { provider: provider.slug }),
        actorId: user.id,
      })
      firstSignIn = true
    }
    if (user.deactivatedAt)
      throw new SignInRefused('deactivated', 'This account has been deactivated; ask an instance owner')
    await applyAccess(tx, record, user.id, access, profile.groups, firstSignIn, now)
    return { id: user.id, email: user.email, name: user.name }
  })
}

/**
 * The places the provider's rules give: in each workspace with group rules, the first rule whose group the
 * person is in (none: they leave it); the default workspaces at the first sign-in, where no rule governs.
 */
export async function applyAccess(
  tx: Db,
  record: Recorder,
  userId: number,
  access: AccessRules,
  groups: readonly string[],
  firstSignIn: boolean,
  now: string,
) {
  const inGroup = new Set(groups.map((g) => g.toLowerCase()))
  const governed = new Set(access.groupRules.map((r) => r.workspaceId))
  const places: DirectoryPlace[] = []
  for (const workspaceId of governed) {
    const rule = access.groupRules.find(
      (r) => r.workspaceId === workspaceId && inGroup.has(r.group.toLowerCase()),
    )
    const fallback = access.defaultWorkspaces.find((d) => d.workspaceId === workspaceId)
    const chosen = rule ?? fallback
    places.push({ workspaceId, roleId: chosen?.roleId ?? null, productIds: chosen?.productIds ?? null })
  }
  if (firstSignIn) {
    for (const d of access.defaultWorkspaces) {
      if (!governed.has(d.workspaceId))
        places.push({
          workspaceId: d.workspaceId,
          roleId: d.roleId,
          productIds: d.productIds,
          joinOnly: true,
        })
    }
  }
  for (const place of places) await applyDirectoryPlace(tx, record, userId, place, now)
}

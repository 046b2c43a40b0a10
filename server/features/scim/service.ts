// SCIM 2.0 (RFC 7643/7644), so a directory creates, updates and deactivates people and groups by itself.
// A token belongs to a sign-in provider: the people it provisions get an identity there (so the provider's
// single sign-on finds them), new ones join its default workspaces, and its groups meet the provider's group
// rules, re-applied whenever a group's members change. Deleting a person deactivates the account and ends
// the directory's hold on it; the account and its history stay.
import type { Db } from '../../../db/client'
import type { AppDeps } from '../../lib/context'
import { bearerToken, sha256 } from '../../lib/crypto'
import { AppError } from '../../lib/errors'
import { audit, type Recorder, type WriteFrame, write } from '../../lib/write'
import { aboutAccount, accountCreated } from '../audit/events'
import { authRepo } from '../auth/repo'
import { instanceRepo } from '../instance/repo'
import { setActive } from '../instance/service'
import { type ProviderRow, providerRepo } from '../providers/repo'
import { Access } from '../providers/schemas'
import { applyAccess } from '../providers/service'
import { type ScimPersonRow, scimRepo } from './repo'

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const PATCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** An answer in SCIM's own error shape (RFC 7644 §3.12). */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 409,
    message: string,
    readonly scimType?:
      | 'invalidFilter'
      | 'invalidValue'
      | 'uniqueness'
      | 'mutability'
      | 'invalidSyntax'
      | 'noTarget',
  ) {
    super(message)
  }
}

const scope = (deps: AppDeps) => ({ deps, workspaceId: null, actorId: null })

/** The provider a SCIM bearer token acts for; 401 for anything else. Its use is recorded once a minute. */
export async function providerOfToken(deps: AppDeps, header: string | undefined) {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1]
  const row = token ? await scimRepo.tokenByHash(deps.db, sha256(token)) : undefined
  const provider = row && (await providerRepo.byId(deps.db, row.providerId))
  if (!row || !provider) throw new ScimError(401, 'A valid SCIM bearer token is required')
  const now = deps.clock.now()
  if (!row.lastUsedAt || now.getTime() - Date.parse(row.lastUsedAt) > 60_000)
    await write(scope(deps), (tx) => scimRepo.touchToken(tx, row.id, now.toISOString()))
  return provider
}

// Filters: the forms directories send, `attribute eq "value"`.

function parseFilter(filter: string | undefined, allowed: readonly string[]) {
  if (!filter) return undefined
  const match = /^\s*([A-Za-z.]+)\s+eq\s+"((?:[^"\\]|\\.)*)"\s*$/i.exec(filter)
  if (!match || !allowed.includes(match[1]!.toLowerCase()))
    throw new ScimError(
      400,
      `Only ${allowed.map((a) => `${a} eq "…"`).join(', ')} filters are supported`,
      'invalidFilter',
    )
  return { attribute: match[1]!.toLowerCase(), value: match[2]!.replace(/\\(.)/g, '$1') }
}

const page = (startIndex: number, count: number) => ({
  offset: Math.max(0, startIndex - 1),
  limit: Math.min(Math.max(count, 0), 200),
})

// Users

export function scimUser(row: NonNullable<ScimPersonRow>, location: string) {
  return {
    schemas: [USER_SCHEMA],
    id: String(row.id),
    ...(row.externalId && { externalId: row.externalId }),
    userName: row.email,
    name: { formatted: row.name },
    displayName: row.name,
    emails: [{ value: row.email, type: 'work', primary: true }],
    active: row.deactivatedAt === null,
    meta: {
      resourceType: 'User',
      created: row.createdAt,
      location: `${location}/Users/${row.id}`,
      version: `W/"${row.version}"`,
    },
  }
}

export async function listUsers(
  deps: AppDeps,
  provider: ProviderRow,
  q: { filter?: string; startIndex: number; count: number },
  location: string,
) {
  const f = parseFilter(q.filter, ['username', 'externalid', 'emails.value', 'emails'])
  const { offset, limit } = page(q.startIndex, q.count)
  const found = await scimRepo.people(
    deps.db,
    provider.id,
    f?.attribute === 'externalid' ? { externalId: f.value } : f ? { email: f.value } : {},
    offset,
    limit,
  )
  return {
    schemas: [LIST_SCHEMA],
    totalResults: found.total,
    startIndex: offset + 1,
    itemsPerPage: found.items.length,
    Resources: found.items.map((row) => scimUser(row, location)),
  }
}

async function personOrThrow(db: Db, provider: ProviderRow, id: string) {
  const row = /^\d{1,15}$/.test(id) ? await scimRepo.person(db, provider.id, Number(id)) : undefined
  if (!row) throw new ScimError(404, `User ${id} not found`)
  return row
}

export const getUser = async (deps: AppDeps, provider: ProviderRow, id: string, location: string) =>
  scimUser(await personOrThrow(deps.db, provider, id), location)

/** What a directory says of a person, from a SCIM User body (RFC 7643 §4.1). */
interface PersonInput {
  email?: string
  name?: string
  active?: boolean
  externalId?: string | null
}

function personInput(body: Record<string, unknown>): PersonInput {
  const emails = Array.isArray(body.emails) ? (body.emails as { value?: unknown; primary?: unknown }[]) : []
  const primary = emails.find((e) => e.primary === true) ?? emails[0]
  const userName = typeof body.userName === 'string' ? body.userName : undefined
  const email = typeof primary?.value === 'string' ? primary.value : userName
  const name = body.name as { formatted?: unknown; givenName?: unknown; familyName?: unknown } | undefined
  const fullName =
    (typeof body.displayName === 'string' && body.displayName) ||
    (typeof name?.formatted === 'string' && name.formatted) ||
    [name?.givenName, name?.familyName].filter((p) => typeof p === 'string' && p).join(' ') ||
    undefined
  return {
    email: email?.trim().toLowerCase(),
    name: fullName ? fullName.slice(0, 120) : undefined,
    active: typeof body.active === 'boolean' ? body.active : undefined,
    externalId: typeof body.externalId === 'string' ? body.externalId : undefined,
  }
}

function checkEmail(email: string | undefined): string {
  if (!email || !EMAIL.test(email) || email.length > 254)
    throw new ScimError(400, 'userName (or a primary email) must be an email address', 'invalidValue')
  return email
}

/** The provider's group names a person is in, met against its group rules. */
async function reapply(
  deps: AppDeps,
  tx: Db,
  record: Recorder,
  provider: ProviderRow,
  userId: number,
  first = false,
) {
  const groups = await scimRepo.groupNamesOf(tx, provider.id, userId)
  await applyAccess(
    tx,
    record,
    userId,
    Access.parse(provider.access),
    groups,
    first,
    deps.clock.now().toISOString(),
  )
}

async function applyActive(
  deps: AppDeps,
  tx: Db,
  frame: WriteFrame,
  row: { id: number; email: string; deactivatedAt: string | null },
  active: boolean | undefined,
) {
  if (active === undefined || active === (row.deactivatedAt === null)) return
  if (!active && (await instanceRepo.isInstanceOwner(tx, row.id)) && (await instanceRepo.ownerCount(tx)) <= 1)
    throw new ScimError(409, 'The last active instance owner cannot be deactivated', 'mutability')
  await setActive(deps, tx, frame, row, active, { via: 'scim' })
}

export function createUser(
  deps: AppDeps,
  provider: ProviderRow,
  body: Record<string, unknown>,
  location: string,
) {
  const input = personInput(body)
  const email = checkEmail(input.email)
  const now = deps.clock.now().toISOString()
  return write(scope(deps), async (tx, record, frame) => {
    const taken = await scimRepo.people(tx, provider.id, { email }, 0, 1)
    if (taken.total > 0) throw new ScimError(409, `A user with userName ${email} exists`, 'uniqueness')
    let user = await authRepo.userByEmail(tx, email)
    if (!user) {
      const made = await authRepo.insertUser(tx, {
        email,
        name: input.name ?? email.split('@')[0]!,
        passwordHash: '',
        createdAt: now,
      })
      audit(frame, { ...accountCreated(made), details: { via: 'scim', provider: provider.slug } })
      user = (await authRepo.userByEmail(tx, email))!
    }
    await providerRepo.insertIdentity(tx, {
      userId: user.id,
      providerId: provider.id,
      subject: `scim:${user.id}`,
      externalId: input.externalId ?? null,
      createdAt: now,
    })
    audit(frame, aboutAccount('account.identity_linked', user, { provider: provider.slug, via: 'scim' }))
    await applyActive(deps, tx, frame, user, input.active)
    await reapply(deps, tx, record, provider, user.id, true)
    return scimUser((await scimRepo.person(tx, provider.id, user.id))!, location)
  })
}

/** PUT (everything given) and PATCH (what the operations name) of a person end here. */
function updatePerson(
  deps: AppDeps,
  provider: ProviderRow,
  id: string,
  input: PersonInput,
  location: string,
) {
  return write(scope(deps), async (tx, _record, frame) => {
    const row = await personOrThrow(tx, provider, id)
    if (input.email !== undefined && input.email !== row.email) {
      const email = checkEmail(input.email)
      const other = await authRepo.userByEmail(tx, email)
      if (other && other.id !== row.id) throw new ScimError(409, `Another account has ${email}`, 'uniqueness')
      await authRepo.setEmail(tx, row.id, email)
      audit(frame, {
        action: 'auth.email_changed',
        actorId: null,
        targetType: 'user',
        targetId: row.id,
        targetLabel: email,
        details: { from: row.email, to: email, via: 'scim' },
      })
    }
    if (input.name !== undefined && input.name !== row.name)
      await authRepo.updateProfile(tx, row.id, { name: input.name })
    if (input.externalId !== undefined)
      await scimRepo.setExternalId(tx, provider.id, row.id, input.externalId)
    await applyActive(deps, tx, frame, row, input.active)
    return scimUser((await scimRepo.person(tx, provider.id, row.id))!, location)
  })
}

export const replaceUser = (
  deps: AppDeps,
  provider: ProviderRow,
  id: string,
  body: Record<string, unknown>,
  location: string,
) => updatePerson(deps, provider, id, personInput(body), location)

interface Operation {
  op?: unknown
  path?: unknown
  value?: unknown
}

const operationsOf = (body: Record<string, unknown>): Operation[] => {
  if (!Array.isArray(body.Operations)) throw new ScimError(400, 'A PatchOp needs Operations', 'invalidSyntax')
  return body.Operations as Operation[]
}

/** PATCH of a person: `replace`/`add` of active, userName, emails, name, displayName, externalId (with or without a path). */
export function patchUser(
  deps: AppDeps,
  provider: ProviderRow,
  id: string,
  body: Record<string, unknown>,
  location: string,
) {
  const fields: Record<string, unknown> = {}
  for (const op of operationsOf(body)) {
    const kind = String(op.op ?? '').toLowerCase()
    if (kind !== 'replace' && kind !== 'add')
      throw new ScimError(400, `Unsupported operation "${String(op.op)}" on a user`, 'invalidSyntax')
    if (typeof op.path !== 'string') {
      if (op.value && typeof op.value === 'object') Object.assign(fields, op.value)
      continue
    }
    const path = op.path.toLowerCase()
    if (path === 'active') fields.active = op.value === true || op.value === 'True' || op.value === 'true'
    else if (path === 'username') fields.userName = op.value
    else if (path === 'displayname') fields.displayName = op.value
    else if (path === 'externalid') fields.externalId = op.value
    else if (path === 'name.formatted') fields.name = { formatted: op.value }
    else if (path.startsWith('emails')) fields.emails = [{ value: op.value, primary: true }]
    else if (path === 'name.givenname' || path === 'name.familyname') continue
    else throw new ScimError(400, `Unsupported path "${op.path}"`, 'noTarget')
  }
  const input = personInput(fields)
  if (!('userName' in fields) && !('emails' in fields)) input.email = undefined
  return updatePerson(deps, provider, id, input, location)
}

/** DELETE: the account is deactivated and the directory lets go of it; it and its history stay. */
export function deleteUser(deps: AppDeps, provider: ProviderRow, id: string) {
  return write(scope(deps), async (tx, record, frame) => {
    const row = await personOrThrow(tx, provider, id)
    await applyActive(deps, tx, frame, row, false)
    await scimRepo.unlink(tx, provider.id, row.id)
    await reapply(deps, tx, record, provider, row.id)
  })
}

// Groups

async function scimGroup(
  db: Db,
  group: { id: number; displayName: string; externalId: string | null; createdAt: string },
  location: string,
) {
  const members = await scimRepo.members(db, [group.id])
  return {
    schemas: [GROUP_SCHEMA],
    id: String(group.id),
    displayName: group.displayName,
    ...(group.externalId && { externalId: group.externalId }),
    members: members.map((m) => ({
      value: String(m.userId),
      display: m.email,
      $ref: `${location}/Users/${m.userId}`,
    })),
    meta: { resourceType: 'Group', created: group.createdAt, location: `${location}/Groups/${group.id}` },
  }
}

async function groupOrThrow(db: Db, provider: ProviderRow, id: string) {
  const row = /^\d{1,15}$/.test(id) ? await scimRepo.group(db, provider.id, Number(id)) : undefined
  if (!row) throw new ScimError(404, `Group ${id} not found`)
  return row
}

export async function listGroups(
  deps: AppDeps,
  provider: ProviderRow,
  q: { filter?: string; startIndex: number; count: number },
  location: string,
) {
  const f = parseFilter(q.filter, ['displayname'])
  const { offset, limit } = page(q.startIndex, q.count)
  const found = await scimRepo.groups(deps.db, provider.id, f?.value, offset, limit)
  return {
    schemas: [LIST_SCHEMA],
    totalResults: found.total,
    startIndex: offset + 1,
    itemsPerPage: found.items.length,
    Resources: await Promise.all(found.items.map((g) => scimGroup(deps.db, g, location))),
  }
}

export const getGroup = async (deps: AppDeps, provider: ProviderRow, id: string, location: string) =>
  scimGroup(deps.db, await groupOrThrow(deps.db, provider, id), location)

/** The user ids a group body names, each one of the provider's people (else 400). */
async function memberIds(db: Db, provider: ProviderRow, members: unknown): Promise<number[]> {
  if (members === undefined || members === null) return []
  if (!Array.isArray(members)) throw new ScimError(400, 'members must be a list', 'invalidValue')
  const ids: number[] = []
  for (const m of members as { value?: unknown }[]) {
    const id = String(m?.value ?? '')
    if (!/^\d{1,15}$/.test(id) || !(await scimRepo.person(db, provider.id, Number(id))))
      throw new ScimError(400, `Member ${id} is not a user of this directory`, 'invalidValue')
    ids.push(Number(id))
  }
  return ids
}

const displayNameOf = (value: unknown) => {
  if (typeof value !== 'string' || !value.trim() || value.length > 500)
    throw new ScimError(400, 'displayName is required (at most 500 characters)', 'invalidValue')
  return value.trim()
}

/** Runs a change of groups, then meets each person it touched against the provider's rules. */
function changeGroups<T>(
  deps: AppDeps,
  provider: ProviderRow,
  fn: (tx: Db, touched: Set<number>) => Promise<T>,
) {
  return write(scope(deps), async (tx, record) => {
    const touched = new Set<number>()
    const result = await fn(tx, touched)
    for (const userId of touched) await reapply(deps, tx, record, provider, userId)
    return result
  })
}

async function uniqueName(tx: Db, provider: ProviderRow, name: string, except?: number) {
  const same = await scimRepo.groups(tx, provider.id, name, 0, 1)
  if (same.items.some((g) => g.id !== except))
    throw new ScimError(409, `A group named ${name} exists`, 'uniqueness')
}

export function createGroup(
  deps: AppDeps,
  provider: ProviderRow,
  body: Record<string, unknown>,
  location: string,
) {
  const displayName = displayNameOf(body.displayName)
  return changeGroups(deps, provider, async (tx, touched) => {
    await uniqueName(tx, provider, displayName)
    const group = await scimRepo.insertGroup(tx, {
      providerId: provider.id,
      displayName,
      externalId: typeof body.externalId === 'string' ? body.externalId : null,
      createdAt: deps.clock.now().toISOString(),
    })
    const ids = await memberIds(tx, provider, body.members)
    await scimRepo.addMembers(tx, group.id, ids)
    for (const id of ids) touched.add(id)
    return scimGroup(tx, group, location)
  })
}

export function replaceGroup(
  deps: AppDeps,
  provider: ProviderRow,
  id: string,
  body: Record<string, unknown>,
  location: string,
) {
  const displayName = displayNameOf(body.displayName)
  return changeGroups(deps, provider, async (tx, touched) => {
    const group = await groupOrThrow(tx, provider, id)
    await uniqueName(tx, provider, displayName, group.id)
    const before = await scimRepo.members(tx, [group.id])
    const ids = await memberIds(tx, provider, body.members)
    await scimRepo.updateGroup(tx, group.id, {
      displayName,
      externalId: typeof body.externalId === 'string' ? body.externalId : group.externalId,
    })
    await scimRepo.removeMembers(tx, group.id, 'all')
    await scimRepo.addMembers(tx, group.id, ids)
    for (const m of [...before.map((b) => b.userId), ...ids]) touched.add(m)
    return scimGroup(tx, (await scimRepo.group(tx, provider.id, group.id))!, location)
  })
}

/** PATCH of a group: add or remove members (`members[value eq "7"]` too), replace the name or all members. */
export function patchGroup(
  deps: AppDeps,
  provider: ProviderRow,
  id: string,
  body: Record<string, unknown>,
  location: string,
) {
  const operations = operationsOf(body)
  return changeGroups(deps, provider, async (tx, touched) => {
    const group = await groupOrThrow(tx, provider, id)
    const everyone = async () => (await scimRepo.members(tx, [group.id])).map((m) => m.userId)
    for (const op of operations) {
      const kind = String(op.op ?? '').toLowerCase()
      const path = typeof op.path === 'string' ? op.path : ''
      const one = /^members\[value eq "(\d{1,15})"\]$/i.exec(path)
      if (path.toLowerCase() === 'members' || one || (!path && kind !== 'remove')) {
        if (!path && op.value && typeof op.value === 'object' && !Array.isArray(op.value)) {
          const value = op.value as Record<string, unknown>
          if (value.displayName !== undefined) {
            const name = displayNameOf(value.displayName)
            await uniqueName(tx, provider, name, group.id)
            await scimRepo.updateGroup(tx, group.id, { displayName: name })
            for (const m of await everyone()) touched.add(m)
          }
          if (value.members === undefined) continue
          op.value = value.members
        }
        if (kind === 'remove') {
          const ids = one ? [Number(one[1])] : op.value ? await memberIds(tx, provider, op.value) : 'all'
          for (const m of ids === 'all' ? await everyone() : ids) touched.add(m)
          await scimRepo.removeMembers(tx, group.id, ids)
        } else if (kind === 'add' || kind === 'replace') {
          const ids = await memberIds(tx, provider, op.value)
          if (kind === 'replace') {
            for (const m of await everyone()) touched.add(m)
            await scimRepo.removeMembers(tx, group.id, 'all')
          }
          await scimRepo.addMembers(tx, group.id, ids)
          for (const m of ids) touched.add(m)
        } else throw new ScimError(400, `Unsupported operation "${String(op.op)}"`, 'invalidSyntax')
      } else if (path.toLowerCase() === 'displayname' && kind !== 'remove') {
        const name = displayNameOf(op.value)
        await uniqueName(tx, provider, name, group.id)
        await scimRepo.updateGroup(tx, group.id, { displayName: name })
        for (const m of await everyone()) touched.add(m)
      } else if (path.toLowerCase() === 'externalid') {
        await scimRepo.updateGroup(tx, group.id, {
          externalId: typeof op.value === 'string' ? op.value : null,
        })
      } else throw new ScimError(400, `Unsupported path "${path}"`, 'noTarget')
    }
    return scimGroup(tx, (await scimRepo.group(tx, provider.id, group.id))!, location)
  })
}

export function deleteGroup(deps: AppDeps, provider: ProviderRow, id: string) {
  return changeGroups(deps, provider, async (tx, touched) => {
    const group = await groupOrThrow(tx, provider, id)
    for (const m of await scimRepo.members(tx, [group.id])) touched.add(m.userId)
    await scimRepo.deleteGroup(tx, group.id)
  })
}

// Tokens (instance owners)

export async function tokens(deps: AppDeps, providerId: number) {
  if (!(await providerRepo.byId(deps.db, providerId)))
    throw new AppError('not_found', 'Sign-in provider not found')
  return scimRepo.tokensOf(deps.db, providerId)
}

export function createToken(deps: AppDeps, actorId: number, providerId: number, name: string) {
  const { token, tokenHash, prefix } = bearerToken('scim')
  return write({ deps, workspaceId: null, actorId }, async (tx, _record, frame) => {
    const provider = await providerRepo.byId(tx, providerId)
    if (!provider) throw new AppError('not_found', 'Sign-in provider not found')
    const row = await scimRepo.insertToken(tx, {
      providerId,
      name,
      tokenHash,
      prefix,
      createdAt: deps.clock.now().toISOString(),
    })
    audit(frame, {
      action: 'scim_token.created',
      targetType: 'scim_token',
      targetId: row.id,
      targetLabel: name,
      details: { provider: provider.slug, prefix: row.prefix },
    })
    return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, token }
  })
}

export function deleteToken(deps: AppDeps, actorId: number, id: number) {
  return write({ deps, workspaceId: null, actorId }, async (tx, _record, frame) => {
    const row = await scimRepo.deleteToken(tx, id)
    if (!row) throw new AppError('not_found', 'SCIM token not found')
    audit(frame, {
      action: 'scim_token.revoked',
      targetType: 'scim_token',
      targetId: row.id,
      targetLabel: row.name,
    })
  })
}

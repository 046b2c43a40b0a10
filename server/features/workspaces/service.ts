// Workspaces, roles, members and invites: the rules of who may do what to whom.
import type { Db } from '../../../db/client'
import type { AppDeps, ServiceContext } from '../../lib/context'
import { hashPassword, newToken, sha256 } from '../../lib/crypto'
import { AppError, conflict, forbidden, invalid, notFound } from '../../lib/errors'
import { assertMayGrant } from '../../lib/grants'
import { BUILT_IN_ROLE_KEYS, BUILT_IN_ROLES, type Permission } from '../../lib/permissions'
import {
  audit,
  checkVersion,
  diff,
  type Recorder,
  recordUpdate,
  scopeOf,
  type WriteFrame,
  write,
} from '../../lib/write'
import { accountCreated } from '../audit/events'
import { authRepo } from '../auth/repo'
import { checkPassword } from '../auth/service'
import { languageOf, messageRow, queueMessages } from '../email/service'
import { inviteEmail } from '../email/templates'
import { workspaceRepo } from './repo'

const INVITE_DAYS = 7
const DAY_MS = 24 * 60 * 60 * 1000

/** Creates a workspace with the built-in roles and makes `userId` its owner (nested in `within`, if given). */
export function createWorkspace(deps: AppDeps, userId: number, name: string, within?: WriteFrame) {
  return write({ deps, workspaceId: null, actorId: userId, within }, async (tx, record) => {
    const createdAt = deps.clock.now().toISOString()
    const workspace = await workspaceRepo.insertWorkspace(tx, name, createdAt)
    let ownerRoleId = 0
    for (const key of BUILT_IN_ROLE_KEYS) {
      const role = await workspaceRepo.insertRole(tx, {
        workspaceId: workspace.id,
        name: key,
        builtIn: key,
        permissions: [...BUILT_IN_ROLES[key].permissions],
        createdAt,
      })
      if (key === 'owner') ownerRoleId = role.id
    }
    await workspaceRepo.insertMember(tx, {
      workspaceId: workspace.id,
      userId,
      roleId: ownerRoleId,
      createdAt,
    })
    record({
      entityType: 'workspace',
      entityId: workspace.id,
      workspaceId: workspace.id,
      action: 'created',
      version: workspace.version,
      after: workspace,
    })
    return workspace
  })
}

export async function workspacesOf(deps: AppDeps, userId: number) {
  const rows = await workspaceRepo.workspacesOf(deps.db, userId)
  return Promise.all(
    rows.map(async (w) => ({
      id: w.id,
      name: w.name,
      role: { id: w.roleId, name: w.role, builtIn: w.builtIn },
      permissions: w.permissions,
      // Whom to ask for access; their addresses only for those who may see the members anyway.
      contacts: (await workspaceRepo.contactsOf(deps.db, w.id)).map((c) =>
        w.permissions.includes('member.view') ? c : { ...c, email: null },
      ),
    })),
  )
}

export async function getWorkspace(ctx: ServiceContext) {
  const workspace = await workspaceRepo.workspaceById(ctx.deps.db, ctx.membership.workspaceId)
  if (!workspace) throw notFound('Workspace')
  return workspace
}

export function renameWorkspace(ctx: ServiceContext, name: string, version: number | undefined) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await workspaceRepo.workspaceById(tx, ctx.membership.workspaceId)
    if (!before) throw notFound('Workspace')
    checkVersion(before, version)
    const after = await workspaceRepo.updateWorkspace(tx, before.id, name)
    recordUpdate(record, 'workspace', before, after, null)
    return after
  })
}

/** A member may only hand out (or take from others) permissions they hold themselves. */
function assertCanGrant(ctx: ServiceContext, permissions: readonly string[]) {
  assertMayGrant(ctx.membership.permissions, permissions)
}

/**
 * A member narrowed to some products may only give access within them: never every product, never one
 * they cannot see. The same holds for the scope a member already has before they may change or remove
 * them, so nobody narrowed can reach past their own products, their own membership included.
 */
function assertCanScope(ctx: ServiceContext, productIds: readonly number[] | null) {
  const mine = ctx.membership.productIds
  if (mine === null) return
  if (productIds === null || productIds.some((id) => !mine.includes(id))) {
    throw forbidden('You can only give access to products you can see yourself')
  }
}

async function roleOrThrow(
  db: Db,
  workspaceId: number,
  roleId: number,
  status: 'invalid' | 'not_found' = 'invalid',
) {
  const role = await workspaceRepo.roleById(db, workspaceId, roleId)
  if (!role) throw status === 'invalid' ? invalid('Unknown role', { roleId }) : notFound('Role')
  return role
}

async function checkProducts(db: Db, workspaceId: number, productIds: readonly number[] | null | undefined) {
  if (!productIds) return
  const found = new Set(await workspaceRepo.existingProductIds(db, workspaceId, productIds))
  const unknown = productIds.filter((id) => !found.has(id))
  if (unknown.length) throw invalid('Unknown products', { productIds: unknown })
}

// Roles

export const listRoles = (ctx: ServiceContext) => workspaceRepo.roles(ctx.deps.db, ctx.membership.workspaceId)

export function createRole(ctx: ServiceContext, input: { name: string; permissions: Permission[] }) {
  return write(scopeOf(ctx), async (tx, record) => {
    assertCanGrant(ctx, input.permissions)
    if (await workspaceRepo.roleByName(tx, ctx.membership.workspaceId, input.name))
      throw conflict('name_taken', 'A role with this name exists')
    const role = await workspaceRepo.insertRole(tx, {
      workspaceId: ctx.membership.workspaceId,
      name: input.name,
      permissions: [...new Set(input.permissions)],
      createdAt: ctx.deps.clock.now().toISOString(),
    })
    record({ entityType: 'role', entityId: role.id, action: 'created', version: role.version, after: role })
    return role
  })
}

export function updateRole(
  ctx: ServiceContext,
  roleId: number,
  input: { name?: string; permissions?: Permission[] },
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await roleOrThrow(tx, ctx.membership.workspaceId, roleId, 'not_found')
    if (before.builtIn)
      throw conflict('built_in_role', 'Built-in roles cannot be changed; make a custom role instead')
    checkVersion(before, version)
    // Both the permissions added and those removed must be the actor's to give.
    if (input.permissions) {
      const changed = symmetricDifference(before.permissions, input.permissions)
      assertCanGrant(ctx, changed)
    }
    if (
      input.name &&
      input.name !== before.name &&
      (await workspaceRepo.roleByName(tx, ctx.membership.workspaceId, input.name))
    ) {
      throw conflict('name_taken', 'A role with this name exists')
    }
    const after = await workspaceRepo.updateRole(tx, roleId, {
      name: input.name,
      permissions: input.permissions ? [...new Set(input.permissions)] : undefined,
    })
    recordUpdate(record, 'role', before, after, null)
    return after
  })
}

export function deleteRole(ctx: ServiceContext, roleId: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const role = await roleOrThrow(tx, ctx.membership.workspaceId, roleId, 'not_found')
    if (role.builtIn) throw conflict('built_in_role', 'Built-in roles cannot be deleted')
    if ((await workspaceRepo.roleUsage(tx, roleId)) > 0)
      throw conflict('role_in_use', 'This role is still given to members or invites')
    await workspaceRepo.deleteRole(tx, roleId)
    record({ entityType: 'role', entityId: roleId, action: 'deleted', before: role })
  })
}

function symmetricDifference(a: readonly string[], b: readonly string[]) {
  const sa = new Set(a)
  const sb = new Set(b)
  return [...a.filter((x) => !sb.has(x)), ...b.filter((x) => !sa.has(x))]
}

// Members

export async function listMembers(ctx: ServiceContext) {
  const { db } = ctx.deps
  const rows = await workspaceRepo.members(db, ctx.membership.workspaceId)
  return Promise.all(
    rows.map(async (m) => ({
      ...m,
      productIds: m.restricted ? await workspaceRepo.productIdsOf(db, m.id) : null,
    })),
  )
}

async function memberView(db: Db, workspaceId: number, memberId: number) {
  const m = await workspaceRepo.memberById(db, workspaceId, memberId)
  if (!m) throw notFound('Member')
  return { ...m, productIds: m.restricted ? await workspaceRepo.productIdsOf(db, m.id) : null }
}

export function updateMember(
  ctx: ServiceContext,
  memberId: number,
  input: { roleId?: number; productIds?: number[] | null },
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { workspaceId } = ctx.membership
    const before = await memberView(tx, workspaceId, memberId)
    checkVersion(before, version)
    const currentRole = await roleOrThrow(tx, workspaceId, before.roleId)
    assertCanGrant(ctx, currentRole.permissions)
    assertCanScope(ctx, before.productIds)
    if (input.productIds !== undefined) assertCanScope(ctx, input.productIds)
    if (input.roleId !== undefined && input.roleId !== before.roleId) {
      const role = await roleOrThrow(tx, workspaceId, input.roleId)
      assertCanGrant(ctx, role.permissions)
      if (currentRole.builtIn === 'owner' && (await workspaceRepo.ownerCount(tx, workspaceId)) <= 1) {
        throw conflict('last_owner', 'The last owner cannot be demoted; make someone else owner first')
      }
    }
    await checkProducts(tx, workspaceId, input.productIds)
    await workspaceRepo.updateMember(tx, memberId, {
      roleId: input.roleId,
      restricted: input.productIds === undefined ? undefined : input.productIds !== null,
    })
    if (input.productIds !== undefined) await workspaceRepo.setMemberProducts(tx, memberId, input.productIds)
    const after = await memberView(tx, workspaceId, memberId)
    recordUpdate(record, 'member', before, after, null)
    return after
  })
}

export function removeMember(ctx: ServiceContext, memberId: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { workspaceId } = ctx.membership
    const member = await memberView(tx, workspaceId, memberId)
    const role = await roleOrThrow(tx, workspaceId, member.roleId)
    assertCanGrant(ctx, role.permissions)
    assertCanScope(ctx, member.productIds)
    if (role.builtIn === 'owner' && (await workspaceRepo.ownerCount(tx, workspaceId)) <= 1) {
      throw conflict('last_owner', 'The last owner cannot be removed')
    }
    await workspaceRepo.deleteMember(tx, memberId)
    record({ entityType: 'member', entityId: memberId, action: 'deleted', before: member })
  })
}

/** What a directory (single sign-on group rules, SCIM) says of one person's place in one workspace. */
export interface DirectoryPlace {
  workspaceId: number
  /** null: not a member (any membership ends, unless it is the workspace's last owner). */
  roleId: number | null
  productIds?: readonly number[] | null
  /** Only joins: an existing membership stays as it is (default workspaces at a first sign-in). */
  joinOnly?: boolean
}

/**
 * Makes a person's membership what the directory says: joins, changes role or products, or leaves,
 * recorded as automatic changes (the audit log shows them). A role or products the workspace no longer has
 * are skipped, never guessed; the last owner of a workspace stays.
 */
export async function applyDirectoryPlace(
  tx: Db,
  record: Recorder,
  userId: number,
  place: DirectoryPlace,
  now: string,
) {
  const { workspaceId } = place
  const existing = await workspaceRepo.memberByUser(tx, workspaceId, userId)
  if (existing && place.joinOnly) return
  const before = existing && (await memberView(tx, workspaceId, existing.id))
  const role = place.roleId === null ? undefined : await workspaceRepo.roleById(tx, workspaceId, place.roleId)
  if (place.roleId !== null && !role) return
  const products =
    place.productIds == null
      ? null
      : await workspaceRepo.existingProductIds(tx, workspaceId, place.productIds)
  if (before) {
    const current = await workspaceRepo.roleById(tx, workspaceId, before.roleId)
    const lastOwner =
      current?.builtIn === 'owner' &&
      role?.builtIn !== 'owner' &&
      (await workspaceRepo.ownerCount(tx, workspaceId)) <= 1
    if (lastOwner) return
    if (!role) {
      await workspaceRepo.deleteMember(tx, before.id)
      record({
        entityType: 'member',
        entityId: before.id,
        action: 'deleted',
        before,
        automatic: true,
        workspaceId,
      })
      return
    }
    const sameProducts = JSON.stringify(before.productIds) === JSON.stringify(products)
    if (before.roleId === role.id && sameProducts) return
    await workspaceRepo.updateMember(tx, before.id, { roleId: role.id, restricted: products !== null })
    await workspaceRepo.setMemberProducts(tx, before.id, products)
    const after = await memberView(tx, workspaceId, before.id)
    record({
      entityType: 'member',
      entityId: before.id,
      action: 'updated',
      automatic: true,
      workspaceId,
      version: after.version,
      ...diff(before, after),
    })
    return
  }
  if (!role) return
  const member = await workspaceRepo.insertMember(tx, {
    workspaceId,
    userId,
    roleId: role.id,
    restricted: products !== null,
    createdAt: now,
  })
  if (products) await workspaceRepo.setMemberProducts(tx, member.id, products)
  const after = await memberView(tx, workspaceId, member.id)
  record({
    entityType: 'member',
    entityId: member.id,
    action: 'created',
    automatic: true,
    workspaceId,
    version: after.version,
    after,
  })
}

// Invites

export async function invite(
  ctx: ServiceContext,
  input: { email: string; name: string; roleId: number; productIds?: number[] | null },
  origin: string,
) {
  const { workspaceId } = ctx.membership
  const token = newToken(32)
  const now = ctx.deps.clock.now()
  const created = await write(scopeOf(ctx), async (tx, record, frame) => {
    const role = await roleOrThrow(tx, workspaceId, input.roleId)
    assertCanGrant(ctx, role.permissions)
    assertCanScope(ctx, input.productIds ?? null)
    await checkProducts(tx, workspaceId, input.productIds)
    const existing = await authRepo.userByEmail(tx, input.email)
    if (existing && (await workspaceRepo.memberByUser(tx, workspaceId, existing.id))) {
      throw conflict('already_member', 'This person is already a member')
    }
    const row = await workspaceRepo.insertInvite(tx, {
      workspaceId,
      email: input.email,
      name: input.name,
      roleId: input.roleId,
      productIds: input.productIds ?? null,
      tokenHash: sha256(token),
      invitedBy: ctx.user.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS).toISOString(),
    })
    const { tokenHash: _hash, ...invite } = row
    record({ entityType: 'invite', entityId: row.id, action: 'created', after: invite })
    if (ctx.deps.mailer) {
      // In the inviter's language: the invitee has none yet.
      const workspace = await workspaceRepo.workspaceById(tx, workspaceId)
      const lang = languageOf((await authRepo.profile(tx, ctx.user.id))?.emailLanguage)
      const rendered = inviteEmail(lang, {
        inviter: ctx.user.name,
        workspace: workspace?.name ?? '',
        url: `${origin}/invite/${token}`,
        expiresOn: row.expiresAt.slice(0, 10),
      })
      await queueMessages(ctx.deps, frame, [messageRow(ctx.deps, input.email, rendered, null)])
    }
    return invite
  })
  return { invite: created, token, url: `${origin}/invite/${token}`, emailed: !!ctx.deps.mailer }
}

export const listInvites = (ctx: ServiceContext) =>
  workspaceRepo.pendingInvites(ctx.deps.db, ctx.membership.workspaceId, ctx.deps.clock.now().toISOString())

export function revokeInvite(ctx: ServiceContext, inviteId: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    if (!(await workspaceRepo.deleteInvite(tx, ctx.membership.workspaceId, inviteId)))
      throw notFound('Invite')
    record({ entityType: 'invite', entityId: inviteId, action: 'deleted' })
  })
}

async function liveInvite(deps: AppDeps, token: string) {
  const row = await workspaceRepo.inviteByTokenHash(deps.db, sha256(token))
  if (!row || row.invite.acceptedAt || row.invite.expiresAt <= deps.clock.now().toISOString()) {
    throw notFound('Invite (it may have expired or been used)')
  }
  return row
}

export async function describeInvite(deps: AppDeps, token: string) {
  const { invite, workspaceName } = await liveInvite(deps, token)
  return {
    workspaceName,
    email: invite.email,
    name: invite.name,
    existingUser: (await authRepo.userByEmail(deps.db, invite.email)) !== undefined,
    expiresAt: invite.expiresAt,
  }
}

/** Accepting creates the account (or checks the existing one's password) and the membership, once. */
export async function acceptInvite(
  deps: AppDeps,
  token: string,
  input: { name?: string; password: string; ip: string },
) {
  const { invite } = await liveInvite(deps, token)
  const existing = await authRepo.userByEmail(deps.db, invite.email)
  if (
    existing &&
    !(await checkPassword(deps, { email: invite.email, password: input.password, ip: input.ip }))
  ) {
    throw new AppError('unauthenticated', 'This email already has an account: enter its password to join')
  }
  const passwordHash = existing ? '' : await hashPassword(input.password)
  const now = deps.clock.now().toISOString()
  return write(
    { deps, workspaceId: invite.workspaceId, actorId: existing?.id ?? null },
    async (tx, record, frame) => {
      // Re-read inside the transaction so a link can be used only once.
      const fresh = await workspaceRepo.inviteByTokenHash(tx, sha256(token))
      if (!fresh || fresh.invite.acceptedAt) throw notFound('Invite (it may have expired or been used)')
      const user =
        existing ??
        (await authRepo.insertUser(tx, {
          email: invite.email,
          name: input.name || invite.name,
          passwordHash,
          createdAt: now,
        }))
      if (!existing) audit(frame, { ...accountCreated(user), actorId: user.id, details: { via: 'invite' } })
      await workspaceRepo.markInviteAccepted(tx, invite.id, now)
      if (!(await workspaceRepo.memberByUser(tx, invite.workspaceId, user.id))) {
        const member = await workspaceRepo.insertMember(tx, {
          workspaceId: invite.workspaceId,
          userId: user.id,
          roleId: invite.roleId,
          restricted: invite.productIds !== null,
          createdAt: now,
        })
        if (invite.productIds) {
          const allowed = await workspaceRepo.existingProductIds(tx, invite.workspaceId, invite.productIds)
          await workspaceRepo.setMemberProducts(tx, member.id, allowed)
        }
        record({
          entityType: 'member',
          entityId: member.id,
          action: 'created',
          version: member.version,
          // Who invited them hears that they joined (the notifier).
          after: { ...member, invitedBy: invite.invitedBy },
        })
      }
      return { user: { id: user.id, email: user.email, name: user.name }, workspaceId: invite.workspaceId }
    },
  )
}

// The instance itself: who may create workspaces, its owners, and password resets by an owner or the
// command line. Instance owners are distinct from workspace owners: they run the installation.
import type { AppDeps } from '../../lib/context'
import { hashPassword, newToken, sha256 } from '../../lib/crypto'
import { conflict, forbidden, notFound } from '../../lib/errors'
import { write } from '../../lib/write'
import { authRepo } from '../auth/repo'
import { instanceRepo } from './repo'

export const WORKSPACE_CREATION = ['owners', 'everyone'] as const
export type WorkspaceCreation = (typeof WORKSPACE_CREATION)[number]

const RESET_HOURS = 24
const HOUR_MS = 60 * 60 * 1000

/** Instance-level writes belong to no workspace: they record no workspace activity. */
const instanceScope = (deps: AppDeps, actorId: number | null) => ({ deps, workspaceId: null, actorId })

export async function settings(deps: AppDeps) {
  const row = await instanceRepo.settings(deps.db)
  return { workspaceCreation: row.workspaceCreation as WorkspaceCreation, version: row.version }
}

export function updateSettings(
  deps: AppDeps,
  actorId: number,
  input: { workspaceCreation?: WorkspaceCreation },
) {
  return write(instanceScope(deps, actorId), async (tx) => {
    const row = await instanceRepo.updateSettings(tx, input)
    return { workspaceCreation: row.workspaceCreation as WorkspaceCreation, version: row.version }
  })
}

export const isInstanceOwner = (deps: AppDeps, userId: number) =>
  instanceRepo.isInstanceOwner(deps.db, userId)

/** Whether this user may create workspaces under the instance's setting. */
export const mayCreateWorkspace = async (deps: AppDeps, userId: number) =>
  (await settings(deps)).workspaceCreation === 'everyone' || (await isInstanceOwner(deps, userId))

export async function assertMayCreateWorkspace(deps: AppDeps, userId: number) {
  if (!(await mayCreateWorkspace(deps, userId))) {
    throw forbidden('Only the instance owners may create workspaces here; ask one of them to invite you')
  }
}

export const accounts = (deps: AppDeps) => instanceRepo.accounts(deps.db)

export function setInstanceOwner(deps: AppDeps, actorId: number, userId: number, instanceOwner: boolean) {
  return write(instanceScope(deps, actorId), async (tx) => {
    const account = await instanceRepo.account(tx, userId)
    if (!account) throw notFound('Account')
    if (account.instanceOwner && !instanceOwner && (await instanceRepo.ownerCount(tx)) <= 1) {
      throw conflict(
        'last_instance_owner',
        'The last instance owner cannot step down; make someone else owner first',
      )
    }
    await instanceRepo.setInstanceOwner(tx, userId, instanceOwner)
    return { ...account, instanceOwner }
  })
}

/**
 * A one-time link that lets the account's holder choose a new password, valid for 24 hours. Made by an
 * instance owner (`createdBy`) or by the command line (null). Only the token's hash is stored.
 */
export function createPasswordReset(deps: AppDeps, createdBy: number | null, userId: number, origin: string) {
  return write(instanceScope(deps, createdBy), async (tx) => {
    const token = newToken(32)
    const now = deps.clock.now()
    const expiresAt = new Date(now.getTime() + RESET_HOURS * HOUR_MS).toISOString()
    const account = await instanceRepo.account(tx, userId)
    if (!account) throw notFound('Account')
    await instanceRepo.insertReset(tx, {
      userId,
      tokenHash: sha256(token),
      createdBy,
      createdAt: now.toISOString(),
      expiresAt,
    })
    return { email: account.email, url: `${origin}/reset-password/${token}`, expiresAt }
  })
}

const deadLink = () => notFound('Password reset link (it may have expired or been used)')

export async function describePasswordReset(deps: AppDeps, token: string) {
  const reset = await instanceRepo.liveReset(deps.db, sha256(token), deps.clock.now().toISOString())
  if (!reset) throw deadLink()
  return { email: reset.email, expiresAt: reset.expiresAt }
}

/** Sets the new password, ends every session of the account, and closes all its reset links. */
export async function confirmPasswordReset(deps: AppDeps, token: string, password: string) {
  const passwordHash = await hashPassword(password)
  const nowIso = deps.clock.now().toISOString()
  return write(instanceScope(deps, null), async (tx) => {
    // Read inside the transaction, so a link works once even when two confirmations race.
    const reset = await instanceRepo.liveReset(tx, sha256(token), nowIso)
    if (!reset) throw deadLink()
    await instanceRepo.setPassword(tx, reset.userId, passwordHash)
    await authRepo.endSessions(tx, reset.userId)
    await instanceRepo.closeResetsOf(tx, reset.userId, nowIso)
    return { userId: reset.userId, email: reset.email }
  })
}

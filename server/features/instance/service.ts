// The instance itself: who may create workspaces, its owners, and password resets by an owner or the
// command line. Instance owners are distinct from workspace owners: they run the installation.
import type { Db } from '../../../db/client'
import type { AppDeps } from '../../lib/context'
import { hashPassword, newToken, sha256 } from '../../lib/crypto'
import { AppError, conflict, forbidden, notFound } from '../../lib/errors'
import { audit, diff, type WriteFrame, write } from '../../lib/write'
import { aboutAccount } from '../audit/events'
import { authRepo } from '../auth/repo'
import { deactivated } from '../auth/service'
import { twoFactorRepo } from '../auth/two-factor-repo'
import { languageOf, messageRow, originOf, queueMessages } from '../email/service'
import { resetEmail } from '../email/templates'
import { instanceRepo } from './repo'

export const WORKSPACE_CREATION = ['owners', 'everyone'] as const
export type WorkspaceCreation = (typeof WORKSPACE_CREATION)[number]

const RESET_HOURS = 24
const HOUR_MS = 60 * 60 * 1000

/** Instance-level writes belong to no workspace: they record no workspace activity. */
const instanceScope = (deps: AppDeps, actorId: number | null) => ({ deps, workspaceId: null, actorId })

const publicSettings = (row: Awaited<ReturnType<typeof instanceRepo.settings>>) => ({
  workspaceCreation: row.workspaceCreation as WorkspaceCreation,
  auditRetentionDays: row.auditRetentionDays,
  requireTwoFactor: row.requireTwoFactor,
  passwordSignIn: row.passwordSignIn,
  version: row.version,
})

export async function settings(deps: AppDeps) {
  return publicSettings(await instanceRepo.settings(deps.db))
}

export function updateSettings(
  deps: AppDeps,
  actorId: number,
  input: {
    workspaceCreation?: WorkspaceCreation
    auditRetentionDays?: number
    requireTwoFactor?: boolean
    passwordSignIn?: boolean
  },
) {
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    const before = publicSettings(await instanceRepo.settings(tx))
    const after = publicSettings(await instanceRepo.updateSettings(tx, input))
    const changed = diff(before, after)
    if (Object.keys(changed.after).length > 0)
      audit(frame, { action: 'instance.settings_updated', details: changed })
    return after
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

/** Every workspace, with its roles and products, for instance owners (sign-in rules name them). */
export const workspaces = (deps: AppDeps) => instanceRepo.workspaces(deps.db)

const lastOwner = () =>
  conflict('last_instance_owner', 'The last instance owner cannot step down; make someone else owner first')

/**
 * Changes an account: makes it an instance owner or not, deactivates it (it cannot sign in; its sessions,
 * API tokens and open streams end at once; everything it did keeps its name) or brings it back. Nobody
 * deactivates themselves, and the last active instance owner stays.
 */
export function updateAccount(
  deps: AppDeps,
  actorId: number,
  userId: number,
  input: { instanceOwner?: boolean; active?: boolean },
) {
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    const account = await instanceRepo.account(tx, userId)
    if (!account) throw notFound('Account')
    const { emailLanguage: _language, ...result } = account
    const activeOwner = account.instanceOwner && !account.deactivatedAt
    if (input.instanceOwner !== undefined && input.instanceOwner !== account.instanceOwner) {
      if (activeOwner && !input.instanceOwner && (await instanceRepo.ownerCount(tx)) <= 1) throw lastOwner()
      await instanceRepo.setInstanceOwner(tx, userId, input.instanceOwner)
      audit(
        frame,
        aboutAccount(input.instanceOwner ? 'account.owner_granted' : 'account.owner_revoked', account),
      )
      result.instanceOwner = input.instanceOwner
    }
    if (input.active !== undefined && input.active === Boolean(account.deactivatedAt)) {
      if (!input.active) {
        if (userId === actorId)
          throw conflict(
            'deactivate_self',
            'You cannot deactivate your own account; ask another instance owner',
          )
        if (result.instanceOwner && (await instanceRepo.ownerCount(tx)) <= 1) throw lastOwner()
      }
      result.deactivatedAt = await setActive(deps, tx, frame, account, input.active)
    }
    return result
  })
}

/**
 * Deactivates an account (it cannot sign in; its sessions, trusted browsers, API tokens and reset links
 * end at once) or brings it back, inside a write; logged. Answers its new `deactivatedAt`.
 */
export async function setActive(
  deps: AppDeps,
  tx: Db,
  frame: WriteFrame,
  account: { id: number; email: string },
  active: boolean,
  details?: Record<string, unknown>,
) {
  const at = active ? null : deps.clock.now().toISOString()
  await instanceRepo.setDeactivated(tx, account.id, at)
  if (!active) {
    await authRepo.endSessions(tx, account.id)
    await twoFactorRepo.forgetDevices(tx, account.id)
    await authRepo.deleteTokensOf(tx, account.id)
    await instanceRepo.closeResetsOf(tx, account.id, at!)
  }
  audit(frame, aboutAccount(active ? 'account.reactivated' : 'account.deactivated', account, details))
  return at
}

/** Where an account is signed in, for an instance owner. */
export async function sessionsOfAccount(deps: AppDeps, userId: number) {
  if (!(await instanceRepo.account(deps.db, userId))) throw notFound('Account')
  return authRepo.sessionsOf(deps.db, userId, deps.clock.now().toISOString())
}

/**
 * Signs an account out everywhere: every session ends and no browser stays trusted for two-factor (its API
 * tokens stay; deactivate to end those).
 */
export function signOutEverywhere(deps: AppDeps, actorId: number, userId: number) {
  return write(instanceScope(deps, actorId), async (tx, _record, frame) => {
    const account = await instanceRepo.account(tx, userId)
    if (!account) throw notFound('Account')
    await authRepo.endSessions(tx, userId)
    await twoFactorRepo.forgetDevices(tx, userId)
    audit(frame, aboutAccount('account.signed_out', account))
  })
}

/**
 * A one-time link that lets the account's holder choose a new password, valid for 24 hours. Made by an
 * instance owner (`createdBy`) or by the command line (null). Only the token's hash is stored.
 */
export function createPasswordReset(
  deps: AppDeps,
  createdBy: number | null,
  userId: number,
  origin: string,
  hours = RESET_HOURS,
  then?: (frame: WriteFrame, link: { email: string; url: string; language: string | null }) => Promise<void>,
) {
  return write(instanceScope(deps, createdBy), async (tx, _record, frame) => {
    const token = newToken(32)
    const now = deps.clock.now()
    const expiresAt = new Date(now.getTime() + hours * HOUR_MS).toISOString()
    const account = await instanceRepo.account(tx, userId)
    if (!account) throw notFound('Account')
    if (account.deactivatedAt) throw deactivated()
    if (createdBy !== null) audit(frame, aboutAccount('account.reset_link_created', account))
    await instanceRepo.insertReset(tx, {
      userId,
      tokenHash: sha256(token),
      createdBy,
      createdAt: now.toISOString(),
      expiresAt,
    })
    const url = `${origin}/reset-password/${token}`
    await then?.(frame, { email: account.email, url, language: account.emailLanguage })
    return { email: account.email, url, expiresAt }
  })
}

/** Emailed reset links work for an hour; a person may ask thrice an hour, an address twenty times. */
const EMAILED_RESET_HOURS = 1

/**
 * "Forgot my password": emails a one-time link (one hour) when the address has an account, and answers
 * the same either way, so nobody learns which addresses exist. Needs email (409 `email_off` without it).
 */
/**
 * Records the request against both throttles and answers; the account is looked up and its link emailed
 * afterwards, so the answer's content and its time are the same whether the address has an account or not.
 */
export async function requestPasswordReset(deps: AppDeps, email: string, ip: string) {
  if (!deps.mailer)
    throw conflict('email_off', 'This server does not send email; ask an instance owner for a reset link')
  const now = deps.clock.now().getTime()
  for (const [throttle, key] of [
    [deps.resetThrottles.address, ip],
    [deps.resetThrottles.email, email],
  ] as const) {
    const wait = await throttle.retryAfter(key, now)
    if (wait > 0)
      throw new AppError('rate_limited', 'Too many reset requests; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      })
  }
  await deps.resetThrottles.address.fail(ip, now)
  await deps.resetThrottles.email.fail(email, now)
  deps.background.run('password reset email', async () => {
    const user = await authRepo.userByEmail(deps.db, email)
    if (!user || user.deactivatedAt) return
    await createPasswordReset(
      deps,
      null,
      user.id,
      originOf(deps),
      EMAILED_RESET_HOURS,
      async (frame, link) => {
        const rendered = resetEmail(languageOf(link.language), link.email, link.url)
        await queueMessages(deps, frame, [messageRow(deps, link.email, rendered, user.id)])
      },
    )
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
  return write(instanceScope(deps, null), async (tx, _record, frame) => {
    // Read inside the transaction, so a link works once even when two confirmations race.
    const reset = await instanceRepo.liveReset(tx, sha256(token), nowIso)
    if (!reset) throw deadLink()
    audit(frame, { action: 'auth.password_reset', actorId: reset.userId })
    await instanceRepo.setPassword(tx, reset.userId, passwordHash)
    await authRepo.endSessions(tx, reset.userId)
    await twoFactorRepo.forgetDevices(tx, reset.userId)
    await instanceRepo.closeResetsOf(tx, reset.userId, nowIso)
    return { userId: reset.userId, email: reset.email }
  })
}

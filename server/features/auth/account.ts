// Your own account: name, language and time zone; the email address (confirmed from the new address when
// email is on); the password (the current one first, under the login
// throttle; every other session ends); and the sessions signed in, each of which can be ended.
import type { AppDeps, AuthUser } from '../../lib/context'
import { hashPassword, newToken, sha256 } from '../../lib/crypto'
import { conflict, invalid, notFound } from '../../lib/errors'
import { audit, write } from '../../lib/write'
import { emailRepo } from '../email/repo'
import { languageOf, messageRow, originOf, queueMessages } from '../email/service'
import { addressChangingEmail, verifyEmail } from '../email/templates'
import { instanceRepo } from '../instance/repo'
import { authRepo } from './repo'
import { checkPassword } from './service'
import { twoFactorRepo } from './two-factor-repo'

export const LANGUAGES = ['en', 'zh-CN'] as const
export type Language = (typeof LANGUAGES)[number]

const accountScope = (deps: AppDeps, userId: number) => ({ deps, workspaceId: null, actorId: userId })

/** True for a time zone the runtime knows (IANA names such as Asia/Shanghai, and UTC). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name })
    return true
  } catch {
    return false
  }
}

export async function profileOf(deps: AppDeps, userId: number) {
  const row = await authRepo.profile(deps.db, userId)
  return {
    language: (row?.language ?? null) as Language | null,
    timeZone: row?.timeZone ?? null,
    pendingEmail: await emailRepo.pendingChange(deps.db, userId, deps.clock.now().toISOString()),
  }
}

export async function updateProfile(
  deps: AppDeps,
  user: AuthUser,
  input: { name?: string; language?: Language | null; timeZone?: string | null },
) {
  await write(accountScope(deps, user.id), async (tx) => {
    if (input.timeZone && !isTimeZone(input.timeZone))
      throw invalid(`"${input.timeZone}" is not a time zone (e.g. Asia/Shanghai)`, { column: 'timeZone' })
    await authRepo.updateProfile(tx, user.id, input)
  })
  const row = (await authRepo.userById(deps.db, user.id))!
  return { ...row, ...(await profileOf(deps, user.id)) }
}

/** Sets a new password once the current one is given; every session but this one ends. */
export async function changePassword(
  deps: AppDeps,
  user: AuthUser,
  keepSessionId: number | undefined,
  input: { currentPassword: string; newPassword: string; ip: string },
) {
  const checked = await checkPassword(deps, {
    email: user.email,
    password: input.currentPassword,
    ip: input.ip,
  })
  if (!checked) throw invalid('The current password is not right', { column: 'currentPassword' })
  const passwordHash = await hashPassword(input.newPassword)
  return write(accountScope(deps, user.id), async (tx, _record, frame) => {
    await instanceRepo.setPassword(tx, user.id, passwordHash)
    await authRepo.endSessions(tx, user.id, keepSessionId)
    await twoFactorRepo.forgetDevices(tx, user.id)
    audit(frame, { action: 'auth.password_changed' })
  })
}

export async function sessionsOf(deps: AppDeps, userId: number, currentSessionId: number | undefined) {
  const sessions = await authRepo.sessionsOf(deps.db, userId, deps.clock.now().toISOString())
  return sessions.map((s) => ({ ...s, current: s.id === currentSessionId }))
}

export async function endSession(deps: AppDeps, userId: number, sessionId: number) {
  await write(accountScope(deps, userId), async (tx, _record, frame) => {
    if (!(await authRepo.deleteOwnSession(tx, userId, sessionId))) throw notFound('Session')
    audit(frame, { action: 'session.ended', targetType: 'session', targetId: sessionId })
  })
}

const CHANGE_DAYS = 1

/**
 * Changes the account's email address once the password is given. With email on, the new address must
 * be confirmed first (a one-time link, one day, only its hash stored) and the old one is told; without
 * email, it changes at once.
 */
export async function changeEmail(
  deps: AppDeps,
  user: AuthUser,
  input: { email: string; password: string; ip: string },
): Promise<{ email: string; pending: boolean }> {
  const checked = await checkPassword(deps, { email: user.email, password: input.password, ip: input.ip })
  if (!checked) throw invalid('The password is not right', { column: 'password' })
  const taken = async (tx: Parameters<Parameters<typeof write>[1]>[0]) => {
    const other = await authRepo.userByEmail(tx, input.email)
    if (other && other.id !== user.id) throw conflict('email_taken', 'Another account has this email address')
  }
  if (input.email === user.email) return { email: user.email, pending: false }
  if (!deps.mailer) {
    await write(accountScope(deps, user.id), async (tx, _record, frame) => {
      await taken(tx)
      await authRepo.setEmail(tx, user.id, input.email)
      audit(frame, { action: 'auth.email_changed', details: { from: user.email, to: input.email } })
    })
    return { email: input.email, pending: false }
  }
  const token = newToken(32)
  const now = deps.clock.now()
  await write(accountScope(deps, user.id), async (tx, _record, frame) => {
    await taken(tx)
    await emailRepo.closeChanges(tx, user.id, now.toISOString())
    await emailRepo.insertChange(tx, {
      userId: user.id,
      newEmail: input.email,
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CHANGE_DAYS * 86_400_000).toISOString(),
    })
    const lang = languageOf((await authRepo.profile(tx, user.id))?.emailLanguage)
    const url = `${originOf(deps)}/verify-email/${token}`
    await queueMessages(deps, frame, [
      messageRow(deps, input.email, verifyEmail(lang, input.email, url), user.id),
      messageRow(deps, user.email, addressChangingEmail(lang, input.email), user.id),
    ])
  })
  return { email: input.email, pending: true }
}

/** Confirms a new address with its link (no login needed: the link is the proof); works once. */
export async function confirmEmailChange(deps: AppDeps, token: string) {
  const nowIso = deps.clock.now().toISOString()
  return write({ deps, workspaceId: null, actorId: null }, async (tx, _record, frame) => {
    const change = await emailRepo.liveChange(tx, sha256(token), nowIso)
    if (!change) throw notFound('Email confirmation link (it may have expired or been used)')
    const other = await authRepo.userByEmail(tx, change.newEmail)
    if (other && other.id !== change.userId)
      throw conflict('email_taken', 'Another account has this email address')
    const before = await authRepo.userById(tx, change.userId)
    audit(frame, {
      action: 'auth.email_changed',
      actorId: change.userId,
      details: { from: before?.email, to: change.newEmail },
    })
    await authRepo.setEmail(tx, change.userId, change.newEmail)
    await emailRepo.closeChanges(tx, change.userId, nowIso)
    return { email: change.newEmail }
  })
}

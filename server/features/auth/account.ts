// Your own account: name, language and time zone; the password (the current one first, under the login
// throttle; every other session ends); and the sessions signed in, each of which can be ended.
import type { AppDeps, AuthUser } from '../../lib/context'
import { hashPassword } from '../../lib/crypto'
import { invalid, notFound } from '../../lib/errors'
import { write } from '../../lib/write'
import { instanceRepo } from '../instance/repo'
import { authRepo } from './repo'
import { checkPassword } from './service'

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
  return { language: (row?.language ?? null) as Language | null, timeZone: row?.timeZone ?? null }
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
  return write(accountScope(deps, user.id), async (tx) => {
    await instanceRepo.setPassword(tx, user.id, passwordHash)
    await authRepo.endSessions(tx, user.id, keepSessionId)
  })
}

export async function sessionsOf(deps: AppDeps, userId: number, currentSessionId: number | undefined) {
  const sessions = await authRepo.sessionsOf(deps.db, userId, deps.clock.now().toISOString())
  return sessions.map((s) => ({ ...s, current: s.id === currentSessionId }))
}

export async function endSession(deps: AppDeps, userId: number, sessionId: number) {
  const ended = await write(
    accountScope(deps, userId),
    async (tx) => await authRepo.deleteOwnSession(tx, userId, sessionId),
  )
  if (!ended) throw notFound('Session')
}

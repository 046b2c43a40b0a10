// First-run setup, login with throttling, and personal API tokens.
import type { AppDeps, AuthUser } from '../../lib/context'
import { DUMMY_PASSWORD_HASH, hashPassword, newToken, sha256, verifyPassword } from '../../lib/crypto'
import { AppError, conflict, notFound } from '../../lib/errors'
import { seedDemo } from '../demo/seed'
import { createWorkspace } from '../workspaces/service'
import { authRepo } from './repo'

export const setupNeeded = (deps: AppDeps) => authRepo.userCount(deps.db) === 0

export async function setup(
  deps: AppDeps,
  input: { workspaceName: string; name: string; email: string; password: string; demo?: boolean },
) {
  if (!setupNeeded(deps)) throw conflict('already_set_up', 'Keel is already set up; log in instead')
  const passwordHash = await hashPassword(input.password)
  // Re-check inside the transaction: two setups racing must not both win.
  const created = deps.db.transaction(
    (tx) => {
      if (authRepo.userCount(tx) > 0)
        throw conflict('already_set_up', 'Keel is already set up; log in instead')
      const user = authRepo.insertUser(tx, {
        email: input.email,
        name: input.name,
        passwordHash,
        createdAt: deps.clock.now().toISOString(),
      })
      const workspace = input.demo ? undefined : createWorkspace(deps, tx, user.id, input.workspaceName)
      return { user, workspace }
    },
    { behavior: 'immediate' },
  )
  const workspace = created.workspace ?? (await seedDemo(deps, created.user.id, input.workspaceName))
  return { user: created.user, workspace }
}

/**
 * Checks an email and password under the failure throttle (10 failures per 15 minutes per email and
 * per IP → 429). Every place that accepts a password goes through here, so none can be used to guess.
 */
export async function checkPassword(
  deps: AppDeps,
  input: { email: string; password: string; ip: string },
): Promise<AuthUser | undefined> {
  const now = deps.clock.now().getTime()
  const keys = [`email:${input.email}`, `ip:${input.ip}`]
  const wait = Math.max(...keys.map((k) => deps.loginThrottle.retryAfter(k, now)))
  if (wait > 0) {
    throw new AppError('rate_limited', 'Too many failed attempts; try again later', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
  }
  const user = authRepo.userByEmail(deps.db, input.email)
  // Hash even for unknown emails so response time does not reveal which emails exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)
  if (!user || !ok) {
    for (const key of keys) deps.loginThrottle.fail(key, now)
    return undefined
  }
  deps.loginThrottle.reset(`email:${input.email}`)
  return { id: user.id, email: user.email, name: user.name }
}

export async function login(
  deps: AppDeps,
  input: { email: string; password: string; ip: string },
): Promise<AuthUser> {
  const user = await checkPassword(deps, input)
  if (!user) throw new AppError('unauthenticated', 'Wrong email or password')
  return user
}

export function createToken(deps: AppDeps, userId: number, name: string) {
  const token = `keel_${newToken(32)}`
  const row = authRepo.insertToken(deps.db, {
    userId,
    name,
    tokenHash: sha256(token),
    prefix: token.slice(0, 10),
    createdAt: deps.clock.now().toISOString(),
  })
  return { ...row, token }
}

export function deleteToken(deps: AppDeps, userId: number, tokenId: number) {
  if (!authRepo.deleteToken(deps.db, userId, tokenId)) throw notFound('Token')
}

export const listTokens = (deps: AppDeps, userId: number) => authRepo.tokensOf(deps.db, userId)

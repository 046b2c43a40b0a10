// Login with throttling, and personal API tokens.
import type { AppDeps, AuthUser } from '../../lib/context'
import { DUMMY_PASSWORD_HASH, newToken, sha256, verifyPassword } from '../../lib/crypto'
import { AppError, notFound } from '../../lib/errors'
import { bookkeepingWrite } from '../../lib/write'
import { authRepo } from './repo'

/**
 * Checks an email and password under the login throttle (backoff per address and account together, and a
 * ceiling per address → 429). Every place that accepts a password goes through here, so none can be used
 * to guess.
 */
export async function checkPassword(
  deps: AppDeps,
  input: { email: string; password: string; ip: string },
): Promise<AuthUser | undefined> {
  const now = deps.clock.now().getTime()
  const wait = await deps.loginThrottle.retryAfter(input.ip, input.email, now)
  if (wait > 0) {
    throw new AppError('rate_limited', 'Too many failed attempts; try again later', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
  }
  const user = await authRepo.userByEmail(deps.db, input.email)
  // Hash even for unknown emails so response time does not reveal which emails exist.
  const ok = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH)
  if (!user || !ok) {
    await deps.loginThrottle.fail(input.ip, input.email, now)
    return undefined
  }
  await deps.loginThrottle.succeed(input.ip, input.email, now)
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

export async function createToken(deps: AppDeps, userId: number, name: string) {
  const token = `keel_${newToken(32)}`
  const row = await bookkeepingWrite(
    deps.store,
    async (tx) =>
      await authRepo.insertToken(tx, {
        userId,
        name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 10),
        createdAt: deps.clock.now().toISOString(),
      }),
  )
  return { ...row, token }
}

export async function deleteToken(deps: AppDeps, userId: number, tokenId: number) {
  const deleted = await bookkeepingWrite(
    deps.store,
    async (tx) => await authRepo.deleteToken(tx, userId, tokenId),
  )
  if (!deleted) throw notFound('Token')
}

export const listTokens = (deps: AppDeps, userId: number) => authRepo.tokensOf(deps.db, userId)

// Login with throttling, and personal API tokens.
import type { AppDeps, AuthUser } from '../../lib/context'
import { bearerToken, DUMMY_PASSWORD_HASH, verifyPassword } from '../../lib/crypto'
import { AppError, notFound } from '../../lib/errors'
import { audit, write } from '../../lib/write'
import { aboutAccount } from '../audit/events'
import { recordNow } from '../audit/service'
import { instanceRepo } from '../instance/repo'
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
    await recordNow(deps, null, {
      ...(user
        ? aboutAccount('auth.login_failed', user)
        : { action: 'auth.login_failed', targetLabel: input.email }),
      details: { reason: user ? 'wrong_password' : 'unknown_account' },
    })
    return undefined
  }
  await deps.loginThrottle.succeed(input.ip, input.email, now)
  if (user.deactivatedAt) {
    await recordNow(deps, null, aboutAccount('auth.login_failed', user, { reason: 'deactivated' }))
    throw deactivated()
  }
  return { id: user.id, email: user.email, name: user.name }
}

/** A deactivated account does nothing more; it learns so only once it gave its password. */
export const deactivated = () =>
  new AppError('forbidden', 'This account has been deactivated; ask an instance owner', {
    reason: 'account_deactivated',
  })

export async function login(
  deps: AppDeps,
  input: { email: string; password: string; ip: string },
): Promise<AuthUser> {
  const user = await checkPassword(deps, input)
  if (!user) throw new AppError('unauthenticated', 'Wrong email or password')
  return user
}

const accountScope = (deps: AppDeps, userId: number) => ({ deps, workspaceId: null, actorId: userId })

const aboutToken = (action: string, token: { id: number; name: string; prefix?: string }) => ({
  action,
  targetType: 'api_token',
  targetId: token.id,
  targetLabel: token.name,
  details: token.prefix ? { prefix: token.prefix } : null,
})

/**
 * With password sign-in switched off, only instance owners still sign in with a password (the break-glass
 * path when the provider is down); told only after the password was right.
 */
export async function assertPasswordSignIn(deps: AppDeps, user: AuthUser) {
  if ((await instanceRepo.settings(deps.db)).passwordSignIn) return
  if (await instanceRepo.isInstanceOwner(deps.db, user.id)) return
  await recordNow(deps, null, aboutAccount('auth.login_failed', user, { reason: 'password_sign_in_off' }))
  throw new AppError('forbidden', 'Sign in with your company account: passwords are switched off here', {
    reason: 'password_sign_in_off',
  })
}

export async function createToken(deps: AppDeps, userId: number, name: string) {
  const { token, tokenHash, prefix } = bearerToken('keel')
  const row = await write(accountScope(deps, userId), async (tx, _record, frame) => {
    const created = await authRepo.insertToken(tx, {
      userId,
      name,
      tokenHash,
      prefix,
      createdAt: deps.clock.now().toISOString(),
    })
    audit(frame, aboutToken('token.created', created))
    return created
  })
  return { ...row, token }
}

export async function deleteToken(deps: AppDeps, userId: number, tokenId: number) {
  await write(accountScope(deps, userId), async (tx, _record, frame) => {
    const token = await authRepo.deleteToken(tx, userId, tokenId)
    if (!token) throw notFound('Token')
    audit(frame, aboutToken('token.revoked', token))
  })
}

export const listTokens = (deps: AppDeps, userId: number) => authRepo.tokensOf(deps.db, userId)

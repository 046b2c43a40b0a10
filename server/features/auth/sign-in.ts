// The end of a sign-in by password (Keel's own or the directory's): with two-factor on, the browser is
// given a challenge for the code instead of a session, unless it is a browser trusted in the last 30 days.
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv, AuthUser } from '../../lib/context'
import { cookieOptions, endSession, type SignInMethod, startSession } from './session'
import * as twoFactor from './two-factor'

export async function finishPasswordSignIn(
  c: Context<AppEnv>,
  user: AuthUser,
  method: SignInMethod,
  details: Record<string, unknown> = {},
): Promise<{ user?: AuthUser; twoFactorRequired?: boolean }> {
  const deps = c.get('deps')
  if (await twoFactor.isOn(deps, user.id)) {
    if (!(await twoFactor.isTrustedDevice(deps, user.id, getCookie(c, twoFactor.DEVICE_COOKIE)))) {
      const token = await twoFactor.startChallenge(deps, user.id)
      setCookie(c, twoFactor.CHALLENGE_COOKIE, token, {
        ...cookieOptions(c),
        path: '/api/auth',
        maxAge: twoFactor.CHALLENGE_MINUTES * 60,
      })
      return { twoFactorRequired: true }
    }
    await endSession(c)
    await startSession(c, user.id, 'trusted_device', { ...details, via: method })
    return { user }
  }
  await endSession(c)
  await startSession(c, user.id, method, details)
  return { user }
}

// Who is asking: resolves the session cookie or Bearer token, slides sessions, and checks the Origin
// of cookie-authenticated writes (CSRF). Routes that need a user ask lib/route.ts's requireAuth.
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { accessEpoch } from '../../../db/access-epoch'
import type { Db } from '../../../db/client'
import { auditRows } from '../../lib/audit'
import type { AppDeps, AppEnv, Auth, CachedCredential } from '../../lib/context'
import { newToken, sha256 } from '../../lib/crypto'
import { AppError } from '../../lib/errors'
import { bookkeepingWrite } from '../../lib/write'
import { authRepo } from './repo'
import { twoFactorRepo } from './two-factor-repo'

export const SESSION_COOKIE = 'keel_session'
export const SESSION_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000
/** Sliding expiry is written at most once per hour per session, not on every request. */
const SLIDE_AFTER_MS = 60 * 60 * 1000
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export const sessionExpiry = (now: Date) => new Date(now.getTime() + SESSION_DAYS * DAY_MS)

function isHttps(c: Context<AppEnv>, deps: AppDeps): boolean {
  if (deps.trustProxy && c.req.header('x-forwarded-proto') === 'https') return true
  return new URL(c.req.url).protocol === 'https:'
}

/** How a session began, as the audit log says it (`auth.login` with `details.method`). */
export type SignInMethod =
  | 'password'
  | 'setup'
  | 'invite'
  | 'password_reset'
  | 'totp'
  | 'recovery_code'
  | 'trusted_device'
  | 'oidc'
  | 'ldap'

/**
 * Creates a session with a fresh random token and sets the cookie; the token is stored only hashed. The
 * sign-in is logged (`auth.login`) with how it was made.
 */
export async function startSession(
  c: Context<AppEnv>,
  userId: number,
  method: SignInMethod,
  /** More for the audit log (the provider signed in with). */
  details: Record<string, unknown> = {},
): Promise<void> {
  const deps = c.get('deps')
  const token = newToken(32)
  const now = deps.clock.now()
  const expiresAt = sessionExpiry(now)
  const language = browserLanguage(c.req.header('accept-language'))
  await bookkeepingWrite(deps.store, async (tx) => {
    await authRepo.insertSession(tx, {
      tokenHash: sha256(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
      address: c.get('clientIp') ?? '',
      lastUsedAt: now.toISOString(),
      method,
    })
    // What its emails are written in while the account follows the browser.
    if (language) await authRepo.setBrowserLanguage(tx, userId, language)
    await deps.recordAudit(
      tx,
      auditRows(
        [{ action: 'auth.login', details: { method, ...details } }],
        userId,
        now.toISOString(),
        deps.request,
      ),
    )
  })
  setSessionCookie(c, token, expiresAt)
}

/**
 * Signs in after a proof that is no second factor (a reset link, an invite accepted with the password):
 * with two-factor on, no session starts and the answer says so (`false`); they sign in with password and
 * code, so an inbox alone never gets past two-factor.
 */
export async function startSessionUnlessTwoFactor(
  c: Context<AppEnv>,
  userId: number,
  method: 'invite' | 'password_reset',
): Promise<boolean> {
  if ((await twoFactorRepo.state(c.get('deps').db, userId))?.enabledAt) return false
  await startSession(c, userId, method)
  return true
}

/**
 * The first of Keel's languages a browser asks for (`Accept-Language`, by weight): any Chinese is zh-CN
 * (the only Chinese Keel speaks), any English is en; undefined when it asks for neither.
 */
export function browserLanguage(header: string | undefined): 'zh-CN' | 'en' | undefined {
  if (!header) return undefined
  const ranked = header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      )
      return { tag: tag.toLowerCase(), q: Number.isFinite(q) ? q : 0, index }
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN'
    if (tag === 'en' || tag.startsWith('en-')) return 'en'
  }
  return undefined
}

/** Keel's cookies: out of scripts' reach, not sent on cross-site requests, and https-only when served so. */
export const cookieOptions = (c: Context<AppEnv>) =>
  ({ httpOnly: true, sameSite: 'Lax', secure: isHttps(c, c.get('deps')) }) as const

function setSessionCookie(c: Context<AppEnv>, token: string, expires: Date) {
  setCookie(c, SESSION_COOKIE, token, { ...cookieOptions(c), path: '/', expires })
}

/** Ends the request's session, if it has one (a logout is logged as `auth.logout`). */
export async function endSession(c: Context<AppEnv>): Promise<void> {
  const auth = c.get('auth')
  const sessionId = auth?.sessionId
  if (auth && sessionId !== undefined) {
    const deps = c.get('deps')
    const rows = auditRows(
      [{ action: 'auth.logout' }],
      auth.user.id,
      deps.clock.now().toISOString(),
      deps.request,
    )
    await bookkeepingWrite(deps.store, async (tx) => {
      await authRepo.deleteSession(tx, sessionId)
      await deps.recordAudit(tx, rows)
    })
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
}

/** Writes that only keep records (last use, sliding expiry) must never fail a read, e.g. on a full disk. */
async function bookkeeping(deps: AppDeps, write: (tx: Db) => Promise<void>): Promise<boolean> {
  try {
    await bookkeepingWrite(deps.store, write)
    return true
  } catch {
    return false
  }
}

/** Whether a stream's credential (its hash: see credentialHashOf) still works: not logged out, revoked or expired. */
export const stillAuthenticated = async (
  deps: AppDeps,
  auth: Auth,
  credentialHash: string,
): Promise<boolean> =>
  (await credentialOf(deps, auth.via, credentialHash, deps.clock.now().toISOString())) !== undefined

/** The stored hash of a request's credential (cookie or Bearer token), for re-checking long-lived streams. */
export function credentialHashOf(c: Context<AppEnv>): string {
  const header = c.req.header('authorization')
  return sha256(header ? (/^Bearer\s+(\S+)$/i.exec(header)?.[1] ?? '') : (getCookie(c, SESSION_COOKIE) ?? ''))
}

/**
 * Who the credential with this hash belongs to: from the cache while the access epoch holds (any logout,
 * revocation or change to a user moves it), else from the database. A session past its expiry is gone.
 */
async function credentialOf(
  deps: AppDeps,
  via: 'cookie' | 'token',
  hash: string,
  nowIso: string,
  known?: number,
) {
  const epoch = known ?? (await accessEpoch(deps.db))
  const cached = deps.credentials.get(epoch, hash)
  if (cached && cached.via === via) {
    return cached.expiresAt === null || cached.expiresAt > nowIso ? cached : undefined
  }
  let found: CachedCredential | undefined
  if (via === 'token') {
    const row = await authRepo.tokenByHash(deps.db, hash)
    if (row)
      found = { user: row.user, via, tokenId: row.tokenId, expiresAt: null, lastUsedAt: row.lastUsedAt }
  } else {
    const row = await authRepo.sessionByTokenHash(deps.db, hash, nowIso)
    if (row)
      found = {
        user: row.user,
        via,
        sessionId: row.sessionId,
        expiresAt: row.expiresAt,
        lastUsedAt: null,
        mustSetUpTwoFactor: row.mustSetUpTwoFactor,
      }
  }
  if (found) deps.credentials.set(epoch, hash, found)
  return found
}

async function resolve(c: Context<AppEnv>): Promise<Auth | null> {
  const deps = c.get('deps')
  const now = deps.clock.now()
  const header = c.req.header('authorization')
  const cookie = header ? undefined : getCookie(c, SESSION_COOKIE)
  if (!header && !cookie) return null
  // Read once for the request: its credential and its membership are both checked against it.
  const epoch = await accessEpoch(deps.db)
  c.set('accessEpoch', epoch)
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match?.[1]) throw new AppError('unauthenticated', 'Malformed Authorization header')
    const token = await credentialOf(deps, 'token', sha256(match[1]), now.toISOString(), epoch)
    if (!token) throw new AppError('unauthenticated', 'Invalid or revoked API token')
    // Recording use is a write: once a minute per token is precise enough and keeps reads read-only.
    if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) > 60_000) {
      const at = now.toISOString()
      if (await bookkeeping(deps, (tx) => authRepo.touchToken(tx, token.tokenId!, at))) token.lastUsedAt = at
    }
    return { user: token.user, via: 'token' }
  }
  if (!cookie) return null
  const session = await credentialOf(deps, 'cookie', sha256(cookie), now.toISOString(), epoch)
  if (!session) return null
  const expiresAt = sessionExpiry(now)
  if (expiresAt.getTime() - new Date(session.expiresAt!).getTime() > SLIDE_AFTER_MS) {
    const extend = (tx: Db) =>
      authRepo.extendSession(tx, session.sessionId!, expiresAt.toISOString(), now.toISOString())
    if (await bookkeeping(deps, extend)) {
      session.expiresAt = expiresAt.toISOString()
      setSessionCookie(c, cookie, expiresAt)
    }
  }
  return {
    user: session.user,
    via: 'cookie',
    sessionId: session.sessionId,
    mustSetUpTwoFactor: session.mustSetUpTwoFactor,
  }
}

/** Browsers always send Origin on cross-site writes; a cookie-authenticated write must come from us. */
function checkOrigin(c: Context<AppEnv>, deps: AppDeps) {
  const origin = c.req.header('origin')
  const allowed = new Set([new URL(c.req.url).origin])
  if (deps.publicUrl) allowed.add(new URL(deps.publicUrl).origin)
  const host = c.req.header('host')
  if (host) {
    allowed.add(`http://${host}`)
    allowed.add(`https://${host}`)
  }
  if (origin) {
    if (!allowed.has(origin))
      throw new AppError('forbidden', 'Cross-site request refused (Origin does not match)')
    return
  }
  // No Origin: accept only what the browser marks as same-origin; scripts should use API tokens.
  const site = c.req.header('sec-fetch-site')
  if (site !== 'same-origin' && site !== 'none') {
    throw new AppError('forbidden', 'Cross-site request refused (missing Origin header)')
  }
}

export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const deps = c.get('deps')
    const auth = await resolve(c)
    const hasCookie = getCookie(c, SESSION_COOKIE) !== undefined
    if (!SAFE_METHODS.has(c.req.method) && hasCookie && auth?.via !== 'token') checkOrigin(c, deps)
    c.set('auth', auth)
    await next()
  }
}

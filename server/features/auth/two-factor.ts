// Two-factor authentication for password accounts: a TOTP secret (any authenticator app) confirmed with
// its first code, ten recovery codes shown once and stored hashed, the step between password and code at
// sign-in (a challenge of five minutes that a few wrong codes end), and browsers trusted for 30 days.
// Codes are throttled like passwords, each works once, and every change is in the audit log.

import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import type { Db } from '../../../db/client'
import type { AppDeps, AuthUser } from '../../lib/context'
import { newToken, sha256 } from '../../lib/crypto'
import { AppError, conflict, invalid } from '../../lib/errors'
import { audit, write } from '../../lib/write'
import { aboutAccount } from '../audit/events'
import { recordNow } from '../audit/service'
import { instanceRepo } from '../instance/repo'
import { twoFactorRepo } from './two-factor-repo'

export const CHALLENGE_COOKIE = 'keel_2fa'
export const DEVICE_COOKIE = 'keel_device'
export const CHALLENGE_MINUTES = 5
export const DEVICE_DAYS = 30
/** Wrong codes one challenge takes before the password must be given again. */
const CHALLENGE_FAILURES = 5
const RECOVERY_CODES = 10
const STEP_MS = 30_000
const DAY_MS = 24 * 60 * 60 * 1000

const accountScope = (deps: AppDeps, userId: number | null) => ({ deps, workspaceId: null, actorId: userId })

const totp = (secret: string, email: string) =>
  new TOTP({ issuer: 'Keel', label: email, secret: Secret.fromBase32(secret), digits: 6, period: 30 })

/** The time step of a six-digit code valid now (one step of clock drift either way), if it is one. */
function stepOf(secret: string, email: string, code: string, now: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined
  const delta = totp(secret, email).validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? undefined : Math.floor(now / STEP_MS) + delta
}

/** Ten codes like `k7m2q-x9p4r` (50 bits each), and their hashes to store. */
function newRecoveryCodes() {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789'
  const codes = Array.from({ length: RECOVERY_CODES }, () => {
    const bytes = Buffer.from(newToken(16), 'base64url')
    const chars = [...bytes.subarray(0, 10)].map((b) => alphabet[b % alphabet.length]).join('')
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
  return { codes, hashes: codes.map((c) => sha256(normalizeRecovery(c))) }
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '')

export async function status(deps: AppDeps, userId: number) {
  const state = await twoFactorRepo.state(deps.db, userId)
  return {
    enabled: Boolean(state?.enabledAt),
    enabledAt: state?.enabledAt ?? null,
    recoveryCodesLeft: state?.enabledAt ? await twoFactorRepo.recoveryCodesLeft(deps.db, userId) : 0,
    required: (await instanceRepo.settings(deps.db)).requireTwoFactor,
  }
}

/** Starts turning two-factor on: a new secret, as text and as a QR code, waiting for its first code. */
export async function beginSetup(deps: AppDeps, user: AuthUser) {
  const secret = new Secret({ size: 20 }).base32
  await write(accountScope(deps, user.id), async (tx) => {
    if ((await twoFactorRepo.state(tx, user.id))?.enabledAt) throw alreadyOn()
    await twoFactorRepo.setPendingSecret(tx, user.id, secret)
  })
  const otpauthUrl = totp(secret, user.email).toString()
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

const alreadyOn = () => conflict('two_factor_on', 'Two-factor authentication is already on')
const wrongCode = () =>
  invalid('That code is not right (check that the phone’s clock is set automatically)', { column: 'code' })

/** Turns two-factor on with the first code of the secret being set up; answers the recovery codes, once. */
export async function confirmSetup(deps: AppDeps, user: AuthUser, code: string) {
  const now = deps.clock.now()
  const { codes, hashes } = newRecoveryCodes()
  await write(accountScope(deps, user.id), async (tx, _record, frame) => {
    const state = await twoFactorRepo.state(tx, user.id)
    if (state?.enabledAt) throw alreadyOn()
    if (!state?.pendingSecret)
      throw conflict('two_factor_not_started', 'Start setting up two-factor authentication first')
    const step = stepOf(state.pendingSecret, user.email, code.trim(), now.getTime())
    if (step === undefined) throw wrongCode()
    await twoFactorRepo.enable(tx, user.id, state.pendingSecret, step, now.toISOString())
    await twoFactorRepo.replaceRecoveryCodes(tx, user.id, hashes)
    audit(frame, { action: 'two_factor.enabled' })
  })
  return { recoveryCodes: codes }
}

type CodeKind = 'totp' | 'recovery_code'

/** Uses a code of the account: a TOTP code of a step not used before, or an unused recovery code. */
async function useCode(deps: AppDeps, tx: Db, userId: number, code: string): Promise<CodeKind | undefined> {
  const state = await twoFactorRepo.state(tx, userId)
  if (!state?.secret) return undefined
  const now = deps.clock.now()
  const step = stepOf(state.secret, state.email, code.trim(), now.getTime())
  if (step !== undefined) return (await twoFactorRepo.useStep(tx, userId, step)) ? 'totp' : undefined
  const recovery = normalizeRecovery(code)
  if (recovery.length !== 10) return undefined
  return (await twoFactorRepo.useRecoveryCode(tx, userId, sha256(recovery), now.toISOString()))
    ? 'recovery_code'
    : undefined
}

const codeAccount = (user: { email: string }) => `totp:${user.email}`

async function throttled(deps: AppDeps, user: { id: number; email: string }, ip: string) {
  const now = deps.clock.now().getTime()
  const wait = Math.max(
    await deps.loginThrottle.retryAfter(ip, codeAccount(user), now),
    await deps.twoFactorThrottle.retryAfter(String(user.id), now),
  )
  if (wait > 0)
    throw new AppError('rate_limited', 'Too many wrong codes; try again later', {
      retryAfterSeconds: Math.ceil(wait / 1000),
    })
}

async function failed(deps: AppDeps, user: { id: number; email: string }, ip: string) {
  const now = deps.clock.now().getTime()
  await deps.loginThrottle.fail(ip, codeAccount(user), now)
  await deps.twoFactorThrottle.fail(String(user.id), now)
  await recordNow(deps, null, aboutAccount('auth.login_failed', user, { reason: 'wrong_code' }))
}

/** Turns two-factor off with a code (not while the instance requires it): codes and trusted browsers go too. */
export async function disable(deps: AppDeps, user: AuthUser, code: string, ip: string) {
  if ((await instanceRepo.settings(deps.db)).requireTwoFactor)
    throw conflict(
      'two_factor_required',
      'This Keel requires two-factor authentication; it cannot be turned off',
    )
  const ok = await write(accountScope(deps, user.id), async (tx, _record, frame) => {
    if (!(await twoFactorRepo.state(tx, user.id))?.enabledAt)
      throw conflict('two_factor_off', 'Two-factor authentication is not on')
    if (!(await useCode(deps, tx, user.id, code))) return false
    await twoFactorRepo.disable(tx, user.id)
    audit(frame, { action: 'two_factor.disabled' })
    return true
  })
  if (!ok) await rejectCode(deps, user, ip)
}

/** New recovery codes in place of the old ones, with a code; answered once. */
export async function regenerateRecoveryCodes(deps: AppDeps, user: AuthUser, code: string, ip: string) {
  const { codes, hashes } = newRecoveryCodes()
  const ok = await write(accountScope(deps, user.id), async (tx, _record, frame) => {
    if (!(await twoFactorRepo.state(tx, user.id))?.enabledAt)
      throw conflict('two_factor_off', 'Two-factor authentication is not on')
    if (!(await useCode(deps, tx, user.id, code))) return false
    await twoFactorRepo.replaceRecoveryCodes(tx, user.id, hashes)
    audit(frame, { action: 'two_factor.recovery_codes_renewed' })
    return true
  })
  if (!ok) await rejectCode(deps, user, ip)
  return { recoveryCodes: codes }
}

/** A wrong code, counted against the throttles after its write (which changed nothing). */
async function rejectCode(deps: AppDeps, user: AuthUser, ip: string): Promise<never> {
  await failed(deps, user, ip)
  throw wrongCode()
}

// Signing in

/** Whether the account has two-factor on, and so must give a code after its password. */
export const isOn = async (deps: AppDeps, userId: number) =>
  Boolean((await twoFactorRepo.state(deps.db, userId))?.enabledAt)

/** Whether this browser was trusted by the account at a two-factor sign-in in the last 30 days. */
export async function isTrustedDevice(deps: AppDeps, userId: number, deviceToken: string | undefined) {
  if (!deviceToken) return false
  return twoFactorRepo.isTrusted(deps.db, userId, sha256(deviceToken), deps.clock.now().toISOString())
}

/** The step after a right password: a challenge token for the browser to hold until the code comes. */
export async function startChallenge(deps: AppDeps, userId: number) {
  const token = newToken(32)
  const now = deps.clock.now()
  await write(accountScope(deps, userId), (tx) =>
    twoFactorRepo.insertChallenge(tx, {
      userId,
      tokenHash: sha256(token),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + CHALLENGE_MINUTES * 60_000).toISOString(),
    }),
  )
  return token
}

const challengeOver = () =>
  new AppError('unauthenticated', 'This sign-in has expired; enter your password again', {
    reason: 'challenge_expired',
  })

/**
 * The code of a sign-in's second step: the account once it is right (and how: `totp` or `recovery_code`).
 * Wrong codes count against the throttles, and the fifth ends the challenge.
 */
export async function completeChallenge(deps: AppDeps, token: string | undefined, code: string, ip: string) {
  const nowIso = deps.clock.now().toISOString()
  const challenge = token ? await twoFactorRepo.liveChallenge(deps.db, sha256(token), nowIso) : undefined
  if (!challenge) throw challengeOver()
  const user = { id: challenge.userId, email: challenge.email }
  await throttled(deps, user, ip)
  const kind = await write(accountScope(deps, user.id), async (tx, _record, frame) => {
    const fresh = await twoFactorRepo.liveChallenge(tx, sha256(token!), nowIso)
    if (!fresh) return 'over' as const
    const used = await useCode(deps, tx, user.id, code)
    if (!used) {
      if (fresh.failures + 1 >= CHALLENGE_FAILURES)
        await twoFactorRepo.endChallenge(tx, fresh.id, user.id, nowIso)
      else await twoFactorRepo.failChallenge(tx, fresh.id, fresh.failures + 1)
      return undefined
    }
    await twoFactorRepo.endChallenge(tx, fresh.id, user.id, nowIso)
    if (used === 'recovery_code') audit(frame, { action: 'two_factor.recovery_code_used' })
    return used
  })
  if (kind === 'over') throw challengeOver()
  if (!kind) {
    await failed(deps, user, ip)
    throw new AppError('unauthenticated', 'That code is not right', { reason: 'wrong_code' })
  }
  return { userId: user.id, method: kind }
}

/** Trusts this browser for 30 days: its token, stored hashed, skips the code at the next sign-ins. */
export async function trustDevice(
  deps: AppDeps,
  userId: number,
  device: { userAgent: string; address: string },
) {
  const token = newToken(32)
  const now = deps.clock.now()
  const expiresAt = new Date(now.getTime() + DEVICE_DAYS * DAY_MS)
  await write(accountScope(deps, userId), (tx) =>
    twoFactorRepo.insertTrustedDevice(tx, {
      userId,
      tokenHash: sha256(token),
      ...device,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    }),
  )
  return { token, expiresAt }
}

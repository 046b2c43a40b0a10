// Two-factor authentication with fake time: setting it up, the second step of sign-in (window, reuse,
// recovery codes, trusted browsers, throttling), turning it off, no way around it by reset link or invite,
// and an instance that requires it.
import { Secret, TOTP } from 'otpauth'
import { describe, expect, it } from 'vitest'
import { type Caller, makeApp, type TestApp } from '../helpers/app'

const PASSWORD = 'correct horse battery'

const codeAt = (secret: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate({ timestamp: at })
const now = (t: TestApp) => t.clock.now().getTime()

/** The owner with two-factor on: the secret and the recovery codes. */
async function withTwoFactor(t: TestApp, caller: Caller) {
  const begun = await t.request('POST', '/api/me/totp', undefined, caller)
  expect(begun.status).toBe(200)
  const { secret } = begun.body
  const confirmed = await t.request('POST', '/api/me/totp/confirm', { code: codeAt(secret, now(t)) }, caller)
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200)
  return { secret: secret as string, recoveryCodes: confirmed.body.recoveryCodes as string[] }
}

/** The first step of a sign-in: the password; answers the challenge cookie to send with the code. */
async function password(t: TestApp, extra: Record<string, string> = {}, email = 'owner@example.com') {
  const res = await t.request('POST', '/api/auth/login', { email, password: PASSWORD }, undefined, extra)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const challenge = res.headers.get('set-cookie')?.match(/keel_2fa=([^;]+)/)?.[1]
  return { res, challenge }
}

const second = (t: TestApp, challenge: string | undefined, code: string, rememberDevice = false) =>
  t.request(
    'POST',
    '/api/auth/login/totp',
    { code, rememberDevice },
    challenge ? { headers: { cookie: `keel_2fa=${challenge}` } } : undefined,
  )

describe('two-factor authentication', () => {
  it('is set up with a QR code and a first code, and answers ten recovery codes once', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const begun = await t.request('POST', '/api/me/totp', undefined, owner)
    expect(begun.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Keel:owner%40example\.com\?issuer=Keel&secret=/)
    expect(begun.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(begun.body.qrCode.split(',')[1], 'base64').toString()).toContain('<svg')
    // Not on until confirmed: signing in still needs the password only.
    expect((await t.request('GET', '/api/me/totp', undefined, owner)).body.enabled).toBe(false)
    const wrong = await t.request('POST', '/api/me/totp/confirm', { code: '000000' }, owner)
    expect(wrong.status).toBe(400)
    const confirmed = await t.request(
      'POST',
      '/api/me/totp/confirm',
      { code: codeAt(begun.body.secret, now(t)) },
      owner,
    )
    expect(confirmed.body.recoveryCodes).toHaveLength(10)
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10)
    for (const code of confirmed.body.recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/)
    expect((await t.request('GET', '/api/me/totp', undefined, owner)).body).toMatchObject({
      enabled: true,
      recoveryCodesLeft: 10,
    })
    expect((await t.request('GET', '/api/me', undefined, owner)).body.user.twoFactor).toBe(true)
    // Stored hashed: no recovery code and no pending secret in the database as given.
    const rows = JSON.stringify(await t.sql('select code_hash from recovery_codes'))
    for (const code of confirmed.body.recoveryCodes) expect(rows).not.toContain(code)
    expect((await t.request('POST', '/api/me/totp', undefined, owner)).status).toBe(409)
  })

  it('asks for a code after the password; accepts one step of drift either way, never the same code twice', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const { secret } = await withTwoFactor(t, owner)
    t.clock.advance(60_000)

    const first = await password(t)
    expect(first.res.body).toEqual({ twoFactorRequired: true })
    expect(first.res.headers.get('set-cookie')).not.toMatch(/keel_session=[^;]/)
    expect(first.res.headers.get('set-cookie')).toMatch(/keel_2fa=[^;]+;.*Path=\/api\/auth.*HttpOnly/i)
    // Two steps old: refused. One step old: accepted.
    expect((await second(t, first.challenge, codeAt(secret, now(t) - 60_000))).status).toBe(401)
    const ok = await second(t, first.challenge, codeAt(secret, now(t) - 30_000))
    expect(ok.status).toBe(200)
    const session = t.sessionOf(ok.headers)
    expect((await t.request('GET', '/api/me', undefined, session)).status).toBe(200)
    // The challenge is spent, and that code too.
    expect((await second(t, first.challenge, codeAt(secret, now(t)))).body.error.details).toEqual({
      reason: 'challenge_expired',
    })
    const again = await password(t)
    expect((await second(t, again.challenge, codeAt(secret, now(t) - 30_000))).status).toBe(401)
    // One step ahead (a phone's clock running fast) is fine.
    expect((await second(t, again.challenge, codeAt(secret, now(t) + 30_000))).status).toBe(200)
    // No challenge, or one past five minutes: enter the password again.
    expect((await second(t, undefined, codeAt(secret, now(t)))).status).toBe(401)
    const late = await password(t)
    t.clock.advance(5 * 60_000 + 1)
    expect((await second(t, late.challenge, codeAt(secret, now(t)))).body.error.details).toEqual({
      reason: 'challenge_expired',
    })
    const events = await t.request('GET', '/api/admin/audit?action=auth.', undefined, session)
    expect(events.body.items.filter((e: { action: string }) => e.action === 'auth.login').length).toBe(3)
    expect(
      events.body.items.find((e: { details: { method?: string } }) => e.details?.method === 'totp'),
    ).toBeDefined()
  })

  it('takes each recovery code once in place of a code', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const { recoveryCodes } = await withTwoFactor(t, owner)
    const first = await password(t)
    const used = await second(t, first.challenge, recoveryCodes[3]!.toUpperCase())
    expect(used.status).toBe(200)
    const again = await password(t)
    expect((await second(t, again.challenge, recoveryCodes[3]!)).status).toBe(401)
    expect((await second(t, again.challenge, recoveryCodes[4]!.replace('-', ''))).status).toBe(200)
    const session = t.sessionOf(used.headers)
    expect((await t.request('GET', '/api/me/totp', undefined, session)).body.recoveryCodesLeft).toBe(8)
    const audit = await t.request('GET', '/api/admin/audit?action=two_factor.', undefined, session)
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'two_factor.recovery_code_used',
      'two_factor.recovery_code_used',
      'two_factor.enabled',
    ])
  })

  it('ends a sign-in after five wrong codes, and throttles wrong codes per account across addresses', async () => {
    const t = makeApp({ trustProxy: true })
    const { owner } = await t.setup()
    const { secret } = await withTwoFactor(t, owner)
    const first = await password(t)
    for (let n = 0; n < 5; n++) expect((await second(t, first.challenge, '123456')).status).toBe(401)
    // The fifth ended it: even the right code needs the password again.
    expect((await second(t, first.challenge, codeAt(secret, now(t)))).body.error.details).toEqual({
      reason: 'challenge_expired',
    })
    // From other addresses, the account's own limit (10 in 15 minutes) still holds.
    let limited = false
    for (let n = 0; n < 4 && !limited; n++) {
      const from = { 'x-forwarded-for': `198.51.100.${n + 1}` }
      const step = await password(t, from)
      for (let k = 0; k < 4 && !limited; k++) {
        const res = await t.request(
          'POST',
          '/api/auth/login/totp',
          { code: '654321' },
          { headers: { cookie: `keel_2fa=${step.challenge}` } },
          from,
        )
        limited = res.status === 429
      }
    }
    expect(limited).toBe(true)
    const failures = await t.sql<{ n: number }>(
      "select count(*) as n from audit_events where action = 'auth.login_failed'",
    )
    expect(failures[0]!.n).toBeGreaterThanOrEqual(10)
  })

  it('trusts a browser for 30 days when asked, and forgets it when the password changes', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const { secret } = await withTwoFactor(t, owner)
    t.clock.advance(30_000)
    const first = await password(t)
    const remembered = await second(t, first.challenge, codeAt(secret, now(t)), true)
    const device = remembered.headers.get('set-cookie')?.match(/keel_device=([^;]+)/)?.[1]
    expect(device).toBeDefined()
    const withDevice = { cookie: `keel_device=${device}` }

    t.clock.advance(29 * 86_400_000)
    const trusted = await password(t, withDevice)
    expect(trusted.res.body.user).toMatchObject({ email: 'owner@example.com' })
    expect(trusted.challenge).toBeUndefined()
    // Past 30 days, the code is asked for again.
    t.clock.advance(2 * 86_400_000)
    expect((await password(t, withDevice)).res.body).toEqual({ twoFactorRequired: true })

    t.clock.advance(30_000)
    const again = await password(t)
    const session = t.sessionOf((await second(t, again.challenge, codeAt(secret, now(t)), true)).headers)
    const renewed = (await password(t)).res
    expect(renewed.body.twoFactorRequired).toBe(true)
    const devices = await t.sql<{ n: number }>('select count(*) as n from trusted_devices')
    expect(devices[0]!.n).toBeGreaterThan(0)
    const changed = await t.request(
      'POST',
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'another long password' },
      session,
    )
    expect(changed.status).toBe(204)
    expect((await t.sql<{ n: number }>('select count(*) as n from trusted_devices'))[0]!.n).toBe(0)
  })

  it('is turned off with a code only, which also removes recovery codes and trusted browsers', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const { secret } = await withTwoFactor(t, owner)
    expect((await t.request('DELETE', '/api/me/totp', { code: '111111' }, owner)).status).toBe(400)
    expect((await t.request('GET', '/api/me/totp', undefined, owner)).body.enabled).toBe(true)
    t.clock.advance(30_000)
    const renewed = await t.request(
      'POST',
      '/api/me/totp/recovery-codes',
      { code: codeAt(secret, now(t)) },
      owner,
    )
    expect(renewed.body.recoveryCodes).toHaveLength(10)
    t.clock.advance(30_000)
    expect((await t.request('DELETE', '/api/me/totp', { code: codeAt(secret, now(t)) }, owner)).status).toBe(
      204,
    )
    expect((await t.request('GET', '/api/me/totp', undefined, owner)).body).toMatchObject({
      enabled: false,
      recoveryCodesLeft: 0,
    })
    expect((await t.sql<{ n: number }>('select count(*) as n from recovery_codes'))[0]!.n).toBe(0)
    expect((await password(t)).res.body.user).toBeDefined()
  })

  it('cannot be got around with a reset link or an invite: they set the password or join, but do not sign in', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    await withTwoFactor(t, dev.caller)

    const second = await t.request('POST', '/api/workspaces', { name: 'Second' }, owner)
    const invited = await t.request(
      'POST',
      `/api/workspaces/${second.body.id}/members`,
      {
        email: 'developer@example.com',
        name: 'Dev',
        roleId: await t.roleId(owner, second.body.id, 'developer'),
      },
      owner,
    )
    const accepted = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'member password 1',
    })
    expect(accepted.status).toBe(200)
    expect(accepted.body.signedIn).toBe(false)
    expect(accepted.headers.get('set-cookie') ?? '').not.toMatch(/keel_session=[^;]/)
    const members = await t.request('GET', `/api/workspaces/${second.body.id}/members`, undefined, owner)
    expect(members.body.items.map((m: { email: string }) => m.email)).toContain('developer@example.com')

    const link = await t.request('POST', `/api/admin/users/${dev.userId}/password-reset`, undefined, owner)
    const token = link.body.url.split('/').pop()
    const reset = await t.request('POST', '/api/auth/password-reset/confirm', { token, password: PASSWORD })
    expect(reset.status).toBe(200)
    expect(reset.body.signedIn).toBe(false)
    expect(reset.headers.get('set-cookie') ?? '').not.toMatch(/keel_session=[^;]/)
    expect((await password(t, {}, 'developer@example.com')).res.body).toEqual({ twoFactorRequired: true })
  })

  it('when the instance requires it, a session without it may only set it up', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    expect((await t.request('PATCH', '/api/admin/settings', { requireTwoFactor: true }, owner)).status).toBe(
      200,
    )
    // The owner's own session is held to it at once.
    const blocked = await t.request('GET', `/api/workspaces/${ws}/products`, undefined, dev.caller)
    expect(blocked.status).toBe(403)
    expect(blocked.body.error.details).toEqual({ reason: 'two_factor_setup_required' })
    expect((await t.request('POST', '/api/tokens', { name: 'sneaky' }, dev.caller)).status).toBe(403)
    const me = await t.request('GET', '/api/me', undefined, dev.caller)
    expect(me.status).toBe(200)
    expect(me.body.user.mustSetUpTwoFactor).toBe(true)
    await withTwoFactor(t, dev.caller)
    expect((await t.request('GET', `/api/workspaces/${ws}/products`, undefined, dev.caller)).status).toBe(200)
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).body.user.mustSetUpTwoFactor).toBe(
      false,
    )
    // And it cannot be turned off while required.
    expect((await t.request('GET', '/api/me/totp', undefined, dev.caller)).body.required).toBe(true)
    const off = await t.request('DELETE', '/api/me/totp', { code: '123456' }, dev.caller)
    expect(off.status).toBe(409)
    expect(off.body.error.details).toMatchObject({ reason: 'two_factor_required' })
  })
})

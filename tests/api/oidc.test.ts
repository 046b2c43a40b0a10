// Single sign-on with OpenID Connect against a real issuer on loopback (oidc-provider): the whole code flow,
// accounts matched by subject and linked by verified email only, created on first sign-in into the chosen
// workspaces, group rules re-applied at each sign-in, and every way a sign-on must fail — wrong issuer,
// audience, expiry, nonce, signature, a replayed or foreign state, an unverified email.
import { afterEach, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { type Caller, makeApp, type TestApp } from '../helpers/app'
import { authorizeAt, type Issuer, startIssuer } from '../helpers/oidc'

const CALLBACK = 'http://localhost/api/auth/oidc/corp/callback'
const issuers: Issuer[] = []
afterEach(async () => {
  for (const issuer of issuers.splice(0)) await issuer.close()
})

type Access = {
  autoCreate?: boolean
  defaultWorkspaces?: { workspaceId: number; roleId: number; productIds?: number[] | null }[]
  groupRules?: { group: string; workspaceId: number; roleId: number; productIds?: number[] | null }[]
}

async function keel(
  access: (ws: number, role: (key: string) => Promise<number>) => Promise<Access> = async () => ({}),
) {
  const issuer = await startIssuer([CALLBACK])
  issuers.push(issuer)
  // Keel's clock starts now: it judges the issuer's tokens by it.
  const t = makeApp({ start: new Date().toISOString() })
  const { owner, ws, userId } = await t.setup()
  const role = (key: string) => t.roleId(owner, ws, key)
  const created = await t.request(
    'POST',
    '/api/admin/providers',
    {
      type: 'oidc',
      slug: 'corp',
      name: 'Corp SSO',
      secret: issuer.clientSecret,
      config: { issuer: issuer.issuer, clientId: issuer.clientId },
      access: await access(ws, role),
    },
    owner,
  )
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return { t, issuer, owner, ws, userId, providerId: created.body.id as number }
}

/** A browser signing in through the issuer: Keel's start, the issuer's pages, Keel's callback. */
async function sso(t: TestApp, subject: string, next?: string) {
  const start = await t.request(
    'GET',
    `/api/auth/oidc/corp/start${next ? `?next=${encodeURIComponent(next)}` : ''}`,
  )
  expect(start.status).toBe(302)
  const browser = start.headers.get('set-cookie')?.match(/keel_oidc=([^;]+)/)?.[1]
  expect(browser).toBeDefined()
  const back = new URL(await authorizeAt(start.headers.get('location')!, subject))
  expect(back.href.startsWith(CALLBACK)).toBe(true)
  const callback = (cookie = browser, url = back) =>
    t.request('GET', `${url.pathname}${url.search}`, undefined, {
      headers: { cookie: `keel_oidc=${cookie}` },
    })
  const res = await callback()
  const session = res.headers.get('set-cookie')?.match(/keel_session=([^;]+)/)?.[1]
  return {
    res,
    location: res.headers.get('location'),
    caller: session ? ({ headers: { cookie: `keel_session=${session}` } } as Caller) : undefined,
    start,
    back,
    browser,
    callback,
  }
}

const me = async (t: TestApp, caller: Caller | undefined) =>
  (await t.request('GET', '/api/me', undefined, caller)).body

describe('single sign-on with OpenID Connect', () => {
  it('signs a new person in with PKCE, state and nonce, creating their account in the chosen workspace', async () => {
    const { t, issuer, owner, ws } = await keel(async (ws, role) => ({
      defaultWorkspaces: [{ workspaceId: ws, roleId: await role('developer') }],
    }))
    issuer.people.set('u-100', { email: 'Wang.Fang@corp.example', email_verified: true, name: '王芳' })
    const providers = await t.request('GET', '/api/auth/providers')
    expect(providers.body).toEqual([{ id: 'corp', name: 'Corp SSO', type: 'oidc' }])

    const first = await sso(t, 'u-100', '/w/1/backlog')
    const authorize = new URL(first.start.headers.get('location')!)
    expect(authorize.origin).toBe(issuer.issuer)
    for (const param of ['state', 'nonce', 'code_challenge'])
      expect(authorize.searchParams.get(param)).toBeTruthy()
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.searchParams.get('redirect_uri')).toBe(CALLBACK)
    expect(first.res.status).toBe(302)
    expect(first.location).toBe('/w/1/backlog')
    const who = await me(t, first.caller)
    expect(who.user).toMatchObject({ email: 'wang.fang@corp.example', name: '王芳', twoFactor: false })
    expect(
      who.workspaces.map((w: { id: number; role: { builtIn: string } }) => [w.id, w.role.builtIn]),
    ).toEqual([[ws, 'developer']])

    // The same subject again: the same account, no second one.
    issuer.people.set('u-100', { email: 'fang.wang@corp.example', email_verified: true, name: 'Fang' })
    const again = await sso(t, 'u-100')
    expect((await me(t, again.caller)).user.id).toBe(who.user.id)
    expect(again.location).toBe('/')
    const accounts = await t.request('GET', '/api/admin/users', undefined, owner)
    expect(accounts.body.items).toHaveLength(2)
    const audit = await t.request('GET', '/api/admin/audit?action=auth.login', undefined, owner)
    expect(audit.body.items[0]).toMatchObject({
      actorId: who.user.id,
      details: { method: 'oidc', provider: 'corp' },
    })
  })

  it('links to an existing account by a verified email only', async () => {
    const { t, issuer, owner, ws } = await keel()
    const dev = await t.addMember(owner, ws, 'developer', 'dev@corp.example')
    issuer.people.set('u-unverified', { email: 'dev@corp.example', email_verified: false })
    const refused = await sso(t, 'u-unverified')
    expect(refused.location).toBe('/login?sso=email_unverified')
    expect(refused.caller).toBeUndefined()
    issuer.people.set('u-noemail', { name: 'No Email' })
    expect((await sso(t, 'u-noemail')).location).toBe('/login?sso=no_email')

    issuer.people.set('u-dev', { email: 'DEV@corp.example', email_verified: true })
    const linked = await sso(t, 'u-dev')
    expect((await me(t, linked.caller)).user.id).toBe(dev.userId)
    const failed = await t.request('GET', '/api/admin/audit?action=auth.login_failed', undefined, owner)
    expect(failed.body.items.map((e: { details: { reason: string } }) => e.details.reason)).toEqual([
      'sso_no_email',
      'sso_email_unverified',
    ])
  })

  it('creates nobody when the provider does not allow it, and refuses a deactivated account', async () => {
    const { t, issuer, owner, ws } = await keel(async () => ({ autoCreate: false }))
    issuer.people.set('u-new', { email: 'new@corp.example', email_verified: true })
    expect((await sso(t, 'u-new')).location).toBe('/login?sso=no_account')
    const dev = await t.addMember(owner, ws, 'developer', 'dev@corp.example')
    issuer.people.set('u-dev', { email: 'dev@corp.example', email_verified: true })
    expect((await sso(t, 'u-dev')).caller).toBeDefined()
    await t.request('PATCH', `/api/admin/users/${dev.userId}`, { active: false }, owner)
    expect((await sso(t, 'u-dev')).location).toBe('/login?sso=deactivated')
  })

  it('re-applies group rules at each sign-in: a role per group, product access, and leaving with the group', async () => {
    let productId = 0
    const { t, issuer, owner, ws } = await keel(async (ws, role) => {
      return {
        groupRules: [
          { group: 'keel-pm', workspaceId: ws, roleId: await role('pm') },
          { group: 'keel-dev', workspaceId: ws, roleId: await role('developer'), productIds: [] },
        ],
      }
    })
    const product = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'MES', name: 'MES' },
      owner,
    )
    productId = product.body.id
    // The rule's product list is set now that the product exists.
    const providers = await t.request('GET', '/api/admin/providers', undefined, owner)
    const access = providers.body.items[0].access
    access.groupRules[1].productIds = [productId]
    expect(
      (await t.request('PATCH', `/api/admin/providers/${providers.body.items[0].id}`, { access }, owner))
        .status,
    ).toBe(200)

    issuer.people.set('u-1', { email: 'li@corp.example', email_verified: true, groups: ['Keel-PM', 'staff'] })
    const first = await sso(t, 'u-1')
    const role = async (caller: Caller | undefined) =>
      (await me(t, caller)).workspaces.find((w: { id: number }) => w.id === ws)?.role.builtIn
    expect(await role(first.caller)).toBe('pm')

    issuer.people.set('u-1', { email: 'li@corp.example', email_verified: true, groups: ['keel-dev'] })
    const second = await sso(t, 'u-1')
    expect(await role(second.caller)).toBe('developer')
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const li = members.body.items.find((m: { email: string }) => m.email === 'li@corp.example')
    expect(li.productIds).toEqual([productId])

    issuer.people.set('u-1', { email: 'li@corp.example', email_verified: true, groups: ['staff'] })
    const third = await sso(t, 'u-1')
    expect((await me(t, third.caller)).workspaces).toEqual([])
    const audit = await t.request('GET', '/api/admin/audit?action=member.', undefined, owner)
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      'member.deleted',
      'member.updated',
      'member.created',
    ])
    // Made by the rules, not by a person: no actor, and the details say so.
    for (const e of audit.body.items) expect(e).toMatchObject({ actorId: null, details: { automatic: true } })
  })

  it('refuses an ID token with the wrong issuer, audience, expiry, nonce or signature', async () => {
    const { t, issuer, owner } = await keel()
    issuer.people.set('u-1', { email: 'x@corp.example', email_verified: true })
    const cases: [string, (c: Record<string, unknown>) => Record<string, unknown>, boolean][] = [
      ['issuer', (c) => ({ ...c, iss: 'http://127.0.0.1:1/evil' }), false],
      ['audience', (c) => ({ ...c, aud: 'someone-else' }), false],
      [
        'expiry',
        (c) => ({
          ...c,
          iat: Math.floor(Date.now() / 1000) - 7200,
          exp: Math.floor(Date.now() / 1000) - 3600,
        }),
        false,
      ],
      ['nonce', (c) => ({ ...c, nonce: 'not-the-one-keel-sent' }), false],
      ['signature', (c) => c, true],
    ]
    for (const [what, tamper, foreignKey] of cases) {
      issuer.tamper = tamper
      issuer.foreignKey = foreignKey
      const res = await sso(t, 'u-1')
      expect(res.location, what).toBe('/login?sso=invalid_token')
      expect(res.caller, what).toBeUndefined()
    }
    issuer.tamper = null
    issuer.foreignKey = false
    expect((await sso(t, 'u-1')).caller).toBeDefined()
    const failed = await t.request('GET', '/api/admin/audit?action=auth.login_failed', undefined, owner)
    expect(failed.body.items).toHaveLength(5)
    expect(await t.sql('select id from users where email = ?', ['x@corp.example'])).toHaveLength(1)
  })

  it('refuses a replayed callback, one from another browser, a changed state, and a sign-on past ten minutes', async () => {
    const { t, issuer } = await keel()
    issuer.people.set('u-1', { email: 'x@corp.example', email_verified: true })
    const done = await sso(t, 'u-1')
    expect(done.caller).toBeDefined()
    expect((await done.callback()).headers.get('location')).toBe('/login?sso=expired')

    // Another browser (no cookie, or another's) cannot finish someone's sign-on.
    const started = await t.request('GET', '/api/auth/oidc/corp/start')
    const back = new URL(await authorizeAt(started.headers.get('location')!, 'u-1'))
    const path = `${back.pathname}${back.search}`
    expect((await t.request('GET', path)).headers.get('location')).toBe('/login?sso=expired')
    const mine = started.headers.get('set-cookie')!.match(/keel_oidc=([^;]+)/)![1]!
    const forged = new URL(back)
    forged.searchParams.set('state', 'attacker-state')
    const changed = await t.request('GET', `${forged.pathname}${forged.search}`, undefined, {
      headers: { cookie: `keel_oidc=${mine}` },
    })
    expect(changed.headers.get('location')).toBe('/login?sso=invalid_token')

    const slow = await t.request('GET', '/api/auth/oidc/corp/start')
    const slowBack = new URL(await authorizeAt(slow.headers.get('location')!, 'u-1'))
    t.clock.advance(11 * 60_000)
    const late = await t.request('GET', `${slowBack.pathname}${slowBack.search}`, undefined, {
      headers: { cookie: `keel_oidc=${slow.headers.get('set-cookie')!.match(/keel_oidc=([^;]+)/)![1]}` },
    })
    expect(late.headers.get('location')).toBe('/login?sso=expired')
  })

  it('goes only to paths of this site after signing in, and says when the issuer cannot be reached', async () => {
    const { t, issuer, owner, providerId } = await keel()
    issuer.people.set('u-1', { email: 'x@corp.example', email_verified: true })
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example'])
      expect((await sso(t, 'u-1', next)).location, next).toBe('/')

    const test = await t.request('POST', `/api/admin/providers/${providerId}/test`, undefined, owner)
    expect(test.body).toMatchObject({ ok: true, details: { issuer: issuer.issuer } })
    await issuer.close()
    issuers.splice(0)
    const broken = await t.request(
      'PATCH',
      `/api/admin/providers/${providerId}`,
      { config: { issuer: issuer.issuer, clientId: 'keel' } },
      owner,
    )
    expect(broken.status).toBe(200)
    const down = await t.request('POST', `/api/admin/providers/${providerId}/test`, undefined, owner)
    expect(down.body.ok).toBe(false)
    expect(down.body.message).toMatch(/Discovery at http:\/\/127\.0\.0\.1:\d+ failed/)
    expect((await t.request('GET', '/api/auth/oidc/corp/start')).headers.get('location')).toBe(
      '/login?sso=unavailable',
    )
    // Local owners still sign in with their password.
    const local = await t.request('POST', '/api/auth/login', {
      email: 'owner@example.com',
      password: 'correct horse battery',
    })
    expect(local.status).toBe(200)
  })

  it('with password sign-in off, only instance owners use a password; the secret is never shown', async () => {
    const { t, owner, ws, providerId } = await keel()
    await t.addMember(owner, ws, 'developer')
    expect((await t.request('PATCH', '/api/admin/settings', { passwordSignIn: false }, owner)).status).toBe(
      200,
    )
    const options = await t.request('GET', '/api/auth/sign-in-options')
    expect(options.body).toEqual({
      passwordSignIn: false,
      providers: [{ id: 'corp', name: 'Corp SSO', type: 'oidc' }],
    })
    const dev = await t.request('POST', '/api/auth/login', {
      email: 'developer@example.com',
      password: 'member password 1',
    })
    expect(dev.status).toBe(403)
    expect(dev.body.error.details).toEqual({ reason: 'password_sign_in_off' })
    const wrong = await t.request('POST', '/api/auth/login', {
      email: 'developer@example.com',
      password: 'wrong password',
    })
    expect(wrong.status).toBe(401)
    const ownerLogin = await t.request('POST', '/api/auth/login', {
      email: 'owner@example.com',
      password: 'correct horse battery',
    })
    expect(ownerLogin.status).toBe(200)

    const listed = await t.request('GET', '/api/admin/providers', undefined, owner)
    expect(listed.body.items[0]).toMatchObject({ hasSecret: true, source: 'ui' })
    expect(JSON.stringify(listed.body)).not.toContain('keel-client-secret')
    expect(listed.body.presets.map((p: { key: string }) => p.key)).toEqual(
      expect.arrayContaining(['keycloak', 'authentik', 'entra', 'google', 'authing']),
    )
    const audit = await t.request('GET', '/api/admin/audit?action=sign_in_provider.', undefined, owner)
    expect(JSON.stringify(audit.body)).not.toContain('keel-client-secret')
    // A provider switched off is not offered and cannot be started.
    await t.request('PATCH', `/api/admin/providers/${providerId}`, { enabled: false }, owner)
    expect((await t.request('GET', '/api/auth/providers')).body).toEqual([])
    expect((await t.request('GET', '/api/auth/oidc/corp/start')).headers.get('location')).toBe(
      '/login?sso=unknown_provider',
    )
    // Settings that do not fit the provider's type are refused with the fields named, not stored.
    const bad = await t.request(
      'PATCH',
      `/api/admin/providers/${providerId}`,
      { config: { issuer: 'not a url', clientId: '' } },
      owner,
    )
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((i: { path: string[] }) => i.path.join('.'))).toEqual([
      'config.issuer',
      'config.clientId',
    ])
  })

  it('exempts single sign-on sessions from Keel’s own two-factor requirement', async () => {
    const { t, issuer, owner, ws } = await keel(async (ws, role) => ({
      defaultWorkspaces: [{ workspaceId: ws, roleId: await role('developer') }],
    }))
    await t.request('PATCH', '/api/admin/settings', { requireTwoFactor: true }, owner)
    issuer.people.set('u-1', { email: 'x@corp.example', email_verified: true })
    const signedIn = await sso(t, 'u-1')
    expect((await me(t, signedIn.caller)).user.mustSetUpTwoFactor).toBe(false)
    expect(
      (await t.request('GET', `/api/workspaces/${ws}/products`, undefined, signedIn.caller)).status,
    ).toBe(200)
  })

  it('takes one provider from the environment: read-only settings, access rules set in the UI', async () => {
    const issuer = await startIssuer(['http://localhost/api/auth/oidc/oidc/callback'])
    issuers.push(issuer)
    const env = {
      KEEL_OIDC_ISSUER: issuer.issuer,
      KEEL_OIDC_CLIENT_ID: issuer.clientId,
      KEEL_OIDC_CLIENT_SECRET: issuer.clientSecret,
      KEEL_OIDC_NAME: 'Acme SSO',
    }
    expect(() => loadConfig({ KEEL_OIDC_ISSUER: issuer.issuer })).toThrow(/KEEL_OIDC_CLIENT_ID is required/)
    const t = makeApp({ start: new Date().toISOString(), providers: loadConfig(env).providers })
    await t.settled()
    const { owner, ws } = await t.setup()
    expect((await t.request('GET', '/api/auth/providers')).body).toEqual([
      { id: 'oidc', name: 'Acme SSO', type: 'oidc' },
    ])
    const listed = (await t.request('GET', '/api/admin/providers', undefined, owner)).body.items[0]
    expect(listed).toMatchObject({ source: 'env', hasSecret: true, config: { issuer: issuer.issuer } })
    const changed = await t.request('PATCH', `/api/admin/providers/${listed.id}`, { name: 'Other' }, owner)
    expect(changed.status).toBe(409)
    const access = {
      defaultWorkspaces: [{ workspaceId: ws, roleId: await t.roleId(owner, ws, 'stakeholder') }],
    }
    expect((await t.request('PATCH', `/api/admin/providers/${listed.id}`, { access }, owner)).status).toBe(
      200,
    )

    issuer.people.set('u-env', { email: 'env@corp.example', email_verified: true })
    const start = await t.request('GET', '/api/auth/oidc/oidc/start')
    const back = new URL(await authorizeAt(start.headers.get('location')!, 'u-env'))
    const browser = start.headers.get('set-cookie')!.match(/keel_oidc=([^;]+)/)![1]
    const done = await t.request('GET', `${back.pathname}${back.search}`, undefined, {
      headers: { cookie: `keel_oidc=${browser}` },
    })
    expect(done.headers.get('location')).toBe('/')
    const who = await me(t, t.sessionOf(done.headers))
    expect(who.workspaces.map((w: { role: { builtIn: string } }) => w.role.builtIn)).toEqual(['stakeholder'])
  })
})

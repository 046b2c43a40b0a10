// Directory sign-in against a real OpenLDAP server (slapd, seeded per file): good and bad passwords, a
// person in no allowed group, groups mapped to roles and re-applied at each sign-in, filter injection, the
// test-connection button's explanations, and a directory that is down (a clear message; local owners still
// sign in).
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../helpers/app'
import { ADMIN_DN, ADMIN_PASSWORD, BASE, type Directory, startDirectory } from '../helpers/ldap'

let directory: Directory
beforeAll(async () => {
  directory = await startDirectory([
    {
      uid: 'li.na',
      password: 'li-na-directory',
      mail: 'Li.Na@corp.example',
      cn: '李娜',
      groups: ['keel-pm'],
    },
    {
      uid: 'zhao.lei',
      password: 'zhao-directory',
      mail: 'zhao@corp.example',
      cn: 'Zhao Lei',
      groups: ['keel-dev'],
    },
    {
      uid: 'outsider',
      password: 'outsider-pass',
      mail: 'out@corp.example',
      cn: 'Outsider',
      groups: ['finance'],
    },
  ])
}, 30_000)
afterAll(() => directory?.stop())

async function keel(
  options: { bind?: 'admin' | 'wrong' | 'anonymous'; url?: string; autoCreate?: boolean } = {},
) {
  const t = makeApp({ trustProxy: true })
  const { owner, ws } = await t.setup()
  const role = (key: string) => t.roleId(owner, ws, key)
  const bind = options.bind ?? 'admin'
  const created = await t.request(
    'POST',
    '/api/admin/providers',
    {
      type: 'ldap',
      slug: 'corp-ldap',
      name: 'Corp directory',
      secret: bind === 'wrong' ? 'not-the-password' : ADMIN_PASSWORD,
      config: {
        url: options.url ?? directory.url,
        bindDn: bind === 'anonymous' ? '' : ADMIN_DN,
        searchBase: `ou=people,${BASE}`,
      },
      access: {
        autoCreate: options.autoCreate ?? true,
        groupRules: [
          { group: 'keel-pm', workspaceId: ws, roleId: await role('pm') },
          { group: `cn=keel-dev,ou=groups,${BASE}`, workspaceId: ws, roleId: await role('developer') },
        ],
      },
    },
    owner,
  )
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  return { t, owner, ws, providerId: created.body.id as number }
}

const signIn = (t: TestApp, login: string, password: string, from = '192.0.2.10') =>
  t.request('POST', '/api/auth/ldap/corp-ldap/login', { login, password }, undefined, {
    'x-forwarded-for': from,
  })

const roleIn = async (t: TestApp, res: { headers: Headers }, ws: number) => {
  const me = await t.request('GET', '/api/me', undefined, t.sessionOf(res.headers))
  return me.body.workspaces.find((w: { id: number }) => w.id === ws)?.role.builtIn
}

describe('directory sign-in (LDAP)', () => {
  it('checks the password with the directory, creates the account, and maps groups to roles', async () => {
    const { t, owner, ws } = await keel()
    expect((await t.request('GET', '/api/auth/providers')).body).toEqual([
      { id: 'corp-ldap', name: 'Corp directory', type: 'ldap' },
    ])
    const li = await signIn(t, 'li.na', 'li-na-directory')
    expect(li.status, JSON.stringify(li.body)).toBe(200)
    expect(li.body.user).toMatchObject({ email: 'li.na@corp.example', name: '李娜' })
    expect(await roleIn(t, li, ws)).toBe('pm')
    // By email too (the default filter takes uid or mail), and a rule written as the group's DN.
    const zhao = await signIn(t, 'zhao@corp.example', 'zhao-directory')
    expect(await roleIn(t, zhao, ws)).toBe('developer')
    // The password is never stored.
    const rows = await t.sql<{ password_hash: string }>('select password_hash from users where email = ?', [
      'li.na@corp.example',
    ])
    expect(rows[0]!.password_hash).toBe('')
    const audit = await t.request('GET', '/api/admin/audit?action=auth.login', undefined, owner)
    expect(audit.body.items[0].details).toEqual({ method: 'ldap', provider: 'corp-ldap' })
  })

  it('refuses a wrong or empty password and an unknown login alike, and throttles them', async () => {
    const { t } = await keel()
    for (const [login, password] of [
      ['li.na', 'wrong password'],
      ['li.na', ''],
      ['nobody', 'whatever'],
      ['*', 'li-na-directory'],
      ['li.na)(uid=*', 'li-na-directory'],
    ] as const) {
      const res = await signIn(t, login, password)
      expect(res.status, `${login} / ${password}`).toBe(401)
      expect(res.body.error.message).toBe('Wrong user name or password')
    }
    let limited = false
    for (let n = 0; n < 10 && !limited; n++) limited = (await signIn(t, 'li.na', `guess ${n}`)).status === 429
    expect(limited).toBe(true)
  })

  it('lets in a person in no allowed group without a workspace, and takes a role away when the group goes', async () => {
    const { t, ws } = await keel()
    const outsider = await signIn(t, 'outsider', 'outsider-pass')
    expect(outsider.status).toBe(200)
    expect(await roleIn(t, outsider, ws)).toBeUndefined()

    await directory.addToGroup('zhao.lei', 'keel-pm')
    expect(await roleIn(t, await signIn(t, 'zhao.lei', 'zhao-directory'), ws)).toBe('pm')
    await directory.removeFromGroup('zhao.lei', 'keel-pm')
    expect(await roleIn(t, await signIn(t, 'zhao.lei', 'zhao-directory'), ws)).toBe('developer')
    await directory.removeFromGroup('zhao.lei', 'keel-dev')
    expect(await roleIn(t, await signIn(t, 'zhao.lei', 'zhao-directory'), ws)).toBeUndefined()
    await directory.addToGroup('zhao.lei', 'keel-dev')
  })

  it('explains what failed in a connection test, and answers 503 while the directory is down', async () => {
    const good = await keel()
    const ok = await good.t.request(
      'POST',
      `/api/admin/providers/${good.providerId}/test`,
      undefined,
      good.owner,
    )
    expect(ok.body).toMatchObject({ ok: true })
    expect(ok.body.details.entries).toBeGreaterThanOrEqual(3)

    const wrong = await keel({ bind: 'wrong' })
    const refused = await wrong.t.request(
      'POST',
      `/api/admin/providers/${wrong.providerId}/test`,
      undefined,
      wrong.owner,
    )
    expect(refused.body).toEqual({
      ok: false,
      message: `Could not bind as ${ADMIN_DN}: the bind DN or its password was refused`,
    })

    const down = await keel({ url: 'ldap://127.0.0.1:1' })
    const unreachable = await down.t.request(
      'POST',
      `/api/admin/providers/${down.providerId}/test`,
      undefined,
      down.owner,
    )
    expect(unreachable.body.ok).toBe(false)
    expect(unreachable.body.message).toMatch(/^Could not connect to ldap:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/)
    const res = await signIn(down.t, 'li.na', 'li-na-directory')
    expect(res.status).toBe(503)
    expect(res.body.error.details).toEqual({ reason: 'directory_unavailable' })
    const owner = await down.t.request('POST', '/api/auth/login', {
      email: 'owner@example.com',
      password: 'correct horse battery',
    })
    expect(owner.status).toBe(200)
  })

  it('asks for the Keel two-factor code of an account that has it on', async () => {
    const { t } = await keel()
    const first = await signIn(t, 'li.na', 'li-na-directory')
    const session = t.sessionOf(first.headers)
    const { secret } = (await t.request('POST', '/api/me/totp', undefined, session)).body
    // Not confirmed yet: still a plain sign-in.
    expect((await signIn(t, 'li.na', 'li-na-directory')).body.user).toBeDefined()
    const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate({
      timestamp: t.clock.now().getTime(),
    })
    expect((await t.request('POST', '/api/me/totp/confirm', { code }, session)).status).toBe(200)
    const second = await signIn(t, 'li.na', 'li-na-directory')
    expect(second.body).toEqual({ twoFactorRequired: true })
    expect(second.headers.get('set-cookie')).toMatch(/keel_2fa=/)
  })
})

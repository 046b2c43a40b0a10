import { describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { makeApp } from '../helpers/app'

describe('first-run setup', () => {
  it('is needed until the first user exists, then answers 409', async () => {
    const t = makeApp()
    expect((await t.request('GET', '/api/setup')).body).toEqual({ needed: true })
    const first = await t.request('POST', '/api/setup', {
      workspaceName: '华东工厂',
      name: 'Olivia',
      email: 'Olivia@Example.com',
      password: 'correct horse battery',
    })
    expect(first.status).toBe(201)
    expect(first.body.user.email).toBe('olivia@example.com')
    expect(first.body.workspace.name).toBe('华东工厂')
    expect((await t.request('GET', '/api/setup')).body).toEqual({ needed: false })
    const second = await t.request('POST', '/api/setup', {
      workspaceName: 'Other',
      name: 'Mallory',
      email: 'mallory@example.com',
      password: 'correct horse battery',
    })
    expect(second.status).toBe(409)
    expect(second.body.error.code).toBe('conflict')
    const [users] = await t.sql<{ n: number }>('select count(*) as n from users')
    expect(users!.n).toBe(1)
  })

  it('makes the first user the owner of the first workspace with the built-in roles', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const me = await t.request('GET', '/api/me', undefined, owner)
    expect(me.body.workspaces).toHaveLength(1)
    expect(me.body.workspaces[0]).toMatchObject({ id: ws, name: 'Acme', role: { builtIn: 'owner' } })
    expect(me.body.workspaces[0].permissions).toContain('workspace.delete')
    const roles = await t.request('GET', `/api/workspaces/${ws}/roles`, undefined, owner)
    expect(roles.body.map((r: { builtIn: string }) => r.builtIn)).toEqual([
      'owner',
      'admin',
      'pm',
      'developer',
      'stakeholder',
      'guest',
    ])
  })

  it('tells each member whom to ask for access: those who may change roles, owners first, three at most', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    for (const n of [1, 2, 3]) await t.addMember(owner, ws, 'admin', `admin${n}@example.com`)
    const { caller: dev } = await t.addMember(owner, ws, 'developer', 'dev@example.com')
    await t.addMember(owner, ws, 'pm', 'pm@example.com')
    const me = await t.request('GET', '/api/me', undefined, dev)
    const ownerMe = await t.request('GET', '/api/me', undefined, owner)
    expect(me.body.workspaces[0].contacts).toEqual([
      { name: ownerMe.body.user.name, email: ownerMe.body.user.email },
      { name: 'admin person', email: 'admin1@example.com' },
      { name: 'admin person', email: 'admin2@example.com' },
    ])
    // A guest (no member.view) learns whom to ask, not their addresses.
    const { caller: guest } = await t.addMember(owner, ws, 'guest', 'guest@example.com')
    const guestMe = await t.request('GET', '/api/me', undefined, guest)
    expect(guestMe.body.workspaces[0].contacts).toEqual([
      { name: ownerMe.body.user.name, email: null },
      { name: 'admin person', email: null },
      { name: 'admin person', email: null },
    ])
  })

  it('rejects weak input without writing anything', async () => {
    const t = makeApp()
    for (const body of [
      { workspaceName: 'A', name: 'B', email: 'not-an-email', password: 'long enough pw' },
      { workspaceName: 'A', name: 'B', email: 'a@b.co', password: 'short' },
      { workspaceName: 'x'.repeat(201), name: 'B', email: 'a@b.co', password: 'long enough pw' },
      { workspaceName: '', name: 'B', email: 'a@b.co', password: 'long enough pw' },
      { name: 'B', email: 'a@b.co', password: 'long enough pw' },
      { workspaceName: 42, name: 'B', email: 'a@b.co', password: 'long enough pw' },
    ]) {
      const res = await t.request('POST', '/api/setup', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
      expect(Array.isArray(res.body.error.details)).toBe(true)
    }
    expect((await t.request('GET', '/api/setup')).body).toEqual({ needed: true })
  })
})

describe('login and sessions', () => {
  it('logs in with the right password and sets a hardened session cookie', async () => {
    const t = makeApp()
    await t.setup('owner@example.com', 'correct horse battery')
    const res = await t.request('POST', '/api/auth/login', {
      email: 'OWNER@example.com',
      password: 'correct horse battery',
    })
    expect(res.status).toBe(200)
    expect(res.body.user.email).toBe('owner@example.com')
    const cookie = res.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/keel_session=[A-Za-z0-9_-]{43}/)
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    expect(cookie).not.toMatch(/Secure/i)
    const me = await t.request('GET', '/api/me', undefined, t.sessionOf(res.headers))
    expect(me.status).toBe(200)
  })

  it('marks the cookie Secure when served over https', async () => {
    const t = makeApp()
    const res = await t.app.request('https://keel.example.com/api/setup', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://keel.example.com' },
      body: JSON.stringify({
        workspaceName: 'A',
        name: 'B',
        email: 'b@example.com',
        password: 'long enough pw',
      }),
    })
    expect(res.status).toBe(201)
    expect(res.headers.get('set-cookie')).toMatch(/Secure/)
  })

  it('stores only a hash of the session token and issues a new token at every login', async () => {
    const t = makeApp()
    await t.setup()
    const tokens: string[] = []
    for (let i = 0; i < 2; i++) {
      const res = await t.request('POST', '/api/auth/login', {
        email: 'owner@example.com',
        password: 'correct horse battery',
      })
      tokens.push(res.headers.get('set-cookie')?.match(/keel_session=([^;]+)/)?.[1] ?? '')
    }
    expect(tokens[0]).not.toBe(tokens[1])
    const stored = await t.sql<{ token_hash: string }>('select token_hash from sessions')
    for (const token of tokens) expect(stored.map((s) => s.token_hash)).not.toContain(token)
    expect(stored.every((s) => /^[0-9a-f]{64}$/.test(s.token_hash))).toBe(true)
  })

  it('answers 401 in the error shape for a wrong password or unknown email', async () => {
    const t = makeApp()
    await t.setup()
    for (const body of [
      { email: 'owner@example.com', password: 'wrong password' },
      { email: 'nobody@example.com', password: 'correct horse battery' },
    ]) {
      const res = await t.request('POST', '/api/auth/login', body)
      expect(res.status).toBe(401)
      expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'Wrong email or password' } })
      expect(res.headers.get('set-cookie')).toBeNull()
    }
  })

  it('logout ends the session', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    expect((await t.request('POST', '/api/auth/logout', undefined, owner)).status).toBe(204)
    expect((await t.request('GET', '/api/me', undefined, owner)).status).toBe(401)
  })

  it('expires a session after 30 idle days and slides it while used', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    t.clock.advance(20 * 86_400_000)
    expect((await t.request('GET', '/api/me', undefined, owner)).status).toBe(200)
    t.clock.advance(20 * 86_400_000)
    expect((await t.request('GET', '/api/me', undefined, owner)).status).toBe(200)
    t.clock.advance(31 * 86_400_000)
    const res = await t.request('GET', '/api/me', undefined, owner)
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthenticated')
  })
})

describe('login throttling', () => {
  const login = (t: ReturnType<typeof makeApp>, email: string, password: string, ip: string) =>
    t.request('POST', '/api/auth/login', { email, password }, undefined, { 'x-forwarded-for': ip })

  it('backs off an address that keeps failing on one account: 5 tries free, then waits that double', async () => {
    const t = makeApp({ trustProxy: true })
    await t.setup()
    const stranger = '203.0.113.7'
    for (let i = 0; i < 5; i++)
      expect((await login(t, 'owner@example.com', `wrong ${i}`, stranger)).status).toBe(401)
    const blocked = await login(t, 'owner@example.com', 'correct horse battery', stranger)
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('rate_limited')
    expect(blocked.body.error.details.retryAfterSeconds).toBe(1)
    t.clock.advance(1000)
    expect((await login(t, 'owner@example.com', 'wrong 5', stranger)).status).toBe(401)
    const longer = await login(t, 'owner@example.com', 'wrong 6', stranger)
    expect(longer.body.error.details.retryAfterSeconds).toBe(2)
    t.clock.advance(2000)
    expect((await login(t, 'owner@example.com', 'correct horse battery', stranger)).status).toBe(200)
    // A success starts the count afresh.
    for (let i = 0; i < 5; i++)
      expect((await login(t, 'owner@example.com', `again ${i}`, stranger)).status).toBe(401)
  })

  it('never lets a stranger lock the owner of an account out', async () => {
    const t = makeApp({ trustProxy: true })
    await t.setup()
    for (let i = 0; i < 30; i++) {
      t.clock.advance(60_000)
      await login(t, 'owner@example.com', `guess ${i}`, '203.0.113.7')
    }
    expect((await login(t, 'owner@example.com', 'guess 31', '203.0.113.7')).status).toBe(429)
    expect((await login(t, 'owner@example.com', 'correct horse battery', '198.51.100.1')).status).toBe(200)
  })

  it('holds one address to a ceiling of failures across accounts', async () => {
    const t = makeApp({ trustProxy: true })
    await t.setup()
    const ip = '203.0.113.7'
    for (let i = 0; i < 100; i++) expect((await login(t, `user${i}@example.com`, 'x', ip)).status).toBe(401)
    expect((await login(t, 'owner@example.com', 'correct horse battery', ip)).status).toBe(429)
    expect((await login(t, 'owner@example.com', 'correct horse battery', '198.51.100.1')).status).toBe(200)
    t.clock.advance(15 * 60_000 + 1000)
    expect((await login(t, 'owner@example.com', 'correct horse battery', ip)).status).toBe(200)
  })
  it('counts in the database: a second Keel on the same database (another process, or a restart) holds the same limit', async () => {
    const t = makeApp({ trustProxy: true })
    await t.setup()
    const ip = '203.0.113.7'
    for (let i = 0; i < 5; i++)
      expect((await login(t, 'Owner@Example.com', `wrong ${i}`, ip)).status).toBe(401)
    const other = createApp({ store: t.store, clock: t.clock, trustProxy: true })
    const res = await other.request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { origin: 'http://localhost', 'content-type': 'application/json', 'x-forwarded-for': ip },
      body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
    })
    expect(res.status).toBe(429)
    // Kept under hashes: the table holds neither the address nor the email.
    const stored = JSON.stringify(await t.sql('select * from throttles'))
    expect(stored).not.toContain(ip)
    expect(stored.toLowerCase()).not.toContain('owner@example.com')
  })
})

describe('API tokens', () => {
  it('authenticates with Bearer, is shown once, stored hashed and stops working when revoked', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const created = await t.request('POST', '/api/tokens', { name: 'CI script' }, owner)
    expect(created.status).toBe(201)
    const token: string = created.body.token
    expect(token).toMatch(/^keel_/)
    const list = await t.request('GET', '/api/tokens', undefined, owner)
    expect(list.body.items).toHaveLength(1)
    expect(JSON.stringify(list.body)).not.toContain(token)
    const [stored] = await t.sql<{ token_hash: string }>('select token_hash from api_tokens')
    expect(stored!.token_hash).not.toBe(token)

    const bearer = { headers: { authorization: `Bearer ${token}` } }
    const me = await t.request('GET', '/api/me', undefined, bearer)
    expect(me.status).toBe(200)
    // Token-authenticated writes need no Origin: scripts are not browsers.
    const ws = await t.request('POST', '/api/workspaces', { name: 'From a script' }, bearer, { origin: '' })
    expect(ws.status).toBe(201)

    expect((await t.request('DELETE', `/api/tokens/${created.body.id}`, undefined, owner)).status).toBe(204)
    const after = await t.request('GET', '/api/me', undefined, bearer)
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('unauthenticated')
  })

  it("cannot revoke another user's token", async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const created = await t.request('POST', '/api/tokens', { name: 'mine' }, owner)
    const res = await t.request('DELETE', `/api/tokens/${created.body.id}`, undefined, dev.caller)
    expect(res.status).toBe(404)
  })
})

describe('CSRF', () => {
  it('refuses cookie-authenticated writes from another origin', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const res = await t.request('POST', '/api/workspaces', { name: 'Evil' }, owner, {
      origin: 'https://evil.example',
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    const noOrigin = await t.request('POST', '/api/workspaces', { name: 'Evil' }, owner, { origin: '' })
    expect(noOrigin.status).toBe(403)
    const [count] = await t.sql<{ n: number }>('select count(*) as n from workspaces')
    expect(count!.n).toBe(1)
  })
})

describe('access cached between requests', () => {
  // Credentials and memberships are cached while the database's access epoch holds; triggers move it, so a
  // change made by any path (here plain SQL, as another process or a restore would) counts at once.
  it('sees changes made outside the services at the next request', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer', 'dev@example.com')
    const sql = (text: string, ...args: unknown[]) => t.sql(text, args)
    const me = () => t.request('GET', '/api/me', undefined, dev.caller)
    const products = () => t.request('GET', `/api/workspaces/${ws}/products`, undefined, dev.caller)
    const createProduct = (key: string) =>
      t.request('POST', `/api/workspaces/${ws}/products`, { key, name: key }, dev.caller)

    // Renamed: the cached user is not served.
    expect((await me()).body.user.name).toBe('developer person')
    await sql('update users set name = ? where id = ?', 'Renamed person', dev.userId)
    expect((await me()).body.user.name).toBe('Renamed person')

    // A permission taken from the role: refused at the next request; given back: allowed.
    const roleId = await t.roleId(owner, ws, 'developer')
    const permissions = async () => {
      const [role] = await t.sql<{ permissions: string }>('select permissions from roles where id = ?', [
        roleId,
      ])
      return JSON.parse(role!.permissions) as string[]
    }
    const before = await permissions()
    await sql(
      'update roles set permissions = ? where id = ?',
      JSON.stringify([...before, 'product.manage']),
      roleId,
    )
    expect((await createProduct('AA')).status).toBe(201)
    await sql('update roles set permissions = ? where id = ?', JSON.stringify(before), roleId)
    expect((await createProduct('BB')).status).toBe(403)

    // Removed from the workspace: 404 at once.
    expect((await products()).status).toBe(200)
    await sql('delete from members where user_id = ? and workspace_id = ?', dev.userId, ws)
    expect((await products()).status).toBe(404)

    // The session deleted (say, by an administrator's script): 401 at once.
    expect((await me()).status).toBe(200)
    await sql('delete from sessions where user_id = ?', dev.userId)
    expect((await me()).status).toBe(401)
  })

  it('does not move the epoch for bookkeeping (a session sliding, a token used)', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const epoch = async () => (await t.sql<{ value: number }>('select value from access_epoch'))[0]!.value
    const created = await t.request('POST', '/api/tokens', { name: 'Script' }, owner)
    const start = await epoch()
    await t.sql('update api_tokens set last_used_at = ?', [new Date().toISOString()])
    await t.sql('update sessions set expires_at = ?', ['2099-01-01T00:00:00.000Z'])
    expect(await epoch()).toBe(start)
    await t.request('DELETE', `/api/tokens/${created.body.id}`, undefined, owner)
    expect(await epoch()).toBe(start + 1)
  })
})

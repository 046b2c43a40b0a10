// The instance and its accounts: set-up is all or nothing, instance owners, password resets by an owner
// and from the command line.
import { execFile } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'
import { openStore } from '../../db/store'
import { createApp } from '../../server/app'
import { makeApp } from '../helpers/app'

const run = promisify(execFile)

describe('set-up', () => {
  it('with the demo is one transaction: a seed that fails leaves the instance waiting to be set up', async () => {
    const t = makeApp()
    const sqlite = t.store.engine === 'sqlite'
    // The disk refuses tasks halfway through the seed (a trigger, in each engine's own dialect).
    if (sqlite)
      await t.sql(
        "create trigger fail_tasks before insert on tasks begin select raise(abort, 'disk trouble'); end",
      )
    else {
      await t.sql(
        "create function fail_tasks() returns trigger language plpgsql as $$ begin raise exception 'disk trouble'; end $$",
      )
      await t.sql(
        'create trigger fail_tasks before insert on tasks for each row execute function fail_tasks()',
      )
    }
    const res = await t.request('POST', '/api/setup', {
      workspaceName: 'Demo',
      name: 'Olivia',
      email: 'owner@example.com',
      password: 'correct horse battery',
      demo: true,
    })
    expect(res.status).toBe(500)
    expect((await t.request('GET', '/api/setup')).body).toEqual({ needed: true })
    for (const table of ['users', 'workspaces', 'members', 'products', 'activity'])
      expect((await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n, table).toBe(0)
    await t.sql(sqlite ? 'drop trigger fail_tasks' : 'drop trigger fail_tasks on tasks')
    expect((await t.setup()).ws).toBeGreaterThan(0)
  })

  it('makes the first account an instance owner, and nobody after it', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    expect((await t.request('GET', '/api/me', undefined, owner)).body.user.instanceOwner).toBe(true)
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).body.user.instanceOwner).toBe(false)
    const accounts = await t.request('GET', '/api/admin/users', undefined, owner)
    expect(
      accounts.body.items.map((a: { email: string; instanceOwner: boolean }) => [a.email, a.instanceOwner]),
    ).toEqual([
      ['owner@example.com', true],
      ['developer@example.com', false],
    ])
  })

  it('never lets the last instance owner step down', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const last = await t.request('PATCH', `/api/admin/users/${userId}`, { instanceOwner: false }, owner)
    expect(last.status).toBe(409)
    expect(last.body.error.details.reason).toBe('last_instance_owner')
    await t.request('PATCH', `/api/admin/users/${dev.userId}`, { instanceOwner: true }, owner)
    expect((await t.request('GET', '/api/admin/settings', undefined, dev.caller)).status).toBe(200)
    const stepDown = await t.request('PATCH', `/api/admin/users/${userId}`, { instanceOwner: false }, owner)
    expect(stepDown.body.instanceOwner).toBe(false)
    expect((await t.request('GET', '/api/admin/settings', undefined, owner)).status).toBe(403)
  })
})

describe('password reset', () => {
  it('by an instance owner: a one-time link that sets the password, ends other sessions and logs in', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer', 'dev@example.com')
    expect(
      (await t.request('POST', `/api/admin/users/${dev.userId}/password-reset`, undefined, dev.caller))
        .status,
    ).toBe(403)
    const link = await t.request('POST', `/api/admin/users/${dev.userId}/password-reset`, undefined, owner)
    expect(link.status).toBe(201)
    const token = link.body.url.split('/reset-password/')[1]
    expect(link.body.url).toBe(`http://localhost/reset-password/${token}`)
    // Stored only hashed.
    expect(JSON.stringify(await t.sql('select * from password_resets'))).not.toContain(token)
    expect((await t.request('GET', `/api/auth/password-reset/${token}`)).body.email).toBe('dev@example.com')

    const done = await t.request('POST', '/api/auth/password-reset/confirm', {
      token,
      password: 'a brand new secret',
    })
    expect(done.status).toBe(200)
    const fresh = t.sessionOf(done.headers)
    expect((await t.request('GET', '/api/me', undefined, fresh)).body.user.email).toBe('dev@example.com')
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).status).toBe(401)
    const login = await t.request('POST', '/api/auth/login', {
      email: 'dev@example.com',
      password: 'a brand new secret',
    })
    expect(login.status).toBe(200)
    // The link works once.
    const again = await t.request('POST', '/api/auth/password-reset/confirm', {
      token,
      password: 'another secret 2',
    })
    expect(again.status).toBe(404)
  })

  it('expires after 24 hours and refuses a weak password without using the link', async () => {
    const t = makeApp()
    const { owner, userId } = await t.setup()
    const link = await t.request('POST', `/api/admin/users/${userId}/password-reset`, undefined, owner)
    const token = link.body.url.split('/reset-password/')[1]
    const weak = await t.request('POST', '/api/auth/password-reset/confirm', { token, password: 'short' })
    expect(weak.status).toBe(400)
    t.clock.advance(24 * 60 * 60 * 1000 + 1000)
    expect((await t.request('GET', `/api/auth/password-reset/${token}`)).status).toBe(404)
    const late = await t.request('POST', '/api/auth/password-reset/confirm', {
      token,
      password: 'long enough now',
    })
    expect(late.status).toBe(404)
  })

  it('from the command line: npm run keel -- reset-password <email> prints a working link', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keel-reset-'))
    const db = openDatabase({ path: join(dataDir, 'keel.db') })
    db.$client
      .prepare(
        "insert into users (email, name, password_hash, instance_owner, created_at) values (?, ?, 'x', 1, ?)",
      )
      .run('owner@example.com', 'Olivia', '2026-11-02T09:00:00.000Z')
    db.$client.close()
    const env = { ...process.env, KEEL_DATA_DIR: dataDir, KEEL_PUBLIC_URL: 'https://keel.example.com' }
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'reset-password', 'Owner@Example.com'],
      { env },
    )
    const url = /https:\/\/keel\.example\.com\/reset-password\/(\S+)/.exec(stdout)
    expect(url, stdout).not.toBeNull()
    const unknown = run(
      process.execPath,
      ['--import', 'tsx', 'server/cli.ts', 'reset-password', 'nobody@example.com'],
      { env },
    )
    await expect(unknown).rejects.toMatchObject({ stderr: expect.stringContaining('No account') })

    // A server on the same database takes the link.
    const served = createApp({ store: openStore({ path: join(dataDir, 'keel.db') }) })
    const res = await served.request('http://localhost/api/auth/password-reset/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost' },
      body: JSON.stringify({ token: url![1], password: 'recovered at last' }),
    })
    expect(res.status).toBe(200)
  }, 60_000)
})

describe('deactivating an account and signing it out', () => {
  it('ends its sessions and tokens at once, refuses its sign-in after the password, and keeps its history', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const product = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'MES', name: 'MES' },
      owner,
    )
    const task = await t.request(
      'POST',
      `/api/workspaces/${ws}/tasks`,
      { productId: product.body.id, kind: 'chore', title: 'Done by the developer' },
      owner,
    )
    expect(task.status, JSON.stringify(task.body)).toBe(201)
    const token = await t.request('POST', '/api/tokens', { name: 'script' }, dev.caller)
    const bearer = { headers: { authorization: `Bearer ${token.body.token}` } }
    expect(
      (await t.request('PATCH', `/api/workspaces/${ws}/tasks/${task.body.id}`, { title: 'Edited' }, bearer))
        .status,
    ).toBe(200)

    const res = await t.request('PATCH', `/api/admin/users/${dev.userId}`, { active: false }, owner)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      email: 'developer@example.com',
      deactivatedAt: '2026-11-02T09:00:00.000Z',
    })
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).status).toBe(401)
    expect((await t.request('GET', '/api/me', undefined, bearer)).status).toBe(401)
    const login = (password: string) =>
      t.request('POST', '/api/auth/login', { email: 'developer@example.com', password })
    expect((await login('wrong password 1')).status).toBe(401)
    const refused = await login('member password 1')
    expect(refused.status).toBe(403)
    expect(refused.body.error.details).toEqual({ reason: 'account_deactivated' })
    // Neither a reset link nor an invite brings it back.
    expect(
      (await t.request('POST', `/api/admin/users/${dev.userId}/password-reset`, undefined, owner)).status,
    ).toBe(403)

    // Nobody can @mention it any more.
    const mentionable = await t.request(
      'GET',
      `/api/workspaces/${ws}/mentionable?q=developer`,
      undefined,
      owner,
    )
    expect(mentionable.status).toBe(200)
    expect(JSON.stringify(mentionable.body)).not.toContain('developer@example.com')

    // Its name stays on what it did, and on the members list.
    const history = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?entityType=task&entityId=${task.body.id}`,
      undefined,
      owner,
    )
    expect(JSON.stringify(history.body)).toContain('developer person')
    const accounts = await t.request('GET', '/api/admin/users', undefined, owner)
    expect(accounts.body.items.find((a: { id: number }) => a.id === dev.userId).deactivatedAt).not.toBeNull()

    // Back again: it signs in anew; its old session and token stay ended.
    expect(
      (await t.request('PATCH', `/api/admin/users/${dev.userId}`, { active: true }, owner)).body
        .deactivatedAt,
    ).toBeNull()
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).status).toBe(401)
    expect((await t.request('GET', '/api/me', undefined, bearer)).status).toBe(401)
    expect((await login('member password 1')).status).toBe(200)
    const events = await t.request(
      'GET',
      `/api/admin/audit?actor=${encodeURIComponent('owner@')}&action=account.`,
      undefined,
      owner,
    )
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual([
      'account.reactivated',
      'account.deactivated',
      'account.created',
    ])
  })

  it('refuses to deactivate yourself or the last active instance owner, and answers instance owners only', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const self = await t.request('PATCH', `/api/admin/users/${userId}`, { active: false }, owner)
    expect(self.status).toBe(409)
    expect(self.body.error.details).toMatchObject({ reason: 'deactivate_self' })
    expect(
      (await t.request('PATCH', `/api/admin/users/${userId}`, { active: false }, dev.caller)).status,
    ).toBe(403)
    expect(
      (await t.request('DELETE', `/api/admin/users/${userId}/sessions`, undefined, dev.caller)).status,
    ).toBe(403)
    // A second owner deactivated leaves one; the one left cannot step down.
    await t.request('PATCH', `/api/admin/users/${dev.userId}`, { instanceOwner: true }, owner)
    expect(
      (await t.request('PATCH', `/api/admin/users/${dev.userId}`, { active: false }, owner)).status,
    ).toBe(200)
    const stepDown = await t.request('PATCH', `/api/admin/users/${userId}`, { instanceOwner: false }, owner)
    expect(stepDown.status).toBe(409)
    expect(stepDown.body.error.details).toMatchObject({ reason: 'last_instance_owner' })
    expect((await t.request('PATCH', '/api/admin/users/999999', { active: false }, owner)).status).toBe(404)
  })

  it('lets an instance owner see where an account is signed in and sign it out everywhere', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const again = await t.request(
      'POST',
      '/api/auth/login',
      { email: 'developer@example.com', password: 'member password 1' },
      undefined,
      { 'user-agent': 'Second browser' },
    )
    const second = t.sessionOf(again.headers)
    const token = await t.request('POST', '/api/tokens', { name: 'script' }, dev.caller)
    const sessions = await t.request('GET', `/api/admin/users/${dev.userId}/sessions`, undefined, owner)
    expect(sessions.body.items).toHaveLength(2)
    expect(sessions.body.items[0]).toMatchObject({ userAgent: 'Second browser' })
    expect(
      (await t.request('DELETE', `/api/admin/users/${dev.userId}/sessions`, undefined, owner)).status,
    ).toBe(204)
    for (const caller of [dev.caller, second])
      expect((await t.request('GET', '/api/me', undefined, caller)).status).toBe(401)
    // API tokens are not sessions: they stay until revoked or the account is deactivated.
    const bearer = { headers: { authorization: `Bearer ${token.body.token}` } }
    expect((await t.request('GET', '/api/me', undefined, bearer)).status).toBe(200)
    expect(
      (await t.request('GET', `/api/admin/users/${dev.userId}/sessions`, undefined, owner)).body.items,
    ).toEqual([])
    expect((await t.request('GET', '/api/admin/users/999999/sessions', undefined, owner)).status).toBe(404)
  })
})

describe('the instance health page', () => {
  it('tells instance owners the version, engine, sizes, accounts and background work', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    await t.request('PATCH', `/api/admin/users/${dev.userId}`, { active: false }, owner)
    const res = await t.request('GET', '/api/admin/health', undefined, owner)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      engine: t.store.engine,
      accounts: { total: 2, deactivated: 1, instanceOwners: 1, twoFactor: 0 },
      workspaces: 1,
      liveSessions: 1,
      files: { count: 0, bytes: 0 },
      jobs: { emailOn: false, emails: { waiting: 0, failed: 0 }, webhooks: { waiting: 0, failed: 0 } },
    })
    expect(res.body.databaseBytes).toBeGreaterThan(10_000)
    expect(res.body.auditEvents).toBeGreaterThan(3)
    expect(res.body.node).toMatch(/^v\d+/)
    const second = await t.request('POST', '/api/workspaces', { name: 'Second' }, owner)
    expect(second.status).toBe(201)
    expect((await t.request('GET', '/api/admin/health', undefined, owner)).body.workspaces).toBe(2)
    // Instance owners see every workspace with its roles and products, member or not.
    const pm = await t.addMember(owner, ws, 'pm')
    const listed = await t.request('GET', '/api/admin/workspaces', undefined, owner)
    expect(listed.body.items.map((w: { name: string; members: number }) => [w.name, w.members])).toEqual([
      ['Acme', 3],
      ['Second', 1],
    ])
    expect(listed.body.items[0].roles.map((r: { builtIn: string }) => r.builtIn)).toContain('pm')
    expect((await t.request('GET', '/api/admin/workspaces', undefined, pm.caller)).status).toBe(403)
  })
})

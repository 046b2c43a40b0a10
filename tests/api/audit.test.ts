// The audit log: what it records of sign-ins, accounts, tokens, roles, members, share links and exports,
// with actor, address and browser; how an instance owner filters, pages and downloads it; that nothing
// rewrites it; and that events leave once past the retention period.
import { describe, expect, it } from 'vitest'
import { type Caller, makeApp, type TestApp } from '../helpers/app'

type Event = {
  id: number
  action: string
  actorId: number | null
  actorEmail: string | null
  workspaceId: number | null
  targetType: string | null
  targetId: number | null
  targetLabel: string | null
  address: string | null
  userAgent: string | null
  details: Record<string, unknown> | null
}

const BROWSER = { 'user-agent': 'Mozilla/5.0 (Audit test)', 'x-forwarded-for': '203.0.113.7' }

async function audit(t: TestApp, owner: Caller, query = ''): Promise<Event[]> {
  const res = await t.request('GET', `/api/admin/audit?limit=500${query}`, undefined, owner)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.items
}

const actions = (events: Event[]) => events.map((e) => e.action).reverse()

describe('the audit log', () => {
  it('records sign-ins, failures, tokens, members, roles, share links and exports with who, where and what', async () => {
    const t = makeApp({ trustProxy: true })
    const { owner, ws, userId } = await t.setup()
    expect(actions(await audit(t, owner))).toEqual(['account.created', 'workspace.created', 'auth.login'])

    // Failed sign-ins: an unknown address and a wrong password, from a browser behind a proxy.
    const login = (email: string, password: string) =>
      t.request('POST', '/api/auth/login', { email, password }, undefined, BROWSER)
    expect((await login('nobody@example.com', 'guess one two')).status).toBe(401)
    expect((await login('owner@example.com', 'guess one two')).status).toBe(401)
    const signedIn = await login('owner@example.com', 'correct horse battery')
    expect(signedIn.status).toBe(200)
    const session = t.sessionOf(signedIn.headers)

    const token = await t.request('POST', '/api/tokens', { name: 'CI script' }, session)
    await t.request('DELETE', `/api/tokens/${token.body.id}`, undefined, session)
    const dev = await t.addMember(owner, ws, 'developer')
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const devMember = members.body.items.find((m: { userId: number }) => m.userId === dev.userId)
    const pm = await t.roleId(owner, ws, 'pm')
    expect(
      (await t.request('PATCH', `/api/workspaces/${ws}/members/${devMember.id}`, { roleId: pm }, owner))
        .status,
    ).toBe(200)
    const product = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'MES', name: 'MES' },
      owner,
    )
    const link = await t.request(
      'POST',
      `/api/workspaces/${ws}/share-links`,
      { productId: product.body.id },
      owner,
    )
    expect(link.status).toBe(201)
    expect(
      (await t.request('GET', `/api/workspaces/${ws}/exports?format=json`, undefined, owner)).status,
    ).toBe(200)
    expect((await t.request('POST', '/api/auth/logout', undefined, session, BROWSER)).status).toBe(204)

    const events = await audit(t, owner)
    expect(actions(events).slice(3)).toEqual([
      'auth.login_failed',
      'auth.login_failed',
      'auth.login',
      'token.created',
      'token.revoked',
      'invite.created',
      'account.created',
      'member.created',
      'auth.login',
      'member.updated',
      'share_link.created',
      'export.downloaded',
      'auth.logout',
    ])
    const [unknown, wrong, good] = events
      .filter((e) => e.action.startsWith('auth.login'))
      .reverse()
      .slice(1)
    expect(unknown).toMatchObject({
      actorId: null,
      targetLabel: 'nobody@example.com',
      address: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (Audit test)',
      details: { reason: 'unknown_account' },
    })
    expect(wrong).toMatchObject({
      targetId: userId,
      targetLabel: 'owner@example.com',
      details: { reason: 'wrong_password' },
    })
    expect(good).toMatchObject({
      actorId: userId,
      actorEmail: 'owner@example.com',
      details: { method: 'password' },
    })
    const byAction = (action: string) => events.find((e) => e.action === action)!
    expect(byAction('token.created')).toMatchObject({ targetType: 'api_token', targetLabel: 'CI script' })
    expect(byAction('member.updated')).toMatchObject({
      workspaceId: ws,
      actorId: userId,
      targetType: 'member',
      details: { after: { roleId: pm } },
    })
    expect(byAction('export.downloaded')).toMatchObject({ workspaceId: ws, details: { format: 'json' } })
    expect(byAction('auth.logout')).toMatchObject({ actorId: userId, address: '203.0.113.7' })

    // No secret reaches the log: passwords typed, API tokens, share link tokens, invite tokens.
    const text = JSON.stringify(events)
    for (const secret of ['guess one two', 'correct horse battery', token.body.token, link.body.token])
      expect(text).not.toContain(secret)
    expect(text).not.toMatch(/tokenHash|passwordHash/)
  })

  it('filters by actor, action or family, workspace, time and text, pages by cursor, and answers owners only', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    t.clock.advance(3_600_000)
    for (let n = 0; n < 3; n++) await t.request('POST', '/api/tokens', { name: `token ${n}` }, dev.caller)
    await t.request('POST', '/api/auth/login', { email: 'developer@example.com', password: 'nope nope nope' })

    expect((await audit(t, owner, `&actor=${dev.userId}`)).map((e) => e.action)).toEqual([
      'token.created',
      'token.created',
      'token.created',
      'auth.login',
      'account.created',
    ])
    expect((await audit(t, owner, '&actor=develop')).length).toBe(5)
    expect((await audit(t, owner, '&action=token.created')).length).toBe(3)
    expect(actions(await audit(t, owner, '&action=auth.'))).toEqual([
      'auth.login',
      'auth.login',
      'auth.login_failed',
    ])
    expect((await audit(t, owner, `&workspace=${ws}`)).every((e) => e.workspaceId === ws)).toBe(true)
    const later = await audit(t, owner, `&from=${encodeURIComponent('2026-11-02T09:30:00Z')}`)
    expect(later.map((e) => e.action)).toEqual(['auth.login_failed', ...Array(3).fill('token.created')])
    const earlier = await audit(t, owner, `&to=${encodeURIComponent('2026-11-02T09:30:00Z')}`)
    expect(earlier.every((e) => e.action !== 'token.created')).toBe(true)
    expect((await audit(t, owner, '&q=token%201')).map((e) => e.targetLabel)).toEqual(['token 1'])

    // Pages, newest first, without gaps or repeats.
    const all = await audit(t, owner)
    const seen: number[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const res = await t.request(
        'GET',
        `/api/admin/audit?limit=4${cursor ? `&cursor=${cursor}` : ''}`,
        undefined,
        owner,
      )
      seen.push(...res.body.items.map((e: Event) => e.id))
      cursor = res.body.nextCursor
    }
    expect(seen).toEqual(all.map((e) => e.id))

    // Workspace owners who do not run the instance, and members, may not read it.
    expect((await t.request('GET', '/api/admin/audit', undefined, dev.caller)).status).toBe(403)
    expect((await t.request('GET', '/api/admin/audit?format=csv', undefined, dev.caller)).status).toBe(403)
    expect(all.some((e) => e.actorId === userId)).toBe(true)
    expect((await t.request('GET', '/api/admin/audit?action=DROP%20TABLE', undefined, owner)).status).toBe(
      400,
    )
  })

  it('downloads as CSV (formulas made inert) and JSON, and logs the download', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const role = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: '=HYPERLINK("http://evil.example")', permissions: ['task.view'] },
      owner,
    )
    expect(role.status).toBe(201)
    const csv = await t.request('GET', '/api/admin/audit?format=csv&action=role.', undefined, owner)
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="keel-audit-2026-11-02\.csv"/,
    )
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'id,createdAt,action,actorId,actorEmail,workspaceId,targetType,targetId,targetLabel,address,userAgent,details',
    )
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`)

    const json = await t.request('GET', '/api/admin/audit?format=json', undefined, owner)
    expect(json.headers.get('content-disposition')).toContain('keel-audit-2026-11-02.json')
    expect(json.body.map((e: Event) => e.action)).toContain('role.created')
    const logged = await audit(t, owner, '&action=audit.exported')
    expect(logged.map((e) => e.details)).toEqual([
      { format: 'json', count: json.body.length, filter: {} },
      { format: 'csv', count: 1, filter: { action: 'role.' } },
    ])
  })

  it('cannot be changed: no route edits it and the database refuses updates', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    for (const method of ['PATCH', 'PUT', 'DELETE', 'POST'])
      expect((await t.request(method, '/api/admin/audit', {}, owner)).status, method).toBe(404)
    const [first] = await t.sql<{ id: number }>('select id from audit_events order by id limit 1')
    await expect(
      t.sql("update audit_events set action = 'nothing' where id = ?", [first!.id]),
    ).rejects.toThrow(/audit events cannot be changed/)
    expect((await audit(t, owner)).at(-1)!.action).toBe('account.created')
  })

  it('keeps events for the retention period (30 days at least), then the hourly sweep removes them', async () => {
    const t = makeApp({ manualTimers: true })
    const { owner } = await t.setup()
    const settings = (body: unknown) => t.request('PATCH', '/api/admin/settings', body, owner)
    expect((await settings({ auditRetentionDays: 29 })).status).toBe(400)
    const changed = await settings({ auditRetentionDays: 30 })
    expect(changed.body).toMatchObject({ auditRetentionDays: 30 })
    expect((await audit(t, owner, '&action=instance.settings_updated'))[0]!.details).toEqual({
      before: { auditRetentionDays: 365 },
      after: { auditRetentionDays: 30 },
    })
    const before = (await audit(t, owner)).length

    t.clock.advance(20 * 86_400_000)
    await t.request('POST', '/api/tokens', { name: 'newer' }, owner)
    t.clock.advance(11 * 86_400_000)
    t.timers!.advance(3_600_000)
    await t.settled()
    const left = await audit(t, owner)
    expect(left.map((e) => e.action)).toEqual(['token.created'])
    expect(before).toBeGreaterThan(3)
  })
})

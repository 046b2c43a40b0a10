import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'

const count = async (t: ReturnType<typeof makeApp>, table: string) =>
  (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n

describe('workspaces', () => {
  it('lets only instance owners create workspaces unless the instance allows everyone', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    const refused = await t.request('POST', '/api/workspaces', { name: 'Side project' }, dev.caller)
    expect(refused.status).toBe(403)
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).body.user).toMatchObject({
      instanceOwner: false,
      canCreateWorkspace: false,
    })
    expect((await t.request('GET', '/api/workspaces', undefined, dev.caller)).body).toHaveLength(1)
    expect((await t.request('GET', '/api/admin/settings', undefined, dev.caller)).status).toBe(403)
    const opened = await t.request('PATCH', '/api/admin/settings', { workspaceCreation: 'everyone' }, owner)
    expect(opened.body.workspaceCreation).toBe('everyone')
    expect((await t.request('GET', '/api/me', undefined, dev.caller)).body.user.canCreateWorkspace).toBe(true)
    expect((await t.request('POST', '/api/workspaces', { name: 'Side project' }, dev.caller)).status).toBe(
      201,
    )
  })

  it('records the creation of a workspace in its activity', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const activity = await t.request('GET', `/api/workspaces/${ws}/activity`, undefined, owner)
    expect(activity.body.items).toMatchObject([
      { entityType: 'workspace', entityId: ws, action: 'created', actor: { id: userId } },
    ])
  })

  it('makes the caller owner of a new workspace and lists only their workspaces', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    await t.request('PATCH', '/api/admin/settings', { workspaceCreation: 'everyone' }, owner)
    const dev = await t.addMember(owner, ws, 'developer')
    const created = await t.request('POST', '/api/workspaces', { name: 'Dev side project' }, dev.caller)
    expect(created.status).toBe(201)
    const mine = await t.request('GET', '/api/workspaces', undefined, dev.caller)
    expect(
      mine.body.map((w: { name: string; role: { builtIn: string } }) => [w.name, w.role.builtIn]),
    ).toEqual([
      ['Acme', 'developer'],
      ['Dev side project', 'owner'],
    ])
    const ownerSees = await t.request('GET', '/api/workspaces', undefined, owner)
    expect(ownerSees.body).toHaveLength(1)
  })

  it('answers 404 for a workspace the caller is not a member of, exactly as for one that does not exist', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    await t.request('PATCH', '/api/admin/settings', { workspaceCreation: 'everyone' }, owner)
    const dev = await t.addMember(owner, ws, 'developer')
    const other = await t.request('POST', '/api/workspaces', { name: 'Private' }, dev.caller)
    const foreign = await t.request('GET', `/api/workspaces/${other.body.id}/members`, undefined, owner)
    const missing = await t.request('GET', '/api/workspaces/999999/members', undefined, owner)
    expect(foreign.status).toBe(404)
    expect(missing.status).toBe(404)
    expect(foreign.body).toEqual(missing.body)
  })

  it('renames with optimistic concurrency: a stale If-Match answers 409 with the current entity', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const ok = await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'Acme Industrial' }, owner, {
      'if-match': '1',
    })
    expect(ok.status).toBe(200)
    expect(ok.body.version).toBe(2)
    const stale = await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'Lost update' }, owner, {
      'if-match': '1',
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.details.current).toMatchObject({ name: 'Acme Industrial', version: 2 })
    const bodyVersion = await t.request(
      'PATCH',
      `/api/workspaces/${ws}`,
      { name: 'Lost update', version: 1 },
      owner,
    )
    expect(bodyVersion.status).toBe(409)
    const lastWriterWins = await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'No version' }, owner)
    expect(lastWriterWins.status).toBe(200)
    const bad = await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'x' }, owner, { 'if-match': 'abc' })
    expect(bad.status).toBe(400)
  })
})

describe('invites and members', () => {
  it('invites with a one-time link that expires after 7 days', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const pm = await t.roleId(owner, ws, 'pm')
    const invited = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'Pat@Example.com', name: 'Pat', roleId: pm },
      owner,
    )
    expect(invited.status).toBe(201)
    expect(invited.body.url).toBe(`http://localhost/invite/${invited.body.token}`)
    expect(invited.body.invite).not.toHaveProperty('tokenHash')
    const [stored] = await t.sql<{ token_hash: string }>('select token_hash from invites')
    expect(stored!.token_hash).not.toContain(invited.body.token)

    const info = await t.request('GET', `/api/invites/${invited.body.token}`)
    expect(info.body).toMatchObject({ workspaceName: 'Acme', email: 'pat@example.com', existingUser: false })
    const pending = await t.request('GET', `/api/workspaces/${ws}/invites`, undefined, owner)
    expect(pending.body.items).toHaveLength(1)

    const accepted = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      name: 'Pat Li',
      password: 'pat password',
    })
    expect(accepted.status).toBe(200)
    const me = await t.request('GET', '/api/me', undefined, t.sessionOf(accepted.headers))
    expect(me.body.user.name).toBe('Pat Li')
    expect(me.body.workspaces[0].role.builtIn).toBe('pm')

    const again = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'pat password',
    })
    expect(again.status).toBe(404)

    const late = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'late@example.com', name: 'Late', roleId: pm },
      owner,
    )
    t.clock.advance(7 * 86_400_000 + 1)
    expect((await t.request('GET', `/api/invites/${late.body.token}`)).status).toBe(404)
    expect(
      (await t.request('POST', `/api/invites/${late.body.token}/accept`, { password: 'late password' }))
        .status,
    ).toBe(404)
  })

  it('lets an existing user join another workspace only with their password', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer', 'dev@example.com')
    const other = await t.request('POST', '/api/workspaces', { name: 'Second' }, owner)
    const devRole = await t.roleId(owner, other.body.id, 'developer')
    const invited = await t.request(
      'POST',
      `/api/workspaces/${other.body.id}/members`,
      { email: 'dev@example.com', name: 'Dev', roleId: devRole },
      owner,
    )
    expect((await t.request('GET', `/api/invites/${invited.body.token}`)).body.existingUser).toBe(true)
    const wrong = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'not the password',
    })
    expect(wrong.status).toBe(401)
    const right = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'member password 1',
    })
    expect(right.status).toBe(200)
    expect(right.body.user.id).toBe(dev.userId)
    expect(await count(t, 'users')).toBe(2)
  })

  it('refuses to invite an existing member, an unknown role or unknown products, writing nothing', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const pm = await t.roleId(owner, ws, 'pm')
    const before = await count(t, 'invites')
    const dup = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'owner@example.com', name: 'Me', roleId: pm },
      owner,
    )
    expect(dup.status).toBe(409)
    const badRole = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'a@example.com', name: 'A', roleId: 99999 },
      owner,
    )
    expect(badRole.status).toBe(400)
    const badProducts = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'a@example.com', name: 'A', roleId: pm, productIds: [424242] },
      owner,
    )
    expect(badProducts.status).toBe(400)
    const badEmail = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'nope', name: 'A', roleId: pm },
      owner,
    )
    expect(badEmail.status).toBe(400)
    expect(await count(t, 'invites')).toBe(before)
  })

  it('never removes or demotes the last owner', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const me = members.body.items.find((m: { userId: number }) => m.userId === userId)
    const admin = await t.roleId(owner, ws, 'admin')
    const demote = await t.request(
      'PATCH',
      `/api/workspaces/${ws}/members/${me.id}`,
      { roleId: admin },
      owner,
    )
    expect(demote.status).toBe(409)
    const remove = await t.request('DELETE', `/api/workspaces/${ws}/members/${me.id}`, undefined, owner)
    expect(remove.status).toBe(409)

    // With a second owner, the first may step down.
    const second = await t.addMember(owner, ws, 'owner', 'second@example.com')
    expect(second.userId).toBeGreaterThan(0)
    const ok = await t.request('PATCH', `/api/workspaces/${ws}/members/${me.id}`, { roleId: admin }, owner)
    expect(ok.status).toBe(200)
    expect(ok.body.roleId).toBe(admin)
  })

  it('does not let an admin grant or take away permissions they do not hold', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const admin = await t.addMember(owner, ws, 'admin')
    const ownerRole = await t.roleId(owner, ws, 'owner')
    const escalate = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'x@example.com', name: 'X', roleId: ownerRole },
      admin.caller,
    )
    expect(escalate.status).toBe(403)
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const ownerMember = members.body.items.find((m: { userId: number }) => m.userId === userId)
    const kickOwner = await t.request(
      'DELETE',
      `/api/workspaces/${ws}/members/${ownerMember.id}`,
      undefined,
      admin.caller,
    )
    expect(kickOwner.status).toBe(403)
    const sneaky = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'Almost owner', permissions: ['workspace.delete'] },
      admin.caller,
    )
    expect(sneaky.status).toBe(403)
  })

  it('removed members lose access at their next request', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const dev = await t.addMember(owner, ws, 'developer')
    expect((await t.request('GET', `/api/workspaces/${ws}/members`, undefined, dev.caller)).status).toBe(200)
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const devMember = members.body.items.find((m: { userId: number }) => m.userId === dev.userId)
    expect(
      (await t.request('DELETE', `/api/workspaces/${ws}/members/${devMember.id}`, undefined, owner)).status,
    ).toBe(204)
    expect((await t.request('GET', `/api/workspaces/${ws}/members`, undefined, dev.caller)).status).toBe(404)
  })

  it('narrows a member to some products', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const mes = await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'MES' }, owner)
    const srm = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'SRM', name: 'Supplier portal' },
      owner,
    )
    const dev = await t.addMember(owner, ws, 'developer', 'narrow@example.com', [mes.body.id])
    const list = await t.request('GET', `/api/workspaces/${ws}/products`, undefined, dev.caller)
    expect(list.body.items.map((p: { key: string }) => p.key)).toEqual(['MES'])
    expect(
      (await t.request('GET', `/api/workspaces/${ws}/products/${srm.body.id}`, undefined, dev.caller)).status,
    ).toBe(404)
    const activity = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?entityType=product`,
      undefined,
      dev.caller,
    )
    expect(activity.body.items.map((a: { entityId: number }) => a.entityId)).toEqual([mes.body.id])

    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const devMember = members.body.items.find((m: { userId: number }) => m.userId === dev.userId)
    expect(devMember.productIds).toEqual([mes.body.id])
    const widened = await t.request(
      'PATCH',
      `/api/workspaces/${ws}/members/${devMember.id}`,
      { productIds: null },
      owner,
    )
    expect(widened.body.productIds).toBeNull()
    const all = await t.request('GET', `/api/workspaces/${ws}/products`, undefined, dev.caller)
    expect(all.body.items).toHaveLength(2)
  })
})

describe('roles', () => {
  it('creates, edits and deletes custom roles; built-in roles answer 409', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const created = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'QA lead', permissions: ['task.view', 'task.update_status', 'task.view'] },
      owner,
    )
    expect(created.status).toBe(201)
    expect(created.body.permissions).toEqual(['task.view', 'task.update_status'])
    const dup = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'QA lead', permissions: [] },
      owner,
    )
    expect(dup.status).toBe(409)
    const edited = await t.request(
      'PATCH',
      `/api/workspaces/${ws}/roles/${created.body.id}`,
      { permissions: ['task.view'] },
      owner,
      { 'if-match': '1' },
    )
    expect(edited.status).toBe(200)
    expect(edited.body).toMatchObject({ permissions: ['task.view'], version: 2 })

    const pm = await t.roleId(owner, ws, 'pm')
    expect(
      (await t.request('PATCH', `/api/workspaces/${ws}/roles/${pm}`, { name: 'Renamed' }, owner)).status,
    ).toBe(409)
    expect((await t.request('DELETE', `/api/workspaces/${ws}/roles/${pm}`, undefined, owner)).status).toBe(
      409,
    )

    await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'qa@example.com', name: 'QA', roleId: created.body.id },
      owner,
    )
    expect(
      (await t.request('DELETE', `/api/workspaces/${ws}/roles/${created.body.id}`, undefined, owner)).status,
    ).toBe(409)
  })

  it('rejects unknown permissions with 400 and writes nothing', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const before = await count(t, 'roles')
    const res = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'Bad', permissions: ['task.view', 'root.everything'] },
      owner,
    )
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    expect(await count(t, 'roles')).toBe(before)
  })

  it('gives a custom role exactly its permissions', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const role = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'Product admin', permissions: ['product.manage'] },
      owner,
    )
    const invited = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'pa@example.com', name: 'PA', roleId: role.body.id },
      owner,
    )
    const accepted = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'pa password 1',
    })
    const pa = t.sessionOf(accepted.headers)
    expect(
      (await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'ERP', name: 'ERP' }, pa)).status,
    ).toBe(201)
    expect((await t.request('GET', `/api/workspaces/${ws}/products`, undefined, pa)).status).toBe(403)
  })
})

describe('activity', () => {
  it('records actor, entity and before → after for every write', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'Acme Industrial' }, owner)
    const res = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?entityType=workspace`,
      undefined,
      owner,
    )
    expect(res.body.items[0]).toMatchObject({
      entityType: 'workspace',
      entityId: ws,
      action: 'updated',
      actor: { id: userId, name: 'Olivia Owner' },
      before: { name: 'Acme' },
      after: { name: 'Acme Industrial' },
      createdAt: '2026-11-02T09:00:00.000Z',
    })
  })

  it('pages with a cursor', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    // The workspace's creation and four renames.
    for (let i = 0; i < 4; i++)
      await t.request('PATCH', `/api/workspaces/${ws}`, { name: `Name ${i}` }, owner)
    const first = await t.request('GET', `/api/workspaces/${ws}/activity?limit=3`, undefined, owner)
    expect(first.body.items).toHaveLength(3)
    const second = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?limit=3&cursor=${first.body.nextCursor}`,
      undefined,
      owner,
    )
    expect(second.body.items).toHaveLength(2)
    expect(second.body.nextCursor).toBeNull()
  })
})

describe('invite acceptance by an existing account', () => {
  it('is throttled like login, so a leaked link cannot be used to guess the password', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    await t.addMember(owner, ws, 'developer', 'dev@example.com')
    const other = await t.request('POST', '/api/workspaces', { name: 'Second' }, owner)
    const role = await t.roleId(owner, other.body.id, 'developer')
    const invited = await t.request(
      'POST',
      `/api/workspaces/${other.body.id}/members`,
      { email: 'dev@example.com', name: 'Dev', roleId: role },
      owner,
    )
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
        password: `guess number ${i}`,
      })
      expect(res.status).toBe(401)
    }
    const blocked = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
      password: 'member password 1',
    })
    expect(blocked.status).toBe(429)
    expect(blocked.body.error.code).toBe('rate_limited')
  })
})

describe('conflicts', () => {
  it('name a machine-readable reason', async () => {
    const t = makeApp()
    const { owner, ws, userId } = await t.setup()
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const me = members.body.items.find((m: { userId: number }) => m.userId === userId)
    const res = await t.request('DELETE', `/api/workspaces/${ws}/members/${me.id}`, undefined, owner)
    expect(res.body.error.details).toEqual({ reason: 'last_owner' })
    const stale = await t.request('PATCH', `/api/workspaces/${ws}`, { name: 'X', version: 99 }, owner)
    expect(stale.body.error.details.reason).toBe('stale_version')
  })
})

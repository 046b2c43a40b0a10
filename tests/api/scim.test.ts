// SCIM 2.0 with the requests directories typically send (Microsoft Entra ID and Okta): discovery, the
// user lookups before creating, creating, updating, deactivating and deleting people, and groups whose
// members meet the provider's group rules. Tokens are the instance owners' to make and revoke.
import { describe, expect, it } from 'vitest'
import { type Caller, makeApp, type TestApp } from '../helpers/app'

const SCIM = 'application/scim+json'

async function directory() {
  const t = makeApp()
  const { owner, ws } = await t.setup()
  const pm = await t.roleId(owner, ws, 'pm')
  const developer = await t.roleId(owner, ws, 'developer')
  const provider = await t.request(
    'POST',
    '/api/admin/providers',
    {
      type: 'oidc',
      slug: 'entra',
      name: 'Entra ID',
      config: {
        issuer: 'https://login.microsoftonline.com/tenant/v2.0',
        clientId: 'keel',
        trustEmails: true,
      },
      access: {
        defaultWorkspaces: [{ workspaceId: ws, roleId: developer }],
        groupRules: [{ group: 'Keel PMs', workspaceId: ws, roleId: pm }],
      },
    },
    owner,
  )
  expect(provider.status).toBe(201)
  const token = await t.request(
    'POST',
    `/api/admin/providers/${provider.body.id}/scim-tokens`,
    { name: 'Entra provisioning' },
    owner,
  )
  expect(token.status).toBe(201)
  expect(token.body.token).toMatch(/^scim_/)
  const bearer: Caller = { headers: { authorization: `Bearer ${token.body.token}` } }
  const scim = async (method: string, path: string, body?: unknown, caller: Caller = bearer) => {
    const res = await t.app.request(`http://localhost/scim/v2${path}`, {
      method,
      headers: { ...caller.headers, ...(body !== undefined && { 'content-type': SCIM }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: text ? JSON.parse(text) : undefined,
    }
  }
  return { t, owner, ws, scim, providerId: provider.body.id as number, tokenId: token.body.id as number }
}

const roleOf = async (t: TestApp, owner: Caller, ws: number, email: string) => {
  const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
  const roles = await t.request('GET', `/api/workspaces/${ws}/roles`, undefined, owner)
  const member = members.body.items.find((m: { email: string }) => m.email === email)
  return member && roles.body.find((r: { id: number }) => r.id === member.roleId).builtIn
}

const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  externalId: `ext-${userName}`,
  userName,
  active: true,
  displayName: 'Chen Jie',
  name: { givenName: 'Jie', familyName: 'Chen' },
  emails: [{ primary: true, type: 'work', value: userName }],
  ...extra,
})

describe('SCIM 2.0', () => {
  it('answers discovery, and refuses requests without a valid token in SCIM’s error shape', async () => {
    const { scim } = await directory()
    const config = await scim('GET', '/ServiceProviderConfig')
    expect(config.status).toBe(200)
    expect(config.type).toContain(SCIM)
    expect(config.body.patch.supported).toBe(true)
    expect((await scim('GET', '/ResourceTypes')).body.Resources.map((r: { id: string }) => r.id)).toEqual([
      'User',
      'Group',
    ])
    for (const caller of [{ headers: {} }, { headers: { authorization: 'Bearer scim_wrong' } }] as Caller[]) {
      const res = await scim('GET', '/Users', undefined, caller)
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '401',
      })
    }
    expect((await scim('GET', '/Nothing')).status).toBe(404)
  })

  it('looks a person up, creates them into the default workspace, and refuses a second with the same name', async () => {
    const { t, owner, ws, scim } = await directory()
    const lookup = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "chen.jie@corp.example"')}`,
    )
    expect(lookup.body).toMatchObject({ totalResults: 0, Resources: [] })
    const created = await scim('POST', '/Users', user('Chen.Jie@corp.example'))
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      userName: 'chen.jie@corp.example',
      externalId: 'ext-Chen.Jie@corp.example',
      displayName: 'Chen Jie',
      active: true,
      meta: { resourceType: 'User', location: `http://localhost/scim/v2/Users/${created.body.id}` },
    })
    expect(await roleOf(t, owner, ws, 'chen.jie@corp.example')).toBe('developer')
    const found = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('userName eq "CHEN.JIE@corp.example"')}`,
    )
    expect(found.body.Resources.map((r: { id: string }) => r.id)).toEqual([created.body.id])
    const byExternal = await scim(
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq "ext-Chen.Jie@corp.example"')}`,
    )
    expect(byExternal.body.totalResults).toBe(1)
    const again = await scim('POST', '/Users', user('chen.jie@corp.example'))
    expect(again.status).toBe(409)
    expect(again.body.scimType).toBe('uniqueness')
    expect((await scim('POST', '/Users', user('not-an-email'))).body.scimType).toBe('invalidValue')
    expect((await scim('GET', '/Users?filter=name.familyName%20co%20%22x%22')).body.scimType).toBe(
      'invalidFilter',
    )
    // An account Keel already had is taken under the directory's care, not duplicated.
    const dev = await t.addMember(owner, ws, 'developer', 'dev@corp.example')
    const adopted = await scim('POST', '/Users', user('dev@corp.example'))
    expect(adopted.body.id).toBe(String(dev.userId))
    const audit = await t.request('GET', '/api/admin/audit?action=account.', undefined, owner)
    expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('account.identity_linked')
  })

  it('deactivates with PATCH active=false (Entra and Okta styles), reactivates, renames, and deletes', async () => {
    const { t, owner, scim } = await directory()
    const created = await scim('POST', '/Users', user('wu@corp.example'))
    const id = created.body.id
    const login = await t.request('POST', '/api/auth/password-reset', { email: 'wu@corp.example' })
    expect(login.status).toBe(409) // email is off here: the account signs in through the provider
    const entra = await scim('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    })
    expect(entra.status).toBe(200)
    expect(entra.body.active).toBe(false)
    const accounts = await t.request('GET', '/api/admin/users', undefined, owner)
    expect(
      accounts.body.items.find((a: { email: string }) => a.email === 'wu@corp.example').deactivatedAt,
    ).not.toBeNull()
    const okta = await scim('PATCH', `/Users/${id}`, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { active: true, displayName: 'Wu Lei' } }],
    })
    expect(okta.body).toMatchObject({ active: true, displayName: 'Wu Lei' })
    const renamed = await scim('PUT', `/Users/${id}`, user('lei.wu@corp.example', { displayName: 'Lei Wu' }))
    expect(renamed.body).toMatchObject({ userName: 'lei.wu@corp.example', displayName: 'Lei Wu' })
    expect((await scim('PATCH', `/Users/${id}`, { Operations: [{ op: 'move', path: 'x' }] })).status).toBe(
      400,
    )

    expect((await scim('DELETE', `/Users/${id}`)).status).toBe(204)
    expect((await scim('GET', `/Users/${id}`)).status).toBe(404)
    const after = await t.request('GET', '/api/admin/users', undefined, owner)
    const kept = after.body.items.find((a: { email: string }) => a.email === 'lei.wu@corp.example')
    expect(kept.deactivatedAt).not.toBeNull()
    const events = await t.request('GET', '/api/admin/audit?action=account.deactivated', undefined, owner)
    expect(events.body.items.every((e: { details: { via?: string } }) => e.details.via === 'scim')).toBe(true)
  })

  it('applies group rules as group members change, by PATCH add/remove and PUT', async () => {
    const { t, owner, ws, scim } = await directory()
    const a = (await scim('POST', '/Users', user('a@corp.example'))).body.id
    const b = (await scim('POST', '/Users', user('b@corp.example'))).body.id
    const group = await scim('POST', '/Groups', {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
      displayName: 'Keel PMs',
      members: [{ value: a }],
    })
    expect(group.status).toBe(201)
    expect(group.body.members.map((m: { value: string }) => m.value)).toEqual([a])
    // In a workspace the rules name, those in none of their groups get the default role there.
    expect(await roleOf(t, owner, ws, 'a@corp.example')).toBe('pm')
    expect(await roleOf(t, owner, ws, 'b@corp.example')).toBe('developer')

    const gid = group.body.id
    await scim('PATCH', `/Groups/${gid}`, {
      Operations: [{ op: 'Add', path: 'members', value: [{ value: b }] }],
    })
    expect(await roleOf(t, owner, ws, 'b@corp.example')).toBe('pm')
    await scim('PATCH', `/Groups/${gid}`, {
      Operations: [{ op: 'Remove', path: `members[value eq "${a}"]` }],
    })
    expect(await roleOf(t, owner, ws, 'a@corp.example')).toBe('developer')
    expect(
      (await scim('GET', `/Groups?filter=${encodeURIComponent('displayName eq "Keel PMs"')}`)).body
        .totalResults,
    ).toBe(1)

    const put = await scim('PUT', `/Groups/${gid}`, { displayName: 'Keel PMs', members: [{ value: a }] })
    expect(put.body.members.map((m: { value: string }) => m.value)).toEqual([a])
    expect(await roleOf(t, owner, ws, 'a@corp.example')).toBe('pm')
    expect(await roleOf(t, owner, ws, 'b@corp.example')).toBe('developer')
    expect(
      (
        await scim('PATCH', `/Groups/${gid}`, {
          Operations: [{ op: 'add', path: 'members', value: [{ value: '999999' }] }],
        })
      ).status,
    ).toBe(400)

    expect((await scim('DELETE', `/Groups/${gid}`)).status).toBe(204)
    expect(await roleOf(t, owner, ws, 'a@corp.example')).toBe('developer')
    expect((await scim('GET', `/Groups/${gid}`)).status).toBe(404)
  })

  it('lets instance owners list and revoke tokens; a revoked token stops at once', async () => {
    const { t, owner, ws, scim, providerId, tokenId } = await directory()
    const dev = await t.addMember(owner, ws, 'developer')
    expect(
      (await t.request('GET', `/api/admin/providers/${providerId}/scim-tokens`, undefined, dev.caller))
        .status,
    ).toBe(403)
    const listed = await t.request('GET', `/api/admin/providers/${providerId}/scim-tokens`, undefined, owner)
    expect(listed.body).toMatchObject({
      baseUrl: 'http://localhost/scim/v2',
      items: [{ name: 'Entra provisioning' }],
    })
    expect(JSON.stringify(listed.body)).not.toMatch(/scim_[A-Za-z0-9_-]{20}/)
    expect((await scim('GET', '/Users')).status).toBe(200)
    expect((await t.request('DELETE', `/api/admin/scim-tokens/${tokenId}`, undefined, owner)).status).toBe(
      204,
    )
    expect((await scim('GET', '/Users')).status).toBe(401)
  })
})

// A member narrowed to some products cannot reach past them: not by managing members (their own scope
// included), nor by editing or deleting customers whose asks sit on products they cannot see.
import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'

async function world() {
  const t = makeApp()
  const { owner, ws } = await t.setup()
  const product = async (key: string) =>
    (await t.request('POST', `/api/workspaces/${ws}/products`, { key, name: key }, owner)).body.id as number
  const mes = await product('MES')
  const srm = await product('SRM')
  const role = await t.request(
    'POST',
    `/api/workspaces/${ws}/roles`,
    {
      name: 'Line lead',
      permissions: ['member.view', 'member.manage', 'product.view', 'customer.view', 'customer.manage'],
    },
    owner,
  )
  const lead = await t.addMemberWithRole(owner, ws, role.body.id, 'lead@example.com', [mes])
  const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
  const leadMember = members.body.items.find((m: { email: string }) => m.email === 'lead@example.com')
  return { t, owner, ws, mes, srm, role: role.body.id as number, lead, leadMemberId: leadMember.id as number }
}

describe('product narrowing', () => {
  it('a narrowed member with member.manage cannot widen their own scope', async () => {
    const { t, ws, srm, mes, lead, leadMemberId } = await world()
    for (const productIds of [null, [mes, srm]]) {
      const res = await t.request(
        'PATCH',
        `/api/workspaces/${ws}/members/${leadMemberId}`,
        { productIds },
        lead.caller,
      )
      expect(res.status, JSON.stringify(productIds)).toBe(403)
    }
    const me = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, lead.caller)
    expect(me.body.items.find((m: { id: number }) => m.id === leadMemberId).productIds).toEqual([mes])
  })

  it('cannot invite to every product or to one they cannot see, only within their own', async () => {
    const { t, ws, srm, mes, role, lead } = await world()
    const invite = (productIds: number[] | undefined, email: string) =>
      t.request(
        'POST',
        `/api/workspaces/${ws}/members`,
        { email, name: 'New', roleId: role, productIds },
        lead.caller,
      )
    expect((await invite(undefined, 'all@example.com')).status).toBe(403)
    expect((await invite([srm], 'srm@example.com')).status).toBe(403)
    expect((await invite([mes], 'mes@example.com')).status).toBe(201)
  })

  it('cannot change or remove a member who sees more than they do', async () => {
    const { t, owner, ws, mes, srm, role, lead } = await world()
    const wide = await t.addMemberWithRole(owner, ws, role, 'wide@example.com', [mes, srm])
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const wideId = members.body.items.find((m: { userId: number }) => m.userId === wide.userId).id
    const narrowed = await t.request(
      'PATCH',
      `/api/workspaces/${ws}/members/${wideId}`,
      { productIds: [mes] },
      lead.caller,
    )
    expect(narrowed.status).toBe(403)
    expect(
      (await t.request('DELETE', `/api/workspaces/${ws}/members/${wideId}`, undefined, lead.caller)).status,
    ).toBe(403)
  })

  it('cannot delete or reweigh a customer whose asks sit on products they cannot see', async () => {
    const { t, owner, ws, srm, lead } = await world()
    const customer = await t.request(
      'POST',
      `/api/workspaces/${ws}/customers`,
      { name: '宁德时代', tier: 'standard' },
      owner,
    )
    const requirement = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${srm}/requirements`,
      { title: 'Supplier bidding' },
      owner,
    )
    await t.request(
      'POST',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}/asks`,
      { customerId: customer.body.id, importance: 'critical' },
      owner,
    )
    const before = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}`,
      undefined,
      owner,
    )
    const url = `/api/workspaces/${ws}/customers/${customer.body.id}`
    expect((await t.request('PATCH', url, { tier: 'strategic' }, lead.caller)).status).toBe(403)
    expect((await t.request('PATCH', url, { contractValue: 9_000_000 }, lead.caller)).status).toBe(403)
    expect((await t.request('DELETE', url, undefined, lead.caller)).status).toBe(403)
    const after = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}`,
      undefined,
      owner,
    )
    expect(after.body.demand).toBe(before.body.demand)
    expect(after.body.asks).toHaveLength(1)
    // What weighs on nothing hidden stays theirs to edit.
    const renamed = await t.request('PATCH', url, { contact: '王工 138…' }, lead.caller)
    expect(renamed.status).toBe(200)
  })
})

describe('reads honour the permission of what they return', () => {
  it('a requirement shows its customers’ asks only to those who may see customers', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const mes = (
      await t.request('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'MES' }, owner)
    ).body.id
    const customer = await t.request(
      'POST',
      `/api/workspaces/${ws}/customers`,
      { name: '宁德时代', contractValue: 5_000_000 },
      owner,
    )
    const requirement = await t.request(
      'POST',
      `/api/workspaces/${ws}/products/${mes}/requirements`,
      { title: '扫码报工' },
      owner,
    )
    await t.request(
      'POST',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}/asks`,
      { customerId: customer.body.id, importance: 'critical', note: '合同附件 3' },
      owner,
    )
    const role = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: 'Reader', permissions: ['product.view', 'requirement.view', 'activity.view'] },
      owner,
    )
    const reader = await t.addMemberWithRole(owner, ws, role.body.id, 'reader@example.com')
    const seen = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${requirement.body.id}`,
      undefined,
      reader.caller,
    )
    expect(seen.status).toBe(200)
    expect(seen.body.asks).toEqual([])
    expect(JSON.stringify(seen.body)).not.toContain('宁德时代')
    const byCustomer = await t.request(
      'GET',
      `/api/workspaces/${ws}/products/${mes}/requirements?customerId=${customer.body.id}`,
      undefined,
      reader.caller,
    )
    expect(byCustomer.status).toBe(403)
    const activity = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?limit=500`,
      undefined,
      reader.caller,
    )
    const types = new Set(activity.body.items.map((a: { entityType: string }) => a.entityType))
    expect(types.has('requirement')).toBe(true)
    for (const hidden of ['customer', 'ask', 'member', 'invite'])
      expect(types.has(hidden), hidden).toBe(false)
    expect(JSON.stringify(activity.body)).not.toContain('5000000')
  })
})

describe('product lists', () => {
  it('refuses a product named twice with a 400 in the one error shape, on an edit and on an invite', async () => {
    const { t, owner, ws, mes, role, leadMemberId } = await world()
    const edit = await t.request(
      'PATCH',
      `/api/workspaces/${ws}/members/${leadMemberId}`,
      { productIds: [mes, mes] },
      owner,
    )
    expect(edit.status).toBe(400)
    expect(edit.body.error.code).toBe('invalid_input')
    const invite = await t.request(
      'POST',
      `/api/workspaces/${ws}/members`,
      { email: 'twice@example.com', name: 'Twice', roleId: role, productIds: [mes, mes] },
      owner,
    )
    expect(invite.status).toBe(400)
    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    expect(members.body.items.find((m: { id: number }) => m.id === leadMemberId).productIds).toEqual([mes])
  })
})

import { describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'

describe('smoke', () => {
  it('sets up and lists workspaces', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const me = await t.request('GET', '/api/me', undefined, owner)
    expect(me.status).toBe(200)
    expect(me.body.workspaces[0].id).toBe(ws)
    const dev = await t.addMember(owner, ws, 'developer')
    const r = await t.request('POST', `/api/workspaces/${ws}/roles`, { name: 'x', permissions: [] }, dev.caller)
    expect(r.status).toBe(403)
    const doc = await t.request('GET', '/api/openapi.json')
    expect(doc.status).toBe(200)
    console.log(Object.keys(doc.body.paths))
  })
})

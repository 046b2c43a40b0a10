// The permission matrix: generated from the route table (the OpenAPI document that every route is
// declared in) × the built-in roles. A route added without an access declaration fails here.
import { describe, expect, it } from 'vitest'
import { BUILT_IN_ROLE_KEYS, BUILT_IN_ROLES, PERMISSION_NAMES } from '../../server/lib/permissions'
import { makeApp } from '../helpers/app'

type Operation = { 'x-permission'?: string }
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const

async function routeTable() {
  const t = makeApp()
  const doc = (await t.request('GET', '/api/openapi.json')).body as {
    paths: Record<string, Record<string, Operation>>
  }
  const operations: { method: string; path: string; access: string | undefined }[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method]
      if (op) operations.push({ method: method.toUpperCase(), path, access: op['x-permission'] })
    }
  }
  return { t, operations }
}

const concrete = (path: string, ws: number) =>
  path
    .replace('{ws}', String(ws))
    .replace(/\{token\}/g, 'x'.repeat(43))
    .replace(/\{[a-zA-Z]+\}/g, '999999')

describe('permission matrix', () => {
  it('every API route is in the route table and declares its access', async () => {
    const { t, operations } = await routeTable()
    const valid = new Set<string>(['public', 'authenticated', 'instance', 'member', ...PERMISSION_NAMES])
    for (const op of operations) expect(valid.has(op.access ?? ''), `${op.method} ${op.path}`).toBe(true)

    // Routes registered on the Hono app but missing from the table (e.g. added with app.get) fail here.
    const documented = new Set(operations.map((o) => `${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`))
    const exempt = new Set([
      'GET /api/openapi.json',
      'GET /api/docs',
      'GET /api/docs/init.js',
      'GET /api/docs/:asset',
    ])
    const registered = t.app.routes
      .filter((r) => r.path.startsWith('/api/') && r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`)
    for (const route of registered) {
      if (exempt.has(route)) continue
      expect(documented.has(route), `${route} has no access declaration`).toBe(true)
    }
    expect(operations.length).toBeGreaterThan(20)
  })

  it('each built-in role is allowed exactly the routes its permissions name', async () => {
    const { t, operations } = await routeTable()
    const { owner, ws } = await t.setup()
    const callers = { owner }
    for (const role of BUILT_IN_ROLE_KEYS) {
      if (role === 'owner') continue
      Object.assign(callers, { [role]: (await t.addMember(owner, ws, role)).caller })
    }
    const checked: string[] = []
    for (const op of operations) {
      if (op.access === 'public' || op.access === 'authenticated') continue
      for (const role of BUILT_IN_ROLE_KEYS) {
        const caller = callers[role as keyof typeof callers]
        // The owner in this test also set the instance up, so only they own the instance.
        const allowed =
          op.access === 'member' ||
          (op.access === 'instance' && role === 'owner') ||
          (BUILT_IN_ROLES[role].permissions as readonly string[]).includes(op.access!)
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {}
        const res = await t.app.request(`http://localhost${concrete(op.path, ws)}`, {
          method: op.method,
          headers: { ...caller.headers, origin: 'http://localhost', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        })
        await res.body?.cancel()
        const label = `${role} ${op.method} ${op.path} (${op.access})`
        if (allowed) expect(res.status, label).not.toBe(403)
        else expect(res.status, label).toBe(403)
        checked.push(label)
      }
    }
    expect(checked.length).toBeGreaterThan(100)
  }, 60_000)

  it('a custom role of each single permission is allowed exactly the routes that name it', async () => {
    const { t, operations } = await routeTable()
    const { owner, ws } = await t.setup()
    const guarded = operations.filter((o) => (PERMISSION_NAMES as readonly string[]).includes(o.access ?? ''))
    let checked = 0
    for (const [i, permission] of PERMISSION_NAMES.entries()) {
      const role = await t.request(
        'POST',
        `/api/workspaces/${ws}/roles`,
        { name: `only ${permission}`, permissions: [permission] },
        owner,
      )
      const { caller } = await t.addMemberWithRole(owner, ws, role.body.id, `only-${i}@example.com`)
      for (const op of guarded) {
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : '{}'
        const res = await t.app.request(`http://localhost${concrete(op.path, ws)}`, {
          method: op.method,
          headers: { ...caller.headers, origin: 'http://localhost', 'content-type': 'application/json' },
          body,
        })
        await res.body?.cancel()
        const label = `only ${permission}: ${op.method} ${op.path} (${op.access})`
        if (op.access === permission) expect(res.status, label).not.toBe(403)
        else expect(res.status, label).toBe(403)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(1000)
  }, 120_000)

  it('refuses every workspace route to non-members (404) and anonymous callers (401)', async () => {
    const { t, operations } = await routeTable()
    const { owner } = await t.setup()
    const other = await t.request('POST', '/api/workspaces', { name: 'Other' }, owner)
    const { ws } = { ws: other.body.id as number }
    // A stranger: a member of the first workspace only.
    const stranger = await t.addMember(owner, 1, 'admin', 'stranger@example.com')
    for (const op of operations.filter((o) => o.path.includes('{ws}'))) {
      const url = `http://localhost${concrete(op.path, ws)}`
      const anon = await t.app.request(url, { method: op.method, headers: { origin: 'http://localhost' } })
      expect(anon.status, `anonymous ${op.method} ${op.path}`).toBe(401)
      const res = await t.app.request(url, {
        method: op.method,
        headers: { ...stranger.caller.headers, origin: 'http://localhost' },
      })
      await res.body?.cancel()
      expect(res.status, `stranger ${op.method} ${op.path}`).toBe(404)
    }
  }, 60_000)
})

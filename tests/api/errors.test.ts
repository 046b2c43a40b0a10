import { describe, expect, it } from 'vitest'
import type { SqliteStore } from '../../db/store'
import { makeApp } from '../helpers/app'
import { testEngine } from '../helpers/store'

describe('the error shape', () => {
  it('answers 401 for workspace routes without a session', async () => {
    const t = makeApp()
    const { ws } = await t.setup()
    const res = await t.request('GET', `/api/workspaces/${ws}/members`)
    expect(res.status).toBe(401)
    expect(res.body).toEqual({ error: { code: 'unauthenticated', message: 'Please log in' } })
  })

  it('answers 401 for a malformed Authorization header or an unknown token', async () => {
    const t = makeApp()
    await t.setup()
    for (const authorization of ['Basic abc', 'Bearer', 'Bearer keel_nope']) {
      const res = await t.request('GET', '/api/me', undefined, { headers: { authorization } })
      expect(res.status, authorization).toBe(401)
      expect(res.body.error.code).toBe('unauthenticated')
    }
  })

  it('answers 404 not_found for unknown API routes', async () => {
    const t = makeApp()
    const res = await t.request('GET', '/api/nope/nothing')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'No such API route' } })
    expect((await t.request('DELETE', '/api/health')).status).toBe(404)
  })

  it('answers 400 for malformed JSON and wrong types, never 500', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    const malformed = await t.request('POST', `/api/workspaces/${ws}/roles`, '{"name": "x", ', owner)
    expect(malformed.status).toBe(400)
    expect(malformed.body.error.code).toBe('invalid_input')
    const wrongType = await t.request(
      'POST',
      `/api/workspaces/${ws}/roles`,
      { name: ['x'], permissions: 'all' },
      owner,
    )
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error.details.length).toBeGreaterThan(0)
    const badId = await t.request('PATCH', `/api/workspaces/${ws}/roles/abc`, { name: 'x' }, owner)
    expect(badId.status).toBe(400)
    const hugeId = await t.request('GET', `/api/workspaces/99999999999999999999/members`, undefined, owner)
    expect(hugeId.status).toBe(404)
  })

  it('answers 413 for a body over 1 MB and writes nothing', async () => {
    const t = makeApp()
    const { owner } = await t.setup()
    const body = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) })
    const res = await t.request('POST', '/api/workspaces', body, owner)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
    const [workspaces] = await t.sql<{ n: number }>('select count(*) as n from workspaces')
    expect(workspaces!.n).toBe(1)
  })

  it('caps names at 200 characters and texts at 100,000', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup()
    expect((await t.request('POST', '/api/workspaces', { name: 'x'.repeat(201) }, owner)).status).toBe(400)
    expect((await t.request('POST', '/api/workspaces', { name: 'x'.repeat(200) }, owner)).status).toBe(201)
    const long = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'AB', name: 'A', description: 'y'.repeat(100_001) },
      owner,
    )
    expect(long.status).toBe(400)
  })

  it('reports the engine and whether the database answers; 503 when it does not', async () => {
    const t = makeApp()
    const up = await t.request('GET', '/api/health')
    expect(up.status).toBe(200)
    const engine = testEngine()
    expect(up.body).toEqual({ ok: true, version: expect.any(String), engine, database: 'ok' })
    // The database goes away: SQLite's connection closed under the app, PostgreSQL's pool ended.
    if (engine === 'sqlite') (t.store as SqliteStore).db.$client.close()
    else await t.store.close()
    const down = await t.request('GET', '/api/health')
    expect(down.status).toBe(503)
    expect(down.body).toMatchObject({ ok: false, engine, database: 'unavailable' })
  })

  it('sends secure headers and a strict content security policy', async () => {
    const t = makeApp()
    const res = await t.request('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.body.ok).toBe(true)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'")
  })

  it('serves the OpenAPI 3.1 document and the API reference page', async () => {
    const t = makeApp()
    const doc = await t.request('GET', '/api/openapi.json')
    expect(doc.body.openapi).toBe('3.1.0')
    expect(doc.body.paths['/api/workspaces/{ws}/members'].post['x-permission']).toBe('member.manage')
    const page = await t.app.request('/api/docs')
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js')
    const bundle = await t.app.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
  })
})

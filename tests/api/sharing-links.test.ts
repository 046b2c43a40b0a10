// Share links: creating, listing and revoking them (share.create only, narrowed members only for their
// products), 128-bit tokens stored hashed, and the public link answering 404 once revoked, expired,
// or when its product or customer is gone; unknown tokens are throttled per address.
import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'
import { type Domain, domainApp, type Json, rows, withWorkspace } from '../helpers/domain'

const TOKEN = /^[A-Za-z0-9_-]{22}$/

async function linked(d: Domain) {
  const p = await d.product('MES')
  const customer = await d.customer({ name: 'Acme Steel' })
  const req = await d.requirement(p.id, { title: 'Andon alerts', status: 'approved' })
  await d.ok('POST', `/requirements/${req.id}/asks`, { customerId: customer.id }, 201)
  return { p, customer, req }
}

const publicGet = (d: Domain, token: string) => d.t.request('GET', `/api/share/${token}`)
const calendarGet = (d: Domain, token: string) => d.t.request('GET', `/api/calendar/${token}.ics`)

function expectNotFound(res: { status: number; body: Json }) {
  expect(res.status).toBe(404)
  expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
}

describe('creating a share link', () => {
  it('answers a 128-bit token once, with the page and calendar URLs, and stores only its hash', async () => {
    const d = await domainApp()
    const { p, customer } = await linked(d)
    const link = await d.ok(
      'POST',
      '/share-links',
      { productId: p.id, customerId: customer.id, label: 'For Acme', expiresAt: '2027-01-01T00:00:00.000Z' },
      201,
    )
    expect(link).toMatchObject({
      id: expect.any(Number),
      productId: p.id,
      customerId: customer.id,
      showConsidering: true,
      label: 'For Acme',
      prefix: link.token.slice(0, 6),
      createdAt: '2026-11-02T09:00:00.000Z',
      expiresAt: '2027-01-01T00:00:00.000Z',
      token: expect.stringMatching(TOKEN),
      url: `http://localhost/s/${link.token}`,
      calendarUrl: `http://localhost/api/calendar/${link.token}.ics`,
    })
    expect(link).not.toHaveProperty('tokenHash')
    // 22 base64url characters carry 132 bits; the 16 bytes behind them are 128.
    expect(Buffer.from(link.token, 'base64url')).toHaveLength(16)

    const [row] = await rows(d.t, 'share_links')
    expect(row!.token_hash).toBe(createHash('sha256').update(link.token).digest('hex'))
    expect(row!.prefix).toBe(link.token.slice(0, 6))
    expect(JSON.stringify(await rows(d.t, 'share_links'))).not.toContain(link.token)
    expect(JSON.stringify(await rows(d.t, 'activity'))).not.toContain(link.token)
    expect(JSON.stringify(await rows(d.t, 'activity'))).not.toContain(row!.token_hash as string)

    // The list never shows a token again.
    const list = await d.ok('GET', '/share-links')
    expect(list.items).toEqual([
      {
        id: link.id,
        productId: p.id,
        productKey: 'MES',
        customerId: customer.id,
        customerName: 'Acme Steel',
        showConsidering: true,
        label: 'For Acme',
        prefix: link.token.slice(0, 6),
        createdAt: '2026-11-02T09:00:00.000Z',
        expiresAt: '2027-01-01T00:00:00.000Z',
        revokedAt: null,
      },
    ])
    expect(JSON.stringify(list)).not.toContain(link.token)
  })

  it('makes a different random token every time', async () => {
    const d = await domainApp()
    const { p } = await linked(d)
    const tokens = new Set<string>()
    for (let i = 0; i < 20; i++)
      tokens.add((await d.ok('POST', '/share-links', { productId: p.id }, 201)).token)
    expect(tokens.size).toBe(20)
    for (const token of tokens) expect(token).toMatch(TOKEN)
    expect(new Set((await rows(d.t, 'share_links')).map((r) => r.token_hash)).size).toBe(20)
  })

  it('rejects an unknown product (404), an unknown or foreign customer and a past expiry (400)', async () => {
    const d = await domainApp()
    const { p } = await linked(d)
    const elsewhere = await d.t.request('POST', '/api/workspaces', { name: 'Other' }, d.owner)
    const other = withWorkspace(d.t, d.owner, elsewhere.body.id, d.userId)
    const foreignProduct = await other.product('OTH')
    const foreignCustomer = await other.customer({ name: 'Foreign customer' })

    const unknownProduct = await d.api('POST', '/share-links', { productId: 999_999 })
    expect(unknownProduct.status).toBe(404)
    const foreign = await d.api('POST', '/share-links', { productId: foreignProduct.id })
    expect(foreign.status).toBe(404)
    expect(foreign.body.error.code).toBe('not_found')
    for (const body of [
      { productId: p.id, customerId: 999_999 },
      { productId: p.id, customerId: foreignCustomer.id },
      { productId: p.id, expiresAt: '2026-11-01T00:00:00.000Z' },
      { productId: p.id, expiresAt: '2026-11-02T09:00:00.000Z' },
      { productId: p.id, expiresAt: 'next week' },
      { productId: 'MES' },
      {},
    ]) {
      const res = await d.api('POST', '/share-links', body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    expect(await rows(d.t, 'share_links')).toEqual([])
  })
})

describe('who may manage share links', () => {
  it('needs share.create to list, create or revoke: a developer or stakeholder gets 403', async () => {
    const d = await domainApp()
    const { p } = await linked(d)
    const link = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    for (const role of ['developer', 'stakeholder']) {
      const { caller } = await d.t.addMember(d.owner, d.ws, role, `${role}@example.com`)
      for (const [method, path, body] of [
        ['GET', '/share-links', undefined],
        ['POST', '/share-links', { productId: p.id }],
        ['DELETE', `/share-links/${link.id}`, undefined],
      ] as const) {
        const res = await d.api(method, path, body, caller)
        expect(res.status, `${role} ${method} ${path}`).toBe(403)
        expect(res.body.error.code).toBe('forbidden')
      }
    }
    expect(await rows(d.t, 'share_links')).toHaveLength(1)
    expect((await rows(d.t, 'share_links'))[0]!.revoked_at).toBeNull()
    // A PM may.
    const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'pm@example.com')
    expect((await d.api('POST', '/share-links', { productId: p.id }, pm.caller)).status).toBe(201)
  })

  it('keeps a member narrowed to product A away from product B links (404)', async () => {
    const d = await domainApp()
    const { p: a } = await linked(d)
    const b = await d.product('ERP')
    const linkB = await d.ok('POST', '/share-links', { productId: b.id }, 201)
    const narrowed = await d.t.addMember(d.owner, d.ws, 'pm', 'narrow@example.com', [a.id])
    const create = await d.api('POST', '/share-links', { productId: b.id }, narrowed.caller)
    expect(create.status).toBe(404)
    expect(create.body.error.code).toBe('not_found')
    const revoke = await d.api('DELETE', `/share-links/${linkB.id}`, undefined, narrowed.caller)
    expect(revoke.status).toBe(404)
    const linkA = await d.ok('POST', '/share-links', { productId: a.id }, 201, narrowed.caller)
    const list = await d.ok('GET', '/share-links', undefined, 200, narrowed.caller)
    expect(list.items.map((l: Json) => l.id)).toEqual([linkA.id])
    expect((await rows(d.t, 'share_links')).find((r) => r.id === linkB.id)!.revoked_at).toBeNull()
    expect((await publicGet(d, linkB.token)).status).toBe(200)
  })
})

describe('the public link', () => {
  // One app for the block; each test makes its own product and links. Together they stay under the
  // 30 unknown-token failures that would throttle the test client's address.
  let d: Domain
  let n = 0
  beforeAll(async () => {
    d = await domainApp()
  })
  const fresh = async () => {
    n++
    const p = await d.product(`P${n}`)
    const customer = await d.customer({ name: `Customer ${n}` })
    const req = await d.requirement(p.id, { title: 'Andon alerts', status: 'approved' })
    await d.ok('POST', `/requirements/${req.id}/asks`, { customerId: customer.id }, 201)
    return { p, customer }
  }

  it('is read without logging in, not cached and not indexed', async () => {
    const { p } = await fresh()
    const link = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    const res = await publicGet(d, link.token)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-robots-tag')).toBe('noindex')
    expect(res.body.product).toEqual({ key: p.key, name: p.name })
    // Read-only: nothing under it writes.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await d.t.request(method, `/api/share/${link.token}`, {})).status).not.toBe(200)
    }
  })

  it('answers 404 once revoked, and revoking twice is 404 too', async () => {
    const { p } = await fresh()
    const link = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    const keep = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    d.t.clock.advance(60_000)
    const revokedAt = d.t.clock.now().toISOString()
    await d.ok('DELETE', `/share-links/${link.id}`, undefined, 204)
    expectNotFound(await publicGet(d, link.token))
    expectNotFound(await calendarGet(d, link.token))
    expectNotFound(await d.api('DELETE', `/share-links/${link.id}`))
    expect((await publicGet(d, keep.token)).status).toBe(200)
    const listed = (await d.ok('GET', '/share-links')).items.find((l: Json) => l.id === link.id)
    expect(listed.revokedAt).toBe(revokedAt)
  })

  it('answers 404 from the moment it expires', async () => {
    const { p } = await fresh()
    const now = d.t.clock.now().getTime()
    const expiresAt = new Date(now + 3_600_000).toISOString()
    const link = await d.ok('POST', '/share-links', { productId: p.id, expiresAt }, 201)
    const forever = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    d.t.clock.set(new Date(now + 3_599_000))
    expect((await publicGet(d, link.token)).status).toBe(200)
    expect((await calendarGet(d, link.token)).status).toBe(200)
    d.t.clock.set(expiresAt)
    expectNotFound(await publicGet(d, link.token))
    expectNotFound(await calendarGet(d, link.token))
    d.t.clock.advance(86_400_000)
    expectNotFound(await publicGet(d, link.token))
    expect((await publicGet(d, forever.token)).status).toBe(200)
  })

  it('expires on time when the expiry is written without milliseconds', async () => {
    const { p } = await fresh()
    const at = new Date(d.t.clock.now().getTime() + 3_600_000)
    at.setUTCMilliseconds(0)
    const expiresAt = at.toISOString().replace('.000Z', 'Z') // e.g. 2026-11-02T10:01:00Z, valid ISO-8601
    const link = await d.ok('POST', '/share-links', { productId: p.id, expiresAt }, 201)
    d.t.clock.set(new Date(at.getTime() - 1))
    expect((await publicGet(d, link.token)).status).toBe(200)
    d.t.clock.set(new Date(at.getTime() + 500))
    expectNotFound(await publicGet(d, link.token))
  })

  it('answers 404 when its product is deleted', async () => {
    const { p, customer } = await fresh()
    const plain = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    const scoped = await d.ok('POST', '/share-links', { productId: p.id, customerId: customer.id }, 201)
    await d.ok('DELETE', `/products/${p.id}?confirm=${p.key}`, undefined, 204)
    for (const token of [plain.token, scoped.token]) {
      expectNotFound(await publicGet(d, token))
      expectNotFound(await calendarGet(d, token))
    }
  })

  it('answers 404 for a customer-scoped link once that customer is deleted; the product-wide link lives on', async () => {
    const { p, customer } = await fresh()
    const plain = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    const scoped = await d.ok('POST', '/share-links', { productId: p.id, customerId: customer.id }, 201)
    expect((await publicGet(d, scoped.token)).body.customer).toEqual({ name: customer.name })
    await d.ok('DELETE', `/customers/${customer.id}`, undefined, 204)
    expectNotFound(await publicGet(d, scoped.token))
    expectNotFound(await calendarGet(d, scoped.token))
    const res = await publicGet(d, plain.token)
    expect(res.status).toBe(200)
    expect(res.body.customer).toBeNull()
  })

  it('answers 404 for unknown and malformed tokens, in the error shape', async () => {
    for (const token of [
      'AAAAAAAAAAAAAAAAAAAAAA',
      'short',
      'has.dots.in.it.1234567',
      '%00',
      'x'.repeat(100),
    ]) {
      const res = await publicGet(d, encodeURIComponent(token))
      expect([400, 404], token).toContain(res.status)
      expect(res.body.error.code).toMatch(/^(not_found|invalid_input)$/)
    }
    expectNotFound(await publicGet(d, 'AAAAAAAAAAAAAAAAAAAAAA'))
    expectNotFound(await calendarGet(d, 'AAAAAAAAAAAAAAAAAAAAAA'))
  })
})

describe('throttling unknown tokens', () => {
  let t: ReturnType<typeof makeApp>
  let d: Domain
  let good: string
  let revoked: string
  beforeAll(async () => {
    t = makeApp({ trustProxy: true })
    const { owner, ws, userId } = await t.setup()
    d = withWorkspace(t, owner, ws, userId)
    const { p } = await linked(d)
    good = (await d.ok('POST', '/share-links', { productId: p.id }, 201)).token
    const gone = await d.ok('POST', '/share-links', { productId: p.id }, 201)
    await d.ok('DELETE', `/share-links/${gone.id}`, undefined, 204)
    revoked = gone.token
  })
  const from = (ip: string) => ({ 'x-forwarded-for': ip })

  it('counts revoked tokens like unknown ones', async () => {
    const ip = from('192.0.2.55')
    for (let i = 0; i < 30; i++) {
      expect((await t.request('GET', `/api/share/${revoked}`, undefined, undefined, ip)).status).toBe(404)
    }
    expect((await t.request('GET', `/api/share/${revoked}`, undefined, undefined, ip)).status).toBe(429)
  })

  it('answers 429 to an address after 30 unknown tokens, even for a good one; other addresses go on', async () => {
    const guess = (n: number) => `guess${String(n).padStart(17, '0')}`
    const ip = from('203.0.113.7')
    for (let i = 0; i < 30; i++) {
      const path = i % 2 ? `/api/share/${guess(i)}` : `/api/calendar/${guess(i)}.ics`
      const res = await t.request('GET', path, undefined, undefined, ip)
      expect(res.status, `guess ${i}`).toBe(404)
    }
    const blocked = await t.request('GET', `/api/share/${guess(99)}`, undefined, undefined, ip)
    expect(blocked.status).toBe(429)
    expect(blocked.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String) } })
    expect((await t.request('GET', `/api/share/${good}`, undefined, undefined, ip)).status).toBe(429)
    expect((await t.request('GET', `/api/calendar/${good}.ics`, undefined, undefined, ip)).status).toBe(429)
    expect(
      (await t.request('GET', `/api/share/${good}`, undefined, undefined, from('198.51.100.1'))).status,
    ).toBe(200)
    // Good links do not count against an address.
    for (let i = 0; i < 31; i++) {
      const res = await t.request('GET', `/api/share/${good}`, undefined, undefined, from('198.51.100.2'))
      expect(res.status).toBe(200)
    }
    // The block lifts after the window (15 minutes).
    t.clock.advance(15 * 60_000 + 1000)
    expect((await t.request('GET', `/api/share/${good}`, undefined, undefined, ip)).status).toBe(200)
  })
})

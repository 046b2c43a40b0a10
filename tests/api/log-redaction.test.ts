// Secrets never reach the log: share-link, calendar, invite and password-reset tokens in the path, and
// token/secret query parameters, are redacted from the request log line and the internal-error line.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { SqliteStore } from '../../db/store'
import { createApp } from '../../server/app'
import { redactPath } from '../../server/lib/redact'
import { makeApp, ORIGIN } from '../helpers/app'
import { withWorkspace } from '../helpers/domain'
import { testEngine } from '../helpers/store'

/** A fresh app with an owner, and a second app on the same database whose log lines are kept. */
async function loggedApp() {
  const t = makeApp()
  const { owner, ws, userId } = await t.setup()
  const d = withWorkspace(t, owner, ws, userId)
  const lines: string[] = []
  const app = createApp({ store: t.store, clock: t.clock, log: (line) => lines.push(line) })
  const request = (method: string, path: string, body?: unknown) =>
    app.request(`${ORIGIN}${path}`, {
      method,
      headers: { origin: ORIGIN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  return { t, d, lines, request }
}

const FAKE_TOKEN = 'fakeSecretToken_0123456789abcdef'

describe('the request log', () => {
  it('never holds a share-link, calendar, invite or password-reset token, on success or failure', async () => {
    const { t, d, lines, request } = await loggedApp()
    const product = await d.product('MES')
    const link = await d.ok('POST', '/share-links', { productId: product.id }, 201)
    const invite = await d.ok(
      'POST',
      '/members',
      { email: 'dev@example.com', name: 'Dev', roleId: await t.roleId(d.owner, d.ws, 'developer') },
      201,
    )
    const shareToken: string = link.token
    const inviteToken: string = invite.token
    expect(shareToken.length).toBeGreaterThan(10)
    expect(inviteToken.length).toBeGreaterThan(10)

    const calls: [string, string, unknown?][] = [
      ['GET', `/api/share/${shareToken}`],
      ['GET', `/api/calendar/${shareToken}.ics`],
      ['GET', `/api/invites/${inviteToken}`],
      ['POST', `/api/invites/${inviteToken}/accept`, { password: 'member password 1' }],
      ['GET', `/api/share/${FAKE_TOKEN}`],
      ['GET', `/api/calendar/${FAKE_TOKEN}.ics`],
      ['GET', `/api/invites/${FAKE_TOKEN}`],
      ['POST', `/api/invites/${FAKE_TOKEN}/accept`, { password: 'member password 1' }],
      ['GET', `/api/auth/password-reset/${FAKE_TOKEN}`],
      ['GET', `/api/share/${FAKE_TOKEN}?token=${FAKE_TOKEN}x&secret=${FAKE_TOKEN}y`],
      // A mistyped route still carries a real token to its 404.
      ['GET', `/API/Share/${FAKE_TOKEN}z`],
    ]
    const statuses: number[] = []
    for (const [method, path, body] of calls) statuses.push((await request(method, path, body)).status)
    // The real links worked (the log line is written either way).
    expect(statuses.slice(0, 4)).toEqual([200, 200, 200, 200])

    expect(lines).toHaveLength(calls.length)
    for (const secret of [shareToken, inviteToken, FAKE_TOKEN]) {
      for (const line of lines) expect(line).not.toContain(secret)
    }
    expect(lines[0]).toMatch(/^GET \/api\/share\/\[redacted\] 200 /)
    expect(lines[1]).toMatch(/^GET \/api\/calendar\/\[redacted\] 200 /)
    expect(lines[3]).toMatch(/^POST \/api\/invites\/\[redacted\]\/accept 200 /)
  })

  it('keeps ordinary paths as they are', async () => {
    const { d, lines, request } = await loggedApp()
    await request('GET', '/api/health')
    await request('GET', `/api/workspaces/${d.ws}/share-links`)
    expect(lines[0]).toMatch(/^GET \/api\/health \d{3} /)
    expect(lines[1]).toMatch(new RegExp(`^GET /api/workspaces/${d.ws}/share-links 401 `))
  })

  it('never holds a token in the line written for an internal error', async () => {
    const { t, lines, request } = await loggedApp()
    // A closed database makes the share route fail unexpectedly: a 500 and its log line (SQLite's
    // connection closed under the app, PostgreSQL's pool ended).
    if (testEngine() === 'sqlite') (t.store as SqliteStore).db.$client.close()
    else await t.store.close()
    const res = await request('GET', `/api/share/${FAKE_TOKEN}`)
    expect(res.status).toBe(500)
    const internal = lines.filter((line) => line.startsWith('internal error'))
    expect(internal).toHaveLength(1)
    expect(internal[0]).toContain('GET /api/share/[redacted]')
    for (const line of lines) expect(line).not.toContain(FAKE_TOKEN)
  })
})

/**
 * Path parameters that name things rather than unlock them. Any other parameter, in an API route or a web
 * page's route, is taken for a secret and must be redacted: a new route with a new parameter name fails
 * here until it is either added to this list or to the redactor.
 */
const IDENTIFIERS = new Set(['id', 'ws', 'key', 'productId', 'askId', 'deliveryId', 'provider'])

/** `{param}` or `:param` in a route pattern becomes this, so the test can find where it went. */
const secretFor = (name: string) => `sEcReT${name}0123456789abcdefXYZ`

describe('every secret a route takes in its path', () => {
  const apiPaths = async () => {
    const t = makeApp()
    const doc = (await (await t.app.request(`${ORIGIN}/api/openapi.json`)).json()) as { paths: object }
    return Object.keys(doc.paths)
  }
  // The web app's routes, nested under their parents as the router nests them (only /w/:ws nests).
  const webPaths = () => {
    const source = readFileSync(new URL('../../web/src/app.tsx', import.meta.url), 'utf8')
    return [...source.matchAll(/path="([^"]+)"/g)].map((m) => m[1] as string)
  }

  const check = (patterns: string[], parameter: RegExp) => {
    const unredacted: string[] = []
    let secrets = 0
    for (const pattern of patterns) {
      const names = [...pattern.matchAll(parameter)].map((m) => m[1] as string)
      const path = pattern.replace(parameter, (_, name: string) =>
        IDENTIFIERS.has(name) ? '42' : secretFor(name),
      )
      for (const name of names.filter((n) => !IDENTIFIERS.has(n))) {
        secrets++
        for (const variant of [path, path.toUpperCase(), path.replaceAll('/', '//')]) {
          if (redactPath(variant).toLowerCase().includes(secretFor(name).toLowerCase()))
            unredacted.push(variant)
        }
      }
    }
    return { unredacted, secrets }
  }

  it('is redacted in every API route that takes one', async () => {
    const { unredacted, secrets } = check(await apiPaths(), /\{(\w+)\}/g)
    expect(unredacted).toEqual([])
    // share, calendar, invites (2), password reset, unsubscribe (GET and POST share a path)
    expect(secrets).toBeGreaterThanOrEqual(6)
  })

  it('is redacted in every web page that takes one (the links that emails and dialogs hand out)', () => {
    const { unredacted, secrets } = check(webPaths(), /:(\w+)/g)
    expect(unredacted).toEqual([])
    expect(secrets).toBeGreaterThanOrEqual(3)
  })
})

describe('redactPath', () => {
  it.each([
    ['/api/share/abc123', '/api/share/[redacted]'],
    ['/api/calendar/abc123.ics', '/api/calendar/[redacted]'],
    ['/api/invites/abc123', '/api/invites/[redacted]'],
    ['/api/invites/abc123/accept', '/api/invites/[redacted]/accept'],
    ['/api/auth/password-reset/abc123', '/api/auth/password-reset/[redacted]'],
    ['/api/auth/password-reset/confirm', '/api/auth/password-reset/confirm'],
    ['/invite/abc123', '/invite/[redacted]'],
    ['/s/abc123', '/s/[redacted]'],
    ['/reset-password/abc123', '/reset-password/[redacted]'],
    ['/unsubscribe/abc123', '/unsubscribe/[redacted]'],
    ['/api/unsubscribe/abc123', '/api/unsubscribe/[redacted]'],
    ['/verify-email/abc123', '/verify-email/[redacted]'],
    ['//api//share/abc123', '//api//share/[redacted]'],
    ['/API/SHARE/abc123', '/API/SHARE/[redacted]'],
    ['/api/hook?token=abc&page=2', '/api/hook?token=[redacted]&page=2'],
    ['/api/hook?a=1&secret=abc#top', '/api/hook?a=1&secret=[redacted]#top'],
    [
      '/api/hook?access_token=abc&client_secret=def',
      '/api/hook?access_token=[redacted]&client_secret=[redacted]',
    ],
    ['/api/tokens/3', '/api/tokens/3'],
    ['/settings/tokens?tokens=3', '/settings/tokens?tokens=3'],
    ['/api/workspaces/1/share-links', '/api/workspaces/1/share-links'],
  ])('%s → %s', (path, expected) => {
    expect(redactPath(path)).toBe(expected)
  })
})

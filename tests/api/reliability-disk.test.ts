// Disk trouble: the app on a database file that turns read-only (`PRAGMA query_only`, since this machine
// runs the tests as root and root ignores file modes) or full (`PRAGMA max_page_count` at the current
// size). Writes answer 503 `unavailable` with a clear message in the error shape, reads keep working, no
// event is published for a write that did not commit, nothing is half-written or corrupted, and writes
// succeed again once the condition clears.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openStore } from '../../db/store'
import { createApp } from '../../server/app'
import { fixedClock } from '../../server/lib/clock'
import { EventBus, type KeelEvent } from '../../server/lib/events'
import { clip, expectErrorShape, type Json, removeTempDirs, tempDir } from '../helpers/reliability'

const ORIGIN = 'http://localhost'
afterEach(removeTempDirs)
const CLEAR = /read-only|disk|full|cannot be written/i

async function fileApp() {
  const path = join(tempDir('disk'), 'keel.db')
  const store = openStore({ path })
  const db = store.writer
  const clock = fixedClock('2026-11-02T09:00:00.000Z')
  const events = new EventBus()
  const app = createApp({ store, clock, events })
  const headers: Record<string, string> = { origin: ORIGIN }

  async function call(method: string, url: string, body?: unknown, extra: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers, ...extra }
    if (body !== undefined) h['content-type'] = 'application/json'
    const res = await app.request(`${ORIGIN}${url}`, {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    let json: Json
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = text
    }
    return { status: res.status, body: json, text, headers: res.headers }
  }
  async function ok(
    method: string,
    url: string,
    body?: unknown,
    status = 200,
    extra: Record<string, string> = {},
  ) {
    const res = await call(method, url, body, extra)
    if (res.status !== status) throw new Error(`${method} ${url} → ${res.status}: ${clip(res.text)}`)
    return res.body
  }

  const setup = await call('POST', '/api/setup', {
    workspaceName: 'Acme',
    name: 'Olivia Owner',
    email: 'owner@example.com',
    password: 'correct horse battery',
  })
  headers.cookie = `keel_session=${setup.headers.get('set-cookie')!.match(/keel_session=([^;]+)/)![1]}`
  const ws = setup.body.workspace.id as number
  const w = (p: string) => `/api/workspaces/${ws}${p}`
  const product = await ok('POST', w('/products'), { key: 'MES', name: 'MES' }, 201)
  const iteration = await ok(
    'POST',
    w(`/products/${product.id}/iterations`),
    {
      name: 'Sprint',
      startDate: '2026-11-09',
      endDate: '2026-11-20',
      capacity: 10,
      stabilityBudgetPercent: 20,
    },
    201,
  )
  const req = await ok(
    'POST',
    w(`/products/${product.id}/requirements`),
    { title: '排产计划 requirement' },
    201,
  )
  const task = await ok(
    'POST',
    w('/tasks'),
    { productId: product.id, kind: 'chore', title: 'A task', iterationId: iteration.id },
    201,
  )
  const token = await ok('POST', '/api/tokens', { name: 'script' }, 201)
  const published: KeelEvent[] = []
  events.subscribe(ws, (e) => published.push(e))

  /** Every table's rows hashed, with max(activity.id): equal means nothing was written. */
  const fingerprint = () => {
    const sqlite = db.$client
    const hash = createHash('sha1')
    for (const table of sqlite
      .prepare("select name from sqlite_master where type = 'table' order by name")
      .pluck()
      .all() as string[]) {
      hash.update(table + JSON.stringify(sqlite.prepare(`select * from "${table}"`).raw().all()))
    }
    return `${hash.digest('hex')}/${sqlite.prepare('select max(id) from activity').pluck().get()}`
  }

  /**
   * The writes a user makes all day, each a fresh call (titles differ so every one changes something).
   * With `growing`, only writes big enough to need new pages (a full database still has slack in its pages).
   */
  let n = 0
  const writes = (growing = false): (readonly [string, string, unknown])[] => {
    n++
    const big = (c: string) => c.repeat(40_000)
    const all = [
      [
        'POST',
        w(`/products/${product.id}/requirements`),
        { title: `New requirement ${n}`, description: big('r') },
      ],
      ['PATCH', w(`/requirements/${req.id}`), { title: `Retitled ${n}`, description: big('d') }],
      ['POST', w(`/requirements/${req.id}/comments`), { body: `A comment ${n} ${big('c')}` }],
      ['POST', w('/tasks'), { productId: product.id, kind: 'bug', title: `Bug ${n}`, description: big('b') }],
      ['PATCH', w(`/tasks/${task.id}`), { description: big(String(n % 10)) }],
      ['POST', w('/customers'), { name: `Customer ${n}`, contact: 'x'.repeat(400) }],
      ['POST', w(`/tasks/${task.id}/move`), { status: n % 2 ? 'doing' : 'review' }],
      ['POST', '/api/tokens', { name: `token ${n}` }],
    ] as const
    return growing ? [...all.slice(0, 5)] : [...all]
  }
  const reads = [
    w(`/products/${product.id}/requirements`),
    w(`/requirements/${req.id}`),
    w(`/iterations/${iteration.id}/board`),
    w(`/search?q=${encodeURIComponent('排产')}`),
    w('/activity'),
    '/api/me',
  ]
  return { db, store, path, clock, call, ok, w, fingerprint, writes, reads, published, token, req }
}

type FileApp = Awaited<ReturnType<typeof fileApp>>

/** Every read answers 200; answers are returned so callers can compare them across a failed write. */
async function expectReadsWork(a: FileApp, label: string) {
  const bodies: string[] = []
  for (const url of a.reads) {
    const res = await a.call('GET', url)
    expect(res.status, `${label}: GET ${url} → ${clip(res.text)}`).toBe(200)
    bodies.push(res.text)
  }
  return bodies
}

async function expectWrites503(a: FileApp, label: string, growing = false) {
  for (const [method, url, body] of a.writes(growing)) {
    const before = a.fingerprint()
    const events = a.published.length
    const res = await a.call(method, url, body)
    const what = `${label}: ${method} ${url} → ${res.status} ${clip(res.text)}`
    expect(res.status, what).toBe(503)
    expectErrorShape(res, what)
    expect(res.body.error.code, what).toBe('unavailable')
    expect(res.body.error.message, what).toMatch(CLEAR)
    expect(res.text, what).not.toMatch(/SQLITE|sqlite|INSERT|UPDATE|select/)
    expect(a.fingerprint(), `${what}: nothing written`).toBe(before)
    expect(a.published.length, `${what}: no event for a write that did not commit`).toBe(events)
  }
}

async function expectWritesWork(a: FileApp, label: string) {
  for (const [method, url, body] of a.writes()) {
    const res = await a.call(method, url, body)
    expect(res.status, `${label}: ${method} ${url} → ${clip(res.text)}`).toBeLessThan(300)
  }
}

function expectIntact(path: string) {
  const check = new Database(path, { readonly: true })
  try {
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(check.pragma('foreign_key_check')).toEqual([])
  } finally {
    check.close()
  }
}

describe('a read-only database', () => {
  it('answers 503 unavailable to writes, serves reads, and recovers when writable again', async () => {
    const a = await fileApp()
    try {
      const before = await expectReadsWork(a, 'writable')
      a.db.$client.pragma('query_only = 1')
      await expectWrites503(a, 'read-only')
      // Reads work and show exactly what was there (no cache holds a write that did not commit).
      expect(await expectReadsWork(a, 'read-only')).toEqual(before)
      // Logging in needs a new session row: 503, not a 500 and not a wrong-password 401.
      const login = await a.call('POST', '/api/auth/login', {
        email: 'owner@example.com',
        password: 'correct horse battery',
      })
      expect(login.status, clip(login.text)).toBe(503)
      expectErrorShape(login, 'login while read-only')
      a.db.$client.pragma('query_only = 0')
      await expectWritesWork(a, 'writable again')
      expectIntact(a.path)
    } finally {
      await a.store.close()
    }
  })

  it('keeps serving reads to sessions and API tokens that are due a last-used or expiry update', async () => {
    const a = await fileApp()
    try {
      a.db.$client.pragma('query_only = 1')
      // Two hours later: the session cookie is due its sliding expiry and the token its last-used time.
      a.clock.advance(2 * 60 * 60 * 1000)
      const failed: string[] = []
      for (const url of a.reads) {
        const viaCookie = await a.call('GET', url)
        if (viaCookie.status !== 200)
          failed.push(`cookie: GET ${url} → ${viaCookie.status} ${clip(viaCookie.text)}`)
        const viaToken = await a.call('GET', url, undefined, {
          cookie: '',
          authorization: `Bearer ${a.token.token}`,
        })
        if (viaToken.status !== 200)
          failed.push(`token: GET ${url} → ${viaToken.status} ${clip(viaToken.text)}`)
      }
      expect(failed).toEqual([])
      a.db.$client.pragma('query_only = 0')
      expectIntact(a.path)
    } finally {
      await a.store.close()
    }
  })
})

describe('a full disk', () => {
  it('answers 503 unavailable once the database cannot grow, serves reads, and recovers when there is room', async () => {
    const a = await fileApp()
    try {
      const sqlite = a.db.$client
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
      const pages = sqlite.pragma('page_count', { simple: true }) as number
      sqlite.pragma(`max_page_count = ${pages}`)
      // Fill what free space is left, bounded, until the database cannot grow.
      let full: Json
      for (let i = 0; i < 200 && !full; i++) {
        const res = await a.call('POST', a.w(`/requirements/${a.req.id}/comments`), {
          body: `fill ${i} ${'f'.repeat(50_000)}`,
        })
        if (res.status !== 201) full = res
      }
      expect(full, 'the database filled up').toBeDefined()
      expect(full.status, clip(full.text)).toBe(503)
      expectErrorShape(full, 'disk full')
      expect(full.body.error.message).toMatch(CLEAR)
      await expectWrites503(a, 'disk full', true)
      await expectReadsWork(a, 'disk full')
      expectIntact(a.path)
      // Room again: the same writes succeed.
      sqlite.pragma(`max_page_count = ${pages + 100_000}`)
      await expectWritesWork(a, 'room again')
      expectIntact(a.path)
    } finally {
      await a.store.close()
    }
  })
})

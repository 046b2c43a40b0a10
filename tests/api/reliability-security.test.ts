// Security, the API parts not covered elsewhere: SQL-looking strings in every text field are stored and
// returned literally and the tables survive; a member narrowed to one product never sees another's items
// through workspace-wide lists, reports or the SSE stream; removed members, revoked tokens and ended
// sessions lose their SSE stream too, not only their next request. (Cross-workspace isolation, item keys,
// search and per-product routes: domain-isolation.test.ts; token revocation and removal for plain
// requests: auth.test.ts and workspaces.test.ts; static path traversal: static.test.ts.)
import { describe, expect, it } from 'vitest'
import type { Caller, TestApp } from '../helpers/app'
import { type Domain, domainApp, type Json } from '../helpers/domain'
import { type EventStream, openEventStream } from '../helpers/sse'

const SQL = [
  "'; DROP TABLE tasks; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM requirements WHERE ('1'='1",
  "1; UPDATE users SET password_hash = 'x'; --",
  "%' UNION SELECT token_hash, 1 FROM api_tokens --",
  '\\"; PRAGMA writable_schema = 1; --',
]

/** The database's tables, from its own catalogue (SQLite's sqlite_master, PostgreSQL's pg_tables). */
const tableNames = async (t: TestApp) =>
  (
    await t.sql<{ name: string }>(
      t.store.engine === 'sqlite'
        ? "select name from sqlite_master where type = 'table' order by name"
        : 'select tablename as name from pg_catalog.pg_tables where schemaname = current_schema() order by tablename',
    )
  ).map((r) => r.name)

const countRows = async (t: TestApp, table: string) =>
  (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n

describe('SQL-looking input', () => {
  it('is stored and returned literally in every text field, and every table survives', async () => {
    const d = await domainApp()
    const tables = await tableNames(d.t)
    expect(tables).toContain('tasks')
    const product = await d.ok('POST', '/products', { key: 'MES', name: SQL[0], description: SQL[1] }, 201)
    expect(product).toMatchObject({ name: SQL[0], description: SQL[1] })
    const iteration = await d.iteration(product.id, { name: SQL[2], goal: SQL[3] })
    expect(iteration).toMatchObject({ name: SQL[2], goal: SQL[3] })
    const module = await d.module(product.id, { name: SQL[4] })
    expect(module.name).toBe(SQL[4])
    const release = await d.release(product.id, { name: SQL[5], description: SQL[0] })
    expect(release).toMatchObject({ name: SQL[5], description: SQL[0] })

    for (const [i, s] of SQL.entries()) {
      const other = SQL[(i + 1) % SQL.length]!
      const customerFields = { name: s, industry: other, contact: s }
      const customer = await d.customer(customerFields)
      expect(customer, 'customer as created').toMatchObject(customerFields)
      expect(await d.ok('GET', `/customers/${customer.id}`), 'customer as read').toMatchObject(customerFields)

      const reqFields = {
        title: s,
        description: other,
        role: s,
        scenario: other,
        acceptanceCriteria: [{ text: s, done: false }],
      }
      const req = await d.requirement(product.id, reqFields)
      expect(req, 'requirement as created').toMatchObject(reqFields)
      const ask = await d.ok(
        'POST',
        `/requirements/${req.id}/asks`,
        { customerId: customer.id, note: s },
        201,
      )
      expect(ask.note).toBe(s)
      const readReq = await d.ok('GET', `/requirements/${req.id}`)
      expect(readReq, 'requirement as read').toMatchObject(reqFields)
      expect(readReq.asks.map((a: Json) => a.note)).toEqual([s])
      const rejected = await d.ok('POST', `/requirements/${req.id}/transition`, { to: 'rejected', reason: s })
      expect(rejected.rejectReason).toBe(s)

      const taskFields = {
        title: s,
        description: other,
        kind: 'stability',
        category: 'security',
        incidentRef: s,
      }
      const task = await d.task({ productId: product.id, iterationId: iteration.id, ...taskFields })
      expect(task, 'task as created').toMatchObject(taskFields)
      const moved = await d.move(task.id, { status: 'blocked', blockedReason: s })
      expect(moved.blockedReason).toBe(s)
      expect(await d.ok('GET', `/tasks/${task.id}`), 'task as read').toMatchObject({
        ...taskFields,
        blockedReason: s,
      })

      for (const target of [`/requirements/${req.id}`, `/tasks/${task.id}`]) {
        const comment = await d.ok('POST', `${target}/comments`, { body: s }, 201)
        expect(comment.body).toBe(s)
        const comments = await d.ok('GET', `${target}/comments`)
        expect(comments.items.map((c: Json) => c.body)).toEqual([s])
      }
    }

    // Searching and filtering with them is just text: 200, never an SQL or FTS syntax error.
    const queries = [...SQL, '"', '*', 'NEAR(', 'a OR', 'title:x', '-', '^', "'", '\\', '%', '_']
    for (const q of queries) {
      const enc = encodeURIComponent(q)
      for (const path of [
        `/search?q=${enc}`,
        `/products/${product.id}/requirements?q=${enc}`,
        `/customers?q=${enc}`,
        `/customers?industry=${enc}`,
      ]) {
        const res = await d.api('GET', path)
        expect(res.status, `${path} → ${JSON.stringify(res.body)}`).toBe(200)
      }
    }
    const found = await d.ok('GET', `/search?q=${encodeURIComponent('DROP TABLE tasks')}`)
    expect(found.items.length, 'the stored text is searchable as text').toBeGreaterThan(0)

    // Every table is still there, with every row written above.
    expect(await tableNames(d.t)).toEqual(tables)
    expect(await countRows(d.t, 'tasks')).toBe(SQL.length)
    expect(await countRows(d.t, 'requirements')).toBe(SQL.length)
    expect(await countRows(d.t, 'customers')).toBe(SQL.length)
    expect(await countRows(d.t, 'comments')).toBe(2 * SQL.length)
    expect(await countRows(d.t, 'users')).toBe(1)
    // SQLite's own check of its file (PostgreSQL has no such pragma).
    if (d.t.store.engine === 'sqlite')
      expect(d.t.db.$client.pragma('integrity_check', { simple: true })).toBe('ok')
  })
})

// ---------------------------------------------------------------------------------------------------
// The SSE stream, read in-process on fake time: `settle()` lets the batching delay pass at once.

const listen = openEventStream

/** Everything a stream delivered after `ready`; changes are named by their type (they travel as `change`). */
const changes = (s: EventStream) =>
  s.events
    .filter((e) => e.event !== 'ready')
    .map((e) => ({ event: e.event === 'change' ? (e.data.type as string) : e.event, data: e.data }))

/** Two products with work in each, and a developer narrowed to product A. */
async function twoProducts(d: Domain) {
  const a = await d.product('AAA')
  const b = await d.product('BBB')
  const itA = await d.iteration(a.id)
  const itB = await d.iteration(b.id)
  const reqA = await d.requirement(a.id, { title: 'Visible alpha', status: 'approved' })
  const reqB = await d.requirement(b.id, { title: 'Hidden bravo', status: 'approved' })
  const taskA = await d.task({ productId: a.id, iterationId: itA.id, title: 'Visible task' })
  const taskB = await d.task({ productId: b.id, iterationId: itB.id, title: 'Hidden task bravo' })
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'narrow@example.com', [a.id])
  const pm = await d.t.addMember(d.owner, d.ws, 'pm', 'narrow-pm@example.com', [a.id])
  return { a, b, itA, itB, reqA, reqB, taskA, taskB, dev, pm }
}

/** Changes in product B (and one in A, so a silent stream proves nothing by accident). */
async function touchBoth(d: Domain, x: Awaited<ReturnType<typeof twoProducts>>, n: number) {
  await d.ok('PATCH', `/requirements/${x.reqB.id}`, { title: `Hidden bravo ${n}` })
  await d.move(x.taskB.id, { status: n % 2 ? 'doing' : 'todo' })
  await d.ok('POST', `/tasks/${x.taskB.id}/comments`, { body: `hidden comment ${n}` }, 201)
  await d.ok('POST', `/products/${x.b.id}/requirements`, { title: `Hidden new ${n}` }, 201)
  await d.ok('PATCH', `/iterations/${x.itB.id}`, { goal: `hidden goal ${n}` })
  await d.ok('PATCH', `/requirements/${x.reqA.id}`, { title: `Visible alpha ${n}` })
}

describe('a member narrowed to one product', () => {
  it('never receives another product’s requirement, task, comment or iteration events on the SSE stream', async () => {
    const d = await domainApp({ manualTimers: true })
    const x = await twoProducts(d)
    const stream = await listen(d.t, d.ws, x.dev.caller)
    expect(stream.status).toBe(200)
    await touchBoth(d, x, 1)
    await stream.settle()
    const seen = changes(stream)
    expect(seen.filter((e) => e.data.productId === x.b.id)).toEqual([])
    expect(seen.map((e) => `${e.event}#${e.data.id}`)).toEqual([`requirement.updated#${x.reqA.id}`])
    await stream.stop()
  })

  it('never sees another product’s items through workspace-wide lists, reports or the roadmap', async () => {
    const d = await domainApp()
    const x = await twoProducts(d)
    await d.ok('POST', '/share-links', { productId: x.b.id }, 201)
    await d.ok('PATCH', `/tasks/${x.taskB.id}`, { dueDate: '2026-10-01' })
    const as = x.pm.caller
    const get = (path: string) => d.api('GET', path, undefined, as)

    const iterations = await get('/iterations?status=planned,active,closed')
    expect(iterations.status).toBe(200)
    expect(JSON.stringify(iterations.body)).toContain(`"productId":${x.a.id}`)
    const own = await get('/tasks?limit=500')
    expect(own.body.items.map((t: Json) => t.id)).toEqual([x.taskA.id])
    expect(JSON.stringify(iterations.body)).not.toContain(`"productId":${x.b.id}`)
    for (const path of [
      '/tasks?limit=500',
      '/tasks?assignee=me',
      `/tasks?productId=${x.b.id}`,
      `/tasks?iterationId=${x.itB.id}`,
      '/tasks?overdue=true',
    ]) {
      // A filter naming product B may answer 404 (as for a product that does not exist) or nothing.
      const res = await get(path)
      expect([200, 404], path).toContain(res.status)
      if (res.status === 200)
        expect(
          res.body.items.filter((t: Json) => t.productId !== x.a.id),
          path,
        ).toEqual([])
      expect(JSON.stringify(res.body), path).not.toContain('bravo')
    }
    const links = await get('/share-links')
    expect([200, 403]).toContain(links.status)
    if (links.status === 200) expect(links.body.items.filter((l: Json) => l.productId === x.b.id)).toEqual([])

    for (const path of [
      `/products/${x.b.id}/roadmap`,
      `/products/${x.b.id}/velocity`,
      `/products/${x.b.id}/forecast`,
      `/products/${x.b.id}/risks`,
      `/products/${x.b.id}/demand`,
      `/products/${x.b.id}/reports/weekly`,
      `/iterations/${x.itB.id}/burndown`,
      `/iterations/${x.itB.id}/flow`,
    ]) {
      const res = await get(path)
      expect([403, 404], `${path} → ${res.status}`).toContain(res.status)
      expect(JSON.stringify(res.body)).not.toContain('bravo')
    }
    // Activity of every kind, paged or filtered, holds nothing of product B.
    for (const path of [
      '/activity?limit=500',
      '/activity?entityType=task',
      '/activity?entityType=iteration',
      `/activity?entityType=task&entityId=${x.taskB.id}`,
      '/activity?since=2000-01-01T00:00:00.000Z',
    ]) {
      const res = await get(path)
      expect(res.status, path).toBe(200)
      expect(
        res.body.items.filter((e: Json) => e.productId === x.b.id),
        path,
      ).toEqual([])
      expect(JSON.stringify(res.body), path).not.toContain('bravo')
    }
  })
})

describe('losing access', () => {
  type Revoke = (d: Domain, who: { caller: Caller; userId: number; memberId: number }) => Promise<void>
  const cases: [string, Revoke, number][] = [
    [
      'a removed member',
      async (d, who) => {
        await d.ok('DELETE', `/members/${who.memberId}`, undefined, 204)
      },
      404,
    ],
    [
      'a member narrowed to another product',
      async (d, who) => {
        const other = (await d.ok('GET', '/products')).items.find((p: Json) => p.key === 'OTH')
        await d.ok('PATCH', `/members/${who.memberId}`, { productIds: [other.id] })
      },
      200,
    ],
    [
      'a logged-out session',
      async (d, who) => {
        const res = await d.t.request('POST', '/api/auth/logout', undefined, who.caller)
        expect(res.status).toBe(204)
      },
      401,
    ],
    [
      'a deactivated account',
      async (d, who) => {
        const res = await d.t.request('PATCH', `/api/admin/users/${who.userId}`, { active: false }, d.owner)
        expect(res.status).toBe(200)
      },
      401,
    ],
    [
      'an account an instance owner signed out everywhere',
      async (d, who) => {
        const res = await d.t.request('DELETE', `/api/admin/users/${who.userId}/sessions`, undefined, d.owner)
        expect(res.status).toBe(204)
      },
      401,
    ],
  ]

  async function memberWithStream(d: Domain) {
    const product = await d.product('MES')
    await d.product('OTH')
    const req = await d.requirement(product.id, { title: 'Watched' })
    const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'leaving@example.com')
    const members = await d.ok('GET', '/members')
    const memberId = members.items.find((m: Json) => m.userId === dev.userId).id as number
    return { product, req, who: { ...dev, memberId } }
  }

  it.each(cases)('%s stops receiving events on an SSE stream opened before', async (_, revoke) => {
    const d = await domainApp({ manualTimers: true })
    const { req, who } = await memberWithStream(d)
    const stream = await listen(d.t, d.ws, who.caller)
    expect(stream.status).toBe(200)
    await d.ok('PATCH', `/requirements/${req.id}`, { title: 'Seen' })
    await stream.settle()
    expect(changes(stream).map((e) => e.event)).toEqual(['requirement.updated'])

    await revoke(d, who)
    for (let n = 0; n < 3; n++) await d.ok('PATCH', `/requirements/${req.id}`, { title: `After ${n}` })
    await stream.settle()
    // A notice of their own removal or narrowing may be the last thing the stream says; nothing else.
    const after = changes(stream)
      .slice(1)
      .filter((e) => !(e.data.entityType === 'member' && e.data.id === who.memberId))
      .map((e) => `${e.event}#${e.data.id}`)
    await stream.stop()
    expect(after, 'events delivered after access ended').toEqual([])
  })

  it.each(cases)('%s cannot open the stream again', async (_, revoke, status) => {
    const d = await domainApp({ manualTimers: true })
    const { req, who } = await memberWithStream(d)
    await revoke(d, who)
    const again = await listen(d.t, d.ws, who.caller)
    if (status === 200) {
      // Narrowed, not removed: the stream opens but carries nothing of the product they lost.
      expect(again.status).toBe(200)
      await d.ok('PATCH', `/requirements/${req.id}`, { title: 'Hidden now' })
      await again.settle()
      expect(changes(again)).toEqual([])
    } else expect(again.status).toBe(status)
    await again.stop()
  })

  it('an API token of a removed member reaches nothing in the workspace and writes nothing', async () => {
    const d = await domainApp({ manualTimers: true })
    const { product, req, who } = await memberWithStream(d)
    const token = await d.t.request('POST', '/api/tokens', { name: 'script' }, who.caller)
    expect(token.status).toBe(201)
    const bearer: Caller = { headers: { authorization: `Bearer ${token.body.token}` } }
    expect((await d.api('GET', `/requirements/${req.id}`, undefined, bearer)).status).toBe(200)
    await d.ok('DELETE', `/members/${who.memberId}`, undefined, 204)
    const before = await countRows(d.t, 'requirements')
    for (const [method, path, body] of [
      ['GET', `/requirements/${req.id}`],
      ['GET', `/products/${product.id}/requirements`],
      ['GET', '/search?q=Watched'],
      ['GET', '/events'],
      ['POST', `/products/${product.id}/requirements`, { title: 'sneaky' }],
      ['PATCH', `/requirements/${req.id}`, { title: 'sneaky' }],
    ] as const) {
      const res = await d.api(method, path, body, bearer, { origin: '' })
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    expect(await countRows(d.t, 'requirements')).toBe(before)
    // The revoked token is refused everywhere at once, the stream included.
    await d.t.request('DELETE', `/api/tokens/${token.body.id}`, undefined, who.caller)
    const stream = await listen(d.t, d.ws, bearer)
    expect(stream.status).toBe(401)
  })

  it('a session that expires stops receiving events on its open SSE stream', async () => {
    const d = await domainApp({ manualTimers: true })
    const { req, who } = await memberWithStream(d)
    // The owner writes with an API token, which does not expire with the sessions.
    const token = await d.t.request('POST', '/api/tokens', { name: 'writer' }, d.owner)
    const writer: Caller = { headers: { authorization: `Bearer ${token.body.token}` } }
    const write = async (title: string) => {
      const res = await d.t.request(
        'PATCH',
        `/api/workspaces/${d.ws}/requirements/${req.id}`,
        { title },
        writer,
      )
      expect(res.status).toBe(200)
    }
    const stream = await listen(d.t, d.ws, who.caller)
    expect(stream.status).toBe(200)
    await write('Before expiry')
    await stream.settle()
    expect(changes(stream).map((e) => e.event)).toEqual(['requirement.updated'])

    d.t.clock.advance(31 * 24 * 3600 * 1000)
    await write('After expiry')
    await stream.settle()
    const after = changes(stream)
      .slice(1)
      .map((e) => `${e.event}#${e.data.id}`)
    await stream.stop()
    expect(after, 'events delivered after the session expired').toEqual([])
  })

  it('a revoked API token stops receiving events on its open SSE stream', async () => {
    const d = await domainApp({ manualTimers: true })
    const { req, who } = await memberWithStream(d)
    const token = await d.t.request('POST', '/api/tokens', { name: 'script' }, who.caller)
    const bearer: Caller = { headers: { authorization: `Bearer ${token.body.token}` } }
    const stream = await listen(d.t, d.ws, bearer)
    expect(stream.status).toBe(200)
    await d.t.request('DELETE', `/api/tokens/${token.body.id}`, undefined, who.caller)
    await d.ok('PATCH', `/requirements/${req.id}`, { title: 'After revocation' })
    await stream.settle()
    const after = changes(stream).map((e) => `${e.event}#${e.data.id}`)
    await stream.stop()
    expect(after, 'events delivered after the token was revoked').toEqual([])
  })
})

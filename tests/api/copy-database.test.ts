// Copying a whole Keel between engines (db/copy.ts, `npm run keel -- copy-database`), on the real engines: a
// SQLite Keel built through the API moves to PostgreSQL and back out to SQLite, and on each copy the app is
// the same Keel (same logins, tokens, board, backlog, search, history) that goes on writing past every id
// the source ever handed out; one moment of a source in use is copied; tables larger than one statement go
// over; a target that holds data, or a row it cannot hold, leaves it untouched; the command prints both
// sides' counts, and what is wrong in one line.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { getTableName } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { copyDatabase, copyOrder, type TableCount } from '../../db/copy'
import { connectPgStore, type PgStore } from '../../db/pg/store'
import { openStore, type SqliteStore, type Store } from '../../db/store'
import { type App, createApp } from '../../server/app'
import { fixedClock } from '../../server/lib/clock'
import { EventBus } from '../../server/lib/events'
import { type Caller, makeApp, ORIGIN, type TestApp } from '../helpers/app'
import { type Json, withWorkspace } from '../helpers/domain'
import { ownFixture, upload } from '../helpers/imports'
import { freshPgDatabase, postgresUrl } from '../helpers/pg'
import { type Receiver, startReceiver } from '../helpers/receiver'
import { removeTempDirs, tempDir } from '../helpers/reliability'
import { testDatabasePath } from '../helpers/store'

const START = '2026-11-02T09:00:00.000Z'
const OWNER = { email: 'owner@example.com', password: 'correct horse battery' }
const TABLES = copyOrder().map((t) => getTableName(t))

/** An app on a copy, with the source's clock, and a way to call it as makeApp's `request` does. */
function appOn(store: Store) {
  const events = new EventBus()
  const app: App = createApp({ store, clock: fixedClock(START), events })
  async function request(method: string, path: string, body?: unknown, caller?: Caller) {
    const headers: Record<string, string> = { origin: ORIGIN, ...caller?.headers }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const res = await app.request(`${ORIGIN}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Json, headers: res.headers }
  }
  return { request, stop: () => events.shutdown() }
}

type Request = ReturnType<typeof appOn>['request']

/** Rows of SQL run straight on the database (outside the code under test), on either engine. */
async function query<T = Json>(store: Store, text: string): Promise<T[]> {
  if (store.engine === 'sqlite') return (store as SqliteStore).db.$client.prepare(text).all() as T[]
  return (await (store as PgStore).pool.query(text)).rows as T[]
}

/** Rows per table. */
async function countsOf(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const table of TABLES)
    out[table] = Number((await query<{ n: number }>(store, `select count(*) as n from ${table}`))[0]?.n)
  return out
}

/** The largest id of a table. */
async function maxId(store: Store, table: string): Promise<number> {
  return Number((await query<{ n: number }>(store, `select max(id) as n from ${table}`))[0]?.n)
}

/** The session cookie an answer sets, as a caller. */
function sessionFrom(headers: Headers): Caller {
  const cookie = headers.get('set-cookie')?.match(/keel_session=([^;]+)/)?.[1]
  if (!cookie) throw new Error('no session cookie in the answer')
  return { headers: { cookie: `keel_session=${cookie}` } }
}

/** What a realistic Keel built through the API holds: the ids and secrets the checks need. */
interface Built {
  t: TestApp
  owner: Caller
  ws: number
  productId: number
  iterationId: number
  requirementId: number
  taskIds: number[]
  /** The last task made, then deleted: its id must never be handed out again, on any copy. */
  deletedTaskId: number
  apiToken: string
  shareToken: string
}

/** A SQLite Keel with a bit of everything, made through the API as people would. */
async function buildKeel(receiver: Receiver): Promise<Built> {
  const t = makeApp({ start: START, webhooks: { allowPrivate: true } })
  const { owner, ws, userId } = await t.setup(OWNER.email, OWNER.password)
  const d = withWorkspace(t, owner, ws, userId)
  const mes = await d.product('MES', '制造执行')
  const wms = await d.product('WMS', 'Warehouse')
  const plant = await d.module(mes.id, { name: '生产' })
  const scheduling = await d.module(mes.id, { name: '排产', parentId: plant.id })
  // A module under one made after it: its parent's id is larger than its own.
  const site = await d.module(mes.id, { name: '苏州工厂' })
  await d.ok('PATCH', `/modules/${plant.id}`, { parentId: site.id })
  const release = await d.release(mes.id, { name: 'v1.0' })
  const iteration = await d.iteration(mes.id, { name: 'Sprint 1' })
  const customer = await d.customer({ name: '华东精密机械', industry: '汽车零部件', contact: '王工' })
  const paiChan = await d.requirement(mes.id, {
    title: '排产计划优化',
    role: '计划员',
    scenario: '每周排产会议',
    status: 'approved',
    iterationId: iteration.id,
    moduleId: scheduling.id,
    releaseId: release.id,
    estimate: 5,
    acceptanceCriteria: [{ text: '按交期排序', done: false }],
  })
  await d.requirement(mes.id, { title: 'Barcode scanning for inbound goods' })
  await d.ok(
    'POST',
    `/requirements/${paiChan.id}/asks`,
    { customerId: customer.id, importance: 'critical' },
    201,
  )
  await d.ok('POST', '/webhooks', { name: 'Team', url: receiver.url, events: ['task.moved'] }, 201)
  const dev = await t.addMember(owner, ws, 'developer', 'dev@example.com', [mes.id])
  const first = await d.task({
    productId: mes.id,
    kind: 'feature',
    title: '压测排程接口',
    requirementId: paiChan.id,
    iterationId: iteration.id,
    assigneeId: dev.userId,
    estimate: 2,
  })
  const second = await d.task({
    productId: mes.id,
    kind: 'chore',
    title: 'Release notes',
    iterationId: iteration.id,
  })
  await d.move(first.id, { status: 'doing' })
  await d.ok('POST', `/tasks/${first.id}/comments`, { body: '先做接口，再做界面' }, 201)
  await d.ok('POST', `/requirements/${paiChan.id}/comments`, { body: 'Agreed with 王工' }, 201)
  const token = await t.request('POST', '/api/tokens', { name: 'script' }, owner)
  expect(token.status).toBe(201)
  const link = await d.ok('POST', '/share-links', { productId: mes.id, customerId: customer.id }, 201)
  expect(
    (await t.request('POST', `/api/admin/users/${dev.userId}/password-reset`, undefined, owner)).status,
  ).toBe(201)
  const wrong = await t.request('POST', '/api/auth/login', {
    email: OWNER.email,
    password: 'not the password',
  })
  expect(wrong.status).toBe(401)
  const imported = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId: wms.id })
  expect(imported.status, JSON.stringify(imported.body)).toBe(200)
  const dropped = await d.task({ productId: mes.id, kind: 'chore', title: 'Made by mistake' })
  await d.ok('DELETE', `/tasks/${dropped.id}`, undefined, 204)
  expect(await maxId(t.store, 'tasks')).toBeLessThan(dropped.id)
  // The move's webhook delivery is sent and settled, so a copy has nothing left to send.
  await receiver.waitFor(1)
  const hook = (await d.ok('GET', '/webhooks')).items[0]
  const statuses = async () =>
    (await d.ok('GET', `/webhooks/${hook.id}/deliveries`)).items.map((x: Json) => x.status)
  for (let i = 0; i < 500 && (await statuses()).includes('pending'); i++)
    await new Promise((resolve) => setTimeout(resolve, 10))
  expect(await statuses()).toEqual(['succeeded'])
  return {
    t,
    owner,
    ws,
    productId: mes.id,
    iterationId: iteration.id,
    requirementId: paiChan.id,
    taskIds: [first.id, second.id],
    deletedTaskId: dropped.id,
    apiToken: token.body.token,
    shareToken: link.token,
  }
}

/** Tables the built Keel has rows in, on any engine. */
const FILLED = [
  'workspaces',
  'users',
  'activity',
  'api_tokens',
  'products',
  'comments',
  'modules',
  'releases',
  'iterations',
  'requirements',
  'customers',
  'customer_asks',
  'external_refs',
  'import_runs',
  'instance_settings',
  'access_epoch',
  'roles',
  'invites',
  'members',
  'member_products',
  'password_resets',
  'sessions',
  'share_links',
  'tasks',
  'throttles',
  'webhooks',
  'webhook_deliveries',
]

function expectCounts(counts: TableCount[], expected: Record<string, number>) {
  expect(counts.map((c) => c.table).sort()).toEqual([...TABLES].sort())
  for (const c of counts) {
    expect(c, c.table).toEqual({ table: c.table, source: expected[c.table], target: expected[c.table] })
  }
  for (const table of FILLED) expect(expected[table], table).toBeGreaterThan(0)
}

/**
 * The copy answers as the source does: the owner's password and session, the API token, the board,
 * the backlog, search (Chinese too), history, the item, the share link.
 */
async function expectSameKeel(built: Built, source: Request, copy: Request) {
  const { owner, ws } = built
  const login = await copy('POST', '/api/auth/login', OWNER)
  expect(login.status, JSON.stringify(login.body)).toBe(200)
  const me = await copy('GET', '/api/me', undefined, sessionFrom(login.headers))
  expect(me.status).toBe(200)
  expect(me.body.user.email).toBe(OWNER.email)
  expect((await copy('POST', '/api/auth/login', { ...OWNER, password: 'wrong' })).status).toBe(401)

  const bearer: Caller = { headers: { authorization: `Bearer ${built.apiToken}` } }
  const byToken = await copy('GET', `/api/workspaces/${ws}/products`, undefined, bearer)
  expect(byToken.status).toBe(200)
  expect((await copy('GET', '/api/me', undefined, owner)).status, 'the session made on the source').toBe(200)

  const same = async (path: string, as: Caller = owner) => {
    const [a, b] = [await source('GET', path, undefined, as), await copy('GET', path, undefined, as)]
    expect(a.status, path).toBe(200)
    expect(b.status, path).toBe(200)
    expect(b.body, path).toEqual(a.body)
    return b.body as Json
  }
  const base = `/api/workspaces/${ws}`
  const profile = await same('/api/me')
  expect(profile.user.instanceOwner).toBe(true)
  const board = await same(`${base}/iterations/${built.iterationId}/board`)
  expect(JSON.stringify(board)).toContain('压测排程接口')
  const backlog = await same(`${base}/products/${built.productId}/requirements`)
  expect(JSON.stringify(backlog)).toContain('排产计划优化')
  await same(`${base}/products`, bearer)
  await same(`${base}/requirements/${built.requirementId}`)
  await same(`${base}/tasks/${built.taskIds[0]}/comments`)
  await same(`${base}/customers`)
  await same(`${base}/products/${built.productId}/modules`)
  await same(`${base}/webhooks`)
  await same(`${base}/share-links`)
  await same(`${base}/members`)
  const activity = await same(`${base}/activity?limit=500`)
  expect(activity.items.length).toBeGreaterThan(10)
  expect(activity.items).toContainEqual(
    expect.objectContaining({ entityType: 'task', entityId: built.taskIds[0], action: 'moved' }),
  )
  const share = await same(`/api/share/${built.shareToken}`, { headers: {} })
  expect(JSON.stringify(share)).toContain('排产计划优化')

  for (const q of ['排产', '排产计划', 'Barcode']) {
    const hits = await same(`${base}/search?q=${encodeURIComponent(q)}`)
    expect(hits.items.length, q).toBeGreaterThan(0)
  }
  const found = await copy('GET', `${base}/search?q=${encodeURIComponent('排产')}`, undefined, owner)
  expect(found.body.items).toContainEqual(
    expect.objectContaining({ kind: 'requirement', id: built.requirementId, title: '排产计划优化' }),
  )
}

/** New rows on the copy take ids past the copied ones, in every table a person's work writes. */
async function expectWritesGoOn(built: Built, store: Store, copy: Request) {
  const { owner, ws, productId } = built
  const base = `/api/workspaces/${ws}`
  const before = { tasks: await maxId(store, 'tasks'), activity: await maxId(store, 'activity') }
  const task = await copy(
    'POST',
    `${base}/tasks`,
    { productId, kind: 'chore', title: '复制后的新任务' },
    owner,
  )
  expect(task.status, JSON.stringify(task.body)).toBe(201)
  expect(task.body.id).toBeGreaterThan(before.tasks)
  expect(task.body.id, 'the id of a deleted task, handed out again').toBeGreaterThan(built.deletedTaskId)
  // Its history is its own, not the deleted task's that had its id.
  const history = await copy(
    'GET',
    `${base}/activity?entityType=task&entityId=${task.body.id}`,
    undefined,
    owner,
  )
  expect(history.body.items.map((a: Json) => a.action)).toEqual(['created'])
  const moved = await copy('POST', `${base}/tasks/${built.taskIds[1]}/move`, { status: 'doing' }, owner)
  expect(moved.status, JSON.stringify(moved.body)).toBe(200)
  const requirement = await copy(
    'POST',
    `${base}/products/${productId}/requirements`,
    { title: '新需求' },
    owner,
  )
  expect(requirement.status, JSON.stringify(requirement.body)).toBe(201)
  expect(requirement.body.id).toBeGreaterThan(built.requirementId)
  const comment = await copy('POST', `${base}/tasks/${task.body.id}/comments`, { body: '新评论' }, owner)
  expect(comment.status, JSON.stringify(comment.body)).toBe(201)
  const customer = await copy('POST', `${base}/customers`, { name: '新客户' }, owner)
  expect(customer.status, JSON.stringify(customer.body)).toBe(201)
  const product = await copy('POST', `${base}/products`, { key: 'NEW', name: 'New product' }, owner)
  expect(product.status, JSON.stringify(product.body)).toBe(201)
  const token = await copy('POST', '/api/tokens', { name: 'after the copy' }, owner)
  expect(token.status, JSON.stringify(token.body)).toBe(201)
  expect(await maxId(store, 'activity')).toBeGreaterThan(before.activity)
  const search = await copy('GET', `${base}/search?q=${encodeURIComponent('新任务')}`, undefined, owner)
  expect(search.body.items).toContainEqual(expect.objectContaining({ kind: 'task', id: task.body.id }))
}

// The file picks its engines itself (a SQLite source, PostgreSQL and SQLite targets): a run of the API suite
// on PostgreSQL (KEEL_TEST_ENGINE=postgres) would only repeat it.
describe.runIf(postgresUrl() && process.env.KEEL_TEST_ENGINE !== 'postgres')('copy-database', () => {
  let receiver: Receiver
  let built: Built
  let sourceCounts: Record<string, number>
  /** The PostgreSQL copy of the built Keel, as copied: no app writes on it. */
  let pgStore: PgStore
  let pgCounts: TableCount[]
  /** Addresses of empty, migrated PostgreSQL databases for the tests that need one of their own. */
  const emptyPg: string[] = []
  const closing: (() => unknown)[] = []

  /** A store on an empty PostgreSQL database of the test's own. */
  function pgTarget(): PgStore {
    const url = emptyPg.pop()
    if (!url) throw new Error('no empty PostgreSQL database left: make more in beforeAll')
    const store = connectPgStore({ url, poolSize: 4 })
    closing.push(() => store.close())
    return store
  }

  /** A store on a new SQLite file. */
  function sqliteTarget(): SqliteStore {
    const store = openStore({ path: testDatabasePath() })
    closing.push(() => store.close())
    return store
  }

  /** An app on `store`, stopped after the file. */
  function started(store: Store) {
    const app = appOn(store)
    closing.push(app.stop)
    return app
  }

  beforeAll(async () => {
    receiver = await startReceiver()
    built = await buildKeel(receiver)
    sourceCounts = await countsOf(built.t.store)
    for (let i = 0; i < 10; i++) emptyPg.push(String((await freshPgDatabase()).options.connectionString))
    pgStore = pgTarget()
    pgCounts = await copyDatabase(built.t.store, pgStore)
  }, 60_000)
  afterAll(async () => {
    for (const close of closing.reverse()) await close()
    await receiver?.close()
    removeTempDirs()
  })

  describe('SQLite → PostgreSQL', () => {
    it('copies every table with its ids and answers the same counts for both sides', async () => {
      expect(built.t.store.engine).toBe('sqlite')
      expectCounts(pgCounts, sourceCounts)
      expect(await countsOf(pgStore)).toEqual(sourceCounts)
      for (const table of ['tasks', 'requirements', 'activity', 'users', 'sessions'])
        expect(await maxId(pgStore, table), table).toBe(await maxId(built.t.store, table))
    })

    it('is the same Keel on PostgreSQL: logins, tokens, board, backlog, search, history', async () => {
      const target = pgTarget()
      await copyDatabase(built.t.store, target)
      await expectSameKeel(built, built.t.request, started(target).request)
    })

    it('goes on writing on PostgreSQL past the copied ids', async () => {
      const target = pgTarget()
      await copyDatabase(built.t.store, target)
      await expectWritesGoOn(built, target, started(target).request)
    })
  })

  describe('PostgreSQL → SQLite (leaving)', () => {
    it('copies every table back with the same counts', async () => {
      const target = sqliteTarget()
      expectCounts(await copyDatabase(pgStore, target), sourceCounts)
      expect(await countsOf(target)).toEqual(sourceCounts)
      for (const table of ['tasks', 'requirements', 'activity', 'users', 'sessions'])
        expect(await maxId(target, table), table).toBe(await maxId(built.t.store, table))
    })

    it('is the same Keel on SQLite, its full-text index rebuilt', async () => {
      const target = sqliteTarget()
      await copyDatabase(pgStore, target)
      await expectSameKeel(built, built.t.request, started(target).request)
      const fts = target.db.$client
        .prepare(
          `select ref_id from search_index where search_index match '"排产计划"' and kind = 'requirement'`,
        )
        .all() as { ref_id: number }[]
      expect(fts.map((r) => r.ref_id)).toEqual([built.requirementId])
    })

    it('goes on writing on SQLite past the copied ids', async () => {
      const target = sqliteTarget()
      await copyDatabase(pgStore, target)
      await expectWritesGoOn(built, target, started(target).request)
    })
  })

  describe('a target that holds data', () => {
    for (const engine of ['postgres', 'sqlite'] as const)
      it(`is refused on ${engine}, and nothing is written to it`, async () => {
        const target = engine === 'postgres' ? pgTarget() : sqliteTarget()
        const setup = await started(target).request('POST', '/api/setup', {
          workspaceName: 'Already here',
          name: 'Someone',
          email: 'someone@example.com',
          password: 'a long password',
        })
        expect(setup.status).toBe(201)
        const before = await countsOf(target)
        const source = engine === 'postgres' ? built.t.store : pgStore
        await expect(copyDatabase(source, target)).rejects.toThrow(
          /^The target database is not empty \(\w+ has rows\): copy into a new one$/,
        )
        expect(await countsOf(target)).toEqual(before)
      })
  })

  /** First-run setup through the API: the owner and their workspace. */
  async function firstRun(
    app: ReturnType<typeof started>,
    workspaceName: string,
    name: string,
    email: string,
  ) {
    const setup = await app.request('POST', '/api/setup', {
      workspaceName,
      name,
      email,
      password: 'a long password',
    })
    expect(setup.status).toBe(201)
    return setup
  }

  /** A SQLite Keel years of use filled: 25,000 throttles and 3,000 more history rows, straight in the file. */
  async function busyKeel() {
    const source = sqliteTarget()
    const app = started(source)
    const setup = await firstRun(app, 'Busy', 'Busy Owner', 'busy@example.com')
    source.writer.$client.exec(`
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 25000)
      insert into throttles (key, state, expires_at)
      select 'login:' || i, '{"failures":' || (i % 7) || '}', '2030-01-01T00:00:00.000Z' from n;
      with recursive n(i) as (select 1 union all select i + 1 from n where i < 3000)
      insert into activity (workspace_id, product_id, entity_type, entity_id, action, actor_id, automatic,
        before, after, created_at)
      select workspace_id, product_id, entity_type, entity_id + i, action, actor_id, automatic, before, after,
        created_at
      from n, (select * from activity order by id limit 1);`)
    return { source, app, ws: setup.body.workspace.id as number, owner: sessionFrom(setup.headers) }
  }

  describe('a row the target cannot hold', () => {
    it('stops the copy with the table and the database’s reason, and writes nothing', async () => {
      const source = sqliteTarget()
      const app = started(source)
      const setup = await firstRun(app, 'Old data', 'Old Owner', 'old@example.com')
      const ws = setup.body.workspace.id
      const owner = sessionFrom(setup.headers)
      const customer = await app.request('POST', `/api/workspaces/${ws}/customers`, { name: 'Acme' }, owner)
      expect(customer.status).toBe(201)
      // SQLite keeps a NUL character in text; PostgreSQL's text cannot hold one.
      source.writer.$client
        .prepare("update customers set note = 'line' || char(0) || 'feed' where id = ?")
        .run(customer.body.id)
      const target = pgTarget()
      const before = await countsOf(target)
      const failed = await copyDatabase(source, target).catch((error: Error) => error)
      expect(failed).toBeInstanceOf(Error)
      expect((failed as Error).message).toBe('customers: invalid byte sequence for encoding "UTF8": 0x00')
      expect(await countsOf(target)).toEqual(before)
      // Still empty, so it takes the copy once the row is mended.
      source.writer.$client
        .prepare("update customers set note = 'line feed' where id = ?")
        .run(customer.body.id)
      const counts = await copyDatabase(source, target)
      expect(counts.find((c) => c.table === 'customers')).toEqual({
        table: 'customers',
        source: 1,
        target: 1,
      })
    })
  })

  describe('tables larger than one statement', () => {
    it('copies 25,000 throttles (no id column) and 3,000 more activity rows (many batches), both ways', {
      timeout: 60_000,
    }, async () => {
      const { source } = await busyKeel()
      const expected = await countsOf(source)
      expect(expected.throttles).toBe(25_000)
      expect(expected.activity).toBeGreaterThan(3000)
      const throttles = (store: SqliteStore) =>
        store.db.$client.prepare('select key, state, expires_at from throttles order by key').all()
      const activity = (store: SqliteStore) =>
        store.db.$client.prepare('select * from activity order by id').all()

      const pg = pgTarget()
      expect(await copyDatabase(source, pg)).toEqual(
        TABLES.map((table) => ({ table, source: expected[table], target: expected[table] })),
      )
      expect(await countsOf(pg)).toEqual(expected)
      const back = sqliteTarget()
      expect(await copyDatabase(pg, back)).toEqual(
        TABLES.map((table) => ({ table, source: expected[table], target: expected[table] })),
      )
      expect(await countsOf(back)).toEqual(expected)
      expect(throttles(back)).toEqual(throttles(source))
      expect(activity(back)).toEqual(activity(source))
    })
  })

  describe('a source in use', () => {
    it('copies one moment of it while writes go on, both ways', { timeout: 60_000 }, async () => {
      const busy = await busyKeel()
      const base = `/api/workspaces/${busy.ws}`
      const product = await busy.app.request(
        'POST',
        `${base}/products`,
        { key: 'BUSY', name: 'Busy' },
        busy.owner,
      )
      expect(product.status).toBe(201)
      const productId = product.body.id as number
      const newTask = async (request: Request, n: number) => {
        const res = await request(
          'POST',
          `${base}/tasks`,
          { productId, kind: 'chore', title: `任务 ${n}` },
          busy.owner,
        )
        expect(res.status, JSON.stringify(res.body)).toBe(201)
      }
      for (let n = 0; n < 5; n++) await newTask(busy.app.request, n)

      /**
       * Makes tasks through `request`, starts the copy once the first is in (so the writer is warm, not
       * still opening connections) and goes on for as long as the copy runs: how many went in before the
       * copy began, and how many in all.
       */
      async function writeWhile(copy: () => Promise<TableCount[]>, request: Request) {
        let done = false
        let written = 0
        const writing = (async () => {
          while (!done) {
            await newTask(request, 100 + written)
            written++
            // Requests come in through the event loop: a SQLite write settles without leaving it.
            await new Promise((resolve) => setImmediate(resolve))
          }
        })()
        while (written === 0) await new Promise((resolve) => setImmediate(resolve))
        const first = written
        await copy().finally(() => {
          done = true
        })
        await writing
        return { first, written }
      }

      /** The copy is one moment: each task with its history, the product's numbering where its tasks end. */
      async function expectOneMoment(store: Store, before: number, written: number) {
        const tasks = await query<{ id: number; number: number }>(
          store,
          `select id, number from tasks where product_id = ${productId}`,
        )
        const created = await query<{ entity_id: number }>(
          store,
          `select entity_id from activity where entity_type = 'task' and action = 'created' and product_id = ${productId}`,
        )
        expect(created.map((a) => a.entity_id).sort()).toEqual(tasks.map((t) => t.id).sort())
        const [last] = await query<{ last_number: number }>(
          store,
          `select last_number from products where id = ${productId}`,
        )
        expect(last?.last_number).toBe(Math.max(...tasks.map((t) => t.number)))
        // Neither only what was there before the copy began, nor what was written while it ran.
        expect(tasks.length).toBeGreaterThanOrEqual(before)
        expect(tasks.length).toBeLessThan(before + written)
      }

      const pg = pgTarget()
      const toPg = await writeWhile(() => copyDatabase(busy.source, pg), busy.app.request)
      expect(toPg.written, 'writes went on while copying').toBeGreaterThan(toPg.first)
      await expectOneMoment(pg, 5 + toPg.first, toPg.written - toPg.first)

      const onPg = started(pg)
      const before = (await query(pg, `select id from tasks where product_id = ${productId}`)).length
      const back = sqliteTarget()
      const toSqlite = await writeWhile(() => copyDatabase(pg, back), onPg.request)
      expect(toSqlite.written, 'writes went on while copying').toBeGreaterThan(toSqlite.first)
      await expectOneMoment(back, before + toSqlite.first, toSqlite.written - toSqlite.first)
    })
  })

  // Each run starts node and tsx: seconds on a busy machine.
  describe('npm run keel -- copy-database', { timeout: 60_000 }, () => {
    /** `node --import tsx server/cli.ts …` with its data in `dataDir`: its exit code and what it printed. */
    async function cli(dataDir: string, args: string[], databaseUrl = '') {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
        env: { ...process.env, KEEL_DATA_DIR: dataDir, KEEL_DATABASE_URL: databaseUrl, KEEL_LOG: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let stdout = ''
      let stderr = ''
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk
      })
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk
      })
      const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)))
      return { code, stdout, stderr }
    }

    /** The lines the command prints for a copy of the built Keel: where from, both sides' counts, the total. */
    function expectReport(stdout: string, from: string, to: string) {
      const lines = stdout.trim().split('\n')
      expect(lines[0]).toBe(`Copying ${from} into ${to} …`)
      expect(lines[1]).toMatch(/^table\s+source\s+target$/)
      for (const table of TABLES) {
        const n = sourceCounts[table]
        expect(lines, table).toContainEqual(expect.stringMatching(new RegExp(`^${table}\\s+${n}\\s+${n}$`)))
      }
      expect(lines).toHaveLength(TABLES.length + 3)
      const total = Object.values(sourceCounts).reduce((a, b) => a + b, 0)
      expect(lines.at(-1)).toMatch(new RegExp(`^Copied ${total} rows in \\d+ ms \\(one transaction\\)\\.$`))
    }

    /** A data directory holding a copy of the built Keel's SQLite file. */
    async function dataDir() {
      const dir = tempDir('copy-cli')
      await (built.t.store as SqliteStore).db.$client.backup(join(dir, 'keel.db'))
      return dir
    }

    it('copies the data directory’s SQLite into PostgreSQL and prints both sides’ counts', async () => {
      const dir = await dataDir()
      const target = pgTarget()
      const run = await cli(dir, ['copy-database', '--to', target.url])
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stderr).toBe('')
      const { host, pathname } = new URL(target.url)
      expectReport(run.stdout, join(dir, 'keel.db'), `PostgreSQL ${host}${pathname}`)
      expect(await countsOf(target)).toEqual(sourceCounts)
    })

    it('copies PostgreSQL (KEEL_DATABASE_URL) into a new SQLite file, and never over an existing one', async () => {
      const dir = tempDir('copy-cli-out')
      const file = join(dir, 'leaving.db')
      const run = await cli(dir, ['copy-database', '--to', file], pgStore.url)
      expect(run.code, run.stdout + run.stderr).toBe(0)
      expect(run.stderr).toBe('')
      const { host, pathname } = new URL(pgStore.url)
      expectReport(run.stdout, `PostgreSQL ${host}${pathname}`, file)
      const copy = openStore({ path: file })
      try {
        expect(await countsOf(copy)).toEqual(sourceCounts)
      } finally {
        await copy.close()
      }
      const again = await cli(dir, ['copy-database', '--to', file], pgStore.url)
      expect(again.code).toBe(1)
      expect(again.stderr.trim()).toBe(`${file} exists: copy into a new file`)
    })

    it('says what is wrong in one line and exits 1: a target it cannot reach, one with data, none', async () => {
      const dir = await dataDir()
      const empty = tempDir('copy-cli-empty')
      const [unreachable, full, nothing, none] = await Promise.all([
        cli(dir, ['copy-database', '--to', 'postgres://keel:secret@127.0.0.1:1/nowhere']),
        cli(dir, ['copy-database', '--to', pgStore.url]),
        cli(empty, ['copy-database', '--to', pgTarget().url]),
        cli(dir, ['copy-database']),
      ])
      expect(unreachable.code).toBe(1)
      expect(unreachable.stderr.trim()).toBe(
        'Cannot open the database at PostgreSQL 127.0.0.1:1/nowhere: connect ECONNREFUSED 127.0.0.1:1',
      )
      expect(unreachable.stdout + unreachable.stderr).not.toContain('secret')

      expect(full.code).toBe(1)
      expect(full.stderr).toMatch(
        /^The target database is not empty \(\w+ has rows\): copy into a new one\n$/,
      )
      expect(await countsOf(pgStore)).toEqual(sourceCounts)

      expect(nothing.code).toBe(1)
      expect(nothing.stderr.trim()).toBe(`No database at ${join(empty, 'keel.db')}`)
      expect(existsSync(join(empty, 'keel.db')), 'a database made up to copy').toBe(false)

      expect(none.code).toBe(1)
      expect(none.stderr.trim()).toBe(
        'Name the target: npm run keel -- copy-database --to <postgres://… | file.db>',
      )
    })
  })
})

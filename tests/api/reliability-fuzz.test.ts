// Fuzzing every operation of the OpenAPI document with fast-check: random and schema-guided bodies
// (wrong types, missing and extra fields, huge strings, unicode, nulls, nesting, malformed JSON), path
// params (negative, zero, huge, non-numeric, other workspaces' ids) and query strings, called as the
// owner (cookie + Origin) on an app with data. Never a 500; every error is in the error shape with a
// known code matching its status; a 4xx writes nothing (every table compared before and after).
//
// Each run starts from the same database (restored from a serialized template after any run that
// changed it), so a failure replays from the printed seed. The seed is fixed in `npm test` and fresh in
// the soak run. Knobs: KEEL_FUZZ_SEED=<seed>, KEEL_FUZZ_RUNS_SCALE=<factor>, KEEL_FUZZ_REPORT=1 (the
// statuses each operation answered), KEEL_FUZZ_DEBUG='<METHOD /path>' (every call of that operation):
//   KEEL_FUZZ_SEED=<seed> npx vitest run tests/api/reliability-fuzz
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import type Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../db/store'
import { createApp } from '../../server/app'
import { fixedClock } from '../../server/lib/clock'
import { EventBus } from '../../server/lib/events'
import { makeApp } from '../helpers/app'
import { withWorkspace } from '../helpers/domain'
import { clip, expectErrorShape, type Json } from '../helpers/reliability'
import { testDatabasePath, testEngine } from '../helpers/store'

const START = '2026-11-02T09:00:00.000Z'
const ORIGIN = 'http://localhost'
const SEED = Number(process.env.KEEL_FUZZ_SEED ?? 20_261_102)
/** Runs per operation; scaled by KEEL_FUZZ_RUNS_SCALE (the soak run uses more). */
const SCALE = Number(process.env.KEEL_FUZZ_RUNS_SCALE ?? 1)
const RUNS = Math.max(1, Math.round(20 * SCALE))
/** Operations that hash a password (scrypt) or may seed a demo workspace (~1 s) get fewer runs. */
const SLOW_RUNS = Math.max(1, Math.round(4 * SCALE))
const SLOW = /^(POST \/api\/(auth\/login|setup|invites\/\{token\}\/accept|workspaces))$/

// ---------------------------------------------------------------------------------------------------
// The operations, read from the OpenAPI document at collection time.

const docApp = makeApp()
const doc: Json = await (await docApp.app.request(`${ORIGIN}/api/openapi.json`)).json()

interface Operation {
  method: string
  path: string
  pathParams: string[]
  query: { name: string; schema: Json; required: boolean }[]
  ifMatch: boolean
  body: Json | undefined
  stream: boolean
  /** The operation answers with a redirect (a browser's sign-on): a 302 is its answer, not an error. */
  redirects: boolean
}

const resolveRef = (s: Json): Json =>
  s && typeof s === 'object' && typeof s.$ref === 'string'
    ? resolveRef(doc.components.schemas[s.$ref.replace('#/components/schemas/', '')])
    : s

const OPERATIONS: Operation[] = Object.entries<Json>(doc.paths).flatMap(([path, ops]) =>
  Object.entries<Json>(ops).map(([method, op]) => {
    const params: Json[] = op.parameters ?? []
    return {
      method: method.toUpperCase(),
      path,
      pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
      query: params
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, schema: resolveRef(p.schema), required: !!p.required })),
      ifMatch: params.some((p) => p.in === 'header' && p.name === 'if-match'),
      body: op.requestBody ? resolveRef(op.requestBody.content?.['application/json']?.schema) : undefined,
      stream: Object.values<Json>(op.responses ?? {}).some((r) => r.content?.['text/event-stream']),
      redirects: '302' in (op.responses ?? {}),
    }
  }),
)

// ---------------------------------------------------------------------------------------------------
// The template: two products with one of everything, a narrowed member, a pending invite, a token and a
// share link in the owner's workspace; a second workspace the owner shares, a third they are not in.

interface Pools {
  ws: number
  /** Ids of the owner's workspace by kind (the path segment before the id: products, tasks, …). */
  own: Record<string, number[]>
  /** Ids of other workspaces, any kind. */
  foreign: number[]
  keys: string[]
  tokens: string[]
  users: number[]
  versions: number[]
}

let template: Buffer
let pools: Pools
let cookie: string

async function buildTemplate() {
  const t = makeApp({ start: START })
  const { owner, ws, userId } = await t.setup()
  const d = withWorkspace(t, owner, ws, userId)
  const own: Record<string, number[]> = {}
  const add = (kind: string, id: number) => {
    own[kind] ??= []
    own[kind].push(id)
  }
  const tokens: string[] = []
  const keys: string[] = []
  for (const key of ['MES', 'SRM']) {
    const product = await d.product(key)
    add('products', product.id)
    const parent = await d.module(product.id, { name: '排产' })
    const child = await d.module(product.id, { name: 'Child', parentId: parent.id })
    add('modules', parent.id)
    add('modules', child.id)
    const customer = await d.customer({ name: `${key} 客户`, tier: 'key', contractValue: 100_000 })
    add('customers', customer.id)
    const iteration = await d.iteration(product.id)
    add('iterations', iteration.id)
    const release = await d.release(product.id)
    add('releases', release.id)
    for (let i = 0; i < 3; i++) {
      const req = await d.requirement(product.id, {
        title: `${key} requirement ${i} 排产`,
        status: i === 0 ? 'approved' : 'draft',
        moduleId: child.id,
        estimate: 2,
      })
      add('requirements', req.id)
      keys.push(req.key)
      const ask = await d.ok('POST', `/requirements/${req.id}/asks`, { customerId: customer.id }, 201)
      add('asks', ask.id)
      await d.ok('POST', `/requirements/${req.id}/comments`, { body: 'a comment' }, 201)
      const task = await d.task({
        productId: product.id,
        kind: 'feature',
        requirementId: req.id,
        iterationId: iteration.id,
        title: `${key} task ${i}`,
        estimate: 1,
      })
      add('tasks', task.id)
      keys.push(task.key)
      await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'a task comment' }, 201)
    }
    await d.ok('PATCH', `/iterations/${iteration.id}`, { status: 'active' })
    const link = await d.ok('POST', '/share-links', { productId: product.id }, 201)
    add('share-links', link.id)
    tokens.push(link.token)
  }
  const narrowed = await t.addMember(owner, ws, 'developer', 'dev@example.com', [own.products![0]!])
  const role = await d.ok('POST', '/roles', { name: 'Custom', permissions: ['product.view'] }, 201)
  add('roles', role.id)
  for (const r of await d.ok('GET', '/roles')) if (r.id !== role.id) add('roles', r.id)
  const invite = await d.ok(
    'POST',
    '/members',
    { email: 'new@example.com', name: 'New', roleId: role.id },
    201,
  )
  tokens.push(invite.token)
  for (const m of (await d.ok('GET', '/members')).items) add('members', m.id)
  for (const i of (await d.ok('GET', '/invites')).items) add('invites', i.id)
  const token = await t.request('POST', '/api/tokens', { name: 'script' }, owner)
  add('tokens', token.body.id)
  add('workspaces', ws)

  // A workspace the owner shares with B, and one that only B is in (anyone may create workspaces here).
  await t.request('PATCH', '/api/admin/settings', { workspaceCreation: 'everyone' }, owner)
  const ws2 = await t.request('POST', '/api/workspaces', { name: 'Second' }, owner)
  const b = await t.addMember(owner, ws2.body.id, 'owner', 'b@example.com')
  const other = withWorkspace(t, b.caller, ws2.body.id, b.userId)
  const ws3 = await t.request('POST', '/api/workspaces', { name: 'Third' }, b.caller)
  const third = withWorkspace(t, b.caller, ws3.body.id, b.userId)
  const foreign: number[] = [ws2.body.id, ws3.body.id]
  for (const o of [other, third]) {
    const p = await o.product('MES')
    const r = await o.requirement(p.id, { title: 'foreign requirement' })
    const c = await o.customer({ name: 'foreign customer' })
    const it2 = await o.iteration(p.id)
    const task = await o.task({ productId: p.id, title: 'foreign task', iterationId: it2.id })
    const m = await o.module(p.id)
    const rel = await o.release(p.id)
    const ask = await o.ok('POST', `/requirements/${r.id}/asks`, { customerId: c.id }, 201)
    const link = await o.ok('POST', '/share-links', { productId: p.id }, 201)
    foreign.push(p.id, r.id, c.id, it2.id, task.id, m.id, rel.id, ask.id, link.id)
  }
  const foreignRole = await other.ok('POST', '/roles', { name: 'Foreign', permissions: [] }, 201)
  foreign.push(foreignRole.id)

  // The history written above has reached the inboxes: a run's app starts with nothing left to do.
  await t.settled()
  const serialized = t.db.$client.serialize()
  t.db.$client.close()
  return {
    template: serialized,
    cookie: owner.headers.cookie!,
    pools: {
      ws,
      own,
      foreign,
      keys: [...keys, 'SRM-999', 'mes-1', 'MES-0', 'MES--1', 'MES-99999999999999999999'],
      tokens,
      users: [userId, narrowed.userId, b.userId],
      versions: [1, 2, 3],
    },
  }
}

// ---------------------------------------------------------------------------------------------------
// An app on a copy of the template, and a fingerprint of everything in its database.

interface Live {
  app: ReturnType<typeof createApp>
  store: Store
  /** The writer connection: total_changes() counts what the app's writes did. */
  sqlite: Database.Database
  fingerprint: string
  /** sqlite's total_changes(): unchanged means no statement wrote a row (the cheap first check). */
  changes: number
  /** The last audit event seen: events after it are what the call logged. */
  auditId: number
}

function openLive(): Live {
  const path = testDatabasePath()
  writeFileSync(path, template)
  const store = openStore({ path })
  const sqlite = store.writer.$client
  const app = createApp({ store, clock: fixedClock(START), events: new EventBus(), heartbeatSeconds: 1 })
  const auditId = sqlite.prepare('select coalesce(max(id), 0) from audit_events').pluck().get() as number
  return { app, store, sqlite, fingerprint: fingerprint(sqlite), changes: totalChanges(sqlite), auditId }
}

const totalChanges = (sqlite: Database.Database) =>
  sqlite.prepare('select total_changes()').pluck().get() as number

/**
 * Row counts of every table, max(activity.id) and a hash of every row: equal means nothing was written.
 * The throttle counters are left out: counting a failed login or an unknown share link is exactly what a
 * refused request must write (tests/api/auth.test.ts and sharing-links.test.ts check those counts). So is
 * the audit log, which records failed sign-ins: check() asserts that a refused call logs only failures.
 */
function fingerprint(sqlite: Database.Database): string {
  const tables = sqlite
    .prepare(
      "select name from sqlite_master where type = 'table' and name not in ('throttles', 'audit_events') order by name",
    )
    .pluck()
    .all() as string[]
  const hash = createHash('sha1')
  const counts: Record<string, number> = {}
  for (const table of tables) {
    // The audit log's own id counter moves with it.
    const only = table === 'sqlite_sequence' ? " where name <> 'audit_events'" : ''
    const rows = sqlite.prepare(`select * from "${table}"${only}`).raw().all()
    counts[table] = rows.length
    hash.update(table)
    hash.update(JSON.stringify(rows, (_, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)))
  }
  const maxActivity = sqlite.prepare('select max(id) from activity').pluck().get()
  return JSON.stringify({ counts, maxActivity, hash: hash.digest('hex') })
}

// ---------------------------------------------------------------------------------------------------
// Generators.

const SQL = ["'; DROP TABLE tasks; --", '" OR 1=1 --', "1' OR '1'='1", 'Robert"); DELETE FROM users;--']
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\u202e\u0000evil',
  'null',
  'true',
  '0',
  '-1',
  'NaN',
  'Infinity',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00%2e%2e',
  '排产计划优化',
  '😀👨‍👩‍👧‍👦',
  '\ud800',
  'MES-1',
  '2026-02-30',
  '9999-99-99',
  '2026-13-01',
  'owner@example.com',
  'correct horse battery',
  '"*" OR NEAR(a b)',
  ...SQL,
]
const NASTY_NUMBERS = [0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 1e-300, 2 ** 31, -(2 ** 63)]

/** 100 KB to 300 KB of one repeated unit (ASCII, CJK, emoji, NUL or a direction override). */
const hugeString = fc
  .tuple(
    fc.constantFrom('x', '排', '😀', '\u0000', '\u202e', 'ab"\\'),
    fc.integer({ min: 100_000, max: 300_000 }),
  )
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length))

const anyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
)

const deepNesting = fc.tuple(fc.integer({ min: 10, max: 2000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: Json = 1
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value }
  return value
})

/** A value of the wrong kind: any JSON, a nasty number or string, a huge string, deep nesting. */
const evil: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<Json>(null, true, false, [], {}, ...NASTY_NUMBERS) },
  { weight: 3, arbitrary: anyString },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deepNesting },
  { weight: 1, arbitrary: fc.constant({ __proto__: { admin: true }, constructor: { prototype: 1 } }) },
)

const idFrom = (ids: number[] | undefined): fc.Arbitrary<number> =>
  ids?.length ? fc.constantFrom(...ids) : fc.integer({ min: 1, max: 50 })

/** Ids of the kind a field names (productId → products), the other workspaces' ids, or any small id. */
function idArb(kind: string | undefined): fc.Arbitrary<number> {
  const all = Object.values(pools.own).flat()
  return fc.oneof(
    { weight: 6, arbitrary: idFrom(kind ? pools.own[kind] : undefined) },
    { weight: 2, arbitrary: idFrom(all) },
    { weight: 1, arbitrary: idFrom(pools.foreign) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 200 }) },
  )
}

const FIELD_KIND: Record<string, string> = {
  product: 'products',
  requirement: 'requirements',
  iteration: 'iterations',
  customer: 'customers',
  module: 'modules',
  parent: 'modules',
  release: 'releases',
  role: 'roles',
  before: 'requirements',
  after: 'requirements',
  anchor: 'tasks',
  entity: 'requirements',
}

function kindOfField(name: string | undefined, path: string): string | undefined {
  if (!name) return undefined
  if (/^(assignee|user|actor|createdBy)(Id)?s?$/.test(name)) return 'users'
  const base = name.replace(/Ids?$/, '')
  if ((base === 'before' || base === 'after') && path.includes('/tasks/')) return 'tasks'
  return FIELD_KIND[base]
}

/** A value that fits `s` (mostly), for the field `name` of an operation on `path`. */
function fits(s: Json, name: string | undefined, path: string, depth = 0): fc.Arbitrary<Json> {
  s = resolveRef(s) ?? {}
  if (depth > 4) return fc.constant(null)
  if (s.anyOf || s.oneOf)
    return fc.oneof(...(s.anyOf ?? s.oneOf).map((x: Json) => fits(x, name, path, depth)))
  if (s.allOf) return fits(s.allOf[0], name, path, depth)
  if (s.const !== undefined) return fc.constant(s.const)
  if (Array.isArray(s.enum)) return fc.constantFrom(...s.enum)
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : []
  if (types.includes('null') && types.length > 1) {
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 4, arbitrary: fits({ ...s, type: types.filter((x) => x !== 'null') }, name, path, depth) },
    )
  }
  const type = types[0]
  if (type === 'integer' || type === 'number') {
    const kind = kindOfField(name, path)
    const idLike = kind !== undefined || (s.exclusiveMinimum === 0 && (s.maximum ?? 0) > 1e9)
    if (idLike) {
      if (kind === 'users') return idFrom(pools.users)
      return idArb(kind)
    }
    if (name === 'version') return fc.constantFrom(...pools.versions, 0, 99)
    const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000)
    const max = s.maximum ?? 1_000_000
    return type === 'integer'
      ? fc.integer({ min: Math.max(min, -1e9), max: Math.min(max, 1e9) })
      : fc.double({ min: Math.max(min, -1e9), max: Math.min(max, 1e9), noNaN: true, noDefaultInfinity: true })
  }
  if (type === 'boolean') return fc.boolean()
  if (type === 'array') {
    const kind = kindOfField(name, path)
    return fc.array(kind ? idArb(kind) : fits(s.items ?? {}, undefined, path, depth + 1), {
      maxLength: Math.min(s.maxItems ?? 5, 5),
    })
  }
  if (type === 'object' || s.properties) return objectFor(s, path, depth + 1, 0.05)
  if (type === 'string') {
    if (s.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('owner@example.com'))
    if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString())
    if (s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') {
      // Mostly real dates near the fixed clock; sometimes well-formed but impossible ones.
      return fc.oneof(
        {
          weight: 5,
          arbitrary: fc
            .integer({ min: -400, max: 400 })
            .map((d) => new Date(Date.parse(START) + d * 864e5).toISOString().slice(0, 10)),
        },
        { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      )
    }
    if (s.pattern) {
      try {
        return fc.stringMatching(new RegExp(s.pattern), { maxLength: 40 })
      } catch {
        // an unsupported pattern: fall through to plain strings
      }
    }
    const max = Math.min(s.maxLength ?? 60, 60)
    const min = Math.min(s.minLength ?? 0, max)
    return fc.oneof(
      { weight: 4, arbitrary: fc.string({ minLength: min, maxLength: max }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.constantFrom(...SQL, '排产计划优化', 'Ünïcödé ✓') },
    )
  }
  return fc.jsonValue({ maxDepth: 2 })
}

/** A uniform draw in [0, 1) for choices (fc.double is biased towards 0 and extremes on purpose). */
const roll = fc.noBias(fc.integer({ min: 0, max: 9999 })).map((n) => n / 10_000)

/** An object with the schema's properties: each fitting, of the wrong kind, or left out; plus extras. */
function objectFor(s: Json, path: string, depth: number, evilRate: number): fc.Arbitrary<Json> {
  const props = Object.entries<Json>(s.properties ?? {})
  const required = new Set<string>(s.required ?? [])
  const fields = props.map(([name, prop]) =>
    fc.tuple(roll, fits(prop, name, path, depth), evil, roll).map(([roll, good, bad, keep]) => {
      if (!required.has(name) && keep < 0.6) return undefined
      if (required.has(name) && keep < 0.03) return undefined
      return [name, roll < evilRate ? bad : good] as const
    }),
  )
  const extras = fc.dictionary(
    fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'id')),
    evil,
    {
      maxKeys: 2,
    },
  )
  return fc
    .tuple(fc.tuple(...fields), fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, extras))
    .map(([entries, extra]) => {
      const out: Record<string, Json> = {}
      for (const entry of entries) if (entry) out[entry[0]] = entry[1]
      for (const [k, v] of Object.entries(extra))
        if (!(k in out))
          Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true })
      return out
    })
}

interface Body {
  raw: string
  contentType?: string
}

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
]

const MALFORMED = [
  '',
  '{',
  '{"a":}',
  '{"title": "x"}{"b": 1}',
  "{'title': 'x'}",
  'NaN',
  'undefined',
  '\u0000',
  '{"title": "\\ud800"}',
  '[',
  '{"__proto__": {"admin": true}}',
]

/** A request body: schema-guided (with wrong fields), any JSON, or malformed text with any content type. */
function bodyArb(op: Operation): fc.Arbitrary<Body | undefined> {
  const json = (value: fc.Arbitrary<Json>) => value.map((v): Body => ({ raw: JSON.stringify(v) ?? 'null' }))
  const guided = op.body ? objectFor(op.body, op.path, 0, 0.25) : fc.constant({})
  const validish = op.body ? objectFor(op.body, op.path, 0, 0) : fc.constant({})
  const wrongType = fc
    .tuple(fc.oneof(validish, fc.jsonValue({ maxDepth: 2 })), fc.constantFrom(...CONTENT_TYPES.slice(1)))
    .map(([v, contentType]): Body => ({ raw: JSON.stringify(v) ?? '', contentType }))
  const malformed = fc
    .tuple(fc.constantFrom(...MALFORMED), fc.constantFrom(...CONTENT_TYPES))
    .map(([raw, contentType]): Body => ({ raw, contentType }))
  const tooLarge = fc.constant<Body>({ raw: JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }) })
  if (!op.body) {
    // Routes without a body: mostly none; a DELETE may still get one.
    if (op.method !== 'DELETE' && op.method !== 'POST') return fc.constant(undefined)
    return fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 2 })) },
      { weight: 1, arbitrary: malformed },
    )
  }
  return fc.oneof(
    { weight: 5, arbitrary: json(validish) },
    { weight: 8, arbitrary: json(guided) },
    { weight: 2, arbitrary: json(fc.jsonValue({ maxDepth: 3 })) },
    { weight: 1, arbitrary: json(evil) },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: malformed },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: tooLarge },
  )
}

const EVIL_IDS = [
  '0',
  '-1',
  '-0',
  '1.5',
  '1e3',
  '0x1f',
  ' 1',
  '+1',
  '9007199254740992',
  '99999999999999999999',
  '1'.repeat(400),
  'NaN',
  'Infinity',
  'null',
  'abc',
  '%00',
  '😀',
  '..',
  "1'; DROP TABLE tasks; --",
  '1 OR 1=1',
]

/** Path segments sent as they are, not encoded again: malformed percent-encoding and invalid UTF-8. */
const RAW = ['%', '%zz', '%FF', '%ED%A0%80', '%C0%AE', '%2F', '%2e%2e', '%00']
const RAW_MARK = '\u0001raw:'

/** A path segment: encoded (lone surrogates made well-formed first), or one of RAW as it is. */
const segment = (value: string) =>
  value.startsWith(RAW_MARK)
    ? value.slice(RAW_MARK.length)
    : encodeURIComponent(
        value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
      )

function paramArb(op: Operation, name: string): fc.Arbitrary<string> {
  const segments = op.path.split('/')
  const kind = segments[segments.indexOf(`{${name}}`) - 1]
  const evilId = fc.oneof(
    fc.constantFrom(...EVIL_IDS),
    anyString,
    fc.constantFrom(...RAW.map((r) => RAW_MARK + r)),
  )
  if (name === 'ws') {
    return fc.oneof(
      { weight: 12, arbitrary: fc.constant(String(pools.ws)) },
      { weight: 1, arbitrary: idFrom(pools.foreign).map(String) },
      { weight: 1, arbitrary: evilId },
    )
  }
  if (name === 'key') return fc.oneof(fc.constantFrom(...pools.keys), evilId)
  if (name === 'token') return fc.oneof(fc.constantFrom(...pools.tokens), evilId)
  if (name === 'file') {
    return fc.oneof(
      fc.constantFrom(...pools.tokens.map((t) => `${t}.ics`)),
      fc.stringMatching(/^[A-Za-z0-9_-]{16,64}\.ics$/),
      evilId,
    )
  }
  const ownKind = name === 'productId' ? 'products' : name === 'askId' ? 'asks' : kind
  return fc.oneof({ weight: 5, arbitrary: idArb(ownKind).map(String) }, { weight: 2, arbitrary: evilId })
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const params = op.query.map((q) =>
    fc
      .tuple(
        roll,
        fits(q.schema, q.name, op.path),
        fc.oneof(anyString, fc.constantFrom('-1', '0', '501', '1e3', 'none', '1,2,3', 'draft,,x', ',')),
        fc.boolean(),
      )
      .map(([roll, good, bad, twice]) => {
        if (!q.required && roll < 0.65) return [] as [string, string][]
        const value = roll < 0.9 ? (typeof good === 'string' ? good : JSON.stringify(good)) : bad
        const pairs: [string, string][] = [[q.name, value]]
        if (twice && roll > 0.95) pairs.push([q.name, value])
        return pairs
      }),
  )
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.constant([] as [string, string][]) },
    { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 8 }), anyString).map((p) => [p]) },
  )
  return fc.tuple(fc.tuple(...params), extra).map(([pairs, more]) => {
    const search = new URLSearchParams([...pairs.flat(), ...more])
    const text = search.toString()
    return text ? `?${text}` : ''
  })
}

const ifMatchArb = fc.oneof(
  { weight: 4, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.constantFrom('1', '2', '3', 'W/"1"', '"2"') },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'abc',
      '*',
      '-1',
      '1.5',
      '1e3',
      '',
      ' 2',
      '9'.repeat(40),
      '9'.repeat(41),
      '0x1',
    ),
  },
)

interface Call {
  path: string
  query: string
  body: Body | undefined
  ifMatch: string | undefined
}

function callArb(op: Operation): fc.Arbitrary<Call> {
  const params = op.pathParams.map((name) => paramArb(op, name).map((value) => [name, value] as const))
  return fc
    .record({
      params: fc.tuple(...params),
      query: queryArb(op),
      body: bodyArb(op),
      ifMatch: op.ifMatch ? ifMatchArb : fc.constant(undefined),
    })
    .map(({ params: values, query, body, ifMatch }) => {
      let path = op.path
      for (const [name, value] of values) path = path.replace(`{${name}}`, segment(value))
      return { path, query, body, ifMatch }
    })
}

// ---------------------------------------------------------------------------------------------------
// The property.

let live: Live
const reached = new Map<string, Set<number>>()

async function send(op: Operation, call: Call) {
  const headers: Record<string, string> = { origin: ORIGIN, cookie }
  if (call.body) headers['content-type'] = call.body.contentType ?? 'application/json'
  if (call.ifMatch !== undefined) headers['if-match'] = call.ifMatch
  const controller = new AbortController()
  const res = await live.app.request(`${ORIGIN}${call.path}${call.query}`, {
    method: op.method,
    headers,
    body: call.body?.raw,
    signal: controller.signal,
  })
  if (res.headers.get('content-type')?.includes('text/event-stream')) {
    controller.abort()
    await res.body?.cancel().catch(() => {})
    return { status: res.status, body: undefined, text: '', type: 'text/event-stream' }
  }
  const text = await res.text()
  let body: Json
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  return { status: res.status, body, text, type: res.headers.get('content-type') ?? '' }
}

const describeCall = (op: Operation, call: Call) =>
  `${op.method} ${clip(call.path, 200)}${clip(call.query, 200)} if-match=${call.ifMatch ?? '-'} ` +
  `content-type=${call.body?.contentType ?? (call.body ? 'application/json' : '-')} body=${clip(call.body?.raw, 400)}`

async function check(op: Operation, call: Call) {
  const res = await send(op, call)
  const label = `${describeCall(op, call)} → ${res.status} ${clip(res.text, 400)}`
  if (process.env.KEEL_FUZZ_DEBUG && `${op.method} ${op.path}`.endsWith(process.env.KEEL_FUZZ_DEBUG))
    console.log(label)
  const statuses = reached.get(`${op.method} ${op.path}`) ?? new Set()
  statuses.add(res.status)
  reached.set(`${op.method} ${op.path}`, statuses)
  expect(res.status, `never a 5xx: ${label}`).toBeLessThan(500)
  if (res.status >= 300 && res.status !== 304 && !(res.status === 302 && op.redirects)) {
    expect(res.type, label).toContain('application/json')
    expectErrorShape(res, label)
  }
  // No statement changed a row: nothing was written. Otherwise compare every table (a write rolled
  // back in full leaves the database as it was, which is fine).
  const changes = totalChanges(live.sqlite)
  const after = changes === live.changes ? live.fingerprint : fingerprint(live.sqlite)
  if (res.status >= 400) {
    expect(after === live.fingerprint, `a ${res.status} wrote to the database: ${label}`).toBe(true)
    // Failures are counted (throttles) and logged (the audit log), and nothing else: a refused call logs
    // only that it failed.
    const logged = live.sqlite
      .prepare('select action from audit_events where id > ?')
      .pluck()
      .all(live.auditId) as string[]
    for (const action of logged)
      expect(action, `a ${res.status} logged ${action}: ${label}`).toMatch(/_failed$/)
  }
  live.auditId = live.sqlite.prepare('select coalesce(max(id), 0) from audit_events').pluck().get() as number
  if (after !== live.fingerprint) {
    // A successful write: the next run starts again from the template.
    await live.store.close()
    live = openLive()
  } else live.changes = changes
}

// SQLite only: every run starts from a serialized SQLite image of the template, and total_changes() and
// sqlite_master tell whether a call wrote anything.
describe.runIf(testEngine() === 'sqlite')('fuzzing every operation of the OpenAPI document', () => {
  beforeAll(async () => {
    const built = await buildTemplate()
    template = built.template
    pools = built.pools
    cookie = built.cookie
    live = openLive()
  }, 60_000)

  afterAll(() => live?.store.close())

  it('covers the whole document', () => {
    expect(OPERATIONS.length).toBeGreaterThan(80)
    expect(OPERATIONS.filter((o) => o.body).length).toBeGreaterThan(30)
  })

  for (const op of OPERATIONS) {
    it(`${op.method} ${op.path}`, async () => {
      const runs = SLOW.test(`${op.method} ${op.path}`) ? SLOW_RUNS : RUNS
      const result = await fc.check(
        fc.asyncProperty(callArb(op), async (call) => check(op, call)),
        { seed: SEED, numRuns: runs, endOnFailure: false },
      )
      if (result.failed) {
        const call = result.counterexample?.[0] as Call | undefined
        const error =
          result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance)
        throw new Error(
          `fuzz failure on ${op.method} ${op.path} (seed ${result.seed}, path "${result.counterexamplePath}", ` +
            `replay with KEEL_FUZZ_SEED=${result.seed})\n` +
            `request: ${call ? describeCall(op, call) : '?'}\n${clip(error, 3000)}`,
        )
      }
    })
  }

  it('gets past validation: most operations answered 2xx at least once', () => {
    const tried = [...reached.entries()]
    if (process.env.KEEL_FUZZ_REPORT) {
      for (const [key, statuses] of tried) console.log(`${key}: ${[...statuses].sort().join(' ')}`)
    }
    expect(tried.length).toBe(OPERATIONS.length)
    const succeeded = tried.filter(([, statuses]) => [...statuses].some((s) => s >= 200 && s < 300))
    const missing = tried.filter(([key]) => !succeeded.some(([k]) => k === key)).map(([key]) => key)
    expect(succeeded.length / tried.length, `never 2xx: ${missing.join(', ')}`).toBeGreaterThan(0.6)
  })
})

// Helpers for the reliability tests: the error-shape check, the real server process on loopback, an
// HTTP client with a session cookie, bounded load loops and direct checks of a database file.
import { type ChildProcess, spawn } from 'node:child_process'
import { copyFileSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect } from 'vitest'

/** The error codes of API.md, with the status each one answers; `unavailable` (503) for a database in trouble. */
export const ERROR_STATUS: Record<string, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
}

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field
export type Json = any

export interface Answer {
  status: number
  body: Json
  text: string
  headers: Headers
}

/** A non-2xx answer is `{ error: { code, message, details? } }` with a known code that matches its status. */
export function expectErrorShape(res: { status: number; body: Json }, label: string) {
  expect(res.body, `${label}: error body`).toBeTypeOf('object')
  expect(res.body, `${label}: error body`).not.toBeNull()
  expect(Object.keys(res.body), `${label}: top-level keys`).toEqual(['error'])
  const error = res.body.error
  expect(error, `${label}: error`).toBeTypeOf('object')
  expect(typeof error.code, `${label}: error.code`).toBe('string')
  expect(Object.keys(ERROR_STATUS), `${label}: unknown error code ${error.code}`).toContain(error.code)
  expect(ERROR_STATUS[error.code], `${label}: status of ${error.code}`).toBe(res.status)
  expect(typeof error.message, `${label}: error.message`).toBe('string')
  expect(error.message.length, `${label}: error.message`).toBeGreaterThan(0)
  for (const key of Object.keys(error)) expect(['code', 'message', 'details'], label).toContain(key)
}

/** Short text for assertion labels: never a 300 KB body in a failure message. */
export const clip = (value: unknown, max = 300) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text === undefined
    ? 'undefined'
    : text.length > max
      ? `${text.slice(0, max)}… (${text.length})`
      : text
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A free loopback port at or above 4300 (random, so parallel test files do not collide). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 4300 + Math.floor(Math.random() * 20_000)
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
      probe.once('error', () => resolve(false))
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
    })
    if (free) return port
  }
  throw new Error('no free port found')
}

export interface ServerProcess {
  child: ChildProcess
  port: number
  base: string
  output: () => string
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<number | string | null>
  /** SIGKILL, then wait for the exit. Safe to call twice. */
  kill: (signal?: NodeJS.Signals) => Promise<void>
}

/** Runs a command with `env` added to this process's environment, collecting what it prints. */
function spawnCollecting(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const collect = (chunk: Buffer) => {
    output += chunk
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  return { child, output: () => output }
}

/** Spawns the production server (server/index.ts through tsx) on 127.0.0.1 with its data in `dataDir`. */
export function spawnServer(dataDir: string, port: number, env: Record<string, string> = {}): ServerProcess {
  const { child, output } = spawnCollecting(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    KEEL_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_WEB_DIR: '',
    KEEL_LOG: '0',
    ...env,
  })
  const exited = new Promise<number | string | null>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode ?? child.signalCode)
    else child.once('exit', (code, signal) => resolve(code ?? signal))
  })
  return {
    child,
    port,
    base: `http://127.0.0.1:${port}`,
    output,
    exited,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    },
  }
}

/** Starts the production server and waits until it answers; killed again if it does not start. */
export async function startServer(
  dataDir: string,
  port?: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const server = spawnServer(dataDir, port ?? (await freePort()), env)
  try {
    await listening(server)
    const health = await fetch(`${server.base}/api/health`)
    if (!health.ok) throw new Error(`the server answered ${health.status} to /api/health: ${server.output()}`)
  } catch (err) {
    await server.kill()
    throw err
  }
  return server
}

/** Resolves when the server prints that it is listening; fails if it exits first or takes over 30 s. */
function listening(server: ServerProcess): Promise<void> {
  const { child, output } = server
  return new Promise((resolve, reject) => {
    const finish = (error?: string) => {
      clearTimeout(limit)
      child.stdout?.off('data', check)
      child.off('exit', exit)
      if (error) reject(new Error(`${error}: ${output()}`))
      else resolve()
    }
    const check = () => {
      if (output().includes('Keel is running at')) finish()
    }
    const exit = () => finish('the server exited while starting')
    const limit = setTimeout(() => finish('the server did not start within 30 s'), 30_000)
    child.stdout?.on('data', check)
    child.once('exit', exit)
    if (child.exitCode !== null || child.signalCode !== null) exit()
    else check()
  })
}

/**
 * Real servers for the tests of a file: each one started here is SIGKILLed after its test, and then the
 * temp directories are removed.
 */
export function serversPerTest() {
  const started: ServerProcess[] = []
  afterEach(async () => {
    for (const server of started.splice(0)) await server.kill()
    removeTempDirs()
  })
  const start = async (dataDir: string) => {
    const server = await startServer(dataDir)
    started.push(server)
    return server
  }
  return {
    start,
    /**
     * Restores a backup as the README says: a new data directory holding `backupFile` as keel.db and its
     * `<file>.files/` folder (if any) as files/, a server started on it, the integrity check passed, and
     * the owner logged in.
     */
    async restore(backupFile: string, prefix: string) {
      const dir = tempDir(prefix)
      const dbPath = join(dir, 'keel.db')
      copyFileSync(backupFile, dbPath)
      if (existsSync(`${backupFile}.files`))
        cpSync(`${backupFile}.files`, join(dir, 'files'), { recursive: true })
      const server = await start(dir)
      expect(integrityCheck(dbPath), 'the restored database').toBe('ok')
      return { server, client: await login(server.base) }
    },
  }
}

/** Calls the API of a running server as one logged-in user (cookie + matching Origin). */
export class Client {
  constructor(
    readonly base: string,
    readonly cookie: string,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    return request(this.base, method, path, body, { cookie: this.cookie, origin: this.base, ...headers })
  }

  /** A call that must answer `status`; anything else throws with the answer. */
  async ok(method: string, path: string, body?: unknown, status = 200): Promise<Json> {
    const res = await this.call(method, path, body)
    if (res.status !== status) {
      throw new Error(`${method} ${path} → ${res.status} (expected ${status}): ${clip(res.text, 1000)}`)
    }
    return res.body
  }
}

export async function request(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const h: Record<string, string> = { ...headers }
  let payload: string | undefined
  if (body !== undefined) {
    h['content-type'] = 'application/json'
    payload = typeof body === 'string' ? body : JSON.stringify(body)
  }
  const res = await fetch(`${base}${path}`, { method, headers: h, body: payload })
  const text = await res.text()
  let json: Json
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = text
  }
  return { status: res.status, body: json, text, headers: res.headers }
}

export const OWNER = { email: 'owner@example.com', password: 'correct horse battery' }

/** First-run setup on a fresh server: the owner's client and workspace id. */
export async function setupOwner(base: string): Promise<{ client: Client; ws: number; userId: number }> {
  const res = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ workspaceName: 'Acme', name: 'Olivia Owner', ...OWNER }),
  })
  const body = (await res.json()) as Json
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(body)}`)
  return { client: new Client(base, sessionCookie(res.headers)), ws: body.workspace.id, userId: body.user.id }
}

/** The owner of a running server: set up on first use, logged in after that. */
export async function ownerOf(base: string): Promise<{ client: Client; ws: number }> {
  const needed = (await request(base, 'GET', '/api/setup')).body?.needed
  if (needed) return setupOwner(base)
  const client = await login(base)
  const me = await client.ok('GET', '/api/me')
  return { client, ws: me.workspaces[0].id }
}

/** Logs in again (e.g. after a restart, the session survives; this proves login works too). */
export async function login(base: string): Promise<Client> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(OWNER),
  })
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`)
  return new Client(base, sessionCookie(res.headers))
}

function sessionCookie(headers: Headers): string {
  const cookie = headers.get('set-cookie')?.match(/keel_session=([^;]+)/)?.[1]
  if (!cookie) throw new Error('no session cookie in the answer')
  return `keel_session=${cookie}`
}

/** `PRAGMA integrity_check` of a database file, opened read-only (the WAL is read too). */
export function integrityCheck(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return String(db.pragma('integrity_check', { simple: true }))
  } finally {
    db.close()
  }
}

/** Runs `fn` on a database file opened read-only and closes it. */
export function readDb<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true })
  try {
    return fn(db)
  } finally {
    db.close()
  }
}

export interface LoadOptions {
  /** How many concurrent loops. */
  workers: number
  /** Upper bound of iterations per worker. */
  perWorker: number
  /** Wall-clock bound: no new iteration starts after this many ms. */
  ms: number
  /** Stops every loop early when it turns true (e.g. the server was killed). */
  stop?: () => boolean
}

/**
 * Runs `step(worker, i)` in `workers` concurrent loops, each bounded in count and time. A loop whose
 * step throws stops; the others go on to their bounds; then the first error is thrown.
 */
export async function load(options: LoadOptions, step: (worker: number, i: number) => Promise<void>) {
  const deadline = Date.now() + options.ms
  const results = await Promise.allSettled(
    Array.from({ length: options.workers }, async (_, worker) => {
      for (let i = 0; i < options.perWorker && Date.now() < deadline && !options.stop?.(); i++) {
        await step(worker, i)
      }
    }),
  )
  const failed = results.find((r) => r.status === 'rejected')
  if (failed) throw failed.reason
}

/** A small seeded PRNG (mulberry32), so load patterns can be replayed from the printed seed. */
export function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  }
}

// ---------------------------------------------------------------------------------------------------
// Scenarios shared by the small tests (npm test) and the soak tests (npm run soak).

const tempDirs: string[] = []

/** A fresh temp directory for a server's data; removed by `removeTempDirs`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `keel-${prefix}-`))
  tempDirs.push(dir)
  return dir
}

/** Removes every temp directory made so far in this test file (after its servers are stopped). */
export function removeTempDirs() {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true })
}

/** Thrown by fetch when the server is gone: the write's fate is unknown, not failed. */
const isNetworkError = (err: unknown) =>
  err instanceof TypeError || (err as { name?: string })?.name === 'AbortError'

export interface ConcurrencyOptions {
  workers: number
  perWorker: number
  ms: number
  seed: number
  /** How many requirements every editor fights over. */
  hot: number
}

export interface Accepted {
  kind: 'patch' | 'rank' | 'move'
  /** `requirement:<id>` or `task:<id>` */
  item: string
  id: number
  version: number
  /** The If-Match version sent, when one was. */
  expected?: number
  title?: string
  status?: string
}

/**
 * Concurrent writers on a running server: `workers` clients edit the same requirements with If-Match,
 * re-rank them and move the same tasks, each bounded in count and time. Asserts every answer, then the
 * final state: versions unique and sequential per item, the final state equal to the last accepted
 * write, a strict total rank order, and one activity row per accepted write.
 */
export async function concurrentWriters(server: ServerProcess, dbPath: string, o: ConcurrencyOptions) {
  const { client, ws } = await ownerOf(server.base)
  const api = (path: string) => `/api/workspaces/${ws}${path}`
  const key = `C${Date.now() % 100_000}`
  const product = await client.ok('POST', api('/products'), { key, name: key }, 201)
  const iteration = await client.ok(
    'POST',
    api(`/products/${product.id}/iterations`),
    {
      name: 'Sprint',
      startDate: '2026-11-09',
      endDate: '2026-11-20',
      capacity: 10,
      stabilityBudgetPercent: 20,
    },
    201,
  )
  const requirements: Json[] = []
  for (let i = 0; i < 8; i++) {
    requirements.push(
      await client.ok(
        'POST',
        api(`/products/${product.id}/requirements`),
        { title: `Requirement ${i}` },
        201,
      ),
    )
  }
  const tasks: Json[] = []
  for (let i = 0; i < 6; i++) {
    tasks.push(
      await client.ok(
        'POST',
        api('/tasks'),
        { productId: product.id, kind: 'chore', title: `Task ${i}`, iterationId: iteration.id },
        201,
      ),
    )
  }
  const R = (id: number) => `requirement:${id}`
  const T = (id: number) => `task:${id}`
  const initial = new Map<string, number>([
    ...requirements.map((x) => [R(x.id), x.version] as const),
    ...tasks.map((x) => [T(x.id), x.version] as const),
  ])
  const activityBefore = readDb(
    dbPath,
    (db) => db.prepare('select max(id) from activity').pluck().get() as number,
  )
  const hot = requirements.slice(0, o.hot).map((r) => r.id as number)
  const reqIds = requirements.map((r) => r.id as number)
  const taskIds = tasks.map((t) => t.id as number)
  const statuses = ['todo', 'doing', 'review', 'done', 'blocked'] as const

  const accepted: Accepted[] = []
  const answers = new Map<string, number>()
  const problems: string[] = []
  const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1)
  const knownVersions = Array.from({ length: o.workers }, () => new Map<string, number>())

  await load({ workers: o.workers, perWorker: o.perWorker, ms: o.ms }, async (worker, i) => {
    const rnd = prng(o.seed + worker * 7919 + i)
    // Each client knows versions from its own last answers: stale knowledge is the point.
    const known = (item: string) => knownVersions[worker]!.get(item) ?? initial.get(item)!
    const roll = rnd.next()
    if (roll < 0.45) {
      const id = rnd.pick(hot)
      const expected = known(R(id))
      const title = `w${worker}-${i} 编辑`
      const res = await client.call(
        'PATCH',
        api(`/requirements/${id}`),
        { title },
        { 'if-match': String(expected) },
      )
      count(`PATCH ${res.status}`)
      if (res.status === 200) {
        accepted.push({ kind: 'patch', item: R(id), id, version: res.body.version, expected, title })
        knownVersions[worker]!.set(R(id), res.body.version)
        if (res.body.version !== expected + 1 || res.body.title !== title)
          problems.push(`PATCH ${id} if-match ${expected} answered version ${res.body.version}`)
      } else if (res.status === 409) {
        checkConflict(res, id, expected, problems)
        if (res.body?.error?.details?.current)
          knownVersions[worker]!.set(R(id), res.body.error.details.current.version)
      } else problems.push(`PATCH ${id} → ${res.status} ${clip(res.text)}`)
    } else if (roll < 0.7) {
      const id = rnd.pick(reqIds)
      let target = rnd.pick(reqIds)
      if (target === id) target = reqIds[(reqIds.indexOf(id) + 1) % reqIds.length]!
      const side = rnd.next() < 0.5 ? 'beforeId' : 'afterId'
      const res = await client.call('POST', api(`/requirements/${id}/rank`), { [side]: target })
      count(`rank ${res.status}`)
      if (res.status === 200) {
        accepted.push({ kind: 'rank', item: R(id), id, version: res.body.version })
        knownVersions[worker]!.set(R(id), res.body.version)
      } else problems.push(`rank ${id} ${side} ${target} → ${res.status} ${clip(res.text)}`)
    } else {
      const id = rnd.pick(taskIds)
      const status = rnd.pick(statuses)
      const versioned = rnd.next() < 0.5
      const expected = known(T(id))
      const body: Json = { status }
      if (status === 'blocked') body.blockedReason = `waiting on w${worker}`
      const res = await client.call(
        'POST',
        api(`/tasks/${id}/move`),
        body,
        versioned ? { 'if-match': String(expected) } : {},
      )
      count(`move ${res.status}`)
      if (res.status === 200) {
        accepted.push({
          kind: 'move',
          item: T(id),
          id,
          version: res.body.version,
          status,
          ...(versioned ? { expected } : {}),
        })
        knownVersions[worker]!.set(T(id), res.body.version)
        if (versioned && res.body.version !== expected + 1)
          problems.push(`move ${id} if-match ${expected} answered version ${res.body.version}`)
      } else if (res.status === 409 && res.body?.error?.details?.reason === 'transition_forbidden') {
        // The workflow's one refusal: work that is done cannot become blocked (reopen it first).
        if (status !== 'blocked' || res.body.error.details.from !== 'done')
          problems.push(`move ${id} to ${status} refused as a transition: ${clip(res.text)}`)
      } else if (res.status === 409 && versioned) {
        checkConflict(res, id, expected, problems)
        if (res.body?.error?.details?.current)
          knownVersions[worker]!.set(T(id), res.body.error.details.current.version)
      } else problems.push(`move ${id} → ${res.status} ${clip(res.text)}`)
    }
  })

  expect(problems, `seed ${o.seed}`).toEqual([])
  const total = [...answers.values()].reduce((a, b) => a + b, 0)
  expect(total, 'the load ran').toBeGreaterThan(o.workers)
  expect(
    answers.get('PATCH 409') ?? 0,
    `writers collided (answers ${JSON.stringify([...answers])})`,
  ).toBeGreaterThan(0)

  // Per item: the accepted versions are exactly initial+1 … initial+n; the final state is the last write.
  for (const item of initial.keys()) {
    const [type, idText] = item.split(':') as [string, string]
    const id = Number(idText)
    const writes = accepted.filter((a) => a.item === item).sort((a, b) => a.version - b.version)
    const v0 = initial.get(item)!
    expect(
      writes.map((w) => w.version),
      `versions of ${item}: ${clip(writes, 2000)}`,
    ).toEqual(writes.map((_, k) => v0 + k + 1))
    const isTask = type === 'task'
    const current = await client.ok('GET', api(isTask ? `/tasks/${id}` : `/requirements/${id}`))
    expect(current.version, `final version of ${id}`).toBe(v0 + writes.length)
    if (isTask) {
      const lastMove = writes.filter((w) => w.kind === 'move').at(-1)
      if (lastMove) expect(current.status, `final status of task ${id}`).toBe(lastMove.status)
    } else {
      const lastPatch = writes.filter((w) => w.kind === 'patch').at(-1)
      expect(current.title, `final title of requirement ${id}`).toBe(
        lastPatch?.title ?? requirements.find((r) => r.id === id).title,
      )
    }
  }

  // The backlog is a strict total order of every requirement.
  const backlog = (await client.ok('GET', api(`/products/${product.id}/requirements?limit=500`)))
    .items as Json[]
  expect(backlog.map((r) => r.id).sort((a, b) => a - b)).toEqual([...reqIds].sort((a, b) => a - b))
  for (let k = 1; k < backlog.length; k++) {
    expect(
      backlog[k - 1].rank < backlog[k].rank,
      `backlog ranks ${backlog[k - 1].rank} < ${backlog[k].rank}`,
    ).toBe(true)
  }
  // Each board column is a strict order too.
  const board = await client.ok('GET', api(`/iterations/${iteration.id}/board`))
  const cards = board.columns.flatMap((c: Json) => c.tasks)
  expect(cards.map((t: Json) => t.id).sort((a: number, b: number) => a - b)).toEqual(
    [...taskIds].sort((a, b) => a - b),
  )
  readDb(dbPath, (db) => {
    const columns = db
      .prepare('select id, status, rank from tasks where iteration_id = ? order by status, rank')
      .all(iteration.id) as { id: number; status: string; rank: string }[]
    for (let k = 1; k < columns.length; k++) {
      const [a, b] = [columns[k - 1]!, columns[k]!]
      if (a.status === b.status)
        expect(a.rank < b.rank, `task ranks in ${a.status}: ${a.rank} < ${b.rank}`).toBe(true)
    }
    // The board (cached by ETag) shows the final state: each card in its column, in rank order.
    for (const column of board.columns as { status: string; tasks: Json[] }[]) {
      expect(
        column.tasks.map((t) => t.id),
        `board column ${column.status}`,
      ).toEqual(columns.filter((t) => t.status === column.status).map((t) => t.id))
    }
    // One activity row per accepted write, on the item written.
    const rows = db
      .prepare(
        "select entity_type || ':' || entity_id as item, count(*) as n from activity where id > ? group by 1",
      )
      .all(activityBefore) as { item: string; n: number }[]
    const perItem = Object.fromEntries(rows.map((r) => [r.item, r.n]))
    const expected: Record<string, number> = {}
    for (const a of accepted) expected[a.item] = (expected[a.item] ?? 0) + 1
    expect(perItem).toEqual(expected)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
  })
  return { answers, accepted: accepted.length }
}

function checkConflict(res: Answer, id: number, sent: number, problems: string[]) {
  const current = res.body?.error?.details?.current
  if (res.body?.error?.code !== 'conflict' || !current || current.id !== id || current.version === sent) {
    problems.push(`409 for ${id} (sent ${sent}) without the current entity: ${clip(res.text)}`)
  }
}

/** What a writer was told: created ids, and per task the titles in flight or answered. */
export interface WriteLog {
  tasks: Map<number, { title: string; answeredTitle: string; pendingTitle?: string }>
  comments: Map<number, { taskId: number; body: string }>
  requirements: Map<number, string>
  /** Requests sent but never answered (the server died or the client gave up). */
  unanswered: number
  failures: string[]
}

export const newWriteLog = (): WriteLog => ({
  tasks: new Map(),
  comments: new Map(),
  requirements: new Map(),
  unanswered: 0,
  failures: [],
})

/**
 * One step of a writer: create a task, comment on one of its own tasks, retitle one of them, or create
 * a requirement. Only 2xx answers are logged as written; a network error (the server was killed) is
 * unanswered; anything else is a failure.
 */
export async function writeStep(
  client: Client,
  ws: number,
  productId: number,
  log: WriteLog,
  worker: number,
  i: number,
  mine: number[],
) {
  const api = (path: string) => `/api/workspaces/${ws}${path}`
  const roll = (worker * 31 + i * 17) % 10
  const tag = `w${worker}-${i}`
  try {
    if (mine.length === 0 || roll < 4) {
      const title = `Task ${tag} 任务`
      const res = await client.call('POST', api('/tasks'), { productId, kind: 'chore', title })
      if (res.status !== 201) throw new Error(`create task → ${res.status} ${clip(res.text)}`)
      log.tasks.set(res.body.id, { title, answeredTitle: title })
      mine.push(res.body.id)
    } else if (roll < 7) {
      const taskId = mine[i % mine.length]!
      const body = `Comment ${tag} 评论 ${'x'.repeat(i % 5 === 0 ? 5000 : 20)}`
      const res = await client.call('POST', api(`/tasks/${taskId}/comments`), { body })
      if (res.status !== 201) throw new Error(`comment → ${res.status} ${clip(res.text)}`)
      log.comments.set(res.body.id, { taskId, body })
    } else if (roll < 9) {
      const taskId = mine[(i * 7) % mine.length]!
      const entry = log.tasks.get(taskId)!
      const title = `Retitled ${tag}`
      entry.pendingTitle = title
      const res = await client.call('PATCH', api(`/tasks/${taskId}`), { title })
      if (res.status !== 200) throw new Error(`retitle → ${res.status} ${clip(res.text)}`)
      entry.answeredTitle = title
      entry.pendingTitle = undefined
    } else {
      const title = `Requirement ${tag} 需求`
      const res = await client.call('POST', api(`/products/${productId}/requirements`), { title })
      if (res.status !== 201) throw new Error(`create requirement → ${res.status} ${clip(res.text)}`)
      log.requirements.set(res.body.id, title)
    }
  } catch (err) {
    if (isNetworkError(err)) log.unanswered++
    else log.failures.push(err instanceof Error ? err.message : String(err))
    throw err
  }
}

/** Every write the log says was answered 2xx is in the database file (titles may be the one in flight). */
export function expectLogged(dbPath: string, log: WriteLog) {
  readDb(dbPath, (db) => {
    const tasks = new Map(
      (db.prepare('select id, title from tasks').all() as { id: number; title: string }[]).map((t) => [
        t.id,
        t.title,
      ]),
    )
    const missingTasks = [...log.tasks.keys()].filter((id) => !tasks.has(id))
    expect(missingTasks, 'tasks answered 201 but missing').toEqual([])
    for (const [id, entry] of log.tasks) {
      const allowed = [entry.answeredTitle, ...(entry.pendingTitle ? [entry.pendingTitle] : [])]
      expect(allowed, `title of task ${id}`).toContain(tasks.get(id))
    }
    const comments = new Map(
      (db.prepare('select id, body from comments').all() as { id: number; body: string }[]).map((c) => [
        c.id,
        c.body,
      ]),
    )
    for (const [id, c] of log.comments) expect(comments.get(id), `comment ${id} answered 201`).toBe(c.body)
    const requirements = new Map(
      (db.prepare('select id, title from requirements').all() as { id: number; title: string }[]).map((r) => [
        r.id,
        r.title,
      ]),
    )
    for (const [id, title] of log.requirements) expect(requirements.get(id), `requirement ${id}`).toBe(title)
    // Each change committed with its activity row: nothing half-written.
    const orphans = db
      .prepare(
        `select count(*) from tasks t where not exists (select 1 from activity a
           where a.entity_type = 'task' and a.entity_id = t.id and a.action = 'created')`,
      )
      .pluck()
      .get()
    expect(orphans, 'tasks without their activity row').toBe(0)
  })
}

/** Creates an owner, a product and `workers` concurrent writers; answers once the log has enough writes. */
export async function startWriters(
  server: ServerProcess,
  o: { workers: number; perWorker: number; ms: number },
  existing?: { client: Client; ws: number; productId: number },
) {
  const setup = existing ?? (await freshProduct(server.base))
  const log = newWriteLog()
  const mineByWorker: number[][] = []
  let stopped = false
  const done = load({ ...o, stop: () => stopped }, async (worker, i) => {
    mineByWorker[worker] ??= []
    await writeStep(setup.client, setup.ws, setup.productId, log, worker, i, mineByWorker[worker])
  }).catch(() => {
    // A writer stops at its first error; the log says why (network error or failure).
  })
  return {
    ...setup,
    log,
    /** Resolves when every writer has stopped. */
    done: async () => {
      await done
    },
    stop: () => {
      stopped = true
    },
  }
}

export async function freshProduct(base: string) {
  const { client, ws } = await setupOwner(base)
  const product = await client.ok('POST', `/api/workspaces/${ws}/products`, { key: 'MES', name: 'MES' }, 201)
  return { client, ws, productId: product.id as number }
}

/** Every item of a paged list (`limit=500` and `cursor`), bounded to 200 pages. */
export async function listAll(client: Client, path: string): Promise<Json[]> {
  const items: Json[] = []
  let cursor: string | null = null
  for (let page = 0; page < 200; page++) {
    const sep = path.includes('?') ? '&' : '?'
    const res: Json = await client.ok('GET', `${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`)
    items.push(...res.items)
    cursor = res.nextCursor
    if (!cursor) return items
  }
  throw new Error(`more than 200 pages at ${path}`)
}

/**
 * Runs the backup command against `dataDir`: `npm run backup -- <file>`, or with `direct` the same
 * script without npm's start-up (`node --import tsx server/cli.ts backup <file>`). Answers its exit
 * code and output.
 */
export async function runBackup(dataDir: string, file: string, timeoutMs = 60_000, direct = false) {
  const [command, args] = direct
    ? [process.execPath, ['--import', 'tsx', 'server/cli.ts', 'backup', file]]
    : ['npm', ['run', '--silent', 'backup', '--', file]]
  const { child, output } = spawnCollecting(command, args, { KEEL_DATA_DIR: dataDir, KEEL_LOG: '0' })
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
  const code = await new Promise<number | string | null>((resolve) =>
    child.once('exit', (c, signal) => resolve(c ?? signal)),
  )
  clearTimeout(timer)
  return { code, output: output() }
}

/**
 * The backup is one consistent moment: activity ids 1…n with no gap, every requirement and task with
 * its `created` activity row and every such row with its item, item numbers 1…last_number per product.
 */
export function expectConsistentSnapshot(dbPath: string) {
  readDb(dbPath, (db) => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
    const activity = db
      .prepare('select count(*) as n, min(id) as lo, max(id) as hi from activity')
      .get() as Json
    expect(activity.lo).toBe(1)
    expect(activity.hi - activity.lo + 1, 'activity ids without gaps').toBe(activity.n)
    for (const [type, table] of [
      ['task', 'tasks'],
      ['requirement', 'requirements'],
      ['comment', 'comments'],
    ] as const) {
      const created = db
        .prepare(`select entity_id from activity where entity_type = ? and action = 'created' order by 1`)
        .pluck()
        .all(type)
      const rows = db.prepare(`select id from ${table} order by id`).pluck().all()
      expect(rows, `${table} ↔ their created activity`).toEqual(created)
    }
    const products = db.prepare('select id, last_number from products').all() as {
      id: number
      last_number: number
    }[]
    for (const p of products) {
      const numbers = db
        .prepare(
          'select number from requirements where product_id = ? union all select number from tasks where product_id = ? order by 1',
        )
        .pluck()
        .all(p.id, p.id)
      expect(numbers, `item numbers of product ${p.id}`).toEqual(numbers.map((_, k) => k + 1))
      expect(numbers.length).toBe(p.last_number)
    }
  })
}

// `npm run bench [-- --size S|L|SL] [--duration 10] [--engine sqlite|postgres|sqlite,postgres]
// [--processes 1|2|1,2] [--pool 10] [--only move,board] [--profile DIR]`: generates data, starts the production server and the bare baseline on
// loopback, drives both with autocannon, and prints one table of req/s and latencies, each figure beside the
// baseline of its own engine, plus RSS, database size and start-up time. Results are written as JSON to
// bench-results/ (git-ignored). The machine may be shared: the load average is recorded at the start and end
// of each run and beside each scenario, every figure that has one is printed as a ratio to the bare baseline
// measured in the same run, and so is the CPU the server, the database and the load generator took.
//
// On SQLite one Keel process serves the generated file, beside baseline.ts. On PostgreSQL (a throw-away local
// server, tests/helpers/postgres.ts) the generated file is copied in once with db/copy.ts, and each run takes
// a fresh database cloned from that copy: N Keel processes (--processes, a list runs each count) serve it,
// each beside a bare baseline over node-postgres (baseline-pg.ts), and autocannon's connections are split
// over the N of them. PostgreSQL runs size S unless --size names L (the L copy is 1.5M rows). With several
// engines or process counts the scenarios are printed side by side, each as a ratio of the first.
import { execSync, spawn } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import http from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import pg from 'pg'
import { copyDatabase } from '../../db/copy'
import { openPgStore } from '../../db/pg/store'
import { openStore } from '../../db/store'
import { type LocalPostgres, startLocalPostgres } from '../helpers/postgres'
import { BOARD_TASKS, type Generated, generate, SEARCH_TERM, type Size } from './generate'
import { benchImport } from './import'

type Engine = 'sqlite' | 'postgres'

const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const list = (name: string, fallback: string) =>
  arg(name, fallback)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const parseSizes = (text: string) => [...text].filter((s): s is Size => s === 'S' || s === 'L')
const engines = [...new Set(list('engine', 'sqlite'))] as Engine[]
const processCounts = [...new Set(list('processes', '1').map(Number))]
const duration = Number(arg('duration', '10'))
const CONNECTIONS = 10
/** Only the scenarios whose names contain one of these (all when unset): a quicker look at a few. */
const only = args.includes('--only') ? list('only', '') : undefined
const wanted = (scenario: string) => !only || only.some((part) => scenario.includes(part))
/** Keel's processes write V8 CPU profiles here (open them in Chrome's DevTools) when they stop. */
const keelNode = args.includes('--profile')
  ? ['--cpu-prof', '--cpu-prof-dir', arg('profile', 'bench-results')]
  : []

if (!engines.length || engines.some((e) => e !== 'sqlite' && e !== 'postgres'))
  throw new Error('--engine takes sqlite, postgres or sqlite,postgres')
if (processCounts.some((n) => !Number.isInteger(n) || n < 1 || n > 20))
  throw new Error('--processes takes whole numbers from 1 to 20 (1,2 runs both)')
if (processCounts.some((n) => n > 1) && !engines.includes('postgres'))
  throw new Error('--processes above 1 needs --engine postgres: a SQLite database is served by one process')
/** Sizes per engine: as --size says, else SL on SQLite and S on PostgreSQL (L copies 1.5M rows). */
const sizesOf = (engine: Engine): Size[] =>
  parseSizes(args.includes('--size') ? arg('size', '') : engine === 'sqlite' ? 'SL' : 'S')

interface Target {
  engine: Engine
  processes: number
  /** sqlite, postgres, postgres ×2 */
  name: string
}

const targets: Target[] = [
  ...(engines.includes('sqlite') ? [{ engine: 'sqlite' as const, processes: 1, name: 'sqlite' }] : []),
  ...(engines.includes('postgres')
    ? processCounts.map((n) => ({
        engine: 'postgres' as const,
        processes: n,
        name: n === 1 ? 'postgres' : `postgres ×${n}`,
      }))
    : []),
]
/** Connections per Keel process (and per baseline) to PostgreSQL: N × pool stays within ~40 backends. */
const poolFor = (processes: number) =>
  Number(arg('pool', String(Math.max(2, Math.min(10, Math.floor(40 / processes))))))

/**
 * Percent of one core, over the load: the processes driven, the database's, this process (autocannon), and
 * the whole machine's busy time (up to 100 × cores: what is left beyond the other three is someone else's).
 */
interface Cpu {
  server: number
  db: number | null
  bench: number
  machine: number
}

interface Measured {
  reqPerSec: number
  p50: number
  p95: number
  p99: number
  errors: number
  non2xx: number
  /** The 1-minute load average when the scenario finished. */
  load1: number
  cpu: Cpu
}

interface Row extends Measured {
  size: Size
  /** The target the row measured: sqlite, postgres, postgres ×2. */
  engine: string
  scenario: string
  baselines: { name: string; reqPerSec: number; p99: number; ratio: number; cpu: Cpu }[]
}

const load1 = () => round(loadavg()[0] ?? 0)
const round = (n: number) => Math.round(n * 100) / 100
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0)

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/**
 * The fields of /proc/<pid>/stat after the command name: [0] the state, [1] the parent, [11] and [12] user
 * and system time, [13] and [14] those of the children it reaped.
 */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined // gone
  }
}

/** A process's CPU time so far (user + system), in milliseconds (clock ticks are 100 a second here). */
function cpuMs(pid: number, withReapedChildren = false): number {
  const f = statFields(pid)
  if (!f) return 0
  const own = Number(f[11]) + Number(f[12])
  return (withReapedChildren ? own + Number(f[13]) + Number(f[14]) : own) * 10
}

/**
 * A PostgreSQL server's CPU time so far: the postmaster with the children it reaped, and its live children
 * (backends, walwriter, autovacuum…), so a backend that ends between two readings still counts.
 */
function postgresCpuMs(postmasterPid: number): number {
  let total = cpuMs(postmasterPid, true)
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const f = statFields(Number(name))
    if (f && Number(f[1]) === postmasterPid) total += cpuMs(Number(name))
  }
  return total
}

/** The machine's busy CPU time so far, every core, in milliseconds (/proc/stat counts in 1/100 s). */
function machineBusyMs(): number {
  const [, ...ticks] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = ticks.map(Number)
  return (user + nice + system + irq + softirq + steal) * 10
}

/** What one load is measured against: the processes it drives, and the database's CPU if apart. */
interface Driven {
  bases: string[]
  pids: number[]
  dbCpuMs?: () => number
}

function cpuMeter(driven: Driven) {
  const read = () => ({
    server: sum(driven.pids.map((pid) => cpuMs(pid))),
    db: driven.dbCpuMs?.() ?? null,
    bench: process.cpuUsage(),
    machine: machineBusyMs(),
    at: performance.now(),
  })
  const before = read()
  return (): Cpu => {
    const after = read()
    const percent = (ms: number) => Math.round((ms / (after.at - before.at)) * 100)
    const bench = process.cpuUsage(before.bench)
    return {
      server: percent(after.server - before.server),
      db: after.db === null || before.db === null ? null : percent(after.db - before.db),
      bench: percent((bench.user + bench.system) / 1000),
      machine: percent(after.machine - before.machine),
    }
  }
}

/** What autocannon is given, its url a path under each process's address (none: the address itself). */
type LoadOptions = Omit<autocannon.Options, 'url'> & { url?: string }

/**
 * One load over every process of `driven`: one autocannon per process, run together, the connections split
 * between them (fewer instances than processes when there are fewer connections); req/s summed, latencies
 * merged (collected per response, so p95 is exact). `opts.url` is a path under each process's address.
 */
async function load(driven: Driven, opts: LoadOptions): Promise<Measured> {
  const total = opts.connections ?? CONNECTIONS
  const bases = driven.bases.slice(0, Math.max(1, Math.min(driven.bases.length, total)))
  const latencies: number[] = []
  const cpu = cpuMeter(driven)
  const results = await Promise.all(
    bases.map(
      (base, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              duration,
              ...opts,
              url: `${base}${opts.url ?? ''}`,
              connections: Math.floor(total / bases.length) + (i < total % bases.length ? 1 : 0),
            },
            (err, res) => (err ? reject(err) : resolve(res)),
          )
          instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
            latencies.push(responseTime),
          )
        }),
    ),
  )
  const used = cpu()
  latencies.sort((a, b) => a - b)
  return {
    reqPerSec: Math.round(sum(results.map((r) => r.requests.average))),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: sum(results.map((r) => r.errors + r.timeouts)),
    non2xx: sum(results.map((r) => r.non2xx)),
    load1: load1(),
    cpu: used,
  }
}

async function waitFor(url: string, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status < 500) return
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 20))
  }
  throw new Error(`${url} did not come up`)
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
  } catch {
    return 0
  }
}

const EVENT_LINE = Buffer.from('event: ')

/** Keeps `count` SSE subscribers connected, spread over the processes, and counts what they receive. */
function subscribe(bases: readonly string[], path: string, token: string, count: number) {
  let events = 0
  const requests = Array.from({ length: count }, (_, i) =>
    http.get(
      `${bases[i % bases.length]}${path}`,
      { headers: { authorization: `Bearer ${token}` } },
      (res) => {
        // Counted on the bytes: this process also drives autocannon, so the subscribers must cost little.
        res.on('data', (chunk: Buffer) => {
          for (let at = chunk.indexOf(EVENT_LINE); at >= 0; at = chunk.indexOf(EVENT_LINE, at + 1)) events++
        })
      },
    ),
  )
  return {
    events: () => events,
    close: () => {
      for (const r of requests) r.destroy()
    },
  }
}

// Everything started is stopped when the run ends, however it ends: no server or database left behind.
const children = new Set<ReturnType<typeof spawn>>()
let localPostgres: LocalPostgres | undefined
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL')
  localPostgres?.stop()
})
process.on('SIGINT', () => process.exit(130))

function startChild(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] })
  children.add(child)
  let says = ''
  child.stdout?.on('data', (d) => {
    says += d
  })
  child.once('exit', () => children.delete(child))
  return { child, says: () => says }
}

async function stopChildren(list: ReturnType<typeof spawn>[]) {
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
  for (const child of list) child.kill('SIGTERM')
  await Promise.all(list.map(exited))
}

/** The local PostgreSQL, started on first use; its socket directory holds its data and its log. */
function postgres() {
  localPostgres ??= startLocalPostgres()
  if (!localPostgres)
    throw new Error('No local PostgreSQL to run the benchmark on (/usr/lib/postgresql/<version>/bin)')
  const url = new URL(localPostgres.url)
  const socketDir = url.searchParams.get('host') ?? ''
  return {
    url: (database: string) => {
      const at = new URL(localPostgres!.url)
      at.pathname = `/${database}`
      return at.toString()
    },
    postmasterPid: () =>
      Number(readFileSync(join(socketDir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    log: join(socketDir, 'log'),
  }
}

/** One statement on its own connection (CREATE DATABASE and ALTER SYSTEM refuse a transaction). */
async function adminQuery<T>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows as T[]
  } finally {
    await client.end()
  }
}

/**
 * The generated SQLite file copied into an empty, migrated PostgreSQL database with db/copy.ts, vacuumed
 * and analysed: the template every PostgreSQL run of this size is cloned from.
 */
async function seedPostgres(size: Size, dbPath: string) {
  const server = postgres()
  const database = `keel_bench_${size.toLowerCase()}`
  await adminQuery(server.url('postgres'), `drop database if exists ${database}`)
  await adminQuery(server.url('postgres'), `create database ${database}`)
  const started = performance.now()
  const target = await openPgStore({ url: server.url(database) })
  const source = openStore({ path: dbPath })
  try {
    await copyDatabase(source, target)
  } catch (error) {
    throw new Error(
      `Copying the generated data into PostgreSQL failed (db/copy.ts): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    )
  } finally {
    await source.close()
    await target.close()
  }
  const copySeconds = round((performance.now() - started) / 1000)
  await adminQuery(server.url(database), 'vacuum analyze')
  console.log(`[${size}] copied into PostgreSQL in ${copySeconds} s`)
  return { database, copySeconds }
}

interface StatementCount {
  request: string
  perRequest: number
  /** The statements one request runs, by the start of their text, with how many of each per request. */
  statements: { text: string; perRequest: number }[]
}

/**
 * Statements (round trips: node-postgres sends one at a time) each kind of request makes, counted in the
 * server's log with log_statement = all for a few sequential requests to the first process. Run after the
 * timed scenarios, so logging costs none of them.
 */
async function countStatements(
  base: string,
  token: string,
  probes: { request: string; path: string; method?: string; body?: () => string; headers?: object }[],
  times = 20,
): Promise<StatementCount[]> {
  const server = postgres()
  if (!existsSync(server.log)) return []
  const admin = server.url('postgres')
  await adminQuery(admin, "alter system set log_statement = 'all'")
  await adminQuery(admin, 'select pg_reload_conf()')
  await new Promise((r) => setTimeout(r, 200))
  const counts: StatementCount[] = []
  try {
    for (const probe of probes) {
      const from = statSync(server.log).size
      for (let i = 0; i < times; i++) {
        const res = await fetch(`${base}${probe.path}`, {
          method: probe.method ?? 'GET',
          headers: {
            authorization: `Bearer ${token}`,
            ...(probe.body ? { 'content-type': 'application/json' } : {}),
            ...probe.headers,
          },
          body: probe.body?.(),
        })
        await res.arrayBuffer()
      }
      await new Promise((r) => setTimeout(r, 200))
      const logged = readFileSync(server.log).subarray(from).toString('utf8')
      const texts = [...logged.matchAll(/\bLOG:\s+(?:statement|execute [^:]*):\s*(.*)$/gm)].map((m) =>
        (m[1] ?? '').replace(/\s+/g, ' ').slice(0, 70),
      )
      const byText = new Map<string, number>()
      for (const text of texts) byText.set(text, (byText.get(text) ?? 0) + 1)
      counts.push({
        request: probe.request,
        perRequest: round(texts.length / times),
        statements: [...byText]
          .sort((a, b) => b[1] - a[1])
          .map(([text, n]) => ({ text, perRequest: round(n / times) })),
      })
    }
  } finally {
    await adminQuery(admin, 'alter system reset log_statement')
    await adminQuery(admin, 'select pg_reload_conf()')
  }
  return counts
}

/** The processes of one run: Keel's and the baseline's, on loopback, and how to measure them. */
interface Processes {
  keel: Driven
  baseline: Driven
  startupMs: number
  readyMs: number
  dbMb: number
  stop: () => Promise<void>
}

async function startSqlite(size: Size, dir: string, dbPath: string): Promise<Processes> {
  const port = 4100 + (size === 'S' ? 0 : 50)
  const started = performance.now()
  const server = startChild([...keelNode, join(BUILD_DIR, 'server', 'index.mjs')], {
    ...process.env,
    KEEL_DATA_DIR: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    KEEL_LOG: '0',
    KEEL_WEB_DIR: '',
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor(`${base}/api/health`)
  const startupMs = Math.round(performance.now() - started)
  const baseline = startChild(['--import', 'tsx', 'tests/bench/baseline.ts', dbPath, String(port + 20)], {
    ...process.env,
  })
  const baselineBase = `http://127.0.0.1:${port + 20}`
  await waitFor(`${baselineBase}/bare/tasks/1`)
  return {
    keel: { bases: [base], pids: [server.child.pid!] },
    baseline: { bases: [baselineBase], pids: [baseline.child.pid!] },
    startupMs,
    readyMs: Number(/ready in (\d+) ms/.exec(server.says())?.[1] ?? Number.NaN),
    dbMb: round(statSync(dbPath).size / 1024 / 1024),
    stop: () => stopChildren([server.child, baseline.child]),
  }
}

/** N Keel processes and N bare baselines on a fresh clone of the size's PostgreSQL template. */
async function startPostgres(size: Size, dir: string, template: string, target: Target): Promise<Processes> {
  const server = postgres()
  const database = `${template}_${target.processes}`
  await adminQuery(server.url('postgres'), `drop database if exists ${database}`)
  await adminQuery(server.url('postgres'), `create database ${database} template ${template}`)
  const url = server.url(database)
  const pool = poolFor(target.processes)
  const port = 4100 + (size === 'S' ? 0 : 50)
  const started = performance.now()
  const keel = Array.from({ length: target.processes }, (_, i) =>
    startChild([...keelNode, join(BUILD_DIR, 'server', 'index.mjs')], {
      ...process.env,
      KEEL_DATA_DIR: dir,
      KEEL_DATABASE_URL: url,
      KEEL_DATABASE_POOL: String(pool),
      PORT: String(port + i),
      HOST: '127.0.0.1',
      KEEL_LOG: '0',
      KEEL_WEB_DIR: '',
    }),
  )
  const bases = keel.map((_, i) => `http://127.0.0.1:${port + i}`)
  await Promise.all(bases.map((base) => waitFor(`${base}/api/health`)))
  const startupMs = Math.round(performance.now() - started)
  const baseline = bases.map((_, i) =>
    startChild(['--import', 'tsx', 'tests/bench/baseline-pg.ts', url, String(port + 20 + i), String(pool)], {
      ...process.env,
    }),
  )
  const baselineBases = baseline.map((_, i) => `http://127.0.0.1:${port + 20 + i}`)
  await Promise.all(baselineBases.map((base) => waitFor(`${base}/bare/tasks/1`)))
  const postmaster = server.postmasterPid()
  const dbCpuMs = () => postgresCpuMs(postmaster)
  const [size_] = await adminQuery<{ bytes: number }>(
    url,
    'select pg_database_size(current_database())::float8 as bytes',
  )
  return {
    keel: { bases, pids: keel.map((k) => k.child.pid!), dbCpuMs },
    baseline: { bases: baselineBases, pids: baseline.map((b) => b.child.pid!), dbCpuMs },
    startupMs,
    readyMs: Number(/ready in (\d+) ms/.exec(keel[0]!.says())?.[1] ?? Number.NaN),
    dbMb: round((size_?.bytes ?? 0) / 1024 / 1024),
    stop: async () => {
      await stopChildren([...keel, ...baseline].map((p) => p.child))
      await adminQuery(server.url('postgres'), `drop database if exists ${database}`)
    },
  }
}

async function benchSize(size: Size, sizeTargets: Target[]) {
  const loadAtStart = loadavg().map(round)
  const dir = mkdtempSync(join(tmpdir(), `keel-bench-${size}-`))
  const dbPath = join(dir, 'keel.db')
  try {
    console.log(`\n[${size}] generating…`)
    const data: Generated = await generate(dbPath, size)
    console.log(`[${size}] generated in ${data.seconds.toFixed(1)} s`, data.phases, data.rows)
    // Copied before any run writes to the file: every run starts from the same data.
    const seed = sizeTargets.some((t) => t.engine === 'postgres')
      ? await seedPostgres(size, dbPath)
      : undefined
    const runs = []
    for (const target of sizeTargets) {
      console.log(`\n[${size}] ${target.name}…`)
      const processes =
        target.engine === 'sqlite'
          ? await startSqlite(size, dir, dbPath)
          : await startPostgres(size, dir, seed!.database, target)
      try {
        runs.push(await benchTarget(size, target, data, processes))
      } finally {
        await processes.stop()
      }
    }
    return {
      size,
      generateSeconds: round(data.seconds),
      generatePhases: data.phases,
      postgresCopySeconds: seed?.copySeconds,
      runs,
      loadAtStart,
      loadAtEnd: loadavg().map(round),
    }
  } finally {
    // The L database is ~400 MB: never leave it behind on a shared machine.
    rmSync(dir, { recursive: true, force: true })
  }
}

async function benchTarget(size: Size, target: Target, data: Generated, processes: Processes) {
  const loadAtStart = loadavg().map(round)
  const { keel, baseline } = processes
  const base = keel.bases[0]!
  const auth = { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' }
  const ws = `/api/workspaces/${data.workspaceId}`
  const product = data.products[0]!
  const boardPath = `${ws}/iterations/${product.boardIterationId}/board`
  // The board's size as sent (the same on both engines: db/dialect.ts writes PostgreSQL's JSON compactly).
  const boardText = await (await fetch(`${base}${boardPath}`, { headers: auth })).text()
  const boardKb = round(Buffer.byteLength(boardText) / 1024)
  const boardTaskIds = (JSON.parse(boardText) as { columns: { tasks: { id: number }[] }[] }).columns.flatMap(
    (c) => c.tasks.map((t) => t.id),
  )
  if (boardTaskIds.length !== BOARD_TASKS) throw new Error(`board has ${boardTaskIds.length} tasks`)
  const pickTask = () => boardTaskIds[Math.floor(Math.random() * boardTaskIds.length)]!
  const STATUSES = ['todo', 'doing', 'review', 'done']
  const moveBody = () => JSON.stringify({ status: STATUSES[Math.floor(Math.random() * STATUSES.length)] })

  const rows: Row[] = []
  let rssMax = 0
  const sampler = setInterval(() => {
    for (const pid of keel.pids) rssMax = Math.max(rssMax, rssMb(pid))
  }, 200)
  const run = async (
    scenario: string,
    opts: LoadOptions,
    against: { name: string; opts: LoadOptions }[] = [],
  ) => {
    if (!wanted(scenario)) return
    const measured = await load(keel, opts)
    const row: Row = { size, engine: target.name, scenario, ...measured, baselines: [] }
    for (const b of against) {
      const bare = await load(baseline, b.opts)
      row.baselines.push({
        name: b.name,
        reqPerSec: bare.reqPerSec,
        p99: bare.p99,
        ratio: round(measured.reqPerSec / Math.max(1, bare.reqPerSec)),
        cpu: bare.cpu,
      })
    }
    rows.push(row)
    console.log(
      `[${size} ${target.name}] ${scenario}: ${row.reqPerSec} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, load ${row.load1}, machine busy ${row.cpu.machine} %, CPU ms per request ${cpuText(row.cpu, row.reqPerSec)}${row.baselines.map((b) => `; ${b.ratio}× ${b.name} (${b.reqPerSec} req/s, CPU ms per request ${cpuText(b.cpu, b.reqPerSec)})`).join('')}`,
    )
  }

  await run('board (2,000 tasks)', { url: boardPath, headers: auth }, [
    { name: 'naive', opts: { url: `/naive/board/${product.boardIterationId}` } },
    { name: 'bare', opts: { url: `/bare/board/${product.boardIterationId}` } },
  ])
  const etag = (await fetch(`${base}${boardPath}`, { headers: auth })).headers.get('etag') ?? ''
  await run('board, unchanged (304)', { url: boardPath, headers: { ...auth, 'if-none-match': etag } })
  await run('single task read', { url: `${ws}/tasks/${boardTaskIds[0]}`, headers: auth }, [
    { name: 'bare', opts: { url: `/bare/tasks/${boardTaskIds[0]}` } },
  ])
  const backlogPath = `${ws}/products/${product.id}/requirements?limit=50&status=approved,planned&sort=rank`
  await run('backlog page (50 of 10k, filtered)', { url: backlogPath, headers: auth }, [
    { name: 'bare', opts: { url: `/bare/products/${product.id}/backlog` } },
  ])
  const searchPath = `${ws}/search?q=${encodeURIComponent(SEARCH_TERM)}`
  await run('search (Chinese)', { url: searchPath, headers: auth }, [
    { name: 'bare', opts: { url: `/bare/search?q=${encodeURIComponent(SEARCH_TERM)}` } },
  ])

  // Writes: a move alone, then with 100 SSE subscribers receiving every change.
  const moveRequests: autocannon.Request[] = [
    {
      method: 'POST',
      setupRequest: (req) => ({ ...req, path: `${ws}/tasks/${pickTask()}/move`, body: moveBody() }),
    },
  ]
  const bareMove = {
    name: 'bare',
    opts: {
      requests: [
        {
          method: 'POST' as const,
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            path: `/bare/tasks/${pickTask()}/move`,
            body: moveBody(),
            headers: { 'content-type': 'application/json' },
          }),
        },
      ],
    },
  }
  await run('task move (+ activity, no SSE)', { headers: auth, requests: moveRequests }, [bareMove])
  const sse = subscribe(keel.bases, `${ws}/events`, data.token, 100)
  await new Promise((r) => setTimeout(r, 500))
  await run('task move (+ activity, 100 SSE)', { headers: auth, requests: moveRequests }, [bareMove])
  const requirementIds = (
    (await (
      await fetch(`${base}${ws}/products/${product.id}/requirements?limit=500`, { headers: auth })
    ).json()) as { items: { id: number }[] }
  ).items.map((r) => r.id)
  await run('requirement update', {
    headers: auth,
    requests: [
      {
        method: 'PATCH',
        setupRequest: (req) => ({
          ...req,
          path: `${ws}/requirements/${requirementIds[Math.floor(Math.random() * requirementIds.length)]}`,
          body: JSON.stringify({ value: 1 + Math.floor(Math.random() * 10) }),
        }),
      },
    ],
  })
  const reads = [
    boardPath,
    `${ws}/tasks/${boardTaskIds[1]}`,
    `${ws}/products/${product.id}/requirements?limit=50`,
  ]
  await run('90/10 read/write mix (100 SSE)', {
    headers: auth,
    requests: [
      {
        // Headers are set on each request: a GET must not inherit the content-length of a previous POST
        // on the same connection (the server would wait for a body that never comes).
        setupRequest: (req) =>
          Math.random() < 0.1
            ? {
                ...req,
                method: 'POST',
                path: `${ws}/tasks/${pickTask()}/move`,
                body: moveBody(),
                headers: auth,
              }
            : {
                ...req,
                method: 'GET',
                path: reads[Math.floor(Math.random() * reads.length)]!,
                body: undefined,
                headers: { authorization: auth.authorization },
              },
      },
    ],
  })
  const sseEvents = sse.events()
  sse.close()
  const live: LiveRow[] = []
  const liveSetup = {
    size,
    engine: target.name,
    bases: keel.bases,
    ws,
    token: data.token,
    pids: keel.pids,
    dbCpuMs: keel.dbCpuMs,
    boardPath,
    aroundPath: `${ws}/products/${product.id}/iterations`,
    pickTask,
  }
  for (const mode of ['refetch the board', 'place the move'] as const) {
    if (!wanted(`100 viewers, ${mode}`)) continue
    const row = await liveViewers(liveSetup, mode, Math.min(duration, 10))
    console.log(
      `[${size} ${target.name}] 100 viewers, a move every 100 ms, ${mode}: ${row.kbPerMove} KB and ${row.serverCpuMsPerMove} ms of server CPU per move${row.dbCpuMsPerMove === null ? '' : ` (+ ${row.dbCpuMsPerMove} ms of PostgreSQL's)`} (${row.moves} moves, ${row.boardFetches} board fetches)`,
    )
    live.push(row)
  }
  await run('plan 500 requirements (dry run, 1 conn)', {
    url: `${ws}/products/${product.id}/plan`,
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ dryRun: true, iterationIds: product.planIterationIds }),
    connections: 1,
    duration: Math.min(duration, 5),
  })
  clearInterval(sampler)
  const statements =
    target.engine === 'postgres'
      ? await countStatements(base, data.token, [
          { request: 'board', path: boardPath },
          { request: 'board, unchanged (304)', path: boardPath, headers: { 'if-none-match': etag } },
          { request: 'single task read', path: `${ws}/tasks/${boardTaskIds[0]}` },
          { request: 'backlog page', path: backlogPath },
          { request: 'search', path: searchPath },
          {
            request: 'task move',
            method: 'POST',
            path: `${ws}/tasks/${boardTaskIds[2]}/move`,
            body: moveBody,
          },
        ])
      : undefined
  return {
    target: target.name,
    engine: target.engine,
    processes: target.processes,
    pool: target.engine === 'postgres' ? poolFor(target.processes) : undefined,
    rows,
    boardKb,
    rssMaxMb: rssMax,
    dbMb: processes.dbMb,
    startupMs: processes.startupMs,
    readyMs: processes.readyMs,
    sseEvents,
    live,
    statements,
    loadAtStart,
    loadAtEnd: loadavg().map(round),
  }
}

/** CPU time per request in ms (a percent of one core is 10 ms a second): what a request costs whoever runs it. */
const perRequest = (percent: number, reqPerSec: number) => round((percent * 10) / Math.max(1, reqPerSec))
const cpuText = (cpu: Cpu, reqPerSec: number) =>
  `${perRequest(cpu.server, reqPerSec)} / ${cpu.db === null ? '–' : perRequest(cpu.db, reqPerSec)} / ${perRequest(cpu.bench, reqPerSec)}`

export interface LiveRow {
  size: Size
  engine: string
  mode: 'refetch the board' | 'place the move'
  moves: number
  kbPerMove: number
  serverCpuMsPerMove: number
  /** PostgreSQL's CPU per move (null on SQLite, which runs in the server). */
  dbCpuMsPerMove: number | null
  boardFetches: number
}

/**
 * 100 viewers (spread over the processes) hold one board open while a writer moves one of its cards every
 * 100 ms. Each viewer does what the web app does on a change event, batched over 150 ms with one refresh at
 * a time: before issue 15 it fetched the board again (with its ETag, so only a changed board comes whole);
 * now it places the move from the event and fetches only the iteration list beside the board. Counts the
 * bytes the viewers receive and the servers' (and the database's) CPU time, per move.
 */
async function liveViewers(
  o: {
    size: Size
    engine: string
    bases: string[]
    ws: string
    token: string
    pids: number[]
    dbCpuMs: (() => number) | undefined
    boardPath: string
    aroundPath: string
    pickTask: () => number
  },
  mode: LiveRow['mode'],
  seconds: number,
): Promise<LiveRow> {
  const headers = { authorization: `Bearer ${o.token}` }
  let bytes = 0
  let boardFetches = 0
  const get = (base: string, path: string, etag?: string) =>
    new Promise<string | undefined>((resolve) => {
      http
        .get(`${base}${path}`, { headers: etag ? { ...headers, 'if-none-match': etag } : headers }, (res) => {
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length
          })
          res.on('end', () => resolve(res.headers.etag ?? etag))
        })
        .on('error', () => resolve(etag))
    })
  const viewers = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      const base = o.bases[i % o.bases.length]!
      const viewer = { etag: await get(base, o.boardPath), refreshing: false, timer: undefined as unknown }
      const refresh = async () => {
        viewer.timer = undefined
        if (viewer.refreshing) return
        viewer.refreshing = true
        if (mode === 'refetch the board') {
          boardFetches++
          viewer.etag = await get(base, o.boardPath, viewer.etag)
        } else await get(base, o.aroundPath)
        viewer.refreshing = false
      }
      const stream = http.get(`${base}${o.ws}/events`, { headers }, (res) => {
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (chunk.includes(EVENT_LINE) && !chunk.includes('event: ready'))
            viewer.timer ??= setTimeout(refresh, 150)
        })
      })
      return { stream }
    }),
  )
  await new Promise((r) => setTimeout(r, 500))
  bytes = 0
  const serverCpu = () => sum(o.pids.map((pid) => cpuMs(pid)))
  const cpuBefore = serverCpu()
  const dbBefore = o.dbCpuMs?.()
  let moves = 0
  const statuses = ['todo', 'doing', 'review', 'done']
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    const next = Date.now() + 100
    const res = await fetch(`${o.bases[0]}${o.ws}/tasks/${o.pickTask()}/move`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ status: statuses[moves % statuses.length] }),
    })
    await res.arrayBuffer()
    moves++
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())))
  }
  // The last refreshes land.
  await new Promise((r) => setTimeout(r, 1000))
  const cpu = serverCpu() - cpuBefore
  const db = dbBefore === undefined ? null : o.dbCpuMs!() - dbBefore
  for (const v of viewers) v.stream.destroy()
  return {
    size: o.size,
    engine: o.engine,
    mode,
    moves,
    kbPerMove: round(bytes / 1024 / moves),
    serverCpuMsPerMove: round(cpu / moves),
    dbCpuMsPerMove: db === null ? null : round(db / moves),
    boardFetches,
  }
}

type SizeResult = Awaited<ReturnType<typeof benchSize>>

/** Scenarios in the order they ran, each with the row of every run that measured it. */
function byScenario(r: SizeResult) {
  const scenarios = [...new Set(r.runs.flatMap((run) => run.rows.map((row) => row.scenario)))]
  return scenarios.map((scenario) => ({
    scenario,
    rows: r.runs.flatMap((run) => run.rows.filter((row) => row.scenario === scenario)),
  }))
}

const MOVE = 'task move (+ activity, no SSE)'
const BOARD = 'board (2,000 tasks)'

function table(results: SizeResult[]) {
  const lines = [
    '| size | scenario | engine | req/s | p50 ms | p95 ms | p99 ms | errors | load | machine busy % | CPU ms per request: Keel / db / autocannon | vs own bare baseline (same run; CPU ms per request) |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
  ]
  for (const r of results) {
    for (const { rows } of byScenario(r)) {
      for (const row of rows) {
        lines.push(
          `| ${row.size} | ${row.scenario} | ${row.engine} | ${row.reqPerSec} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors + (row.scenario.includes('304') ? 0 : row.non2xx)} | ${row.load1} | ${row.cpu.machine} | ${cpuText(row.cpu, row.reqPerSec)} | ${row.baselines
            .map(
              (b) =>
                `${b.ratio}× ${b.name} (${b.reqPerSec} req/s, p99 ${b.p99} ms; ${cpuText(b.cpu, b.reqPerSec)})`,
            )
            .join('; ')} |`,
        )
      }
    }
  }
  // Side by side: each run's req/s as a ratio of the first run's (SQLite's when it ran) and, for several
  // PostgreSQL processes, of one PostgreSQL process's.
  const compared = results.filter((r) => r.runs.length > 1)
  if (compared.length) {
    const names = [...new Set(compared.flatMap((r) => r.runs.map((run) => run.target)))]
    lines.push(
      '',
      `| size | scenario | ${names.join(' | ')} |`,
      `| --- | --- | ${names.map(() => '---:').join(' | ')} |`,
    )
    for (const r of compared) {
      const first = r.runs[0]!.target
      for (const { scenario, rows } of byScenario(r)) {
        const cells = names.map((name) => {
          const row = rows.find((x) => x.engine === name)
          if (!row) return ''
          const references = [first, ...(name.startsWith('postgres ×') ? ['postgres'] : [])]
          const ratios = [...new Set(references)].flatMap((other) => {
            const ref = rows.find((x) => x.engine === other)
            return ref && other !== name
              ? [`${round(row.reqPerSec / Math.max(1, ref.reqPerSec))}× ${other}`]
              : []
          })
          return `${row.reqPerSec}${ratios.length ? ` (${ratios.join(', ')})` : ''}`
        })
        lines.push(`| ${r.size} | ${scenario} | ${cells.join(' | ')} |`)
      }
    }
    lines.push('', ...targetChecks(compared))
  }
  lines.push(
    '',
    '| size | engine | 100 viewers, a move every 100 ms | moves | KB to viewers per move | Keel CPU ms per move | PostgreSQL CPU ms per move | board fetches |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const r of results)
    for (const run of r.runs)
      for (const l of run.live)
        lines.push(
          `| ${l.size} | ${l.engine} | ${l.mode} | ${l.moves} | ${l.kbPerMove} | ${l.serverCpuMsPerMove} | ${l.dbCpuMsPerMove ?? '–'} | ${l.boardFetches} |`,
        )
  const counted = results.flatMap((r) =>
    r.runs.flatMap((run) => (run.statements ?? []).map((s) => ({ size: r.size, engine: run.target, ...s }))),
  )
  if (counted.length) {
    lines.push(
      '',
      '| size | engine | request | PostgreSQL statements per request | the most frequent |',
      '| --- | --- | --- | ---: | --- |',
    )
    for (const c of counted)
      lines.push(
        `| ${c.size} | ${c.engine} | ${c.request} | ${c.perRequest} | ${c.statements
          .slice(0, 4)
          .map((s) => `${s.perRequest}× \`${s.text.replaceAll('|', '\\|').slice(0, 50)}\``)
          .join('; ')} |`,
      )
  }
  lines.push('')
  for (const r of results) {
    lines.push(
      `${r.size}: data generated in ${r.generateSeconds} s${r.postgresCopySeconds === undefined ? '' : `, copied into PostgreSQL in ${r.postgresCopySeconds} s`}; load average ${r.loadAtStart.join(' ')} at start, ${r.loadAtEnd.join(' ')} at end`,
    )
    for (const run of r.runs)
      lines.push(
        `  ${run.target}${run.pool ? ` (${run.processes} process${run.processes > 1 ? 'es' : ''}, pool ${run.pool} each)` : ''}: database ${run.dbMb} MB; board ${run.boardKb} KB; start-up ${run.startupMs} ms to first answer (${run.readyMs} ms to listening); max RSS of a Keel process under load ${run.rssMaxMb} MB; SSE events delivered ${run.sseEvents}; load average ${run.loadAtStart.join(' ')} at start, ${run.loadAtEnd.join(' ')} at end`,
      )
  }
  return lines.join('\n')
}

/** The figures PostgreSQL must reach on this machine: board ≥ 0.5× and moves ≥ 0.3× of SQLite's; more
 * board reads with more processes. */
function targetChecks(results: SizeResult[]): string[] {
  const lines: string[] = []
  const check = (label: string, value: number, goal: number, met: boolean) =>
    lines.push(
      `- ${label}: ${value}× (target ${goal === 1 ? '> 1' : `≥ ${goal}`}×): ${met ? 'met' : 'NOT met'}`,
    )
  for (const r of results) {
    const req = (target: string, scenario: string) =>
      r.runs.find((run) => run.target === target)?.rows.find((row) => row.scenario === scenario)?.reqPerSec
    for (const run of r.runs.filter((x) => x.engine === 'postgres')) {
      for (const [scenario, goal] of [
        [BOARD, 0.5],
        [MOVE, 0.3],
      ] as const) {
        const [pgFigure, sqliteFigure] = [req(run.target, scenario), req('sqlite', scenario)]
        if (pgFigure === undefined || !sqliteFigure) continue
        const ratio = round(pgFigure / sqliteFigure)
        check(`${r.size} ${scenario}, ${run.target} / sqlite`, ratio, goal, ratio >= goal)
      }
      const [many, one] = [req(run.target, BOARD), req('postgres', BOARD)]
      if (run.processes > 1 && many !== undefined && one) {
        const ratio = round(many / one)
        check(`${r.size} ${BOARD}, ${run.target} / postgres (1 process)`, ratio, 1, many > one)
      }
    }
  }
  return lines
}

// A build of its own, so the benchmark never replaces dist/ under a running server or test.
const BUILD_DIR = join('dist', 'bench')
execSync('npm run build:server --silent', {
  stdio: 'inherit',
  env: { ...process.env, KEEL_BUILD_DIR: BUILD_DIR },
})
const results: SizeResult[] = []
for (const size of ['S', 'L'] as const) {
  const sizeTargets = targets.filter((t) => sizesOf(t.engine).includes(size))
  if (sizeTargets.length) results.push(await benchSize(size, sizeTargets))
}
const output = table(results)
console.log(`\n${output}`)
// The import runs in-process on a SQLite file: measured when SQLite is benchmarked.
const importResult = engines.includes('sqlite') ? await benchImport(10_000) : undefined
if (importResult)
  console.log(
    `\nImport of ${importResult.issues.toLocaleString('en')} Jira issues (${importResult.megabytes} MB): ${importResult.applyMs} ms (target < 10,000 ms); dry run ${importResult.dryRunMs} ms; re-import ${importResult.reimportMs} ms`,
  )
mkdirSync('bench-results', { recursive: true })
const file = join('bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`)
writeFileSync(
  file,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      durationSeconds: duration,
      connections: CONNECTIONS,
      engines,
      processes: processCounts,
      // Others may be changing the server while it is measured: what was measured.
      commit: execSync('git rev-parse HEAD', { encoding: 'utf8' }).trim(),
      changedFiles: execSync('git status --porcelain', { encoding: 'utf8' }).split('\n').filter(Boolean),
      results,
      import: importResult,
    },
    null,
    2,
  ),
)
console.log(`\nWritten to ${file}`)
process.exit(0)

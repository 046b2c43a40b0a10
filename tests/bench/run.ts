// `npm run bench [-- --size S|L|SL] [--duration 10]`: generates data, starts the production server (one
// process) and the bare baseline on loopback, drives both with autocannon, and prints one table of
// req/s and latencies, each figure beside its baseline, plus RSS, database size and start-up time.
// Results are written as JSON to bench-results/ (git-ignored). The machine may be shared: the load
// average is recorded at the start and end of each size and beside each scenario, and every figure that
// has one is printed as a ratio to the bare baseline measured in the same run.
import { execSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import autocannon from 'autocannon'
import { BOARD_TASKS, type Generated, generate, SEARCH_TERM, type Size } from './generate'
import { benchImport } from './import'

const args = process.argv.slice(2)
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback
}
const sizes = [...arg('size', 'SL')].filter((s): s is Size => s === 'S' || s === 'L')
const duration = Number(arg('duration', '10'))
const CONNECTIONS = 10

interface Row {
  size: Size
  scenario: string
  reqPerSec: number
  p50: number
  p95: number
  p99: number
  errors: number
  non2xx: number
  /** The 1-minute load average when the scenario finished. */
  load1: number
  baselines: { name: string; reqPerSec: number; p99: number; ratio: number }[]
}

const load1 = () => round(loadavg()[0] ?? 0)

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0

/** One autocannon run; latencies are collected per response so p95 is exact. */
async function load(opts: autocannon.Options): Promise<Omit<Row, 'size' | 'scenario' | 'baselines'>> {
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration, ...opts }, (err, res) =>
      err ? reject(err) : resolve(res),
    )
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
      latencies.push(responseTime),
    )
  })
  latencies.sort((a, b) => a - b)
  return {
    reqPerSec: Math.round(result.requests.average),
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    load1: load1(),
  }
}

const round = (n: number) => Math.round(n * 100) / 100

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
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024)
}

const EVENT_LINE = Buffer.from('event: ')

/** Keeps `count` SSE subscribers connected and counts what they receive. */
function subscribe(base: string, path: string, token: string, count: number) {
  let events = 0
  const requests = Array.from({ length: count }, () =>
    http.get(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      // Counted on the bytes: this process also drives autocannon, so the subscribers must cost little.
      res.on('data', (chunk: Buffer) => {
        for (let at = chunk.indexOf(EVENT_LINE); at >= 0; at = chunk.indexOf(EVENT_LINE, at + 1)) events++
      })
    }),
  )
  return {
    events: () => events,
    close: () => {
      for (const r of requests) r.destroy()
    },
  }
}

async function benchSize(size: Size) {
  const loadAtStart = loadavg().map(round)
  const dir = mkdtempSync(join(tmpdir(), `keel-bench-${size}-`))
  const dbPath = join(dir, 'keel.db')
  console.log(`\n[${size}] generating…`)
  const data: Generated = await generate(dbPath, size)
  console.log(`[${size}] generated in ${data.seconds.toFixed(1)} s`, data.phases, data.rows)
  const dbBytes = statSync(dbPath).size

  const port = 4100 + (size === 'S' ? 0 : 10)
  const basePort = port + 1
  const started = performance.now()
  const server = spawn(process.execPath, [join(BUILD_DIR, 'server', 'index.mjs')], {
    env: {
      ...process.env,
      KEEL_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEEL_LOG: '0',
      KEEL_WEB_DIR: '',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let serverSays = ''
  server.stdout?.on('data', (d) => {
    serverSays += d
  })
  const base = `http://127.0.0.1:${port}`
  await waitFor(`${base}/api/health`)
  const startupMs = Math.round(performance.now() - started)
  const readyMs = Number(/ready in (\d+) ms/.exec(serverSays)?.[1] ?? Number.NaN)
  const baseline = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/bench/baseline.ts', dbPath, String(basePort)],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  const baseUrl = `http://127.0.0.1:${basePort}`
  await waitFor(`${baseUrl}/bare/tasks/1`)

  const auth = { authorization: `Bearer ${data.token}`, 'content-type': 'application/json' }
  const ws = `/api/workspaces/${data.workspaceId}`
  const product = data.products[0]!
  const boardTaskIds = (
    (await (
      await fetch(`${base}${ws}/iterations/${product.boardIterationId}/board`, { headers: auth })
    ).json()) as {
      columns: { tasks: { id: number }[] }[]
    }
  ).columns.flatMap((c) => c.tasks.map((t) => t.id))
  if (boardTaskIds.length !== BOARD_TASKS) throw new Error(`board has ${boardTaskIds.length} tasks`)
  const pickTask = () => boardTaskIds[Math.floor(Math.random() * boardTaskIds.length)]!
  const STATUSES = ['todo', 'doing', 'review', 'done']
  const moveBody = () => JSON.stringify({ status: STATUSES[Math.floor(Math.random() * STATUSES.length)] })

  const rows: Row[] = []
  let rssMax = 0
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, rssMb(server.pid!))
  }, 200)
  const run = async (
    scenario: string,
    opts: autocannon.Options,
    against: { name: string; opts: autocannon.Options }[] = [],
  ) => {
    const keel = await load(opts)
    const row: Row = { size, scenario, ...keel, baselines: [] }
    for (const b of against) {
      const measured = await load(b.opts)
      row.baselines.push({
        name: b.name,
        reqPerSec: measured.reqPerSec,
        p99: measured.p99,
        ratio: round(keel.reqPerSec / Math.max(1, measured.reqPerSec)),
      })
    }
    rows.push(row)
    console.log(
      `[${size}] ${scenario}: ${row.reqPerSec} req/s, p50 ${row.p50} ms, p95 ${row.p95} ms, p99 ${row.p99} ms, load ${row.load1}${row.baselines.map((b) => `; ${b.ratio}× ${b.name} (${b.reqPerSec} req/s)`).join('')}`,
    )
  }

  const boardUrl = `${base}${ws}/iterations/${product.boardIterationId}/board`
  await run('board (2,000 tasks)', { url: boardUrl, headers: auth }, [
    { name: 'naive', opts: { url: `${baseUrl}/naive/board/${product.boardIterationId}` } },
    { name: 'bare', opts: { url: `${baseUrl}/bare/board/${product.boardIterationId}` } },
  ])
  const etag = (await fetch(boardUrl, { headers: auth })).headers.get('etag') ?? ''
  await run('board, unchanged (304)', { url: boardUrl, headers: { ...auth, 'if-none-match': etag } })
  await run('single task read', { url: `${base}${ws}/tasks/${boardTaskIds[0]}`, headers: auth }, [
    { name: 'bare', opts: { url: `${baseUrl}/bare/tasks/${boardTaskIds[0]}` } },
  ])
  await run(
    'backlog page (50 of 10k, filtered)',
    {
      url: `${base}${ws}/products/${product.id}/requirements?limit=50&status=approved,planned&sort=rank`,
      headers: auth,
    },
    [{ name: 'bare', opts: { url: `${baseUrl}/bare/products/${product.id}/backlog` } }],
  )
  await run(
    'search (Chinese)',
    { url: `${base}${ws}/search?q=${encodeURIComponent(SEARCH_TERM)}`, headers: auth },
    [{ name: 'bare', opts: { url: `${baseUrl}/bare/search?q=${encodeURIComponent(SEARCH_TERM)}` } }],
  )

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
      url: baseUrl,
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
  await run('task move (+ activity, no SSE)', { url: base, headers: auth, requests: moveRequests }, [
    bareMove,
  ])
  const sse = subscribe(base, `${ws}/events`, data.token, 100)
  await new Promise((r) => setTimeout(r, 500))
  await run('task move (+ activity, 100 SSE)', { url: base, headers: auth, requests: moveRequests }, [
    bareMove,
  ])
  const requirementIds = (
    (await (
      await fetch(`${base}${ws}/products/${product.id}/requirements?limit=500`, { headers: auth })
    ).json()) as { items: { id: number }[] }
  ).items.map((r) => r.id)
  await run('requirement update', {
    url: base,
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
    boardUrl.slice(base.length),
    `${ws}/tasks/${boardTaskIds[1]}`,
    `${ws}/products/${product.id}/requirements?limit=50`,
  ]
  await run('90/10 read/write mix (100 SSE)', {
    url: base,
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
    base,
    ws,
    token: data.token,
    pid: server.pid!,
    boardPath: `${ws}/iterations/${product.boardIterationId}/board`,
    aroundPath: `${ws}/products/${product.id}/iterations`,
    pickTask,
  }
  for (const mode of ['refetch the board', 'place the move'] as const) {
    const row = await liveViewers(liveSetup, mode, Math.min(duration, 10))
    console.log(
      `[${size}] 100 viewers, a move every 100 ms, ${mode}: ${row.kbPerMove} KB and ${row.serverCpuMsPerMove} ms of server CPU per move (${row.moves} moves, ${row.boardFetches} board fetches)`,
    )
    live.push(row)
  }
  await run('plan 500 requirements (dry run, 1 conn)', {
    url: `${base}${ws}/products/${product.id}/plan`,
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ dryRun: true, iterationIds: product.planIterationIds }),
    connections: 1,
    duration: Math.min(duration, 5),
  })
  clearInterval(sampler)
  const exited = (child: ReturnType<typeof spawn>) =>
    new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))
  server.kill('SIGTERM')
  baseline.kill('SIGTERM')
  await Promise.all([exited(server), exited(baseline)])
  // The L database is ~400 MB: never leave it behind on a shared machine.
  rmSync(dir, { recursive: true, force: true })
  return {
    size,
    rows,
    rssMaxMb: rssMax,
    dbMb: round(dbBytes / 1024 / 1024),
    startupMs,
    readyMs,
    generateSeconds: round(data.seconds),
    generatePhases: data.phases,
    sseEvents,
    live,
    loadAtStart,
    loadAtEnd: loadavg().map(round),
  }
}

/** The server's CPU time so far (user + system), in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second here).
  return (Number(fields[11]) + Number(fields[12])) * 10
}

export interface LiveRow {
  size: Size
  mode: 'refetch the board' | 'place the move'
  moves: number
  kbPerMove: number
  serverCpuMsPerMove: number
  boardFetches: number
}

/**
 * 100 viewers hold one board open while a writer moves one of its cards every 100 ms. Each viewer does
 * what the web app does on a change event, batched over 150 ms with one refresh at a time: before issue
 * 15 it fetched the board again (with its ETag, so only a changed board comes whole); now it places the
 * move from the event and fetches only the iteration list beside the board. Counts the bytes the viewers
 * receive and the server's CPU time, per move.
 */
async function liveViewers(
  o: {
    size: Size
    base: string
    ws: string
    token: string
    pid: number
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
  const get = (path: string, etag?: string) =>
    new Promise<string | undefined>((resolve) => {
      http
        .get(
          `${o.base}${path}`,
          { headers: etag ? { ...headers, 'if-none-match': etag } : headers },
          (res) => {
            res.on('data', (chunk: Buffer) => {
              bytes += chunk.length
            })
            res.on('end', () => resolve(res.headers.etag ?? etag))
          },
        )
        .on('error', () => resolve(etag))
    })
  const viewers = await Promise.all(
    Array.from({ length: 100 }, async () => {
      const viewer = { etag: await get(o.boardPath), refreshing: false, timer: undefined as unknown }
      const refresh = async () => {
        viewer.timer = undefined
        if (viewer.refreshing) return
        viewer.refreshing = true
        if (mode === 'refetch the board') {
          boardFetches++
          viewer.etag = await get(o.boardPath, viewer.etag)
        } else await get(o.aroundPath)
        viewer.refreshing = false
      }
      const stream = http.get(`${o.base}${o.ws}/events`, { headers }, (res) => {
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
  const cpuBefore = cpuMs(o.pid)
  let moves = 0
  const statuses = ['todo', 'doing', 'review', 'done']
  const until = Date.now() + seconds * 1000
  while (Date.now() < until) {
    const next = Date.now() + 100
    const res = await fetch(`${o.base}${o.ws}/tasks/${o.pickTask()}/move`, {
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
  const cpu = cpuMs(o.pid) - cpuBefore
  for (const v of viewers) v.stream.destroy()
  return {
    size: o.size,
    mode,
    moves,
    kbPerMove: round(bytes / 1024 / moves),
    serverCpuMsPerMove: round(cpu / moves),
    boardFetches,
  }
}

function table(results: Awaited<ReturnType<typeof benchSize>>[]) {
  const lines = [
    '| size | scenario | req/s | p50 ms | p95 ms | p99 ms | errors | load | vs baseline (same run) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ]
  for (const r of results) {
    for (const row of r.rows) {
      lines.push(
        `| ${row.size} | ${row.scenario} | ${row.reqPerSec} | ${row.p50} | ${row.p95} | ${row.p99} | ${row.errors + (row.scenario.includes('304') ? 0 : row.non2xx)} | ${row.load1} | ${row.baselines
          .map((b) => `${b.ratio}× ${b.name} (${b.reqPerSec} req/s, p99 ${b.p99} ms)`)
          .join('; ')} |`,
      )
    }
  }
  lines.push(
    '',
    '| size | 100 viewers, a move every 100 ms | moves | KB to viewers per move | server CPU ms per move | board fetches |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  )
  for (const r of results)
    for (const l of r.live)
      lines.push(
        `| ${l.size} | ${l.mode} | ${l.moves} | ${l.kbPerMove} | ${l.serverCpuMsPerMove} | ${l.boardFetches} |`,
      )
  lines.push('')
  for (const r of results) {
    lines.push(
      `${r.size}: data generated in ${r.generateSeconds} s; database ${r.dbMb} MB; start-up ${r.startupMs} ms to first answer (${r.readyMs} ms to listening); max RSS under load ${r.rssMaxMb} MB; SSE events delivered ${r.sseEvents}; load average ${r.loadAtStart.join(' ')} at start, ${r.loadAtEnd.join(' ')} at end`,
    )
  }
  return lines.join('\n')
}

// A build of its own, so the benchmark never replaces dist/ under a running server or test.
const BUILD_DIR = join('dist', 'bench')
execSync('npm run build:server --silent', {
  stdio: 'inherit',
  env: { ...process.env, KEEL_BUILD_DIR: BUILD_DIR },
})
const results = []
for (const size of sizes) results.push(await benchSize(size))
const output = table(results)
console.log(`\n${output}`)
const importResult = await benchImport(10_000)
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
      results,
      import: importResult,
    },
    null,
    2,
  ),
)
console.log(`\nWritten to ${file}`)
process.exit(0)

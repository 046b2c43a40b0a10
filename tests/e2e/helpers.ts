// Browser-test helpers: the built Keel server on a free port with a fresh data directory, an API client
// with a session cookie, and Chromium through playwright-core. Each test file starts its own server and
// browser and stops both afterwards.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Browser, chromium, type Page } from 'playwright-core'
import { inject, type TestContext } from 'vitest'

export const SCREENSHOT_DIR = 'test-results'

export interface KeelServer {
  url: string
  stop: () => Promise<void>
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/** `env` adds to the server's environment (e.g. KEEL_WEBHOOK_ALLOW_PRIVATE=1 for a local receiver). */
export async function startServer(env: Record<string, string> = {}): Promise<KeelServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keel-e2e-'))
  const port = await freePort()
  const url = `http://localhost:${port}`
  let output = ''
  const child: ChildProcess = spawn(process.execPath, [join(inject('keelBuild'), 'server', 'index.mjs')], {
    env: {
      ...process.env,
      KEEL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEEL_LOG: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout?.on('data', (chunk) => {
    output += chunk
  })
  child.stderr?.on('data', (chunk) => {
    output += chunk
  })

  const deadline = Date.now() + 15_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Keel exited early (${child.exitCode}):\n${output}`)
    try {
      const res = await fetch(`${url}/api/health`)
      if (res.ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`Keel did not become healthy within 15 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }

  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** A logged-in user of a running server, for calls a script would make (setting up data, checking it). */
export interface Session {
  url: string
  cookie: string
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`API answered ${status}: ${JSON.stringify(body)}`)
  }
}

/** Calls the API as the session's user (cookie + Origin, as the browser sends them); throws on non-2xx. */
export async function call<T = unknown>(
  session: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${session.url}/api${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      origin: session.url,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  const parsed = text ? JSON.parse(text) : undefined
  if (!res.ok) throw new ApiFailure(res.status, parsed)
  return parsed as T
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
    chromiumSandbox: false,
    args: [
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  return join(SCREENSHOT_DIR, `${name}.png`)
}

/**
 * After each test of a file whose pages are collected in `pages` (and browser errors in `problems`): a
 * failed test leaves a screenshot of each page (`<name>-failure-<i>`) and prints the browser's errors;
 * then every page closes, so its live refreshes do not run into the next test.
 */
export async function closePages(context: TestContext, name: string, pages: Page[], problems: string[]) {
  if (context.task.result?.state === 'fail') {
    await Promise.all(
      pages.map((page, i) =>
        page.screenshot({ path: screenshotPath(`${name}-failure-${i}`), fullPage: true }),
      ),
    )
    if (problems.length) console.error(`Browser errors:\n${problems.join('\n')}`)
  }
  await Promise.all(pages.splice(0).map((page) => page.context().close()))
  problems.length = 0
}

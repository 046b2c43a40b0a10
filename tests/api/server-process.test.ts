// Starts the real server process (through tsx) to check start-up, migrations on a fresh data
// directory and graceful shutdown.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

function start(dataDir: string, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: {
      ...process.env,
      KEEL_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      KEEL_WEB_DIR: '',
      KEEL_LOG: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  return { child, output: () => output }
}

async function waitForHealth(port: number) {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/health`)
      if (res.ok) return res.json()
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('server did not start')
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

describe('the server process', () => {
  it('creates the database in KEEL_DATA_DIR, serves, and shuts down gracefully on SIGTERM', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'keel-proc-')), 'nested')
    const port = 3900 + Math.floor(Math.random() * 90)
    const { child, output } = start(dataDir, port)
    try {
      expect(await waitForHealth(port)).toMatchObject({ ok: true })
      expect(existsSync(join(dataDir, 'keel.db'))).toBe(true)
      const setup = await fetch(`http://127.0.0.1:${port}/api/setup`)
      expect(await setup.json()).toEqual({ needed: true })
      const exit = exited(child)
      child.kill('SIGTERM')
      expect(await exit).toBe(0)
      expect(output()).toContain('Keel stopped')
      // A clean close checkpoints the WAL and removes it.
      expect(existsSync(join(dataDir, 'keel.db-wal'))).toBe(false)
    } finally {
      child.kill('SIGKILL')
    }
  }, 30_000)

  it('limits request bodies by Content-Length and by counting chunked ones, and reads small ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keel-proc-'))
    const port = 3900 + Math.floor(Math.random() * 90)
    const { child } = start(dataDir, port)
    try {
      await waitForHealth(port)
      const url = `http://127.0.0.1:${port}/api/setup`
      const big = JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) })
      const sized = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: big,
      })
      expect(sized.status).toBe(413)
      expect((await sized.json()).error.code).toBe('payload_too_large')
      const bytes = new TextEncoder().encode(big)
      const chunked = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream({
          start(controller) {
            for (let at = 0; at < bytes.length; at += 64 * 1024)
              controller.enqueue(bytes.slice(at, at + 64 * 1024))
            controller.close()
          },
        }),
        duplex: 'half',
      } as RequestInit)
      expect(chunked.status).toBe(413)
      expect((await chunked.json()).error.code).toBe('payload_too_large')
      // A small body is read and validated (400 for the missing fields, not 413).
      const small = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'a@b.c' }),
      })
      expect(small.status).toBe(400)
      expect((await small.json()).error.code).toBe('invalid_input')
    } finally {
      child.kill('SIGKILL')
    }
  }, 30_000)

  it('refuses to start with invalid configuration', async () => {
    const { child, output } = start(mkdtempSync(join(tmpdir(), 'keel-proc-')), 0)
    const exit = exited(child)
    expect(await exit).not.toBe(0)
    expect(output()).toContain('Invalid configuration')
  }, 30_000)
})

// Starts the real server process (through tsx) to check start-up, migrations on a fresh data
// directory and graceful shutdown.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spawnServer, startServer } from '../helpers/reliability'

describe('the server process', () => {
  it('creates the database in KEEL_DATA_DIR, serves, and shuts down gracefully on SIGTERM', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'keel-proc-')), 'nested')
    const server = await startServer(dataDir)
    try {
      const health = await fetch(`${server.base}/api/health`)
      expect(await health.json()).toMatchObject({ ok: true })
      expect(existsSync(join(dataDir, 'keel.db'))).toBe(true)
      const setup = await fetch(`${server.base}/api/setup`)
      expect(await setup.json()).toEqual({ needed: true })
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      expect(server.output()).toContain('Keel stopped')
      // A clean close checkpoints the WAL and removes it.
      expect(existsSync(join(dataDir, 'keel.db-wal'))).toBe(false)
    } finally {
      await server.kill()
    }
  }, 30_000)

  it('limits request bodies by Content-Length and by counting chunked ones, and reads small ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'keel-proc-'))
    const server = await startServer(dataDir)
    try {
      const url = `${server.base}/api/setup`
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
      await server.kill()
    }
  }, 30_000)

  it('refuses to start with invalid configuration', async () => {
    const server = spawnServer(mkdtempSync(join(tmpdir(), 'keel-proc-')), 0)
    expect(await server.exited).not.toBe(0)
    expect(server.output()).toContain('Invalid configuration')
  }, 30_000)
})

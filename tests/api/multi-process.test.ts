// Two real Keel processes on one PostgreSQL behave as one Keel: a change made through one reaches the other's
// event stream; concurrent writers spread over both lose nothing and a stale version answers 409 whichever
// process it reaches; a webhook fires once per change, not once per process; the login throttle counts the
// failures made against both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshPgDatabase, postgresUrl } from '../helpers/pg'
import { startReceiver } from '../helpers/receiver'
import {
  type Client,
  login,
  OWNER,
  request,
  type ServerProcess,
  setupOwner,
  sleep,
  startServer,
  tempDir,
} from '../helpers/reliability'

describe.runIf(postgresUrl())('two Keel processes on one PostgreSQL', () => {
  let a: ServerProcess
  let b: ServerProcess
  let ca: Client
  let cb: Client
  let ws: number
  let productId: number

  beforeAll(async () => {
    const pool = await freshPgDatabase()
    const env = { KEEL_DATABASE_URL: String(pool.options.connectionString), KEEL_WEBHOOK_ALLOW_PRIVATE: '1' }
    // Started together: the migrations run once (the database is already migrated here, from the template).
    ;[a, b] = await Promise.all([
      startServer(tempDir('keel-a-'), undefined, env),
      startServer(tempDir('keel-b-'), undefined, env),
    ])
    const owner = await setupOwner(a.base)
    ca = owner.client
    ws = owner.ws
    cb = await login(b.base)
    productId = (await ca.ok('POST', `/api/workspaces/${ws}/products`, { key: 'MP', name: 'Multi' }, 201)).id
  }, 60_000)
  afterAll(async () => {
    await a?.kill()
    await b?.kill()
  })

  const newTask = (client: Client, title: string) =>
    client.ok('POST', `/api/workspaces/${ws}/tasks`, { productId, kind: 'chore', title }, 201)

  it("delivers a change made through one process on the other's event stream within a second", async () => {
    const task = await newTask(ca, 'Moved through A')
    const controller = new AbortController()
    const res = await fetch(`${b.base}/api/workspaces/${ws}/events`, {
      headers: { cookie: cb.cookie },
      signal: controller.signal,
    })
    expect(res.status).toBe(200)
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    const decoder = new TextDecoder()
    let text = ''
    const read = (async () => {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += decoder.decode(value)
      }
    })().catch(() => {})
    try {
      while (!text.includes('event: ready')) await sleep(10)
      const started = performance.now()
      await ca.ok('POST', `/api/workspaces/${ws}/tasks/${task.id}/move`, { status: 'doing' })
      while (!text.includes('"task.moved"') && performance.now() - started < 5000) await sleep(10)
      const took = performance.now() - started
      expect(text).toContain('"task.moved"')
      expect(text).toContain(`"id":${task.id}`)
      expect(took).toBeLessThan(1000)
    } finally {
      controller.abort()
      await read
    }
  }, 30_000)

  it('loses nothing of 20 concurrent writers spread over both, and answers a stale version 409 on either', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => newTask(i % 2 ? cb : ca, `Concurrent ${i}`)),
    )
    expect(new Set(created.map((t) => t.id)).size).toBe(20)
    const listed = await cb.ok('GET', `/api/workspaces/${ws}/tasks?productId=${productId}&limit=200`)
    const titles = listed.items.map((t: { title: string }) => t.title)
    for (let i = 0; i < 20; i++) expect(titles).toContain(`Concurrent ${i}`)

    const target = created[0]
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? cb : ca).call('PATCH', `/api/workspaces/${ws}/tasks/${target.id}`, {
          title: `Edited ${i}`,
          version: target.version,
        }),
      ),
    )
    const statuses = edits.map((e) => e.status).sort()
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(9)
  }, 30_000)

  it('fires a webhook once per change, whichever process made it', async () => {
    const receiver = await startReceiver()
    try {
      // B holds the workspace's list of webhooks (none) from a change of its own.
      await newTask(cb, 'Before any webhook')
      const hook = await ca.ok(
        'POST',
        `/api/workspaces/${ws}/webhooks`,
        { url: receiver.url, events: ['task.created'] },
        201,
      )
      // Made through B right after the webhook was made through A: B must not miss it (nor go by its list).
      await newTask(cb, 'Announced once')
      await receiver.waitFor(1)
      // One delivery row, answered on its first attempt, whichever process looks.
      const log = async (client: Client) => {
        for (let i = 0; i < 100; i++) {
          const { items } = await client.ok('GET', `/api/workspaces/${ws}/webhooks/${hook.id}/deliveries`)
          if (items[0]?.status === 'succeeded') return items
          await sleep(20)
        }
        throw new Error('the delivery never succeeded')
      }
      for (const client of [ca, cb]) {
        const items = await log(client)
        expect(items).toHaveLength(1)
        expect(items[0]).toMatchObject({ status: 'succeeded', attempts: 1 })
      }
      expect(receiver.requests).toHaveLength(1)
      expect(receiver.requests[0]?.body).toContain('Announced once')
    } finally {
      await receiver.close()
    }
  }, 30_000)

  it('counts failed logins against both processes in one throttle', async () => {
    const attempt = (server: ServerProcess, password: string) =>
      request(
        server.base,
        'POST',
        '/api/auth/login',
        { email: OWNER.email, password },
        { origin: server.base },
      )
    // Five free failures, alternating processes; the sixth try is refused on either.
    for (let i = 0; i < 5; i++) expect((await attempt(i % 2 ? b : a, `wrong ${i}`)).status).toBe(401)
    expect((await attempt(a, OWNER.password)).status).toBe(429)
    expect((await attempt(b, OWNER.password)).status).toBe(429)
  }, 30_000)
})

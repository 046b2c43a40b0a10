// Webhook deliveries against a real local receiver: signatures, filtering by event and product, retries
// with backoff, 4xx ending a delivery, the delivery log, manual test and retry, pending deliveries picked
// up after a restart, refusal of private targets at send time, and writes unaffected by a dead receiver.
import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { makeApp } from '../helpers/app'
import { type Domain, rows, withWorkspace } from '../helpers/domain'
import { eventually, type Receiver, startReceiver } from '../helpers/receiver'

const receivers: Receiver[] = []
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()))
})

async function receiverWith(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args)
  receivers.push(r)
  return r
}

async function setupApp(retryDelaysMs: number[] = [30, 60]) {
  const t = makeApp({ webhooks: { allowPrivate: true, retryDelaysMs, timeoutMs: 2000 } })
  const { owner, ws, userId } = await t.setup()
  return withWorkspace(t, owner, ws, userId)
}

const deliveries = (d: Domain, hookId: number) =>
  d.ok('GET', `/webhooks/${hookId}/deliveries`).then((r) => r.items as Record<string, unknown>[])

describe('a generic webhook', () => {
  it('posts the event as JSON, signed with HMAC-SHA256 of the raw body', async () => {
    const receiver = await receiverWith()
    const d = await setupApp()
    const p = await d.product('MES')
    const hook = await d.ok(
      'POST',
      '/webhooks',
      { url: receiver.url, events: ['task.moved'], secret: 'topsecret', language: 'zh-CN' },
      201,
    )
    const task = await d.task({ productId: p.id, title: '报工页面' })
    await d.move(task.id, { status: 'doing' })
    const [req] = await receiver.waitFor(1)
    expect(req!.method).toBe('POST')
    expect(req!.headers['content-type']).toContain('application/json')
    expect(req!.headers['x-keel-event']).toBe('task.moved')
    expect(req!.headers['x-keel-timestamp']).toMatch(/^\d{10}$/)
    const expected = createHmac('sha256', 'topsecret').update(req!.body).digest('hex')
    expect(req!.headers['x-keel-signature']).toBe(`sha256=${expected}`)
    const body = JSON.parse(req!.body)
    expect(body).toEqual({
      event: 'task.moved',
      workspaceId: d.ws,
      productId: p.id,
      entity: { type: 'task', id: task.id, key: task.key, title: '报工页面', status: 'doing' },
      actor: { id: d.userId, name: 'Olivia Owner' },
      occurredAt: '2026-11-02T09:00:00.000Z',
      message: `Olivia Owner 把 ${task.key} 移到了 进行中`,
      url: null,
    })
    // The log holds the same bytes, the answer and the delivery id the receiver saw.
    const log = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'succeeded' ? items : null
    })
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({
      event: 'task.moved',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: 'ok',
      error: null,
      body: req!.body,
      deliveredAt: '2026-11-02T09:00:00.000Z',
    })
    expect(req!.headers['x-keel-delivery']).toBe(String(log[0]!.id))
  })

  it('gets only the events it subscribed to, and only from its product', async () => {
    const receiver = await receiverWith()
    const d = await setupApp()
    const mes = await d.product('MES')
    const srm = await d.product('SRM')
    await d.ok('POST', '/webhooks', { url: `${receiver.url}?h=moves`, events: ['task.moved'] }, 201)
    await d.ok(
      'POST',
      '/webhooks',
      { url: `${receiver.url}?h=srm`, events: ['*'], productId: srm.id, language: 'en' },
      201,
    )
    const mesTask = await d.task({ productId: mes.id })
    await d.requirement(mes.id, { title: 'Not for anyone' })
    await d.move(mesTask.id, { status: 'doing' })
    const srmRequirement = await d.requirement(srm.id, { title: 'Supplier onboarding' })
    await receiver.waitFor(2)
    await new Promise((r) => setTimeout(r, 150))
    const seen = receiver.requests.map((r) => `${r.url.split('?')[1]} ${JSON.parse(r.body).event}`)
    expect(seen.sort()).toEqual(['h=moves task.moved', 'h=srm requirement.created'])
    const srmBody = JSON.parse(receiver.requests.find((r) => r.url.endsWith('srm'))!.body)
    expect(srmBody.entity).toMatchObject({ id: srmRequirement.id, key: 'SRM-1', status: 'draft' })
    expect(srmBody.message).toBe('Olivia Owner created requirement SRM-1 “Supplier onboarding”')
  })

  it('is retried with backoff until a 2xx: a receiver that fails twice gets three attempts', async () => {
    const receiver = await receiverWith((_req, i) =>
      i < 2 ? { status: 503, body: 'busy' } : { status: 204 },
    )
    const d = await setupApp([40, 80, 160])
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['requirement.created'] }, 201)
    const started = Date.now()
    await d.requirement(p.id)
    await receiver.waitFor(3)
    const elapsed = Date.now() - started
    // 40 ms then 80 ms between attempts.
    expect(elapsed).toBeGreaterThanOrEqual(110)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'succeeded' ? items : null
    })
    expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, responseStatus: 204, error: null })
    // Every attempt sent the same bytes with the same delivery id.
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1)
    expect(new Set(receiver.requests.map((r) => r.headers['x-keel-delivery'])).size).toBe(1)
    await new Promise((r) => setTimeout(r, 200))
    expect(receiver.requests).toHaveLength(3)
  })

  it('gives up after the last delay, and keeps the last answer and error in the log', async () => {
    const receiver = await receiverWith(() => ({ status: 500, body: 'x'.repeat(5000) }))
    const d = await setupApp([20, 20])
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    await d.requirement(p.id)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'failed' ? items : null
    })
    expect(receiver.requests).toHaveLength(3)
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 3,
      responseStatus: 500,
      error: 'The receiver answered HTTP 500',
      nextAttemptAt: null,
    })
    expect(Buffer.byteLength(delivery!.responseBody as string)).toBeLessThanOrEqual(2048)
  })

  it('stops at once on a 4xx other than 408 and 429, and retries those two', async () => {
    const receiver = await receiverWith((req) =>
      req.url.endsWith('gone')
        ? { status: 410 }
        : req.url.endsWith('slow')
          ? { status: 429 }
          : { status: 200 },
    )
    const d = await setupApp([20, 20])
    const p = await d.product('MES')
    const gone = await d.ok('POST', '/webhooks', { url: `${receiver.url}?gone`, events: ['*'] }, 201)
    const slow = await d.ok('POST', '/webhooks', { url: `${receiver.url}?slow`, events: ['*'] }, 201)
    await d.requirement(p.id)
    const [goneDelivery] = await eventually(async () => {
      const items = await deliveries(d, gone.id)
      return items[0]?.status === 'failed' ? items : null
    })
    expect(goneDelivery).toMatchObject({ attempts: 1, responseStatus: 410 })
    const [slowDelivery] = await eventually(async () => {
      const items = await deliveries(d, slow.id)
      return items[0]?.status === 'failed' ? items : null
    })
    expect(slowDelivery).toMatchObject({ attempts: 3, responseStatus: 429 })
  })

  it('never slows down or fails the write when the receiver is down', async () => {
    const receiver = await receiverWith()
    const deadUrl = receiver.url
    await receiver.close()
    const d = await setupApp([10_000])
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: deadUrl, events: ['*'] }, 201)
    const res = await d.api('POST', `/products/${p.id}/requirements`, { title: 'Still saved' })
    expect(res.status).toBe(201)
    expect(rows(d.t, 'requirements')).toHaveLength(1)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.attempts === 1 ? items : null
    })
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: null })
    expect(delivery!.error).toMatch(/ECONNREFUSED/)
    expect(delivery!.nextAttemptAt).toBe('2026-11-02T09:00:10.000Z')
  })

  it('refuses a private address at send time even if the URL was saved before (DNS rebinding)', async () => {
    const receiver = await receiverWith()
    const t = makeApp({ webhooks: { allowPrivate: false, retryDelaysMs: [20] } })
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: 'https://93.184.215.14/hook', events: ['*'] }, 201)
    // The saved target now leads to a loopback address (as a re-pointed DNS name would).
    t.db.$client
      .prepare('update webhooks set url = ? where id = ?')
      .run(`http://localhost:${receiver.port}/hook`, hook.id)
    await d.requirement(p.id)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'failed' ? items : null
    })
    expect(delivery!.attempts).toBe(1)
    expect(delivery!.error).toMatch(/private-network/)
    expect(receiver.requests).toHaveLength(0)
  })
})

describe('the delivery log', () => {
  it('"send test" posts a test message now and answers with the receiver’s answer', async () => {
    const receiver = await receiverWith(() => ({ status: 200, body: '{"received":true}' }))
    const d = await setupApp()
    const hook = await d.ok(
      'POST',
      '/webhooks',
      { url: receiver.url, events: ['task.moved'], language: 'en' },
      201,
    )
    const delivery = await d.ok('POST', `/webhooks/${hook.id}/test`)
    expect(delivery).toMatchObject({
      event: 'webhook.test',
      status: 'succeeded',
      attempts: 1,
      responseStatus: 200,
      responseBody: '{"received":true}',
    })
    expect(JSON.parse(receiver.requests[0]!.body).message).toBe(
      'A test message from Keel: the webhook works.',
    )
  })

  it('a failed test can be retried by hand once the receiver works, with the same body', async () => {
    const receiver = await receiverWith(() => ({ status: 404, body: 'no such hook' }))
    const d = await setupApp()
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    const failed = await d.ok('POST', `/webhooks/${hook.id}/test`)
    expect(failed).toMatchObject({ status: 'failed', responseStatus: 404, responseBody: 'no such hook' })
    receiver.respondWith(() => ({ status: 200 }))
    const retried = await d.ok('POST', `/webhooks/${hook.id}/deliveries/${failed.id}/retry`)
    expect(retried).toMatchObject({ id: failed.id, status: 'succeeded', attempts: 2, responseStatus: 200 })
    expect(receiver.requests[1]!.body).toBe(receiver.requests[0]!.body)
    expect((await d.api('POST', `/webhooks/${hook.id}/deliveries/99999/retry`)).status).toBe(404)
  })

  it('pending deliveries are sent after a restart, and a stopped worker sends nothing', async () => {
    const receiver = await receiverWith(() => ({ status: 500 }))
    const t = makeApp({ webhooks: { allowPrivate: true, retryDelaysMs: [60_000] } })
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['requirement.created'] }, 201)
    await d.requirement(p.id)
    await receiver.waitFor(1)
    await eventually(async () => (await deliveries(d, hook.id))[0]?.attempts === 1)
    // Graceful shutdown stops the worker; the delivery stays pending for a minute from now.
    t.events.shutdown()
    receiver.respondWith(() => ({ status: 200 }))
    // A new process on the same database, a minute later: the delivery is due and goes out.
    t.clock.advance(60_000)
    createApp({ db: t.db, clock: t.clock, webhooks: { allowPrivate: true } })
    await receiver.waitFor(2)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'succeeded' ? items : null
    })
    expect(delivery!.attempts).toBe(2)
  })
})

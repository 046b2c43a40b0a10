// Webhook deliveries against a real local receiver: signatures, filtering by event and product, retries
// with backoff, 4xx ending a delivery, the delivery log, manual test and retry, pending deliveries picked
// up after a restart, refusal of private targets at send time, and writes unaffected by a dead receiver.
// Time is fake: the waits between attempts pass by `later()`, so the real backoff (1 min … 2 h) is tested
// in milliseconds; only the HTTP round trips to the receiver take real time.
import { createHmac } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { DEFAULT_RETRY_DELAYS_MS } from '../../server/features/webhooks/worker'
import { makeApp, type TestApp } from '../helpers/app'
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

/** An app on fake time; without `retryDelaysMs` it waits as production does (1 min, 5 min, 30 min, 2 h). */
async function setupApp(retryDelaysMs?: number[]) {
  const t = makeApp({ manualTimers: true, webhooks: { allowPrivate: true, retryDelaysMs } })
  const { owner, ws, userId } = await t.setup()
  return withWorkspace(t, owner, ws, userId)
}

const timersOf = (t: TestApp) => {
  if (!t.timers) throw new Error('the app runs on real timers')
  return t.timers
}

/** Lets `ms` pass: the clock first, so an attempt that falls due reads the time at the end of the step. */
function later(t: TestApp, ms: number) {
  t.clock.advance(ms)
  timersOf(t).advance(ms)
}

/** Lets a wait pass in two steps, all but its last millisecond and then that: an early attempt reads a time
 * a millisecond short of its due time, which the assertions on times then catch. */
function waitOut(t: TestApp, ms: number) {
  later(t, ms - 1)
  later(t, 1)
}

/** When each request was sent, from its signed timestamp (seconds, as ISO). */
const sentAt = (receiver: Receiver) =>
  receiver.requests.map((r) => new Date(Number(r.headers['x-keel-timestamp']) * 1000).toISOString())

const deliveries = (d: Domain, hookId: number) =>
  d.ok('GET', `/webhooks/${hookId}/deliveries`).then((r) => r.items as Record<string, unknown>[])

/** The hook's only delivery once its `attempts`-th attempt is recorded and any retry scheduled: the worker
 * sets the retry's timer just after the write that records the attempt, so a test that let time pass
 * between the two would pass it before the timer existed. `retries`: how many retries wait in all by then. */
async function afterAttempt(d: Domain, hookId: number, attempts: number, retries = 1) {
  const [delivery] = await eventually(async () => {
    const items = await deliveries(d, hookId)
    const first = items[0]
    if (!first || (first.attempts as number) < attempts) return null
    return first.status !== 'pending' || d.t.waitingTimers() >= retries ? items : null
  })
  expect(delivery!.attempts, 'attempts recorded').toBe(attempts)
  return delivery!
}

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
    const moves = await d.ok(
      'POST',
      '/webhooks',
      { url: `${receiver.url}?h=moves`, events: ['task.moved'] },
      201,
    )
    const srmHook = await d.ok(
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
    // Every send has its delivery row first: one finished delivery per hook means nothing else is coming.
    for (const hook of [moves, srmHook]) {
      const log = await eventually(async () => {
        const items = await deliveries(d, hook.id)
        return items.every((item) => item.status === 'succeeded') ? items : null
      })
      expect(log, `deliveries of webhook ${hook.id}`).toHaveLength(1)
    }
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
    const d = await setupApp()
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['requirement.created'] }, 201)
    await d.requirement(p.id)
    await receiver.waitFor(1)
    expect(await afterAttempt(d, hook.id, 1)).toMatchObject({
      status: 'pending',
      responseStatus: 503,
      responseBody: 'busy',
      error: 'The receiver answered HTTP 503',
      nextAttemptAt: '2026-11-02T09:01:00.000Z',
    })
    // A minute, then five.
    waitOut(d.t, 60_000)
    await receiver.waitFor(2)
    expect(await afterAttempt(d, hook.id, 2)).toMatchObject({
      status: 'pending',
      responseStatus: 503,
      lastAttemptAt: '2026-11-02T09:01:00.000Z',
      nextAttemptAt: '2026-11-02T09:06:00.000Z',
    })
    waitOut(d.t, 5 * 60_000)
    await receiver.waitFor(3)
    expect(await afterAttempt(d, hook.id, 3)).toMatchObject({
      status: 'succeeded',
      responseStatus: 204,
      error: null,
      nextAttemptAt: null,
      deliveredAt: '2026-11-02T09:06:00.000Z',
    })
    expect(sentAt(receiver)).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:01:00.000Z',
      '2026-11-02T09:06:00.000Z',
    ])
    // Every attempt sent the same bytes with the same delivery id.
    expect(new Set(receiver.requests.map((r) => r.body)).size).toBe(1)
    expect(new Set(receiver.requests.map((r) => r.headers['x-keel-delivery'])).size).toBe(1)
    // Nothing is left waiting: a day later there were still three.
    expect(d.t.waitingTimers()).toBe(0)
    later(d.t, 24 * 3_600_000)
    expect(receiver.requests).toHaveLength(3)
  })

  it('gives up after the last delay, and keeps the last answer and error in the log', async () => {
    const receiver = await receiverWith(() => ({ status: 500, body: 'x'.repeat(5000) }))
    const d = await setupApp()
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    await d.requirement(p.id)
    // One attempt more than there are delays: after 1 min, 5 min, 30 min and 2 h.
    for (const [i, delay] of DEFAULT_RETRY_DELAYS_MS.entries()) {
      expect(await afterAttempt(d, hook.id, i + 1)).toMatchObject({ status: 'pending' })
      waitOut(d.t, delay)
    }
    const delivery = await afterAttempt(d, hook.id, 5)
    expect(receiver.requests).toHaveLength(5)
    expect(sentAt(receiver)).toEqual([
      '2026-11-02T09:00:00.000Z',
      '2026-11-02T09:01:00.000Z',
      '2026-11-02T09:06:00.000Z',
      '2026-11-02T09:36:00.000Z',
      '2026-11-02T11:36:00.000Z',
    ])
    expect(delivery).toMatchObject({
      status: 'failed',
      attempts: 5,
      responseStatus: 500,
      error: 'The receiver answered HTTP 500',
      lastAttemptAt: '2026-11-02T11:36:00.000Z',
      nextAttemptAt: null,
    })
    expect(Buffer.byteLength(delivery.responseBody as string)).toBeLessThanOrEqual(2048)
    // Given up: nothing waits, and a day later there were still five.
    expect(d.t.waitingTimers()).toBe(0)
    later(d.t, 24 * 3_600_000)
    expect(receiver.requests).toHaveLength(5)
  })

  it('stops at once on a 4xx other than 408 and 429, and retries those two', async () => {
    const answers: Record<string, number> = { gone: 410, slow: 429, timeout: 408 }
    const receiver = await receiverWith((req) => ({ status: answers[req.url.split('?')[1] ?? ''] ?? 200 }))
    const d = await setupApp([60_000, 60_000])
    const p = await d.product('MES')
    const hooks: Record<string, number> = {}
    for (const name of Object.keys(answers)) {
      hooks[name] = (
        await d.ok('POST', '/webhooks', { url: `${receiver.url}?${name}`, events: ['*'] }, 201)
      ).id
    }
    await d.requirement(p.id)
    await receiver.waitFor(3)
    expect(await afterAttempt(d, hooks.gone!, 1)).toMatchObject({
      status: 'failed',
      responseStatus: 410,
      nextAttemptAt: null,
    })
    for (const attempt of [1, 2]) {
      for (const name of ['slow', 'timeout']) {
        expect(await afterAttempt(d, hooks[name]!, attempt, 2), `${name} #${attempt}`).toMatchObject({
          status: 'pending',
          responseStatus: answers[name],
        })
      }
      waitOut(d.t, 60_000)
    }
    for (const name of ['slow', 'timeout']) {
      expect(await afterAttempt(d, hooks[name]!, 3), name).toMatchObject({
        status: 'failed',
        responseStatus: answers[name],
      })
    }
    const sent = (name: string) => receiver.requests.filter((r) => r.url.endsWith(`?${name}`)).length
    expect([sent('gone'), sent('slow'), sent('timeout')]).toEqual([1, 3, 3])
  })

  it('gives each attempt ten seconds to answer, then counts it failed and retries it', async () => {
    const receiver = await receiverWith(() => null)
    const d = await setupApp()
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    await d.requirement(p.id)
    await receiver.waitFor(1)
    later(d.t, 9_999)
    expect(d.t.waitingTimers(), 'the time limit still waits').toBe(1)
    later(d.t, 1)
    expect(await afterAttempt(d, hook.id, 1)).toMatchObject({
      status: 'pending',
      responseStatus: null,
      error: 'No answer within 10 s',
      lastAttemptAt: '2026-11-02T09:00:10.000Z',
      nextAttemptAt: '2026-11-02T09:01:00.000Z',
    })
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
    expect(await rows(d.t, 'requirements')).toHaveLength(1)
    const delivery = await afterAttempt(d, hook.id, 1)
    expect(delivery).toMatchObject({ status: 'pending', responseStatus: null })
    expect(delivery!.error).toMatch(/ECONNREFUSED/)
    expect(delivery!.nextAttemptAt).toBe('2026-11-02T09:00:10.000Z')
    expect(d.t.waitingTimers(), 'the retry waits').toBe(1)
  })

  it('refuses a private address at send time even if the URL was saved before (DNS rebinding)', async () => {
    const receiver = await receiverWith()
    const t = makeApp({ manualTimers: true, webhooks: { allowPrivate: false, retryDelaysMs: [60_000] } })
    const { owner, ws, userId } = await t.setup()
    const d = withWorkspace(t, owner, ws, userId)
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: 'https://93.184.215.14/hook', events: ['*'] }, 201)
    // The saved target now leads to a loopback address (as a re-pointed DNS name would).
    await t.sql('update webhooks set url = ? where id = ?', [
      `http://localhost:${receiver.port}/hook`,
      hook.id,
    ])
    await d.requirement(p.id)
    const [delivery] = await eventually(async () => {
      const items = await deliveries(d, hook.id)
      return items[0]?.status === 'failed' ? items : null
    })
    expect(delivery!.attempts).toBe(1)
    expect(delivery!.error).toMatch(/private-network/)
    // Refused for good: no retry waits.
    expect(t.waitingTimers()).toBe(0)
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

  /**
   * A delivery whose first attempt failed (HTTP 500) waits a minute for its retry; then a graceful shutdown
   * stops the worker and its wait, and the receiver is mended.
   */
  async function pendingAtShutdown() {
    const receiver = await receiverWith(() => ({ status: 500 }))
    const d = await setupApp([60_000])
    const p = await d.product('MES')
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['requirement.created'] }, 201)
    await d.requirement(p.id)
    await receiver.waitFor(1)
    expect(await afterAttempt(d, hook.id, 1)).toMatchObject({ nextAttemptAt: '2026-11-02T09:01:00.000Z' })
    expect(d.t.waitingTimers(), 'the retry waits').toBe(1)
    d.t.events.shutdown()
    expect(timersOf(d.t).pending(), 'no wait left after shutdown').toBe(0)
    receiver.respondWith(() => ({ status: 200 }))
    return { d, receiver, hook }
  }

  /** A new process on the same database, on the same (fake) time. */
  const restart = (t: TestApp) =>
    createApp({ store: t.store, clock: t.clock, timers: t.timers, webhooks: { allowPrivate: true } })

  it('pending deliveries are sent after a restart, and a stopped worker sends nothing', async () => {
    const { d, receiver, hook } = await pendingAtShutdown()
    // A minute later the stopped worker has sent nothing; a new process finds the delivery due and sends it.
    later(d.t, 60_000)
    expect(receiver.requests).toHaveLength(1)
    restart(d.t)
    await receiver.waitFor(2)
    expect(await afterAttempt(d, hook.id, 2)).toMatchObject({ status: 'succeeded', responseStatus: 200 })
    expect(sentAt(receiver)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T09:01:00.000Z'])
    expect(receiver.requests).toHaveLength(2)
  })

  it('two processes that find the same delivery due make one attempt between them (a claim each attempt)', async () => {
    const { d, receiver, hook } = await pendingAtShutdown()
    later(d.t, 60_000)
    restart(d.t)
    restart(d.t)
    await receiver.waitFor(2)
    expect(await afterAttempt(d, hook.id, 2)).toMatchObject({ status: 'succeeded', attempts: 2 })
    // Both have read the delivery and tried to claim it by now: the loser's claim is a write queued
    // before the winner's answer could be recorded.
    expect(receiver.requests).toHaveLength(2)
  })

  it('a restart before a delivery is due waits out the rest of its time', async () => {
    const { d, receiver, hook } = await pendingAtShutdown()
    // Back after 20 s: the delivery goes out 40 s later, at the minute it was due.
    later(d.t, 20_000)
    restart(d.t)
    // The new process reads its pending deliveries as it starts (a query: asynchronous).
    await eventually(() => d.t.waitingTimers() > 0)
    expect(d.t.waitingTimers(), 'the rest of the wait').toBe(1)
    waitOut(d.t, 40_000)
    await receiver.waitFor(2)
    expect(await afterAttempt(d, hook.id, 2)).toMatchObject({ status: 'succeeded', responseStatus: 200 })
    expect(sentAt(receiver)).toEqual(['2026-11-02T09:00:00.000Z', '2026-11-02T09:01:00.000Z'])
  })
})

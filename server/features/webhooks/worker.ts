// The webhook dispatcher and delivery worker. It listens to every workspace's events, matches them to
// the active webhooks (cached per workspace, dropped on any change), writes one delivery row per match
// with the exact body, and sends it: a 2xx ends it, 4xx other than 408/429 fails at once, anything else
// is retried after each delay in `retryDelaysMs`. The delivery rows are the queue, so pending ones are
// picked up again when the server starts. Each attempt first claims its delivery (a compare-and-set on
// its next attempt, which becomes a lease), so with several processes on one PostgreSQL every attempt is
// made by one of them; there a sweep also takes up what a stopped process left due. Events are handled after the write's response is on its way
// (setImmediate), so a slow or failing receiver never slows down or fails the write. Retries and time
// limits wait on the injected `timers`, so tests let an hour of backoff pass at once.
import type { Store } from '../../../db/store'
import { EpochCache } from '../../lib/cache'
import type { Clock, Timers } from '../../lib/clock'
import type { Webhooks } from '../../lib/context'
import { type EventBus, type KeelEvent, NOTIFICATION } from '../../lib/events'
import type { Language } from '../../lib/words'
import { bookkeepingWrite } from '../../lib/write'
import { gatherFacts } from './facts'
import { buildBody, robotError, signedRequest } from './formats'
import { type WebhookRow, webhookRepo } from './repo'
import { postWebhook, RefusedTarget, truncate } from './send'

export interface WebhookOptions {
  /** Waits between attempts; one more attempt than delays. Default 1 min, 5 min, 30 min, 2 h. */
  retryDelaysMs?: readonly number[]
  /** Time allowed for each attempt. Default 10 s. */
  timeoutMs?: number
  /** Allow loopback and private-network targets (KEEL_WEBHOOK_ALLOW_PRIVATE=1). */
  allowPrivate?: boolean
  /** Attempts in flight at once. Default 4. */
  concurrency?: number
}

/** How often, on PostgreSQL, deliveries left due by another process are looked for. */
const SWEEP_MS = 30_000
/** How long past an attempt's own time limit its claim holds. */
const LEASE_MARGIN_MS = 30_000

export const DEFAULT_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000] as const

interface WorkerDeps {
  store: Store
  clock: Clock
  /** Waits before retries and the time limit of each attempt. */
  timers: Timers
  events: EventBus
  log: (line: string) => void
  publicUrl: string | undefined
}

export class WebhookWorker implements Webhooks {
  readonly retryDelaysMs: readonly number[]
  readonly timeoutMs: number
  readonly allowPrivate: boolean
  private readonly concurrency: number
  /**
   * Active webhooks by workspace, held while the access epoch stays put: a change to any webhook moves it
   * (a trigger, whichever process made the change), and each event comes with the epoch its write
   * committed at. An event at another epoch reads its workspace's webhooks afresh.
   */
  private readonly hooks = new EpochCache<WebhookRow[]>()
  /** Events to write deliveries for, with their workspace's webhooks as they were when they happened. */
  private queued: { event: KeelEvent; at: string; hooks: WebhookRow[] | Promise<WebhookRow[]> }[] = []
  /** The next attempt each scheduled delivery had when it was scheduled: what its claim expects. */
  private readonly expected = new Map<number, string | null>()
  private flushing = false
  /** Retries waiting for their time, by delivery id. */
  private readonly waiting = new Map<number, unknown>()
  private readonly ready: number[] = []
  private readonly inFlight = new Map<number, Promise<void>>()
  private readonly abort = new AbortController()
  private stopped = false
  private unsubscribe: (() => void) | undefined
  private sweeper: ReturnType<typeof setInterval> | undefined
  /** Reading the deliveries left pending by the previous run (start). */
  private starting = false

  constructor(
    private readonly deps: WorkerDeps,
    options: WebhookOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.allowPrivate = options.allowPrivate ?? false
    this.concurrency = options.concurrency ?? 4
  }

  /** Subscribes to events and schedules the deliveries left pending by the previous run. */
  start(): void {
    this.unsubscribe = this.deps.events.subscribeAll((event, epoch) => this.onEvent(event, epoch))
    this.deps.events.onShutdown(() => this.stop())
    void this.schedulePending(false)
    if (this.deps.store.engine === 'postgres') {
      // Real time, not the injected timers: a safety net across processes that no test waits on.
      this.sweeper = setInterval(() => void this.schedulePending(true), SWEEP_MS)
      this.sweeper.unref()
    }
  }

  /** Schedules the pending deliveries (`dueOnly`: those due now) that this process is not handling. */
  private async schedulePending(dueOnly: boolean): Promise<void> {
    if (!dueOnly) this.starting = true
    try {
      const db = this.deps.store.db
      const rows = dueOnly
        ? await webhookRepo.due(db, this.deps.clock.now().toISOString())
        : await webhookRepo.pending(db)
      for (const row of rows) {
        if (this.expected.has(row.id) || this.inFlight.has(row.id)) continue
        this.schedule(row.id, row.nextAttemptAt ? Date.parse(row.nextAttemptAt) : 0, row.nextAttemptAt)
      }
    } catch (err) {
      this.deps.log(`webhooks: could not read the pending deliveries: ${(err as Error).message}`)
    } finally {
      if (!dueOnly) this.starting = false
    }
  }

  /** Stops taking events, cancels timers and aborts attempts in flight (they stay pending). */
  stop(): void {
    if (this.stopped) return
    this.stopped = true
    this.unsubscribe?.()
    if (this.sweeper) clearInterval(this.sweeper)
    for (const timer of this.waiting.values()) this.deps.timers.clearTimeout(timer)
    this.waiting.clear()
    this.ready.length = 0
    this.abort.abort()
  }

  /** Resolves when nothing is queued, scheduled soon or in flight (tests, graceful shutdown). */
  async idle(): Promise<void> {
    while (this.starting || this.queued.length || this.flushing || this.inFlight.size || this.ready.length) {
      await Promise.all([...this.inFlight.values()])
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  private async hooksFor(workspaceId: number): Promise<WebhookRow[]> {
    try {
      const { epoch, hooks } = await webhookRepo.active(this.deps.store.db, workspaceId)
      this.hooks.set(epoch, String(workspaceId), hooks)
      return hooks
    } catch (err) {
      this.deps.log(
        `webhooks: could not read the webhooks of workspace ${workspaceId}: ${(err as Error).message}`,
      )
      return []
    }
  }

  private onEvent(event: KeelEvent, epoch: number | undefined): void {
    if (this.stopped || event.entityType === NOTIFICATION) return
    // The webhooks an event goes to are those its workspace had when it happened (a webhook made just
    // after it gets none of it); the events stay queued in their order while the webhooks are read.
    const known = epoch === undefined ? undefined : this.hooks.get(epoch, String(event.workspaceId))
    if (known?.length === 0) return
    const hooks = known ?? this.hooksFor(event.workspaceId)
    this.queued.push({ event, at: this.deps.clock.now().toISOString(), hooks })
    if (!this.flushing) {
      this.flushing = true
      setImmediate(() => void this.flush())
    }
  }

  private async flush(): Promise<void> {
    const batch = this.queued
    this.queued = []
    const created: { id: number; nextAttemptAt: string | null }[] = []
    try {
      // The webhooks each event goes to, read before the write (not inside its turn).
      const due: { event: KeelEvent; at: string; matching: WebhookRow[] }[] = []
      for (const { event, at, hooks } of batch) {
        const matching = (await hooks).filter((hook) => matches(hook, event))
        if (matching.length > 0) due.push({ event, at, matching })
      }
      // The delivery queue is the worker's own bookkeeping, no person's change: not a write().
      if (due.length)
        await bookkeepingWrite(this.deps.store, async (tx) => {
          for (const { event, at, matching } of due) {
            const facts = await gatherFacts(tx, event, at, this.deps.publicUrl)
            for (const hook of matching) {
              const row = await webhookRepo.insertDelivery(tx, {
                workspaceId: event.workspaceId,
                webhookId: hook.id,
                event: event.type,
                body: buildBody(hook.preset, facts, hook.language as Language),
                createdAt: at,
                nextAttemptAt: at,
              })
              created.push({ id: row.id, nextAttemptAt: row.nextAttemptAt })
            }
          }
        })
    } catch (err) {
      this.deps.log(`webhooks: could not queue ${batch.length} events: ${(err as Error).message}`)
    } finally {
      this.flushing = false
    }
    for (const { id, nextAttemptAt } of created) this.schedule(id, 0, nextAttemptAt)
    if (this.queued.length && !this.flushing) {
      this.flushing = true
      setImmediate(() => void this.flush())
    }
  }

  /** Makes an attempt at `atMs`; `expected` is the delivery's next attempt as read, for its claim. */
  private schedule(id: number, atMs: number, expected: string | null): void {
    if (this.stopped) return
    this.cancelWait(id)
    this.expected.set(id, expected)
    const delay = Math.max(0, atMs - this.deps.clock.now().getTime())
    if (delay === 0) {
      this.ready.push(id)
      queueMicrotask(() => this.pump())
      return
    }
    const timer = this.deps.timers.setTimeout(() => {
      this.waiting.delete(id)
      this.ready.push(id)
      this.pump()
    }, delay)
    this.deps.timers.unref(timer)
    this.waiting.set(id, timer)
  }

  private cancelWait(id: number): void {
    const timer = this.waiting.get(id)
    if (timer === undefined) return
    this.deps.timers.clearTimeout(timer)
    this.waiting.delete(id)
  }

  private pump(): void {
    while (!this.stopped && this.inFlight.size < this.concurrency && this.ready.length) {
      const id = this.ready.shift()!
      if (this.inFlight.has(id)) continue
      void this.track(id, this.attempt(id, false))
    }
  }

  private track(id: number, work: Promise<void>): Promise<void> {
    const done = work
      .catch((err: Error) => this.deps.log(`webhooks: delivery ${id} failed to run: ${err.message}`))
      .finally(() => {
        this.inFlight.delete(id)
        this.pump()
      })
    this.inFlight.set(id, done)
    return done
  }

  /**
   * One attempt right now, awaited: "send test" and "retry" in the delivery log. A failure here ends
   * the delivery (the person who asked sees the answer) instead of scheduling more attempts.
   */
  async deliverNow(id: number): Promise<void> {
    this.cancelWait(id)
    this.expected.delete(id)
    const running = this.inFlight.get(id)
    if (running) await running
    else await this.track(id, this.attempt(id, true))
  }

  private async attempt(id: number, manual: boolean): Promise<void> {
    const { store, clock } = this.deps
    const db = store.db
    let row: Awaited<ReturnType<typeof webhookRepo.delivery>>
    // Taken by this process for the length of one attempt, unless another one took it first.
    const expected = this.expected.get(id)
    this.expected.delete(id)
    if (manual) row = await webhookRepo.delivery(db, id)
    else {
      if (expected === undefined) return
      const lease = new Date(clock.now().getTime() + this.timeoutMs + LEASE_MARGIN_MS).toISOString()
      row = await bookkeepingWrite(store, (tx) => webhookRepo.claim(tx, id, expected, lease))
    }
    if (!row || (!manual && row.status !== 'pending')) return
    const hook = await webhookRepo.byIdAnywhere(db, row.webhookId)
    if (!hook) return
    if (!hook.active && !manual) {
      await this.settle(id, {
        status: 'failed',
        nextAttemptAt: null,
        error: 'The webhook was disabled before this could be sent',
      })
      return
    }
    const started = clock.now()
    const attempts = row.attempts + 1
    let responseStatus: number | null = null
    let responseBody: string | null = null
    let error: string | null = null
    let final = manual
    try {
      const request = signedRequest(hook.preset, hook.url, row.body, hook.secret, row, started)
      const res = await postWebhook(request.url, request.body, request.headers, {
        timeoutMs: this.timeoutMs,
        allowPrivate: this.allowPrivate,
        signal: this.abort.signal,
        timers: this.deps.timers,
      })
      responseStatus = res.status
      responseBody = res.body
      if (res.status >= 200 && res.status < 300) error = robotError(hook.preset, res.body)
      else {
        error = `The receiver answered HTTP ${res.status}`
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) final = true
      }
    } catch (err) {
      // Stopping mid-attempt: not counted, and handed back (due as before) for another process or the
      // next start; were this write to fail, the lease ends on its own.
      if (this.stopped) {
        if (!manual) await this.settle(id, { nextAttemptAt: expected ?? row.nextAttemptAt }).catch(() => {})
        return
      }
      error = truncate(err instanceof Error ? err.message || err.name : String(err), 500)
      if (err instanceof RefusedTarget || /private-network/.test(error)) final = true
    }
    const now = clock.now().toISOString()
    const common = { attempts, responseStatus, responseBody, lastAttemptAt: now, error }
    if (error === null) {
      await this.settle(id, {
        ...common,
        status: 'succeeded',
        nextAttemptAt: null,
        deliveredAt: now,
      })
      return
    }
    const delay = this.retryDelaysMs[attempts - 1]
    if (final || delay === undefined) {
      await this.settle(id, { ...common, status: 'failed', nextAttemptAt: null })
      return
    }
    const next = started.getTime() + delay
    const nextAttemptAt = new Date(next).toISOString()
    await this.settle(id, { ...common, status: 'pending', nextAttemptAt })
    this.schedule(id, next, nextAttemptAt)
  }

  /** Writes the outcome of an attempt on the delivery's row. */
  private settle(id: number, values: Parameters<typeof webhookRepo.updateDelivery>[2]) {
    return bookkeepingWrite(this.deps.store, (tx) => webhookRepo.updateDelivery(tx, id, values))
  }
}

/** A webhook gets an event it subscribed to (or `*`), in its product if it has one. */
export function matches(hook: WebhookRow, event: KeelEvent): boolean {
  if (hook.productId !== null && hook.productId !== event.productId) return false
  // A person's inbox is theirs alone.
  if (event.entityType === NOTIFICATION) return false
  if (hook.events.includes(event.type)) return true
  // `*` means the work itself; changes to webhooks are only sent when asked for by name.
  return hook.events.includes('*') && event.entityType !== 'webhook'
}

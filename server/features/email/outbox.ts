// The outbox worker: sends what is due in the `emails` table, one email at a time, and never inside the
// write that queued it. Each attempt first claims its row (moving its due time a lease ahead), so two
// processes never send the same email and one that stopped mid-send leaves it to be tried again. A
// failure waits 1 min, 5 min, 30 min, 2 h, then 6 h before the next try; after the last it is failed,
// which instance owners see (and can retry) in the admin view. Due emails are looked for every 30 s on
// the injected timers, and at once when a message is queued. Sent emails are kept 30 days without
// their bodies, failed ones until someone retries them.
import type { AppDeps } from '../../lib/context'
import type { Mailer } from '../../lib/mailer'
import { bookkeepingWrite } from '../../lib/write'
import { emailRepo } from './repo'
import { BATCH_MS, compose } from './service'

export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000]
const SWEEP_MS = 30_000
/** How long a claimed email is this process's to send; past it, another may try. */
const LEASE_MS = 2 * 60_000
const BATCH = 20
const KEEP_MS = 30 * 86_400_000

export class Outbox {
  private running: Promise<void> | undefined
  private again = false
  private timer: unknown
  private stopped = false
  private prunedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly deps: AppDeps,
    private readonly mailer: Mailer,
  ) {}

  start(): void {
    const { timers } = this.deps
    this.timer = timers.setInterval(() => this.wake(), SWEEP_MS)
    timers.unref(this.timer)
    this.deps.events.onShutdown(() => this.stop())
    this.wake()
  }

  stop(): void {
    this.stopped = true
    this.deps.timers.clearInterval(this.timer)
    this.mailer.close()
  }

  /** Looks for due emails now (one run at a time, and one more if woken meanwhile). */
  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    this.running = this.run().finally(() => {
      this.running = undefined
      if (this.again) {
        this.again = false
        this.wake()
      }
    })
  }

  /** Resolves when no run is under way or asked for (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.running) await this.running
  }

  private async run(): Promise<void> {
    try {
      await this.prune()
      for (;;) {
        const due = await emailRepo.due(this.deps.db, this.deps.clock.now().toISOString(), BATCH)
        for (const row of due) {
          if (this.stopped) return
          await this.attempt(row.id, row.nextAttemptAt)
        }
        if (due.length < BATCH) return
      }
    } catch (err) {
      this.deps.log(`email: ${(err as Error).message}`)
    }
  }

  /** Once an hour: sent and skipped emails are kept for 30 days (the outbox view), then forgotten. */
  private async prune(): Promise<void> {
    const now = this.deps.clock.now().getTime()
    if (now - this.prunedAt < 3_600_000) return
    this.prunedAt = now
    await bookkeepingWrite(this.deps.store, (tx) =>
      emailRepo.prune(tx, new Date(now - KEEP_MS).toISOString()),
    )
  }

  private async attempt(id: number, expected: string): Promise<void> {
    const { deps } = this
    const now = () => deps.clock.now()
    const lease = new Date(now().getTime() + LEASE_MS).toISOString()
    const row = await bookkeepingWrite(deps.store, (tx) => emailRepo.claim(tx, id, expected, lease))
    if (!row) return
    const composed = await compose(deps, row)
    if (!composed) {
      await bookkeepingWrite(deps.store, (tx) =>
        emailRepo.update(tx, id, {
          status: 'skipped',
          lastAttemptAt: now().toISOString(),
          text: null,
          html: null,
        }),
      )
      return
    }
    const attempts = row.attempts + 1
    try {
      await this.mailer.send(composed.email)
    } catch (err) {
      const error = ((err as Error).message || String(err)).slice(0, 500)
      const delay = RETRY_DELAYS_MS[attempts - 1]
      const at = now()
      await bookkeepingWrite(deps.store, (tx) =>
        emailRepo.update(tx, id, {
          attempts,
          error,
          lastAttemptAt: at.toISOString(),
          subject: composed.email.subject,
          ...(delay === undefined
            ? { status: 'failed' as const }
            : { nextAttemptAt: new Date(at.getTime() + delay).toISOString() }),
        }),
      )
      deps.log(`email: sending #${id} failed (attempt ${attempts}): ${error}`)
      return
    }
    const at = now()
    await bookkeepingWrite(deps.store, async (tx) => {
      // What was sent is recorded without its body: a reset link must not outlive its email here.
      await emailRepo.update(tx, id, {
        status: 'sent',
        attempts,
        error: null,
        toAddress: composed.email.to,
        subject: composed.email.subject,
        text: null,
        html: null,
        headers: null,
        lastAttemptAt: at.toISOString(),
        sentAt: at.toISOString(),
      })
      await emailRepo.markMailed(tx, composed.notificationIds, at.toISOString())
      // Changes that arrived while this one was being sent wait for the next.
      if (
        row.kind === 'notifications' &&
        row.workspaceId !== null &&
        row.entityType !== null &&
        row.entityId !== null &&
        row.userId !== null &&
        (await emailRepo.waitingForEmail(tx, row.userId, row.workspaceId, row.entityType, row.entityId))
      ) {
        await emailRepo.enqueue(tx, [
          {
            ...row,
            id: undefined,
            status: 'pending',
            attempts: 0,
            error: null,
            subject: null,
            nextAttemptAt: new Date(at.getTime() + BATCH_MS).toISOString(),
            createdAt: at.toISOString(),
            lastAttemptAt: null,
            sentAt: null,
          },
        ])
      }
    })
  }
}

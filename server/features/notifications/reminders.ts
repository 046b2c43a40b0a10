// Reminders, computed from the database by the scheduler (the injected timers): a task due tomorrow and a
// task overdue (to its assignee, by the date in their own time zone), and a date promised to a customer
// that the forecast says will be missed (to the product's planners who may see customers). Each reminder
// has a key (`overdue:task:42:2026-12-01`) that the database keeps unique per person, so it is made once
// however often the reminders run, in however many processes, across restarts. Each run also queues the day's
// email digests (email/service.ts).
import { addDays } from '../../../domain/dates'
import type { AppDeps, AuthUser, ServiceContext } from '../../lib/context'
import { localDate } from '../../lib/local-time'
import { maySee, PERMISSION_NAMES } from '../../lib/permissions'
import { bookkeepingWrite } from '../../lib/write'
import { queueDigests, queueNotificationEmails } from '../email/service'
import { risks } from '../reports/service'
import { channelOf } from './preferences'
import { type NotificationInsert, notificationRepo } from './repo'
import { tellInboxes } from './tell'

const HOUR_MS = 3_600_000

/** How long a notification someone read or archived is kept (unread ones are kept until read). */
export const RETENTION_DAYS = 180

/** Keel itself, reading a workspace's reports: every permission, every product. */
const KEEL: AuthUser = { id: 0, email: '', name: 'Keel' }

export class Reminders {
  private running: Promise<void> | undefined
  private timer: unknown
  private stopped = false

  constructor(private readonly deps: AppDeps) {}

  start(): void {
    const { timers } = this.deps
    this.timer = timers.setInterval(() => this.kick(), HOUR_MS)
    timers.unref(this.timer)
    this.deps.events.onShutdown(() => this.stop())
    this.kick()
  }

  stop(): void {
    this.stopped = true
    this.deps.timers.clearInterval(this.timer)
  }

  /** Resolves when no run is under way (tests, shutdown). */
  async settled(): Promise<void> {
    await this.running
  }

  private kick(): void {
    if (this.stopped || this.running) return
    this.running = this.run()
      // The day's digests, for those whose hour has come.
      .then(() => queueDigests(this.deps))
      .then(() => this.prune())
      .catch((err: Error) => this.deps.log(`reminders: ${err.message}`))
      .finally(() => {
        this.running = undefined
      })
  }

  /** Notifications read or archived more than RETENTION_DAYS ago leave the database. */
  private async prune(): Promise<void> {
    const before = new Date(this.deps.clock.now().getTime() - RETENTION_DAYS * 24 * HOUR_MS).toISOString()
    await bookkeepingWrite(this.deps.store, (tx) => notificationRepo.prune(tx, before))
  }

  /** One round: what is due, overdue or at risk now, minus what was already said. */
  async run(): Promise<void> {
    const { deps } = this
    const now = deps.clock.now()
    const at = now.toISOString()
    const rows: NotificationInsert[] = []
    const reminder = (r: Omit<NotificationInsert, 'createdAt'>) => rows.push({ ...r, createdAt: at })

    // Time zones run up to 14 hours ahead of UTC: tomorrow somewhere is at most two UTC days away.
    for (const t of await notificationRepo.dueTasks(deps.db, addDays(at.slice(0, 10), 2))) {
      const today = localDate(now, t.timeZone)
      const kind = t.dueDate === addDays(today, 1) ? 'due_soon' : t.dueDate < today ? 'overdue' : null
      if (!kind) continue
      reminder({
        workspaceId: t.workspaceId,
        userId: t.assigneeId,
        productId: t.productId,
        kind,
        entityType: 'task',
        entityId: t.id,
        data: { dueDate: t.dueDate },
        dedupeKey: `${kind}:task:${t.id}:${t.dueDate}`,
      })
    }

    for (const product of await notificationRepo.productsWithPromises(deps.db)) {
      const ctx: ServiceContext = {
        deps,
        user: KEEL,
        membership: {
          workspaceId: product.workspaceId,
          memberId: 0,
          roleId: 0,
          permissions: new Set(PERMISSION_NAMES),
          productIds: null,
        },
      }
      const { promisesAtRisk } = await risks(ctx, product.id)
      if (promisesAtRisk.length === 0) continue
      const planners = (await notificationRepo.membersWithAccess(deps.db, product.workspaceId)).filter(
        (m) =>
          m.permissions.has('iteration.plan') &&
          maySee(m.permissions, 'customer') &&
          (m.productIds === null || m.productIds.includes(product.id)),
      )
      // One reminder per requirement and promised date, however many customers were promised it.
      const promises = new Map<
        string,
        { requirementId: number; promisedDate: string; forecastDate: string | null; customers: number }
      >()
      for (const ask of promisesAtRisk) {
        const key = `${ask.requirement.id}:${ask.promisedDate}`
        const known = promises.get(key)
        if (known) known.customers++
        else
          promises.set(key, {
            requirementId: ask.requirement.id,
            promisedDate: ask.promisedDate!,
            forecastDate: ask.forecastDate,
            customers: 1,
          })
      }
      for (const [key, promise] of promises)
        for (const planner of planners)
          reminder({
            workspaceId: product.workspaceId,
            userId: planner.id,
            productId: product.id,
            kind: 'promise_at_risk',
            entityType: 'requirement',
            entityId: promise.requirementId,
            data: {
              promisedDate: promise.promisedDate,
              forecastDate: promise.forecastDate,
              customers: promise.customers,
            },
            dedupeKey: `promise_at_risk:requirement:${key}`,
          })
    }
    // Those who turned a kind off get none of it.
    const channels = await notificationRepo.channelsOf(
      deps.db,
      rows.map((r) => r.userId),
    )
    const wanted: NotificationInsert[] = []
    for (const r of rows) {
      const channel = channelOf(channels.get(r.userId), r.kind)
      if (channel !== 'off') wanted.push({ ...r, channel })
    }
    if (wanted.length === 0) return

    await deps.store.transaction(async (tx, level) => {
      const made = new Map<number, Set<number>>()
      const inserted = []
      for (let i = 0; i < wanted.length; i += 200)
        for (const r of await notificationRepo.insertReminders(tx, wanted.slice(i, i + 200))) {
          made.set(r.workspaceId, (made.get(r.workspaceId) ?? new Set()).add(r.userId))
          inserted.push(r)
        }
      await queueNotificationEmails(deps, tx, inserted)
      await tellInboxes(deps, tx, level, made, 'created')
    })
  }
}

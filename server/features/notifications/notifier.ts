// The notifier: reads the history as it grows and turns each change into watchers and inbox rows. Its place
// in the history (the `notifications` cursor) moves in the same transaction as what it wrote, and that
// transaction takes the write turn, so each history row is handled once, by one process, even with several
// processes on one PostgreSQL or after a crash. It runs after the change committed (set off by the change's
// event, and at start), so it never slows the write or fails it; imports' rows notify nobody.

import { accessEpoch } from '../../../db/access-epoch'
import type { Db } from '../../../db/client'
import type { NotificationKind } from '../../../domain/vocabulary'
import type { AppDeps } from '../../lib/context'
import { NOTIFICATION } from '../../lib/events'
import { maySee } from '../../lib/permissions'
import { membershipOf } from '../../lib/route'
import { queueNotificationEmails } from '../email/service'
import { type Channels, channelOf } from './preferences'
import { type NotificationInsert, notificationRepo, type WatchRow } from './repo'
import { type Consequences, consequencesOf, type HistoryRow } from './rules'
import { tellInboxes } from './tell'

const CURSOR = 'notifications'
/** History rows read per transaction. */
const BATCH = 500
/** How often, on PostgreSQL, history left by a stopped process is looked for. */
const SWEEP_MS = 30_000
/** How long changes are gathered before the history is read. */
const GATHER_MS = 20

export class Notifier {
  private running: Promise<void> | undefined
  private waiting: ReturnType<typeof setTimeout> | undefined
  private again = false
  private stopped = false
  private unsubscribe: (() => void) | undefined
  private sweeper: ReturnType<typeof setInterval> | undefined

  constructor(private readonly deps: AppDeps) {}

  start(): void {
    this.unsubscribe = this.deps.events.subscribeAll((event) => {
      if (event.entityType !== NOTIFICATION) this.kick()
    })
    this.deps.events.onShutdown(() => this.stop())
    this.kick()
    if (this.deps.store.engine === 'postgres') {
      // Real time: a safety net for what another process left when it stopped; no test waits on it.
      this.sweeper = setInterval(() => this.kick(), SWEEP_MS)
      this.sweeper.unref()
    }
  }

  stop(): void {
    this.stopped = true
    this.unsubscribe?.()
    if (this.sweeper) clearInterval(this.sweeper)
    if (this.waiting !== undefined) clearTimeout(this.waiting)
    this.waiting = undefined
  }

  /** Resolves once every change committed before the call has been turned into notifications. */
  async settled(): Promise<void> {
    // A reader never waits out the gathering delay: what is gathered is read now.
    if (this.waiting !== undefined) {
      clearTimeout(this.waiting)
      this.waiting = undefined
      this.running = this.run()
    }
    // The run under way may have read the history before those changes; the one after it has not. Not a
    // loop: under a steady stream of writes a reader waits for two runs at most.
    await this.running
    await this.running
  }

  /**
   * Reads the history after the changes just made, a few milliseconds later so that a burst of writes is
   * read in one transaction: one run at a time, and one more if asked meanwhile.
   */
  private kick(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    if (this.waiting !== undefined) return
    // Real time, not the injected timers: readers do not wait for it (settled()).
    this.waiting = setTimeout(() => {
      this.waiting = undefined
      this.running = this.run()
    }, GATHER_MS)
    this.waiting.unref()
  }

  private async run(): Promise<void> {
    await this.drain()
    this.running = undefined
    if (this.again) {
      this.again = false
      this.kick()
    }
  }

  private async drain(): Promise<void> {
    try {
      while (!this.stopped && (await this.step()) === BATCH) {
        // A full batch: there may be more.
      }
    } catch (err) {
      this.deps.log(`notifications: could not read the history: ${(err as Error).message}`)
    }
  }

  /** One batch of history in one transaction; answers how many rows it read. */
  private step(): Promise<number> {
    const { store } = this.deps
    return store.transaction(async (tx, level) => {
      const from = await notificationRepo.cursor(tx, CURSOR)
      const { rows, read, lastId } = await notificationRepo.history(tx, from, BATCH)
      if (read === 0) return 0
      const made = await this.handle(tx, rows)
      await notificationRepo.setCursor(tx, CURSOR, lastId)
      await tellInboxes(this.deps, tx, level, made, 'created')
      return read
    })
  }

  /** Writes what the rows set off; answers who was notified, by workspace. */
  private async handle(tx: Db, rows: HistoryRow[]) {
    const made = new Map<number, Set<number>>()
    if (rows.length === 0) return made
    const commentIds = rows
      .filter((r) => r.entityType === 'comment' && r.action !== 'deleted')
      .map((r) => r.entityId)
    const comments = await notificationRepo.comments(tx, commentIds)
    const all = rows.map((row) => ({
      row,
      c: consequencesOf(row, row.entityType === 'comment' ? comments.get(row.entityId) : undefined),
    }))
    // Who watches what, as the database has it, then replayed row by row: a person who starts watching
    // hears of what follows, not of what came before.
    const items = all.flatMap(({ c }) => [...c.watch, ...c.notices.flatMap((n) => n.watchersOf)])
    const watching = await notificationRepo.watchersOf(tx, items)
    const toWatch: WatchRow[] = []
    const toInsert: NotificationInsert[] = []
    const forgotten: Consequences['forget'][] = []
    const forgottenComments: number[] = []
    const access = new Access(this.deps, tx)
    for (const { row, c } of all) {
      for (const w of c.watch) {
        const key = `${w.entityType}:${w.entityId}`
        const now = watching.get(key) ?? []
        // Mentioning someone who cannot see the item does not make them watch it.
        const sees = () => access.maySee(row.workspaceId, w.userId, w.entityType, row.productId)
        if (!now.includes(w.userId) && (w.userId === row.actorId || (await sees()))) {
          watching.set(key, [...now, w.userId])
          toWatch.push({ workspaceId: row.workspaceId, ...w })
        }
      }
      if (c.forgetComment !== undefined) forgottenComments.push(c.forgetComment)
      if (c.forget) {
        watching.delete(`${c.forget.entityType}:${c.forget.entityId}`)
        forgotten.push(c.forget)
      }
      // Each person hears of a row once, by its first notice that names them and that they want (with
      // mentions off, a watcher still hears of the comment).
      const told = new Set<number>()
      for (const notice of c.notices) {
        const recipients = new Set(notice.users)
        for (const item of notice.watchersOf)
          for (const userId of watching.get(`${item.entityType}:${item.entityId}`) ?? [])
            recipients.add(userId)
        // Your own actions never notify you.
        if (notice.actorId !== null) recipients.delete(notice.actorId)
        for (const userId of recipients) {
          if (told.has(userId)) continue
          const channel = await access.channel(userId, notice.kind)
          if (channel === 'off') continue
          told.add(userId)
          if (!(await access.maySee(row.workspaceId, userId, notice.item.entityType, row.productId))) continue
          toInsert.push({
            workspaceId: row.workspaceId,
            userId,
            productId: row.productId,
            kind: notice.kind,
            entityType: notice.item.entityType,
            entityId: notice.item.entityId,
            activityId: row.id,
            commentId: notice.commentId ?? null,
            actorId: notice.actorId,
            data: notice.data ?? {},
            channel,
            createdAt: row.createdAt,
          })
          const users = made.get(row.workspaceId) ?? new Set<number>()
          made.set(row.workspaceId, users.add(userId))
        }
      }
    }
    await notificationRepo.watch(tx, toWatch, this.deps.clock.now().toISOString())
    for (let i = 0; i < toInsert.length; i += 200)
      await notificationRepo.insert(tx, toInsert.slice(i, i + 200))
    await queueNotificationEmails(
      this.deps,
      tx,
      toInsert.map((n) => ({ ...n, channel: n.channel ?? 'inbox' })),
    )
    for (const item of forgotten) if (item) await notificationRepo.forget(tx, item.entityType, item.entityId)
    await notificationRepo.forgetComments(tx, forgottenComments)
    return made
  }
}

/**
 * Whether a person may see an item now (a member of its workspace, of its product, allowed its type), and
 * wants its kind: memberships come from the app's membership cache at the access epoch this run read.
 */
class Access {
  /** The access epoch, read once per run (its calls come one after another). */
  private epoch: number | undefined
  private readonly channels = new Map<number, Promise<Partial<Channels> | undefined>>()

  constructor(
    private readonly deps: AppDeps,
    private readonly db: Db,
  ) {}

  /** Where the person wants this kind: the inbox (the default), email, the digest, or off. */
  async channel(userId: number, kind: NotificationKind) {
    const channels =
      this.channels.get(userId) ??
      notificationRepo.channelsOf(this.db, [userId]).then((byUser) => byUser.get(userId))
    this.channels.set(userId, channels)
    return channelOf(await channels, kind)
  }

  async maySee(workspaceId: number, userId: number, entityType: string, productId: number | null) {
    if (this.epoch === undefined) this.epoch = await accessEpoch(this.db)
    const m = await membershipOf(this.deps, workspaceId, userId, this.epoch)
    if (!m) return false
    if (m.productIds !== null && productId !== null && !m.productIds.includes(productId)) return false
    return maySee(m.permissions, entityType)
  }
}

// SQL for the email outbox, the notifications it mails, digests, and address changes.
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, single } from '../../../db/query'
import {
  emailChanges,
  emails,
  instanceSettings,
  notificationSettings,
  notifications,
  users,
} from '../../../db/schema'
import type { EmailStatus } from '../../../domain/vocabulary'

export type EmailRow = typeof emails.$inferSelect
export type EmailInsert = typeof emails.$inferInsert

/** An address change whose link still works: not used, not expired. */
const openChange = (nowIso: string) => and(isNull(emailChanges.usedAt), gt(emailChanges.expiresAt, nowIso))

export const emailRepo = {
  /** Queues emails; one whose batch key is already pending is left out (it will say this too). */
  async enqueue(db: Db, values: EmailInsert[]) {
    if (values.length === 0) return
    await db.insert(emails).values(values).onConflictDoNothing()
  },

  /** Pending emails due by `nowIso` (a claim whose lease ended counts), oldest first. */
  async due(db: Db, nowIso: string, limit: number) {
    return db
      .select({ id: emails.id, nextAttemptAt: emails.nextAttemptAt })
      .from(emails)
      .where(and(eq(emails.status, 'pending'), lte(emails.nextAttemptAt, nowIso)))
      .orderBy(asc(emails.nextAttemptAt), asc(emails.id))
      .limit(limit)
  },

  /** The soonest time a pending email falls due, if any. */
  async nextDue(db: Db) {
    const row = await first(
      db
        .select({ at: sql<string | null>`min(${emails.nextAttemptAt})` })
        .from(emails)
        .where(eq(emails.status, 'pending')),
    )
    return row?.at ?? null
  },

  /** Takes an email for one attempt, unless another process took it first (its due time moved). */
  async claim(db: Db, id: number, expected: string, leaseUntil: string) {
    return first(
      db
        .update(emails)
        .set({ nextAttemptAt: leaseUntil })
        .where(and(eq(emails.id, id), eq(emails.status, 'pending'), eq(emails.nextAttemptAt, expected)))
        .returning(),
    )
  },

  async update(db: Db, id: number, values: Partial<EmailInsert>) {
    await db.update(emails).set(values).where(eq(emails.id, id))
  },

  async byId(db: Db, id: number) {
    return first(db.select().from(emails).where(eq(emails.id, id)))
  },

  /** The outbox for the instance's owners: newest first, by status. */
  async list(db: Db, statuses: readonly EmailStatus[], limit: number, beforeId?: number) {
    return db
      .select({
        id: emails.id,
        kind: emails.kind,
        toAddress: emails.toAddress,
        subject: emails.subject,
        status: emails.status,
        attempts: emails.attempts,
        error: emails.error,
        createdAt: emails.createdAt,
        lastAttemptAt: emails.lastAttemptAt,
        nextAttemptAt: emails.nextAttemptAt,
        sentAt: emails.sentAt,
      })
      .from(emails)
      .where(
        and(
          inArray(emails.status, [...statuses]),
          beforeId === undefined ? undefined : sql`${emails.id} < ${beforeId}`,
        ),
      )
      .orderBy(desc(emails.id))
      .limit(limit)
  },

  async countByStatus(db: Db) {
    const rows = await db
      .select({ status: emails.status, n: sql<number>`count(*)` })
      .from(emails)
      .groupBy(emails.status)
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Partial<
      Record<EmailStatus, number>
    >
  },

  /** Forgets sent and skipped emails older than `beforeIso` (failed ones stay for the owners to see). */
  async prune(db: Db, beforeIso: string) {
    await db
      .delete(emails)
      .where(and(inArray(emails.status, ['sent', 'skipped']), sql`${emails.createdAt} < ${beforeIso}`))
  },

  async markMailed(db: Db, ids: readonly number[], nowIso: string) {
    if (ids.length === 0) return
    await db
      .update(notifications)
      .set({ mailedAt: nowIso })
      .where(inArray(notifications.id, [...ids]))
  },

  /** Notifications of one item for one person still waiting for an email (made during the last send). */
  async waitingForEmail(db: Db, userId: number, workspaceId: number, entityType: string, entityId: number) {
    const row = await first(
      db
        .select({ id: notifications.id })
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            eq(notifications.workspaceId, workspaceId),
            eq(notifications.entityType, entityType),
            eq(notifications.entityId, entityId),
            eq(notifications.channel, 'email'),
            isNull(notifications.mailedAt),
            isNull(notifications.readAt),
          ),
        )
        .limit(1),
    )
    return row !== undefined
  },

  /** People with digest notifications waiting, their hour, their time zone and the last digest's date. */
  async digestCandidates(db: Db, sinceIso: string) {
    return db
      .select({
        userId: users.id,
        email: users.email,
        language: users.language,
        timeZone: users.timeZone,
        digestHour: notificationSettings.digestHour,
        lastDigestOn: notificationSettings.lastDigestOn,
        /** The oldest notification waiting for a digest. */
        oldest: sql<string>`(select min(n.created_at) from ${notifications} n where n.user_id = ${users.id}
          and n.channel = 'digest' and n.mailed_at is null and n.read_at is null and n.archived_at is null
          and n.created_at >= ${sinceIso})`,
      })
      .from(users)
      .innerJoin(notificationSettings, eq(notificationSettings.userId, users.id))
      .where(
        sql`${users.deactivatedAt} is null and exists (select 1 from ${notifications} n where n.user_id = ${users.id}
          and n.channel = 'digest' and n.mailed_at is null and n.read_at is null and n.archived_at is null
          and n.created_at >= ${sinceIso})`,
      )
  },

  /** Claims today's digest for a person: false when one was made already on `date`. */
  async claimDigestDay(db: Db, userId: number, date: string) {
    const rows = await db
      .update(notificationSettings)
      .set({ lastDigestOn: date })
      .where(
        and(
          eq(notificationSettings.userId, userId),
          or(isNull(notificationSettings.lastDigestOn), sql`${notificationSettings.lastDigestOn} < ${date}`),
        ),
      )
      .returning({ userId: notificationSettings.userId })
    return rows.length > 0
  },

  /** The workspaces where a person has unmailed notifications of a channel. */
  async workspacesWaiting(db: Db, userId: number, channel: 'email' | 'digest', sinceIso: string) {
    const rows = await db
      .selectDistinct({ workspaceId: notifications.workspaceId })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, userId),
          eq(notifications.channel, channel),
          isNull(notifications.mailedAt),
          gt(notifications.createdAt, sinceIso),
        ),
      )
    return rows.map((r) => r.workspaceId)
  },

  /** The key that signs unsubscribe links, if it was made. */
  async signingKey(db: Db) {
    const row = await first(
      db
        .select({ key: instanceSettings.signingKey })
        .from(instanceSettings)
        .where(eq(instanceSettings.id, 1)),
    )
    return row?.key ?? null
  },

  /** Makes the key unless there is one (the first of two racing processes wins), and answers the key. */
  async makeSigningKey(db: Db, fresh: string) {
    await db
      .update(instanceSettings)
      .set({ signingKey: fresh })
      .where(and(eq(instanceSettings.id, 1), isNull(instanceSettings.signingKey)))
    return (await emailRepo.signingKey(db)) ?? fresh
  },

  // --- address changes

  async insertChange(db: Db, values: typeof emailChanges.$inferInsert) {
    return single(db.insert(emailChanges).values(values).returning())
  },

  async liveChange(db: Db, tokenHash: string, nowIso: string) {
    return first(
      db
        .select()
        .from(emailChanges)
        .where(and(eq(emailChanges.tokenHash, tokenHash), openChange(nowIso))),
    )
  },

  /** The new address a person asked for and has not confirmed yet (the latest open link), if any. */
  async pendingChange(db: Db, userId: number, nowIso: string) {
    const row = await first(
      db
        .select({ newEmail: emailChanges.newEmail })
        .from(emailChanges)
        .where(and(eq(emailChanges.userId, userId), openChange(nowIso)))
        .orderBy(desc(emailChanges.id))
        .limit(1),
    )
    return row?.newEmail ?? null
  },

  /** Closes every open change of a person's address (one used, or a newer one asked for). */
  async closeChanges(db: Db, userId: number, nowIso: string) {
    await db
      .update(emailChanges)
      .set({ usedAt: nowIso })
      .where(and(eq(emailChanges.userId, userId), isNull(emailChanges.usedAt)))
  },
}

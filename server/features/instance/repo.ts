// SQL for the instance itself: its settings, its owners, accounts and password reset links.
import { and, asc, count, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, single } from '../../../db/query'
import { instanceSettings, members, passwordResets, users } from '../../../db/schema'
import { sqlIncrement, updateVersioned } from '../../lib/sql'
import { emailLanguage } from '../auth/repo'

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  instanceOwner: users.instanceOwner,
  createdAt: users.createdAt,
}

export const instanceRepo = {
  async settings(db: Db) {
    const row = await first(db.select().from(instanceSettings).where(eq(instanceSettings.id, 1)))
    return row ?? { id: 1, workspaceCreation: 'owners', version: 1 }
  },

  async updateSettings(db: Db, values: { workspaceCreation?: string }) {
    return single(
      db
        .insert(instanceSettings)
        .values({ id: 1, ...values })
        .onConflictDoUpdate({
          target: instanceSettings.id,
          set: { ...values, version: sqlIncrement(instanceSettings.version) },
        })
        .returning(),
    )
  },

  async isInstanceOwner(db: Db, userId: number): Promise<boolean> {
    const row = await first(db.select({ owner: users.instanceOwner }).from(users).where(eq(users.id, userId)))
    return row?.owner ?? false
  },

  async ownerCount(db: Db): Promise<number> {
    return (await first(db.select({ n: count() }).from(users).where(eq(users.instanceOwner, true))))?.n ?? 0
  },

  async accounts(db: Db) {
    return db
      .select({ ...accountColumns, workspaces: count(members.id) })
      .from(users)
      .leftJoin(members, eq(members.userId, users.id))
      .groupBy(users.id)
      .orderBy(asc(users.id))
  },

  async account(db: Db, userId: number) {
    return first(
      db
        .select({ ...accountColumns, emailLanguage })
        .from(users)
        .where(eq(users.id, userId)),
    )
  },

  async setInstanceOwner(db: Db, userId: number, instanceOwner: boolean) {
    await db.update(users).set({ instanceOwner }).where(eq(users.id, userId))
  },

  async setPassword(db: Db, userId: number, passwordHash: string) {
    await updateVersioned(db, users, userId, { passwordHash })
  },

  async insertReset(db: Db, values: typeof passwordResets.$inferInsert) {
    return single(db.insert(passwordResets).values(values).returning())
  },

  /** The unused, unexpired reset link with this token hash, with its account. */
  async liveReset(db: Db, tokenHash: string, nowIso: string) {
    return first(
      db
        .select({
          id: passwordResets.id,
          userId: users.id,
          email: users.email,
          expiresAt: passwordResets.expiresAt,
        })
        .from(passwordResets)
        .innerJoin(users, eq(users.id, passwordResets.userId))
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, nowIso),
          ),
        ),
    )
  },

  /** Marks every open link of the account used: one reset ends them all. */
  async closeResetsOf(db: Db, userId: number, nowIso: string) {
    await db
      .update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
  },
}

// SQL for the instance itself: its settings, its owners, accounts and password reset links.
import { and, asc, count, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { instanceSettings, members, passwordResets, users } from '../../../db/schema'
import { sqlIncrement, updateVersioned } from '../../lib/sql'

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  instanceOwner: users.instanceOwner,
  createdAt: users.createdAt,
}

export const instanceRepo = {
  settings(db: Db) {
    const row = db.select().from(instanceSettings).where(eq(instanceSettings.id, 1)).get()
    return row ?? { id: 1, workspaceCreation: 'owners', version: 1 }
  },

  updateSettings(db: Db, values: { workspaceCreation?: string }) {
    return db
      .insert(instanceSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({
        target: instanceSettings.id,
        set: { ...values, version: sqlIncrement(instanceSettings.version) },
      })
      .returning()
      .get()
  },

  isInstanceOwner(db: Db, userId: number): boolean {
    return (
      db.select({ owner: users.instanceOwner }).from(users).where(eq(users.id, userId)).get()?.owner ?? false
    )
  },

  ownerCount(db: Db): number {
    return db.select({ n: count() }).from(users).where(eq(users.instanceOwner, true)).get()?.n ?? 0
  },

  accounts(db: Db) {
    return db
      .select({ ...accountColumns, workspaces: count(members.id) })
      .from(users)
      .leftJoin(members, eq(members.userId, users.id))
      .groupBy(users.id)
      .orderBy(asc(users.id))
      .all()
  },

  account(db: Db, userId: number) {
    return db.select(accountColumns).from(users).where(eq(users.id, userId)).get()
  },

  setInstanceOwner(db: Db, userId: number, instanceOwner: boolean) {
    db.update(users).set({ instanceOwner }).where(eq(users.id, userId)).run()
  },

  setPassword(db: Db, userId: number, passwordHash: string) {
    updateVersioned(db, users, userId, { passwordHash })
  },

  insertReset(db: Db, values: typeof passwordResets.$inferInsert) {
    return db.insert(passwordResets).values(values).returning().get()
  },

  /** The unused, unexpired reset link with this token hash, with its account. */
  liveReset(db: Db, tokenHash: string, nowIso: string) {
    return db
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
      )
      .get()
  },

  /** Marks every open link of the account used: one reset ends them all. */
  closeResetsOf(db: Db, userId: number, nowIso: string) {
    db.update(passwordResets)
      .set({ usedAt: nowIso })
      .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
      .run()
  },
}

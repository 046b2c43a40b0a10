// SQL for the instance itself: its settings, its owners, accounts and password reset links.
import { and, asc, count, eq, gt, isNull, max, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, single } from '../../../db/query'
import {
  instanceSettings,
  members,
  passwordResets,
  products,
  roles,
  sessions,
  users,
  workspaces,
} from '../../../db/schema'
import { sqlIncrement, updateVersioned } from '../../lib/sql'
import { emailLanguage } from '../auth/repo'

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  instanceOwner: users.instanceOwner,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
}

export const instanceRepo = {
  async settings(db: Db) {
    const row = await first(db.select().from(instanceSettings).where(eq(instanceSettings.id, 1)))
    return (
      row ?? {
        id: 1,
        workspaceCreation: 'owners',
        auditRetentionDays: 365,
        requireTwoFactor: false,
        passwordSignIn: true,
        version: 1,
      }
    )
  },

  async updateSettings(
    db: Db,
    values: {
      workspaceCreation?: string
      auditRetentionDays?: number
      requireTwoFactor?: boolean
      passwordSignIn?: boolean
    },
  ) {
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

  /** Instance owners who can still sign in. */
  async ownerCount(db: Db): Promise<number> {
    const active = and(eq(users.instanceOwner, true), isNull(users.deactivatedAt))
    return (await first(db.select({ n: count() }).from(users).where(active)))?.n ?? 0
  },

  async accounts(db: Db) {
    const lastSeen = db
      .select({
        userId: sessions.userId,
        at: max(sql`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})`).as('at'),
      })
      .from(sessions)
      .groupBy(sessions.userId)
      .as('last_seen')
    return db
      .select({
        ...accountColumns,
        workspaces: count(members.id),
        lastSeenAt: sql<string | null>`max(${lastSeen.at})`,
      })
      .from(users)
      .leftJoin(members, eq(members.userId, users.id))
      .leftJoin(lastSeen, eq(lastSeen.userId, users.id))
      .groupBy(users.id)
      .orderBy(asc(users.id))
  },

  /** Every workspace with its member count, its roles and its products (for instance owners' rules). */
  async workspaces(db: Db) {
    const list = await db
      .select({
        id: workspaces.id,
        name: workspaces.name,
        createdAt: workspaces.createdAt,
        members: count(members.id),
      })
      .from(workspaces)
      .leftJoin(members, eq(members.workspaceId, workspaces.id))
      .groupBy(workspaces.id)
      .orderBy(asc(workspaces.id))
    const allRoles = await db
      .select({ id: roles.id, workspaceId: roles.workspaceId, name: roles.name, builtIn: roles.builtIn })
      .from(roles)
      .orderBy(asc(roles.id))
    const allProducts = await db
      .select({ id: products.id, workspaceId: products.workspaceId, key: products.key, name: products.name })
      .from(products)
      .orderBy(asc(products.id))
    return list.map((w) => ({
      ...w,
      roles: allRoles.filter((r) => r.workspaceId === w.id).map(({ workspaceId: _, ...r }) => r),
      products: allProducts.filter((p) => p.workspaceId === w.id).map(({ workspaceId: _, ...p }) => p),
    }))
  },

  /** Deactivates an account (now) or brings it back (null). */
  async setDeactivated(db: Db, userId: number, at: string | null) {
    await updateVersioned(db, users, userId, { deactivatedAt: at })
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

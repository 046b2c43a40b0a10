// SQL for SCIM: its tokens, the people a directory provisioned (accounts with an identity at its provider),
// and the groups it pushed with their members.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { changes, first, single } from '../../../db/query'
import { scimGroupMembers, scimGroups, scimTokens, userIdentities, users } from '../../../db/schema'

const person = {
  id: users.id,
  email: users.email,
  name: users.name,
  deactivatedAt: users.deactivatedAt,
  createdAt: users.createdAt,
  version: users.version,
  externalId: userIdentities.externalId,
}

export type ScimPersonRow = Awaited<ReturnType<typeof scimRepo.person>> & {}

export const scimRepo = {
  async tokenByHash(db: Db, tokenHash: string) {
    return first(db.select().from(scimTokens).where(eq(scimTokens.tokenHash, tokenHash)))
  },
  async touchToken(db: Db, id: number, at: string) {
    await db.update(scimTokens).set({ lastUsedAt: at }).where(eq(scimTokens.id, id))
  },
  async tokensOf(db: Db, providerId: number) {
    return db
      .select({
        id: scimTokens.id,
        name: scimTokens.name,
        prefix: scimTokens.prefix,
        createdAt: scimTokens.createdAt,
        lastUsedAt: scimTokens.lastUsedAt,
      })
      .from(scimTokens)
      .where(eq(scimTokens.providerId, providerId))
      .orderBy(asc(scimTokens.id))
  },
  async insertToken(db: Db, values: typeof scimTokens.$inferInsert) {
    return single(db.insert(scimTokens).values(values).returning())
  },
  async deleteToken(db: Db, id: number) {
    return first(db.delete(scimTokens).where(eq(scimTokens.id, id)).returning())
  },

  /** One person of the provider (an account with an identity there). */
  async person(db: Db, providerId: number, userId: number) {
    return first(
      db
        .select(person)
        .from(users)
        .innerJoin(
          userIdentities,
          and(eq(userIdentities.userId, users.id), eq(userIdentities.providerId, providerId)),
        )
        .where(eq(users.id, userId))
        .limit(1),
    )
  },

  /** The provider's people, optionally one by email or by the directory's id, a page at a time. */
  async people(
    db: Db,
    providerId: number,
    filter: { email?: string; externalId?: string },
    offset: number,
    limit: number,
  ) {
    const where = and(
      eq(userIdentities.providerId, providerId),
      filter.email === undefined ? undefined : sql`lower(${users.email}) = ${filter.email.toLowerCase()}`,
      filter.externalId === undefined ? undefined : eq(userIdentities.externalId, filter.externalId),
    )
    const from = () =>
      db.select(person).from(users).innerJoin(userIdentities, eq(userIdentities.userId, users.id))
    const [total] = await db
      .select({ n: count() })
      .from(users)
      .innerJoin(userIdentities, eq(userIdentities.userId, users.id))
      .where(where)
    const items = await from().where(where).orderBy(asc(users.id)).offset(offset).limit(limit)
    return { total: total?.n ?? 0, items }
  },

  async setExternalId(db: Db, providerId: number, userId: number, externalId: string | null) {
    await db
      .update(userIdentities)
      .set({ externalId })
      .where(and(eq(userIdentities.providerId, providerId), eq(userIdentities.userId, userId)))
  },

  /** Ends the provider's hold on an account (its identities there); the account stays. */
  async unlink(db: Db, providerId: number, userId: number) {
    await db
      .delete(userIdentities)
      .where(and(eq(userIdentities.providerId, providerId), eq(userIdentities.userId, userId)))
    await db
      .delete(scimGroupMembers)
      .where(
        and(
          eq(scimGroupMembers.userId, userId),
          inArray(
            scimGroupMembers.groupId,
            db.select({ id: scimGroups.id }).from(scimGroups).where(eq(scimGroups.providerId, providerId)),
          ),
        ),
      )
  },

  async group(db: Db, providerId: number, id: number) {
    return first(
      db
        .select()
        .from(scimGroups)
        .where(and(eq(scimGroups.providerId, providerId), eq(scimGroups.id, id))),
    )
  },
  async groups(db: Db, providerId: number, displayName: string | undefined, offset: number, limit: number) {
    const where = and(
      eq(scimGroups.providerId, providerId),
      displayName === undefined ? undefined : eq(scimGroups.displayName, displayName),
    )
    const [total] = await db.select({ n: count() }).from(scimGroups).where(where)
    const items = await db
      .select()
      .from(scimGroups)
      .where(where)
      .orderBy(asc(scimGroups.id))
      .offset(offset)
      .limit(limit)
    return { total: total?.n ?? 0, items }
  },
  async insertGroup(db: Db, values: typeof scimGroups.$inferInsert) {
    return single(db.insert(scimGroups).values(values).returning())
  },
  async updateGroup(db: Db, id: number, values: { displayName?: string; externalId?: string | null }) {
    await db.update(scimGroups).set(values).where(eq(scimGroups.id, id))
  },
  async deleteGroup(db: Db, id: number) {
    return changes(await db.delete(scimGroups).where(eq(scimGroups.id, id))) > 0
  },
  async members(db: Db, groupIds: readonly number[]) {
    if (groupIds.length === 0) return []
    return db
      .select({ groupId: scimGroupMembers.groupId, userId: users.id, email: users.email })
      .from(scimGroupMembers)
      .innerJoin(users, eq(users.id, scimGroupMembers.userId))
      .where(inArray(scimGroupMembers.groupId, [...groupIds]))
      .orderBy(asc(users.id))
  },
  async addMembers(db: Db, groupId: number, userIds: readonly number[]) {
    if (userIds.length === 0) return
    await db
      .insert(scimGroupMembers)
      .values(userIds.map((userId) => ({ groupId, userId })))
      .onConflictDoNothing()
  },
  async removeMembers(db: Db, groupId: number, userIds: readonly number[] | 'all') {
    await db
      .delete(scimGroupMembers)
      .where(
        and(
          eq(scimGroupMembers.groupId, groupId),
          userIds === 'all' ? undefined : inArray(scimGroupMembers.userId, [...userIds]),
        ),
      )
  },
  /** The names of the provider's groups a person is in. */
  async groupNamesOf(db: Db, providerId: number, userId: number) {
    const rows = await db
      .select({ name: scimGroups.displayName })
      .from(scimGroupMembers)
      .innerJoin(scimGroups, eq(scimGroups.id, scimGroupMembers.groupId))
      .where(and(eq(scimGroupMembers.userId, userId), eq(scimGroups.providerId, providerId)))
    return rows.map((r) => r.name)
  },
}

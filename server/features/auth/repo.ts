// SQL for users, sessions and API tokens.
import { and, count, desc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { prepared } from '../../../db/prepared'
import { changes, first, single } from '../../../db/query'
import { apiTokens, instanceSettings, sessions, users } from '../../../db/schema'
import { updateVersioned } from '../../lib/sql'

// Every authenticated request (and every SSE delivery) runs one of these: prepared once.
const sessionByTokenHashQuery = (db: Db) =>
  db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
      user: { id: users.id, email: users.email, name: users.name },
      mustSetUpTwoFactor:
        sql<boolean>`coalesce((select ${instanceSettings.requireTwoFactor} from ${instanceSettings} where ${instanceSettings.id} = 1), false) and ${users.totpEnabledAt} is null and ${sessions.method} <> 'oidc'`.mapWith(
          Boolean,
        ),
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        isNull(users.deactivatedAt),
      ),
    )
    .prepare()

const tokenByHashQuery = (db: Db) =>
  db
    .select({
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      user: { id: users.id, email: users.email, name: users.name },
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(users.deactivatedAt)))
    .prepare()

/** The language of an account's emails: the one it chose, else its browser's (null: English). */
export const emailLanguage = sql<string | null>`coalesce(${users.language}, ${users.browserLanguage})`

export const authRepo = {
  async userCount(db: Db): Promise<number> {
    return (await first(db.select({ n: count() }).from(users)))?.n ?? 0
  },

  async userByEmail(db: Db, email: string) {
    return first(db.select().from(users).where(eq(users.email, email)))
  },

  async userById(db: Db, id: number) {
    return first(
      db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, id)),
    )
  },

  /** The email address of each of these users who can still sign in (deactivated accounts get no email). */
  async emailsOf(db: Db, ids: readonly number[]) {
    if (ids.length === 0) return new Map<number, string>()
    const rows = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(inArray(users.id, [...ids]), isNull(users.deactivatedAt)))
    return new Map(rows.map((r) => [r.id, r.email]))
  },

  async setEmail(db: Db, userId: number, email: string) {
    return updateVersioned(db, users, userId, { email })
  },

  async insertUser(db: Db, values: typeof users.$inferInsert) {
    return single(
      db.insert(users).values(values).returning({ id: users.id, email: users.email, name: users.name }),
    )
  },

  async insertSession(db: Db, values: typeof sessions.$inferInsert) {
    return single(db.insert(sessions).values(values).returning({ id: sessions.id }))
  },

  /** The live session for a token hash with its user, or undefined. */
  async sessionByTokenHash(db: Db, tokenHash: string, nowIso: string) {
    return first(prepared(db, sessionByTokenHashQuery).execute({ tokenHash, now: nowIso }))
  },

  async extendSession(db: Db, sessionId: number, expiresAt: string, lastUsedAt: string) {
    await db.update(sessions).set({ expiresAt, lastUsedAt }).where(eq(sessions.id, sessionId))
  },

  /** An account's live sessions, the most recently used first. */
  async sessionsOf(db: Db, userId: number, nowIso: string) {
    return db
      .select({
        id: sessions.id,
        userAgent: sessions.userAgent,
        address: sessions.address,
        createdAt: sessions.createdAt,
        lastUsedAt: sessions.lastUsedAt,
      })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, nowIso)))
      .orderBy(desc(sql`coalesce(${sessions.lastUsedAt}, ${sessions.createdAt})`), desc(sessions.id))
  },

  /** Ends one of the account's own sessions; false when it has no such session. */
  async deleteOwnSession(db: Db, userId: number, sessionId: number): Promise<boolean> {
    const result = await db
      .delete(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    return changes(result) > 0
  },

  /** Ends every session of the account, but the one given if any (a password change keeps its own). */
  async endSessions(db: Db, userId: number, keepSessionId?: number) {
    const others = keepSessionId === undefined ? undefined : ne(sessions.id, keepSessionId)
    await db.delete(sessions).where(and(eq(sessions.userId, userId), others))
  },

  /** Records the language of the browser an account signed in with, when it changed. */
  async setBrowserLanguage(db: Db, userId: number, language: string) {
    await db
      .update(users)
      .set({ browserLanguage: language })
      .where(
        and(eq(users.id, userId), or(isNull(users.browserLanguage), ne(users.browserLanguage, language))),
      )
  },

  async profile(db: Db, userId: number) {
    return first(
      db
        .select({
          language: users.language,
          emailLanguage: emailLanguage,
          timeZone: users.timeZone,
          passwordHash: users.passwordHash,
        })
        .from(users)
        .where(eq(users.id, userId)),
    )
  },

  updateProfile(
    db: Db,
    userId: number,
    values: { name?: string; language?: string | null; timeZone?: string | null },
  ) {
    return updateVersioned(db, users, userId, values)
  },

  async deleteSession(db: Db, sessionId: number) {
    await db.delete(sessions).where(eq(sessions.id, sessionId))
  },

  async tokenByHash(db: Db, tokenHash: string) {
    return first(prepared(db, tokenByHashQuery).execute({ tokenHash }))
  },

  async touchToken(db: Db, tokenId: number, at: string) {
    await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, tokenId))
  },

  async insertToken(db: Db, values: typeof apiTokens.$inferInsert) {
    return single(
      db.insert(apiTokens).values(values).returning({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        createdAt: apiTokens.createdAt,
      }),
    )
  },

  async tokensOf(db: Db, userId: number) {
    return db
      .select({
        id: apiTokens.id,
        name: apiTokens.name,
        prefix: apiTokens.prefix,
        createdAt: apiTokens.createdAt,
        lastUsedAt: apiTokens.lastUsedAt,
      })
      .from(apiTokens)
      .where(eq(apiTokens.userId, userId))
      .orderBy(apiTokens.id)
  },

  /** Revokes every API token of the account. */
  async deleteTokensOf(db: Db, userId: number) {
    await db.delete(apiTokens).where(eq(apiTokens.userId, userId))
  },

  /** Revokes one of the account's tokens: what it was, or undefined when it has no such token. */
  async deleteToken(db: Db, userId: number, tokenId: number) {
    return first(
      db
        .delete(apiTokens)
        .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
        .returning({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix }),
    )
  },
}

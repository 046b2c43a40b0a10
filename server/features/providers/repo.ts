// SQL for sign-in providers, the identities accounts have at them, and single sign-ons in progress.
import { and, asc, eq, lt } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { changes, first, single } from '../../../db/query'
import { oidcLogins, signInProviders, userIdentities, users } from '../../../db/schema'
import { updateVersioned } from '../../lib/sql'

export type ProviderRow = typeof signInProviders.$inferSelect

export const providerRepo = {
  async all(db: Db): Promise<ProviderRow[]> {
    return db.select().from(signInProviders).orderBy(asc(signInProviders.id))
  },

  async byId(db: Db, id: number) {
    return first(db.select().from(signInProviders).where(eq(signInProviders.id, id)))
  },

  async bySlug(db: Db, slug: string) {
    return first(db.select().from(signInProviders).where(eq(signInProviders.slug, slug)))
  },

  async insert(db: Db, values: typeof signInProviders.$inferInsert) {
    return single(db.insert(signInProviders).values(values).returning())
  },

  async update(db: Db, id: number, values: Partial<typeof signInProviders.$inferInsert>) {
    return updateVersioned(db, signInProviders, id, values)
  },

  async delete(db: Db, id: number): Promise<boolean> {
    return changes(await db.delete(signInProviders).where(eq(signInProviders.id, id))) > 0
  },

  /** The account behind a provider's subject, if one signed in with it before. */
  async identity(db: Db, providerId: number, subject: string) {
    return first(
      db
        .select({
          identityId: userIdentities.id,
          id: users.id,
          email: users.email,
          name: users.name,
          deactivatedAt: users.deactivatedAt,
        })
        .from(userIdentities)
        .innerJoin(users, eq(users.id, userIdentities.userId))
        .where(and(eq(userIdentities.providerId, providerId), eq(userIdentities.subject, subject))),
    )
  },

  async insertIdentity(db: Db, values: typeof userIdentities.$inferInsert) {
    await db.insert(userIdentities).values(values)
  },

  async touchIdentity(db: Db, identityId: number, at: string) {
    await db.update(userIdentities).set({ lastSignInAt: at }).where(eq(userIdentities.id, identityId))
  },

  /** The providers an account has signed in with. */
  async identitiesOf(db: Db, userId: number) {
    return db
      .select({
        providerId: signInProviders.id,
        name: signInProviders.name,
        type: signInProviders.type,
        createdAt: userIdentities.createdAt,
        lastSignInAt: userIdentities.lastSignInAt,
      })
      .from(userIdentities)
      .innerJoin(signInProviders, eq(signInProviders.id, userIdentities.providerId))
      .where(eq(userIdentities.userId, userId))
      .orderBy(asc(userIdentities.id))
  },

  async insertLogin(db: Db, values: typeof oidcLogins.$inferInsert) {
    // Sign-ons nobody finished leave with the next one.
    await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, values.createdAt))
    await db.insert(oidcLogins).values(values)
  },

  /** Takes the sign-on the browser started (it works once), if it has not expired. */
  async takeLogin(db: Db, browserHash: string, nowIso: string) {
    const row = await first(db.delete(oidcLogins).where(eq(oidcLogins.browserHash, browserHash)).returning())
    return row && row.expiresAt > nowIso ? row : undefined
  },
}

// SQL for two-factor authentication: the TOTP secret on the account, recovery codes, the step between
// password and code (login challenges), and trusted browsers.
import { and, count, eq, gt, isNull, lt } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { changes, first } from '../../../db/query'
import { loginChallenges, recoveryCodes, trustedDevices, users } from '../../../db/schema'

export const twoFactorRepo = {
  async state(db: Db, userId: number) {
    return first(
      db
        .select({
          secret: users.totpSecret,
          enabledAt: users.totpEnabledAt,
          lastStep: users.totpLastStep,
          pendingSecret: users.totpPendingSecret,
          email: users.email,
        })
        .from(users)
        .where(eq(users.id, userId)),
    )
  },

  async setPendingSecret(db: Db, userId: number, secret: string | null) {
    await db.update(users).set({ totpPendingSecret: secret }).where(eq(users.id, userId))
  },

  async enable(db: Db, userId: number, secret: string, step: number, at: string) {
    await db
      .update(users)
      .set({ totpSecret: secret, totpEnabledAt: at, totpLastStep: step, totpPendingSecret: null })
      .where(eq(users.id, userId))
  },

  async disable(db: Db, userId: number) {
    await db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, totpPendingSecret: null })
      .where(eq(users.id, userId))
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await db.delete(trustedDevices).where(eq(trustedDevices.userId, userId))
  },

  /** Records the time step of an accepted code, if it is later than the last: false when it was used. */
  async useStep(db: Db, userId: number, step: number): Promise<boolean> {
    const result = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), lt(users.totpLastStep, step)))
    return changes(result) > 0
  },

  async replaceRecoveryCodes(db: Db, userId: number, hashes: readonly string[]) {
    await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })))
  },

  /** Marks an unused recovery code used: false when there is none such. */
  async useRecoveryCode(db: Db, userId: number, codeHash: string, at: string): Promise<boolean> {
    const result = await db
      .update(recoveryCodes)
      .set({ usedAt: at })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, codeHash),
          isNull(recoveryCodes.usedAt),
        ),
      )
    return changes(result) > 0
  },

  async recoveryCodesLeft(db: Db, userId: number): Promise<number> {
    const unused = and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt))
    return (await first(db.select({ n: count() }).from(recoveryCodes).where(unused)))?.n ?? 0
  },

  async insertChallenge(db: Db, values: typeof loginChallenges.$inferInsert) {
    await db.insert(loginChallenges).values(values)
  },

  async liveChallenge(db: Db, tokenHash: string, nowIso: string) {
    return first(
      db
        .select({
          id: loginChallenges.id,
          userId: loginChallenges.userId,
          failures: loginChallenges.failures,
          email: users.email,
        })
        .from(loginChallenges)
        .innerJoin(users, eq(users.id, loginChallenges.userId))
        .where(and(eq(loginChallenges.tokenHash, tokenHash), gt(loginChallenges.expiresAt, nowIso))),
    )
  },

  async failChallenge(db: Db, id: number, failures: number) {
    await db.update(loginChallenges).set({ failures }).where(eq(loginChallenges.id, id))
  },

  /** Ends a challenge, and any of the account's that expired. */
  async endChallenge(db: Db, id: number, userId: number, nowIso: string) {
    await db.delete(loginChallenges).where(eq(loginChallenges.id, id))
    await db
      .delete(loginChallenges)
      .where(and(eq(loginChallenges.userId, userId), lt(loginChallenges.expiresAt, nowIso)))
  },

  async insertTrustedDevice(db: Db, values: typeof trustedDevices.$inferInsert) {
    await db.insert(trustedDevices).values(values)
  },

  async isTrusted(db: Db, userId: number, tokenHash: string, nowIso: string): Promise<boolean> {
    const row = await first(
      db
        .select({ id: trustedDevices.id })
        .from(trustedDevices)
        .where(
          and(
            eq(trustedDevices.userId, userId),
            eq(trustedDevices.tokenHash, tokenHash),
            gt(trustedDevices.expiresAt, nowIso),
          ),
        ),
    )
    return row !== undefined
  },

  async forgetDevices(db: Db, userId: number) {
    await db.delete(trustedDevices).where(eq(trustedDevices.userId, userId))
  },
}

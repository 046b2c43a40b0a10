// SQL for the throttle counters (db/schema/platform.ts `throttles`): one row per counted key, its state as
// JSON, dropped once it expires.
import { and, eq, gt, lte } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { first } from '../../db/query'
import { throttles } from '../../db/schema'

export const throttleRepo = {
  async read(db: Db, key: string, nowIso: string): Promise<unknown> {
    const row = await first(
      db
        .select({ state: throttles.state })
        .from(throttles)
        .where(and(eq(throttles.key, key), gt(throttles.expiresAt, nowIso))),
    )
    return row?.state
  },

  async put(db: Db, key: string, state: unknown, expiresAtIso: string): Promise<void> {
    await db
      .insert(throttles)
      .values({ key, state, expiresAt: expiresAtIso })
      .onConflictDoUpdate({ target: throttles.key, set: { state, expiresAt: expiresAtIso } })
  },

  async remove(db: Db, key: string): Promise<void> {
    await db.delete(throttles).where(eq(throttles.key, key))
  },

  /** Drops every counter that has expired (indexed on `expires_at`). */
  async prune(db: Db, nowIso: string): Promise<void> {
    await db.delete(throttles).where(lte(throttles.expiresAt, nowIso))
  },
}

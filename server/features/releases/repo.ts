// SQL for releases (roadmap milestones).
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { releases } from '../../../db/schema'
import { sqlIncrement } from '../../lib/sql'

export type ReleaseRow = typeof releases.$inferSelect

export const releaseRepo = {
  list(db: Db, productId: number) {
    return db
      .select()
      .from(releases)
      .where(eq(releases.productId, productId))
      .orderBy(asc(releases.targetDate), asc(releases.id))
      .all()
  },

  byId(db: Db, workspaceId: number, id: number) {
    return db
      .select()
      .from(releases)
      .where(and(eq(releases.workspaceId, workspaceId), eq(releases.id, id)))
      .get()
  },

  insert(db: Db, values: typeof releases.$inferInsert) {
    return db.insert(releases).values(values).returning().get()
  },

  update(db: Db, id: number, values: Partial<ReleaseRow>) {
    return db
      .update(releases)
      .set({ ...values, version: sqlIncrement(releases.version) })
      .where(eq(releases.id, id))
      .returning()
      .get()
  },

  delete(db: Db, id: number) {
    db.delete(releases).where(eq(releases.id, id)).run()
  },
}

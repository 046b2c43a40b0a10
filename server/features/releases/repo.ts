// SQL for releases (roadmap milestones).
import { asc, eq, getTableColumns } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { iterations, releases, requirements } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

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

  /** The releases of a product with how many requirements and iterations name each (what deleting it moves). */
  listWithWork(db: Db, productId: number) {
    return db
      .select({
        ...getTableColumns(releases),
        requirementCount: db.$count(requirements, eq(requirements.releaseId, releases.id)),
        iterationCount: db.$count(iterations, eq(iterations.releaseId, releases.id)),
      })
      .from(releases)
      .where(eq(releases.productId, productId))
      .orderBy(asc(releases.targetDate), asc(releases.id))
      .all()
  },

  byId: workspaceRowById(releases),

  insert(db: Db, values: typeof releases.$inferInsert) {
    return db.insert(releases).values(values).returning().get()
  },

  update(db: Db, id: number, values: Partial<ReleaseRow>) {
    return updateVersioned(db, releases, id, values)
  },

  delete(db: Db, id: number) {
    db.delete(releases).where(eq(releases.id, id)).run()
  },
}

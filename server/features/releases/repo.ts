// SQL for releases (roadmap milestones).
import { asc, eq, getTableColumns } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { iterations, releases, requirements } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type ReleaseRow = typeof releases.$inferSelect

export const releaseRepo = {
  async list(db: Db, productId: number) {
    return await db
      .select()
      .from(releases)
      .where(eq(releases.productId, productId))
      .orderBy(asc(releases.targetDate), asc(releases.id))
  },

  /** The releases of a product with how many requirements and iterations name each (what deleting it moves). */
  async listWithWork(db: Db, productId: number) {
    return await db
      .select({
        ...getTableColumns(releases),
        requirementCount: db.$count(requirements, eq(requirements.releaseId, releases.id)),
        iterationCount: db.$count(iterations, eq(iterations.releaseId, releases.id)),
      })
      .from(releases)
      .where(eq(releases.productId, productId))
      .orderBy(asc(releases.targetDate), asc(releases.id))
  },

  byId: workspaceRowById(releases),

  async insert(db: Db, values: typeof releases.$inferInsert) {
    const [row] = await db.insert(releases).values(values).returning()
    return row!
  },

  update(db: Db, id: number, values: Partial<ReleaseRow>) {
    return updateVersioned(db, releases, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(releases).where(eq(releases.id, id))
  },
}

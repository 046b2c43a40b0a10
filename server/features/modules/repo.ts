// SQL for the module tree of a product.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { modules } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type ModuleRow = typeof modules.$inferSelect

export const moduleRepo = {
  async list(db: Db, productId: number) {
    return await db
      .select()
      .from(modules)
      .where(eq(modules.productId, productId))
      .orderBy(asc(modules.name), asc(modules.id))
  },

  byId: workspaceRowById(modules),

  async insert(db: Db, values: typeof modules.$inferInsert) {
    const [row] = await db.insert(modules).values(values).returning()
    return row!
  },

  update(db: Db, id: number, values: { name?: string; parentId?: number | null }) {
    return updateVersioned(db, modules, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(modules).where(eq(modules.id, id))
  },
}

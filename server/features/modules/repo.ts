// SQL for the module tree of a product.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { modules } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type ModuleRow = typeof modules.$inferSelect

export const moduleRepo = {
  list(db: Db, productId: number) {
    return db
      .select()
      .from(modules)
      .where(eq(modules.productId, productId))
      .orderBy(asc(modules.name), asc(modules.id))
      .all()
  },

  byId: workspaceRowById(modules),

  insert(db: Db, values: typeof modules.$inferInsert) {
    return db.insert(modules).values(values).returning().get()
  },

  update(db: Db, id: number, values: { name?: string; parentId?: number | null }) {
    return updateVersioned(db, modules, id, values)
  },

  delete(db: Db, id: number) {
    db.delete(modules).where(eq(modules.id, id)).run()
  },
}

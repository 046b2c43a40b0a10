// SQL for the module tree of a product.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { modules } from '../../../db/schema'
import { sqlIncrement } from '../../lib/sql'

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

  byId(db: Db, workspaceId: number, id: number) {
    return db
      .select()
      .from(modules)
      .where(and(eq(modules.workspaceId, workspaceId), eq(modules.id, id)))
      .get()
  },

  insert(db: Db, values: typeof modules.$inferInsert) {
    return db.insert(modules).values(values).returning().get()
  },

  update(db: Db, id: number, values: { name?: string; parentId?: number | null }) {
    return db
      .update(modules)
      .set({ ...values, version: sqlIncrement(modules.version) })
      .where(eq(modules.id, id))
      .returning()
      .get()
  },

  delete(db: Db, id: number) {
    db.delete(modules).where(eq(modules.id, id)).run()
  },
}

// SQL for products.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { products } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type ProductRow = typeof products.$inferSelect

export const productRepo = {
  list(db: Db, workspaceId: number, only: readonly number[] | null) {
    const where = [eq(products.workspaceId, workspaceId)]
    if (only) where.push(inArray(products.id, [...only]))
    return db
      .select()
      .from(products)
      .where(and(...where))
      .orderBy(asc(products.key))
      .all()
  },

  byId: workspaceRowById(products),

  byKey(db: Db, workspaceId: number, key: string) {
    return db
      .select()
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), eq(products.key, key)))
      .get()
  },

  insert(db: Db, values: typeof products.$inferInsert) {
    return db.insert(products).values(values).returning().get()
  },

  update(
    db: Db,
    id: number,
    values: Partial<Pick<ProductRow, 'key' | 'name' | 'description' | 'updatedAt'>>,
  ) {
    return updateVersioned(db, products, id, values)
  },

  delete(db: Db, id: number) {
    db.delete(products).where(eq(products.id, id)).run()
  },
}

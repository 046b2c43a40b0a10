// SQL for products.
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { prepared } from '../../../db/prepared'
import { products } from '../../../db/schema'
import { sqlIncrement } from '../../lib/sql'

export type ProductRow = typeof products.$inferSelect

// Nearly every product-scoped request checks its product: prepared once.
const byIdQuery = (db: Db) =>
  db
    .select()
    .from(products)
    .where(
      and(eq(products.workspaceId, sql.placeholder('workspaceId')), eq(products.id, sql.placeholder('id'))),
    )
    .prepare()

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

  byId(db: Db, workspaceId: number, id: number) {
    return prepared(db, byIdQuery).get({ workspaceId, id })
  },

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
    return db
      .update(products)
      .set({ ...values, version: sqlIncrement(products.version) })
      .where(eq(products.id, id))
      .returning()
      .get()
  },

  delete(db: Db, id: number) {
    db.delete(products).where(eq(products.id, id)).run()
  },
}

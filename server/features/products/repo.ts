// SQL for products.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first } from '../../../db/query'
import { iterations, products, releases, requirements, tasks } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type ProductRow = typeof products.$inferSelect

export const productRepo = {
  async list(db: Db, workspaceId: number, only: readonly number[] | null) {
    const where = [eq(products.workspaceId, workspaceId)]
    if (only) where.push(inArray(products.id, [...only]))
    return await db
      .select()
      .from(products)
      .where(and(...where))
      .orderBy(asc(products.key))
  },

  byId: workspaceRowById(products),

  /** How much work a product holds: what deleting it would take away for good. */
  async contents(db: Db, id: number) {
    return (
      (await first(
        db
          .select({
            requirements: db.$count(requirements, eq(requirements.productId, products.id)),
            tasks: db.$count(tasks, eq(tasks.productId, products.id)),
            iterations: db.$count(iterations, eq(iterations.productId, products.id)),
            releases: db.$count(releases, eq(releases.productId, products.id)),
          })
          .from(products)
          .where(eq(products.id, id)),
      )) ?? { requirements: 0, tasks: 0, iterations: 0, releases: 0 }
    )
  },

  byKey(db: Db, workspaceId: number, key: string) {
    return first(
      db
        .select()
        .from(products)
        .where(and(eq(products.workspaceId, workspaceId), eq(products.key, key))),
    )
  },

  async insert(db: Db, values: typeof products.$inferInsert) {
    const [row] = await db.insert(products).values(values).returning()
    return row!
  },

  update(
    db: Db,
    id: number,
    values: Partial<Pick<ProductRow, 'key' | 'name' | 'description' | 'updatedAt'>>,
  ) {
    return updateVersioned(db, products, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(products).where(eq(products.id, id))
  },
}

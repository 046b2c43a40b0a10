// SQL for customers and the requirements they asked for.
import { and, asc, count, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { customerAsks, customers, products, requirements } from '../../../db/schema'
import { likeContains, updateVersioned, workspaceRowById } from '../../lib/sql'

export type CustomerRow = typeof customers.$inferSelect

export const customerRepo = {
  /** Customers with their ask count, counting only asks on products in `productIds` (null: all). */
  async list(
    db: Db,
    workspaceId: number,
    q: string | undefined,
    industry: string | undefined,
    productIds: readonly number[] | null,
  ) {
    const where: (SQL | undefined)[] = [eq(customers.workspaceId, workspaceId)]
    if (q) where.push(or(likeContains(customers.name, q), likeContains(customers.industry, q)))
    if (industry) where.push(eq(customers.industry, industry))
    return await db
      .select({
        id: customers.id,
        name: customers.name,
        industry: customers.industry,
        tier: customers.tier,
        contractValue: customers.contractValue,
        contact: customers.contact,
        note: customers.note,
        createdAt: customers.createdAt,
        updatedAt: customers.updatedAt,
        version: customers.version,
        askCount: count(requirements.id),
      })
      .from(customers)
      .leftJoin(customerAsks, eq(customerAsks.customerId, customers.id))
      .leftJoin(
        requirements,
        and(
          eq(requirements.id, customerAsks.requirementId),
          productIds ? inArray(requirements.productId, [...productIds]) : undefined,
        ),
      )
      .where(and(...where))
      .groupBy(customers.id)
      .orderBy(asc(customers.name))
  },

  byId: workspaceRowById(customers),

  async insert(db: Db, values: typeof customers.$inferInsert) {
    const [row] = await db.insert(customers).values(values).returning()
    return row!
  },

  update(db: Db, id: number, values: Partial<CustomerRow>) {
    return updateVersioned(db, customers, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(customers).where(eq(customers.id, id))
  },

  /** The customer's asks with their requirement, limited to products the caller may see. */
  async asksOf(db: Db, customerId: number, productIds: readonly number[] | null) {
    const where: SQL[] = [eq(customerAsks.customerId, customerId)]
    if (productIds) where.push(inArray(requirements.productId, [...productIds]))
    return await db
      .select({
        id: customerAsks.id,
        importance: customerAsks.importance,
        note: customerAsks.note,
        askedOn: customerAsks.askedOn,
        promisedDate: customerAsks.promisedDate,
        requirement: {
          id: requirements.id,
          productId: requirements.productId,
          productKey: products.key,
          number: requirements.number,
          title: requirements.title,
          status: requirements.status,
          priority: requirements.priority,
          iterationId: requirements.iterationId,
          releaseId: requirements.releaseId,
          targetDate: requirements.targetDate,
        },
      })
      .from(customerAsks)
      .innerJoin(requirements, eq(requirements.id, customerAsks.requirementId))
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(and(...where))
      .orderBy(asc(requirements.productId), asc(requirements.rank))
  },

  async requirementIdsAskedBy(db: Db, customerId: number): Promise<number[]> {
    const rows = await db
      .select({ id: customerAsks.requirementId })
      .from(customerAsks)
      .where(eq(customerAsks.customerId, customerId))
    return rows.map((r) => r.id)
  },

  /** The products on which this customer asked for something. */
  async productIdsAskedBy(db: Db, customerId: number): Promise<number[]> {
    const rows = await db
      .selectDistinct({ id: requirements.productId })
      .from(customerAsks)
      .innerJoin(requirements, eq(requirements.id, customerAsks.requirementId))
      .where(eq(customerAsks.customerId, customerId))
    return rows.map((r) => r.id)
  },
}

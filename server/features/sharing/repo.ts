// SQL for share links and the customer-narrowed roadmap they show.
import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, single } from '../../../db/query'
import { customerAsks, customers, products, requirements, shareLinks } from '../../../db/schema'
import { itemKey, workspaceRowById } from '../../lib/sql'
import { ROADMAP_STATUSES } from '../roadmap/repo'

export type ShareLinkRow = typeof shareLinks.$inferSelect

export const shareRepo = {
  async insert(db: Db, values: typeof shareLinks.$inferInsert) {
    return single(db.insert(shareLinks).values(values).returning())
  },

  async list(db: Db, workspaceId: number, productIds: readonly number[] | null) {
    const where = [eq(shareLinks.workspaceId, workspaceId)]
    if (productIds) where.push(inArray(shareLinks.productId, [...productIds]))
    return db
      .select({
        id: shareLinks.id,
        productId: shareLinks.productId,
        productKey: products.key,
        customerId: shareLinks.customerId,
        customerName: customers.name,
        showConsidering: shareLinks.showConsidering,
        label: shareLinks.label,
        prefix: shareLinks.prefix,
        createdAt: shareLinks.createdAt,
        expiresAt: shareLinks.expiresAt,
        revokedAt: shareLinks.revokedAt,
      })
      .from(shareLinks)
      .innerJoin(products, eq(products.id, shareLinks.productId))
      .leftJoin(customers, eq(customers.id, shareLinks.customerId))
      .where(and(...where))
      .orderBy(desc(shareLinks.id))
  },

  byId: workspaceRowById(shareLinks),

  async byTokenHash(db: Db, tokenHash: string) {
    return first(db.select().from(shareLinks).where(eq(shareLinks.tokenHash, tokenHash)))
  },

  async revoke(db: Db, id: number, at: string) {
    await db.update(shareLinks).set({ revokedAt: at }).where(eq(shareLinks.id, id))
  },

  /**
   * The requirements one customer asked for in a product, with that customer's own ask: the agreed ones, or
   * every one (also those under consideration and declined).
   */
  async customerRequirements(db: Db, productId: number, customerId: number, every: boolean) {
    return db
      .select({
        id: requirements.id,
        key: itemKey(products.key, requirements.number),
        title: requirements.title,
        status: requirements.status,
        priority: requirements.priority,
        iterationId: requirements.iterationId,
        releaseId: requirements.releaseId,
        targetDate: requirements.targetDate,
        promisedDate: customerAsks.promisedDate,
      })
      .from(customerAsks)
      .innerJoin(requirements, eq(requirements.id, customerAsks.requirementId))
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(
        and(
          eq(customerAsks.customerId, customerId),
          eq(requirements.productId, productId),
          every ? undefined : inArray(requirements.status, [...ROADMAP_STATUSES]),
        ),
      )
      .orderBy(asc(requirements.rank))
  },
}

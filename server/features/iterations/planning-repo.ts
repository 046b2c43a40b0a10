// SQL the planner needs: the backlog in rank order with what planning weighs.
import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { products, requirements } from '../../../db/schema'

export const planningRepo = {
  candidates(db: Db, productId: number) {
    return db
      .select({
        id: requirements.id,
        key: sql<string>`${products.key} || '-' || ${requirements.number}`,
        status: requirements.status,
        estimate: requirements.estimate,
        pinned: requirements.pinned,
        iterationId: requirements.iterationId,
        rank: requirements.rank,
      })
      .from(requirements)
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(eq(requirements.productId, productId))
      .orderBy(asc(requirements.rank))
      .all()
  },
}

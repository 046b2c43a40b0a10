// SQL the planner needs: the backlog in rank order with what planning weighs.
import { asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { products, requirements } from '../../../db/schema'
import { itemKey } from '../../lib/sql'

export const planningRepo = {
  async candidates(db: Db, productId: number) {
    return await db
      .select({
        id: requirements.id,
        key: itemKey(products.key, requirements.number),
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
  },
}

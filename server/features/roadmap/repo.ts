// SQL for the roadmap: committed requirements of a product with where and when they land.
import { and, asc, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { products, requirements } from '../../../db/schema'
import { itemKey } from '../../lib/sql'

/** Statuses a roadmap shows: agreed work, not ideas under review or rejected ones. */
export const ROADMAP_STATUSES = [
  'approved',
  'planned',
  'developing',
  'testing',
  'released',
  'closed',
] as const

export const roadmapRepo = {
  async requirements(db: Db, productId: number) {
    return await db
      .select({
        id: requirements.id,
        key: itemKey(products.key, requirements.number),
        title: requirements.title,
        status: requirements.status,
        priority: requirements.priority,
        iterationId: requirements.iterationId,
        releaseId: requirements.releaseId,
        targetDate: requirements.targetDate,
        moduleId: requirements.moduleId,
        askCount: requirements.askCount,
      })
      .from(requirements)
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(and(eq(requirements.productId, productId), inArray(requirements.status, [...ROADMAP_STATUSES])))
      .orderBy(asc(requirements.rank))
  },
}

// SQL for the append-only activity history.
import { and, desc, eq, gt, inArray, isNull, lt, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { activity, users } from '../../../db/schema'

export type ActivityInsert = typeof activity.$inferInsert

export interface ActivityFilter {
  workspaceId: number
  entityType?: string
  entityId?: number
  since?: string
  /** null: all products; otherwise rows of these products and rows that belong to none. */
  productIds: readonly number[] | null
  beforeId?: number
  limit: number
}

export const activityRepo = {
  insert(db: Db, row: ActivityInsert) {
    db.insert(activity).values(row).run()
  },

  list(db: Db, f: ActivityFilter) {
    const where: (SQL | undefined)[] = [eq(activity.workspaceId, f.workspaceId)]
    if (f.entityType) where.push(eq(activity.entityType, f.entityType))
    if (f.entityId !== undefined) where.push(eq(activity.entityId, f.entityId))
    if (f.since) where.push(gt(activity.createdAt, f.since))
    if (f.beforeId !== undefined) where.push(lt(activity.id, f.beforeId))
    if (f.productIds)
      where.push(or(isNull(activity.productId), inArray(activity.productId, [...f.productIds])))
    return db
      .select({
        id: activity.id,
        entityType: activity.entityType,
        entityId: activity.entityId,
        productId: activity.productId,
        action: activity.action,
        automatic: activity.automatic,
        before: activity.before,
        after: activity.after,
        createdAt: activity.createdAt,
        actor: { id: users.id, name: users.name },
      })
      .from(activity)
      .leftJoin(users, eq(users.id, activity.actorId))
      .where(and(...where))
      .orderBy(desc(activity.id))
      .limit(f.limit)
      .all()
  },
}

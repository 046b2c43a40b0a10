// SQL for the append-only activity history.
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { param, prepared } from '../../../db/prepared'
import { engineOf } from '../../../db/query'
import { activity, users } from '../../../db/schema'

export type ActivityInsert = typeof activity.$inferInsert

// Every write inserts activity rows: prepared once, every column given.
const insertQuery = (db: Db) =>
  db
    .insert(activity)
    .values({
      workspaceId: sql.placeholder('workspaceId'),
      productId: sql.placeholder('productId'),
      entityType: sql.placeholder('entityType'),
      entityId: sql.placeholder('entityId'),
      parentType: sql.placeholder('parentType'),
      parentId: sql.placeholder('parentId'),
      action: sql.placeholder('action'),
      actorId: sql.placeholder('actorId'),
      actorName: sql.placeholder('actorName'),
      automatic: sql.placeholder('automatic'),
      // JSON encoded by insert() below: see param().
      before: param('before'),
      after: param('after'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare()

export interface ActivityFilter {
  workspaceId: number
  entityType?: string
  entityId?: number
  since?: string
  /** null: all products; otherwise rows of these products and rows that belong to none. */
  productIds: readonly number[] | null
  /** The entity types the reader may see (see VIEW_PERMISSION). */
  entityTypes: readonly string[]
  beforeId?: number
  limit: number
}

/** What a history row says changed: readers of a product's history select these (and what else they need). */
export const CHANGE = {
  entityType: activity.entityType,
  entityId: activity.entityId,
  action: activity.action,
  before: activity.before,
  after: activity.after,
}

export const activityRepo = {
  /** A write's history rows, in order: one prepared statement each on SQLite, one statement on PostgreSQL. */
  async insert(db: Db, rows: readonly ActivityInsert[]) {
    if (rows.length > 1 && engineOf(db) === 'postgres') {
      const json = (value: Record<string, unknown> | null | undefined) =>
        value == null ? sql`null` : sql`${JSON.stringify(value)}`
      await db.insert(activity).values(
        rows.map((row) => ({
          ...row,
          productId: row.productId ?? null,
          parentType: row.parentType ?? null,
          parentId: row.parentId ?? null,
          before: json(row.before),
          after: json(row.after),
        })),
      )
      return
    }
    for (const row of rows) {
      await prepared(db, insertQuery).execute({
        workspaceId: row.workspaceId,
        productId: row.productId ?? null,
        entityType: row.entityType,
        entityId: row.entityId,
        parentType: row.parentType ?? null,
        parentId: row.parentId ?? null,
        action: row.action,
        actorId: row.actorId ?? null,
        actorName: row.actorName ?? null,
        automatic: row.automatic ?? false,
        before: row.before == null ? null : JSON.stringify(row.before),
        after: row.after == null ? null : JSON.stringify(row.after),
        createdAt: row.createdAt,
      })
    }
  },

  /** A product's history after the row `afterId`, oldest first, at most `limit` rows: what changed since. */
  async since(db: Db, productId: number, afterId: number, limit: number) {
    return await db
      .select(CHANGE)
      .from(activity)
      .where(and(eq(activity.productId, productId), gt(activity.id, afterId)))
      .orderBy(asc(activity.id))
      .limit(limit)
  },

  async list(db: Db, f: ActivityFilter) {
    const where: (SQL | undefined)[] = [eq(activity.workspaceId, f.workspaceId)]
    where.push(inArray(activity.entityType, [...f.entityTypes]))
    if (f.entityType && f.entityId !== undefined)
      // An item's history: its own changes, and those of what hangs off it (its attachments).
      where.push(
        or(
          and(eq(activity.entityType, f.entityType), eq(activity.entityId, f.entityId)),
          and(eq(activity.parentType, f.entityType), eq(activity.parentId, f.entityId)),
        ),
      )
    else if (f.entityType) where.push(eq(activity.entityType, f.entityType))
    else if (f.entityId !== undefined) where.push(eq(activity.entityId, f.entityId))
    if (f.since) where.push(gt(activity.createdAt, f.since))
    if (f.beforeId !== undefined) where.push(lt(activity.id, f.beforeId))
    if (f.productIds)
      where.push(or(isNull(activity.productId), inArray(activity.productId, [...f.productIds])))
    return await db
      .select({
        id: activity.id,
        entityType: activity.entityType,
        entityId: activity.entityId,
        productId: activity.productId,
        action: activity.action,
        automatic: activity.automatic,
        actorName: activity.actorName,
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
  },
}

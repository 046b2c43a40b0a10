// SQL for requirements, their backlog ranks and their customer asks.
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm'
import type { Db, OpenDb } from '../../../db/client'
import { prepared } from '../../../db/prepared'
import { customerAsks, customers, products, requirements, tasks } from '../../../db/schema'
import { containsPattern, itemKeyText, updateVersioned, workspaceRowById } from '../../lib/sql'

export type RequirementRow = typeof requirements.$inferSelect
export type RequirementInsert = typeof requirements.$inferInsert

const taskStatusesQuery = (db: Db) =>
  db
    .select({ status: tasks.status })
    .from(tasks)
    .where(eq(tasks.requirementId, sql.placeholder('requirementId')))
    .prepare()

/** What a backlog row shows (everything but the long texts), as SQLite builds it from `r`, a requirement. */
const LIST_ROW_JSON = `json_object('id', r.id, 'productId', r.product_id, 'number', r.number,
  'key', ${itemKeyText('@key', 'r.number')}, 'title', r.title, 'role', r.role, 'scenario', r.scenario, 'source', r.source,
  'priority', r.priority, 'value', r.value, 'effort', r.effort, 'estimate', r.estimate, 'status', r.status,
  'moduleId', r.module_id, 'iterationId', r.iteration_id, 'releaseId', r.release_id, 'targetDate', r.target_date,
  'pinned', json(iif(r.pinned, 'true', 'false')), 'rank', r.rank, 'score', r.score, 'askCount', r.ask_count,
  'updatedAt', r.updated_at, 'version', r.version)`

export type RequirementSort = 'rank' | 'score' | 'priority' | 'updated' | 'created'

const LIST_ORDER: Record<RequirementSort, string> = {
  rank: 'r.rank',
  // Unestimated work (no score) after every scored requirement, on any engine.
  score: 'r.score is null, r.score desc, r.rank',
  priority: 'r.priority, r.rank',
  updated: 'r.updated_at desc, r.id desc',
  created: 'r.id desc',
}

export interface RequirementFilter {
  productId: number
  statuses?: readonly string[]
  priorities?: readonly string[]
  moduleIds?: readonly number[]
  iterationId?: number | null
  releaseId?: number
  customerId?: number
  q?: string
  sort: RequirementSort
  limit: number
  offset: number
}

export const requirementRepo = {
  /** Hands out the next item number of the product (shared by requirements and tasks). */
  nextNumber(db: Db, productId: number): number {
    const row = db
      .update(products)
      .set({ lastNumber: sql`${products.lastNumber} + 1` })
      .where(eq(products.id, productId))
      .returning({ n: products.lastNumber })
      .get()
    if (!row) throw new Error(`product ${productId} vanished`)
    return row.n
  },

  lastRank(db: Db, productId: number): string | null {
    return (
      db
        .select({ rank: requirements.rank })
        .from(requirements)
        .where(eq(requirements.productId, productId))
        .orderBy(desc(requirements.rank))
        .limit(1)
        .get()?.rank ?? null
    )
  },

  /** The rank right before (or after) `rank` in the product backlog, ignoring the item being moved. */
  neighborRank(
    db: Db,
    productId: number,
    rank: string,
    side: 'before' | 'after',
    excludeId: number,
  ): string | null {
    return (
      db
        .select({ rank: requirements.rank })
        .from(requirements)
        .where(
          and(
            eq(requirements.productId, productId),
            side === 'before' ? lt(requirements.rank, rank) : gt(requirements.rank, rank),
            ne(requirements.id, excludeId),
          ),
        )
        .orderBy(side === 'before' ? desc(requirements.rank) : asc(requirements.rank))
        .limit(1)
        .get()?.rank ?? null
    )
  },

  insert(db: Db, values: RequirementInsert) {
    return db.insert(requirements).values(values).returning().get()
  },

  /** Read by every requirement request and by every task move (auto-advance). */
  byId: workspaceRowById(requirements),

  /** Every requirement that names a release (to move a release's work). */
  inRelease(db: Db, releaseId: number) {
    return db
      .select({ id: requirements.id })
      .from(requirements)
      .where(eq(requirements.releaseId, releaseId))
      .all()
  },

  update(db: Db, id: number, values: Partial<RequirementRow>) {
    return updateVersioned(db, requirements, id, values)
  },

  scoreInputs(db: Db, id: number) {
    return db
      .select({ value: requirements.value, effort: requirements.effort, estimate: requirements.estimate })
      .from(requirements)
      .where(eq(requirements.id, id))
      .get()
  },

  /** Writes the cached demand and score; not a user edit, so the version stays. */
  setDemand(db: Db, id: number, values: { demand: number; score: number | null; askCount: number }) {
    db.update(requirements).set(values).where(eq(requirements.id, id)).run()
  },

  setRank(db: Db, id: number, rank: string) {
    return updateVersioned(db, requirements, id, { rank })
  },

  delete(db: Db, id: number) {
    db.delete(requirements).where(eq(requirements.id, id)).run()
  },

  /**
   * A backlog page as JSON built by SQLite a row at a time (turning 50 rows of 23 columns into JS values
   * and back into JSON cost more than finding them at L size), with the number of items on it.
   * `productKey` makes the items' keys (MES-42). The SQL depends only on the filter's shape (which
   * filters, how many values each), so each shape is prepared once and its values bound.
   */
  listJson(db: Db, f: RequirementFilter, productKey: string): { items: string; count: number } {
    const params: Record<string, unknown> = {
      productId: f.productId,
      key: productKey,
      limit: f.limit,
      offset: f.offset,
    }
    const where = ['r.product_id = @productId']
    const oneOf = (column: string, prefix: string, values: readonly unknown[] = []) => {
      if (!values.length) return
      values.forEach((v, i) => {
        params[`${prefix}${i}`] = v
      })
      where.push(`${column} in (${values.map((_, i) => `@${prefix}${i}`).join(', ')})`)
    }
    oneOf('r.status', 's', f.statuses)
    oneOf('r.priority', 'p', f.priorities)
    oneOf('r.module_id', 'm', f.moduleIds)
    if (f.iterationId === null) where.push('r.iteration_id is null')
    else if (f.iterationId !== undefined) {
      params.iterationId = f.iterationId
      where.push('r.iteration_id = @iterationId')
    }
    if (f.releaseId !== undefined) {
      params.releaseId = f.releaseId
      where.push('r.release_id = @releaseId')
    }
    if (f.customerId !== undefined) {
      params.customerId = f.customerId
      where.push(
        'exists (select 1 from customer_asks a where a.requirement_id = r.id and a.customer_id = @customerId)',
      )
    }
    if (f.q) {
      params.q = containsPattern(f.q)
      where.push(`r.title like @q escape '\\'`)
    }
    const sqlText = `select ${LIST_ROW_JSON} from requirements r where ${where.join(' and ')}
      order by ${LIST_ORDER[f.sort]} limit @limit offset @offset`
    // The text is made only of fixed fragments and parameter names, so it names the shape: the
    // connection's statement cache (db/client.ts) prepares each shape once.
    const rows = (db as OpenDb).$client
      .prepare<[Record<string, unknown>], string>(sqlText)
      .pluck()
      .all(params)
    return { items: `[${rows.join(',')}]`, count: rows.length }
  },

  /** Every requirement of a product in rank order with what sorting by score needs. */
  forScoreSort(db: Db, productId: number) {
    return db
      .select({
        id: requirements.id,
        status: requirements.status,
        priority: requirements.priority,
        score: requirements.score,
        rank: requirements.rank,
      })
      .from(requirements)
      .where(eq(requirements.productId, productId))
      .orderBy(asc(requirements.rank))
      .all()
  },

  // Asks

  insertAsk(db: Db, values: typeof customerAsks.$inferInsert) {
    return db.insert(customerAsks).values(values).returning().get()
  },

  askById(db: Db, requirementId: number, askId: number) {
    return db
      .select()
      .from(customerAsks)
      .where(and(eq(customerAsks.requirementId, requirementId), eq(customerAsks.id, askId)))
      .get()
  },

  askOf(db: Db, requirementId: number, customerId: number) {
    return db
      .select()
      .from(customerAsks)
      .where(and(eq(customerAsks.requirementId, requirementId), eq(customerAsks.customerId, customerId)))
      .get()
  },

  deleteAsk(db: Db, askId: number) {
    db.delete(customerAsks).where(eq(customerAsks.id, askId)).run()
  },

  asksOf(db: Db, requirementId: number) {
    return db
      .select({
        id: customerAsks.id,
        importance: customerAsks.importance,
        note: customerAsks.note,
        askedOn: customerAsks.askedOn,
        promisedDate: customerAsks.promisedDate,
        createdAt: customerAsks.createdAt,
        customer: {
          id: customers.id,
          name: customers.name,
          industry: customers.industry,
          tier: customers.tier,
          contractValue: customers.contractValue,
        },
      })
      .from(customerAsks)
      .innerJoin(customers, eq(customers.id, customerAsks.customerId))
      .where(eq(customerAsks.requirementId, requirementId))
      .orderBy(asc(customerAsks.id))
      .all()
  },

  /** What the score needs of each ask of these requirements. */
  demandInputs(db: Db, requirementIds: readonly number[]) {
    if (!requirementIds.length) return []
    return db
      .select({
        requirementId: customerAsks.requirementId,
        importance: customerAsks.importance,
        tier: customers.tier,
        contractValue: customers.contractValue,
      })
      .from(customerAsks)
      .innerJoin(customers, eq(customers.id, customerAsks.customerId))
      .where(inArray(customerAsks.requirementId, [...requirementIds]))
      .all()
  },

  /** Statuses of the tasks under a requirement, for the auto-advance rules. */
  taskStatuses(db: Db, requirementId: number): string[] {
    return prepared(db, taskStatusesQuery)
      .all({ requirementId })
      .map((r) => r.status)
  },
}

// SQL for requirements, their backlog ranks and their customer asks.
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { type Dialect, dialectOf, dialects } from '../../../db/dialect'
import { prepared } from '../../../db/prepared'
import { first, runText } from '../../../db/query'
import { customerAsks, customers, products, requirements, tasks } from '../../../db/schema'
import { containsPattern, itemKeyText, updateVersioned, workspaceRowById } from '../../lib/sql'

export type RequirementRow = typeof requirements.$inferSelect
export type RequirementInsert = typeof requirements.$inferInsert

const progressQuery = (db: Db) =>
  db
    .select({ status: requirements.status, productId: requirements.productId, taskStatus: tasks.status })
    .from(requirements)
    .leftJoin(tasks, eq(tasks.requirementId, requirements.id))
    .where(
      and(
        eq(requirements.workspaceId, sql.placeholder('workspaceId')),
        eq(requirements.id, sql.placeholder('id')),
      ),
    )
    .prepare()

/** What a backlog row shows (everything but the long texts), as the database builds it from `r`, a requirement. */
const listRowJson = (d: Dialect) =>
  d.object({
    id: 'r.id',
    productId: 'r.product_id',
    number: 'r.number',
    // The product's key is the statement's first parameter.
    key: itemKeyText('cast(? as text)', 'r.number'),
    title: 'r.title',
    role: 'r.role',
    scenario: 'r.scenario',
    source: 'r.source',
    priority: 'r.priority',
    value: 'r.value',
    effort: 'r.effort',
    estimate: 'r.estimate',
    status: 'r.status',
    moduleId: 'r.module_id',
    iterationId: 'r.iteration_id',
    releaseId: 'r.release_id',
    targetDate: 'r.target_date',
    pinned: d.bool('r.pinned'),
    rank: 'r.rank',
    score: 'r.score',
    askCount: 'r.ask_count',
    updatedAt: 'r.updated_at',
    version: 'r.version',
  })
const LIST_ROW_JSON = { sqlite: listRowJson(dialects.sqlite), postgres: listRowJson(dialects.postgres) }

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
  async nextNumber(db: Db, productId: number): Promise<number> {
    const [row] = await db
      .update(products)
      .set({ lastNumber: sql`${products.lastNumber} + 1` })
      .where(eq(products.id, productId))
      .returning({ n: products.lastNumber })
    if (!row) throw new Error(`product ${productId} vanished`)
    return row.n
  },

  async lastRank(db: Db, productId: number): Promise<string | null> {
    const row = await first(
      db
        .select({ rank: requirements.rank })
        .from(requirements)
        .where(eq(requirements.productId, productId))
        .orderBy(desc(requirements.rank))
        .limit(1),
    )
    return row?.rank ?? null
  },

  /** The rank right before (or after) `rank` in the product backlog, ignoring the item being moved. */
  async neighborRank(
    db: Db,
    productId: number,
    rank: string,
    side: 'before' | 'after',
    excludeId: number,
  ): Promise<string | null> {
    const row = await first(
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
        .limit(1),
    )
    return row?.rank ?? null
  },

  async insert(db: Db, values: RequirementInsert) {
    const [row] = await db.insert(requirements).values(values).returning()
    return row!
  },

  /** Read by every requirement request and by every task move (auto-advance). */
  byId: workspaceRowById(requirements),

  /** Every requirement that names a release (to move a release's work). */
  async inRelease(db: Db, releaseId: number) {
    return await db
      .select({ id: requirements.id })
      .from(requirements)
      .where(eq(requirements.releaseId, releaseId))
  },

  update(db: Db, id: number, values: Partial<RequirementRow>) {
    return updateVersioned(db, requirements, id, values)
  },

  scoreInputs(db: Db, id: number) {
    return first(
      db
        .select({ value: requirements.value, effort: requirements.effort, estimate: requirements.estimate })
        .from(requirements)
        .where(eq(requirements.id, id)),
    )
  },

  /** Writes the cached demand and score; not a user edit, so the version stays. */
  async setDemand(db: Db, id: number, values: { demand: number; score: number | null; askCount: number }) {
    await db.update(requirements).set(values).where(eq(requirements.id, id))
  },

  setRank(db: Db, id: number, rank: string) {
    return updateVersioned(db, requirements, id, { rank })
  },

  async delete(db: Db, id: number) {
    await db.delete(requirements).where(eq(requirements.id, id))
  },

  /**
   * A backlog page as JSON built by SQLite a row at a time (turning 50 rows of 23 columns into JS values
   * and back into JSON cost more than finding them at L size), with the number of items on it.
   * `productKey` makes the items' keys (MES-42). The SQL depends only on the filter's shape (which
   * filters, how many values each), so each shape is prepared once and its values bound.
   */
  async listJson(
    db: Db,
    f: RequirementFilter,
    productKey: string,
  ): Promise<{ items: string; count: number }> {
    const d = dialectOf(db)
    // Positional parameters, in the order the text names them: the key (in the row's JSON) comes first.
    const values: unknown[] = [productKey, f.productId]
    const where = ['r.product_id = ?']
    const oneOf = (column: string, list: readonly unknown[] = []) => {
      if (!list.length) return
      values.push(...list)
      where.push(`${column} in (${list.map(() => '?').join(', ')})`)
    }
    oneOf('r.status', f.statuses)
    oneOf('r.priority', f.priorities)
    oneOf('r.module_id', f.moduleIds)
    if (f.iterationId === null) where.push('r.iteration_id is null')
    else if (f.iterationId !== undefined) {
      values.push(f.iterationId)
      where.push('r.iteration_id = ?')
    }
    if (f.releaseId !== undefined) {
      values.push(f.releaseId)
      where.push('r.release_id = ?')
    }
    if (f.customerId !== undefined) {
      values.push(f.customerId)
      where.push('exists (select 1 from customer_asks a where a.requirement_id = r.id and a.customer_id = ?)')
    }
    if (f.q) {
      values.push(containsPattern(f.q))
      where.push(`r.title ${d.ilike} ? escape '\\'`)
    }
    values.push(f.limit, f.offset)
    const sqlText = `select ${LIST_ROW_JSON[d.engine]} as item from requirements r where ${where.join(' and ')}
      order by ${LIST_ORDER[f.sort]} limit ? offset ?`
    // The text is made only of fixed fragments and parameters, so it names the shape: runText prepares
    // each shape once per connection.
    const { rows } = await runText(db, sqlText, values)
    const items = (rows as { item: string }[]).map((r) => r.item)
    return { items: `[${items.join(',')}]`, count: items.length }
  },

  /** Every requirement of a product in rank order with what sorting by score needs. */
  async forScoreSort(db: Db, productId: number) {
    return await db
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
  },

  // Asks

  async insertAsk(db: Db, values: typeof customerAsks.$inferInsert) {
    const [row] = await db.insert(customerAsks).values(values).returning()
    return row!
  },

  askById(db: Db, requirementId: number, askId: number) {
    return first(
      db
        .select()
        .from(customerAsks)
        .where(and(eq(customerAsks.requirementId, requirementId), eq(customerAsks.id, askId))),
    )
  },

  askOf(db: Db, requirementId: number, customerId: number) {
    return first(
      db
        .select()
        .from(customerAsks)
        .where(and(eq(customerAsks.requirementId, requirementId), eq(customerAsks.customerId, customerId)))
        .limit(1),
    )
  },

  async deleteAsk(db: Db, askId: number) {
    await db.delete(customerAsks).where(eq(customerAsks.id, askId))
  },

  async asksOf(db: Db, requirementId: number) {
    return await db
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
  },

  /** What the score needs of each ask of these requirements. */
  async demandInputs(db: Db, requirementIds: readonly number[]) {
    if (!requirementIds.length) return []
    return await db
      .select({
        requirementId: customerAsks.requirementId,
        importance: customerAsks.importance,
        tier: customers.tier,
        contractValue: customers.contractValue,
      })
      .from(customerAsks)
      .innerJoin(customers, eq(customers.id, customerAsks.customerId))
      .where(inArray(customerAsks.requirementId, [...requirementIds]))
  },

  /** Statuses of the tasks under a requirement, for the auto-advance rules. */
  /** A requirement's status and the statuses of its tasks, in one read (undefined: no such requirement). */
  async progress(db: Db, workspaceId: number, id: number) {
    const rows = await prepared(db, progressQuery).execute({ workspaceId, id })
    if (rows.length === 0) return undefined
    const { status, productId } = rows[0]!
    return {
      status,
      productId,
      taskStatuses: rows.flatMap((r) => (r.taskStatus === null ? [] : [r.taskStatus])),
    }
  },
}

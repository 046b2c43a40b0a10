// SQL for requirements, their backlog ranks and their customer asks.
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { prepared, preparedShape, rowMapper } from '../../../db/prepared'
import { customerAsks, customers, products, requirements, tasks } from '../../../db/schema'
import { containsPattern, sqlIncrement } from '../../lib/sql'

export type RequirementRow = typeof requirements.$inferSelect
export type RequirementInsert = typeof requirements.$inferInsert

// Read by every requirement request and by every task move (auto-advance): prepared once.
const byIdQuery = (db: Db) =>
  db
    .select()
    .from(requirements)
    .where(
      and(
        eq(requirements.workspaceId, sql.placeholder('workspaceId')),
        eq(requirements.id, sql.placeholder('id')),
      ),
    )
    .prepare()

const taskStatusesQuery = (db: Db) =>
  db
    .select({ status: tasks.status })
    .from(tasks)
    .where(eq(tasks.requirementId, sql.placeholder('requirementId')))
    .prepare()

/** What a backlog row shows: everything but the long texts. */
const listColumns = {
  id: requirements.id,
  productId: requirements.productId,
  number: requirements.number,
  key: sql<string>`${products.key} || '-' || ${requirements.number}`.as('key'),
  title: requirements.title,
  role: requirements.role,
  scenario: requirements.scenario,
  source: requirements.source,
  priority: requirements.priority,
  value: requirements.value,
  effort: requirements.effort,
  estimate: requirements.estimate,
  status: requirements.status,
  moduleId: requirements.moduleId,
  iterationId: requirements.iterationId,
  releaseId: requirements.releaseId,
  targetDate: requirements.targetDate,
  pinned: requirements.pinned,
  rank: requirements.rank,
  score: requirements.score,
  askCount: requirements.askCount,
  updatedAt: requirements.updatedAt,
  version: requirements.version,
}

const toListRows = rowMapper(listColumns, ['pinned'])

export type RequirementSort = 'rank' | 'score' | 'priority' | 'updated' | 'created'

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

  byId(db: Db, workspaceId: number, id: number) {
    return prepared(db, byIdQuery).get({ workspaceId, id })
  },

  byNumber(db: Db, productId: number, number: number) {
    return db
      .select()
      .from(requirements)
      .where(and(eq(requirements.productId, productId), eq(requirements.number, number)))
      .get()
  },

  update(db: Db, id: number, values: Partial<RequirementRow>) {
    return db
      .update(requirements)
      .set({ ...values, version: sqlIncrement(requirements.version) })
      .where(eq(requirements.id, id))
      .returning()
      .get()
  },

  scoreInputs(db: Db, id: number) {
    return db
      .select({ value: requirements.value, effort: requirements.effort, estimate: requirements.estimate })
      .from(requirements)
      .where(eq(requirements.id, id))
      .get()
  },

  /** Writes the cached demand and score; not a user edit, so the version stays. */
  setDemand(db: Db, id: number, values: { demand: number; score: number; askCount: number }) {
    db.update(requirements).set(values).where(eq(requirements.id, id)).run()
  },

  setRank(db: Db, id: number, rank: string) {
    return db
      .update(requirements)
      .set({ rank, version: sqlIncrement(requirements.version) })
      .where(eq(requirements.id, id))
      .returning()
      .get()
  },

  delete(db: Db, id: number) {
    db.delete(requirements).where(eq(requirements.id, id)).run()
  },

  /**
   * A backlog page. The SQL depends only on the filter's shape (which filters, how many values), so each
   * shape is prepared once and its values bound: building the SQL cost more than running it.
   */
  list(db: Db, f: RequirementFilter) {
    const statuses = f.statuses ?? []
    const priorities = f.priorities ?? []
    const moduleIds = f.moduleIds ?? []
    const iteration = f.iterationId === null ? 'none' : f.iterationId === undefined ? '' : 'one'
    const shape = [
      statuses.length,
      priorities.length,
      moduleIds.length,
      iteration,
      f.releaseId === undefined ? '' : 'r',
      f.customerId === undefined ? '' : 'c',
      f.q ? 'q' : '',
      f.sort,
    ].join('|')
    const params: Record<string, unknown> = {
      productId: f.productId,
      limit: f.limit,
      offset: f.offset,
      iterationId: f.iterationId,
      releaseId: f.releaseId,
      customerId: f.customerId,
      q: f.q ? containsPattern(f.q) : undefined,
    }
    statuses.forEach((v, i) => {
      params[`s${i}`] = v
    })
    priorities.forEach((v, i) => {
      params[`p${i}`] = v
    })
    moduleIds.forEach((v, i) => {
      params[`m${i}`] = v
    })
    const query = preparedShape(db, 'requirements.list', shape, (db) => {
      const placeholders = (prefix: string, n: number) =>
        Array.from({ length: n }, (_, i) => sql.placeholder(`${prefix}${i}`))
      const where: (SQL | undefined)[] = [eq(requirements.productId, sql.placeholder('productId'))]
      if (statuses.length) where.push(inArray(requirements.status, placeholders('s', statuses.length)))
      if (priorities.length) where.push(inArray(requirements.priority, placeholders('p', priorities.length)))
      if (moduleIds.length) where.push(inArray(requirements.moduleId, placeholders('m', moduleIds.length)))
      if (iteration === 'none') where.push(isNull(requirements.iterationId))
      else if (iteration === 'one') where.push(eq(requirements.iterationId, sql.placeholder('iterationId')))
      if (f.releaseId !== undefined) where.push(eq(requirements.releaseId, sql.placeholder('releaseId')))
      if (f.customerId !== undefined) {
        where.push(
          sql`exists (select 1 from ${customerAsks} where ${customerAsks.requirementId} = ${requirements.id} and ${customerAsks.customerId} = ${sql.placeholder('customerId')})`,
        )
      }
      if (f.q) where.push(sql`${requirements.title} like ${sql.placeholder('q')} escape '\\'`)
      const order = {
        rank: [asc(requirements.rank)],
        score: [desc(requirements.score), asc(requirements.rank)],
        priority: [asc(requirements.priority), asc(requirements.rank)],
        updated: [desc(requirements.updatedAt), desc(requirements.id)],
        created: [desc(requirements.id)],
      }[f.sort]
      return db
        .select(listColumns)
        .from(requirements)
        .innerJoin(products, eq(products.id, requirements.productId))
        .where(and(...where))
        .orderBy(...order)
        .limit(sql.placeholder('limit'))
        .offset(sql.placeholder('offset'))
        .prepare()
    })
    return toListRows(query.values(params) as unknown[][])
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

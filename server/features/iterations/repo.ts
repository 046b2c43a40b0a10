// SQL for iterations: their rows, their load and the board of their tasks.
import { and, asc, eq, inArray, ne, notInArray, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../db/client'
import { type Dialect, dialects } from '../../../db/dialect'
import { prepared } from '../../../db/prepared'
import { engineOf, first, rows } from '../../../db/query'
import { activity, iterations, products, requirements, tasks, users } from '../../../db/schema'
import { itemKey, itemKeyText, updateVersioned, workspaceRowById } from '../../lib/sql'

export type IterationRow = typeof iterations.$inferSelect

// A requirement's key in the lanes' hand-written SQL (its tasks `t`, their requirements `r`, their product `p`).
const REQUIREMENT_KEY = sql.raw(itemKeyText('p.key', 'r.number'))

// Every board request reads this (and its iteration) before anything else: prepared once.
/** A product's board stamp: its newest history row, so it moves with any change to the product. */
const stampOf = (productId: SQL) =>
  sql<number | null>`(select max(a.id) from ${activity} a where a.product_id = ${productId})`

const boardStampQuery = (db: Db) =>
  db
    .select({ id: stampOf(sql`${sql.placeholder('productId')}`) })
    .from(products)
    .where(eq(products.id, sql.placeholder('productId')))
    .prepare()

// A board request's first read: its iteration and the board stamp of its product, in one. The iteration goes
// by another name, written out in the subquery: drizzle names a one-table select's columns without it.
const boardIteration = alias(iterations, 'board_iteration')
const withBoardStampQuery = (db: Db) =>
  db
    .select({
      iteration: boardIteration,
      stamp: stampOf(sql.raw('board_iteration.product_id')),
    })
    .from(boardIteration)
    .where(
      and(
        eq(boardIteration.workspaceId, sql.placeholder('workspaceId')),
        eq(boardIteration.id, sql.placeholder('id')),
      ),
    )
    .prepare()

/** What a card shows, as a JSON object (tasks `t`, their product `p`, requirement `r` and assignee `u`). */
const boardCard = (d: Dialect) =>
  d.object({
    id: 't.id',
    key: itemKeyText('p.key', 't.number'),
    title: 't.title',
    kind: 't.kind',
    status: 't.status',
    category: 't.category',
    risk: 't.risk',
    requirementId: 't.requirement_id',
    requirementKey: `case when r.id is null then null else ${itemKeyText('p.key', 'r.number')} end`,
    requirementTitle: 'r.title',
    assigneeId: 't.assignee_id',
    assigneeName: 'u.name',
    estimate: 't.estimate',
    remaining: 't.remaining',
    dueDate: 't.due_date',
    blockedReason: 't.blocked_reason',
    rank: 't.rank',
    version: 't.version',
  })
/** A board column's cards as one JSON array, in rank order. */
const boardCards = (d: Dialect) => sql.raw(d.array(boardCard(d), 't.rank'))
const BOARD_CARDS = { sqlite: boardCards(dialects.sqlite), postgres: boardCards(dialects.postgres) }
const BOARD_CARD = {
  sqlite: sql.raw(boardCard(dialects.sqlite)),
  postgres: sql.raw(boardCard(dialects.postgres)),
}

export const iterationRepo = {
  async list(db: Db, productId: number) {
    return await db
      .select()
      .from(iterations)
      .where(eq(iterations.productId, productId))
      .orderBy(asc(iterations.startDate), asc(iterations.id))
  },

  /** Iterations of the workspace in these statuses (optionally only some products), by start date. */
  async inWorkspace(
    db: Db,
    workspaceId: number,
    statuses: readonly IterationRow['status'][],
    productIds: readonly number[] | null,
  ) {
    const where = [eq(iterations.workspaceId, workspaceId), inArray(iterations.status, [...statuses])]
    if (productIds) where.push(inArray(iterations.productId, [...productIds]))
    return await db
      .select()
      .from(iterations)
      .where(and(...where))
      .orderBy(asc(iterations.startDate), asc(iterations.id))
  },

  byId: workspaceRowById(iterations),

  activeOf(db: Db, productId: number, exceptId: number) {
    return first(
      db
        .select({ id: iterations.id, name: iterations.name })
        .from(iterations)
        .where(
          and(
            eq(iterations.productId, productId),
            eq(iterations.status, 'active'),
            ne(iterations.id, exceptId),
          ),
        )
        .limit(1),
    )
  },

  async insert(db: Db, values: typeof iterations.$inferInsert) {
    const [row] = await db.insert(iterations).values(values).returning()
    return row!
  },

  /** Every iteration that names a release, whatever its status (to move a release's work). */
  async inRelease(db: Db, releaseId: number) {
    return await db.select({ id: iterations.id }).from(iterations).where(eq(iterations.releaseId, releaseId))
  },

  update(db: Db, id: number, values: Partial<IterationRow>) {
    return updateVersioned(db, iterations, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(iterations).where(eq(iterations.id, id))
  },

  /** Points per iteration: requirement estimates, stability task estimates, other standalone tasks. */
  async loads(db: Db, iterationIds: readonly number[]) {
    if (!iterationIds.length) return []
    const ids = [...iterationIds]
    const requirementLoad = await db
      .select({
        iterationId: requirements.iterationId,
        points: sql<number>`coalesce(sum(${requirements.estimate}), 0)`,
      })
      .from(requirements)
      .where(and(inArray(requirements.iterationId, ids), ne(requirements.status, 'rejected')))
      .groupBy(requirements.iterationId)
    const taskLoad = await db
      .select({
        iterationId: tasks.iterationId,
        stability: sql<number>`coalesce(sum(case when ${tasks.kind} = 'stability' then ${tasks.estimate} end), 0)`,
        standalone: sql<number>`coalesce(sum(case when ${tasks.kind} <> 'stability' and ${tasks.requirementId} is null then ${tasks.estimate} end), 0)`,
      })
      .from(tasks)
      .where(inArray(tasks.iterationId, ids))
      .groupBy(tasks.iterationId)
    return ids.map((id) => {
      const r = requirementLoad.find((x) => x.iterationId === id)
      const t = taskLoad.find((x) => x.iterationId === id)
      return {
        iterationId: id,
        requirementPoints: r?.points ?? 0,
        stabilityPoints: t?.stability ?? 0,
        standalonePoints: t?.standalone ?? 0,
      }
    })
  },

  /** Open requirements planned in open iterations, with the iteration's start, for the rank-inversion check. */
  async plannedRequirements(db: Db, productId: number) {
    return await db
      .select({
        id: requirements.id,
        key: itemKey(products.key, requirements.number),
        rank: requirements.rank,
        pinned: requirements.pinned,
        status: requirements.status,
        iterationId: requirements.iterationId,
        iterationStatus: iterations.status,
        startDate: iterations.startDate,
      })
      .from(requirements)
      .innerJoin(iterations, eq(iterations.id, requirements.iterationId))
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(
        and(
          eq(requirements.productId, productId),
          notInArray(requirements.status, ['rejected', 'released', 'closed']),
          ne(iterations.status, 'closed'),
        ),
      )
      .orderBy(asc(requirements.rank))
  },

  /**
   * The cards of a board as JSON text built by SQLite, one array per status: only what a card shows.
   * Building JSON in SQLite avoids turning every row into a JS object and back (~3× faster for 2,000 cards).
   */
  boardColumns(
    db: Db,
    iterationId: number,
    statuses?: readonly string[],
  ): Promise<{ status: string; cards: string }[]> {
    const only =
      statuses === undefined
        ? sql``
        : sql` and t.status in (${sql.join(
            statuses.map((s) => sql`${s}`),
            sql`, `,
          )})`
    return rows<{ status: string; cards: string }>(
      db,
      sql`
      select t.status as status, ${BOARD_CARDS[engineOf(db)]} as cards
        from ${tasks} t
        join ${products} p on p.id = t.product_id
        left join ${requirements} r on r.id = t.requirement_id
        left join ${users} u on u.id = t.assignee_id
        where t.iteration_id = ${iterationId}${only}
        group by t.status`,
    )
  },

  /** The statuses the given tasks have now (wherever they are). */
  async statusesOf(db: Db, taskIds: readonly number[]): Promise<string[]> {
    if (taskIds.length === 0) return []
    const found = await db
      .selectDistinct({ status: tasks.status })
      .from(tasks)
      .where(inArray(tasks.id, [...taskIds]))
    return found.map((r) => r.status)
  },

  /** One task as its board card (what change events carry for open boards to apply). */
  async boardCard(db: Db, taskId: number): Promise<Record<string, unknown> | undefined> {
    const found = await first(
      rows<{ card: string }>(
        db,
        sql`
        select ${BOARD_CARD[engineOf(db)]} as card
          from ${tasks} t
          join ${products} p on p.id = t.product_id
          left join ${requirements} r on r.id = t.requirement_id
          left join ${users} u on u.id = t.assignee_id
          where t.id = ${taskId}`,
      ),
    )
    return found && (JSON.parse(found.card) as Record<string, unknown>)
  },

  async columnStats(db: Db, iterationId: number) {
    return await db
      .select({
        status: tasks.status,
        count: sql<number>`count(*)`,
        points: sql<number>`coalesce(sum(${tasks.estimate}), 0)`,
      })
      .from(tasks)
      .where(eq(tasks.iterationId, iterationId))
      .groupBy(tasks.status)
  },

  /** Swimlanes of a board: one per requirement, assignee or kind present in the iteration. */
  lanes(db: Db, iterationId: number, groupBy: 'requirement' | 'assignee' | 'kind') {
    if (groupBy === 'kind') {
      return rows<{ id: string; title: string; count: number }>(
        db,
        sql`
        select kind as id, kind as title, count(*) as count from ${tasks}
        where iteration_id = ${iterationId} group by kind order by kind`,
      )
    }
    if (groupBy === 'assignee') {
      return rows<{ id: number | null; title: string | null; count: number }>(
        db,
        sql`
        select t.assignee_id as id, u.name as title, count(*) as count from ${tasks} t
        left join ${users} u on u.id = t.assignee_id
        where t.iteration_id = ${iterationId} group by t.assignee_id, u.name order by u.name is null, u.name`,
      )
    }
    return rows<{ id: number | null; key: string | null; title: string | null; count: number }>(
      db,
      sql`
      select t.requirement_id as id, ${REQUIREMENT_KEY} as key, r.title as title, count(*) as count from ${tasks} t
      join ${products} p on p.id = t.product_id
      left join ${requirements} r on r.id = t.requirement_id
      where t.iteration_id = ${iterationId} group by t.requirement_id, p.key, r.number, r.title, r.rank order by r.rank is null, r.rank`,
    )
  },

  /** A cheap fingerprint of everything a board shows: changes whenever any activity touches the product. */
  /** An iteration of the workspace with its product's board stamp (boardStamp), if there is one. */
  async withBoardStamp(db: Db, workspaceId: number, id: number) {
    const found = await first(prepared(db, withBoardStampQuery).execute({ workspaceId, id }))
    return found && { iteration: found.iteration, stamp: found.stamp ?? 0 }
  },

  async boardStamp(db: Db, productId: number): Promise<number> {
    return (await first(prepared(db, boardStampQuery).execute({ productId })))?.id ?? 0
  },

  async usersById(db: Db, ids: readonly number[]) {
    if (!ids.length) return []
    return await db
      .select({ id: users.id, name: users.name })
      .from(users)
      .where(inArray(users.id, [...ids]))
  },
}

// SQL for tasks and their rank within a board column.
import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, type SQL, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../db/client'
import { dialectOf } from '../../../db/dialect'
import { param, prepared } from '../../../db/prepared'
import { first } from '../../../db/query'
import { products, requirements, tasks, users } from '../../../db/schema'
import type { RequirementStatus, TaskStatus } from '../../../domain/vocabulary'
import { itemKey, sqlIncrement, updateVersioned, workspaceRowById } from '../../lib/sql'

export type TaskRow = typeof tasks.$inferSelect

// Showing and moving a task: prepared once.
const detailQuery = (db: Db) =>
  db
    .select({
      task: tasks,
      key: itemKey(products.key, tasks.number),
      requirement: {
        id: requirements.id,
        title: requirements.title,
        number: requirements.number,
        status: requirements.status,
      },
      assignee: { id: users.id, name: users.name },
    })
    .from(tasks)
    .innerJoin(products, eq(products.id, tasks.productId))
    .leftJoin(requirements, eq(requirements.id, tasks.requirementId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.id, sql.placeholder('id')))
    .prepare()

const lastRank = (iteration: SQL) => (db: Db) =>
  db
    .select({ rank: tasks.rank })
    .from(tasks)
    .where(
      and(iteration, eq(tasks.status, sql.placeholder('status')), ne(tasks.id, sql.placeholder('excludeId'))),
    )
    .orderBy(desc(tasks.rank))
    .limit(1)
    .prepare()
const lastRankInIterationQuery = lastRank(eq(tasks.iterationId, sql.placeholder('iterationId')))
const lastRankInBacklogQuery = lastRank(isNull(tasks.iterationId))

// The task moving, under another name: inside the subqueries, SQLite takes "tasks" for the inner table.
const moving = alias(tasks, 'moving')
const columnTask = alias(tasks, 'column_task')
/**
 * A task, the last rank in the column it moves to in its iteration, and its requirement's status with the
 * statuses of the requirement's other tasks (for auto-advance): a move's reads in one.
 */
const forMoveQuery = (db: Db) =>
  db
    .select({
      task: moving,
      // Written out: drizzle names the columns of a one-table select without their table.
      requirementStatus: sql<RequirementStatus | null>`(select r.status from ${requirements} r where r.id = moving.requirement_id)`,
      otherStatuses: sql<string>`(select ${sql.raw(dialectOf(db).array('o.status'))} from ${tasks} o where o.requirement_id = moving.requirement_id and o.id <> moving.id)`,
      lastRank: sql<string | null>`(${db
        .select({ rank: columnTask.rank })
        .from(columnTask)
        .where(
          and(
            eq(columnTask.iterationId, moving.iterationId),
            eq(columnTask.status, sql.placeholder('status')),
            ne(columnTask.id, moving.id),
          ),
        )
        .orderBy(desc(columnTask.rank))
        .limit(1)})`,
    })
    .from(moving)
    .where(and(eq(moving.workspaceId, sql.placeholder('workspaceId')), eq(moving.id, sql.placeholder('id'))))
    .prepare()

/** What a move sets: always the same columns, so one prepared statement serves every move. */
export type TaskMove = Pick<
  TaskRow,
  'status' | 'rank' | 'blockedReason' | 'updatedAt' | 'startedAt' | 'doneAt' | 'remaining'
>

const moveQuery = (db: Db) =>
  db
    .update(tasks)
    .set({
      status: param('status'),
      rank: param('rank'),
      blockedReason: param('blockedReason'),
      updatedAt: param('updatedAt'),
      startedAt: param('startedAt'),
      doneAt: param('doneAt'),
      remaining: param('remaining'),
      version: sqlIncrement(tasks.version),
    })
    .where(eq(tasks.id, sql.placeholder('id')))
    .returning()
    .prepare()

export interface TaskFilter {
  workspaceId: number
  /** null: every product; otherwise only these (a narrowed member). */
  productIds: readonly number[] | null
  productId?: number
  iterationId?: number
  assigneeId?: number
  statuses?: readonly string[]
  kinds?: readonly string[]
  /** Open tasks due before this date (overdue). */
  dueBefore?: string
  limit: number
  offset: number
}

const inColumn = (iterationId: number | null, status: TaskRow['status']): SQL =>
  and(
    iterationId === null ? isNull(tasks.iterationId) : eq(tasks.iterationId, iterationId),
    eq(tasks.status, status),
  )!

export const taskRepo = {
  async insert(db: Db, values: typeof tasks.$inferInsert) {
    const [row] = await db.insert(tasks).values(values).returning()
    return row!
  },

  byId: workspaceRowById(tasks),

  /** Every task in an iteration, whatever its status (to move an iteration's work). */
  async inIteration(db: Db, iterationId: number) {
    return await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.iterationId, iterationId))
  },

  update(db: Db, id: number, values: Partial<TaskRow>) {
    return updateVersioned(db, tasks, id, values)
  },

  async move(db: Db, id: number, values: TaskMove) {
    return (await first(prepared(db, moveQuery).execute({ ...values, id })))!
  },

  async delete(db: Db, id: number) {
    await db.delete(tasks).where(eq(tasks.id, id))
  },

  /**
   * A task of the workspace, and the last rank among the other tasks of `status` in its iteration (a task
   * in the backlog: lastRankInColumn).
   */
  async forMove(db: Db, workspaceId: number, id: number, status: TaskRow['status']) {
    const found = await first(prepared(db, forMoveQuery).execute({ workspaceId, id, status }))
    if (!found) return undefined
    const { task, lastRank, requirementStatus, otherStatuses } = found
    return {
      task,
      lastRank,
      requirement:
        requirementStatus === null
          ? undefined
          : { status: requirementStatus, otherStatuses: JSON.parse(otherStatuses) as TaskStatus[] },
    }
  },

  async lastRankInColumn(
    db: Db,
    iterationId: number | null,
    status: TaskRow['status'],
    excludeId = 0,
  ): Promise<string | null> {
    const row =
      iterationId === null
        ? await first(prepared(db, lastRankInBacklogQuery).execute({ status, excludeId }))
        : await first(prepared(db, lastRankInIterationQuery).execute({ iterationId, status, excludeId }))
    return row?.rank ?? null
  },

  async neighborRank(
    db: Db,
    iterationId: number | null,
    status: TaskRow['status'],
    rank: string,
    side: 'before' | 'after',
    excludeId: number,
  ): Promise<string | null> {
    const row = await first(
      db
        .select({ rank: tasks.rank })
        .from(tasks)
        .where(
          and(
            inColumn(iterationId, status),
            side === 'before' ? lt(tasks.rank, rank) : gt(tasks.rank, rank),
            ne(tasks.id, excludeId),
          ),
        )
        .orderBy(side === 'before' ? desc(tasks.rank) : asc(tasks.rank))
        .limit(1),
    )
    return row?.rank ?? null
  },

  /** A task with its key, requirement and assignee, for the detail view. */
  detail(db: Db, id: number) {
    return first(prepared(db, detailQuery).execute({ id }))
  },

  /** Tasks across the workspace for "my tasks" and risk lists: what a row shows, most urgent first. */
  async list(db: Db, f: TaskFilter) {
    const where: (SQL | undefined)[] = [eq(tasks.workspaceId, f.workspaceId)]
    if (f.productIds) where.push(inArray(tasks.productId, [...f.productIds]))
    if (f.productId !== undefined) where.push(eq(tasks.productId, f.productId))
    if (f.iterationId !== undefined) where.push(eq(tasks.iterationId, f.iterationId))
    if (f.assigneeId !== undefined) where.push(eq(tasks.assigneeId, f.assigneeId))
    if (f.statuses?.length) where.push(inArray(tasks.status, [...f.statuses] as TaskRow['status'][]))
    if (f.kinds?.length) where.push(inArray(tasks.kind, [...f.kinds] as TaskRow['kind'][]))
    if (f.dueBefore) where.push(and(lt(tasks.dueDate, f.dueBefore), ne(tasks.status, 'done')))
    return await db
      .select({
        id: tasks.id,
        key: itemKey(products.key, tasks.number),
        productId: tasks.productId,
        title: tasks.title,
        kind: tasks.kind,
        status: tasks.status,
        category: tasks.category,
        risk: tasks.risk,
        requirementId: tasks.requirementId,
        iterationId: tasks.iterationId,
        assigneeId: tasks.assigneeId,
        assigneeName: users.name,
        estimate: tasks.estimate,
        dueDate: tasks.dueDate,
        blockedReason: tasks.blockedReason,
        updatedAt: tasks.updatedAt,
        version: tasks.version,
      })
      .from(tasks)
      .innerJoin(products, eq(products.id, tasks.productId))
      .leftJoin(users, eq(users.id, tasks.assigneeId))
      .where(and(...where))
      .orderBy(sql`${tasks.dueDate} is null`, asc(tasks.dueDate), desc(tasks.updatedAt))
      .limit(f.limit)
      .offset(f.offset)
  },

  /** Tasks under a requirement, for its detail view. */
  async ofRequirement(db: Db, requirementId: number) {
    return await db
      .select({
        id: tasks.id,
        key: itemKey(products.key, tasks.number),
        title: tasks.title,
        kind: tasks.kind,
        status: tasks.status,
        assigneeId: tasks.assigneeId,
        estimate: tasks.estimate,
        iterationId: tasks.iterationId,
      })
      .from(tasks)
      .innerJoin(products, eq(products.id, tasks.productId))
      .where(eq(tasks.requirementId, requirementId))
      .orderBy(asc(tasks.id))
  },
}

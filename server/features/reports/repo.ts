// SQL for reports: the task history of an iteration, throughput, and the facts the risk list needs.
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { dialectOf } from '../../../db/dialect'
import { rows } from '../../../db/query'
import {
  activity,
  customerAsks,
  customers,
  iterations,
  products,
  requirements,
  tasks,
  users,
} from '../../../db/schema'
import { itemKey } from '../../lib/sql'
import { CHANGE } from '../activity/repo'

export interface TaskEvent {
  entityId: number
  action: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  createdAt: string
}

/** Raw SQL answers JSON columns as text. */
const parseEvent = (r: TaskEvent): TaskEvent => ({
  ...r,
  before: typeof r.before === 'string' ? JSON.parse(r.before) : r.before,
  after: typeof r.after === 'string' ? JSON.parse(r.after) : r.after,
})

export const reportRepo = {
  /** Every activity row of every task that was ever in the iteration, oldest first. */
  async iterationTaskHistory(db: Db, productId: number, iterationId: number): Promise<TaskEvent[]> {
    const events = await rows<TaskEvent>(
      db,
      sql`
      with touched as (
        select id as task_id from ${tasks} where iteration_id = ${iterationId}
        union
        select entity_id from ${activity}
        where product_id = ${productId} and entity_type = 'task'
          and (${sql.raw(dialectOf(db).number('before', 'iterationId'))} = ${iterationId} or ${sql.raw(dialectOf(db).number('after', 'iterationId'))} = ${iterationId})
      )
      select a.entity_id as "entityId", a.action as action, a.before as before, a.after as after, a.created_at as "createdAt"
      from ${activity} a join touched t on t.task_id = a.entity_id
      where a.product_id = ${productId} and a.entity_type = 'task'
      order by a.created_at, a.id`,
    )
    return events.map(parseEvent)
  },

  /** Every task event of a product up to a moment, oldest first (for reconstructing any past week). */
  async productTaskHistory(db: Db, productId: number, untilIso: string): Promise<TaskEvent[]> {
    const events = await rows<TaskEvent>(
      db,
      sql`
        select entity_id as "entityId", action, before, after, created_at as "createdAt" from ${activity}
        where product_id = ${productId} and entity_type = 'task' and created_at < ${untilIso}
        order by created_at, id`,
    )
    return events.map(parseEvent)
  },

  /** Points finished per day (tasks moved to done) in a product since `sinceIso`. */
  async dailyThroughput(db: Db, productId: number, sinceIso: string) {
    return rows<{ day: string; points: number; count: number }>(
      db,
      sql`
      select substr(a.created_at, 1, 10) as day,
             sum(coalesce(${sql.raw(dialectOf(db).number('a.after', 'estimate'))}, t.estimate, 1)) as points,
             count(*) as count
      from ${activity} a left join ${tasks} t on t.id = a.entity_id
      where a.product_id = ${productId} and a.entity_type = 'task' and a.action = 'moved'
        and ${sql.raw(dialectOf(db).text('a.after', 'status'))} = 'done' and a.created_at >= ${sinceIso}
      group by substr(a.created_at, 1, 10) order by day`,
    )
  },

  /** Open requirements of a release: those pointing at it, and those planned in an iteration that does. */
  async releaseWork(db: Db, releaseId: number) {
    return db
      .select({ id: requirements.id, estimate: requirements.estimate, status: requirements.status })
      .from(requirements)
      .leftJoin(iterations, eq(iterations.id, requirements.iterationId))
      .where(
        and(
          sql`(${requirements.releaseId} = ${releaseId} or (${requirements.releaseId} is null and ${iterations.releaseId} = ${releaseId}))`,
          inArray(requirements.status, ['approved', 'planned', 'developing', 'testing']),
        ),
      )
  },

  /** Open tasks of a product with what the risk list shows. */
  async openTasks(db: Db, productId: number) {
    return db
      .select({
        id: tasks.id,
        key: itemKey(products.key, tasks.number),
        title: tasks.title,
        kind: tasks.kind,
        status: tasks.status,
        category: tasks.category,
        risk: tasks.risk,
        dueDate: tasks.dueDate,
        blockedReason: tasks.blockedReason,
        iterationId: tasks.iterationId,
        assigneeName: users.name,
        updatedAt: tasks.updatedAt,
      })
      .from(tasks)
      .innerJoin(products, eq(products.id, tasks.productId))
      .leftJoin(users, eq(users.id, tasks.assigneeId))
      .where(and(eq(tasks.productId, productId), ne(tasks.status, 'done')))
  },

  /** When each currently blocked task was blocked (its latest move to blocked). */
  async blockedSince(db: Db, taskIds: readonly number[]) {
    if (!taskIds.length) return []
    return rows<{ id: number; since: string }>(
      db,
      sql`
      select entity_id as id, max(created_at) as since from ${activity}
      where entity_type = 'task' and entity_id in (${sql.join(
        taskIds.map((id) => sql`${id}`),
        sql`, `,
      )}) and ${sql.raw(dialectOf(db).text('after', 'status'))} = 'blocked'
      group by entity_id`,
    )
  },

  /** Customer asks on open requirements of a product, with the customer and where the work is planned. */
  async asks(db: Db, productId: number) {
    return db
      .select({
        askId: customerAsks.id,
        importance: customerAsks.importance,
        promisedDate: customerAsks.promisedDate,
        customer: {
          id: customers.id,
          name: customers.name,
          industry: customers.industry,
          tier: customers.tier,
          contractValue: customers.contractValue,
        },
        requirement: {
          id: requirements.id,
          key: itemKey(products.key, requirements.number),
          title: requirements.title,
          status: requirements.status,
          moduleId: requirements.moduleId,
          iterationId: requirements.iterationId,
          releaseId: requirements.releaseId,
          targetDate: requirements.targetDate,
        },
      })
      .from(customerAsks)
      .innerJoin(requirements, eq(requirements.id, customerAsks.requirementId))
      .innerJoin(customers, eq(customers.id, customerAsks.customerId))
      .innerJoin(products, eq(products.id, requirements.productId))
      .where(eq(requirements.productId, productId))
      .orderBy(asc(requirements.rank))
  },

  async iterationsOf(db: Db, productId: number) {
    return db
      .select()
      .from(iterations)
      .where(eq(iterations.productId, productId))
      .orderBy(asc(iterations.startDate))
  },

  /** Activity of a product in a time window, for the weekly report. */
  async activityBetween(db: Db, productId: number, fromIso: string, toIso: string) {
    return db
      .select({ ...CHANGE, createdAt: activity.createdAt })
      .from(activity)
      .where(
        and(
          eq(activity.productId, productId),
          sql`${activity.createdAt} >= ${fromIso}`,
          sql`${activity.createdAt} < ${toIso}`,
        ),
      )
      .orderBy(asc(activity.createdAt), asc(activity.id))
  },
}

// SQL for webhooks, their delivery log (which is also the retry queue), and the facts a message needs.
import { and, desc, eq, isNull, lt, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { prepared } from '../../../db/prepared'
import { first, single } from '../../../db/query'
import {
  accessEpoch,
  activity,
  comments,
  customerAsks,
  customers,
  iterations,
  modules,
  products,
  releases,
  requirements,
  tasks,
  users,
  webhookDeliveries,
  webhooks,
} from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export type WebhookRow = typeof webhooks.$inferSelect

// The access epoch with the active webhooks of a workspace (none: one row of nulls beside the epoch).
const activeQuery = (db: Db) =>
  db
    .select({ epoch: accessEpoch.value, hook: webhooks })
    .from(accessEpoch)
    .leftJoin(
      webhooks,
      and(eq(webhooks.workspaceId, sql.placeholder('workspaceId')), eq(webhooks.active, true)),
    )
    .where(eq(accessEpoch.id, 1))
    .prepare()
export type DeliveryRow = typeof webhookDeliveries.$inferSelect

export const webhookRepo = {
  async insert(db: Db, values: typeof webhooks.$inferInsert) {
    return single(db.insert(webhooks).values(values).returning())
  },

  async list(db: Db, workspaceId: number) {
    return db.select().from(webhooks).where(eq(webhooks.workspaceId, workspaceId)).orderBy(webhooks.id)
  },

  /** A workspace's active webhooks, and the access epoch they were read at (what the worker caches them by). */
  async active(db: Db, workspaceId: number) {
    const rows = await prepared(db, activeQuery).execute({ workspaceId })
    return {
      epoch: rows[0]?.epoch ?? 0,
      hooks: rows.flatMap((r) => (r.hook === null ? [] : [r.hook])),
    }
  },

  byId: workspaceRowById(webhooks),

  /** A webhook by id alone: the worker, which serves every workspace. */
  async byIdAnywhere(db: Db, id: number) {
    return first(db.select().from(webhooks).where(eq(webhooks.id, id)))
  },

  async update(db: Db, id: number, values: Partial<typeof webhooks.$inferInsert>) {
    return updateVersioned(db, webhooks, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(webhooks).where(eq(webhooks.id, id))
  },

  async insertDelivery(db: Db, values: typeof webhookDeliveries.$inferInsert) {
    return single(db.insert(webhookDeliveries).values(values).returning())
  },

  async delivery(db: Db, id: number) {
    return first(db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))
  },

  async updateDelivery(db: Db, id: number, values: Partial<typeof webhookDeliveries.$inferInsert>) {
    return first(db.update(webhookDeliveries).set(values).where(eq(webhookDeliveries.id, id)).returning())
  },

  /** The newest deliveries of a webhook first, a page at a time. */
  async deliveries(db: Db, webhookId: number, limit: number, beforeId?: number) {
    const where = [eq(webhookDeliveries.webhookId, webhookId)]
    if (beforeId !== undefined) where.push(lt(webhookDeliveries.id, beforeId))
    return db
      .select()
      .from(webhookDeliveries)
      .where(and(...where))
      .orderBy(desc(webhookDeliveries.id))
      .limit(limit)
  },

  /**
   * Takes a pending delivery for one attempt, if it is still as the caller saw it (its next attempt at
   * `expected`): the next attempt moves to `leaseUntil`, so no other process takes it meanwhile, and if
   * this one stops mid-attempt the delivery falls due again when the lease ends. Undefined: taken already.
   */
  async claim(db: Db, id: number, expected: string | null, leaseUntil: string) {
    return first(
      db
        .update(webhookDeliveries)
        .set({ nextAttemptAt: leaseUntil })
        .where(
          and(
            eq(webhookDeliveries.id, id),
            eq(webhookDeliveries.status, 'pending'),
            expected === null
              ? isNull(webhookDeliveries.nextAttemptAt)
              : eq(webhookDeliveries.nextAttemptAt, expected),
          ),
        )
        .returning(),
    )
  },

  /** Pending deliveries due by `nowIso` (a lease that ended counts): what another process left behind. */
  async due(db: Db, nowIso: string) {
    return db
      .select({ id: webhookDeliveries.id, nextAttemptAt: webhookDeliveries.nextAttemptAt })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, 'pending'),
          or(isNull(webhookDeliveries.nextAttemptAt), lte(webhookDeliveries.nextAttemptAt, nowIso)),
        ),
      )
      .orderBy(webhookDeliveries.id)
      .limit(500)
  },

  /** Every delivery still to be made, in every workspace: picked up when the server starts. */
  async pending(db: Db) {
    return db
      .select({ id: webhookDeliveries.id, nextAttemptAt: webhookDeliveries.nextAttemptAt })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.status, 'pending'))
      .orderBy(webhookDeliveries.id)
  },

  async lastDeliveries(db: Db, workspaceId: number) {
    return db
      .select({
        webhookId: webhookDeliveries.webhookId,
        status: webhookDeliveries.status,
        createdAt: webhookDeliveries.createdAt,
      })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.workspaceId, workspaceId))
      .orderBy(desc(webhookDeliveries.id))
      .limit(500)
  },
}

/** Reads for the facts of an event: who did it, to what, and what changed. */
export const factsRepo = {
  async userName(db: Db, id: number) {
    return (await first(db.select({ name: users.name }).from(users).where(eq(users.id, id))))?.name
  },

  async productKey(db: Db, id: number) {
    return first(
      db.select({ key: products.key, name: products.name }).from(products).where(eq(products.id, id)),
    )
  },

  /** The activity row the event came from: the newest for its entity (written in the same commit). */
  async lastChange(db: Db, workspaceId: number, entityType: string, entityId: number) {
    return first(
      db
        .select({ before: activity.before, after: activity.after, createdAt: activity.createdAt })
        .from(activity)
        .where(
          and(
            eq(activity.workspaceId, workspaceId),
            eq(activity.entityType, entityType),
            eq(activity.entityId, entityId),
          ),
        )
        .orderBy(desc(activity.id))
        .limit(1),
    )
  },

  async requirement(db: Db, id: number) {
    return first(
      db
        .select({
          number: requirements.number,
          title: requirements.title,
          status: requirements.status,
          productId: requirements.productId,
        })
        .from(requirements)
        .where(eq(requirements.id, id)),
    )
  },

  async task(db: Db, id: number) {
    return first(
      db
        .select({
          number: tasks.number,
          title: tasks.title,
          status: tasks.status,
          productId: tasks.productId,
        })
        .from(tasks)
        .where(eq(tasks.id, id)),
    )
  },

  async comment(db: Db, id: number) {
    return first(
      db
        .select({ entityType: comments.entityType, entityId: comments.entityId, body: comments.body })
        .from(comments)
        .where(eq(comments.id, id)),
    )
  },

  async ask(db: Db, id: number) {
    return first(
      db
        .select({ requirementId: customerAsks.requirementId, customer: customers.name })
        .from(customerAsks)
        .innerJoin(customers, eq(customers.id, customerAsks.customerId))
        .where(eq(customerAsks.id, id)),
    )
  },

  async customerName(db: Db, id: number) {
    return (await first(db.select({ name: customers.name }).from(customers).where(eq(customers.id, id))))
      ?.name
  },

  /** The name of a named entity (iteration, release, module, product, customer). */
  async name(db: Db, entityType: string, id: number): Promise<string | undefined> {
    const table = { iteration: iterations, release: releases, module: modules, product: products }[
      entityType as 'iteration'
    ]
    if (table) return (await first(db.select({ name: table.name }).from(table).where(eq(table.id, id))))?.name
    if (entityType === 'customer') return factsRepo.customerName(db, id)
    return undefined
  },
}

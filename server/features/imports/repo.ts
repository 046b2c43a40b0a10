// SQL for imports. Importing 10,000 issues is tens of thousands of rows, so the writes go through
// prepared statements, one per shape of row (lib/sql.ts, `rowInserter`), rather than one ORM query built
// per row; the lookups read a product's rows once per import. The service runs every write inside one
// transaction.
import { and, asc, eq, exists, inArray, isNull, max, or, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { first, runText } from '../../../db/query'
import {
  type AcceptanceItem,
  activity,
  comments,
  type ExternalEntityType,
  externalRefs,
  type ImportSource,
  importRuns,
  iterations,
  memberProducts,
  members,
  modules,
  products,
  releases,
  requirements,
  roles,
  tasks,
  users,
  workspaces,
} from '../../../db/schema'
import { type RowValues, rowBatch, rowInserter, rowUpdater } from '../../lib/sql'

// Read with every requirement and task shown: plain SQL text, prepared once per connection (runText).
const ORIGIN = `select source, external_key as key from external_refs
  where entity_type = ? and entity_id = ? order by id limit 1`

/** What an import sets on a requirement: the fields a file speaks of, as the schema types them. */
export type RequirementValues = Required<
  Pick<
    RowValues<typeof requirements>,
    | 'title'
    | 'description'
    | 'priority'
    | 'estimate'
    | 'effort'
    | 'status'
    | 'moduleId'
    | 'iterationId'
    | 'releaseId'
    | 'targetDate'
    | 'source'
  >
> & { acceptanceCriteria: AcceptanceItem[] | undefined }

/** What an import sets on a task. */
export type TaskValues = Required<
  Pick<
    RowValues<typeof tasks>,
    | 'kind'
    | 'title'
    | 'description'
    | 'requirementId'
    | 'iterationId'
    | 'status'
    | 'blockedReason'
    | 'category'
    | 'risk'
    | 'assigneeId'
    | 'estimate'
    | 'remaining'
    | 'dueDate'
    | 'startedAt'
    | 'doneAt'
  >
>

/** A requirement already in the product, as the importer compares it with the file (criteria as JSON text). */
export type ExistingRequirement = Omit<RequirementValues, 'acceptanceCriteria'> & {
  id: number
  number: number
  acceptanceCriteria: string
  value: number
  demand: number
  version: number
}

/** A task already in the product, as the importer compares it with the file. */
export type ExistingTask = TaskValues & { id: number; number: number; version: number }

/** A release or iteration the import creates, as the plan has it. */
type PlannedRelease = Pick<RowValues<typeof releases>, 'name' | 'description' | 'targetDate' | 'status'> & {
  releasedAt: string | null
}
type PlannedIteration = Pick<
  RowValues<typeof iterations>,
  'name' | 'goal' | 'startDate' | 'endDate' | 'capacity' | 'status'
> & { startedAt: string | null; closedAt: string | null }

/** A history row of an imported record, told in the file's words. */
type ImportedChange = Pick<
  RowValues<typeof activity>,
  'entityType' | 'entityId' | 'action' | 'actorId' | 'actorName' | 'before' | 'after' | 'createdAt'
>

export const importRepo = {
  async refs(db: Db, productId: number, source: ImportSource) {
    const rows = await db
      .select({ type: externalRefs.entityType, key: externalRefs.externalKey, id: externalRefs.entityId })
      .from(externalRefs)
      .where(and(eq(externalRefs.productId, productId), eq(externalRefs.source, source)))
    return new Map(rows.map((r) => [`${r.type}\u0000${r.key}`, r.id]))
  },

  async requirements(db: Db, productId: number) {
    const r = requirements
    const rows: ExistingRequirement[] = await db
      .select({
        id: r.id,
        number: r.number,
        title: r.title,
        description: r.description,
        priority: r.priority,
        estimate: r.estimate,
        effort: r.effort,
        status: r.status,
        moduleId: r.moduleId,
        iterationId: r.iterationId,
        releaseId: r.releaseId,
        targetDate: r.targetDate,
        // The stored JSON text, as the importer compares it (the column would decode it).
        acceptanceCriteria: sql<string>`${r.acceptanceCriteria}`,
        source: r.source,
        value: r.value,
        demand: r.demand,
        version: r.version,
      })
      .from(r)
      .where(eq(r.productId, productId))
    return new Map(rows.map((row) => [row.id, row]))
  },

  async tasks(db: Db, productId: number) {
    const t = tasks
    const rows: ExistingTask[] = await db
      .select({
        id: t.id,
        number: t.number,
        kind: t.kind,
        title: t.title,
        description: t.description,
        requirementId: t.requirementId,
        iterationId: t.iterationId,
        status: t.status,
        blockedReason: t.blockedReason,
        category: t.category,
        risk: t.risk,
        assigneeId: t.assigneeId,
        estimate: t.estimate,
        remaining: t.remaining,
        dueDate: t.dueDate,
        startedAt: t.startedAt,
        doneAt: t.doneAt,
        version: t.version,
      })
      .from(t)
      .where(eq(t.productId, productId))
    return new Map(rows.map((row) => [row.id, row]))
  },

  modules(db: Db, productId: number): Promise<{ id: number; name: string; parentId: number | null }[]> {
    return db
      .select({ id: modules.id, name: modules.name, parentId: modules.parentId })
      .from(modules)
      .where(eq(modules.productId, productId))
  },

  releases(
    db: Db,
    productId: number,
  ): Promise<{ id: number; name: string; targetDate: string; status: string }[]> {
    return db
      .select({
        id: releases.id,
        name: releases.name,
        targetDate: releases.targetDate,
        status: releases.status,
      })
      .from(releases)
      .where(eq(releases.productId, productId))
  },

  iterations(
    db: Db,
    productId: number,
  ): Promise<{ id: number; name: string; startDate: string; endDate: string; status: string }[]> {
    return db
      .select({
        id: iterations.id,
        name: iterations.name,
        startDate: iterations.startDate,
        endDate: iterations.endDate,
        status: iterations.status,
      })
      .from(iterations)
      .where(eq(iterations.productId, productId))
  },

  async comments(db: Db, productId: number) {
    const rows = await db
      .select({ id: comments.id, body: comments.body })
      .from(comments)
      .where(eq(comments.productId, productId))
    return new Map(rows.map((r) => [r.id, r.body]))
  },

  /** Members who may see the product, to match assignees and authors by name or email. */
  members(db: Db, workspaceId: number, productId: number) {
    const narrowedTo = db
      .select({ one: sql`1` })
      .from(memberProducts)
      .where(and(eq(memberProducts.memberId, members.id), eq(memberProducts.productId, productId)))
    return db
      .select({ id: users.id, name: users.name, email: users.email })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, workspaceId), or(eq(members.restricted, false), exists(narrowedTo))))
  },

  /** The last rank of each board column (iteration × status) the product's tasks can land in. */
  async taskColumnRanks(db: Db, productId: number) {
    const ofProduct = db
      .select({ id: iterations.id })
      .from(iterations)
      .where(eq(iterations.productId, productId))
    const rows = await db
      .select({ iterationId: tasks.iterationId, status: tasks.status, rank: max(tasks.rank) })
      .from(tasks)
      .where(or(isNull(tasks.iterationId), inArray(tasks.iterationId, ofProduct)))
      .groupBy(tasks.iterationId, tasks.status)
    return new Map(rows.map((r) => [`${r.iterationId ?? 'none'}:${r.status}`, r.rank]))
  },

  async lastRequirementRank(db: Db, productId: number): Promise<string | null> {
    const row = await first(
      db
        .select({ rank: max(requirements.rank) })
        .from(requirements)
        .where(eq(requirements.productId, productId)),
    )
    return row?.rank ?? null
  },

  async lastNumber(db: Db, productId: number): Promise<number> {
    const row = await first(
      db.select({ n: products.lastNumber }).from(products).where(eq(products.id, productId)),
    )
    if (!row) throw new Error(`import: no product ${productId}`)
    return row.n
  },

  async setLastNumber(db: Db, productId: number, n: number) {
    await db
      .update(products)
      .set({ lastNumber: n })
      .where(and(eq(products.id, productId), sql`${products.lastNumber} < ${n}`))
  },

  /** For the command line: a workspace by id or name. */
  workspace(db: Db, idOrName: string) {
    const id = /^\d+$/.test(idOrName) ? Number(idOrName) : -1
    return first(
      db
        .select({ id: workspaces.id, name: workspaces.name })
        .from(workspaces)
        .where(or(eq(workspaces.id, id), eq(workspaces.name, idOrName)))
        .orderBy(asc(workspaces.id))
        .limit(1),
    )
  },

  /** For the command line: who the import runs as (the member with that email, else the first owner). */
  actor(db: Db, workspaceId: number, email: string | undefined) {
    return first(
      db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          memberId: members.id,
          roleId: members.roleId,
          permissions: roles.permissions,
          restricted: members.restricted,
        })
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .innerJoin(roles, eq(roles.id, members.roleId))
        .where(
          and(
            eq(members.workspaceId, workspaceId),
            email === undefined ? eq(roles.builtIn, 'owner') : sql`lower(${users.email}) = lower(${email})`,
          ),
        )
        .orderBy(asc(members.id))
        .limit(1),
    )
  },

  /** Where an imported requirement or task came from: the system and the key it had there (its first import's). */
  async originOf(db: Db, entityType: 'requirement' | 'task', entityId: number) {
    const { rows } = await runText(db, ORIGIN, [entityType, entityId])
    return (rows[0] as { source: ImportSource; key: string } | undefined) ?? null
  },

  productByKey(db: Db, workspaceId: number, key: string) {
    const id = /^\d+$/.test(key) ? Number(key) : -1
    return first(
      db
        .select({ id: products.id, key: products.key })
        .from(products)
        .where(and(eq(products.workspaceId, workspaceId), or(eq(products.key, key), eq(products.id, id))))
        .limit(1),
    )
  },

  /** The writes of one import, their statements made from the schema's tables (lib/sql.ts). */
  writer(tx: Db) {
    const insert = {
      module: rowInserter(tx, modules),
      release: rowInserter(tx, releases),
      iteration: rowInserter(tx, iterations),
      requirement: rowInserter(tx, requirements),
      task: rowInserter(tx, tasks),
      comment: rowInserter(tx, comments),
      // History rows and external keys: nobody needs their ids, so PostgreSQL takes them in batches.
      activity: rowBatch(tx, activity),
      // Re-importing points the external key at the record it names now.
      ref: rowBatch(tx, externalRefs, {
        onConflict: { target: ['productId', 'source', 'entityType', 'externalKey'], update: ['entityId'] },
      }),
      run: rowInserter(tx, importRuns),
    }
    const update = { requirements: rowUpdater(tx, requirements), tasks: rowUpdater(tx, tasks) }
    const updateComment = rowUpdater(tx, comments)
    return {
      module: (ws: number, product: number, parentId: number | null, name: string, at: string) =>
        insert.module({ workspaceId: ws, productId: product, parentId, name, createdAt: at }),
      release: (ws: number, product: number, r: PlannedRelease, at: string) =>
        insert.release({
          workspaceId: ws,
          productId: product,
          name: r.name,
          description: r.description,
          targetDate: r.targetDate,
          status: r.status,
          releasedAt: r.releasedAt,
          createdAt: at,
          updatedAt: at,
        }),
      iteration: (ws: number, product: number, i: PlannedIteration, at: string) =>
        insert.iteration({
          workspaceId: ws,
          productId: product,
          name: i.name,
          goal: i.goal,
          startDate: i.startDate,
          endDate: i.endDate,
          capacity: i.capacity,
          status: i.status,
          startedAt: i.startedAt,
          closedAt: i.closedAt,
          createdAt: at,
          updatedAt: at,
        }),
      requirement: (row: RowValues<typeof requirements>) => insert.requirement(row),
      task: (row: RowValues<typeof tasks>) => insert.task(row),
      comment: (
        ws: number,
        product: number,
        type: string,
        entityId: number,
        authorName: string | null,
        body: string,
        at: string,
        updatedAt: string,
      ) =>
        insert.comment({
          workspaceId: ws,
          productId: product,
          entityType: type,
          entityId,
          authorId: null,
          authorName,
          body,
          createdAt: at,
          updatedAt,
        }),
      updateComment: (commentId: number, body: string, at: string) =>
        updateComment(commentId, { body, updatedAt: at }),
      activity: (ws: number, product: number, a: ImportedChange) =>
        insert.activity.add({ ...a, workspaceId: ws, productId: product, imported: true }),
      /** Writes the history rows and keys still held (PostgreSQL's batches): before the import's write ends. */
      flush: async () => {
        await insert.activity.flush()
        await insert.ref.flush()
      },
      ref: (
        ws: number,
        product: number,
        source: ImportSource,
        type: ExternalEntityType,
        key: string,
        entityId: number,
        at: string,
      ) =>
        insert.ref.add({
          workspaceId: ws,
          productId: product,
          source,
          entityType: type,
          externalKey: key,
          entityId,
          createdAt: at,
        }),
      run: (
        ws: number,
        product: number,
        format: string,
        fileName: string,
        counts: Record<string, number>,
        warnings: number,
        by: number | null,
        at: string,
      ) =>
        insert.run({
          workspaceId: ws,
          productId: product,
          format,
          fileName,
          counts,
          warningCount: warnings,
          createdBy: by,
          createdAt: at,
        }),
      /** Updates the changed fields of a requirement or task and bumps its version. */
      update: (
        table: 'requirements' | 'tasks',
        entityId: number,
        changes: Record<string, unknown>,
        at: string,
      ) => update[table](entityId, { ...changes, updatedAt: at }),
    }
  },
}

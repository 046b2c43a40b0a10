// SQL for imports. Importing 10,000 issues is tens of thousands of rows, so this module speaks to
// SQLite through prepared statements (reused by SQL text) rather than one ORM call per row; the
// service runs every write inside one transaction.
import type Database from 'better-sqlite3'
import type { OpenDb } from '../../../db/client'
import { statement } from '../../../db/prepared'
import {
  type AcceptanceItem,
  activity,
  comments,
  type ExternalEntityType,
  externalRefs,
  type ImportSource,
  importRuns,
  iterations,
  modules,
  releases,
  requirements,
  tasks,
} from '../../../db/schema'
import { type RowValues, rowInserter, rowUpdater } from '../../lib/sql'

// Read with every requirement and task shown: a plain statement (db/prepared.ts, `statement`).
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
  refs(client: Database.Database, productId: number, source: ImportSource) {
    const rows = client
      .prepare(
        'select entity_type as type, external_key as key, entity_id as id from external_refs where product_id = ? and source = ?',
      )
      .all(productId, source) as { type: ExternalEntityType; key: string; id: number }[]
    return new Map(rows.map((r) => [`${r.type}\u0000${r.key}`, r.id]))
  },

  requirements(client: Database.Database, productId: number) {
    const rows = client
      .prepare(
        `select id, number, title, description, priority, estimate, effort, status, module_id as moduleId,
          iteration_id as iterationId, release_id as releaseId, target_date as targetDate,
          acceptance_criteria as acceptanceCriteria, source, value, demand, version
         from requirements where product_id = ?`,
      )
      .all(productId) as ExistingRequirement[]
    return new Map(rows.map((r) => [r.id, r]))
  },

  tasks(client: Database.Database, productId: number) {
    const rows = client
      .prepare(
        `select id, number, kind, title, description, requirement_id as requirementId, iteration_id as iterationId,
          status, blocked_reason as blockedReason, category, risk, assignee_id as assigneeId, estimate, remaining,
          due_date as dueDate, started_at as startedAt, done_at as doneAt, version
         from tasks where product_id = ?`,
      )
      .all(productId) as ExistingTask[]
    return new Map(rows.map((r) => [r.id, r]))
  },

  modules(client: Database.Database, productId: number) {
    return client
      .prepare('select id, name, parent_id as parentId from modules where product_id = ?')
      .all(productId) as { id: number; name: string; parentId: number | null }[]
  },

  releases(client: Database.Database, productId: number) {
    return client
      .prepare('select id, name, target_date as targetDate, status from releases where product_id = ?')
      .all(productId) as { id: number; name: string; targetDate: string; status: string }[]
  },

  iterations(client: Database.Database, productId: number) {
    return client
      .prepare(
        'select id, name, start_date as startDate, end_date as endDate, status from iterations where product_id = ?',
      )
      .all(productId) as { id: number; name: string; startDate: string; endDate: string; status: string }[]
  },

  comments(client: Database.Database, productId: number) {
    const rows = client.prepare('select id, body from comments where product_id = ?').all(productId) as {
      id: number
      body: string
    }[]
    return new Map(rows.map((r) => [r.id, r.body]))
  },

  /** Members who may see the product, to match assignees and authors by name or email. */
  members(client: Database.Database, workspaceId: number, productId: number) {
    return client
      .prepare(
        `select u.id, u.name, u.email from members m join users u on u.id = m.user_id
         where m.workspace_id = ? and (m.restricted = 0 or exists
           (select 1 from member_products mp where mp.member_id = m.id and mp.product_id = ?))`,
      )
      .all(workspaceId, productId) as { id: number; name: string; email: string }[]
  },

  /** The last rank of each board column (iteration × status) the product's tasks can land in. */
  taskColumnRanks(client: Database.Database, productId: number) {
    const rows = client
      .prepare(
        `select iteration_id as iterationId, status, max(rank) as rank from tasks
         where iteration_id is null or iteration_id in (select id from iterations where product_id = ?)
         group by iteration_id, status`,
      )
      .all(productId) as { iterationId: number | null; status: string; rank: string }[]
    return new Map(rows.map((r) => [`${r.iterationId ?? 'none'}:${r.status}`, r.rank]))
  },

  lastRequirementRank(client: Database.Database, productId: number): string | null {
    const row = client
      .prepare('select max(rank) as rank from requirements where product_id = ?')
      .get(productId) as { rank: string | null } | undefined
    return row?.rank ?? null
  },

  lastNumber(client: Database.Database, productId: number): number {
    return (
      client.prepare('select last_number as n from products where id = ?').get(productId) as { n: number }
    ).n
  },

  setLastNumber(client: Database.Database, productId: number, n: number) {
    client
      .prepare('update products set last_number = ? where id = ? and last_number < ?')
      .run(n, productId, n)
  },

  /** For the command line: a workspace by id or name. */
  workspace(client: Database.Database, idOrName: string) {
    return client
      .prepare('select id, name from workspaces where id = ? or name = ? order by id limit 1')
      .get(/^\d+$/.test(idOrName) ? Number(idOrName) : -1, idOrName) as
      | { id: number; name: string }
      | undefined
  },

  /** For the command line: who the import runs as (the member with that email, else the first owner). */
  actor(client: Database.Database, workspaceId: number, email: string | undefined) {
    return client
      .prepare(
        `select u.id, u.email, u.name, m.id as memberId, m.role_id as roleId, r.permissions, m.restricted
         from members m join users u on u.id = m.user_id join roles r on r.id = m.role_id
         where m.workspace_id = ? and (lower(u.email) = lower(?) or (? is null and r.built_in = 'owner'))
         order by m.id limit 1`,
      )
      .get(workspaceId, email ?? null, email ?? null) as
      | {
          id: number
          email: string
          name: string
          memberId: number
          roleId: number
          permissions: string
          restricted: number
        }
      | undefined
  },

  /** Where an imported requirement or task came from: the system and the key it had there (its first import's). */
  originOf(db: OpenDb, entityType: 'requirement' | 'task', entityId: number) {
    const origin = statement(db.$client, ORIGIN).get(entityType, entityId)
    return (origin as { source: ImportSource; key: string } | undefined) ?? null
  },

  productByKey(client: Database.Database, workspaceId: number, key: string) {
    return client
      .prepare('select id, key from products where workspace_id = ? and (key = ? or id = ?)')
      .get(workspaceId, key, /^\d+$/.test(key) ? Number(key) : -1) as { id: number; key: string } | undefined
  },

  /** The writes of one import, their statements made from the schema's tables (lib/sql.ts). */
  writer(client: Database.Database) {
    const insert = {
      module: rowInserter(client, modules),
      release: rowInserter(client, releases),
      iteration: rowInserter(client, iterations),
      requirement: rowInserter(client, requirements),
      task: rowInserter(client, tasks),
      comment: rowInserter(client, comments),
      activity: rowInserter(client, activity),
      // Re-importing points the external key at the record it names now.
      ref: rowInserter(client, externalRefs, {
        onConflict: { target: ['productId', 'source', 'entityType', 'externalKey'], update: ['entityId'] },
      }),
      run: rowInserter(client, importRuns),
    }
    const update = { requirements: rowUpdater(client, requirements), tasks: rowUpdater(client, tasks) }
    const updateComment = rowUpdater(client, comments)
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
        insert.activity({ ...a, workspaceId: ws, productId: product }),
      ref: (
        ws: number,
        product: number,
        source: ImportSource,
        type: ExternalEntityType,
        key: string,
        entityId: number,
        at: string,
      ) =>
        insert.ref({
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

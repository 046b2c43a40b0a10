// SQL for imports. Importing 10,000 issues is tens of thousands of rows, so this module speaks to
// SQLite through prepared statements (reused by SQL text) rather than one ORM call per row; the
// service runs every write inside one transaction.
import type Database from 'better-sqlite3'
import type { AcceptanceItem, ExternalEntityType, ImportSource } from '../../../db/schema'

export interface ExistingRequirement {
  id: number
  number: number
  title: string
  description: string
  priority: string
  estimate: number | null
  effort: number | null
  status: string
  moduleId: number | null
  iterationId: number | null
  releaseId: number | null
  targetDate: string | null
  acceptanceCriteria: string
  source: string
  value: number
  demand: number
  version: number
}

/** A task already in the product, as the importer compares it with the file. */
export interface ExistingTask extends TaskValues {
  id: number
  number: number
  version: number
}

export interface RequirementValues {
  title: string
  description: string
  priority: string
  estimate: number | null
  effort: number | null
  status: string
  moduleId: number | null
  iterationId: number | null
  releaseId: number | null
  targetDate: string | null
  acceptanceCriteria: AcceptanceItem[] | undefined
  source: string
}

export interface TaskValues {
  kind: string
  title: string
  description: string
  requirementId: number | null
  iterationId: number | null
  status: string
  blockedReason: string | null
  category: string | null
  risk: string | null
  assigneeId: number | null
  estimate: number | null
  remaining: number | null
  dueDate: string | null
  startedAt: string | null
  doneAt: string | null
}

/** camelCase field → column, for the dynamic UPDATE of changed fields. */
const column = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

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

  productByKey(client: Database.Database, workspaceId: number, key: string) {
    return client
      .prepare('select id, key from products where workspace_id = ? and (key = ? or id = ?)')
      .get(workspaceId, key, /^\d+$/.test(key) ? Number(key) : -1) as { id: number; key: string } | undefined
  },

  /** The write statements, prepared once per import. */
  writer(client: Database.Database) {
    const insertModule = client.prepare(
      'insert into modules (workspace_id, product_id, parent_id, name, created_at) values (?, ?, ?, ?, ?)',
    )
    const insertRelease = client.prepare(
      `insert into releases (workspace_id, product_id, name, description, target_date, status, released_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertIteration = client.prepare(
      `insert into iterations (workspace_id, product_id, name, goal, start_date, end_date, capacity, status, started_at, closed_at, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const insertRequirement = client.prepare(
      `insert into requirements (workspace_id, product_id, number, title, description, source, priority, value, effort, estimate,
         status, acceptance_criteria, module_id, iteration_id, release_id, target_date, rank, score, created_by, created_at, updated_at)
       values (@workspaceId, @productId, @number, @title, @description, @source, @priority, 5, @effort, @estimate,
         @status, @acceptanceCriteria, @moduleId, @iterationId, @releaseId, @targetDate, @rank, @score, @createdBy, @createdAt, @updatedAt)`,
    )
    const insertTask = client.prepare(
      `insert into tasks (workspace_id, product_id, number, kind, title, description, requirement_id, iteration_id, status,
         blocked_reason, category, risk, assignee_id, estimate, remaining, due_date, rank, started_at, done_at, created_by, created_at, updated_at)
       values (@workspaceId, @productId, @number, @kind, @title, @description, @requirementId, @iterationId, @status,
         @blockedReason, @category, @risk, @assigneeId, @estimate, @remaining, @dueDate, @rank, @startedAt, @doneAt, @createdBy, @createdAt, @updatedAt)`,
    )
    const insertComment = client.prepare(
      `insert into comments (workspace_id, product_id, entity_type, entity_id, author_id, author_name, body, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const updateComment = client.prepare(
      'update comments set body = ?, updated_at = ?, version = version + 1 where id = ?',
    )
    const insertActivity = client.prepare(
      `insert into activity (workspace_id, product_id, entity_type, entity_id, action, actor_id, actor_name, automatic, before, after, created_at)
       values (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)`,
    )
    const upsertRef = client.prepare(
      `insert into external_refs (workspace_id, product_id, source, entity_type, external_key, entity_id, created_at)
       values (?, ?, ?, ?, ?, ?, ?)
       on conflict (product_id, source, entity_type, external_key) do update set entity_id = excluded.entity_id`,
    )
    const insertRun = client.prepare(
      `insert into import_runs (workspace_id, product_id, format, file_name, counts, warning_count, created_by, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const id = (r: Database.RunResult) => Number(r.lastInsertRowid)
    const json = (v: unknown) => (v == null ? null : JSON.stringify(v))
    return {
      module: (ws: number, product: number, parentId: number | null, name: string, at: string) =>
        id(insertModule.run(ws, product, parentId, name, at)),
      release: (
        ws: number,
        product: number,
        r: {
          name: string
          description: string
          targetDate: string
          status: string
          releasedAt: string | null
        },
        at: string,
      ) =>
        id(
          insertRelease.run(ws, product, r.name, r.description, r.targetDate, r.status, r.releasedAt, at, at),
        ),
      iteration: (
        ws: number,
        product: number,
        i: {
          name: string
          goal: string
          startDate: string
          endDate: string
          capacity: number
          status: string
          startedAt: string | null
          closedAt: string | null
        },
        at: string,
      ) =>
        id(
          insertIteration.run(
            ws,
            product,
            i.name,
            i.goal,
            i.startDate,
            i.endDate,
            i.capacity,
            i.status,
            i.startedAt,
            i.closedAt,
            at,
            at,
          ),
        ),
      requirement: (
        row: Omit<RequirementValues, 'acceptanceCriteria'> & {
          acceptanceCriteria: string
          workspaceId: number
          productId: number
          number: number
          rank: string
          score: number
          createdBy: number | null
          createdAt: string
          updatedAt: string
        },
      ) => id(insertRequirement.run(row)),
      task: (
        row: TaskValues & {
          workspaceId: number
          productId: number
          number: number
          rank: string
          createdBy: number | null
          createdAt: string
          updatedAt: string
        },
      ) => id(insertTask.run(row)),
      comment: (
        ws: number,
        product: number,
        type: string,
        entityId: number,
        authorName: string | null,
        body: string,
        at: string,
        updatedAt: string,
      ) => id(insertComment.run(ws, product, type, entityId, null, authorName, body, at, updatedAt)),
      updateComment: (commentId: number, body: string, at: string) => updateComment.run(body, at, commentId),
      activity: (
        ws: number,
        product: number,
        a: {
          entityType: string
          entityId: number
          action: string
          actorId: number | null
          actorName: string | null
          before: unknown
          after: unknown
          createdAt: string
        },
      ) =>
        insertActivity.run(
          ws,
          product,
          a.entityType,
          a.entityId,
          a.action,
          a.actorId,
          a.actorName,
          json(a.before),
          json(a.after),
          a.createdAt,
        ),
      ref: (
        ws: number,
        product: number,
        source: ImportSource,
        type: ExternalEntityType,
        key: string,
        entityId: number,
        at: string,
      ) => upsertRef.run(ws, product, source, type, key, entityId, at),
      run: (
        ws: number,
        product: number,
        format: string,
        fileName: string,
        counts: Record<string, number>,
        warnings: number,
        by: number | null,
        at: string,
      ) => id(insertRun.run(ws, product, format, fileName, JSON.stringify(counts), warnings, by, at)),
      /** Updates the changed fields of a requirement or task and bumps its version. */
      update: (
        table: 'requirements' | 'tasks',
        entityId: number,
        changes: Record<string, unknown>,
        at: string,
      ) => {
        const fields = Object.keys(changes)
        const sql = `update ${table} set ${fields.map((f) => `${column(f)} = ?`).join(', ')}, updated_at = ?, version = version + 1 where id = ?`
        const values = fields.map((f) => {
          const v = changes[f]
          return v !== null && typeof v === 'object' ? JSON.stringify(v) : v
        })
        client.prepare(sql).run(...values, at, entityId)
      },
    }
  },
}

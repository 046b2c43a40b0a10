// SQL for importing a Keel workspace export: what the target workspace already has (products by key,
// customers, roles, members, earlier imports of the same file) and the inserts of every section, as
// prepared statements (a large workspace is tens of thousands of rows). Runs inside the service's
// transaction.
import type Database from 'better-sqlite3'

const json = (v: unknown) => (v == null ? null : JSON.stringify(v))
const id = (r: Database.RunResult) => Number(r.lastInsertRowid)
const bool = (b: boolean) => (b ? 1 : 0)

export const keelImportRepo = {
  products(client: Database.Database, workspaceId: number) {
    return client.prepare('select id, key from products where workspace_id = ?').all(workspaceId) as {
      id: number
      key: string
    }[]
  },

  customers(client: Database.Database, workspaceId: number) {
    return client.prepare('select id, name from customers where workspace_id = ?').all(workspaceId) as {
      id: number
      name: string
    }[]
  },

  roles(client: Database.Database, workspaceId: number) {
    return client
      .prepare('select id, name, built_in as builtIn from roles where workspace_id = ?')
      .all(workspaceId) as { id: number; name: string; builtIn: string | null }[]
  },

  /** The workspace's members by email, and whether they are narrowed to some products: who work may be assigned to. */
  members(client: Database.Database, workspaceId: number) {
    return client
      .prepare(
        'select u.id, lower(u.email) as email, m.restricted from members m join users u on u.id = m.user_id where m.workspace_id = ?',
      )
      .all(workspaceId) as { id: number; email: string; restricted: number }[]
  },

  /** Records of this workspace that an earlier import of the same source made (source 'keel'). */
  refs(client: Database.Database, workspaceId: number, entityType: 'product' | 'customer', prefix: string) {
    const rows = client
      .prepare(
        `select r.external_key as key, r.entity_id as id from external_refs r
         where r.workspace_id = ? and r.source = 'keel' and r.entity_type = ? and substr(r.external_key, 1, ?) = ?
           and exists (select 1 from ${entityType === 'product' ? 'products' : 'customers'} x where x.id = r.entity_id)`,
      )
      .all(workspaceId, entityType, prefix.length, prefix) as { key: string; id: number }[]
    return new Map(rows.map((r) => [r.key, r.id]))
  },

  /**
   * Reserves `count` ids of a table that no row will ever take (the tables use AUTOINCREMENT, so SQLite
   * never hands out an id at or below sqlite_sequence): history of records deleted before the export
   * keeps an entity id of its own without pointing at someone else's record.
   */
  reserveIds(client: Database.Database, table: string, count: number): number {
    const row = client.prepare('select seq from sqlite_sequence where name = ?').get(table) as
      | { seq: number }
      | undefined
    const first = (row?.seq ?? 0) + 1
    if (row) client.prepare('update sqlite_sequence set seq = ? where name = ?').run(first + count - 1, table)
    else client.prepare('insert into sqlite_sequence (name, seq) values (?, ?)').run(table, first + count - 1)
    return first
  },

  /** The insert statements, prepared once per import. */
  writer(client: Database.Database, workspaceId: number) {
    const ws = workspaceId
    const statements = {
      role: client.prepare(
        'insert into roles (workspace_id, name, built_in, permissions, created_at) values (?, ?, null, ?, ?)',
      ),
      customer: client.prepare(
        `insert into customers (workspace_id, name, industry, tier, contract_value, contact, note, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      product: client.prepare(
        `insert into products (workspace_id, key, name, description, last_number, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?)`,
      ),
      module: client.prepare(
        'insert into modules (workspace_id, product_id, parent_id, name, created_at) values (?, ?, ?, ?, ?)',
      ),
      release: client.prepare(
        `insert into releases (workspace_id, product_id, name, description, target_date, status, released_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      iteration: client.prepare(
        `insert into iterations (workspace_id, product_id, name, goal, start_date, end_date, capacity, stability_budget_percent,
           status, release_id, wip_limits, started_at, closed_at, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      requirement: client.prepare(
        `insert into requirements (workspace_id, product_id, number, title, description, role, scenario, source, priority, value,
           effort, estimate, status, reject_reason, acceptance_criteria, module_id, iteration_id, release_id, target_date, pinned,
           rank, demand, score, ask_count, created_by, created_at, updated_at)
         values (@workspaceId, @productId, @number, @title, @description, @role, @scenario, @source, @priority, @value,
           @effort, @estimate, @status, @rejectReason, @acceptanceCriteria, @moduleId, @iterationId, @releaseId, @targetDate, @pinned,
           @rank, @demand, @score, @askCount, @createdBy, @createdAt, @updatedAt)`,
      ),
      ask: client.prepare(
        `insert into customer_asks (workspace_id, requirement_id, customer_id, importance, note, asked_on, promised_date, created_by, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      task: client.prepare(
        `insert into tasks (workspace_id, product_id, number, kind, title, description, requirement_id, iteration_id, status,
           blocked_reason, category, risk, customer_id, incident_ref, assignee_id, estimate, remaining, due_date, rank,
           started_at, done_at, created_by, created_at, updated_at)
         values (@workspaceId, @productId, @number, @kind, @title, @description, @requirementId, @iterationId, @status,
           @blockedReason, @category, @risk, @customerId, @incidentRef, @assigneeId, @estimate, @remaining, @dueDate, @rank,
           @startedAt, @doneAt, @createdBy, @createdAt, @updatedAt)`,
      ),
      comment: client.prepare(
        `insert into comments (workspace_id, product_id, entity_type, entity_id, author_id, author_name, body, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      activity: client.prepare(
        `insert into activity (workspace_id, product_id, entity_type, entity_id, action, actor_id, actor_name, automatic, before, after, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      ref: client.prepare(
        `insert into external_refs (workspace_id, product_id, source, entity_type, external_key, entity_id, created_at)
         values (?, ?, 'keel', ?, ?, ?, ?)
         on conflict (product_id, source, entity_type, external_key) do update set entity_id = excluded.entity_id`,
      ),
      run: client.prepare(
        `insert into import_runs (workspace_id, product_id, format, file_name, counts, warning_count, created_by, created_at)
         values (?, null, 'keel-json', ?, ?, ?, ?, ?)`,
      ),
    }
    return {
      role: (name: string, permissions: string[], at: string) =>
        id(statements.role.run(ws, name, JSON.stringify(permissions), at)),
      customer: (c: {
        name: string
        industry: string
        tier: string
        contractValue: number
        contact: string
        note: string
        createdAt: string
        updatedAt: string
      }) =>
        id(
          statements.customer.run(
            ws,
            c.name,
            c.industry,
            c.tier,
            c.contractValue,
            c.contact,
            c.note,
            c.createdAt,
            c.updatedAt,
          ),
        ),
      product: (p: {
        key: string
        name: string
        description: string
        lastNumber: number
        createdAt: string
        updatedAt: string
      }) =>
        id(statements.product.run(ws, p.key, p.name, p.description, p.lastNumber, p.createdAt, p.updatedAt)),
      module: (productId: number, parentId: number | null, name: string, createdAt: string) =>
        id(statements.module.run(ws, productId, parentId, name, createdAt)),
      release: (
        productId: number,
        r: {
          name: string
          description: string
          targetDate: string
          status: string
          releasedAt: string | null
          createdAt: string
          updatedAt: string
        },
      ) =>
        id(
          statements.release.run(
            ws,
            productId,
            r.name,
            r.description,
            r.targetDate,
            r.status,
            r.releasedAt,
            r.createdAt,
            r.updatedAt,
          ),
        ),
      iteration: (
        productId: number,
        releaseId: number | null,
        i: {
          name: string
          goal: string
          startDate: string
          endDate: string
          capacity: number
          stabilityBudgetPercent: number
          status: string
          wipLimits: Record<string, number>
          startedAt: string | null
          closedAt: string | null
          createdAt: string
          updatedAt: string
        },
      ) =>
        id(
          statements.iteration.run(
            ws,
            productId,
            i.name,
            i.goal,
            i.startDate,
            i.endDate,
            i.capacity,
            i.stabilityBudgetPercent,
            i.status,
            releaseId,
            JSON.stringify(i.wipLimits),
            i.startedAt,
            i.closedAt,
            i.createdAt,
            i.updatedAt,
          ),
        ),
      requirement: (r: {
        productId: number
        number: number
        title: string
        description: string
        role: string
        scenario: string
        source: string
        priority: string
        value: number
        effort: number | null
        estimate: number | null
        status: string
        rejectReason: string | null
        acceptanceCriteria: { text: string; done: boolean }[]
        moduleId: number | null
        iterationId: number | null
        releaseId: number | null
        targetDate: string | null
        pinned: boolean
        rank: string
        demand: number
        score: number
        askCount: number
        createdBy: number | null
        createdAt: string
        updatedAt: string
      }) =>
        id(
          statements.requirement.run({
            ...r,
            workspaceId: ws,
            acceptanceCriteria: JSON.stringify(r.acceptanceCriteria),
            pinned: bool(r.pinned),
          }),
        ),
      ask: (a: {
        requirementId: number
        customerId: number
        importance: string
        note: string
        askedOn: string
        promisedDate: string | null
        createdBy: number | null
        createdAt: string
      }) =>
        id(
          statements.ask.run(
            ws,
            a.requirementId,
            a.customerId,
            a.importance,
            a.note,
            a.askedOn,
            a.promisedDate,
            a.createdBy,
            a.createdAt,
          ),
        ),
      task: (t: {
        productId: number
        number: number
        kind: string
        title: string
        description: string
        requirementId: number | null
        iterationId: number | null
        status: string
        blockedReason: string | null
        category: string | null
        risk: string | null
        customerId: number | null
        incidentRef: string | null
        assigneeId: number | null
        estimate: number | null
        remaining: number | null
        dueDate: string | null
        rank: string
        startedAt: string | null
        doneAt: string | null
        createdBy: number | null
        createdAt: string
        updatedAt: string
      }) => id(statements.task.run({ ...t, workspaceId: ws })),
      comment: (c: {
        productId: number
        entityType: string
        entityId: number
        authorId: number | null
        authorName: string | null
        body: string
        createdAt: string
        updatedAt: string
      }) =>
        id(
          statements.comment.run(
            ws,
            c.productId,
            c.entityType,
            c.entityId,
            c.authorId,
            c.authorName,
            c.body,
            c.createdAt,
            c.updatedAt,
          ),
        ),
      activity: (a: {
        productId: number | null
        entityType: string
        entityId: number
        action: string
        actorId: number | null
        actorName: string | null
        automatic: boolean
        before: unknown
        after: unknown
        createdAt: string
      }) =>
        statements.activity.run(
          ws,
          a.productId,
          a.entityType,
          a.entityId,
          a.action,
          a.actorId,
          a.actorName,
          bool(a.automatic),
          json(a.before),
          json(a.after),
          a.createdAt,
        ),
      ref: (
        productId: number,
        entityType: 'product' | 'customer',
        key: string,
        entityId: number,
        at: string,
      ) => statements.ref.run(ws, productId, entityType, key, entityId, at),
      run: (
        fileName: string,
        counts: Record<string, number>,
        warnings: number,
        by: number | null,
        at: string,
      ) => id(statements.run.run(ws, fileName, JSON.stringify(counts), warnings, by, at)),
    }
  },
}

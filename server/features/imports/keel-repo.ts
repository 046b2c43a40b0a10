// SQL for importing a Keel workspace export: what the target workspace already has (products by key,
// customers, roles, members, earlier imports of the same file) and the inserts of every section, as
// prepared statements (a large workspace is tens of thousands of rows). Runs inside the service's
// transaction.
import type Database from 'better-sqlite3'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import {
  activity,
  comments,
  customerAsks,
  customers,
  externalRefs,
  importRuns,
  iterations,
  modules,
  products,
  releases,
  requirements,
  roles,
  tasks,
} from '../../../db/schema'
import { type RowValues, rowInserter } from '../../lib/sql'

/** A row of a table of the workspace, which the writer fills in. */
type Fields<T extends SQLiteTable> = Omit<RowValues<T>, 'workspaceId'>

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

  /** The inserts of one import into the workspace, their statements made from the schema's tables (lib/sql.ts). */
  writer(client: Database.Database, workspaceId: number) {
    const insert = {
      role: rowInserter(client, roles),
      customer: rowInserter(client, customers),
      product: rowInserter(client, products),
      module: rowInserter(client, modules),
      release: rowInserter(client, releases),
      iteration: rowInserter(client, iterations),
      requirement: rowInserter(client, requirements),
      ask: rowInserter(client, customerAsks),
      task: rowInserter(client, tasks),
      comment: rowInserter(client, comments),
      activity: rowInserter(client, activity),
      // Re-importing points the external key at the record it names now.
      ref: rowInserter(client, externalRefs, {
        onConflict: { target: ['productId', 'source', 'entityType', 'externalKey'], update: ['entityId'] },
      }),
      run: rowInserter(client, importRuns),
    }
    // The file's records come as they are: every field that is a column of the table is written (the file's
    // own id is none), the caller having mapped each reference to this workspace's ids.
    return {
      role: (name: string, permissions: string[], at: string) =>
        insert.role({ workspaceId, name, builtIn: null, permissions, createdAt: at }),
      customer: (c: Fields<typeof customers>) => insert.customer({ ...c, workspaceId }),
      product: (p: Fields<typeof products>) => insert.product({ ...p, workspaceId }),
      module: (productId: number, parentId: number | null, name: string, createdAt: string) =>
        insert.module({ workspaceId, productId, parentId, name, createdAt }),
      release: (productId: number, r: Fields<typeof releases>) =>
        insert.release({ ...r, workspaceId, productId }),
      iteration: (productId: number, releaseId: number | null, i: Fields<typeof iterations>) =>
        insert.iteration({ ...i, workspaceId, productId, releaseId }),
      requirement: (r: Fields<typeof requirements>) => insert.requirement({ ...r, workspaceId }),
      ask: (a: Fields<typeof customerAsks>) => insert.ask({ ...a, workspaceId }),
      task: (t: Fields<typeof tasks>) => insert.task({ ...t, workspaceId }),
      comment: (c: Fields<typeof comments>) => insert.comment({ ...c, workspaceId }),
      activity: (a: Fields<typeof activity>) => insert.activity({ ...a, workspaceId }),
      ref: (
        productId: number,
        entityType: 'product' | 'customer',
        key: string,
        entityId: number,
        at: string,
      ) =>
        insert.ref({
          workspaceId,
          productId,
          source: 'keel',
          entityType,
          externalKey: key,
          entityId,
          createdAt: at,
        }),
      run: (
        fileName: string,
        counts: Record<string, number>,
        warnings: number,
        by: number | null,
        at: string,
      ) =>
        insert.run({
          workspaceId,
          productId: null,
          format: 'keel-json',
          fileName,
          counts,
          warningCount: warnings,
          createdBy: by,
          createdAt: at,
        }),
    }
  },
}

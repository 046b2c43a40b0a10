// SQL for importing a Keel workspace export: what the target workspace already has (products by key,
// customers, roles, members, earlier imports of the same file) and the inserts of every section, as
// prepared statements, one per shape of row (a large workspace is tens of thousands of rows). Runs inside
// the service's transaction.
import { and, eq, exists, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../../db/client'
import { engineOf, runText } from '../../../db/query'
import {
  activity,
  attachments,
  comments,
  customerAsks,
  customers,
  externalRefs,
  importRuns,
  iterations,
  members,
  modules,
  products,
  releases,
  requirements,
  roles,
  tasks,
  users,
} from '../../../db/schema'
import { type RowValues, rowInserter } from '../../lib/sql'

/** A row of a table of the workspace, which the writer fills in. */
type Fields<T extends SQLiteTable> = Omit<RowValues<T>, 'workspaceId'>

export const keelImportRepo = {
  products(db: Db, workspaceId: number): Promise<{ id: number; key: string }[]> {
    return db
      .select({ id: products.id, key: products.key })
      .from(products)
      .where(eq(products.workspaceId, workspaceId))
  },

  customers(db: Db, workspaceId: number): Promise<{ id: number; name: string }[]> {
    return db
      .select({ id: customers.id, name: customers.name })
      .from(customers)
      .where(eq(customers.workspaceId, workspaceId))
  },

  roles(db: Db, workspaceId: number): Promise<{ id: number; name: string; builtIn: string | null }[]> {
    return db
      .select({ id: roles.id, name: roles.name, builtIn: roles.builtIn })
      .from(roles)
      .where(eq(roles.workspaceId, workspaceId))
  },

  /** The workspace's members by email, and whether they are narrowed to some products: who work may be assigned to. */
  members(db: Db, workspaceId: number): Promise<{ id: number; email: string; restricted: boolean }[]> {
    return db
      .select({ id: users.id, email: sql<string>`lower(${users.email})`, restricted: members.restricted })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, workspaceId))
  },

  /** Records of this workspace that an earlier import of the same source made (source 'keel'). */
  async refs(db: Db, workspaceId: number, entityType: 'product' | 'customer', prefix: string) {
    const table = entityType === 'product' ? products : customers
    const rows = await db
      .select({ key: externalRefs.externalKey, id: externalRefs.entityId })
      .from(externalRefs)
      .where(
        and(
          eq(externalRefs.workspaceId, workspaceId),
          eq(externalRefs.source, 'keel'),
          eq(externalRefs.entityType, entityType),
          sql`substr(${externalRefs.externalKey}, 1, ${prefix.length}) = ${prefix}`,
          exists(db.select({ one: sql`1` }).from(table).where(eq(table.id, externalRefs.entityId))),
        ),
      )
    return new Map(rows.map((r) => [r.key, r.id]))
  },

  /**
   * Reserves `count` ids of a table that no row will ever take (the tables use AUTOINCREMENT, so SQLite
   * never hands out an id at or below sqlite_sequence): history of records deleted before the export
   * keeps an entity id of its own without pointing at someone else's record. On PostgreSQL the ids come
   * from the table's identity sequence, moved past them.
   */
  async reserveIds(tx: Db, table: string, count: number): Promise<number> {
    if (engineOf(tx) === 'postgres') {
      const next = await runText(tx, "select nextval(pg_get_serial_sequence(?, 'id')) as first", [table])
      const first = (next.rows[0] as { first: number }).first
      if (count > 1)
        await runText(tx, "select setval(pg_get_serial_sequence(?, 'id'), ?)", [table, first + count - 1])
      return first
    }
    const { rows } = await runText(tx, 'select seq from sqlite_sequence where name = ?', [table])
    const row = rows[0] as { seq: number } | undefined
    const first = (row?.seq ?? 0) + 1
    if (row)
      await runText(tx, 'update sqlite_sequence set seq = ? where name = ?', [first + count - 1, table])
    else
      await runText(tx, 'insert into sqlite_sequence (name, seq) values (?, ?)', [table, first + count - 1])
    return first
  },

  /** Rewrites a text this import wrote (a description or a comment), once its attachments have new ids. */
  async setText(tx: Db, kind: 'requirement' | 'task' | 'comment', id: number, text: string) {
    if (kind === 'requirement')
      await tx.update(requirements).set({ description: text }).where(eq(requirements.id, id))
    else if (kind === 'task') await tx.update(tasks).set({ description: text }).where(eq(tasks.id, id))
    else await tx.update(comments).set({ body: text }).where(eq(comments.id, id))
  },

  /** The inserts of one import into the workspace, their statements made from the schema's tables (lib/sql.ts). */
  writer(tx: Db, workspaceId: number) {
    const insert = {
      role: rowInserter(tx, roles),
      customer: rowInserter(tx, customers),
      product: rowInserter(tx, products),
      module: rowInserter(tx, modules),
      release: rowInserter(tx, releases),
      iteration: rowInserter(tx, iterations),
      requirement: rowInserter(tx, requirements),
      ask: rowInserter(tx, customerAsks),
      task: rowInserter(tx, tasks),
      comment: rowInserter(tx, comments),
      attachment: rowInserter(tx, attachments),
      activity: rowInserter(tx, activity),
      // Re-importing points the external key at the record it names now.
      ref: rowInserter(tx, externalRefs, {
        onConflict: { target: ['productId', 'source', 'entityType', 'externalKey'], update: ['entityId'] },
      }),
      run: rowInserter(tx, importRuns),
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
      attachment: (a: Fields<typeof attachments>) => insert.attachment({ ...a, workspaceId }),
      activity: (a: Fields<typeof activity>) => insert.activity({ ...a, workspaceId, imported: true }),
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

// Copies one Keel database into another, either engine to either engine (SQLite → PostgreSQL to move over,
// PostgreSQL → SQLite to leave): every table of db/schema, rows with their ids, in one transaction on the
// target, read from one snapshot of the source. The target must be empty (its migrations applied, nothing
// written). The search index follows by the target's own triggers.
import { asc, eq, getTableColumns, getTableName, gt, is, sql } from 'drizzle-orm'
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from './client'
import { engineOf, row, rows } from './query'
import * as schema from './schema'
import type { Store } from './store'

/** Rows of tables that the migrations themselves write (the settings row, the access epoch): replaced. */
const SEEDED = new Set(['instance_settings', 'access_epoch'])

export interface TableCount {
  table: string
  source: number
  target: number
}

const tables: SQLiteTable[] = (Object.values(schema) as unknown[]).filter((value): value is SQLiteTable =>
  is(value, SQLiteTable),
)

/** The tables in an order where each comes after the tables its foreign keys name. */
export function copyOrder(all: readonly SQLiteTable[] = tables): SQLiteTable[] {
  const byName = new Map(all.map((t) => [getTableName(t), t]))
  const done = new Set<string>()
  const order: SQLiteTable[] = []
  const visit = (table: SQLiteTable, path: Set<string>) => {
    const name = getTableName(table)
    if (done.has(name)) return
    if (path.has(name)) throw new Error(`Foreign keys form a cycle through ${name}`)
    path.add(name)
    for (const fk of getTableConfig(table).foreignKeys) {
      const target = getTableName(fk.reference().foreignTable)
      if (target !== name) visit(byName.get(target) as SQLiteTable, path)
    }
    path.delete(name)
    done.add(name)
    order.push(table)
  }
  for (const table of all) visit(table, new Set())
  return order
}

/** Columns that name a row of their own table (a module's parent): written once every row is in. */
function selfReferences(table: SQLiteTable): SQLiteColumn[] {
  const name = getTableName(table)
  return getTableConfig(table)
    .foreignKeys.filter((fk) => getTableName(fk.reference().foreignTable) === name)
    .flatMap((fk) => fk.reference().columns as SQLiteColumn[])
}

const countOf = async (db: Db, table: SQLiteTable) =>
  (await row<{ n: number }>(db, sql`select count(*) as n from ${table}`))?.n ?? 0

/** Whether the target holds nothing but what its migrations wrote. */
async function isEmpty(db: Db): Promise<string | undefined> {
  for (const table of tables) {
    if (SEEDED.has(getTableName(table))) continue
    if ((await countOf(db, table)) > 0) return getTableName(table)
  }
  return undefined
}

/**
 * Copies `source` into `target`; answers the row counts of both sides per table. Throws, having written
 * nothing, when the target is not empty or any row does not go in.
 */
export async function copyDatabase(
  source: Store,
  target: Store,
  progress: (line: string) => void = () => {},
): Promise<TableCount[]> {
  const nonEmpty = await isEmpty(target.db)
  if (nonEmpty)
    throw new Error(`The target database is not empty (${nonEmpty} has rows): copy into a new one`)
  return source.snapshot((from) =>
    target.transaction(async (to) => {
      const counts: TableCount[] = []
      for (const table of copyOrder()) {
        const name = getTableName(table)
        if (SEEDED.has(name)) await to.delete(table)
        const copied = await copyTable(from, to, table)
        if (copied > 0) progress(`${name}: ${copied}`)
        counts.push({ table: name, source: await countOf(from, table), target: await countOf(to, table) })
      }
      if (engineOf(to) === 'postgres') await advanceIdentities(to)
      const short = counts.find((c) => c.source !== c.target)
      if (short) throw new Error(`${short.table}: ${short.source} rows read but ${short.target} written`)
      return counts
    }),
  )
}

/** Copies a table in batches by id (the whole table at once when it has no id column). */
async function copyTable(from: Db, to: Db, table: SQLiteTable): Promise<number> {
  const columns = getTableConfig(table).columns
  const id = columns.find((c) => c.name === 'id')
  const selfs = selfReferences(table)
  const fields = Object.entries(getTableColumns(table))
  // A statement holds at most ~32,000 parameters on SQLite and 65,535 on PostgreSQL.
  const batch = Math.max(1, Math.min(1000, Math.floor(30_000 / columns.length)))
  const deferred: { id: unknown; values: Record<string, unknown> }[] = []
  let copied = 0
  let after = 0
  for (;;) {
    const query = from.select().from(table)
    const page = (
      id ? await query.where(gt(id, after)).orderBy(asc(id)).limit(batch) : await query
    ) as Record<string, unknown>[]
    if (!page.length) break
    for (const r of page) {
      const later: Record<string, unknown> = {}
      for (const column of selfs) {
        const field = fields.find(([, c]) => c === column)?.[0] as string
        if (r[field] != null) {
          later[field] = r[field]
          r[field] = null
        }
      }
      if (Object.keys(later).length) deferred.push({ id: r.id, values: later })
    }
    await to.insert(table).values(page)
    copied += page.length
    if (!id) break
    after = page[page.length - 1]?.id as number
  }
  for (const { id: rowId, values } of deferred)
    await to
      .update(table)
      .set(values)
      .where(eq(id as SQLiteColumn, rowId))
  return copied
}

/** PostgreSQL's identity columns hand out ids from a sequence, which copied ids did not move. */
async function advanceIdentities(db: Db) {
  const identities = await rows<{ table_name: string }>(
    db,
    sql`select table_name from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`,
  )
  for (const { table_name } of identities) {
    const t = sql.identifier(table_name)
    await rows(
      db,
      sql`select setval(pg_get_serial_sequence(${table_name}, 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`,
    )
  }
}

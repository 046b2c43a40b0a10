// Copies one Keel database into another, either engine to either engine (SQLite → PostgreSQL to move over,
// PostgreSQL → SQLite to leave): every table of db/schema, rows with their ids, in one transaction on the
// target, read from one snapshot of the source. The target must be empty (its migrations applied, nothing
// written). The search index follows by the target's own triggers.
import { asc, eq, getTableColumns, getTableName, gt, is, sql } from 'drizzle-orm'
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from './client'
import { engineOf, execute, row, rows } from './query'
import * as schema from './schema'
import type { Store } from './store'

/** Rows of tables that the migrations themselves write (the settings row, the access epoch): replaced. */
const SEEDED = new Set(['instance_settings', 'access_epoch', 'cursors'])

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
  return source.snapshot((from) =>
    target.transaction(async (to) => {
      // Checked inside the write, which holds the target's write lock: nobody writes between.
      const nonEmpty = await isEmpty(to)
      if (nonEmpty)
        throw new Error(`The target database is not empty (${nonEmpty} has rows): copy into a new one`)
      const counts: TableCount[] = []
      for (const table of copyOrder()) {
        const name = getTableName(table)
        if (SEEDED.has(name)) await to.delete(table)
        let copied: number
        try {
          copied = await copyTable(from, to, table)
        } catch (error) {
          throw new Error(`${name}: ${reasonOf(error)}`, { cause: error })
        }
        if (copied > 0) progress(`${name}: ${copied}`)
        counts.push({ table: name, source: await countOf(from, table), target: await countOf(to, table) })
      }
      await carryIdentities(to, await identities(from))
      const short = counts.find((c) => c.source !== c.target)
      if (short) throw new Error(`${short.table}: ${short.source} rows read but ${short.target} written`)
      return counts
    }),
  )
}

/**
 * The database's own words for a failed statement: drizzle's error carries the whole statement with every
 * value (thousands of them, password hashes among them) and the driver's error as its cause.
 */
function reasonOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error
  return cause instanceof Error ? cause.message : String(cause)
}

/**
 * Copies a table in batches by id (read at once when it has no id column, and written in batches all the
 * same: one statement holds only so many values).
 */
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
    for (let at = 0; at < page.length; at += batch) await to.insert(table).values(page.slice(at, at + batch))
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

/** Tables whose ids the database hands out (AUTOINCREMENT on SQLite, identity columns on PostgreSQL). */
const handedOut = new Set(
  tables
    .filter((t) =>
      getTableConfig(t).columns.some((c) => c.primary && (c as { autoIncrement?: boolean }).autoIncrement),
    )
    .map((t) => getTableName(t)),
)

/** The PostgreSQL sequence behind each table's identity column, by table. */
async function sequences(db: Db): Promise<Map<string, string>> {
  const found = await rows<{ table_name: string; sequence: string | null }>(
    db,
    sql`select table_name, pg_get_serial_sequence(quote_ident(table_name), 'id') as sequence
        from information_schema.columns
        where table_schema = current_schema() and column_name = 'id' and is_identity = 'YES'`,
  )
  return new Map(
    found.flatMap((f) => (f.sequence && handedOut.has(f.table_name) ? [[f.table_name, f.sequence]] : [])),
  )
}

/**
 * The last id each table handed out, its deleted rows' included (which the rows themselves no longer
 * show): SQLite's sqlite_sequence, PostgreSQL's sequences.
 */
async function identities(db: Db): Promise<Map<string, number>> {
  if (engineOf(db) === 'sqlite') {
    const found = await rows<{ name: string; seq: number }>(db, sql`select name, seq from sqlite_sequence`)
    return new Map(found.filter((f) => handedOut.has(f.name)).map((f) => [f.name, Number(f.seq)]))
  }
  const last = new Map<string, number>()
  for (const [table, sequence] of await sequences(db)) {
    // A sequence is no table: its row is read as it is now, never from the snapshot; later ids only
    // leave a gap.
    const state = await row<{ last_value: number; is_called: boolean }>(
      db,
      sql`select last_value, is_called from ${sql.raw(sequence)}`,
    )
    if (state) last.set(table, Number(state.last_value) - (state.is_called ? 0 : 1))
  }
  return last
}

/**
 * Makes the target go on from the source's last ids, so that no id is ever handed out twice (a deleted
 * task's id reused would take over its history, its webhooks' deliveries, links to it). Copied ids move
 * neither a PostgreSQL sequence nor, past what was copied, SQLite's sqlite_sequence.
 */
async function carryIdentities(db: Db, last: Map<string, number>) {
  if (engineOf(db) === 'sqlite') {
    for (const [name, seq] of last) {
      await execute(db, sql`update sqlite_sequence set seq = ${seq} where name = ${name} and seq < ${seq}`)
      await execute(
        db,
        sql`insert into sqlite_sequence (name, seq) select ${name}, ${seq}
            where not exists (select 1 from sqlite_sequence where name = ${name})`,
      )
    }
    return
  }
  for (const [table, sequence] of await sequences(db)) {
    const copied = await row<{ n: number | null }>(db, sql`select max(id) as n from ${sql.identifier(table)}`)
    const value = Math.max(Number(copied?.n ?? 0), last.get(table) ?? 0)
    // setval(…, false): the next id is `value` itself; a sequence starts at 1.
    await rows(db, sql`select setval(${sequence}, ${value + 1}, false)`)
  }
}

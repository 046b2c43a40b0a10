// Small SQL pieces shared by repositories: version bumps, workspace-scoped reads by id, item keys, LIKE
// patterns, and the prepared writes of bulk imports, whose columns come from the drizzle tables.
import { and, type Column, eq, getTableColumns, getTableName, type SQLWrapper, sql } from 'drizzle-orm'
import type { SQLiteColumn, SQLiteTable, SQLiteUpdateSetSource } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { prepared } from '../../db/prepared'
import { engineOf, first, runText } from '../../db/query'

/** `column + 1`, for version bumps. */
export const sqlIncrement = (column: SQLWrapper) => sql<number>`${column} + 1`

/** A table of records that carry an id and an optimistic-concurrency version. */
type VersionedTable = SQLiteTable & { id: SQLiteColumn; version: SQLiteColumn }

/**
 * Sets `values` on the row `id` and bumps its version in the same statement; answers the row as it is now.
 * The caller compares the version it was sent first (checkVersion in lib/write.ts), in the same write.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Db,
  table: T,
  id: number,
  values: SQLiteUpdateSetSource<T>,
): Promise<T['$inferSelect']> {
  // drizzle cannot see `version` in the set of a table it only knows as generic.
  const set = { ...values, version: sqlIncrement(table.version) } as SQLiteUpdateSetSource<T>
  const [row] = await db.update(table).set(set).where(eq(table.id, id)).returning()
  return row as T['$inferSelect']
}

/** A table of a workspace's records: each row has an id and the workspace it belongs to. */
type WorkspaceTable = SQLiteTable & { id: SQLiteColumn; workspaceId: SQLiteColumn }

/**
 * The read of one record of a workspace by id, prepared once per connection (nearly every request reads
 * its record first): a row of another workspace reads as absent, so an id in a URL never reaches across.
 * Call it at module level: the returned function's query is the cache key of `prepared()`.
 */
export function workspaceRowById<T extends WorkspaceTable>(table: T) {
  const query = (db: Db) =>
    db
      .select()
      .from(table as SQLiteTable)
      .where(and(eq(table.workspaceId, sql.placeholder('workspaceId')), eq(table.id, sql.placeholder('id'))))
      .prepare()
  return (db: Db, workspaceId: number, id: number) =>
    first(prepared(db, query).execute({ workspaceId, id })) as Promise<T['$inferSelect'] | undefined>
}

/** An item's key, `PAY-12`: its product's key, a dash and its number (requirements and tasks share numbers). */
export const itemKey = (productKey: SQLWrapper, number: SQLWrapper) =>
  sql<string>`${productKey} || '-' || ${number}`

/** The same key in hand-written SQL text, its parts as that text names them: `itemKeyText('p.key', 't.number')`. */
export const itemKeyText = (productKey: string, number: string) => `${productKey} || '-' || ${number}`

/** The LIKE pattern (with `escape '\\'`) matching `text` anywhere, %, _ and \ in it taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/**
 * `column` contains `text`, ignoring case, with %, _ and \ in the text matched literally. Lower-cased on
 * both sides: PostgreSQL's LIKE heeds case, SQLite's ignores it (for ASCII, as its lower() does).
 */
export function likeContains(column: SQLWrapper, text: string) {
  return sql`lower(${column}) like lower(${containsPattern(text)}) escape '\\'`
}

// Bulk writes. An import writes tens of thousands of rows, so it speaks to the connection through prepared
// statements rather than building an ORM query per row; the statements are still made from the drizzle
// tables, so a column added to the schema reaches the importers (a required one as a type error).

type Insertable<T extends SQLiteTable> = Omit<T['$inferInsert'], 'id' | 'version'>
/** An enum's values as plain strings: importers read them from files and map them before writing. */
type Loose<V> = V extends string ? string : V
/** A row of `T` as an importer writes it: the schema's fields but the id and version (the database's). */
export type RowValues<T extends SQLiteTable> = { [K in keyof Insertable<T>]: Loose<Insertable<T>[K]> }

/** The columns of `table` by field name, except the id and version, which the database hands out. */
function writableColumns(table: SQLiteTable): Map<string, Column> {
  const columns = new Map<string, Column>(Object.entries(getTableColumns(table)))
  columns.delete('id')
  columns.delete('version')
  return columns
}

/**
 * A row's defined fields with their column names and their values as the driver takes them, encoded by the
 * column (JSON as text, booleans as 0/1). A field that is no writable column is left out when `others` is
 * 'skip' (a record of a file also carries its own id and key), else it is an error.
 */
function encode(table: SQLiteTable, columns: Map<string, Column>, row: object, others: 'skip' | 'fail') {
  const fields: string[] = []
  const names: string[] = []
  const values: unknown[] = []
  for (const [field, value] of Object.entries(row)) {
    if (value === undefined) continue
    const column = columns.get(field)
    if (!column) {
      if (others === 'fail') throw new Error(`${getTableName(table)} has no writable column "${field}"`)
      continue
    }
    fields.push(field)
    names.push(`"${column.name}"`)
    values.push(value === null ? null : column.mapToDriverValue(value))
  }
  return { fields, names, values }
}

type FieldName<T extends SQLiteTable> = keyof Insertable<T> & string

export interface InsertOptions<T extends SQLiteTable> {
  /** Upsert: on a clash of the `target` columns (a unique index), take the `update` columns of the new row. */
  onConflict?: { target: FieldName<T>[]; update: FieldName<T>[] }
}

/** An upsert's `on conflict … do update` clause in column names, or '' for a plain insert. */
function onConflictClause<T extends SQLiteTable>(columns: Map<string, Column>, options: InsertOptions<T>) {
  const upsert = options.onConflict
  if (!upsert) return ''
  const name = (field: string) => `"${columns.get(field)?.name}"`
  return ` on conflict (${upsert.target.map(name).join(', ')}) do update set ${upsert.update
    .map((field) => `${name(field)} = excluded.${name(field)}`)
    .join(', ')}`
}

/**
 * An insert of rows into `table` on the connection under `db` (a write's `tx`), one statement per set of
 * fields: the fields a row leaves out take their schema defaults, as with drizzle's own insert; fields that
 * are no writable column (an id, a key of the file) are not written. Answers the new row's id.
 */
export function rowInserter<T extends SQLiteTable>(
  db: Db,
  table: T,
  options: InsertOptions<T> = {},
): (row: RowValues<T>) => Promise<number> {
  const columns = writableColumns(table)
  const onConflict = onConflictClause(columns, options)
  const returning = engineOf(db) === 'postgres' ? ' returning "id"' : ''
  // The statement's text per set of fields written (runText prepares each text once).
  const texts = new Map<string, string>()
  return async (row) => {
    const { fields, names, values } = encode(table, columns, row, 'skip')
    const shape = fields.join()
    let text = texts.get(shape)
    if (text === undefined) {
      text = `insert into "${getTableName(table)}" (${names.join(', ')}) values (${names.map(() => '?').join(', ')})${onConflict}${returning}`
      texts.set(shape, text)
    }
    const result = await runText(db, text, values)
    return returning ? Number((result.rows[0] as { id: number }).id) : result.lastId
  }
}

/** Rows a batch holds on PostgreSQL before it writes them (one statement, far under 65,535 parameters). */
const BATCH_ROWS = 200

/**
 * Inserts of rows whose ids nobody needs (an import's history rows and external keys), in batches: on
 * PostgreSQL rows of the same fields go in `BATCH_ROWS` at a time, one round trip each, instead of one round
 * trip a row; on SQLite (no round trips) each goes in at once through its prepared statement. An upsert's
 * rows that clash within a batch keep the last one, as one at a time would. `flush()` writes what is held;
 * a write must call it before it ends, and before it reads the table.
 */
export function rowBatch<T extends SQLiteTable>(db: Db, table: T, options: InsertOptions<T> = {}) {
  if (engineOf(db) === 'sqlite') {
    const insert = rowInserter(db, table, options)
    return { add: async (row: RowValues<T>) => void (await insert(row)), flush: async () => {} }
  }
  const columns = writableColumns(table)
  const onConflict = onConflictClause(columns, options)
  let held: { shape: string; names: string[]; rows: Map<unknown, unknown[]> } | undefined
  let next = 0
  const flush = async () => {
    if (!held?.rows.size) return
    const { names, rows } = held
    held = undefined
    const row = `(${names.map(() => '?').join(', ')})`
    await runText(
      db,
      `insert into "${getTableName(table)}" (${names.join(', ')}) values ${[...rows.values()].map(() => row).join(', ')}${onConflict}`,
      [...rows.values()].flat(),
    )
  }
  return {
    async add(row: RowValues<T>) {
      const { fields, names, values } = encode(table, columns, row, 'skip')
      const shape = fields.join()
      if (held && held.shape !== shape) await flush()
      held ??= { shape, names, rows: new Map() }
      const key = options.onConflict
        ? JSON.stringify(options.onConflict.target.map((field) => values[fields.indexOf(field)]))
        : next++
      held.rows.delete(key)
      held.rows.set(key, values)
      if (held.rows.size >= BATCH_ROWS) await flush()
    },
    flush,
  }
}

/**
 * The bulk-write twin of updateVersioned: sets the given fields of the row `id`, encoded by their columns,
 * and bumps its version. A field that is no column is an error, never dropped.
 */
export function rowUpdater<T extends VersionedTable>(db: Db, table: T) {
  const columns = writableColumns(table)
  return async (id: number, changes: Partial<RowValues<T>>) => {
    const { names, values } = encode(table, columns, changes, 'fail')
    await runText(
      db,
      `update "${getTableName(table)}" set ${names.map((n) => `${n} = ?`).join(', ')}, "version" = "version" + 1 where "id" = ?`,
      [...values, id],
    )
  }
}

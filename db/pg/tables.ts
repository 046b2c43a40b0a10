// The PostgreSQL tables, derived from the one schema description (db/schema, written for SQLite): each
// column's type mapped, with its primary key, identity, default, not-null and unique, and every table's
// indexes (partial ones too), composite keys and foreign keys as they are. drizzle-kit reads the result
// (db/pg/schema.ts) to generate PostgreSQL's migrations; tests/domain/schema-parity.test.ts proves both
// dialects describe the same tables.
import { type AnyColumn, getTableName, is, SQL } from 'drizzle-orm'
import {
  boolean,
  customType,
  doublePrecision,
  foreignKey,
  index,
  integer,
  json,
  type PgColumnBuilderBase,
  type PgTable,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { getTableConfig, type SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core'

/** Text compared byte by byte, as SQLite's BINARY collation compares: fractional-indexing ranks. */
const byteText = customType<{ data: string }>({ dataType: () => 'text COLLATE "C"' })

/** Columns that sort by bytes on PostgreSQL too (a locale's collation would misorder rank keys). */
export const BYTE_ORDERED = new Set(['requirements.rank', 'tasks.rank'])

// The builders are chained on a type drizzle computes per call; here every column is built the same way.
// biome-ignore lint/suspicious/noExplicitAny: a column builder of any type
type Builder = any

function column(table: string, c: SQLiteColumn): PgColumnBuilderBase {
  let b: Builder
  switch (c.columnType) {
    case 'SQLiteInteger':
      b = integer(c.name)
      // By default, not always: an import or copy-database writes ids of its own.
      if (c.primary && (c as { autoIncrement?: boolean }).autoIncrement) b = b.generatedByDefaultAsIdentity()
      break
    case 'SQLiteBoolean':
      b = boolean(c.name)
      break
    case 'SQLiteReal':
      // PostgreSQL's real is four bytes; SQLite's REAL is eight.
      b = doublePrecision(c.name)
      break
    case 'SQLiteTextJson':
      // json keeps the text as written; jsonb reorders keys, which history diffs and exports compare.
      b = json(c.name)
      break
    case 'SQLiteText':
      b = BYTE_ORDERED.has(`${table}.${c.name}`)
        ? byteText(c.name)
        : text(c.name, { enum: (c as { enumValues?: [string, ...string[]] }).enumValues })
      break
    default:
      throw new Error(`${table}.${c.name}: no PostgreSQL type for ${c.columnType}`)
  }
  if (c.primary) b = b.primaryKey()
  else if (c.notNull) b = b.notNull()
  if (c.default !== undefined) b = b.default(c.default)
  if (c.defaultFn) b = b.$defaultFn(c.defaultFn)
  if (c.isUnique) b = b.unique(c.uniqueName)
  return b
}

/** The field name under which a column sits in its table object. */
const fieldOf = (c: AnyColumn) => {
  const entry = Object.entries(c.table).find(([, value]) => value === c)
  if (!entry) throw new Error(`${getTableName(c.table)}.${c.name} is not a field of its table`)
  return entry[0]
}

/** Every SQLite table of `schema` as a PostgreSQL table, under the same export names. */
export function pgTablesFrom(schema: Record<string, unknown>): Record<string, PgTable> {
  const tables: Record<string, PgTable> = {}
  const byName = new Map<string, PgTable>()
  // Foreign keys are resolved when drizzle reads the table's extras, by then every table exists.
  const foreign = (c: AnyColumn) =>
    (byName.get(getTableName(c.table)) as unknown as Record<string, Builder>)[fieldOf(c)]
  for (const [key, value] of Object.entries(schema)) {
    if (!is(value, SQLiteTable)) continue
    const config = getTableConfig(value)
    const columns = Object.fromEntries(
      Object.entries(value as unknown as Record<string, SQLiteColumn>)
        .filter(([, c]) => config.columns.includes(c))
        .map(([field, c]) => [field, column(config.name, c)]),
    )
    const table = pgTable(config.name, columns, (t: Record<string, Builder>) => {
      const own = (c: AnyColumn) => t[fieldOf(c)]
      return [
        ...config.primaryKeys.map((pk) =>
          primaryKey({ name: pk.getName(), columns: pk.columns.map(own) as [Builder] }),
        ),
        ...config.indexes.map(({ config: i }) => {
          const on = i.columns.map((c) => (is(c, SQL) ? c : own(c as AnyColumn))) as [Builder]
          const built = (i.unique ? uniqueIndex : index)(i.name).on(...on)
          return i.where ? built.where(i.where) : built
        }),
        ...config.foreignKeys.map((fk) => {
          const reference = fk.reference()
          let built = foreignKey({
            name: fk.getName(),
            columns: reference.columns.map(own) as [Builder],
            foreignColumns: reference.foreignColumns.map(foreign) as [Builder],
          })
          if (fk.onDelete) built = built.onDelete(fk.onDelete)
          if (fk.onUpdate) built = built.onUpdate(fk.onUpdate)
          return built
        }),
      ]
    })
    byName.set(config.name, table)
    tables[key] = table
  }
  return tables
}

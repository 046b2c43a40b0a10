// One schema, two dialects: the PostgreSQL tables (db/pg/schema.ts, derived from db/schema) describe the same
// tables as SQLite's — names, columns with their types, keys, not-null and defaults, identities, indexes
// (partial ones with their condition), composite keys and foreign keys — read through drizzle-kit's own
// snapshots, the ones its migrations are generated from. Rank keys sort by bytes on both.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  generateDrizzleJson,
  generateMigration,
  generateSQLiteDrizzleJson,
  generateSQLiteMigration,
} from 'drizzle-kit/api'
import { describe, expect, it } from 'vitest'
import * as pg from '../../db/pg/schema'
import { BYTE_ORDERED } from '../../db/pg/tables'
import * as sqlite from '../../db/schema'

// biome-ignore lint/suspicious/noExplicitAny: drizzle-kit's snapshot JSON
type Snapshot = any

/** SQLite's type for each PostgreSQL type the derivation uses. */
const SQLITE_TYPE: Record<string, string> = {
  integer: 'integer',
  boolean: 'integer',
  'double precision': 'real',
  text: 'text',
  'text COLLATE "C"': 'text',
  json: 'text',
}

/** A default as text in either dialect's snapshot: quotes, casts and true/false as SQLite writes them. */
const defaultOf = (value: unknown) =>
  value === undefined
    ? null
    : String(value)
        .replace(/^'(.*)'(::json)?$/, '$1')
        .replace(/^(true|false)$/, (b) => (b === 'true' ? '1' : '0'))

function shape(tables: Record<string, Snapshot>, dialect: 'pg' | 'sqlite') {
  const pgDialect = dialect === 'pg'
  return Object.values(tables)
    .map((t: Snapshot) => ({
      name: t.name,
      columns: Object.values(t.columns)
        .map((c: Snapshot) => [
          c.name,
          pgDialect ? (SQLITE_TYPE[c.type] ?? `unmapped ${c.type}`) : c.type,
          c.primaryKey,
          c.notNull,
          defaultOf(c.default),
          pgDialect ? Boolean(c.identity) : Boolean(c.autoincrement),
        ])
        .sort(),
      indexes: Object.values(t.indexes)
        .map((i: Snapshot) => [
          i.name,
          pgDialect ? i.columns.map((c: Snapshot) => c.expression) : i.columns,
          i.isUnique,
          i.where ?? null,
        ])
        .sort(),
      foreignKeys: Object.values(t.foreignKeys)
        .map((f: Snapshot) => [f.name, f.tableTo, f.columnsFrom, f.columnsTo, f.onDelete, f.onUpdate])
        .sort(),
      primaryKeys: Object.values(t.compositePrimaryKeys).map((p: Snapshot) => [p.name, p.columns]),
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** The snapshot of the last migration generated into `dir` (drizzle-kit's meta folder). */
function lastSnapshot(dir: string): Snapshot {
  const meta = join(dir, 'meta')
  const last = readdirSync(meta)
    .filter((name) => name.endsWith('_snapshot.json'))
    .sort()
    .at(-1)!
  return JSON.parse(readFileSync(join(meta, last), 'utf8'))
}

describe('the schema on both engines', () => {
  it('has its migrations generated and committed for each engine: nothing left to generate', async () => {
    const sqliteLast = lastSnapshot('db/migrations')
    expect(
      await generateSQLiteMigration(sqliteLast, await generateSQLiteDrizzleJson(sqlite, sqliteLast.id)),
    ).toEqual([])
    const pgLast = lastSnapshot('db/pg/migrations')
    expect(await generateMigration(pgLast, generateDrizzleJson(pg, pgLast.id))).toEqual([])
  })

  it('describes the same tables, columns, keys, defaults, indexes and foreign keys on PostgreSQL as on SQLite', async () => {
    const onSqlite = shape((await generateSQLiteDrizzleJson(sqlite)).tables, 'sqlite')
    const onPg = shape((generateDrizzleJson(pg) as Snapshot).tables, 'pg')
    expect(onSqlite.length).toBeGreaterThan(25)
    expect(onPg.map((t) => t.name)).toEqual(onSqlite.map((t) => t.name))
    for (const [i, table] of onSqlite.entries()) expect(onPg[i], table.name).toEqual(table)
  })

  it('sorts every rank by bytes on PostgreSQL, as SQLite does', () => {
    const snapshot = generateDrizzleJson(pg) as Snapshot
    const ranks = Object.values(snapshot.tables).flatMap((t: Snapshot) =>
      Object.values(t.columns)
        .filter((c: Snapshot) => c.name === 'rank')
        .map((c: Snapshot) => [`${t.name}.${c.name}`, c.type]),
    )
    expect(ranks.length).toBeGreaterThan(0)
    for (const [name, type] of ranks) {
      expect(BYTE_ORDERED.has(name), name).toBe(true)
      expect(type, name).toBe('text COLLATE "C"')
    }
  })
})

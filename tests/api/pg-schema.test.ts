// The PostgreSQL migrations (db/pg/migrations) on a real PostgreSQL: every table of the schema is created,
// ranks compare byte by byte as on SQLite, and JSON keeps its text (and so its key order) as written.
// Runs where a PostgreSQL is at hand (KEEL_TEST_DATABASE_URL, or a local installation: CI installs one).
import { getTableName, is } from 'drizzle-orm'
import { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type pg from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'
import * as schema from '../../db/schema'
import { freshPgDatabase, postgresUrl } from '../helpers/pg'

const sqliteTables = Object.values(schema)
  .filter((value) => is(value, SQLiteTable))
  .map((table) => getTableName(table as SQLiteTable))
  .sort()

describe.runIf(postgresUrl())('the schema on PostgreSQL', () => {
  let db: pg.Pool
  beforeAll(async () => {
    db = await freshPgDatabase()
  })

  it('creates every table of the schema', async () => {
    const { rows } = await db.query(
      // search_index is written by hand (db/pg/migrations/0001), as SQLite's FTS5 table is.
      "select table_name from information_schema.tables where table_schema = 'public' and table_name not in ('__drizzle_migrations', 'search_index') order by table_name",
    )
    expect(rows.map((r) => r.table_name)).toEqual(sqliteTables)
  })

  it('orders ranks byte by byte, as fractional-indexing keys need and SQLite does', async () => {
    const ranks = ['a0', 'B1', 'Zz', 'a', 'A', 'a0V']
    const { rows } = await db.query(
      `with r(rank) as (select unnest($1::text[])) select r.rank collate "C" as rank from r
       order by r.rank collate "C"`,
      [ranks],
    )
    expect(rows.map((r) => r.rank)).toEqual([...ranks].sort())
    const collations = await db.query(
      "select table_name, collation_name from information_schema.columns where column_name = 'rank' order by table_name",
    )
    expect(collations.rows).toEqual([
      { table_name: 'requirements', collation_name: 'C' },
      { table_name: 'tasks', collation_name: 'C' },
    ])
  })

  it('keeps JSON as written, key order and all', async () => {
    await db.query("insert into workspaces (name, created_at) values ('Acme', '2026-12-04T00:00:00.000Z')")
    const written = '{"text":"x","done":false}'
    await db.query(
      "insert into roles (workspace_id, name, permissions, created_at) values (1, 'r', $1, '2026-12-04T00:00:00.000Z')",
      [written],
    )
    const { rows } = await db.query('select permissions::text as permissions from roles')
    expect(rows[0].permissions).toBe(written)
  })
})

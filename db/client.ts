// Opens a SQLite database with Keel's pragmas and applies the committed migrations.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { drizzle } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import * as schema from './schema'

/** A database or a transaction: what repositories take. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>
/** An opened database file with its driver handle (for backups, pragmas and closing). */
export type OpenDb = Db & { $client: Database.Database }

/** Where the generated SQL migrations live; overridable for the bundled server. */
export const defaultMigrationsDir = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

export interface OpenOptions {
  /** A file path, or ':memory:' for tests. */
  path: string
  migrationsDir?: string
}

/** Opens the database and brings it to the latest migration: the one connection of tools and tests. */
export function openDatabase({ path, migrationsDir = defaultMigrationsDir }: OpenOptions): OpenDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const db = openConnection(path)
  migrate(db, { migrationsFolder: migrationsDir })
  return db
}

/** A connection to a database with Keel's pragmas and statement cache, as it is (no migrations). */
export function openConnection(path: string): OpenDb {
  const sqlite = new Database(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('temp_store = MEMORY')
  cachePreparedStatements(sqlite)
  return drizzle(sqlite, { schema })
}

const runners = new WeakMap<Database.Database, Database.Transaction<(fn: () => unknown) => unknown>>()

/**
 * Runs `fn` in one write transaction (BEGIN IMMEDIATE; a savepoint when one is already open) on the
 * database's own connection. drizzle's `transaction()` builds a transaction object and a database object
 * for every call (~5% of a task move); on one connection the database itself is the transaction.
 */
export function immediate<T>(db: OpenDb, fn: (tx: Db) => T): T {
  let run = runners.get(db.$client)
  if (!run) {
    run = db.$client.transaction((f: () => unknown) => f())
    runners.set(db.$client, run)
  }
  return run.immediate(() => fn(db)) as T
}

/**
 * drizzle prepares every query anew; preparing costs as much as running a small query. Keep the most
 * recently used statements by SQL text (bounded, least recently used out) so hot paths prepare once.
 * A statement's raw mode is reset on reuse, since drizzle switches it on for some reads.
 */
function cachePreparedStatements(sqlite: Database.Database, max = 500) {
  const cache = new Map<string, Database.Statement>()
  const prepare = sqlite.prepare.bind(sqlite)
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source)
    if (statement) {
      cache.delete(source)
      if (statement.reader) statement.raw(false)
    } else {
      statement = prepare(source)
      if (cache.size >= max) cache.delete(cache.keys().next().value as string)
    }
    cache.set(source, statement)
    return statement
  }) as typeof sqlite.prepare
}

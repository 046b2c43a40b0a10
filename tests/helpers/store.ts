// A fresh database for each test, on the engine the run tests (KEEL_TEST_ENGINE: `sqlite`, the default, or
// `postgres`, the `api-pg` project of vitest.config.ts).
// - SQLite: a copy of one migrated file made per worker (copying takes ~2 ms, migrating ~15), opened as the
//   app opens it: a writer and a reader connection. Files live in memory (/dev/shm) where there is one.
// - PostgreSQL: a database copied from the run's migrated template (tests/helpers/postgres-setup.ts),
//   made ready before each test (store-setup.ts), so that a test builds its app as synchronously as on
//   SQLite; a test that needs more than one makes the others with psql, synchronously.
// The stores a test file opened are closed and deleted after it (tests/helpers/store-setup.ts).
import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { inject } from 'vitest'
import { type OpenDb, openConnection, openDatabase } from '../../db/client'
import { connectPgStore, type PgStore } from '../../db/pg/store'
import { type Engine, runText } from '../../db/query'
import { openStore, type SqliteStore, type Store } from '../../db/store'
import { PG_TEMPLATE, withDatabase } from './postgres-setup'

/** The engine this run's API tests use. */
export const testEngine = (): Engine => (process.env.KEEL_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite')

const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'keel-test-'))
process.once('exit', () => rmSync(dir, { recursive: true, force: true }))

let template: string | undefined
let count = 0
const open: { store: SqliteStore; path: string; side: OpenDb[] }[] = []

function migratedTemplate(): string {
  const path = join(dir, 'template.db')
  const db = openDatabase({ path })
  db.$client.pragma('wal_checkpoint(TRUNCATE)')
  db.$client.close()
  return path
}

/** A new database with every migration applied, on the run's engine, opened as a store. */
export function testStore(): Store {
  return testEngine() === 'postgres' ? pgTestStore() : testSqliteStore()
}

const pgOpen: { store: PgStore; name: string; side?: PgStore }[] = []
/** Databases copied from the template ahead of the tests that will take them. */
const pgReady: string[] = []
let pgAdmin: pg.Client | undefined

const pgUrl = () => {
  const url = inject('postgresUrl')
  if (!url) throw new Error('KEEL_TEST_ENGINE=postgres, but there is no PostgreSQL: see the README')
  return url
}
/** FILE_COPY: four times faster than the default for a database this small. */
const createDatabase = (name: string) => `create database ${name} template ${PG_TEMPLATE} strategy file_copy`

/** Copies the template ahead of the next test (store-setup.ts, before each test on PostgreSQL). */
export async function prepareTestDatabase(): Promise<void> {
  if (testEngine() !== 'postgres' || pgReady.length > 0) return
  if (!pgAdmin) {
    pgAdmin = new pg.Client({ connectionString: pgUrl() })
    await pgAdmin.connect()
  }
  const name = `keel_t${process.pid}_${++count}`
  await pgAdmin.query(createDatabase(name))
  pgReady.push(name)
}

function pgTestStore(): PgStore {
  const url = pgUrl()
  let name = pgReady.shift()
  if (!name) {
    name = `keel_t${process.pid}_${++count}`
    execFileSync('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', createDatabase(name)], {
      stdio: 'pipe',
    })
  }
  const store = connectPgStore({ url: withDatabase(url, name), poolSize: 4 })
  pgOpen.push({ store, name })
  return store
}

/** A new SQLite database file with every migration applied, opened as a store (SQLite-only suites). */
export function testSqliteStore(): SqliteStore {
  template ??= migratedTemplate()
  const path = join(dir, `test-${++count}.db`)
  copyFileSync(template, path)
  const store = openStore({ path })
  open.push({ store, path, side: [] })
  return store
}

/**
 * A connection of the test's own to a store's file, as an operator's sqlite3 shell would be: to look at
 * rows, or to change them behind the app's back.
 */
export function sideConnection(store: SqliteStore): OpenDb {
  const db = openConnection(store.path)
  open.find((o) => o.store === store)?.side.push(db)
  return db
}

/**
 * Rows of raw SQL run on a connection of the test's own, on either engine (`?` parameters): to look at
 * rows, or to change them behind the app's back.
 */
export function sideQuery(store: Store) {
  let db: Store['db'] | undefined
  const connect = (): Store['db'] => {
    if (store.engine === 'sqlite') return sideConnection(store as SqliteStore)
    const entry = pgOpen.find((o) => o.store === store)
    if (!entry) throw new Error('not a test store')
    entry.side ??= connectPgStore({ url: (store as PgStore).url, poolSize: 1 })
    return entry.side.db
  }
  return async <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> => {
    db ??= connect()
    return (await runText(db, text, params)).rows as T[]
  }
}

/** A path for a database a test opens itself (a new, empty file). */
export const testDatabasePath = () => join(dir, `own-${++count}.db`)

/** Closes and deletes the stores opened so far. */
export async function closeTestStores() {
  for (const { store, path, side } of open.splice(0)) {
    for (const db of side) if (db.$client.open) db.$client.close()
    if (store.db.$client.open) await store.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  }
  const dropping = pgOpen.splice(0)
  const unused = pgReady.splice(0)
  if (dropping.length === 0 && unused.length === 0) return
  const admin = pgAdmin ?? new pg.Client({ connectionString: pgUrl() })
  if (!pgAdmin) await admin.connect()
  pgAdmin = undefined
  try {
    for (const { store, side } of dropping) {
      await side?.close()
      // A test that takes the database away closes its store itself.
      if (!store.pool.ended) await store.close()
    }
    for (const name of [...dropping.map((d) => d.name), ...unused])
      await admin.query(`drop database if exists ${name} with (force)`)
  } finally {
    await admin.end()
  }
}

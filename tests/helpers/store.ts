// A fresh database for each test: a copy of one migrated file made per worker (copying takes ~2 ms, migrating
// ~15), opened as the app opens it: a writer and a reader connection. Files live in memory (/dev/shm) where
// there is one; the stores a test file opened are closed and deleted after it (tests/helpers/store-setup.ts).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type OpenDb, openConnection, openDatabase } from '../../db/client'
import { openStore, type SqliteStore } from '../../db/store'

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

/** A new database file with every migration applied, opened as a store. */
export function testStore(): SqliteStore {
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

/** A path for a database a test opens itself (a new, empty file). */
export const testDatabasePath = () => join(dir, `own-${++count}.db`)

/** Closes and deletes the stores opened so far. */
export async function closeTestStores() {
  for (const { store, path, side } of open.splice(0)) {
    for (const db of side) if (db.$client.open) db.$client.close()
    if (store.db.$client.open) await store.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true })
  }
}

// The database as the app uses it: one write transaction at a time, on a connection of its own, while
// every other statement reads committed rows on a second connection.
//
// A write is asynchronous (a service may await inside it, and on PostgreSQL every statement is awaited), so
// while it is open other requests run in between. SQLite has one writer, and a transaction's uncommitted
// rows are visible to every statement on its connection; so writes take turns (first come, first served) on
// the writer connection, and everything else reads on the reader connection, which WAL keeps on the last
// committed state. Holding the turn, a write sees on the reader exactly the state it began on (nothing else
// can commit meanwhile); its own rows so far it reads through `tx`. A write nested in another names the
// level it nests in (a savepoint of it): the context is passed, not looked up, since Node 20's
// AsyncLocalStorage makes every await of every request ~2.5 times dearer.
//
// On PostgreSQL (db/pg/store.ts) the same contract holds across processes: a write takes the process's turn,
// then a pooled connection and a transaction-wide advisory lock, so writes of every Keel process take turns
// and reads on the pool see the state the write began on.
import { startCheckpointer } from './checkpointer'
import { type Db, defaultMigrationsDir, type OpenDb, openConnection, openDatabase } from './client'
import type { Engine } from './query'

/** An open write: the transaction itself, or a savepoint within it. */
export interface Level {
  readonly parent: Level | undefined
  readonly depth: number
  /** The transaction's database handle. */
  readonly tx: Db
  /** Run once the outermost transaction committed; dropped when this level rolls back. */
  readonly callbacks: (() => void)[]
  /** The outermost write's access epoch (db/access-epoch.ts) as it committed: set at the commit. */
  epoch?: number
}

export interface Store {
  readonly engine: Engine
  /** Where reads outside a write run: committed rows. */
  readonly db: Db
  /**
   * Runs `fn` as one write transaction, after the writes before it; inside `within` (an open write of the
   * same request), as a savepoint of it. Rolled back if `fn` throws; `level.callbacks` run once the
   * outermost transaction committed.
   */
  transaction<T>(fn: (tx: Db, level: Level) => T | Promise<T>, within?: Level): Promise<T>
  /** Several reads as one consistent snapshot while others write; no write is possible in it. */
  snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T>
  /**
   * Tells the other processes on the same database, when the write `tx` commits, what it changed (the
   * events a write publishes; PostgreSQL's NOTIFY). Absent where there is only one process (SQLite).
   */
  announce?(tx: Db, messages: readonly object[]): Promise<void>
  /** Whether the database answers. */
  ping(): Promise<boolean>
  /** Stops background work and closes the connections. */
  close(): Promise<void>
}

export interface SqliteStore extends Store {
  readonly engine: 'sqlite'
  /** The database file. */
  readonly path: string
  readonly db: OpenDb
  /**
   * The writer connection itself, for what works on the connection rather than through statements (tests
   * that make the disk read-only or full). Statements go through `transaction`.
   */
  readonly writer: OpenDb
}

/** A first-in, first-out lock; taking a free one does not wait a tick. */
export class Turns {
  private held = false
  private readonly waiting: (() => void)[] = []

  /** Undefined when taken at once, else a promise that settles when it is this caller's turn. */
  take(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true
      return undefined
    }
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  give() {
    const next = this.waiting.shift()
    if (next) next()
    else this.held = false
  }
}

export interface StoreOptions {
  /** A file path; two connections need a file (tests use a copy of a migrated template). */
  path: string
  migrationsDir?: string
  /** Checkpoint the log on a worker thread (db/checkpointer.ts): the server does, short commands need not. */
  checkpointer?: boolean
}

export function openStore({
  path,
  migrationsDir = defaultMigrationsDir,
  checkpointer,
}: StoreOptions): SqliteStore {
  if (path === ':memory:')
    throw new Error('Keel needs a database file (a memory database has one connection)')
  const writer = openDatabase({ path, migrationsDir })
  const reader = openConnection(path)
  // A stray write on the reader would wait for the writer's lock while blocking the thread that holds it.
  reader.$client.pragma('query_only = ON')
  const client = writer.$client
  const begin = client.prepare('BEGIN IMMEDIATE')
  const commit = client.prepare('COMMIT')
  const epoch = client.prepare<[], { value: number }>('select value from access_epoch where id = 1')
  const rollback = client.prepare('ROLLBACK')
  const checkpoints = checkpointer ? startCheckpointer(client) : undefined
  const turns = new Turns()

  async function outermost<T>(fn: (tx: Db, level: Level) => T | Promise<T>): Promise<T> {
    const wait = turns.take()
    if (wait) await wait
    const level: Level = { parent: undefined, depth: 0, tx: writer, callbacks: [] }
    let result: T
    try {
      begin.run()
      try {
        result = await fn(writer, level)
        level.epoch = epoch.get()?.value
        commit.run()
      } catch (error) {
        if (client.inTransaction) rollback.run()
        throw error
      }
    } finally {
      turns.give()
    }
    for (const callback of level.callbacks) callback()
    return result
  }

  async function savepoint<T>(parent: Level, fn: (tx: Db, level: Level) => T | Promise<T>): Promise<T> {
    const level: Level = { parent, depth: parent.depth + 1, tx: writer, callbacks: [] }
    const name = `keel_${level.depth}`
    client.exec(`SAVEPOINT ${name}`)
    try {
      const result = await fn(writer, level)
      client.exec(`RELEASE ${name}`)
      parent.callbacks.push(...level.callbacks)
      return result
    } catch (error) {
      client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
      throw error
    }
  }

  // Snapshots read on a connection of their own: an open read transaction on the reader would hold every
  // other request's reads on its old state, even a request's read of what it just wrote.
  let snapshots: OpenDb | undefined
  const snapshotTurns = new Turns()
  async function snapshot<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const wait = snapshotTurns.take()
    if (wait) await wait
    try {
      if (!snapshots) {
        snapshots = openConnection(path)
        snapshots.$client.pragma('query_only = ON')
      }
      const db = snapshots
      db.$client.prepare('BEGIN DEFERRED').run()
      try {
        // A deferred transaction takes its snapshot at its first read.
        db.$client.prepare('select 1 from sqlite_schema limit 1').get()
        return await fn(db)
      } finally {
        db.$client.prepare('COMMIT').run()
      }
    } finally {
      snapshotTurns.give()
    }
  }

  return {
    engine: 'sqlite',
    path,
    db: reader,
    writer,
    transaction: (fn, within) => (within ? savepoint(within, fn) : outermost(fn)),
    snapshot,
    async ping() {
      try {
        return reader.$client.prepare('select 1').get() !== undefined
      } catch {
        return false
      }
    },
    async close() {
      await checkpoints?.stop()
      snapshots?.$client.close()
      reader.$client.close()
      writer.$client.close()
    },
  }
}

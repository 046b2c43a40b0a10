// The database as the app uses it: one write transaction at a time, on a connection of its own, while
// every other request reads committed rows on a second connection.
//
// A write is asynchronous (a service awaits inside it, and on PostgreSQL every statement is awaited), so
// while it is open other requests run in between. SQLite has one writer, and a transaction's uncommitted
// rows are visible to every statement on its connection; so writes take turns (a FIFO lock) on the writer
// connection, and all else reads on the reader connection, which WAL keeps on the last committed state.
// Inside a write, `db` is the write's own connection (AsyncLocalStorage follows the awaits), so a service
// reads what it has written so far; nested writes are savepoints.
import { AsyncLocalStorage } from 'node:async_hooks'
import { startCheckpointer } from './checkpointer'
import { defaultMigrationsDir, type OpenDb, openConnection, openDatabase } from './client'

export interface Store {
  readonly engine: 'sqlite'
  /** The database file. */
  readonly path: string
  /** What statements run on now: the open write's connection inside a write, else the reader. */
  readonly db: OpenDb
  /** The reader connection, whatever the context (backups, health checks). */
  readonly reader: OpenDb
  /**
   * The writer connection itself, for what works on the connection rather than through statements (tests
   * that make the disk read-only or full). Statements go through `db` or `transaction`.
   */
  readonly writer: OpenDb
  /**
   * Runs `fn` as one write transaction, after the writes before it (nested in another: a savepoint of
   * it). Rolled back if `fn` throws. `afterCommit` callbacks registered inside run once it committed.
   */
  transaction<T>(fn: (tx: OpenDb) => T | Promise<T>): Promise<T>
  /** Runs `callback` once the outermost write open now commits (at once outside a write). */
  afterCommit(callback: () => void): void
  /** Whether this async context is inside a write. */
  readonly inWrite: boolean
  /** Stops the checkpoint worker, if any, and closes both connections. */
  close(): Promise<void>
}

/** A level of an open write: the transaction itself, or a savepoint within it. */
interface Level {
  parent: Level | undefined
  depth: number
  callbacks: (() => void)[]
}

/** A first-in, first-out lock; taking a free one does not wait a tick. */
class Turns {
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

export function openStore({ path, migrationsDir = defaultMigrationsDir, checkpointer }: StoreOptions): Store {
  if (path === ':memory:')
    throw new Error('Keel needs a database file (a memory database has one connection)')
  const writer = openDatabase({ path, migrationsDir })
  const reader = openConnection(path)
  // A stray write on the reader would wait for the writer's lock while blocking the thread that holds it.
  reader.$client.pragma('query_only = ON')
  const client = writer.$client
  const begin = client.prepare('BEGIN IMMEDIATE')
  const commit = client.prepare('COMMIT')
  const rollback = client.prepare('ROLLBACK')
  const checkpoints = checkpointer ? startCheckpointer(client) : undefined
  const levels = new AsyncLocalStorage<Level>()
  const turns = new Turns()

  async function outermost<T>(fn: (tx: OpenDb) => T | Promise<T>): Promise<T> {
    const wait = turns.take()
    if (wait) await wait
    const level: Level = { parent: undefined, depth: 0, callbacks: [] }
    let result: T
    try {
      begin.run()
      try {
        result = await levels.run(level, () => fn(writer))
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

  async function savepoint<T>(parent: Level, fn: (tx: OpenDb) => T | Promise<T>): Promise<T> {
    const level: Level = { parent, depth: parent.depth + 1, callbacks: [] }
    const name = `keel_${level.depth}`
    client.exec(`SAVEPOINT ${name}`)
    try {
      const result = await levels.run(level, () => fn(writer))
      client.exec(`RELEASE ${name}`)
      parent.callbacks.push(...level.callbacks)
      return result
    } catch (error) {
      client.exec(`ROLLBACK TO ${name}; RELEASE ${name}`)
      throw error
    }
  }

  return {
    engine: 'sqlite',
    path,
    get db() {
      return levels.getStore() ? writer : reader
    },
    reader,
    writer,
    get inWrite() {
      return levels.getStore() !== undefined
    },
    transaction(fn) {
      const parent = levels.getStore()
      return parent ? savepoint(parent, fn) : outermost(fn)
    },
    afterCommit(callback) {
      const level = levels.getStore()
      if (level) level.callbacks.push(callback)
      else callback()
    },
    async close() {
      await checkpoints?.stop()
      reader.$client.close()
      writer.$client.close()
    },
  }
}

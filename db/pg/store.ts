// The store on PostgreSQL: the contract of db/store.ts across any number of Keel processes.
//
// Reads run on the pool. A write takes the process's turn first (so a process holds at most one pooled
// connection for writing, and its reads always find one free), then a connection, BEGIN and a
// transaction-wide advisory lock that every Keel process takes: writes take turns across processes as they
// do on SQLite's one writer, so a service's checks read (on the pool) the state its write began on, and two
// writes never race on a version. A serialization failure or deadlock (a DBA's statement, a replica's
// conflict) is retried with the write's function run afresh, never answered as a 500.
import { join } from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import { type Db, defaultMigrationsDir } from '../client'
import { type Level, type Store, Turns } from '../store'
import { PreparingClient } from './prepared-client'

/** db/pg/migrations, beside SQLite's (in the bundled server too: dist/server/pg/migrations). */
export const defaultPgMigrationsDir = join(defaultMigrationsDir, '..', 'pg', 'migrations')

/** The advisory lock every write takes ('keel' in ASCII), and the one migrations take. */
const WRITE_LOCK = 0x6b65656c
const MIGRATION_LOCK = WRITE_LOCK + 1

/** SQLSTATEs after which a transaction may simply be run again. */
const RETRYABLE = new Set(['40001', '40P01'])
const MAX_ATTEMPTS = 5

let typesSet = false
/**
 * node-postgres parses JSON and hands counts (bigint, numeric) over as strings; Keel's columns decode JSON
 * text themselves (as on SQLite) and its counts are numbers. drizzle passes the global parsers per query.
 */
function setTypes() {
  if (typesSet) return
  typesSet = true
  pg.types.setTypeParser(pg.types.builtins.JSON, (value: string) => value)
  pg.types.setTypeParser(pg.types.builtins.INT8, Number)
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, Number)
}

export interface PgStoreOptions {
  url: string
  /** Connections in this process's pool. */
  poolSize?: number
  migrationsDir?: string
}

export interface PgStore extends Store {
  readonly engine: 'postgres'
  readonly url: string
  readonly pool: pg.Pool
}

/** The channel of NOTIFY on which processes tell each other of changes (server/lib/relay.ts listens). */
export const CHANGES_CHANNEL = 'keel_changes'
/** A NOTIFY payload is at most 8000 bytes: messages are sent in batches under this many bytes (UTF-8). */
const MAX_PAYLOAD = 7000
/** This process, so that it can tell its own announcements from the others'. */
export const PROCESS_ID = `${process.pid}-${Math.random().toString(36).slice(2, 10)}`

/** The SQLSTATE of a database error, if it is one. */
export const sqlState = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined

const handles = new WeakMap<pg.Pool | pg.PoolClient, Db>()
/**
 * A PostgreSQL database handle on a pool or one client, as the repositories take it: one per pooled
 * connection, kept with it, so that the queries prepared on its session (db/prepared.ts) are built once per
 * connection rather than once per transaction.
 */
function handle(client: pg.Pool | pg.PoolClient): Db {
  let db = handles.get(client)
  if (!db) {
    db = drizzle(client) as unknown as Db
    handles.set(client, db)
  }
  return db
}

/**
 * Connects, applies the migrations (once, when several processes start together) and answers the store.
 * Throws when the database cannot be reached or migrated.
 */
export async function openPgStore({
  url,
  poolSize = 10,
  migrationsDir = defaultPgMigrationsDir,
}: PgStoreOptions): Promise<PgStore> {
  const store = connectPgStore({ url, poolSize })
  try {
    await migrateOnce(store.pool, migrationsDir)
  } catch (error) {
    await store.close()
    throw error
  }
  return store
}

/** The store on a database already migrated (tests copy a migrated template); connects on first use. */
export function connectPgStore({ url, poolSize = 10 }: Omit<PgStoreOptions, 'migrationsDir'>): PgStore {
  setTypes()
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 10_000,
    Client: PreparingClient,
  })
  // An idle client that loses its server emits here; without a listener the process would exit.
  pool.on('error', () => {})
  return pgStore(url, pool)
}

async function migrateOnce(pool: pg.Pool, migrationsFolder: string) {
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    try {
      await migrate(drizzle(client), { migrationsFolder })
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK])
    }
  } finally {
    client.release()
  }
}

function pgStore(url: string, pool: pg.Pool): PgStore {
  const db = handle(pool)
  const turns = new Turns()
  // The client of each open write, by its levels.
  const clients = new WeakMap<Level, pg.PoolClient>()
  // The announcements of each open write, sent with its COMMIT (one round trip for both).
  const notes = new WeakMap<pg.PoolClient, string[]>()

  async function attempt<T>(fn: (tx: Db, level: Level) => T | Promise<T>): Promise<T> {
    const client = await pool.connect()
    let broken: Error | undefined
    const announced: string[] = []
    notes.set(client, announced)
    try {
      const level: Level = { parent: undefined, depth: 0, tx: handle(client), callbacks: [] }
      clients.set(level, client)
      let result: T
      try {
        // One round trip: the transaction and the lock that makes every process's writes take turns.
        await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${WRITE_LOCK})`)
        result = await fn(level.tx, level)
        // NOTIFY is delivered at commit, and only if it commits: sent in the COMMIT's round trip, with the
        // read of the access epoch the write commits at (what caches of it go by).
        const notify = announced.map(
          (payload) => `SELECT pg_notify('${CHANGES_CHANNEL}', ${client.escapeLiteral(payload)}); `,
        )
        const results = (await client.query(
          `${notify.join('')}SELECT value FROM access_epoch WHERE id = 1; COMMIT`,
        )) as unknown as pg.QueryResult<{ value: number | string }>[]
        const epoch = results[results.length - 2]?.rows[0]?.value
        level.epoch = epoch === undefined ? undefined : Number(epoch)
      } catch (error) {
        try {
          await client.query('ROLLBACK')
        } catch (rollbackError) {
          broken = rollbackError as Error
        }
        throw error
      }
      for (const callback of level.callbacks) callback()
      return result
    } finally {
      notes.delete(client)
      client.release(broken)
    }
  }

  async function outermost<T>(fn: (tx: Db, level: Level) => T | Promise<T>): Promise<T> {
    const wait = turns.take()
    if (wait) await wait
    try {
      for (let tries = 1; ; tries++) {
        try {
          return await attempt(fn)
        } catch (error) {
          if (tries >= MAX_ATTEMPTS || !RETRYABLE.has(sqlState(error) ?? '')) throw error
          await new Promise((resolve) => setTimeout(resolve, 5 * tries * Math.random()))
        }
      }
    } finally {
      turns.give()
    }
  }

  async function savepoint<T>(parent: Level, fn: (tx: Db, level: Level) => T | Promise<T>): Promise<T> {
    const client = clients.get(parent)
    if (!client) throw new Error('A savepoint of a write that is not open')
    const level: Level = { parent, depth: parent.depth + 1, tx: parent.tx, callbacks: [] }
    clients.set(level, client)
    const name = `keel_${level.depth}`
    await client.query(`SAVEPOINT ${name}`)
    try {
      const result = await fn(level.tx, level)
      await client.query(`RELEASE ${name}`)
      parent.callbacks.push(...level.callbacks)
      return result
    } catch (error) {
      await client.query(`ROLLBACK TO ${name}; RELEASE ${name}`)
      throw error
    }
  }

  return {
    engine: 'postgres',
    url,
    pool,
    db,
    transaction: (fn, within) => (within ? savepoint(within, fn) : outermost(fn)),
    async snapshot(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
        try {
          return await fn(handle(client))
        } finally {
          await client.query('COMMIT')
        }
      } finally {
        client.release()
      }
    },
    async announce(tx, messages) {
      // Delivered by PostgreSQL when (and only if) the transaction commits, in commit order; the
      // payloads go out with the COMMIT (attempt above).
      const client = (tx as unknown as { $client: pg.PoolClient }).$client
      const announced = notes.get(client)
      if (!announced) throw new Error('An announcement outside a write')
      let batch: string[] = []
      let size = 0
      const send = async () => {
        if (!batch.length) return
        announced.push(`{"from":"${PROCESS_ID}","messages":[${batch.join(',')}]}`)
        batch = []
        size = 0
      }
      for (const message of messages) {
        let text = JSON.stringify(message)
        // Too large with what it carries for open views (a card): sent without it, the views fetch instead.
        if (Buffer.byteLength(text) > MAX_PAYLOAD && 'patch' in message) {
          const { patch: _, ...bare } = message as Record<string, unknown>
          text = JSON.stringify(bare)
        }
        const bytes = Buffer.byteLength(text)
        if (bytes > MAX_PAYLOAD) continue
        if (size + bytes > MAX_PAYLOAD) await send()
        batch.push(text)
        size += bytes + 1
      }
      await send()
    },
    async ping() {
      try {
        await pool.query('select 1')
        return true
      } catch {
        return false
      }
    },
    async close() {
      await pool.end()
    },
  }
}

// Running queries the same way on both engines. Repositories build queries with drizzle against the one
// schema (db/schema) and await them: a SQLite query runs at once (its promise is already settled), a
// PostgreSQL one goes to the server. The synchronous SQLite calls (`.get()`, `.all()`, `.run()`,
// `.values()`) exist only on SQLite and are refused by `npm run check` outside db/.
//
// On PostgreSQL the same drizzle tables serve (db/pg/driver.ts): drizzle writes the SQL in the database's
// dialect from the table's names, and the columns encode and decode values the same way on both engines
// (booleans, JSON as text) once node-postgres hands JSON over as text and counts as numbers.
import type Database from 'better-sqlite3'
import { is, type SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import type pg from 'pg'
import type { Db } from './client'
import { statement } from './prepared'

export type Engine = 'sqlite' | 'postgres'

/** The engine a database (or a transaction of it) runs on. */
export function engineOf(db: Db): Engine {
  return is((db as unknown as { dialect: unknown }).dialect, PgDialect) ? 'postgres' : 'sqlite'
}

/** The first row a query answers, if any (SQLite's `.get()`). */
export async function first<T>(rows: PromiseLike<T[]>): Promise<T | undefined> {
  return (await rows)[0]
}

/** How many rows a write (awaited, without `returning`) changed, on either engine. */
export function changes(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null }
  return r.changes ?? r.rowCount ?? 0
}

/** The rows of a hand-written query (drizzle's `sql`), as objects named by the query's column aliases. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  if (engineOf(db) === 'postgres') {
    const result = await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(query)
    return result.rows
  }
  return db.all<T>(query)
}

/** The first row of a hand-written query, if any. */
export async function row<T>(db: Db, query: SQL): Promise<T | undefined> {
  return (await rows<T>(db, query))[0]
}

/** Runs a hand-written write; answers how many rows it changed. */
export async function execute(db: Db, query: SQL): Promise<number> {
  if (engineOf(db) === 'postgres')
    return changes(await (db as unknown as { execute(q: SQL): Promise<unknown> }).execute(query))
  return db.run(query).changes
}

/** SQL text in PostgreSQL's numbered form, and the names of its parameters in order (named form). */
interface PgText {
  text: string
  order: string[] | undefined
}

/** PostgreSQL's form of each SQL text run so far (texts come from the code: a bounded set). */
const pgTexts = new Map<string, PgText>()

/**
 * SQL text with `?` parameters, or named ones (`@name`, `$name`, `:name` as better-sqlite3 takes them), in
 * PostgreSQL's numbered form with its values in order.
 */
function numbered(text: string, params: readonly unknown[] | Record<string, unknown>) {
  let pg = pgTexts.get(text)
  if (!pg) {
    let out: string
    let order: string[] | undefined
    if (Array.isArray(params)) {
      let n = 0
      out = text.replace(/\?/g, () => `$${++n}`)
    } else {
      const names: string[] = []
      out = text.replace(/(?<![:\w])[@$:]([A-Za-z_]\w*)/g, (_, name: string) => {
        let at = names.indexOf(name)
        if (at < 0) at = names.push(name) - 1
        return `$${at + 1}`
      })
      order = names
    }
    pg = { text: out, order }
    pgTexts.set(text, pg)
  }
  if (!pg.order) return { text: pg.text, values: params as readonly unknown[] }
  const named = params as Record<string, unknown>
  const values = pg.order.map((name) => {
    if (!(name in named)) throw new Error(`No value for the SQL parameter ${name}`)
    return named[name]
  })
  return { text: pg.text, values }
}

/**
 * Runs SQL text with parameters (`?` and an array, or named and an object) on the connection under `db` (a
 * write's `tx`, for bulk writes), prepared once per connection. Answers the rows, and on SQLite the
 * last inserted row id.
 */
export async function runText(
  db: Db,
  text: string,
  params: readonly unknown[] | Record<string, unknown>,
): Promise<{ rows: unknown[]; lastId: number }> {
  const client = (db as unknown as { $client: unknown }).$client
  if (engineOf(db) === 'postgres') {
    const query = numbered(text, params)
    // Prepared once per connection by the pool's client (db/pg/prepared-client.ts).
    const result = await (client as pg.PoolClient).query({
      text: query.text,
      values: query.values as unknown[],
    })
    return { rows: result.rows, lastId: 0 }
  }
  const prepared = statement(client as Database.Database, text)
  const args = Array.isArray(params) ? params : [params]
  if (prepared.reader) return { rows: prepared.all(...args), lastId: 0 }
  return { rows: [], lastId: Number(prepared.run(...args).lastInsertRowid) }
}

/** The one row a write with `returning()` answers (SQLite's `.returning().get()` of an insert). */
export async function single<T>(rows: PromiseLike<T[]>): Promise<T> {
  const [first] = await rows
  if (first === undefined) throw new Error('The statement returned no row')
  return first
}

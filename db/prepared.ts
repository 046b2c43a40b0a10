// Queries built once per connection. drizzle turns a query builder into SQL on every call, and walking
// the builder costs far more than running a small indexed query (profiled: ~⅓ of a single-task read).
// The hottest queries are written with `sql.placeholder()` and prepared once per database session; a
// transaction shares its database's session (and connection), so the same prepared query serves both.
import { sql } from 'drizzle-orm'
import type { Db } from './client'

const bySession = new WeakMap<object, Map<(db: Db) => unknown, unknown>>()

/**
 * The query `build` makes (ending in `.prepare()`), built on first use for `db`'s connection and reused
 * after. `build` must be a module-level function: it is the cache key.
 */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  // drizzle keeps the session internal; it is the same object for a database and its transactions.
  const session = (db as unknown as { session: object }).session
  let queries = bySession.get(session)
  if (!queries) {
    queries = new Map()
    bySession.set(session, queries)
  }
  let query = queries.get(build) as T | undefined
  if (query === undefined) {
    query = build(db)
    queries.set(build, query)
  }
  return query
}

const byShape = new WeakMap<object, Map<string, unknown>>()
/** Shapes kept per connection before the cache starts over (a filter's shapes are few in practice). */
const MAX_SHAPES = 500

/**
 * For queries whose SQL depends on which filters are given: the query `build` makes for this `shape` (a
 * key naming which parts are present and how many values each has; values go in as placeholders), built
 * on first use of the shape for `db`'s connection and reused after.
 */
export function preparedShape<T>(db: Db, name: string, shape: string, build: (db: Db) => T): T {
  const session = (db as unknown as { session: object }).session
  let queries = byShape.get(session)
  if (!queries) {
    queries = new Map()
    byShape.set(session, queries)
  }
  const key = `${name}\u0000${shape}`
  let query = queries.get(key) as T | undefined
  if (query === undefined) {
    if (queries.size >= MAX_SHAPES) queries.clear()
    query = build(db)
    queries.set(key, query)
  }
  return query
}

/**
 * A placeholder as raw SQL, for `.set()` and `.values()` of prepared writes: bound as given, without the
 * column's encoder (which would turn a null JSON value into the text 'null'). Pass driver values.
 */
export const param = (name: string) => sql`${sql.placeholder(name)}`

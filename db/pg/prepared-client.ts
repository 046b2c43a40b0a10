// Every repeated query prepared once per connection. Without a name, node-postgres sends each query as an
// unnamed statement that PostgreSQL parses and plans afresh, which for Keel's small indexed queries is a
// good part of the work. A query sent a second time gets a name, so each connection parses it once and
// then only binds and runs it.
//
// Keel's texts come from its code, with the values as parameters, so they are a bounded set. Still, texts
// whose shape follows the data (an IN list, a batch of rows) could grow without end: at most MAX_NAMES
// texts are named in a process, and the count of unnamed texts seen once is forgotten when it grows large.
import pg from 'pg'

const MAX_NAMES = 400
const MAX_SEEN = 5_000

const names = new Map<string, string>()
let seenOnce = new Set<string>()

/** The prepared statement's name for a query text, from its second use (undefined: send it unnamed). */
export function statementName(text: string): string | undefined {
  const name = names.get(text)
  if (name !== undefined || names.size >= MAX_NAMES) return name
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= MAX_SEEN) seenOnce = new Set()
    seenOnce.add(text)
    return undefined
  }
  seenOnce.delete(text)
  const next = `keel_${names.size + 1}`
  names.set(text, next)
  return next
}

/** Statements that PostgreSQL can prepare (not DDL, not several statements in one text). */
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i

type QueryConfig = { text?: unknown; name?: unknown; submit?: unknown }

/** node-postgres's client, naming the queries it is given as objects (drizzle's, runText's). */
export class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: node-postgres's query() is a family of overloads
  override query(config: any, values?: any, callback?: any): any {
    const c = config as QueryConfig | null
    if (
      typeof c === 'object' &&
      c !== null &&
      typeof c.text === 'string' &&
      c.name === undefined &&
      typeof c.submit !== 'function' &&
      PREPARABLE.test(c.text)
    ) {
      const name = statementName(c.text)
      if (name !== undefined) config = { ...c, name }
    }
    return super.query(config, values, callback)
  }
}

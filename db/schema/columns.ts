// Column helpers shared by every schema file: ids, timestamps and optimistic-concurrency versions.
import { integer, text } from 'drizzle-orm/sqlite-core'

export const id = () => integer('id').primaryKey({ autoIncrement: true })
/** ISO-8601 UTC timestamp, set by the service from the injected clock (never by SQLite). */
export const timestamp = (name: string) => text(name)
export const version = () => integer('version').notNull().default(1)

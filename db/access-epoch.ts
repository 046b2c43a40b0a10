// The access epoch: a counter in the database that moves whenever someone's access may have changed (a
// user, session, API token, role, membership or member's product list changed or deleted). Triggers move
// it (migration 0004), so every write path does, whoever makes it. What is cached about access (who a
// credential is, what a member may do and see) is trusted only while the epoch stays where it was when
// the cache was filled; reading it is one indexed row.
import type Database from 'better-sqlite3'
import type { Db } from './client'

const statements = new WeakMap<object, Database.Statement<[], number>>()

export function accessEpoch(db: Db): number {
  const client = (db as unknown as { $client: Database.Database }).$client
  let read = statements.get(client)
  if (!read) {
    read = client.prepare<[], number>('select value from access_epoch where id = 1').pluck()
    statements.set(client, read)
  }
  return read.get() ?? 0
}

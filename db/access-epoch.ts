// A counter per database that moves whenever someone's access can shrink: a session or API token deleted,
// a member removed, re-narrowed to other products or restricted. Long-lived streams (SSE) re-check a
// member's access only when it moved (or their session's expiry passed), instead of querying before every
// delivery: the same "access ends at once" with no queries while nothing about access changed.
//
// Writes are synchronous (better-sqlite3) and run on the one event loop, so a stream never sees the
// counter moved before the change it announces is committed. One process owns the database (as for the
// rest of Keel's in-memory state).
import type { Db } from './client'

const epochs = new WeakMap<object, { value: number }>()

/** drizzle shares one session object between a database and its transactions. */
const counterOf = (db: Db) => {
  const session = (db as unknown as { session: object }).session
  let counter = epochs.get(session)
  if (!counter) {
    counter = { value: 0 }
    epochs.set(session, counter)
  }
  return counter
}

export function accessChanged(db: Db): void {
  counterOf(db).value++
}

export function accessEpoch(db: Db): number {
  return counterOf(db).value
}

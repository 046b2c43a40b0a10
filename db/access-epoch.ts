// The access epoch: a counter in the database that moves whenever someone's access may have changed (a
// user, session, API token, role, membership or member's product list changed or deleted), or where a
// workspace's changes are sent (its webhooks). Triggers move it (migrations 0004 and 0012), so every write
// path does, whoever makes it. What is cached about access (who a
// credential is, what a member may do and see) is trusted only while the epoch stays where it was when
// the cache was filled; reading it is one indexed row.
import type { Db } from './client'
import { runText } from './query'

export async function accessEpoch(db: Db): Promise<number> {
  const { rows } = await runText(db, 'select value from access_epoch where id = 1', [])
  return (rows[0] as { value: number } | undefined)?.value ?? 0
}

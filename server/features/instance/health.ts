// What an instance owner checks first when something seems wrong: the version and engine, how big the
// database and the attached files are, the accounts, and whether background work keeps up (emails and
// webhook deliveries waiting or failed, work started by requests still running).
import { sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { engineOf, row } from '../../../db/query'
import type { AppDeps } from '../../lib/context'

const count = async (db: Db, query: ReturnType<typeof sql>) =>
  Number((await row<{ n: number }>(db, query))?.n ?? 0)

async function databaseBytes(db: Db): Promise<number> {
  const query =
    engineOf(db) === 'postgres'
      ? sql`select pg_database_size(current_database()) as n`
      : sql`select page_count * page_size as n from pragma_page_count(), pragma_page_size()`
  return count(db, query)
}

const byStatus = async (db: Db, table: 'emails' | 'webhook_deliveries') => ({
  waiting: await count(db, sql`select count(*) as n from ${sql.raw(table)} where status = 'pending'`),
  failed: await count(db, sql`select count(*) as n from ${sql.raw(table)} where status = 'failed'`),
})

export async function health(deps: AppDeps, version: string) {
  const { db } = deps
  const now = deps.clock.now().toISOString()
  const files = await row<{ n: number; bytes: number | null }>(
    db,
    sql`select count(*) as n, sum(size) as bytes from (select distinct sha256, size from attachments) f`,
  )
  return {
    version,
    engine: deps.store.engine,
    node: process.version,
    uptimeSeconds: Math.round(process.uptime()),
    databaseBytes: await databaseBytes(db),
    files: { count: Number(files?.n ?? 0), bytes: Number(files?.bytes ?? 0) },
    accounts: {
      total: await count(db, sql`select count(*) as n from users`),
      deactivated: await count(db, sql`select count(*) as n from users where deactivated_at is not null`),
      instanceOwners: await count(db, sql`select count(*) as n from users where instance_owner`),
      twoFactor: await count(db, sql`select count(*) as n from users where totp_enabled_at is not null`),
    },
    workspaces: await count(db, sql`select count(*) as n from workspaces`),
    liveSessions: await count(db, sql`select count(*) as n from sessions where expires_at > ${now}`),
    jobs: {
      running: deps.background.pending,
      emailOn: Boolean(deps.mailer),
      emails: await byStatus(db, 'emails'),
      webhooks: await byStatus(db, 'webhook_deliveries'),
    },
    auditEvents: await count(db, sql`select count(*) as n from audit_events`),
  }
}

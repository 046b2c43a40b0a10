// SQL for the audit log: appending events, reading them back filtered, and removing those past retention.
import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { auditEvents, users } from '../../../db/schema'
import type { AuditRow } from '../../lib/context'
import { likeContains } from '../../lib/sql'

export interface AuditFilter {
  /** An account id, or a part of the actor's email. */
  actor?: string
  /** An action (`auth.login_failed`) or a family of them (`auth.`). */
  action?: string
  workspaceId?: number
  from?: string
  to?: string
  /** A part of the target's name, the actor's email or the address. */
  q?: string
}

const columns = {
  id: auditEvents.id,
  createdAt: auditEvents.createdAt,
  action: auditEvents.action,
  actorId: auditEvents.actorId,
  actorEmail: auditEvents.actorEmail,
  workspaceId: auditEvents.workspaceId,
  targetType: auditEvents.targetType,
  targetId: auditEvents.targetId,
  targetLabel: auditEvents.targetLabel,
  address: auditEvents.address,
  userAgent: auditEvents.userAgent,
  details: auditEvents.details,
}

function conditions(f: AuditFilter): SQL[] {
  const where: SQL[] = []
  if (f.actor) {
    where.push(
      /^\d+$/.test(f.actor)
        ? eq(auditEvents.actorId, Number(f.actor))
        : likeContains(auditEvents.actorEmail, f.actor),
    )
  }
  if (f.action) {
    where.push(
      f.action.endsWith('.')
        ? sql`substr(${auditEvents.action}, 1, ${f.action.length}) = ${f.action}`
        : eq(auditEvents.action, f.action),
    )
  }
  if (f.workspaceId !== undefined) where.push(eq(auditEvents.workspaceId, f.workspaceId))
  if (f.from) where.push(gte(auditEvents.createdAt, f.from))
  if (f.to) where.push(lte(auditEvents.createdAt, f.to))
  if (f.q) {
    where.push(
      or(
        likeContains(auditEvents.targetLabel, f.q),
        likeContains(auditEvents.actorEmail, f.q),
        likeContains(auditEvents.address, f.q),
      )!,
    )
  }
  return where
}

export const auditRepo = {
  /** Appends events; the actor's email is copied as it is now, so the row reads the same forever. */
  async insert(db: Db, rows: readonly AuditRow[]) {
    await db.insert(auditEvents).values(
      rows.map((r) => ({
        ...r,
        actorEmail:
          r.actorId === null
            ? null
            : sql<string>`(select ${users.email} from ${users} where ${users.id} = ${r.actorId})`,
      })),
    )
  },

  /** Events matching the filter, the newest first, from below the id `before` when given. */
  async list(db: Db, filter: AuditFilter, limit: number, before?: number) {
    const where = conditions(filter)
    if (before !== undefined) where.push(lt(auditEvents.id, before))
    return db
      .select(columns)
      .from(auditEvents)
      .where(and(...where))
      .orderBy(desc(auditEvents.id))
      .limit(limit)
  },

  /** Removes the events older than `before` (their retention is over). */
  async prune(db: Db, before: string) {
    await db.delete(auditEvents).where(lt(auditEvents.createdAt, before))
  },
}

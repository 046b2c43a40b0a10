// The audit log: security events as the write path and the services record them, read back by instance
// owners (filtered, paged, or whole as CSV/JSON), and removed once past the instance's retention period.
import { auditRows } from '../../lib/audit'
import type { AppDeps, AuditEntry } from '../../lib/context'
import { bookkeepingWrite } from '../../lib/write'
import { attachment, toCsv } from '../exports/tabular'
import { instanceRepo } from '../instance/repo'
import { type AuditFilter, auditRepo } from './repo'

/** The most events one export holds; narrow the filter for more. */
export const EXPORT_MAX = 100_000
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Logs events that come with no change of their own (a failed sign-in, a download) in a write of their
 * own. Events of a change are added to its write instead (lib/write.ts `audit`), so they commit with it.
 */
export async function recordNow(deps: AppDeps, actorId: number | null, ...entries: AuditEntry[]) {
  const rows = auditRows(entries, actorId, deps.clock.now().toISOString(), deps.request)
  await bookkeepingWrite(deps.store, (tx) => deps.recordAudit(tx, rows))
}

export async function page(deps: AppDeps, filter: AuditFilter, limit: number, cursor?: string) {
  const items = await auditRepo.list(deps.db, filter, limit, cursor ? Number(cursor) : undefined)
  const last = items.at(-1)
  return { items, nextCursor: items.length === limit && last ? String(last.id) : null }
}

const HEADER = [
  'id',
  'createdAt',
  'action',
  'actorId',
  'actorEmail',
  'workspaceId',
  'targetType',
  'targetId',
  'targetLabel',
  'address',
  'userAgent',
  'details',
] as const

/** Every event matching the filter (up to EXPORT_MAX) as a CSV or JSON file; the export is itself logged. */
export async function exportFile(
  deps: AppDeps,
  actorId: number,
  filter: AuditFilter,
  format: 'csv' | 'json',
) {
  const rows = await auditRepo.list(deps.db, filter, EXPORT_MAX)
  await recordNow(deps, actorId, {
    action: 'audit.exported',
    details: { format, count: rows.length, filter: { ...filter } },
  })
  const day = deps.clock.now().toISOString().slice(0, 10)
  const disposition = attachment(`keel-audit-${day}.${format}`)
  if (format === 'json')
    return { body: JSON.stringify(rows), type: 'application/json; charset=utf-8', disposition }
  const sheet = {
    name: 'audit',
    header: [...HEADER],
    rows: rows.map((r) =>
      HEADER.map((key) => {
        const value = r[key]
        if (value === null || value === undefined) return null
        return typeof value === 'object' ? JSON.stringify(value) : (value as string | number)
      }),
    ),
  }
  return { body: toCsv([sheet], 0), type: 'text/csv; charset=utf-8', disposition }
}

/** Removes the events older than the instance's retention period. */
export async function prune(deps: AppDeps) {
  const { auditRetentionDays } = await instanceRepo.settings(deps.db)
  const before = new Date(deps.clock.now().getTime() - auditRetentionDays * DAY_MS).toISOString()
  await bookkeepingWrite(deps.store, (tx) => auditRepo.prune(tx, before))
}

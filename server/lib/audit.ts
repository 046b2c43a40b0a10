// The audit log's rows as the write path makes them: a change to a security-relevant kind of record is an
// audit event by itself (no service can forget it), and a service adds other events (a sign-in, a password
// change) to its write with `audit(frame, …)`. Who and from where are filled in here, once.
import type { ActivityRow, AuditEntry, AuditRow } from './context'
import type { RequestInfo } from './request-info'

/** Changes to these records are security events: who may do what, and what leaves the workspace. */
export const AUDITED_ENTITIES: ReadonlySet<string> = new Set([
  'workspace',
  'member',
  'invite',
  'role',
  'share_link',
  'webhook',
  'import_run',
])

/** Keys whose values never enter the log, however a record names them. */
const SECRET_KEY = /secret|token|password|hash/i

/** A copy of a record's fields without secrets, for an event's details. */
export function withoutSecrets(values: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!values) return values
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_KEY.test(key)))
}

const labelOf = (values: Record<string, unknown> | null) => {
  const label = values?.name ?? values?.email ?? values?.fileName
  return typeof label === 'string' ? label : null
}

/** The audit event of a recorded change, when its kind of record is audited. */
export function auditOfChange(row: ActivityRow): AuditEntry | undefined {
  if (!AUDITED_ENTITIES.has(row.entityType)) return undefined
  const before = withoutSecrets(row.before)
  const after = withoutSecrets(row.after)
  return {
    action: `${row.entityType}.${row.action}`,
    workspaceId: row.workspaceId,
    targetType: row.entityType,
    targetId: row.entityId,
    targetLabel: labelOf(after) ?? labelOf(before),
    // A change Keel made by a rule (a sign-in's group rules, auto-advance) says so: it has no person behind it.
    details:
      before || after || row.automatic ? { before, after, ...(row.automatic && { automatic: true }) } : null,
  }
}

/** The stored rows of these events: by `actorId` unless an event names its own, from `request`. */
export function auditRows(
  entries: readonly AuditEntry[],
  actorId: number | null,
  createdAt: string,
  request: RequestInfo | undefined,
): AuditRow[] {
  return entries.map((e) => ({
    action: e.action,
    workspaceId: e.workspaceId ?? null,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    targetLabel: e.targetLabel ?? null,
    details: withoutSecrets(e.details ?? null),
    actorId: e.actorId === undefined ? actorId : e.actorId,
    address: request?.address ?? null,
    userAgent: request?.userAgent ?? null,
    createdAt,
  }))
}

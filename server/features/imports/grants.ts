// An import writes only what its importer could write through the API: the `import` permission lets a
// file in, and each kind of record the plan would create or change needs the permission its own route
// needs (a requirement requirement.create, a customer customer.manage…). Checked on the plan, before
// anything is written, for the preview too, so a refusal names what the file holds and what is missing.
import { AppError } from '../../lib/errors'
import type { Permission } from '../../lib/permissions'

type Counts = { created: number; updated: number }

/** The permission creating (and changing) each kind of record takes through the API. */
const NEEDS: Record<string, { created: Permission; updated: Permission }> = {
  product: { created: 'product.manage', updated: 'product.manage' },
  module: { created: 'product.manage', updated: 'product.manage' },
  customer: { created: 'customer.manage', updated: 'customer.manage' },
  release: { created: 'iteration.manage', updated: 'iteration.manage' },
  iteration: { created: 'iteration.manage', updated: 'iteration.manage' },
  requirement: { created: 'requirement.create', updated: 'requirement.update' },
  ask: { created: 'ask.manage', updated: 'ask.manage' },
  task: { created: 'task.create', updated: 'task.update' },
  comment: { created: 'comment.create', updated: 'comment.create' },
}

export interface MissingGrant {
  kind: string
  action: 'create' | 'update'
  count: number
  permission: Permission
}

/** What the plan would write that the importer's role may not, kind by kind. */
export function missingGrants(
  permissions: ReadonlySet<string>,
  byKind: Readonly<Record<string, Counts>>,
): MissingGrant[] {
  const missing: MissingGrant[] = []
  for (const [kind, counts] of Object.entries(byKind)) {
    const needs = NEEDS[kind]
    if (!needs) continue
    if (counts.created > 0 && !permissions.has(needs.created))
      missing.push({ kind, action: 'create', count: counts.created, permission: needs.created })
    if (counts.updated > 0 && !permissions.has(needs.updated))
      missing.push({ kind, action: 'update', count: counts.updated, permission: needs.updated })
  }
  return missing
}

/** A 403 naming each kind of record the importer may not write, and the permission it needs. */
export function assertMayImport<P extends { byKind: Readonly<Record<string, Counts>> }>(
  permissions: ReadonlySet<string>,
  plan: P,
): P {
  const missing = missingGrants(permissions, plan.byKind)
  if (missing.length === 0) return plan
  const list = missing.map((m) => `${m.action} ${m.count} ${m.kind}(s) needs ${m.permission}`).join('; ')
  throw new AppError('forbidden', `Your role may not write everything this file holds: ${list}`, { missing })
}

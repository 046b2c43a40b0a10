// The requirement workflow as an explicit transition table (DESIGN.md): what may follow what.
import type { RequirementStatus } from '../../../db/schema'

/** draft → reviewing → approved → planned → developing → testing → released → closed; rejected from any state before released. */
export const REQUIREMENT_TRANSITIONS: Readonly<Record<RequirementStatus, readonly RequirementStatus[]>> = {
  draft: ['reviewing', 'rejected'],
  reviewing: ['draft', 'approved', 'rejected'],
  approved: ['reviewing', 'planned', 'rejected'],
  planned: ['approved', 'developing', 'rejected'],
  developing: ['planned', 'testing', 'rejected'],
  testing: ['developing', 'released', 'rejected'],
  released: ['closed'],
  closed: [],
  rejected: ['draft'],
}

export const canTransition = (from: RequirementStatus, to: RequirementStatus) =>
  REQUIREMENT_TRANSITIONS[from].includes(to)

/** Requirements in these states are still open work in the backlog. */
export const OPEN_STATUSES: readonly RequirementStatus[] = [
  'draft',
  'reviewing',
  'approved',
  'planned',
  'developing',
  'testing',
]

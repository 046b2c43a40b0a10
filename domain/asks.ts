// Where a customer's ask stands, as the customer page groups it and a customer's share link shows it: one
// rule, so both count the same things.
import type { RequirementStatus } from './vocabulary'

export type AskGroup = 'waiting' | 'planned' | 'delivered' | 'declined'
export const ASK_GROUPS: readonly AskGroup[] = ['planned', 'waiting', 'delivered', 'declined']

/** Statuses of a requirement still being decided on: shown to a customer as "under consideration". */
export const CONSIDERING_STATUSES: readonly RequirementStatus[] = ['draft', 'reviewing']

const DELIVERED = new Set<string>(['released', 'closed'])

/**
 * Delivered (released, closed), declined (rejected), waiting (still under consideration, or agreed but in no
 * iteration or release yet), else planned.
 */
export function askGroupOf(requirement: {
  status: string
  iterationId: number | null
  releaseId: number | null
}): AskGroup {
  if (DELIVERED.has(requirement.status)) return 'delivered'
  if (requirement.status === 'rejected') return 'declined'
  if ((CONSIDERING_STATUSES as readonly string[]).includes(requirement.status)) return 'waiting'
  if (requirement.iterationId !== null || requirement.releaseId !== null) return 'planned'
  return 'waiting'
}

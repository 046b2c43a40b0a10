// The shapes of events several features log about accounts, made in one place.
import type { AuditEntry } from '../../lib/context'

/** An event about an account: it is the target, named by its email. */
export const aboutAccount = (
  action: string,
  account: { id: number; email: string },
  details?: Record<string, unknown>,
): AuditEntry => ({
  action,
  targetType: 'user',
  targetId: account.id,
  targetLabel: account.email,
  details: details ?? null,
})

export const accountCreated = (account: { id: number; email: string }) =>
  aboutAccount('account.created', account)

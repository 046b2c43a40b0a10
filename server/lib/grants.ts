// The rule for handing out permissions, shared by everything that gives a role its permissions (the
// roles and members API, a workspace import): a member may only give, or take away, what they hold.
import { AppError } from './errors'
import type { Permission } from './permissions'

/** Throws 403 naming each permission of `permissions` that `held` lacks; `role` names the role being given them. */
export function assertMayGrant(held: ReadonlySet<Permission>, permissions: readonly string[], role?: string) {
  const missing = permissions.filter((p) => !held.has(p as Permission))
  if (!missing.length) return
  throw new AppError(
    'forbidden',
    `You cannot grant permissions you do not have: ${missing.join(', ')}${role ? ` (the role ${role})` : ''}`,
    role ? { role, permissions: missing } : { permissions: missing },
  )
}

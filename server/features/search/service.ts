// Search across requirements, tasks and customers, limited to what the caller's role and products allow.
import type { ServiceContext } from '../../lib/context'
import type { Permission } from '../../lib/permissions'
import { searchRepo } from './repo'

const KIND_PERMISSION: Record<'requirement' | 'task' | 'customer', Permission> = {
  requirement: 'requirement.view',
  task: 'task.view',
  customer: 'customer.view',
}

export function search(ctx: ServiceContext, q: string, limit: number) {
  const kinds = Object.entries(KIND_PERMISSION)
    .filter(([, permission]) => ctx.membership.permissions.has(permission))
    .map(([kind]) => kind)
  return searchRepo.search(ctx.deps.db, {
    workspaceId: ctx.membership.workspaceId,
    q: q.trim(),
    kinds,
    productIds: ctx.membership.productIds,
    limit,
  })
}

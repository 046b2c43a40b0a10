// Search across requirements, tasks and customers, limited to what the caller's role and products allow.
import type { ServiceContext } from '../../lib/context'
import type { Permission } from '../../lib/permissions'
import { searchRepo } from './repo'

const KIND_PERMISSION: Record<'requirement' | 'task' | 'customer', Permission> = {
  requirement: 'requirement.view',
  task: 'task.view',
  customer: 'customer.view',
}

export async function search(ctx: ServiceContext, q: string, limit: number) {
  const kinds = Object.entries(KIND_PERMISSION)
    .filter(([, permission]) => ctx.membership.permissions.has(permission))
    .map(([kind]) => kind)
  const scope = { workspaceId: ctx.membership.workspaceId, kinds, productIds: ctx.membership.productIds }
  const text = q.trim()
  const hits = await searchRepo.search(ctx.deps.db, { ...scope, q: text, limit })
  // One word may be a key the item had before it was imported: those items first.
  if (/\s/.test(text) || text.length > 100) return hits
  const imported = await searchRepo.byImportedKey(ctx.deps.db, { ...scope, key: text })
  if (!imported.length) return hits
  const first = new Set(imported.map((h) => `${h.kind}:${h.id}`))
  return [...imported, ...hits.filter((h) => !first.has(`${h.kind}:${h.id}`))].slice(0, limit)
}

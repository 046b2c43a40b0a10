// Item keys: `MES-42` names the requirement or task numbered 42 in product MES.
import type { ServiceContext } from '../../lib/context'
import { productRepo } from '../products/repo'
import { canSeeProduct } from '../products/service'
import { requirementRepo } from '../requirements/repo'
import { taskRepo } from '../tasks/repo'

export function resolveKey(ctx: ServiceContext, key: string) {
  const match = /^([A-Za-z][A-Za-z0-9]{1,9})-(\d{1,9})$/.exec(key.trim())
  if (!match) return undefined
  const productKey = match[1]!.toUpperCase()
  const number = Number(match[2])
  const product = productRepo.byKey(ctx.deps.db, ctx.membership.workspaceId, productKey)
  if (!product || !canSeeProduct(ctx, product.id)) return undefined
  const canonical = `${productKey}-${number}`
  if (ctx.membership.permissions.has('requirement.view')) {
    const requirement = requirementRepo.byNumber(ctx.deps.db, product.id, number)
    if (requirement)
      return { type: 'requirement' as const, id: requirement.id, productId: product.id, key: canonical }
  }
  if (ctx.membership.permissions.has('task.view')) {
    const task = taskRepo.byNumber(ctx.deps.db, product.id, number)
    if (task) return { type: 'task' as const, id: task.id, productId: product.id, key: canonical }
  }
  return undefined
}

// Item keys: `MES-42` names the requirement or task numbered 42 in product MES.
import type { ServiceContext } from '../../lib/context'
import { productRepo } from '../products/repo'
import { canSeeProduct } from '../products/service'
import { searchRepo } from './repo'

export async function resolveKey(ctx: ServiceContext, key: string) {
  const text = key.trim()
  if (!text) return undefined
  // Keel's own keys first; an old system's keys (#12, a bare 4711, PLAT-101) may take any shape.
  const match = /^([A-Za-z][A-Za-z0-9]{1,9})-(\d{1,9})$/.exec(text)
  return (match && (await ownKey(ctx, match))) || (await importedKey(ctx, text))
}

async function ownKey(ctx: ServiceContext, match: RegExpExecArray) {
  const productKey = match[1]!.toUpperCase()
  const number = Number(match[2])
  const product = await productRepo.byKey(ctx.deps.db, ctx.membership.workspaceId, productKey)
  if (!product || !canSeeProduct(ctx, product.id)) return undefined
  const items = await searchRepo.itemsNumbered(ctx.deps.db, product.id, number)
  // A requirement first, as the caller may see it; else a task.
  for (const type of ['requirement', 'task'] as const) {
    const item = items.find((i) => i.type === type)
    if (item && ctx.membership.permissions.has(`${type}.view`))
      return { type, id: item.id, productId: product.id, key: `${productKey}-${number}`, title: item.title }
  }
  return undefined
}

/** An item imported under this key (PLAT-101 from Jira), when no item of Keel's has it. */
async function importedKey(ctx: ServiceContext, key: string) {
  const kinds = (['requirement', 'task'] as const).filter((k) => ctx.membership.permissions.has(`${k}.view`))
  const hit = (
    await searchRepo.byImportedKey(ctx.deps.db, {
      workspaceId: ctx.membership.workspaceId,
      key,
      kinds,
      productIds: ctx.membership.productIds,
    })
  )[0]
  if (!hit?.productId || !hit.key) return undefined
  return {
    type: hit.kind as 'requirement' | 'task',
    id: hit.id,
    productId: hit.productId,
    key: hit.key,
    title: hit.title,
    importedKey: hit.importedKey,
  }
}

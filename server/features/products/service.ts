// Products: the product lines a workspace builds. Members narrowed to some products see only those.
import type { ServiceContext } from '../../lib/context'
import { conflict, notFound } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { productRepo } from './repo'

export const canSeeProduct = (ctx: ServiceContext, productId: number) =>
  ctx.membership.productIds === null || ctx.membership.productIds.includes(productId)

export const listProducts = (ctx: ServiceContext) =>
  productRepo.list(ctx.deps.db, ctx.membership.workspaceId, ctx.membership.productIds)

/**
 * A row of a product, found in the caller's workspace, else 404: 404 too when the caller may not see its
 * product (as if it did not exist). The product needs no read: its rows go with it (foreign keys).
 */
export function visibleRow<T extends { productId: number }>(
  ctx: ServiceContext,
  row: T | undefined,
  what: string,
) {
  if (!row) throw notFound(what)
  if (!canSeeProduct(ctx, row.productId)) throw notFound('Product')
  return row
}

/** A product the caller may see, else 404 (exactly as if it did not exist). */
export async function getProduct(ctx: ServiceContext, id: number) {
  const product = await productRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!product || !canSeeProduct(ctx, id)) throw notFound('Product')
  return product
}

/** A product with how much work it holds, so that deleting it can say what goes. */
export async function productWithContents(ctx: ServiceContext, id: number) {
  const product = await getProduct(ctx, id)
  return { ...product, contents: await productRepo.contents(ctx.deps.db, id) }
}

export function createProduct(
  ctx: ServiceContext,
  input: { key: string; name: string; description?: string },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    if (await productRepo.byKey(tx, ctx.membership.workspaceId, input.key))
      throw conflict('key_taken', `The key ${input.key} is taken`)
    const now = ctx.deps.clock.now().toISOString()
    const product = await productRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      key: input.key,
      name: input.name,
      description: input.description ?? '',
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'product',
      entityId: product.id,
      productId: product.id,
      action: 'created',
      version: 1,
      after: product,
    })
    return product
  })
}

export function updateProduct(
  ctx: ServiceContext,
  id: number,
  input: { key?: string; name?: string; description?: string },
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await getProduct(ctx, id)
    checkVersion(before, version)
    if (
      input.key &&
      input.key !== before.key &&
      (await productRepo.byKey(tx, ctx.membership.workspaceId, input.key))
    ) {
      throw conflict('key_taken', `The key ${input.key} is taken`)
    }
    const after = await productRepo.update(tx, id, {
      ...input,
      updatedAt: ctx.deps.clock.now().toISOString(),
    })
    recordUpdate(record, 'product', before, after, id)
    return after
  })
}

/**
 * Deletes a product and everything in it. Its work cannot move to another product (item keys are per
 * product), so a product holding any requirement, task, iteration or release goes only when the caller
 * confirms with its key; otherwise 409 with what it holds, and nothing is deleted.
 */
export function deleteProduct(ctx: ServiceContext, id: number, confirm?: string) {
  return write(scopeOf(ctx), async (tx, record) => {
    const product = await getProduct(ctx, id)
    const contents = await productRepo.contents(tx, id)
    if (confirm !== product.key && Object.values(contents).some((n) => n > 0)) {
      throw conflict(
        'product_not_empty',
        `${product.key} still holds work; confirm with its key to delete it and everything in it`,
        contents,
      )
    }
    await productRepo.delete(tx, id)
    record({ entityType: 'product', entityId: id, productId: id, action: 'deleted', before: product })
  })
}

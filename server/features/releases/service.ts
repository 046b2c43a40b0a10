// Releases: milestones on the roadmap that requirements and iterations point at.
import type { ServiceContext } from '../../lib/context'
import { invalid } from '../../lib/errors'
import { checkVersion, recordCarried, recordUpdate, scopeOf, write } from '../../lib/write'
import { iterationRepo } from '../iterations/repo'
import { getProduct, visibleRow } from '../products/service'
import { requirementRepo } from '../requirements/repo'
import { type ReleaseRow, releaseRepo } from './repo'

/** The releases of a product, each with how many requirements and iterations name it. */
export async function listReleases(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  return releaseRepo.listWithWork(ctx.deps.db, productId)
}

export async function getRelease(ctx: ServiceContext, id: number) {
  return visibleRow(ctx, await releaseRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id), 'Release')
}

export function createRelease(
  ctx: ServiceContext,
  productId: number,
  input: { name: string; targetDate: string; description?: string },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, productId)
    const now = ctx.deps.clock.now().toISOString()
    const row = await releaseRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId,
      name: input.name,
      targetDate: input.targetDate,
      description: input.description ?? '',
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'release',
      entityId: row.id,
      productId,
      action: 'created',
      version: row.version,
      after: row,
    })
    return row
  })
}

export function updateRelease(
  ctx: ServiceContext,
  id: number,
  input: Partial<Pick<ReleaseRow, 'name' | 'targetDate' | 'description' | 'status'>>,
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await getRelease(ctx, id)
    checkVersion(before, version)
    const now = ctx.deps.clock.now().toISOString()
    const releasedAt =
      input.status === 'released' && before.status !== 'released'
        ? now
        : input.status === 'planned'
          ? null
          : undefined
    const after = await releaseRepo.update(tx, id, { ...input, releasedAt, updatedAt: now })
    recordUpdate(record, 'release', before, after, before.productId)
    return after
  })
}

/**
 * Deletes a release. The requirements and iterations that name it go where the PM says: to another release
 * of the product (`moveTo`), or without a release. Every moved item gets its own history row.
 */
export function deleteRelease(ctx: ServiceContext, id: number, moveTo?: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const row = await getRelease(ctx, id)
    const target =
      moveTo === undefined
        ? undefined
        : await releaseRepo.byId(ctx.deps.db, ctx.membership.workspaceId, moveTo)
    if (moveTo !== undefined && (target?.productId !== row.productId || moveTo === id))
      throw invalid('moveTo must be another release of the same product', { column: 'moveTo' })
    const now = ctx.deps.clock.now().toISOString()
    const releaseId = target?.id ?? null
    for (const r of await requirementRepo.inRelease(tx, id)) {
      const after = await requirementRepo.update(tx, r.id, { releaseId, updatedAt: now })
      recordCarried(record, 'requirement', after, row.productId, { releaseId: id }, { releaseId })
    }
    for (const i of await iterationRepo.inRelease(tx, id)) {
      const after = await iterationRepo.update(tx, i.id, { releaseId, updatedAt: now })
      recordCarried(record, 'iteration', after, row.productId, { releaseId: id }, { releaseId })
    }
    await releaseRepo.delete(tx, id)
    record({ entityType: 'release', entityId: id, productId: row.productId, action: 'deleted', before: row })
  })
}

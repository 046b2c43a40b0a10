// Releases: milestones on the roadmap that requirements and iterations point at.
import type { ServiceContext } from '../../lib/context'
import { notFound } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { getProduct } from '../products/service'
import { type ReleaseRow, releaseRepo } from './repo'

export function listReleases(ctx: ServiceContext, productId: number) {
  getProduct(ctx, productId)
  return releaseRepo.list(ctx.deps.db, productId)
}

export function getRelease(ctx: ServiceContext, id: number) {
  const row = releaseRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!row) throw notFound('Release')
  getProduct(ctx, row.productId)
  return row
}

export function createRelease(
  ctx: ServiceContext,
  productId: number,
  input: { name: string; targetDate: string; description?: string },
) {
  getProduct(ctx, productId)
  const now = ctx.deps.clock.now().toISOString()
  return write(scopeOf(ctx), (tx, record) => {
    const row = releaseRepo.insert(tx, {
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
  const before = getRelease(ctx, id)
  checkVersion(before, version)
  const now = ctx.deps.clock.now().toISOString()
  return write(scopeOf(ctx), (tx, record) => {
    const releasedAt =
      input.status === 'released' && before.status !== 'released'
        ? now
        : input.status === 'planned'
          ? null
          : undefined
    const after = releaseRepo.update(tx, id, { ...input, releasedAt, updatedAt: now })
    recordUpdate(record, 'release', before, after, before.productId)
    return after
  })
}

export function deleteRelease(ctx: ServiceContext, id: number) {
  const row = getRelease(ctx, id)
  write(scopeOf(ctx), (tx, record) => {
    releaseRepo.delete(tx, id)
    record({ entityType: 'release', entityId: id, productId: row.productId, action: 'deleted', before: row })
  })
}

// The roadmap of a product: releases and iterations on a timeline with the requirements they carry.
import type { ServiceContext } from '../../lib/context'
import { iterationRepo } from '../iterations/repo'
import { getProduct } from '../products/service'
import { releaseRepo } from '../releases/repo'
import { roadmapRepo } from './repo'

export async function roadmapOf(ctx: ServiceContext, productId: number) {
  const product = await getProduct(ctx, productId)
  const { db } = ctx.deps
  return {
    product: { id: product.id, key: product.key, name: product.name, description: product.description },
    releases: (await releaseRepo.list(db, productId)).map((r) => ({
      id: r.id,
      name: r.name,
      description: r.description,
      targetDate: r.targetDate,
      status: r.status,
      releasedAt: r.releasedAt,
    })),
    iterations: (await iterationRepo.list(db, productId)).map((i) => ({
      id: i.id,
      name: i.name,
      goal: i.goal,
      startDate: i.startDate,
      endDate: i.endDate,
      status: i.status,
      releaseId: i.releaseId,
    })),
    requirements: await roadmapRepo.requirements(db, productId),
  }
}

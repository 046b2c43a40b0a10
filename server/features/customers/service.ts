// Customers: independent records whose asks are the demand data behind priorities.
import type { Db } from '../../../db/client'
import type { ServiceContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { type Shippable, shipDates } from '../reports/service'
import { recomputeDemand } from '../requirements/service'
import type { CustomerRow } from './repo'
import { customerRepo } from './repo'

export type CustomerInput = Partial<
  Pick<CustomerRow, 'name' | 'industry' | 'tier' | 'contractValue' | 'contact' | 'note'>
>

export const listCustomers = (ctx: ServiceContext, q?: string, industry?: string) =>
  customerRepo.list(ctx.deps.db, ctx.membership.workspaceId, q, industry, ctx.membership.productIds)

async function customerOrThrow(ctx: ServiceContext, id: number) {
  const row = await customerRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!row) throw notFound('Customer')
  return row
}

/** The customer with what they asked for, split into waiting, planned and delivered. */
export async function getCustomer(ctx: ServiceContext, id: number) {
  const customer = await customerOrThrow(ctx, id)
  const asked = await customerRepo.asksOf(ctx.deps.db, id, ctx.membership.productIds)
  // When each ask ships, read where the risks panel reads it (the schedule is the roadmap's to show).
  const schedules = new Map<number, Awaited<ReturnType<typeof shipDates>>>()
  if (ctx.membership.permissions.has('roadmap.view')) {
    for (const productId of new Set(asked.map((a) => a.requirement.productId)))
      schedules.set(productId, await shipDates(ctx, productId))
  }
  const shipsOn = (requirement: Shippable & { productId: number }) =>
    schedules.get(requirement.productId)?.(requirement) ?? null
  const asks = asked.map((a) => ({
    ...a,
    ships: shipsOn(a.requirement),
    requirement: { ...a.requirement, key: `${a.requirement.productKey}-${a.requirement.number}` },
  }))
  const delivered = new Set(['released', 'closed'])
  const plannedStatuses = new Set(['planned', 'developing', 'testing'])
  return {
    ...customer,
    asks,
    planned: asks
      .filter((a) => a.requirement.iterationId !== null && plannedStatuses.has(a.requirement.status))
      .map((a) => a.requirement),
    delivered: asks.filter((a) => delivered.has(a.requirement.status)).map((a) => a.requirement),
  }
}

export function createCustomer(ctx: ServiceContext, input: CustomerInput & { name: string }) {
  return write(scopeOf(ctx), async (tx, record) => {
    const now = ctx.deps.clock.now().toISOString()
    const row = await customerRepo.insert(tx, {
      ...input,
      workspaceId: ctx.membership.workspaceId,
      createdAt: now,
      updatedAt: now,
    })
    record({ entityType: 'customer', entityId: row.id, action: 'created', version: row.version, after: row })
    return row
  })
}

/**
 * A member narrowed to some products may not change what a customer weighs on products they cannot see:
 * deleting the customer (its asks go with it) or its tier and contract value (they weigh in the scores of
 * every requirement it asked for).
 */
async function assertAsksVisible(ctx: ServiceContext, tx: Db, customerId: number) {
  const visible = ctx.membership.productIds
  if (visible === null) return
  if ((await customerRepo.productIdsAskedBy(tx, customerId)).some((id) => !visible.includes(id))) {
    throw forbidden(
      'This customer asked for things on products you cannot see; someone who sees every product must do this',
    )
  }
}

export function updateCustomer(
  ctx: ServiceContext,
  id: number,
  input: CustomerInput,
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await customerOrThrow(ctx, id)
    checkVersion(before, version)
    const reweighs =
      (input.tier !== undefined && input.tier !== before.tier) ||
      (input.contractValue !== undefined && input.contractValue !== before.contractValue)
    if (reweighs) await assertAsksVisible(ctx, tx, id)
    const after = await customerRepo.update(tx, id, {
      ...input,
      updatedAt: ctx.deps.clock.now().toISOString(),
    })
    // Tier and contract value weigh in every score this customer contributes to.
    if (reweighs) await recomputeDemand(tx, await customerRepo.requirementIdsAskedBy(tx, id))
    recordUpdate(record, 'customer', before, after, null)
    return after
  })
}

export function deleteCustomer(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const row = await customerOrThrow(ctx, id)
    await assertAsksVisible(ctx, tx, id)
    const asked = await customerRepo.requirementIdsAskedBy(tx, id)
    await customerRepo.delete(tx, id)
    await recomputeDemand(tx, asked)
    record({ entityType: 'customer', entityId: id, action: 'deleted', before: row })
  })
}

// Iterations: time boxes with a capacity and a stability budget; their load, rank inversions,
// the board of their tasks, and planning the ranked backlog into them.
import type { IterationStatus, WipLimits } from '../../../db/schema'
import { daysBetween } from '../../../domain/dates'
import { MAX_ITERATION_DAYS } from '../../../domain/limits'
import { BOARD_STATUSES } from '../../../domain/vocabulary'
import type { ServiceContext } from '../../lib/context'
import { conflict, invalid } from '../../lib/errors'
import { checkVersion, readSnapshot, recordCarried, recordUpdate, scopeOf, write } from '../../lib/write'
import { getProduct, visibleRow } from '../products/service'
import { releaseRepo } from '../releases/repo'
import { requirementRepo } from '../requirements/repo'
import { taskRepo } from '../tasks/repo'
import { boardColumnsAt } from './board-columns'
import { featureCapacity, type PlanCandidate, type PlanIteration, plan } from './planner'
import { planningRepo } from './planning-repo'
import { type IterationRow, iterationRepo } from './repo'

export interface IterationInput {
  name: string
  goal?: string
  startDate: string
  endDate: string
  capacity: number
  stabilityBudgetPercent?: number
  releaseId?: number | null
  wipLimits?: WipLimits
}

export async function iterationOrThrow(ctx: ServiceContext, id: number) {
  return visibleRow(ctx, await iterationRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id), 'Iteration')
}

function checkDates(startDate: string, endDate: string) {
  if (endDate < startDate)
    throw invalid('An iteration ends on or after its start date', { startDate, endDate })
  if (daysBetween(startDate, endDate) + 1 > MAX_ITERATION_DAYS)
    throw invalid(`An iteration spans at most ${MAX_ITERATION_DAYS} days`, {
      startDate,
      endDate,
      maxDays: MAX_ITERATION_DAYS,
    })
}

async function checkRelease(ctx: ServiceContext, productId: number, releaseId: number | null | undefined) {
  if (
    releaseId != null &&
    (await releaseRepo.byId(ctx.deps.db, ctx.membership.workspaceId, releaseId))?.productId !== productId
  ) {
    throw invalid('The release is not in this product', { releaseId })
  }
}

/** Load, stability budget and rank inversions of iterations of one product. */
async function withStats(ctx: ServiceContext, productId: number, rows: readonly IterationRow[]) {
  const loads = await iterationRepo.loads(
    ctx.deps.db,
    rows.map((r) => r.id),
  )
  const inversions = await inversionsOf(ctx, productId)
  return rows.map((row) => {
    const l = loads.find((x) => x.iterationId === row.id)
    const featureLoad = (l?.requirementPoints ?? 0) + (l?.standalonePoints ?? 0)
    const stabilityUsed = l?.stabilityPoints ?? 0
    const stabilityReserved = (row.capacity * row.stabilityBudgetPercent) / 100
    const load = featureLoad + stabilityUsed
    return {
      ...row,
      load,
      featureLoad,
      featureCapacity: featureCapacity(row),
      stabilityReserved,
      stabilityUsed,
      overCapacity: load > row.capacity,
      /** Feature work takes more than capacity minus the stability budget. */
      stabilityBudgetEaten: featureLoad > featureCapacity(row),
      inversions: inversions.filter((i) => i.iterationId === row.id),
    }
  })
}

/**
 * A rank inversion: a requirement planned in an earlier iteration than a higher-ranked one.
 * Pinned requirements are the PM's deliberate choice and never count.
 */
/** Requirements whose work has begun: developers are on them. */
const STARTED = new Set<string>(['developing', 'testing'])

async function inversionsOf(ctx: ServiceContext, productId: number) {
  // Pinned work stays where the PM put it, and work already started in the active iteration cannot be
  // moved out of it: neither is an inversion anyone can act on (e.g. after sorting by score).
  const planned = (await iterationRepo.plannedRequirements(ctx.deps.db, productId)).filter(
    (r) => !r.pinned && !(r.iterationStatus === 'active' && STARTED.has(r.status)),
  )
  const found: {
    iterationId: number
    requirementId: number
    key: string
    aheadOf: { id: number; key: string }
  }[] = []
  // In rank order, remember the higher-ranked requirement planned latest; anything planned before it is inverted.
  let latest: (typeof planned)[number] | undefined
  for (const requirement of planned) {
    if (latest && latest.startDate > requirement.startDate) {
      found.push({
        iterationId: requirement.iterationId!,
        requirementId: requirement.id,
        key: requirement.key,
        aheadOf: { id: latest.id, key: latest.key },
      })
    }
    if (!latest || requirement.startDate > latest.startDate) latest = requirement
  }
  return found
}

export async function listIterations(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  return withStats(ctx, productId, await iterationRepo.list(ctx.deps.db, productId))
}

/**
 * A product's iterations with their load as JSON, with an ETag that changes whenever anything in the
 * product changes (as the board's): every open board fetches it after each change, so it is built once per
 * change and served from memory to the others.
 */
export async function iterationsOf(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  const etag = `W/"iterations-${productId}-${await iterationRepo.boardStamp(ctx.deps.db, productId)}"`
  return { etag, build: async () => JSON.stringify({ items: await listIterations(ctx, productId) }) }
}

/** Iterations across the products the caller may see, e.g. every active one for the home page. */
export async function workspaceIterations(ctx: ServiceContext, statuses: readonly IterationStatus[]) {
  const rows = await iterationRepo.inWorkspace(
    ctx.deps.db,
    ctx.membership.workspaceId,
    statuses,
    ctx.membership.productIds,
  )
  const productIds = [...new Set(rows.map((r) => r.productId))]
  const items = []
  for (const productId of productIds)
    items.push(
      ...(await withStats(
        ctx,
        productId,
        rows.filter((r) => r.productId === productId),
      )),
    )
  return items
}

export async function getIteration(ctx: ServiceContext, id: number) {
  const row = await iterationOrThrow(ctx, id)
  return (await withStats(ctx, row.productId, [row]))[0]!
}

export async function createIteration(ctx: ServiceContext, productId: number, input: IterationInput) {
  const row = await write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, productId)
    checkDates(input.startDate, input.endDate)
    await checkRelease(ctx, productId, input.releaseId)
    const now = ctx.deps.clock.now().toISOString()
    const created = await iterationRepo.insert(tx, {
      ...input,
      workspaceId: ctx.membership.workspaceId,
      productId,
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'iteration',
      entityId: created.id,
      productId,
      action: 'created',
      version: created.version,
      after: created,
    })
    return created
  })
  return getIteration(ctx, row.id)
}

export async function updateIteration(
  ctx: ServiceContext,
  id: number,
  input: Partial<IterationInput> & { status?: IterationStatus },
  version: number | undefined,
) {
  await write(scopeOf(ctx), async (tx, record) => {
    const before = await iterationOrThrow(ctx, id)
    checkVersion(before, version)
    checkDates(input.startDate ?? before.startDate, input.endDate ?? before.endDate)
    await checkRelease(ctx, before.productId, input.releaseId)
    const now = ctx.deps.clock.now().toISOString()
    const changes: Partial<IterationRow> = { ...input, updatedAt: now }
    if (input.status && input.status !== before.status) {
      if (input.status === 'active') {
        const other = await iterationRepo.activeOf(tx, before.productId, id)
        if (other)
          throw conflict('iteration_active', `${other.name} is already active; close it first`, {
            activeIterationId: other.id,
          })
        changes.startedAt = before.startedAt ?? now
        changes.closedAt = null
      }
      if (input.status === 'closed') changes.closedAt = now
      if (input.status === 'planned') {
        changes.startedAt = null
        changes.closedAt = null
      }
    }
    const after = await iterationRepo.update(tx, id, changes)
    recordUpdate(
      record,
      'iteration',
      before,
      after,
      before.productId,
      input.status !== before.status && input.status ? 'transitioned' : 'updated',
    )
  })
  return getIteration(ctx, id)
}

/**
 * Deletes an iteration. Its work goes where the PM says: into another open iteration of the product
 * (`moveTo`; requirements keep their status), or back to the backlog (planned requirements become approved
 * again, tasks have no iteration). Every moved item gets its own history row.
 */
export function deleteIteration(ctx: ServiceContext, id: number, moveTo?: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const row = await iterationOrThrow(ctx, id)
    const target = moveTo === undefined ? undefined : await iterationOrThrow(ctx, moveTo)
    if (target && (target.id === id || target.productId !== row.productId || target.status === 'closed'))
      throw invalid('moveTo must be another open iteration of the same product', { column: 'moveTo' })
    const now = ctx.deps.clock.now().toISOString()
    const iterationId = target?.id ?? null
    for (const r of await planningRepo.candidates(tx, row.productId)) {
      if (r.iterationId !== id) continue
      const status = !target && r.status === 'planned' ? 'approved' : r.status
      const after = await requirementRepo.update(tx, r.id, { iterationId, status, updatedAt: now })
      const before = { iterationId: id, status: r.status }
      recordCarried(record, 'requirement', after, row.productId, before, { iterationId, status })
    }
    for (const t of await taskRepo.inIteration(tx, id)) {
      const after = await taskRepo.update(tx, t.id, { iterationId, updatedAt: now })
      recordCarried(record, 'task', after, row.productId, { iterationId: id }, { iterationId })
    }
    await iterationRepo.delete(tx, id)
    record({
      entityType: 'iteration',
      entityId: id,
      productId: row.productId,
      action: 'deleted',
      before: row,
    })
  })
}

export type GroupBy = 'none' | 'requirement' | 'assignee' | 'kind'

/**
 * The board as a JSON string (SQLite builds the cards) with an ETag that changes whenever anything in
 * the product changes, so unchanged boards answer 304 without being built.
 */
export async function boardOf(ctx: ServiceContext, id: number, groupBy: GroupBy) {
  const found = await iterationRepo.withBoardStamp(ctx.deps.db, ctx.membership.workspaceId, id)
  const iteration = visibleRow(ctx, found?.iteration, 'Iteration')
  const stamp = found!.stamp
  const etag = `W/"board-${id}-${stamp}-${groupBy}"`
  const build = async () => {
    const columns = await boardColumnsAt(ctx.deps.db, ctx.deps.boardCache, iteration, stamp)
    const stats = await iterationRepo.columnStats(ctx.deps.db, id)
    const parts = BOARD_STATUSES.map((status) => {
      const s = stats.find((x) => x.status === status)
      const limit = iteration.wipLimits[status] ?? null
      return `{"status":"${status}","count":${s?.count ?? 0},"points":${s?.points ?? 0},"wipLimit":${limit ?? 'null'},"overWip":${limit !== null && (s?.count ?? 0) > limit},"tasks":${columns.get(status) ?? '[]'}}`
    })
    const lanes = groupBy === 'none' ? [] : await iterationRepo.lanes(ctx.deps.db, id, groupBy)
    const head = JSON.stringify({ iterationId: id, productId: iteration.productId, groupBy, lanes })
    return `${head.slice(0, -1)},"columns":[${parts.join(',')}]}`
  }
  return { etag, build }
}

/** What filling the iterations by backlog rank would do, read from `ctx.deps.db` (changing nothing). */
async function proposePlan(
  ctx: ServiceContext,
  productId: number,
  input: { dryRun: boolean; iterationIds?: number[] },
) {
  await getProduct(ctx, productId)
  const { db } = ctx.deps
  const all = await iterationRepo.list(db, productId)
  let targets: IterationRow[]
  if (input.iterationIds?.length) {
    targets = [...new Set(input.iterationIds)].map((iid) => {
      const it = all.find((x) => x.id === iid)
      if (!it) throw invalid('The iteration is not in this product', { iterationId: iid })
      if (it.status === 'closed')
        throw conflict('iteration_closed', `${it.name} is closed and cannot be planned`, {
          iterationId: iid,
        })
      return it
    })
    targets.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.id - b.id))
  } else {
    targets = all.filter((it) => it.status === 'planned')
  }
  const targetIds = new Set(targets.map((t) => t.id))
  const rows = await planningRepo.candidates(db, productId)
  // Candidates: approved or planned, not pinned, unassigned or in a target iteration.
  const candidates = rows.filter(
    (r) =>
      !r.pinned &&
      (r.status === 'approved' || r.status === 'planned') &&
      (r.iterationId === null || targetIds.has(r.iterationId)),
  )
  const candidateIds = new Set(candidates.map((c) => c.id))
  const loads = await iterationRepo.loads(db, [...targetIds])
  const planIterations: PlanIteration[] = targets.map((it) => {
    const l = loads.find((x) => x.iterationId === it.id)
    const movable = rows
      .filter((r) => candidateIds.has(r.id) && r.iterationId === it.id)
      .reduce((sum, r) => sum + (r.estimate ?? 0), 0)
    return {
      id: it.id,
      capacity: it.capacity,
      stabilityBudgetPercent: it.stabilityBudgetPercent,
      fixedLoad: (l?.requirementPoints ?? 0) + (l?.standalonePoints ?? 0) - movable,
    }
  })
  const result = plan(
    planIterations,
    candidates.map((c): PlanCandidate => ({ id: c.id, estimate: c.estimate })),
  )
  const byId = new Map(rows.map((r) => [r.id, r]))
  const answer = {
    dryRun: input.dryRun,
    iterations: result.iterations.map((r) => {
      const it = targets.find((t) => t.id === r.id)!
      return {
        id: r.id,
        name: it.name,
        requirementIds: r.requirementIds,
        load: r.load,
        capacity: it.capacity,
        featureCapacity: r.featureCapacity,
        stabilityReserved: (it.capacity * it.stabilityBudgetPercent) / 100,
      }
    }),
    unplanned: result.unplanned.map((u) => u.id),
    unplannedDetails: result.unplanned.map((u) => ({
      id: u.id,
      key: byId.get(u.id)?.key ?? '',
      reason: u.reason,
    })),
  }
  return { answer, result, byId }
}

/**
 * Fills planned iterations by backlog rank; applies in one transaction unless dryRun. A dry run reads a
 * snapshot and takes no write turn.
 */
export async function planProduct(
  ctx: ServiceContext,
  productId: number,
  input: { dryRun: boolean; iterationIds?: number[] },
) {
  if (input.dryRun)
    return readSnapshot(
      ctx.deps,
      async (deps) => (await proposePlan({ ...ctx, deps }, productId, input)).answer,
    )
  return write(scopeOf(ctx), async (tx, record) => {
    const { answer, result, byId } = await proposePlan(ctx, productId, input)
    const assignment = new Map<number, number | null>()
    for (const it of result.iterations) for (const rid of it.requirementIds) assignment.set(rid, it.id)
    for (const u of result.unplanned) assignment.set(u.id, null)
    const now = ctx.deps.clock.now().toISOString()
    for (const [rid, iterationId] of assignment) {
      const before = byId.get(rid)!
      const status =
        iterationId === null ? (before.status === 'planned' ? 'approved' : before.status) : 'planned'
      if (before.iterationId === iterationId && before.status === status) continue
      const after = await requirementRepo.update(tx, rid, { iterationId, status, updatedAt: now })
      record({
        entityType: 'requirement',
        entityId: rid,
        productId,
        action: 'updated',
        version: after.version,
        before: { iterationId: before.iterationId, status: before.status },
        after: { iterationId, status, by: 'plan' },
      })
    }
    return answer
  })
}

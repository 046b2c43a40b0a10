// Requirements: what a role needs in a scenario, ranked in one backlog per product, with the customers
// who asked for them. Rules: the transition table, ranking that writes one row, the score, auto-advance.

import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import type { Db } from '../../../db/client'
import type { AcceptanceItem, RequirementStatus } from '../../../db/schema'
import { canTransition, OPEN_REQUIREMENT_STATUSES, REQUIREMENT_TRANSITIONS } from '../../../domain/workflow'
import type { ServiceContext } from '../../lib/context'
import { conflict, forbidden, invalid, notFound } from '../../lib/errors'
import { maySee } from '../../lib/permissions'
import { checkVersion, type Recorder, recordUpdate, scopeOf, write } from '../../lib/write'
import { dropAttachmentsOf } from '../attachments/cleanup'
import { customerRepo } from '../customers/repo'
import { importRepo } from '../imports/repo'
import { iterationRepo } from '../iterations/repo'
import { moduleRepo } from '../modules/repo'
import { checkMentions } from '../notifications/mentions'
import { getProduct } from '../products/service'
import { releaseRepo } from '../releases/repo'
import { taskRepo } from '../tasks/repo'
import { type RequirementFilter, type RequirementRow, requirementRepo } from './repo'
import { demandOf, scoreOf } from './score'

export interface RequirementInput {
  title: string
  description?: string
  role?: string
  scenario?: string
  source?: RequirementRow['source']
  priority?: RequirementRow['priority']
  value?: number
  effort?: number | null
  estimate?: number | null
  acceptanceCriteria?: AcceptanceItem[]
  moduleId?: number | null
  iterationId?: number | null
  releaseId?: number | null
  targetDate?: string | null
  pinned?: boolean
  status?: 'draft' | 'reviewing' | 'approved'
}

export type RequirementPatch = Partial<Omit<RequirementInput, 'status'>>

const withKey = (row: RequirementRow, productKey: string) => ({ ...row, key: `${productKey}-${row.number}` })

/** A requirement the caller may see, else 404. */
export async function requirementOrThrow(ctx: ServiceContext, id: number, db: Db = ctx.deps.db) {
  const row = await requirementRepo.byId(db, ctx.membership.workspaceId, id)
  if (!row) throw notFound('Requirement')
  const product = await getProduct(ctx, row.productId)
  return { row, product }
}

/** Module, iteration and release must belong to the requirement's product. */
export async function checkRefs(
  ctx: ServiceContext,
  productId: number,
  refs: { moduleId?: number | null; iterationId?: number | null; releaseId?: number | null },
) {
  const { db } = ctx.deps
  const ws = ctx.membership.workspaceId
  if (refs.moduleId != null && (await moduleRepo.byId(db, ws, refs.moduleId))?.productId !== productId) {
    throw invalid('The module is not in this product', { moduleId: refs.moduleId })
  }
  if (refs.releaseId != null && (await releaseRepo.byId(db, ws, refs.releaseId))?.productId !== productId) {
    throw invalid('The release is not in this product', { releaseId: refs.releaseId })
  }
  if (refs.iterationId != null) {
    const iteration = await iterationRepo.byId(db, ws, refs.iterationId)
    if (iteration?.productId !== productId)
      throw invalid('The iteration is not in this product', { iterationId: refs.iterationId })
    if (iteration.status === 'closed')
      throw conflict('iteration_closed', 'The iteration is closed', { iterationId: refs.iterationId })
  }
}

/** A requirement with its customers' asks, which only those who may see customers are shown. */
export async function getRequirement(ctx: ServiceContext, id: number) {
  const { row, product } = await requirementOrThrow(ctx, id)
  const asks = maySee(ctx.membership.permissions, 'customer')
    ? await requirementRepo.asksOf(ctx.deps.db, id)
    : []
  return {
    ...withKey(row, product.key),
    asks,
    importedFrom: await importRepo.originOf(ctx.deps.db, 'requirement', id),
  }
}

export async function listRequirements(
  ctx: ServiceContext,
  productId: number,
  filter: Omit<RequirementFilter, 'productId'>,
) {
  const product = await getProduct(ctx, productId)
  // Filtering by customer would tell who asked for what: only for those who may see customers.
  if (filter.customerId !== undefined && !maySee(ctx.membership.permissions, 'customer')) {
    throw forbidden('Filtering by customer needs customer.view')
  }
  return requirementRepo.listJson(ctx.deps.db, { ...filter, productId }, product.key)
}

export function createRequirement(ctx: ServiceContext, productId: number, input: RequirementInput) {
  return write(scopeOf(ctx), async (tx, record) => {
    const product = await getProduct(ctx, productId)
    await checkRefs(ctx, productId, input)
    await checkMentions(ctx, input.description)
    const now = ctx.deps.clock.now().toISOString()
    const number = await requirementRepo.nextNumber(tx, productId)
    const rank = generateKeyBetween(await requirementRepo.lastRank(tx, productId), null)
    const value = input.value ?? 5
    const row = await requirementRepo.insert(tx, {
      ...input,
      workspaceId: ctx.membership.workspaceId,
      productId,
      number,
      rank,
      value,
      status:
        input.iterationId != null && input.status === 'approved' ? 'planned' : (input.status ?? 'draft'),
      score: scoreOf(value, input.effort ?? null, input.estimate ?? null, 0),
      createdBy: ctx.user.id,
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'requirement',
      entityId: row.id,
      productId,
      action: 'created',
      version: row.version,
      after: row,
    })
    return withKey(row, product.key)
  })
}

export function updateRequirement(
  ctx: ServiceContext,
  id: number,
  patch: RequirementPatch,
  version: number | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { row: before, product } = await requirementOrThrow(ctx, id)
    checkVersion(before, version)
    await checkRefs(ctx, before.productId, patch)
    await checkMentions(ctx, patch.description)
    const now = ctx.deps.clock.now().toISOString()
    const changes: Partial<RequirementRow> = { ...patch, updatedAt: now }
    // Putting an approved requirement into an iteration plans it; taking a planned one out un-plans it.
    if (patch.iterationId !== undefined && patch.iterationId !== before.iterationId) {
      if (patch.iterationId !== null && before.status === 'approved') changes.status = 'planned'
      if (patch.iterationId === null && before.status === 'planned') changes.status = 'approved'
    }
    if (patch.value !== undefined || patch.effort !== undefined || patch.estimate !== undefined) {
      changes.score = scoreOf(
        patch.value ?? before.value,
        patch.effort !== undefined ? patch.effort : before.effort,
        patch.estimate !== undefined ? patch.estimate : before.estimate,
        before.demand,
      )
    }
    const after = await requirementRepo.update(tx, id, changes)
    recordUpdate(record, 'requirement', before, after, before.productId)
    return withKey(after, product.key)
  })
}

export function deleteRequirement(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record, frame) => {
    const { row } = await requirementOrThrow(ctx, id)
    const tasks = await taskRepo.ofRequirement(tx, id)
    // Its files, and its tasks', and their comments', go too.
    await dropAttachmentsOf(ctx.deps, tx, frame, { requirement: [id], task: tasks.map((t) => t.id) })
    // Its tasks go with it, each recorded, rather than staying behind as feature work of nothing.
    for (const task of tasks) {
      await taskRepo.delete(tx, task.id)
      record({
        entityType: 'task',
        entityId: task.id,
        productId: row.productId,
        action: 'deleted',
        before: task,
      })
    }
    await requirementRepo.delete(tx, id)
    record({
      entityType: 'requirement',
      entityId: id,
      productId: row.productId,
      action: 'deleted',
      before: row,
    })
  })
}

/** Moves a requirement directly before or after another of the same product: one row written. */
export function rankRequirement(
  ctx: ServiceContext,
  id: number,
  target: { beforeId?: number; afterId?: number },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { row, product } = await requirementOrThrow(ctx, id)
    const targetId = target.beforeId ?? target.afterId
    if (targetId === undefined || (target.beforeId !== undefined && target.afterId !== undefined)) {
      throw invalid('Give exactly one of beforeId or afterId')
    }
    if (targetId === id) throw invalid('A requirement cannot be ranked relative to itself')
    const anchor = await requirementRepo.byId(ctx.deps.db, ctx.membership.workspaceId, targetId)
    if (!anchor || anchor.productId !== row.productId) {
      throw invalid('Rank relative to a requirement of the same product', { targetId })
    }
    const side = target.beforeId !== undefined ? 'before' : 'after'
    const neighbor = await requirementRepo.neighborRank(tx, row.productId, anchor.rank, side, id)
    const rank =
      side === 'before'
        ? generateKeyBetween(neighbor, anchor.rank)
        : generateKeyBetween(anchor.rank, neighbor)
    const after = await requirementRepo.setRank(tx, id, rank)
    record({
      entityType: 'requirement',
      entityId: id,
      productId: row.productId,
      action: 'moved',
      version: after.version,
      before: { rank: row.rank },
      after: { rank, [side === 'before' ? 'beforeId' : 'afterId']: targetId },
    })
    return withKey(after, product.key)
  })
}

/** Higher scores first; unestimated work (no score) after all that has one. */
const byScore = (a: number | null, b: number | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a

/** The backlog re-ranked: open work first by priority then score, finished work after; and the order before. */
async function scoreOrder(db: Db, productId: number) {
  const rows = await requirementRepo.forScoreSort(db, productId)
  const open = new Set<RequirementStatus>(OPEN_REQUIREMENT_STATUSES)
  const sorted = [...rows].sort(
    (a, b) =>
      Number(open.has(b.status)) - Number(open.has(a.status)) ||
      a.priority.localeCompare(b.priority) ||
      byScore(a.score, b.score) ||
      (a.rank < b.rank ? -1 : 1),
  )
  return {
    order: sorted.map((r) => r.id),
    // What an undo puts back (setBacklogOrder, expecting `order`).
    previous: rows.map((r) => r.id),
    changed: sorted.filter((r, i) => rows[i]?.id !== r.id).length,
  }
}

/** Re-ranks the whole backlog by priority then score (a dry run only answers the new order). */
export async function sortByScore(ctx: ServiceContext, productId: number, dryRun: boolean) {
  if (dryRun) {
    await getProduct(ctx, productId)
    return scoreOrder(ctx.deps.db, productId)
  }
  return write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, productId)
    const answer = await scoreOrder(tx, productId)
    await writeOrder(tx, answer.order)
    record({
      entityType: 'product',
      entityId: productId,
      productId,
      action: 'moved',
      after: { backlog: 'sorted by score' },
    })
    return answer
  })
}

/** Ranks every requirement of the product in this order. Ranks are unique: park each on a temporary key first. */
async function writeOrder(tx: Db, order: readonly number[]) {
  const keys = generateNKeysBetween(null, null, order.length)
  for (const [i, id] of order.entries())
    await requirementRepo.setRank(tx, id, `~tmp${String(i).padStart(8, '0')}`)
  for (const [i, id] of order.entries()) await requirementRepo.setRank(tx, id, keys[i]!)
}

/**
 * Puts the whole backlog in the given order (undoing "sort by score"), only while it is still in the
 * `expected` order: a re-rank, a new or a deleted requirement since then answers 409 and changes nothing.
 */
export function setBacklogOrder(
  ctx: ServiceContext,
  productId: number,
  input: { order: readonly number[]; expected: readonly number[] },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    await getProduct(ctx, productId)
    const current = (await requirementRepo.forScoreSort(tx, productId)).map((r) => r.id)
    const same = (a: readonly number[], b: readonly number[]) =>
      a.length === b.length && a.every((id, i) => b[i] === id)
    if (!same(current, input.expected))
      throw conflict('backlog_changed', 'The backlog changed since; its order was not restored')
    if (
      !same(
        [...current].sort((x, y) => x - y),
        [...input.order].sort((x, y) => x - y),
      )
    )
      throw invalid('order must list every requirement of the product once', { column: 'order' })
    await writeOrder(tx, input.order)
    record({
      entityType: 'product',
      entityId: productId,
      productId,
      action: 'moved',
      after: { backlog: 'order restored' },
    })
    return { order: [...input.order] }
  })
}

export function transitionRequirement(
  ctx: ServiceContext,
  id: number,
  to: RequirementStatus,
  reason: string | undefined,
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { row: before, product } = await requirementOrThrow(ctx, id)
    if (!canTransition(before.status, to)) {
      throw conflict('transition_forbidden', `A requirement cannot move from ${before.status} to ${to}`, {
        from: before.status,
        to,
        allowed: REQUIREMENT_TRANSITIONS[before.status],
      })
    }
    if (to === 'rejected' && !reason?.trim()) throw invalid('Rejecting a requirement needs a reason')
    const after = await requirementRepo.update(tx, id, {
      status: to,
      // A rejected requirement leaves its iteration; reopening it clears the old reason.
      rejectReason: to === 'rejected' ? reason!.trim() : null,
      iterationId: to === 'rejected' ? null : before.iterationId,
      updatedAt: ctx.deps.clock.now().toISOString(),
    })
    recordUpdate(record, 'requirement', before, after, before.productId, 'transitioned')
    return withKey(after, product.key)
  })
}

export type RequirementProgress = NonNullable<Awaited<ReturnType<typeof requirementRepo.progress>>>

/**
 * The rules that save PMs clicks, applied when one of the requirement's tasks changes status:
 * planned → developing when its first task starts; developing → testing when all tasks are in review or done.
 * Recorded in the activity as automatic.
 */
export async function autoAdvance(
  ctx: ServiceContext,
  tx: Db,
  record: Recorder,
  requirementId: number,
  /** The requirement's status and its tasks' statuses, when the caller read them already (a move). */
  known?: RequirementProgress,
) {
  const current = known ?? (await requirementRepo.progress(tx, ctx.membership.workspaceId, requirementId))
  if (!current) return
  const statuses = current.taskStatuses
  const started = statuses.some((s) => s === 'doing' || s === 'review' || s === 'done')
  const allInReview = statuses.length > 0 && statuses.every((s) => s === 'review' || s === 'done')
  // Each step is one move of the transition table, recorded on its own (a task going straight to done
  // walks planned → developing → testing).
  let status = current.status
  const steps: RequirementStatus[] = []
  if (status === 'planned' && started) {
    status = 'developing'
    steps.push(status)
  }
  if (status === 'developing' && allInReview) {
    status = 'testing'
    steps.push(status)
  }
  let from = current.status
  for (const to of steps) {
    const after = await requirementRepo.update(tx, requirementId, {
      status: to,
      updatedAt: ctx.deps.clock.now().toISOString(),
    })
    record({
      entityType: 'requirement',
      entityId: requirementId,
      productId: current.productId,
      action: 'transitioned',
      version: after.version,
      automatic: true,
      before: { status: from },
      after: { status: to },
    })
    from = to
  }
}

// Customer asks

export function addAsk(
  ctx: ServiceContext,
  requirementId: number,
  input: {
    customerId: number
    importance?: 'nice' | 'important' | 'critical'
    note?: string
    askedOn?: string
    promisedDate?: string | null
  },
) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { row } = await requirementOrThrow(ctx, requirementId)
    if (!(await customerRepo.byId(tx, ctx.membership.workspaceId, input.customerId))) {
      throw invalid('Unknown customer', { customerId: input.customerId })
    }
    const now = ctx.deps.clock.now()
    if (await requirementRepo.askOf(tx, requirementId, input.customerId))
      throw conflict('already_asked', 'This customer already asked for it')
    const ask = await requirementRepo.insertAsk(tx, {
      workspaceId: ctx.membership.workspaceId,
      requirementId,
      customerId: input.customerId,
      importance: input.importance ?? 'important',
      note: input.note ?? '',
      askedOn: input.askedOn ?? now.toISOString().slice(0, 10),
      promisedDate: input.promisedDate ?? null,
      createdBy: ctx.user.id,
      createdAt: now.toISOString(),
    })
    await recomputeDemand(tx, [requirementId])
    record({ entityType: 'ask', entityId: ask.id, productId: row.productId, action: 'created', after: ask })
    return ask
  })
}

export function removeAsk(ctx: ServiceContext, requirementId: number, askId: number) {
  return write(scopeOf(ctx), async (tx, record) => {
    const { row } = await requirementOrThrow(ctx, requirementId)
    const ask = await requirementRepo.askById(tx, requirementId, askId)
    if (!ask) throw notFound('Ask')
    await requirementRepo.deleteAsk(tx, askId)
    await recomputeDemand(tx, [requirementId])
    record({ entityType: 'ask', entityId: askId, productId: row.productId, action: 'deleted', before: ask })
  })
}

/** Refreshes the cached demand, score and ask count of these requirements from their asks. */
export async function recomputeDemand(tx: Db, requirementIds: readonly number[]) {
  const inputs = await requirementRepo.demandInputs(tx, requirementIds)
  for (const id of new Set(requirementIds)) {
    const asks = inputs.filter((a) => a.requirementId === id)
    const row = await requirementRepo.scoreInputs(tx, id)
    if (!row) continue
    const demand = Math.round(demandOf(asks) * 100) / 100
    await requirementRepo.setDemand(tx, id, {
      demand,
      score: scoreOf(row.value, row.effort, row.estimate, demand),
      askCount: asks.length,
    })
  }
}

// Tasks: engineering work on the board. Feature tasks hang off a requirement; stability tasks carry a
// category and a risk. Moving a task ranks it in its column and may auto-advance its requirement.

import { generateKeyBetween } from 'fractional-indexing'
import type { Db } from '../../../db/client'
import { canMoveTask } from '../../../domain/workflow'
import type { ServiceContext } from '../../lib/context'
import { conflict, forbidden, invalid } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { dropAttachmentsOf } from '../attachments/cleanup'
import { customerRepo } from '../customers/repo'
import { importRepo } from '../imports/repo'
import { iterationRepo } from '../iterations/repo'
import { checkMentions } from '../notifications/mentions'
import { getProduct, visibleRow } from '../products/service'
import { requirementRepo } from '../requirements/repo'
import { autoAdvance } from '../requirements/service'
import { workspaceRepo } from '../workspaces/repo'
import type { TaskFilter, TaskMove, TaskRow } from './repo'
import { taskRepo } from './repo'

type TaskFields = Pick<
  TaskRow,
  | 'kind'
  | 'title'
  | 'description'
  | 'requirementId'
  | 'iterationId'
  | 'category'
  | 'risk'
  | 'customerId'
  | 'incidentRef'
  | 'assigneeId'
  | 'estimate'
  | 'remaining'
  | 'dueDate'
>
export type TaskInput = Partial<TaskFields> & { productId: number; kind: TaskRow['kind']; title: string }
export type TaskPatch = Partial<TaskFields>

export async function taskOrThrow(ctx: ServiceContext, id: number) {
  return visibleRow(ctx, await taskRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id), 'Task')
}

export async function getTask(ctx: ServiceContext, id: number) {
  await taskOrThrow(ctx, id)
  const detail = (await taskRepo.detail(ctx.deps.db, id))!
  return {
    ...detail.task,
    key: detail.key,
    requirement: detail.requirement?.id ? detail.requirement : null,
    assignee: detail.assignee?.id ? detail.assignee : null,
    importedFrom: await importRepo.originOf(ctx.deps.db, 'task', id),
  }
}

/** The rules of a task's fields, checked against the state it will have after the change. */
async function checkTask(ctx: ServiceContext, productId: number, t: Partial<TaskFields>) {
  const { db } = ctx.deps
  const ws = ctx.membership.workspaceId
  if (t.kind === 'feature' && t.requirementId == null)
    throw invalid('A feature task belongs to a requirement')
  if (t.kind === 'stability' && !t.category) throw invalid('A stability task needs a category')
  if (t.kind !== 'stability' && t.category) throw invalid('Only stability tasks have a category')
  if (
    t.requirementId != null &&
    (await requirementRepo.byId(db, ws, t.requirementId))?.productId !== productId
  ) {
    throw invalid("The requirement is not in this task's product", { requirementId: t.requirementId })
  }
  if (t.iterationId != null) {
    const iteration = await iterationRepo.byId(db, ws, t.iterationId)
    if (iteration?.productId !== productId)
      throw invalid("The iteration is not in this task's product", { iterationId: t.iterationId })
    if (iteration.status === 'closed')
      throw conflict('iteration_closed', 'The iteration is closed', { iterationId: t.iterationId })
  }
  if (t.customerId != null && !(await customerRepo.byId(db, ws, t.customerId))) {
    throw invalid('Unknown customer', { customerId: t.customerId })
  }
  if (t.assigneeId != null) {
    const member = await workspaceRepo.membership(db, ws, t.assigneeId)
    if (!member || (member.productIds !== null && !member.productIds.includes(productId))) {
      throw invalid('The assignee must be a member who may see this product', { assigneeId: t.assigneeId })
    }
  }
}

export function createTask(ctx: ServiceContext, input: TaskInput) {
  return write(scopeOf(ctx), async (tx, record) => {
    const product = await getProduct(ctx, input.productId)
    await checkMentions(ctx, input.description)
    if (input.assigneeId != null && !ctx.membership.permissions.has('task.assign')) {
      throw forbidden('Your role does not allow assigning tasks (needs task.assign)')
    }
    // A task under a planned requirement lands in the requirement's iteration unless told otherwise.
    let iterationId = input.iterationId
    if (iterationId === undefined && input.requirementId != null) {
      iterationId =
        (await requirementRepo.byId(tx, ctx.membership.workspaceId, input.requirementId))?.iterationId ?? null
    }
    const fields = { ...input, iterationId: iterationId ?? null }
    await checkTask(ctx, input.productId, fields)
    const now = ctx.deps.clock.now().toISOString()
    const number = await requirementRepo.nextNumber(tx, input.productId)
    const rank = generateKeyBetween(await taskRepo.lastRankInColumn(tx, fields.iterationId, 'todo'), null)
    const row = await taskRepo.insert(tx, {
      ...fields,
      workspaceId: ctx.membership.workspaceId,
      number,
      status: 'todo',
      risk: input.kind === 'stability' ? (input.risk ?? 'medium') : (input.risk ?? null),
      remaining: input.remaining ?? input.estimate ?? null,
      rank,
      createdBy: ctx.user.id,
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'task',
      entityId: row.id,
      productId: row.productId,
      action: 'created',
      version: row.version,
      after: row,
      patch: await cardPatch(tx, row),
    })
    return { ...row, key: `${product.key}-${row.number}` }
  })
}

export function updateTask(ctx: ServiceContext, id: number, patch: TaskPatch, version: number | undefined) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await taskOrThrow(ctx, id)
    checkVersion(before, version)
    await checkMentions(ctx, patch.description)
    if (
      patch.assigneeId !== undefined &&
      patch.assigneeId !== before.assigneeId &&
      !ctx.membership.permissions.has('task.assign')
    ) {
      throw forbidden('Your role does not allow assigning tasks (needs task.assign)')
    }
    const next = { ...before, ...patch }
    if (next.kind !== 'stability' && patch.category === undefined) next.category = null
    await checkTask(ctx, before.productId, {
      ...next,
      // Only re-check references that change, so a task in a since-closed iteration stays editable.
      iterationId:
        patch.iterationId !== undefined && patch.iterationId !== before.iterationId
          ? patch.iterationId
          : null,
    })
    const changes: Partial<TaskRow> = {
      ...patch,
      category: next.category,
      updatedAt: ctx.deps.clock.now().toISOString(),
    }
    if (patch.iterationId !== undefined && patch.iterationId !== before.iterationId) {
      changes.rank = generateKeyBetween(
        await taskRepo.lastRankInColumn(tx, patch.iterationId, before.status, id),
        null,
      )
    }
    const after = await taskRepo.update(tx, id, changes)
    recordUpdate(record, 'task', before, after, before.productId, 'updated', await cardPatch(tx, after))
    return after
  })
}

/**
 * What open boards need to show a created or edited task without fetching again: the iteration it is in,
 * and its card when it is on a board (see KeelEvent.patch).
 */
async function cardPatch(tx: Db, task: Pick<TaskRow, 'id' | 'iterationId'>) {
  if (task.iterationId === null) return { iterationId: null }
  return { iterationId: task.iterationId, card: await iterationRepo.boardCard(tx, task.id) }
}

export function deleteTask(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record, frame) => {
    const row = await taskOrThrow(ctx, id)
    await dropAttachmentsOf(ctx.deps, tx, frame, { task: [id] })
    await taskRepo.delete(tx, id)
    record({ entityType: 'task', entityId: id, productId: row.productId, action: 'deleted', before: row })
    if (row.requirementId !== null) await autoAdvance(ctx, tx, record, row.requirementId)
  })
}

export interface MoveInput {
  status: TaskRow['status']
  beforeId?: number
  afterId?: number
  blockedReason?: string
}

/** Moves a task to a column and a place in it; blocked needs a reason. One task row is written. */
export function moveTask(ctx: ServiceContext, id: number, input: MoveInput, version: number | undefined) {
  return write(scopeOf(ctx), async (tx, record) => {
    const found = await taskRepo.forMove(ctx.deps.db, ctx.membership.workspaceId, id, input.status)
    const before = visibleRow(ctx, found?.task, 'Task')
    checkVersion(before, version)
    if (input.beforeId !== undefined && input.afterId !== undefined)
      throw invalid('Give at most one of beforeId or afterId')
    const reason = input.blockedReason?.trim()
    if (input.status === 'blocked' && !reason)
      throw invalid('Moving a task to blocked needs a reason (blockedReason)')
    if (!canMoveTask(before.status, input.status)) {
      throw conflict(
        'transition_forbidden',
        `A task that is ${before.status} cannot move to ${input.status}`,
        {
          from: before.status,
          to: input.status,
        },
      )
    }
    const anchorId = input.beforeId ?? input.afterId
    if (anchorId === id) throw invalid('A task cannot be placed relative to itself')
    const anchor =
      anchorId === undefined ? undefined : await taskRepo.byId(tx, ctx.membership.workspaceId, anchorId)
    if (
      anchorId !== undefined &&
      (!anchor || anchor.iterationId !== before.iterationId || anchor.status !== input.status)
    ) {
      throw invalid('Place the task relative to a task in the same column', { anchorId })
    }
    const now = ctx.deps.clock.now().toISOString()
    let rank: string
    if (!anchor) {
      const last =
        before.iterationId === null
          ? await taskRepo.lastRankInColumn(tx, null, input.status, id)
          : found!.lastRank
      rank = generateKeyBetween(last, null)
    } else if (input.beforeId !== undefined) {
      rank = generateKeyBetween(
        await taskRepo.neighborRank(tx, before.iterationId, input.status, anchor.rank, 'before', id),
        anchor.rank,
      )
    } else {
      rank = generateKeyBetween(
        anchor.rank,
        await taskRepo.neighborRank(tx, before.iterationId, input.status, anchor.rank, 'after', id),
      )
    }
    const statusChanged = input.status !== before.status
    const changes: TaskMove = {
      status: input.status,
      rank,
      blockedReason: input.status === 'blocked' ? reason! : null,
      updatedAt: now,
      startedAt: before.startedAt,
      doneAt: before.doneAt,
      remaining: before.remaining,
    }
    if (statusChanged && input.status === 'doing' && !before.startedAt) changes.startedAt = now
    if (statusChanged && input.status === 'done') {
      changes.doneAt = now
      changes.remaining = 0
    }
    if (statusChanged && before.status === 'done') {
      changes.doneAt = null
      changes.remaining = before.estimate
    }
    const after = await taskRepo.move(tx, id, changes)
    // Open boards place the card themselves from the event, instead of fetching the whole board again.
    recordUpdate(record, 'task', before, after, before.productId, 'moved', {
      status: after.status,
      rank: after.rank,
      blockedReason: after.blockedReason,
      remaining: after.remaining,
      iterationId: after.iterationId,
    })
    if (statusChanged && before.requirementId !== null) {
      // Read with the task (nothing else writes meanwhile): its other tasks' statuses, and its own now.
      const progress = found!.requirement && {
        status: found!.requirement.status,
        productId: before.productId,
        taskStatuses: [...found!.requirement.otherStatuses, after.status],
      }
      await autoAdvance(ctx, tx, record, before.requirementId, progress)
    }
    return after
  })
}

export const tasksOfRequirement = (ctx: ServiceContext, requirementId: number) =>
  taskRepo.ofRequirement(ctx.deps.db, requirementId)

export async function listTasks(ctx: ServiceContext, filter: Omit<TaskFilter, 'workspaceId' | 'productIds'>) {
  if (filter.productId !== undefined) await getProduct(ctx, filter.productId)
  return taskRepo.list(ctx.deps.db, {
    ...filter,
    workspaceId: ctx.membership.workspaceId,
    productIds: ctx.membership.productIds,
  })
}

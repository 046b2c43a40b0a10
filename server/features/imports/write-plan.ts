// Writes a planned file import (see plan.ts) inside the import's transaction: modules, releases and
// iterations, then requirements, tasks and comments, each remembered by its source key (external_refs),
// with the file's own history of each new record.
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import type { Db } from '../../../db/client'
import type { ExternalEntityType, ImportSource } from '../../../db/schema'
import { scoreOf } from '../requirements/score'
import { type EffectiveMapping, mappedStatus } from './mapping'
import { type Kind, type Plan, type PlannedItem, type Ref, refKey, type Scope, TITLE_MAX } from './plan-model'
import {
  type ExistingRequirement,
  type ExistingTask,
  importRepo,
  type RequirementValues,
  type TaskValues,
} from './repo'

/** What every step of writing a plan reads, and the item number and history count they carry on. */
interface Writing {
  /** The import's write (its `tx`). */
  tx: Db
  scope: Scope
  source: ImportSource
  plan: Plan
  mapping: EffectiveMapping
  w: ReturnType<typeof importRepo.writer>
  /** The row id of a ref: its own for a row that existed, else the id it was written with. */
  real: (ref: Ref | null | undefined) => number | null
  /** Notes the id a ref was written with, and its source key unless an earlier import noted the same. */
  remember: (type: ExternalEntityType, key: string, ref: Ref, id: number) => Promise<void>
  /** The product's last item number: each new requirement or task takes the next. */
  number: number
  /** History rows brought over from the file so far. */
  history: number
  /** The file's name, for the "imported from" line of each new record's history. */
  fileName: string
  /** The number each new requirement or task was given (its key in Keel). */
  numbers: Map<PlannedItem, number>
}

/**
 * Writes the plan; returns the number of history rows brought over and the number each new item was given.
 * Runs inside the transaction.
 */
export async function writePlan(
  tx: Db,
  scope: Scope,
  source: ImportSource,
  plan: Plan,
  mapping: EffectiveMapping,
  fileName: string,
): Promise<{ history: number; numbers: Map<PlannedItem, number> }> {
  const { workspaceId: ws, productId, now } = scope
  const w = importRepo.writer(tx)
  const ids = new Map<Ref, number>()
  const writing: Writing = {
    tx,
    scope,
    source,
    plan,
    mapping,
    w,
    real: (ref) => {
      if (ref == null) return null
      if (ref > 0) return ref
      const id = ids.get(ref)
      if (id === undefined) throw new Error(`import: ${ref} was not written before it was used`)
      return id
    },
    remember: async (type, key, ref, id) => {
      if (ref < 0) ids.set(ref, id)
      if (plan.refs.get(refKey(type, key)) !== id) await w.ref(ws, productId, source, type, key, id, now)
    },
    number: 0,
    history: 0,
    fileName,
    numbers: new Map(),
  }
  await writeStructure(writing)
  writing.number = await importRepo.lastNumber(tx, productId)
  await writeRequirements(writing)
  await writeTasks(writing)
  await importRepo.setLastNumber(tx, productId, writing.number)
  await writeComments(writing)
  await w.flush()
  return { history: writing.history, numbers: writing.numbers }
}

/** Modules, releases and iterations: the new ones are created, every one is remembered. */
async function writeStructure({ scope, plan, w, real, remember }: Writing) {
  const { workspaceId: ws, productId, now } = scope
  for (const m of plan.modules) {
    const id = m.isNew ? await w.module(ws, productId, real(m.parent), m.name, now) : m.ref
    await remember('module', m.key, m.ref, id)
  }
  for (const r of plan.releases) {
    const id = r.isNew ? await w.release(ws, productId, r, now) : r.ref
    await remember('release', r.key, r.ref, id)
  }
  for (const i of plan.iterations) {
    const id = i.isNew ? await w.iteration(ws, productId, i, now) : i.ref
    await remember('iteration', i.key, i.ref, id)
  }
}

// The file's history is told in the file's words: its people stay names, never linked to an account,
// whatever member the name or email matches (a file cannot make anyone the author of anything).
// Without a name, the change is the importer's own.
const actorOf = (userId: number, name: string | null) =>
  name ? { actorId: null, actorName: name } : { actorId: userId, actorName: null }

/** The history of a new record: its creation (in its first status), then each change the file lists. */
async function writeItemHistory(
  writing: Writing,
  p: PlannedItem,
  id: number,
  number: number,
  entity: 'requirement' | 'task',
  initialAfter: Record<string, unknown>,
) {
  const { scope, mapping, w } = writing
  const { workspaceId: ws, productId, now } = scope
  const statusChanges = p.item.history.filter((h) => h.field.toLowerCase() === 'status')
  const first = statusChanges[0]
  const created = { ...initialAfter }
  if (first?.from) created.status = mappedStatus(entity, first.from, mapping)
  await w.activity(ws, productId, {
    entityType: entity,
    entityId: id,
    action: 'created',
    ...actorOf(scope.userId, p.item.reporter),
    before: null,
    after: created,
    createdAt: p.item.createdAt ?? now,
  })
  for (const h of p.item.history) {
    const isStatus = h.field.toLowerCase() === 'status'
    await w.activity(ws, productId, {
      entityType: entity,
      entityId: id,
      action: isStatus ? (entity === 'task' ? 'moved' : 'transitioned') : 'updated',
      ...actorOf(scope.userId, h.author || null),
      before: isStatus
        ? { status: h.from ? mappedStatus(entity, h.from, mapping) : null }
        : { [h.field]: h.from },
      after: isStatus ? { status: h.to ? mappedStatus(entity, h.to, mapping) : null } : { [h.field]: h.to },
      createdAt: h.createdAt,
    })
    writing.history++
  }
  // Then the import itself: by whom, when, from which file and under which key.
  await w.activity(ws, productId, {
    entityType: entity,
    entityId: id,
    action: 'imported',
    actorId: scope.userId,
    actorName: null,
    before: null,
    after: { source: writing.source, key: p.item.key, file: writing.fileName },
    createdAt: now,
  })
  writing.numbers.set(p, number)
}

/** The fields of `values` that differ from the existing row: their values before and after. */
function changesOf(existing: Record<string, unknown>, values: Record<string, unknown>) {
  const before: Record<string, unknown> = {}
  const after: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(values)) {
    if (value === undefined) continue
    const current = existing[field]
    const same =
      field === 'acceptanceCriteria'
        ? current === JSON.stringify(value)
        : current === value || (current == null && value == null)
    if (!same) {
      before[field] =
        field === 'acceptanceCriteria' && typeof current === 'string' ? JSON.parse(current) : current
      after[field] = value
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 }
}

/** Requirements first: tasks point at them. New ones go after the product's last in rank. */
async function writeRequirements(writing: Writing) {
  const { tx, scope, plan, mapping, w, real, remember } = writing
  const { workspaceId: ws, productId, now } = scope
  const newRequirements = plan.items.filter((p) => p.entity === 'requirement' && !p.existing)
  const ranks = generateNKeysBetween(
    await importRepo.lastRequirementRank(tx, productId),
    null,
    newRequirements.length,
  )
  let rankIndex = 0
  for (const p of plan.items) {
    if (p.entity !== 'requirement') continue
    const values = requirementValues(p, plan, mapping, real)
    if (!p.existing) {
      const number = ++writing.number
      const criteria = values.acceptanceCriteria ?? []
      const id = await w.requirement({
        ...values,
        acceptanceCriteria: criteria,
        workspaceId: ws,
        productId,
        number,
        rank: ranks[rankIndex++]!,
        score: scoreOf(5, values.effort, values.estimate, 0),
        createdBy: scope.userId,
        createdAt: p.item.createdAt ?? now,
        updatedAt: p.item.updatedAt ?? now,
      })
      await remember('requirement', p.item.key, p.ref, id)
      await writeItemHistory(writing, p, id, number, 'requirement', {
        ...values,
        acceptanceCriteria: criteria,
        number,
        key: p.item.key,
      })
    } else {
      const existing = p.existing as ExistingRequirement
      // Effort follows the estimate only while it is the imported one (a PM may have set it since).
      const { effort: _effort, ...rest } = values
      const patch: Record<string, unknown> = { ...rest }
      if (existing.effort === existing.estimate) patch.effort = values.estimate
      const { before, after, changed } = changesOf(existing as unknown as Record<string, unknown>, patch)
      if (changed) {
        if ('estimate' in after || 'effort' in after) {
          const effort = (after.effort ?? existing.effort) as number | null
          const estimate = (after.estimate ?? existing.estimate) as number | null
          after.score = scoreOf(existing.value, effort, estimate, existing.demand)
        }
        await w.update('requirements', existing.id, after, now)
        await w.activity(ws, productId, {
          entityType: 'requirement',
          entityId: existing.id,
          action: 'updated',
          actorId: scope.userId,
          actorName: null,
          before,
          after,
          createdAt: now,
        })
      } else countUnchanged(plan, 'requirement')
      await remember('requirement', p.item.key, p.ref, existing.id)
    }
  }
}

/** Tasks: new ones (and ones moved to another column) go to the end of their board column. */
async function writeTasks(writing: Writing) {
  const { tx, scope, plan, mapping, w, real, remember } = writing
  const { workspaceId: ws, productId, now } = scope
  const columnRanks = await importRepo.taskColumnRanks(tx, productId)
  const nextRank = (iterationId: number | null, status: string) => {
    const column = `${iterationId ?? 'none'}:${status}`
    const rank = generateKeyBetween(columnRanks.get(column) ?? null, null)
    columnRanks.set(column, rank)
    return rank
  }
  for (const p of plan.items) {
    if (p.entity !== 'task') continue
    const values = taskValues(p, plan, mapping, real)
    if (!p.existing) {
      const number = ++writing.number
      const id = await w.task({
        ...values,
        workspaceId: ws,
        productId,
        number,
        rank: nextRank(values.iterationId, values.status),
        createdBy: scope.userId,
        createdAt: p.item.createdAt ?? now,
        updatedAt: p.item.updatedAt ?? now,
      })
      await remember('task', p.item.key, p.ref, id)
      await writeItemHistory(writing, p, id, number, 'task', { ...values, number, key: p.item.key })
    } else {
      const existing = p.existing as ExistingTask
      const patch: Record<string, unknown> = { ...values }
      // An assignee the file names but Keel does not know leaves the current one in place.
      if (p.item.assignee && values.assigneeId === null) delete patch.assigneeId
      const { before, after, changed } = changesOf(existing as unknown as Record<string, unknown>, patch)
      if (changed) {
        if ('status' in after || 'iterationId' in after)
          after.rank = nextRank(values.iterationId, values.status)
        await w.update('tasks', existing.id, after, now)
        const { rank: _rank, ...shown } = after
        await w.activity(ws, productId, {
          entityType: 'task',
          entityId: existing.id,
          action: 'status' in after ? 'moved' : 'updated',
          actorId: scope.userId,
          actorName: null,
          before,
          after: shown,
          createdAt: now,
        })
      } else countUnchanged(plan, 'task')
      await remember('task', p.item.key, p.ref, existing.id)
    }
  }
}

/** Comments keep their authors' names and dates. */
async function writeComments({ scope, source, plan, w, real }: Writing) {
  const { workspaceId: ws, productId, now } = scope
  for (const p of plan.items) {
    const entityId = real(p.ref)
    if (entityId === null) continue
    for (const c of p.item.comments) {
      if (!c.body) continue
      const existingId = plan.refs.get(refKey('comment', c.key))
      if (existingId !== undefined && plan.existingComments.has(existingId)) {
        if (plan.existingComments.get(existingId) !== c.body) await w.updateComment(existingId, c.body, now)
        else countUnchanged(plan, 'comment')
        continue
      }
      const id = await w.comment(
        ws,
        productId,
        p.entity,
        entityId,
        c.author || null,
        c.body,
        c.createdAt ?? now,
        c.createdAt ?? now,
      )
      await w.ref(ws, productId, source, 'comment', c.key, id, now)
    }
  }
}

/** The status a planned requirement or task is written with: the file's, through the mapping. */
export function plannedStatus(p: PlannedItem, mapping: EffectiveMapping): string {
  return p.entity === 'requirement'
    ? (mapping.requirementStatus[p.item.status] ?? 'draft')
    : (mapping.taskStatus[p.item.status] ?? 'todo')
}

function countUnchanged(plan: Plan, kind: Kind) {
  plan.byKind[kind].unchanged++
}

function requirementValues(
  p: PlannedItem,
  plan: Plan,
  mapping: EffectiveMapping,
  real: (r: Ref | null | undefined) => number | null,
): RequirementValues {
  const item = p.item
  return {
    title: item.title.trim().slice(0, TITLE_MAX),
    description: item.description,
    priority: mapping.priority[item.priority] ?? 'P2',
    estimate: item.estimate,
    effort: item.estimate,
    status: plannedStatus(p, mapping) as RequirementValues['status'],
    moduleId: real(item.moduleKey ? plan.moduleOf.get(item.moduleKey) : null),
    iterationId: real(item.sprintKey ? plan.iterationOf.get(item.sprintKey) : null),
    releaseId: real(item.releaseKey ? plan.releaseOf.get(item.releaseKey) : null),
    targetDate: item.dueDate,
    acceptanceCriteria: item.acceptanceCriteria?.map((text) => ({ text, done: false })),
    source: item.source ?? 'internal',
  }
}

function taskValues(
  p: PlannedItem,
  plan: Plan,
  mapping: EffectiveMapping,
  real: (r: Ref | null | undefined) => number | null,
): TaskValues {
  const item = p.item
  const requirementId = real(p.requirementRef)
  const kind =
    p.type === 'task' ? (requirementId ? 'feature' : 'chore') : p.type === 'requirement' ? 'chore' : p.type
  const status = plannedStatus(p, mapping) as TaskValues['status']
  return {
    kind,
    title: item.title.trim().slice(0, TITLE_MAX),
    description: item.description,
    requirementId,
    iterationId: real(item.sprintKey ? plan.iterationOf.get(item.sprintKey) : null),
    status,
    blockedReason: status === 'blocked' ? `Imported as "${item.status}"` : null,
    category: kind === 'stability' ? 'tech-debt' : null,
    risk: kind === 'stability' ? 'medium' : null,
    assigneeId: item.assignee ? (plan.assignees.get(item.assignee) ?? null) : null,
    estimate: item.estimate,
    remaining: item.remaining ?? (status === 'done' ? 0 : item.estimate),
    dueDate: item.dueDate,
    startedAt: item.startedAt ?? null,
    doneAt: status === 'done' ? (item.resolvedAt ?? item.updatedAt ?? null) : null,
  }
}

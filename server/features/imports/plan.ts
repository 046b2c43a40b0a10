// Plans a file import without writing (see plan-model.ts): the product's structure (plan-structure.ts),
// then the items, their parents, assignees and comments, each found from an earlier import (by its source
// key) or made new; with the warnings and errors the preview shows.
import type { Db } from '../../../db/client'
import type { EffectiveMapping } from './mapping'
import type { ParsedFile } from './model'
import {
  emptyCounts,
  type Plan,
  type PlannedItem,
  type Planning,
  type Ref,
  refKey,
  type Scope,
  TITLE_MAX,
} from './plan-model'
import { planIterations, planModules, planReleases } from './plan-structure'
import { type ExistingRequirement, type ExistingTask, importRepo } from './repo'

/** The file's items as planned, by key, with the product's requirements and tasks they were matched to. */
interface PlannedItems {
  items: PlannedItem[]
  byKey: Map<string, PlannedItem>
  skipped: number
  requirements: Map<number, ExistingRequirement>
  tasks: Map<number, ExistingTask>
}

/** Decides, without writing, what each record becomes and whether it creates or updates a row. */
export async function buildPlan(
  db: Db,
  scope: Scope,
  parsed: ParsedFile,
  mapping: EffectiveMapping,
): Promise<Plan> {
  const byKind = emptyCounts()
  let placeholder = -1
  const planning: Planning = {
    db,
    scope,
    parsed,
    mapping,
    today: scope.now.slice(0, 10),
    refs: await importRepo.refs(db, scope.productId, parsed.source),
    byKind,
    warnings: [],
    errors: [],
    placeholder: () => placeholder--,
    count: (kind, isNew) => {
      byKind[kind][isNew ? 'created' : 'updated']++
    },
  }
  const modules = await planModules(planning)
  const releases = await planReleases(planning)
  const iterations = await planIterations(planning)
  const planned = await planItems(planning)
  linkParents(planning, planned)
  const { items } = planned
  for (const p of items) planning.count(p.entity === 'requirement' ? 'requirement' : 'task', !p.existing)
  const assignees = await planAssignees(planning, items)
  const existingComments = await planComments(planning, items)

  return {
    ...modules,
    ...releases,
    ...iterations,
    items,
    assignees,
    existingComments,
    refs: planning.refs,
    byKind,
    skipped: planned.skipped,
    warnings: planning.warnings,
    errors: planning.errors,
  }
}

/** Items: what each becomes, and whether it exists from an earlier import. */
async function planItems(planning: Planning): Promise<PlannedItems> {
  const { db, scope, parsed, mapping, refs, warnings, errors, placeholder } = planning
  const requirements = await importRepo.requirements(db, scope.productId)
  const tasks = await importRepo.tasks(db, scope.productId)
  const items: PlannedItem[] = []
  const byKey = new Map<string, PlannedItem>()
  let skipped = parsed.skipped
  for (const item of parsed.items) {
    if (!item.title.trim()) {
      errors.push({
        row: item.row,
        column: 'title',
        message: `${item.key}: the title is empty`,
        code: 'titleEmpty',
        params: { key: item.key },
      })
      continue
    }
    let type = mapping.type[item.type] ?? 'task'
    if (type === 'skip') {
      skipped++
      continue
    }
    let entity: 'requirement' | 'task' = type === 'requirement' ? 'requirement' : 'task'
    const lookup = (e: 'requirement' | 'task') => {
      const id = refs.get(refKey(e, item.key))
      return id === undefined ? undefined : e === 'requirement' ? requirements.get(id) : tasks.get(id)
    }
    let existing = lookup(entity)
    const other = entity === 'requirement' ? 'task' : 'requirement'
    const before = existing ? undefined : lookup(other)
    if (before) {
      warnings.push({
        row: item.row,
        column: 'type',
        message: `${item.key} was imported before as a ${other}; it stays a ${other}`,
      })
      entity = other
      type =
        other === 'requirement' ? 'requirement' : (before as ExistingTask).kind === 'bug' ? 'bug' : 'task'
      existing = before
    }
    const planned: PlannedItem = {
      item,
      type,
      entity,
      ref: existing?.id ?? placeholder(),
      existing,
      requirementRef: null,
    }
    items.push(planned)
    byKey.set(item.key, planned)
    if (item.altKey && !byKey.has(item.altKey)) byKey.set(item.altKey, planned)
  }
  return { items, byKey, skipped, requirements, tasks }
}

/** Parents: a task hangs off its parent requirement, or its parent task's requirement, or its epic. */
function linkParents({ refs, warnings }: Planning, { items, byKey, requirements, tasks }: PlannedItems) {
  const requirementOf = (key: string | null | undefined, depth = 0): Ref | null => {
    if (!key || depth > 5) return null
    const planned = byKey.get(key)
    if (planned) {
      if (planned.entity === 'requirement') return planned.ref
      return (
        requirementOf(planned.item.parentKey, depth + 1) ?? requirementOf(planned.item.epicKey, depth + 1)
      )
    }
    const id = refs.get(refKey('requirement', key))
    return id !== undefined && requirements.has(id) ? id : null
  }
  const tasksByRef = new Map<number, ExistingTask>(tasks)
  for (const p of items) {
    if (p.entity !== 'task') continue
    p.requirementRef = requirementOf(p.item.parentKey) ?? requirementOf(p.item.epicKey)
    const parentKey = p.item.parentKey ?? p.item.epicKey
    if (p.requirementRef === null && parentKey && !byKey.has(parentKey)) {
      const id = refs.get(refKey('task', parentKey))
      const parentTask = id === undefined ? undefined : tasksByRef.get(id)
      if (parentTask?.requirementId) p.requirementRef = parentTask.requirementId
      else
        warnings.push({
          row: p.item.row,
          column: 'parent',
          message: `${p.item.key}: its parent ${parentKey} is not in this file or an earlier import; the task stands alone`,
          code: 'parentMissing',
          params: { key: p.item.key, parent: parentKey },
        })
    }
  }
}

/**
 * People: assignees are matched to members by name or email; others are named in a warning. Like the
 * API, assigning needs the task.assign permission: without it, items keep the assignee they have.
 */
async function planAssignees(
  { db, scope, warnings }: Planning,
  items: PlannedItem[],
): Promise<Plan['assignees']> {
  const members = await importRepo.members(db, scope.workspaceId, scope.productId)
  const assignees = new Map<string, number | null>()
  for (const p of items) {
    const name = p.item.assignee
    if (!name || assignees.has(name)) continue
    if (!scope.canAssign) {
      if (!assignees.size)
        warnings.push({
          row: p.item.row,
          column: 'assignee',
          message: 'Assignees are not imported: assigning tasks needs the task.assign permission',
          code: 'assignSkipped',
        })
      assignees.set(name, null)
      continue
    }
    const lower = name.toLowerCase()
    const member = members.find((m) => m.name.toLowerCase() === lower || m.email.toLowerCase() === lower)
    assignees.set(name, member?.id ?? null)
    if (!member)
      warnings.push({
        row: p.item.row,
        column: 'assignee',
        message: `"${name}" is not a member who may see this product: their items are left unassigned`,
        code: 'assigneeUnknown',
        params: { name },
      })
  }
  return assignees
}

/** Comments: by their key from an earlier import, else new. Also warns of titles cut to TITLE_MAX. */
async function planComments({ db, scope, refs, warnings, count }: Planning, items: PlannedItem[]) {
  const existingComments = await importRepo.comments(db, scope.productId)
  for (const p of items) {
    for (const c of p.item.comments) {
      if (!c.body) continue
      const id = refs.get(refKey('comment', c.key))
      count('comment', id === undefined || !existingComments.has(id))
    }
    if (p.item.title.length > TITLE_MAX)
      warnings.push({
        row: p.item.row,
        column: 'title',
        message: `${p.item.key}: the title is cut to ${TITLE_MAX} characters`,
      })
  }
  return existingComments
}

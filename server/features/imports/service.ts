// Imports: read a file from Jira, ZenTao, GitHub or a spreadsheet, map it onto Keel's requirements,
// tasks, iterations, releases and modules, and either preview the result (dry run: nothing written) or
// write all of it in one transaction. Each record is remembered by its source key (external_refs), so
// importing the same file again updates what it made instead of adding duplicates.

import type Database from 'better-sqlite3'
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing'
import type { ExternalEntityType, ImportSource } from '../../../db/schema'
import { addDays, daysBetween } from '../../../domain/dates'
import { MAX_ITERATION_DAYS } from '../../../domain/limits'
import type { ServiceContext } from '../../lib/context'
import { AppError, invalid, notFound } from '../../lib/errors'
import { scopeOf, type WriteDeps, write } from '../../lib/write'
import { productRepo } from '../products/repo'
import { scoreOf } from '../requirements/score'
import type { Encoding } from './encoding'
import { importKeelWorkspace, looksLikeKeelExport } from './keel-service'
import {
  type EffectiveMapping,
  type ItemType,
  type MappingInput,
  mappedStatus,
  resolveMapping,
} from './mapping'
import { ImportFailure, type ImportFormat, type ParsedFile, type RowMessage, type SourceItem } from './model'
import { parseFile } from './parse'
import {
  type ExistingRequirement,
  type ExistingTask,
  importRepo,
  type RequirementValues,
  type TaskValues,
} from './repo'

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
const TITLE_MAX = 200

export interface ImportInput {
  bytes: Uint8Array
  fileName: string
  format: ImportFormat | 'auto'
  encoding: Encoding
  /** The product to import into; not used by keel-json, which brings its own products. */
  productId?: number
  dryRun: boolean
  mapping?: MappingInput
}

type KindCount = { created: number; updated: number; unchanged: number }
const KINDS = ['requirement', 'task', 'iteration', 'release', 'module', 'comment'] as const
type Kind = (typeof KINDS)[number]

export interface ImportResult {
  dryRun: boolean
  format: ImportFormat
  encoding: string
  runId: number | null
  counts: {
    created: number
    updated: number
    skipped: number
    requirements: number
    tasks: number
    bugs: number
    iterations: number
    releases: number
    modules: number
    comments: number
    history: number
  }
  byKind: Record<Kind, KindCount>
  mapping: EffectiveMapping
  warnings: RowMessage[]
  errors: RowMessage[]
}

/** An entity id: positive for a row that exists, negative for one the import will create. */
type Ref = number

interface PlannedItem {
  item: SourceItem
  type: Exclude<ItemType, 'skip'>
  entity: 'requirement' | 'task'
  ref: Ref
  existing: ExistingRequirement | ExistingTask | undefined
  /** For tasks: the requirement it hangs off. */
  requirementRef: Ref | null
}

interface Plan {
  modules: { ref: Ref; key: string; name: string; parent: Ref | null; isNew: boolean }[]
  releases: {
    ref: Ref
    key: string
    isNew: boolean
    name: string
    description: string
    targetDate: string
    status: string
    releasedAt: string | null
  }[]
  iterations: {
    ref: Ref
    key: string
    isNew: boolean
    name: string
    goal: string
    startDate: string
    endDate: string
    capacity: number
    status: string
    startedAt: string | null
    closedAt: string | null
  }[]
  items: PlannedItem[]
  moduleOf: Map<string, Ref>
  releaseOf: Map<string, Ref>
  iterationOf: Map<string, Ref>
  assignees: Map<string, number | null>
  existingComments: Map<number, string>
  refs: Map<string, number>
  byKind: Record<Kind, KindCount>
  skipped: number
  warnings: RowMessage[]
  errors: RowMessage[]
}

const refKey = (type: ExternalEntityType, key: string) => `${type}\u0000${key}`
const emptyCounts = () =>
  Object.fromEntries(KINDS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as Record<
    Kind,
    KindCount
  >

/** What an import needs of the app: the command line runs it without the HTTP app around it. */
export type ImportContext = Pick<ServiceContext, 'user' | 'membership'> & { deps: WriteDeps }

/** Parses the file, then previews or applies it. Everything wrong with the file is a 400 naming the row. */
export async function importFile(ctx: ImportContext, input: ImportInput): Promise<ImportResult> {
  if (input.bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new AppError('payload_too_large', 'The file is over 50 MB')
  }
  if (input.format === 'keel-json' || (input.format === 'auto' && looksLikeKeelExport(input.bytes)))
    return importKeelWorkspace(ctx, input)
  if (input.productId === undefined)
    throw invalid('Choose a product: productId is required for this format', { column: 'productId' })
  const product = productRepo.byId(ctx.deps.db, ctx.membership.workspaceId, input.productId)
  const narrowed = ctx.membership.productIds
  if (!product || (narrowed !== null && !narrowed.includes(product.id))) throw notFound('Product')
  let parsed: ParsedFile & { encoding: string }
  try {
    parsed = await parseFile(input.bytes, {
      format: input.format,
      encoding: input.encoding,
      columns: input.mapping?.columns,
    })
  } catch (err) {
    if (err instanceof ImportFailure) throw invalid(err.message, err.details)
    throw err
  }
  const { mapping, warnings: mappingWarnings } = resolveMapping(parsed.items, input.mapping)
  if (parsed.columns) mapping.columns = parsed.columns.mapped
  const client = ctx.deps.db.$client
  const now = ctx.deps.clock.now().toISOString()
  const scope = {
    workspaceId: ctx.membership.workspaceId,
    productId: product.id,
    userId: ctx.user.id,
    canAssign: ctx.membership.permissions.has('task.assign'),
    now,
  }

  const result = (plan: Plan, runId: number | null, history: number): ImportResult => {
    const items = plan.items
    const total = (f: (c: KindCount) => number) => KINDS.reduce((sum, k) => sum + f(plan.byKind[k]), 0)
    return {
      dryRun: input.dryRun,
      format: parsed.format,
      encoding: parsed.encoding,
      runId,
      counts: {
        created: total((c) => c.created),
        updated: total((c) => c.updated),
        skipped: plan.skipped,
        requirements: items.filter((i) => i.entity === 'requirement').length,
        tasks: items.filter((i) => i.entity === 'task' && i.type !== 'bug').length,
        bugs: items.filter((i) => i.type === 'bug').length,
        iterations: plan.iterations.length,
        releases: plan.releases.length,
        modules: plan.modules.length,
        comments: plan.byKind.comment.created + plan.byKind.comment.updated,
        history,
      },
      byKind: plan.byKind,
      mapping,
      warnings: [...parsed.warnings, ...mappingWarnings, ...plan.warnings].sort((a, b) => a.row - b.row),
      errors: plan.errors,
    }
  }

  if (input.dryRun) {
    const plan = buildPlan(client, scope, parsed, mapping)
    return result(
      plan,
      null,
      parsed.items.reduce((n, i) => n + i.history.length, 0),
    )
  }
  // One write(): the records keep the file's own history (its names and dates) in rows written beside
  // them; the run is the importer's change, recorded like any other, with one event for the whole run.
  return write(scopeOf(ctx), (_tx, record) => {
    const plan = buildPlan(client, scope, parsed, mapping)
    if (plan.errors.length) {
      throw invalid(`${plan.errors.length} row(s) cannot be imported; nothing was written`, {
        errors: plan.errors,
      })
    }
    const history = writePlan(client, scope, parsed.source, plan, mapping)
    const preview = result(plan, null, history)
    const runId = importRepo
      .writer(client)
      .run(
        scope.workspaceId,
        scope.productId,
        parsed.format,
        input.fileName.slice(0, 200),
        { ...preview.counts },
        preview.warnings.length,
        scope.userId,
        now,
      )
    // The run's own history row: it also tells open boards (by their ETag) that the product changed.
    record({
      entityType: 'import_run',
      entityId: runId,
      action: 'created',
      productId: scope.productId,
      after: { format: parsed.format, fileName: input.fileName, counts: preview.counts },
    })
    return { ...preview, runId }
  })
}

interface Scope {
  workspaceId: number
  productId: number
  userId: number
  /** Whether the importer may assign tasks (task.assign), as the API requires. */
  canAssign: boolean
  now: string
}

/** Decides, without writing, what each record becomes and whether it creates or updates a row. */
function buildPlan(
  client: Database.Database,
  scope: Scope,
  parsed: ParsedFile,
  mapping: EffectiveMapping,
): Plan {
  const { productId } = scope
  const today = scope.now.slice(0, 10)
  const refs = importRepo.refs(client, productId, parsed.source)
  const byKind = emptyCounts()
  const warnings: RowMessage[] = []
  const errors: RowMessage[] = []
  let placeholder = -1
  const count = (kind: Kind, isNew: boolean) => {
    byKind[kind][isNew ? 'created' : 'updated']++
  }

  // Modules: by reference, else an existing module with the same name under the same parent.
  const existingModules = importRepo.modules(client, productId)
  const moduleIds = new Set(existingModules.map((m) => m.id))
  const moduleOf = new Map<string, Ref>()
  const modules: Plan['modules'] = []
  for (const m of parsed.modules) {
    const parent = m.parentKey ? (moduleOf.get(m.parentKey) ?? null) : null
    let id = refs.get(refKey('module', m.key))
    if (id !== undefined && !moduleIds.has(id)) id = undefined
    if (id === undefined && (parent === null || parent > 0))
      id = existingModules.find((e) => e.name === m.name && e.parentId === parent)?.id
    const ref = id ?? placeholder--
    modules.push({ ref, key: m.key, name: m.name.slice(0, TITLE_MAX), parent, isNew: id === undefined })
    moduleOf.set(m.key, ref)
    count('module', id === undefined)
  }

  // Releases: dates from the file, else the latest due date of their items, else today.
  const existingReleases = importRepo.releases(client, productId)
  const releaseOf = new Map<string, Ref>()
  const releases: Plan['releases'] = []
  for (const r of parsed.releases) {
    let id = refs.get(refKey('release', r.key))
    if (id !== undefined && !existingReleases.some((e) => e.id === id)) id = undefined
    id ??= existingReleases.find((e) => e.name === r.name)?.id
    const ref = id ?? placeholder--
    releaseOf.set(r.key, ref)
    count('release', id === undefined)
    if (id !== undefined) {
      releases.push({
        ref,
        key: r.key,
        isNew: false,
        name: r.name,
        description: '',
        targetDate: '',
        status: '',
        releasedAt: null,
      })
      continue
    }
    const due = parsed.items
      .filter((i) => i.releaseKey === r.key)
      .map((i) => i.dueDate)
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)
    const targetDate = r.date ?? due ?? today
    if (!r.date)
      warnings.push({
        row: r.row,
        column: 'release',
        message: `Release "${r.name}" has no date in the file: its target date is set to ${targetDate}`,
        code: 'releaseNoDate',
        params: { name: r.name, date: targetDate },
      })
    const released = r.released ?? false
    releases.push({
      ref,
      key: r.key,
      isNew: true,
      name: r.name.slice(0, TITLE_MAX),
      description: r.description ?? '',
      targetDate,
      status: released ? 'released' : 'planned',
      releasedAt: released ? `${targetDate}T00:00:00.000Z` : null,
    })
  }

  // Iterations: the sprint's dates, else the span of their items' dates (at least two weeks).
  const existingIterations = importRepo.iterations(client, productId)
  const iterationOf = new Map<string, Ref>()
  const iterations: Plan['iterations'] = []
  for (const s of parsed.sprints) {
    let id = refs.get(refKey('iteration', s.key))
    if (id !== undefined && !existingIterations.some((e) => e.id === id)) id = undefined
    id ??= existingIterations.find((e) => e.name === s.name)?.id
    const ref = id ?? placeholder--
    iterationOf.set(s.key, ref)
    count('iteration', id === undefined)
    const members = parsed.items.filter((i) => i.sprintKey === s.key)
    if (id !== undefined) {
      iterations.push({
        ref,
        key: s.key,
        isNew: false,
        name: s.name,
        goal: '',
        startDate: '',
        endDate: '',
        capacity: 0,
        status: '',
        startedAt: null,
        closedAt: null,
      })
      continue
    }
    let startDate = s.startDate
    let endDate = s.endDate
    if (!startDate || !endDate) {
      const starts = members
        .map((i) => (i.startedAt ?? i.createdAt)?.slice(0, 10))
        .filter((d): d is string => !!d)
        .sort()
      const ends = members
        .flatMap((i) => [i.resolvedAt?.slice(0, 10), i.dueDate])
        .filter((d): d is string => !!d)
        .sort()
      startDate ??= starts[0] ?? today
      endDate ??= ends.at(-1) ?? addDays(startDate, 13)
      if (endDate < startDate) endDate = addDays(startDate, 13)
      warnings.push({
        row: s.row,
        column: 'sprint',
        message: `Iteration "${s.name}" has no dates in the file: set to ${startDate} – ${endDate} from its items`,
        code: 'iterationNoDates',
        params: { name: s.name, start: startDate, end: endDate },
      })
    }
    if (endDate < startDate) endDate = startDate
    if (daysBetween(startDate, endDate) >= MAX_ITERATION_DAYS) {
      const cut = addDays(startDate, MAX_ITERATION_DAYS - 1)
      warnings.push({
        row: s.row,
        column: 'sprint',
        message: `Iteration "${s.name}" spans more than ${MAX_ITERATION_DAYS} days: it ends on ${cut} instead of ${endDate}`,
        code: 'iterationTooLong',
        params: { name: s.name, end: cut, was: endDate, days: MAX_ITERATION_DAYS },
      })
      endDate = cut
    }
    const state = s.state?.toLowerCase()
    const status =
      state === 'closed'
        ? 'closed'
        : state === 'active'
          ? 'active'
          : state === 'future'
            ? 'planned'
            : endDate < today
              ? 'closed'
              : startDate <= today
                ? 'active'
                : 'planned'
    const capacity = members.reduce((sum, i) => sum + (i.estimate ?? 0), 0)
    iterations.push({
      ref,
      key: s.key,
      isNew: true,
      name: s.name.slice(0, TITLE_MAX),
      goal: s.goal ?? '',
      startDate,
      endDate,
      capacity: Math.min(Math.max(capacity, 0), 1000),
      status,
      startedAt: status === 'planned' ? null : `${startDate}T00:00:00.000Z`,
      closedAt: status === 'closed' ? `${endDate}T00:00:00.000Z` : null,
    })
  }

  // Items: what each becomes, and whether it exists from an earlier import.
  const requirements = importRepo.requirements(client, productId)
  const tasks = importRepo.tasks(client, productId)
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
      ref: existing?.id ?? placeholder--,
      existing,
      requirementRef: null,
    }
    items.push(planned)
    byKey.set(item.key, planned)
    if (item.altKey && !byKey.has(item.altKey)) byKey.set(item.altKey, planned)
  }

  // Parents: a task hangs off its parent requirement, or its parent task's requirement, or its epic.
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
  for (const p of items) count(p.entity === 'requirement' ? 'requirement' : 'task', !p.existing)

  // People: assignees are matched to members by name or email; others are named in a warning. Like the
  // API, assigning needs the task.assign permission: without it, items keep the assignee they have.
  const members = importRepo.members(client, scope.workspaceId, productId)
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

  // Comments: by their key from an earlier import, else new.
  const existingComments = importRepo.comments(client, productId)
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

  return {
    modules,
    releases,
    iterations,
    items,
    moduleOf,
    releaseOf,
    iterationOf,
    assignees,
    existingComments,
    refs,
    byKind,
    skipped,
    warnings,
    errors,
  }
}

/** Writes the plan; returns the number of history rows brought over. Runs inside the transaction. */
function writePlan(
  client: Database.Database,
  scope: Scope,
  source: ImportSource,
  plan: Plan,
  mapping: EffectiveMapping,
): number {
  const { workspaceId: ws, productId, now } = scope
  const w = importRepo.writer(client)
  const ids = new Map<Ref, number>()
  const real = (ref: Ref | null | undefined): number | null => {
    if (ref == null) return null
    if (ref > 0) return ref
    const id = ids.get(ref)
    if (id === undefined) throw new Error(`import: ${ref} was not written before it was used`)
    return id
  }
  const remember = (type: ExternalEntityType, key: string, ref: Ref, id: number) => {
    if (ref < 0) ids.set(ref, id)
    if (plan.refs.get(refKey(type, key)) !== id) w.ref(ws, productId, source, type, key, id, now)
  }

  for (const m of plan.modules) {
    const id = m.isNew ? w.module(ws, productId, real(m.parent), m.name, now) : m.ref
    remember('module', m.key, m.ref, id)
  }
  for (const r of plan.releases) {
    const id = r.isNew ? w.release(ws, productId, r, now) : r.ref
    remember('release', r.key, r.ref, id)
  }
  for (const i of plan.iterations) {
    const id = i.isNew ? w.iteration(ws, productId, i, now) : i.ref
    remember('iteration', i.key, i.ref, id)
  }

  let number = importRepo.lastNumber(client, productId)
  let history = 0
  // The file's history is told in the file's words: its people stay names, never linked to an account,
  // whatever member the name or email matches (a file cannot make anyone the author of anything).
  // Without a name, the change is the importer's own.
  const actorOf = (name: string | null) =>
    name ? { actorId: null, actorName: name } : { actorId: scope.userId, actorName: null }
  const writeHistory = (
    p: PlannedItem,
    id: number,
    entity: 'requirement' | 'task',
    initialAfter: Record<string, unknown>,
  ) => {
    const statusChanges = p.item.history.filter((h) => h.field.toLowerCase() === 'status')
    const first = statusChanges[0]
    const created = { ...initialAfter }
    if (first?.from) created.status = mappedStatus(entity, first.from, mapping)
    w.activity(ws, productId, {
      entityType: entity,
      entityId: id,
      action: 'created',
      ...actorOf(p.item.reporter),
      before: null,
      after: created,
      createdAt: p.item.createdAt ?? now,
    })
    for (const h of p.item.history) {
      const isStatus = h.field.toLowerCase() === 'status'
      w.activity(ws, productId, {
        entityType: entity,
        entityId: id,
        action: isStatus ? (entity === 'task' ? 'moved' : 'transitioned') : 'updated',
        ...actorOf(h.author || null),
        before: isStatus
          ? { status: h.from ? mappedStatus(entity, h.from, mapping) : null }
          : { [h.field]: h.from },
        after: isStatus ? { status: h.to ? mappedStatus(entity, h.to, mapping) : null } : { [h.field]: h.to },
        createdAt: h.createdAt,
      })
      history++
    }
  }
  const changesOf = (existing: Record<string, unknown>, values: Record<string, unknown>) => {
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

  // Requirements first: tasks point at them.
  const newRequirements = plan.items.filter((p) => p.entity === 'requirement' && !p.existing)
  const ranks = generateNKeysBetween(
    importRepo.lastRequirementRank(client, productId),
    null,
    newRequirements.length,
  )
  let rankIndex = 0
  for (const p of plan.items) {
    if (p.entity !== 'requirement') continue
    const values = requirementValues(p, plan, mapping, real)
    if (!p.existing) {
      number++
      const criteria = values.acceptanceCriteria ?? []
      const id = w.requirement({
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
      remember('requirement', p.item.key, p.ref, id)
      writeHistory(p, id, 'requirement', { ...values, acceptanceCriteria: criteria, number, key: p.item.key })
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
        w.update('requirements', existing.id, after, now)
        w.activity(ws, productId, {
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
      remember('requirement', p.item.key, p.ref, existing.id)
    }
  }

  // Tasks: new ones (and ones moved to another column) go to the end of their board column.
  const columnRanks = importRepo.taskColumnRanks(client, productId)
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
      number++
      const id = w.task({
        ...values,
        workspaceId: ws,
        productId,
        number,
        rank: nextRank(values.iterationId, values.status),
        createdBy: scope.userId,
        createdAt: p.item.createdAt ?? now,
        updatedAt: p.item.updatedAt ?? now,
      })
      remember('task', p.item.key, p.ref, id)
      writeHistory(p, id, 'task', { ...values, number, key: p.item.key })
    } else {
      const existing = p.existing as ExistingTask
      const patch: Record<string, unknown> = { ...values }
      // An assignee the file names but Keel does not know leaves the current one in place.
      if (p.item.assignee && values.assigneeId === null) delete patch.assigneeId
      const { before, after, changed } = changesOf(existing as unknown as Record<string, unknown>, patch)
      if (changed) {
        if ('status' in after || 'iterationId' in after)
          after.rank = nextRank(values.iterationId, values.status)
        w.update('tasks', existing.id, after, now)
        const { rank: _rank, ...shown } = after
        w.activity(ws, productId, {
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
      remember('task', p.item.key, p.ref, existing.id)
    }
  }
  importRepo.setLastNumber(client, productId, number)

  // Comments keep their authors' names and dates.
  for (const p of plan.items) {
    const entityId = real(p.ref)
    if (entityId === null) continue
    for (const c of p.item.comments) {
      if (!c.body) continue
      const existingId = plan.refs.get(refKey('comment', c.key))
      if (existingId !== undefined && plan.existingComments.has(existingId)) {
        if (plan.existingComments.get(existingId) !== c.body) w.updateComment(existingId, c.body, now)
        else countUnchanged(plan, 'comment')
        continue
      }
      const id = w.comment(
        ws,
        productId,
        p.entity,
        entityId,
        c.author || null,
        c.body,
        c.createdAt ?? now,
        c.createdAt ?? now,
      )
      w.ref(ws, productId, source, 'comment', c.key, id, now)
    }
  }
  return history
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
    status: mapping.requirementStatus[item.status] ?? 'draft',
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
  const status = mapping.taskStatus[item.status] ?? 'todo'
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

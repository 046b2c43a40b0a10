// Plans the product's structure for a file import (see plan.ts): its modules, releases and iterations,
// each found from an earlier import (by its source key) or by name, else new with dates from the file or
// from its items.
import { addDays, daysBetween } from '../../../domain/dates'
import { MAX_ITERATION_DAYS } from '../../../domain/limits'
import type { ParsedFile, SourceItem } from './model'
import { type Plan, type Planning, type Ref, refKey, TITLE_MAX } from './plan-model'
import { importRepo } from './repo'

/** Modules: by reference, else an existing module with the same name under the same parent. */
export async function planModules(planning: Planning): Promise<Pick<Plan, 'modules' | 'moduleOf'>> {
  const { db, scope, parsed, refs, placeholder, count } = planning
  const existingModules = await importRepo.modules(db, scope.productId)
  const moduleIds = new Set(existingModules.map((m) => m.id))
  const moduleOf = new Map<string, Ref>()
  const modules: Plan['modules'] = []
  for (const m of parsed.modules) {
    const parent = m.parentKey ? (moduleOf.get(m.parentKey) ?? null) : null
    let id = refs.get(refKey('module', m.key))
    if (id !== undefined && !moduleIds.has(id)) id = undefined
    if (id === undefined && (parent === null || parent > 0))
      id = existingModules.find((e) => e.name === m.name && e.parentId === parent)?.id
    const ref = id ?? placeholder()
    modules.push({ ref, key: m.key, name: m.name.slice(0, TITLE_MAX), parent, isNew: id === undefined })
    moduleOf.set(m.key, ref)
    count('module', id === undefined)
  }
  return { modules, moduleOf }
}

/** Releases: dates from the file, else the latest due date of their items, else today. */
export async function planReleases(planning: Planning): Promise<Pick<Plan, 'releases' | 'releaseOf'>> {
  const { db, scope, parsed, today, refs, warnings, placeholder, count } = planning
  const existingReleases = await importRepo.releases(db, scope.productId)
  const releaseOf = new Map<string, Ref>()
  const releases: Plan['releases'] = []
  for (const r of parsed.releases) {
    let id = refs.get(refKey('release', r.key))
    if (id !== undefined && !existingReleases.some((e) => e.id === id)) id = undefined
    id ??= existingReleases.find((e) => e.name === r.name)?.id
    const ref = id ?? placeholder()
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
  return { releases, releaseOf }
}

/** Iterations: by reference, else an existing iteration with the same name, else new (see newIteration). */
export async function planIterations(planning: Planning): Promise<Pick<Plan, 'iterations' | 'iterationOf'>> {
  const { db, scope, parsed, refs, placeholder, count } = planning
  const existingIterations = await importRepo.iterations(db, scope.productId)
  const iterationOf = new Map<string, Ref>()
  const iterations: Plan['iterations'] = []
  for (const s of parsed.sprints) {
    let id = refs.get(refKey('iteration', s.key))
    if (id !== undefined && !existingIterations.some((e) => e.id === id)) id = undefined
    id ??= existingIterations.find((e) => e.name === s.name)?.id
    const ref = id ?? placeholder()
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
    iterations.push(newIteration(planning, s, ref, members))
  }
  oneActive(
    planning,
    iterations,
    existingIterations.some((e) => e.status === 'active'),
  )
  return { iterations, iterationOf }
}

/**
 * At most one active iteration per product, as the API enforces (a Jira file with three open sprints
 * would otherwise make three). The product's own active iteration stays; else the new one running today
 * (or the latest to start) is active, and the others are planned, or closed when already over, each with
 * a warning.
 */
function oneActive(planning: Planning, iterations: Plan['iterations'], productHasActive: boolean) {
  const { today, warnings, parsed } = planning
  const active = iterations.filter((i) => i.isNew && i.status === 'active')
  const keep = productHasActive
    ? undefined
    : (active.find((i) => i.startDate <= today && today <= i.endDate) ??
      [...active].sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0])
  for (const iteration of active) {
    if (iteration === keep) continue
    iteration.status = iteration.endDate < today ? 'closed' : 'planned'
    iteration.startedAt = iteration.status === 'planned' ? null : iteration.startedAt
    iteration.closedAt = iteration.status === 'closed' ? `${iteration.endDate}T00:00:00.000Z` : null
    warnings.push({
      row: parsed.sprints.find((s) => s.key === iteration.key)?.row ?? 0,
      column: 'sprint',
      message: `Iteration "${iteration.name}" is imported as ${iteration.status}: a product has one active iteration at a time`,
      code: 'iterationNotActive',
      params: { name: iteration.name, status: iteration.status },
    })
  }
}

/** A new iteration: the sprint's dates, else the span of their items' dates (at least two weeks). */
function newIteration(
  { today, warnings }: Planning,
  s: ParsedFile['sprints'][number],
  ref: Ref,
  members: SourceItem[],
): Plan['iterations'][number] {
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
  return {
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
  }
}

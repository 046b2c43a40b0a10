// Follow-up reports for a product: burndown and flow, velocity, forecasts, risks, demand, the weekly report.
import { addDays, DAY_MS, parseIsoWeek, weeksIn } from '../../../domain/dates'
import { DATE_WINDOW } from '../../../domain/limits'
import { OPEN_REQUIREMENT_STATUSES } from '../../../domain/workflow'
import type { ServiceContext } from '../../lib/context'
import { invalid } from '../../lib/errors'
import { iterationRepo } from '../iterations/repo'
import { iterationOrThrow } from '../iterations/service'
import { getProduct } from '../products/service'
import { releaseRepo } from '../releases/repo'
import { contractFactor, IMPORTANCE_WEIGHT } from '../requirements/score'
import { visibleAsks } from './asks'
import { forecastRelease, iterationPace, throughputSamples } from './forecast'
import { iterationDays } from './history'
import { reportRepo } from './repo'

const today = (ctx: ServiceContext) => ctx.deps.clock.now().toISOString().slice(0, 10)

export async function burndown(ctx: ServiceContext, iterationId: number) {
  const iteration = await iterationOrThrow(ctx, iterationId)
  const events = await reportRepo.iterationTaskHistory(ctx.deps.db, iteration.productId, iteration.id)
  const days = iterationDays(events, iteration, today(ctx))
  return {
    iterationId,
    startDate: iteration.startDate,
    endDate: iteration.endDate,
    days: days.map(({ counts: _counts, ...d }) => d),
  }
}

export async function flow(ctx: ServiceContext, iterationId: number) {
  const iteration = await iterationOrThrow(ctx, iterationId)
  const events = await reportRepo.iterationTaskHistory(ctx.deps.db, iteration.productId, iteration.id)
  return {
    iterationId,
    days: iterationDays(events, iteration, today(ctx))
      .filter((d) => d.counts !== null)
      .map((d) => ({ date: d.date, ...d.counts! })),
  }
}

/** Committed (scope on the first day) vs completed (done at the end, or today) per started iteration. */
export async function velocity(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  const now = today(ctx)
  const started = (await reportRepo.iterationsOf(ctx.deps.db, productId)).filter(
    (i) => i.status !== 'planned' && i.startDate <= now,
  )
  return {
    iterations: await Promise.all(
      started.map(async (it) => {
        const days = iterationDays(
          await reportRepo.iterationTaskHistory(ctx.deps.db, productId, it.id),
          it,
          now,
        ).filter((d) => d.scope !== null)
        return {
          id: it.id,
          name: it.name,
          status: it.status,
          startDate: it.startDate,
          endDate: it.endDate,
          committed: days[0]?.scope ?? 0,
          completed: days.at(-1)?.done ?? 0,
        }
      }),
    ),
  }
}

const THROUGHPUT_WINDOW_DAYS = 28
const NO_INDUSTRY = '—'

export async function forecast(ctx: ServiceContext, productId: number, seed: number) {
  await getProduct(ctx, productId)
  const { db } = ctx.deps
  const now = today(ctx)
  const active = (await reportRepo.iterationsOf(db, productId)).find((i) => i.status === 'active')
  let iteration = null
  if (active) {
    const days = iterationDays(
      await reportRepo.iterationTaskHistory(db, productId, active.id),
      active,
      now,
    ).filter((d) => d.scope !== null)
    const last = days.at(-1)
    iteration = {
      id: active.id,
      name: active.name,
      endDate: active.endDate,
      ...iterationPace(active, now, last?.done ?? 0, last?.remaining ?? 0),
    }
  }
  const from = addDays(now, -THROUGHPUT_WINDOW_DAYS)
  const samples = throughputSamples(
    await reportRepo.dailyThroughput(db, productId, `${from}T00:00:00.000Z`),
    from,
    addDays(now, -1),
  )
  const releases = await Promise.all(
    (await releaseRepo.list(db, productId))
      .filter((r) => r.status === 'planned')
      .map(async (r) => {
        const remaining = (await reportRepo.releaseWork(db, r.id)).reduce(
          (sum, x) => sum + (x.estimate ?? 1),
          0,
        )
        return {
          id: r.id,
          name: r.name,
          targetDate: r.targetDate,
          ...forecastRelease(remaining, samples, now, r.targetDate, seed),
        }
      }),
  )
  return { today: now, seed, throughputWindowDays: THROUGHPUT_WINDOW_DAYS, iteration, releases }
}

const later = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? (b ?? null) : !b ? a : a > b ? a : b

/** What decides when a requirement ships. */
export interface Shippable {
  iterationId: number | null
  releaseId: number | null
  targetDate: string | null
}

/**
 * When the requirements of a product are expected to ship: the one answer the customer page and the risks
 * panel both give. The later of its iteration's end (the projected end, when the active iteration is
 * forecast to overrun) and its release's date (the day it was released, else the later of its target and
 * the 85 % forecast); its own target date when it is in neither; null when nothing says.
 */
export async function shipDates(ctx: ServiceContext, productId: number, seed = 42) {
  const { db } = ctx.deps
  const forecastNow = await forecast(ctx, productId, seed)
  const iterations = await reportRepo.iterationsOf(db, productId)
  const iterationEnd = new Map(iterations.map((i) => [i.id, i.endDate]))
  const projected = forecastNow.iteration?.projectedEnd
  if (forecastNow.iteration && projected && projected > forecastNow.iteration.endDate)
    iterationEnd.set(forecastNow.iteration.id, projected)
  const releaseOfIteration = new Map(iterations.map((i) => [i.id, i.releaseId]))
  const p85 = new Map(forecastNow.releases.map((r) => [r.id, r.p85]))
  const releaseDate = new Map(
    (await releaseRepo.list(db, productId)).map((r) => [
      r.id,
      r.status === 'released' && r.releasedAt
        ? r.releasedAt.slice(0, 10)
        : later(r.targetDate, p85.get(r.id)),
    ]),
  )
  return (requirement: Shippable): string | null => {
    const ends = requirement.iterationId !== null ? iterationEnd.get(requirement.iterationId) : undefined
    const releaseId =
      requirement.releaseId ??
      (requirement.iterationId !== null ? (releaseOfIteration.get(requirement.iterationId) ?? null) : null)
    const released = releaseId !== null ? releaseDate.get(releaseId) : undefined
    if (ends === undefined && released === undefined) return requirement.targetDate
    return later(ends, released)
  }
}

const daysSince = (iso: string, now: string) =>
  Math.max(0, Math.floor((Date.parse(`${now}T23:59:59Z`) - Date.parse(iso)) / DAY_MS))

export async function risks(ctx: ServiceContext, productId: number, seed = 42) {
  await getProduct(ctx, productId)
  const { db } = ctx.deps
  const now = today(ctx)
  const open = await reportRepo.openTasks(db, productId)
  const blockedTasks = open.filter((t) => t.status === 'blocked')
  const since = new Map(
    (
      await reportRepo.blockedSince(
        db,
        blockedTasks.map((t) => t.id),
      )
    ).map((b) => [b.id, b.since]),
  )
  const iterations = (await reportRepo.iterationsOf(db, productId)).filter((i) => i.status !== 'closed')
  const loads = await iterationRepo.loads(
    db,
    iterations.map((i) => i.id),
  )
  const asks = await visibleAsks(ctx, productId)
  const shipsOn = await shipDates(ctx, productId, seed)
  const openStatuses = new Set<string>(OPEN_REQUIREMENT_STATUSES)

  const scopeAdded = (
    await Promise.all(
      iterations
        .filter((i) => i.status === 'active')
        .map(async (i) => {
          const days = iterationDays(await reportRepo.iterationTaskHistory(db, productId, i.id), i, now)
          const added = days.slice(1).reduce((sum, d) => sum + Math.max(0, d.scopeChange), 0)
          return added > 0 ? [{ iterationId: i.id, name: i.name, pointsAdded: added }] : []
        }),
    )
  ).flat()

  return {
    blocked: blockedTasks
      .map((t) => ({
        ...t,
        blockedSince: since.get(t.id) ?? t.updatedAt,
        ageDays: daysSince(since.get(t.id) ?? t.updatedAt, now),
      }))
      .sort((a, b) => b.ageDays - a.ageDays),
    overdue: open
      .filter((t) => t.dueDate !== null && t.dueDate < now)
      .sort((a, b) => (a.dueDate! < b.dueDate! ? -1 : 1)),
    stabilityBudget: iterations.flatMap((i) => {
      const l = loads.find((x) => x.iterationId === i.id)
      const featureLoad = (l?.requirementPoints ?? 0) + (l?.standalonePoints ?? 0)
      const featureCapacity = (i.capacity * (100 - i.stabilityBudgetPercent)) / 100
      return featureLoad > featureCapacity
        ? [{ iterationId: i.id, name: i.name, featureLoad, featureCapacity }]
        : []
    }),
    stabilityTasks: open.filter(
      (t) => t.kind === 'stability' && (t.risk === 'high' || t.risk === 'critical'),
    ),
    unplannedCriticalAsks: asks.filter(
      (a) =>
        a.importance === 'critical' &&
        a.requirement.iterationId === null &&
        openStatuses.has(a.requirement.status),
    ),
    scopeAdded,
    promisesAtRisk: asks.flatMap((a) => {
      if (!a.promisedDate || !openStatuses.has(a.requirement.status)) return []
      const forecastDate = shipsOn(a.requirement)
      // Not planned anywhere yet: at risk once the promise is within two weeks.
      const atRisk =
        forecastDate === null ? a.promisedDate <= addDays(now, 14) : a.promisedDate < forecastDate
      return atRisk ? [{ ...a, forecastDate }] : []
    }),
  }
}

/** Requirements and modules ranked by customer demand, with a per-industry breakdown. */
export async function demand(ctx: ServiceContext, productId: number) {
  await getProduct(ctx, productId)
  const asks = await visibleAsks(ctx, productId)
  const weight = (a: (typeof asks)[number]) =>
    IMPORTANCE_WEIGHT[a.importance] * contractFactor(a.customer.contractValue)
  const byRequirement = new Map<
    number,
    {
      requirement: (typeof asks)[number]['requirement']
      customers: Set<number>
      weight: number
      contractValue: number
      critical: number
      industries: Set<string>
    }
  >()
  const byModule = new Map<
    number | null,
    { customers: Set<number>; weight: number; contractValue: number; requirements: Set<number> }
  >()
  const byIndustry = new Map<
    string,
    { customers: Set<number>; asks: number; contractValue: number; weight: number }
  >()
  for (const a of asks) {
    const r = byRequirement.get(a.requirement.id) ?? {
      requirement: a.requirement,
      customers: new Set(),
      weight: 0,
      contractValue: 0,
      critical: 0,
      industries: new Set(),
    }
    r.customers.add(a.customer.id)
    r.weight += weight(a)
    r.contractValue += a.customer.contractValue
    if (a.importance === 'critical') r.critical++
    r.industries.add(a.customer.industry || NO_INDUSTRY)
    byRequirement.set(a.requirement.id, r)
    const m = byModule.get(a.requirement.moduleId) ?? {
      customers: new Set(),
      weight: 0,
      contractValue: 0,
      requirements: new Set(),
    }
    m.customers.add(a.customer.id)
    m.weight += weight(a)
    if (!m.requirements.has(a.requirement.id) || !m.customers.has(a.customer.id))
      m.contractValue += a.customer.contractValue
    m.requirements.add(a.requirement.id)
    byModule.set(a.requirement.moduleId, m)
    const industry = a.customer.industry || NO_INDUSTRY
    const i = byIndustry.get(industry) ?? { customers: new Set(), asks: 0, contractValue: 0, weight: 0 }
    if (!i.customers.has(a.customer.id)) i.contractValue += a.customer.contractValue
    i.customers.add(a.customer.id)
    i.asks++
    i.weight += weight(a)
    byIndustry.set(industry, i)
  }
  const round = (n: number) => Math.round(n * 100) / 100
  return {
    requirements: [...byRequirement.values()]
      .map((r) => ({
        ...r.requirement,
        customerCount: r.customers.size,
        criticalCount: r.critical,
        contractValue: r.contractValue,
        weight: round(r.weight),
        industries: [...r.industries].sort(),
      }))
      .sort(
        (a, b) =>
          b.customerCount - a.customerCount || b.weight - a.weight || b.contractValue - a.contractValue,
      ),
    modules: [...byModule.entries()]
      .map(([moduleId, m]) => ({
        moduleId,
        customerCount: m.customers.size,
        requirementCount: m.requirements.size,
        weight: round(m.weight),
      }))
      .sort((a, b) => b.customerCount - a.customerCount || b.weight - a.weight),
    industries: [...byIndustry.entries()]
      .map(([industry, i]) => ({
        industry,
        customerCount: i.customers.size,
        askCount: i.asks,
        contractValue: i.contractValue,
        weight: round(i.weight),
      }))
      .sort((a, b) => b.weight - a.weight),
  }
}

/** Parses `2026-W48` into the Monday of that ISO week and the Monday after (UTC dates). */
export function isoWeek(week: string): { start: string; end: string } {
  const match = /^(\d{4})-W(\d{2})$/.exec(week)
  if (!match) throw invalid('A week looks like 2026-W48', { week })
  const year = Number(match[1])
  const [first, last] = [DATE_WINDOW.min, DATE_WINDOW.max].map((d) => Number(d.slice(0, 4)))
  if (year < first! || year > last!) throw invalid(`Weeks lie in the years ${first} to ${last}`, { week })
  const parsed = parseIsoWeek(week)
  if (!parsed) throw invalid(`${year} has weeks 1 to ${weeksIn(year)}`, { week })
  return { start: parsed.start, end: parsed.end }
}

// What a customer asked for, read the way a PM answers the customer: what is waiting, what is planned and
// when it ships, what was delivered — and which promises the schedule no longer keeps. Pure, for tests.

import { type AskGroup, askGroupOf } from '../../../../domain/asks'
import type { RoadmapIteration, RoadmapRelease } from '../roadmap/queries'
import type { CustomerAsk } from './queries'

export { ASK_GROUPS, type AskGroup } from '../../../../domain/asks'

/** Iterations and releases of the products the asks are in, by id. */
export interface Schedule {
  iterations: ReadonlyMap<number, RoadmapIteration>
  releases: ReadonlyMap<number, RoadmapRelease>
}

/**
 * - `late`: the promised date is before the iteration's end or the release date;
 * - `unscheduled`: something was promised but nothing is scheduled;
 * - `passed`: the promised date is gone and it is not delivered;
 * - `deliveredLate`: delivered after the promised date;
 * - `ok`: scheduled to ship by the promised date.
 */
export type PromiseState = 'late' | 'unscheduled' | 'passed' | 'deliveredLate' | 'ok'

export interface AskView {
  ask: CustomerAsk
  group: AskGroup
  iteration?: RoadmapIteration
  release?: RoadmapRelease
  /** When it ships (or shipped), as the server forecasts it: see reports' shipDates. */
  ships?: string
  promise?: PromiseState
}

const IMPORTANCE_ORDER: Record<string, number> = { critical: 0, important: 1, nice: 2 }

export { askGroupOf as groupOf }

export function viewOf(ask: CustomerAsk, schedule: Schedule | undefined, today: string): AskView {
  const requirement = ask.requirement
  const group = askGroupOf(requirement)
  const iteration =
    requirement.iterationId !== null ? schedule?.iterations.get(requirement.iterationId) : undefined
  const releaseId = requirement.releaseId ?? iteration?.releaseId ?? null
  const release = releaseId !== null ? schedule?.releases.get(releaseId) : undefined
  // When it ships is the server's answer, the same date the risks panel weighs promises against.
  const ships = ask.ships ?? undefined
  const promised = ask.promisedDate ?? undefined
  let promise: PromiseState | undefined
  if (promised) {
    if (group === 'delivered') promise = ships && ships > promised ? 'deliveredLate' : 'ok'
    else if (group === 'declined') promise = undefined
    else if (ships) promise = ships > promised ? 'late' : promised < today ? 'passed' : 'ok'
    else promise = promised < today ? 'passed' : 'unscheduled'
  }
  return { ask, group, iteration, release, ships, promise }
}

const byImportance = (a: AskView, b: AskView) =>
  (IMPORTANCE_ORDER[a.ask.importance] ?? 9) - (IMPORTANCE_ORDER[b.ask.importance] ?? 9)

/** The asks in their groups: planned by ship date, waiting by importance, delivered newest first. */
export function groupAsks(
  asks: readonly CustomerAsk[],
  scheduleOf: (productId: number) => Schedule | undefined,
  today: string,
): Record<AskGroup, AskView[]> {
  const groups: Record<AskGroup, AskView[]> = { waiting: [], planned: [], delivered: [], declined: [] }
  for (const ask of asks) {
    const view = viewOf(ask, scheduleOf(ask.requirement.productId), today)
    groups[view.group].push(view)
  }
  groups.planned.sort((a, b) => (a.ships ?? '9999').localeCompare(b.ships ?? '9999') || byImportance(a, b))
  groups.waiting.sort((a, b) => byImportance(a, b) || a.ask.askedOn.localeCompare(b.ask.askedOn))
  groups.delivered.sort((a, b) => (b.ships ?? '').localeCompare(a.ships ?? ''))
  return groups
}

/** Asks whose promise the schedule does not keep (late, unscheduled or passed). */
export const atRisk = (views: readonly AskView[]) =>
  views.filter((v) => v.promise === 'late' || v.promise === 'unscheduled' || v.promise === 'passed')

export function scheduleFrom(roadmap: {
  iterations: RoadmapIteration[]
  releases: RoadmapRelease[]
}): Schedule {
  return {
    iterations: new Map(roadmap.iterations.map((i) => [i.id, i])),
    releases: new Map(roadmap.releases.map((r) => [r.id, r])),
  }
}

// What an auto-plan proposal changes, per iteration, compared with where requirements are now: which
// come in, which stay, which leave, and what does not fit and why. Pure, for the preview dialog and tests.
import type { PlanAnswer } from './queries'

export interface IterationChange {
  id: number
  name: string
  load: number
  capacity: number
  featureCapacity: number
  added: number[]
  kept: number[]
  removed: number[]
}

export interface PlanSummary {
  iterations: IterationChange[]
  notFitting: { id: number; key: string; reason: 'unestimated' | 'capacity' }[]
  /** How many requirements would move (into, out of or between iterations). */
  moves: number
}

/** `current` maps a requirement id to its iteration now (null: unplanned). */
export function summarizePlan(answer: PlanAnswer, current: ReadonlyMap<number, number | null>): PlanSummary {
  const proposed = new Map<number, number | null>()
  for (const it of answer.iterations) for (const id of it.requirementIds) proposed.set(id, it.id)
  for (const id of answer.unplanned) proposed.set(id, null)

  const iterations = answer.iterations.map((it) => {
    const added = it.requirementIds.filter((id) => current.get(id) !== it.id)
    const kept = it.requirementIds.filter((id) => current.get(id) === it.id)
    // Only requirements the planner considered can leave; pinned or started work stays put.
    const removed = [...proposed.entries()]
      .filter(([id, to]) => to !== it.id && current.get(id) === it.id)
      .map(([id]) => id)
    return {
      id: it.id,
      name: it.name,
      load: it.load,
      capacity: it.capacity,
      featureCapacity: it.featureCapacity,
      added,
      kept,
      removed,
    }
  })
  const moves = [...proposed.entries()].filter(([id, to]) => (current.get(id) ?? null) !== to).length
  return { iterations, notFitting: answer.unplannedDetails, moves }
}

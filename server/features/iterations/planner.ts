// The planner: fills iterations, in start order, with the ranked backlog up to each iteration's
// feature capacity (capacity minus its stability budget). Pure: no database, so it can be tested
// with generated inputs.

export interface PlanIteration {
  id: number
  capacity: number
  stabilityBudgetPercent: number
  /** Feature points already committed that the planner must not move (pinned or in-progress work). */
  fixedLoad: number
}

export interface PlanCandidate {
  id: number
  /** Requirements in backlog rank order. */
  estimate: number | null
}

export type UnplannedReason = 'unestimated' | 'capacity'

export interface PlanResult {
  iterations: { id: number; requirementIds: number[]; load: number; featureCapacity: number }[]
  unplanned: { id: number; reason: UnplannedReason }[]
}

export const featureCapacity = (it: Pick<PlanIteration, 'capacity' | 'stabilityBudgetPercent'>) =>
  (it.capacity * (100 - it.stabilityBudgetPercent)) / 100

/**
 * Greedy in rank order with a cursor that only moves forward: once a requirement does not fit in an
 * iteration, nothing ranked lower is put into that iteration or an earlier one. So a lower-ranked
 * requirement is never planned before a higher-ranked one; some capacity may stay free as the price.
 * Unestimated requirements cannot be weighed and are left out with their reason.
 */
export function plan(iterations: readonly PlanIteration[], candidates: readonly PlanCandidate[]): PlanResult {
  const result: PlanResult = {
    iterations: iterations.map((it) => ({
      id: it.id,
      requirementIds: [],
      load: it.fixedLoad,
      featureCapacity: featureCapacity(it),
    })),
    unplanned: [],
  }
  let cursor = 0
  for (const candidate of candidates) {
    if (candidate.estimate === null) {
      result.unplanned.push({ id: candidate.id, reason: 'unestimated' })
      continue
    }
    const estimate = candidate.estimate
    const fits = (i: number) => {
      const slot = result.iterations[i]
      return slot !== undefined && slot.load + estimate <= slot.featureCapacity + 1e-9
    }
    let at = cursor
    while (at < result.iterations.length && !fits(at)) at++
    const slot = result.iterations[at]
    if (!slot) {
      result.unplanned.push({ id: candidate.id, reason: 'capacity' })
      continue
    }
    slot.requirementIds.push(candidate.id)
    slot.load += estimate
    cursor = at
  }
  return result
}

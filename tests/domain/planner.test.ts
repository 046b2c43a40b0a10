// Property tests of the pure planner: generated iterations and ranked candidates, and the promises the
// plan makes — capacity minus the stability budget, rank order, unestimated work left out, nothing lost.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type PlanCandidate,
  type PlanIteration,
  type PlanResult,
  plan,
} from '../../server/features/iterations/planner'

const EPS = 1e-9

const iterationArb = fc.record({
  capacity: fc.integer({ min: 0, max: 100 }),
  stabilityBudgetPercent: fc.integer({ min: 0, max: 100 }),
  // Mostly small, sometimes beyond the feature capacity (pinned work that already overflows).
  fixedLoad: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 120 })),
})

const candidateArb = fc.record({
  estimate: fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 6, arbitrary: fc.integer({ min: 0, max: 40 }) },
    { weight: 1, arbitrary: fc.double({ min: 0, max: 40, noNaN: true }) },
  ),
})

/** Iterations in start order and candidates in rank order, with unique ids. */
const inputArb = fc
  .tuple(fc.array(iterationArb, { maxLength: 6 }), fc.array(candidateArb, { maxLength: 40 }))
  .map(([its, cands]) => ({
    iterations: its.map((it, i): PlanIteration => ({ id: 100 + i, ...it })),
    candidates: cands.map((c, i): PlanCandidate => ({ id: 1000 + i, ...c })),
  }))

const featureCap = (it: PlanIteration) => it.capacity * (1 - it.stabilityBudgetPercent / 100)

/** Where each candidate went: the index of its iteration, or undefined when unplanned. */
function placement(result: PlanResult) {
  const at = new Map<number, number>()
  result.iterations.forEach((it, i) => {
    for (const id of it.requirementIds) at.set(id, i)
  })
  return at
}

const runs = { numRuns: 500 }

describe('the planner (property tests)', () => {
  it('answers every iteration, in the order given, with its feature capacity', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const result = plan(iterations, candidates)
        expect(result.iterations.map((r) => r.id)).toEqual(iterations.map((it) => it.id))
        result.iterations.forEach((r, i) => {
          expect(r.featureCapacity).toBeCloseTo(featureCap(iterations[i]!), 9)
        })
      }),
      runs,
    )
  })

  it('never fills an iteration beyond capacity × (1 − stability budget), fixed load included', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const result = plan(iterations, candidates)
        const estimate = new Map(candidates.map((c) => [c.id, c.estimate ?? 0]))
        result.iterations.forEach((r, i) => {
          const it = iterations[i]!
          const planned = r.requirementIds.reduce((sum, id) => sum + estimate.get(id)!, 0)
          // The answered load is the fixed load plus what was planned in.
          expect(r.load).toBeCloseTo(it.fixedLoad + planned, 6)
          if (it.fixedLoad <= featureCap(it) + EPS) {
            expect(it.fixedLoad + planned).toBeLessThanOrEqual(featureCap(it) + 1e-6)
          } else {
            // Already over by fixed work: nothing that adds points may go in.
            expect(r.requirementIds.filter((id) => estimate.get(id)! > 0)).toEqual([])
          }
        })
      }),
      runs,
    )
  })

  it('never plans a lower-ranked candidate in an earlier iteration than a higher-ranked planned one', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const at = placement(plan(iterations, candidates))
        let latest = -1
        for (const c of candidates) {
          const i = at.get(c.id)
          if (i === undefined) continue
          expect(i, `candidate ${c.id}`).toBeGreaterThanOrEqual(latest)
          latest = i
        }
      }),
      runs,
    )
  })

  it('leaves every unestimated candidate unplanned with the reason "unestimated", and only those', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const result = plan(iterations, candidates)
        const planned = placement(result)
        const reasons = new Map(result.unplanned.map((u) => [u.id, u.reason]))
        for (const c of candidates) {
          if (c.estimate === null) {
            expect(planned.has(c.id)).toBe(false)
            expect(reasons.get(c.id)).toBe('unestimated')
          } else {
            expect(reasons.get(c.id)).not.toBe('unestimated')
          }
        }
      }),
      runs,
    )
  })

  it('answers every candidate exactly once, planned or unplanned, and nothing else', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const result = plan(iterations, candidates)
        const answered = [
          ...result.iterations.flatMap((r) => r.requirementIds),
          ...result.unplanned.map((u) => u.id),
        ]
        expect([...answered].sort((a, b) => a - b)).toEqual(candidates.map((c) => c.id))
        // Within an iteration, planned requirements keep backlog order.
        const rank = new Map(candidates.map((c, i) => [c.id, i]))
        for (const r of result.iterations) {
          const ranks = r.requirementIds.map((id) => rank.get(id)!)
          expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
        }
      }),
      runs,
    )
  })

  it('leaves a candidate out for capacity only when it fits in no iteration it may still go to', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        const result = plan(iterations, candidates)
        const at = placement(result)
        const reasons = new Map(result.unplanned.map((u) => [u.id, u.reason]))
        let latest = 0
        for (const c of candidates) {
          const i = at.get(c.id)
          if (i !== undefined) {
            latest = i
            continue
          }
          if (reasons.get(c.id) !== 'capacity') continue
          // Loads only grow, so if it did not fit then, it does not fit in the final loads either.
          for (let j = latest; j < iterations.length; j++) {
            const slot = result.iterations[j]!
            expect(slot.load + c.estimate!, `candidate ${c.id} in iteration ${j}`).toBeGreaterThan(
              slot.featureCapacity + EPS,
            )
          }
        }
      }),
      runs,
    )
  })

  it('is deterministic: the same input gives the same plan', () => {
    fc.assert(
      fc.property(inputArb, ({ iterations, candidates }) => {
        expect(plan(iterations, candidates)).toEqual(plan(iterations, candidates))
      }),
      { numRuns: 100 },
    )
  })

  it('fills in rank order: a worked example', () => {
    const iterations: PlanIteration[] = [
      { id: 1, capacity: 10, stabilityBudgetPercent: 20, fixedLoad: 0 },
      { id: 2, capacity: 10, stabilityBudgetPercent: 50, fixedLoad: 2 },
    ]
    const candidates: PlanCandidate[] = [
      { id: 11, estimate: 5 },
      { id: 12, estimate: null },
      { id: 13, estimate: 3 },
      { id: 14, estimate: 3 },
      { id: 15, estimate: 1 },
      { id: 16, estimate: 9 },
    ]
    const result = plan(iterations, candidates)
    expect(result.iterations).toEqual([
      { id: 1, requirementIds: [11, 13], load: 8, featureCapacity: 8 },
      { id: 2, requirementIds: [14], load: 5, featureCapacity: 5 },
    ])
    // 15 (1 point) would fit in iteration 1, but 14 (ranked higher) is already in iteration 2.
    expect(result.unplanned).toEqual([
      { id: 12, reason: 'unestimated' },
      { id: 15, reason: 'capacity' },
      { id: 16, reason: 'capacity' },
    ])
  })
})

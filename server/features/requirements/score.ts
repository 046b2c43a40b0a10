// The requirement score: how much value per point of effort, weighted by who asked and how badly.
import type { CustomerTier } from '../../../db/schema'

export const IMPORTANCE_WEIGHT = { nice: 1, important: 2, critical: 4 } as const
export const TIER_WEIGHT: Record<CustomerTier, number> = { standard: 1, key: 2, strategic: 3 }

export interface AskInput {
  importance: keyof typeof IMPORTANCE_WEIGHT
  tier: CustomerTier
  contractValue: number
}

/** Contract value counts on a log scale so one huge account does not drown everyone else: 0 → 1, 10k → 1.3, 100k → 2.0, 1M → 3.0. */
export const contractFactor = (contractValue: number) =>
  1 + Math.log10(1 + Math.max(0, contractValue) / 10_000)

/** demand = Σ over asks of importance × tier × contract factor. */
export function demandOf(asks: readonly AskInput[]): number {
  return asks.reduce(
    (sum, a) => sum + IMPORTANCE_WEIGHT[a.importance] * TIER_WEIGHT[a.tier] * contractFactor(a.contractValue),
    0,
  )
}

/**
 * score = value × (1 + demand) ÷ max(effort, 1), effort falling back to the estimate; two decimals. An
 * unestimated requirement (neither) has no score: dividing by an assumed 1 would put the least understood
 * work at the top of every sort.
 */
export function scoreOf(
  value: number,
  effort: number | null,
  estimate: number | null,
  demand: number,
): number | null {
  const cost = effort ?? estimate
  if (cost === null) return null
  return Math.round(((value * (1 + demand)) / Math.max(cost, 1)) * 100) / 100
}

export const SCORE_FORMULA =
  'score = value × (1 + demand) ÷ max(effort (or estimate), 1); null while neither is set (unestimated), where demand = Σ over customer asks of ' +
  'importance (nice 1, important 2, critical 4) × tier (standard 1, key 2, strategic 3) × ' +
  '(1 + log10(1 + contract value ÷ 10,000)).'

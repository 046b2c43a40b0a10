// The capacity bar of an iteration as geometry: which share of the bar each kind of load takes.
// Feature work fills capacity minus the stability budget; beyond that it eats the budget; stability tasks
// use the reserve; anything beyond capacity is over. Pure, so the drawing is tested without a browser.

export interface IterationLoad {
  capacity: number
  featureLoad: number
  featureCapacity: number
  stabilityReserved: number
  stabilityUsed: number
}

export type SegmentKind = 'feature' | 'budget-eaten' | 'stability' | 'over'

export interface Segment {
  kind: SegmentKind
  /** Points. */
  points: number
  /** Percent of the bar's width. */
  start: number
  width: number
}

export interface CapacityBar {
  /** Points the full width stands for: the capacity, or the load when it is larger. */
  scale: number
  segments: Segment[]
  /** The stability reserve as a share of the bar (drawn hatched). */
  reserve: { start: number; width: number }
  /** Where capacity ends, when the bar is stretched past it. */
  capacityAt?: number
  overBy: number
}

export function capacityBar(it: IterationLoad): CapacityBar {
  const load = it.featureLoad + it.stabilityUsed
  const scale = Math.max(it.capacity, load, 1)
  const pct = (points: number) => (points / scale) * 100
  const raw: { kind: SegmentKind; from: number; to: number }[] = [
    { kind: 'feature', from: 0, to: Math.min(it.featureLoad, it.featureCapacity) },
    { kind: 'budget-eaten', from: it.featureCapacity, to: it.featureLoad },
    { kind: 'stability', from: it.featureLoad, to: load },
  ]
  const segments: Segment[] = []
  const push = (kind: SegmentKind, from: number, to: number) => {
    if (to - from <= 1e-9) return
    const last = segments.at(-1)
    if (last && last.kind === kind) {
      last.points += to - from
      last.width = pct(last.points)
      return
    }
    segments.push({ kind, points: to - from, start: pct(from), width: pct(to - from) })
  }
  // Whatever lies past capacity is drawn as over, whichever kind of work put it there.
  for (const { kind, from, to } of raw) {
    push(kind, from, Math.min(to, it.capacity))
    push('over', Math.max(from, it.capacity), to)
  }
  return {
    scale,
    segments,
    reserve: { start: pct(it.featureCapacity), width: pct(it.capacity - it.featureCapacity) },
    capacityAt: load > it.capacity ? pct(it.capacity) : undefined,
    overBy: Math.max(0, load - it.capacity),
  }
}

/** Points for display: whole numbers as they are, others with one decimal. */
export const formatPoints = (points: number) =>
  Number.isInteger(points) ? String(points) : (Math.round(points * 10) / 10).toFixed(1)

// How the roadmap list reads: releases in date order, each with the iterations that feed it and the
// requirements planned straight into it; iterations without a release on their own; and last what is
// agreed but not yet scheduled. Pure, so the grouping can be tested without rendering.
import type { Roadmap, RoadmapIteration, RoadmapRelease, RoadmapRequirement } from './queries'

export interface IterationBlock {
  iteration: RoadmapIteration
  requirements: RoadmapRequirement[]
}

export type RoadmapBlock =
  | { type: 'release'; release: RoadmapRelease; iterations: IterationBlock[]; direct: RoadmapRequirement[] }
  | { type: 'iteration'; block: IterationBlock }

export interface RoadmapLayout {
  blocks: RoadmapBlock[]
  unscheduled: RoadmapRequirement[]
}

const byStart = (a: RoadmapIteration, b: RoadmapIteration) =>
  a.startDate.localeCompare(b.startDate) || a.id - b.id

export function roadmapLayout(
  roadmap: Pick<Roadmap, 'releases' | 'iterations' | 'requirements'>,
): RoadmapLayout {
  const iterationIds = new Set(roadmap.iterations.map((i) => i.id))
  const releaseIds = new Set(roadmap.releases.map((r) => r.id))
  const inIteration = new Map<number, RoadmapRequirement[]>()
  const inRelease = new Map<number, RoadmapRequirement[]>()
  const unscheduled: RoadmapRequirement[] = []
  for (const requirement of roadmap.requirements) {
    if (requirement.iterationId !== null && iterationIds.has(requirement.iterationId)) {
      push(inIteration, requirement.iterationId, requirement)
    } else if (requirement.releaseId !== null && releaseIds.has(requirement.releaseId)) {
      push(inRelease, requirement.releaseId, requirement)
    } else {
      unscheduled.push(requirement)
    }
  }
  const blockOf = (iteration: RoadmapIteration): IterationBlock => ({
    iteration,
    requirements: inIteration.get(iteration.id) ?? [],
  })

  const sorted = [...roadmap.iterations].sort(byStart)
  const dated: { date: string; order: number; block: RoadmapBlock }[] = []
  for (const release of roadmap.releases) {
    dated.push({
      date: release.targetDate,
      order: 1,
      block: {
        type: 'release',
        release,
        iterations: sorted.filter((i) => i.releaseId === release.id).map(blockOf),
        direct: inRelease.get(release.id) ?? [],
      },
    })
  }
  for (const iteration of sorted) {
    if (iteration.releaseId !== null && releaseIds.has(iteration.releaseId)) continue
    dated.push({ date: iteration.endDate, order: 0, block: { type: 'iteration', block: blockOf(iteration) } })
  }
  dated.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order)
  unscheduled.sort((a, b) => (a.targetDate ?? '9999').localeCompare(b.targetDate ?? '9999') || a.id - b.id)
  return { blocks: dated.map((d) => d.block), unscheduled }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

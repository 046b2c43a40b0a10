// The roadmap of a product: query keys and the one query (releases, iterations and the requirements they
// carry). The customer page reads iteration and release dates from it too.
import { queryOptions } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'

export const roadmapKeys = {
  product: (ws: number, productId: number) => ['workspaces', ws, 'roadmap', productId] as const,
}

const roadmapCall = (ws: number, productId: number) =>
  api.workspaces[':ws'].products[':productId'].roadmap.$get({
    param: { ...wsParam(ws), productId: String(productId) },
  })

export type Roadmap = Ok<Awaited<ReturnType<typeof roadmapCall>>>
export type RoadmapRelease = Roadmap['releases'][number]
export type RoadmapIteration = Roadmap['iterations'][number]
export type RoadmapRequirement = Roadmap['requirements'][number]

export const roadmapQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: roadmapKeys.product(ws, productId),
    queryFn: () => unwrap(roadmapCall(ws, productId)),
  })

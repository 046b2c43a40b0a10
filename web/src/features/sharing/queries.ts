// Share links: query keys, the list, create and revoke; and the public shared roadmap (plain fetch, no session).
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { ApiError, api, type Ok, unwrap, wsParam } from '../../api'

export const shareKeys = {
  links: (ws: number) => ['workspaces', ws, 'share-links'] as const,
  /** The public page lives outside any workspace. */
  shared: (token: string) => ['share', token] as const,
}

const listCall = (ws: number) => api.workspaces[':ws']['share-links'].$get({ param: wsParam(ws) })
const createCall = (ws: number, json: NewShareLink) =>
  api.workspaces[':ws']['share-links'].$post({ param: wsParam(ws), json })

export type ShareLink = Ok<Awaited<ReturnType<typeof listCall>>>['items'][number]
export type CreatedShareLink = Ok<Awaited<ReturnType<typeof createCall>>>
export interface NewShareLink {
  productId: number
  customerId?: number | null
  showConsidering?: boolean
  expiresAt?: string | null
  label?: string
}

export const shareLinksQuery = (ws: number) =>
  queryOptions({ queryKey: shareKeys.links(ws), queryFn: () => unwrap(listCall(ws)) })

export function useShareLinkMutations(ws: () => number) {
  const queryClient = useQueryClient()
  const invalidate = () => queryClient.invalidateQueries({ queryKey: shareKeys.links(ws()) })
  const create = createMutation(() => ({
    mutationFn: (input: NewShareLink) => unwrap(createCall(ws(), input)),
    onSuccess: invalidate,
  }))
  const revoke = createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(
        api.workspaces[':ws']['share-links'][':id'].$delete({ param: { ...wsParam(ws()), id: String(id) } }),
      ),
    onSettled: invalidate,
  }))
  return { create, revoke }
}

export interface SharedRoadmap {
  product: { key: string; name: string }
  customer: { name: string } | null
  /** A customer's link: their asks in this product, counted as the customer page counts them. */
  counts: { asks: number; planned: number; waiting: number; delivered: number; declined: number } | null
  expiresAt: string | null
  iterations: {
    id: number
    name: string
    startDate: string
    endDate: string
    status: string
    releaseId: number | null
  }[]
  releases: { id: number; name: string; targetDate: string; status: string; releasedAt: string | null }[]
  requirements: {
    id: number
    key: string
    title: string
    status: string
    priority: string
    iterationId: number | null
    releaseId: number | null
    targetDate: string | null
    promisedDate: string | null
    group: 'planned' | 'waiting' | 'delivered' | 'declined' | null
  }[]
}

/** The public roadmap behind a token; a revoked, expired or unknown token answers 404 (an ApiError). */
export const sharedRoadmapQuery = (token: string) =>
  queryOptions({
    queryKey: shareKeys.shared(token),
    queryFn: async (): Promise<SharedRoadmap> => {
      let res: Response
      try {
        res = await fetch(`/api/share/${encodeURIComponent(token)}`, { credentials: 'omit' })
      } catch (err) {
        throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err))
      }
      if (!res.ok)
        throw new ApiError(
          res.status,
          res.status === 404 ? 'not_found' : `http_${res.status}`,
          res.statusText,
        )
      return (await res.json()) as SharedRoadmap
    },
    retry: false,
  })

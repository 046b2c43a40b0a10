// Search: query keys, the search query and resolving an item key (MES-42) to show what a jump opens.
import { keepPreviousData, queryOptions } from '@tanstack/solid-query'
import { api, unwrap, wsParam } from '../../api'

export const searchKeys = {
  all: (ws: number) => ['workspaces', ws, 'search'] as const,
  results: (ws: number, q: string) => ['workspaces', ws, 'search', 'q', q] as const,
  item: (ws: number, key: string) => ['workspaces', ws, 'search', 'key', key] as const,
}

export const SEARCH_LIMIT = 20

export const searchQuery = (ws: number, q: string) =>
  queryOptions({
    queryKey: searchKeys.results(ws, q),
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].search.$get({
          param: wsParam(ws),
          query: { q, limit: String(SEARCH_LIMIT) },
        }),
      ),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  })

export const itemKeyQuery = (ws: number, key: string) =>
  queryOptions({
    queryKey: searchKeys.item(ws, key),
    queryFn: () => unwrap(api.workspaces[':ws'].items[':key'].$get({ param: { ...wsParam(ws), key } })),
    staleTime: 30_000,
  })

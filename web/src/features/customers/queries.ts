// Customers: query keys, the list and detail queries, and create / edit / delete.

import { createMutation, keepPreviousData, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { CUSTOMER_TIERS, type CustomerTier } from '../../../../domain/vocabulary'
import { api, type Ok, unwrap, wsParam } from '../../api'

export interface CustomerFilters {
  q?: string
  industry?: string
}

export const customerKeys = {
  all: (ws: number) => ['workspaces', ws, 'customers'] as const,
  list: (ws: number, filters: CustomerFilters) => ['workspaces', ws, 'customers', 'list', filters] as const,
  detail: (ws: number, id: number) => ['workspaces', ws, 'customers', 'detail', id] as const,
}

const idParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })

const listCall = (ws: number, filters: CustomerFilters) =>
  api.workspaces[':ws'].customers.$get({
    param: wsParam(ws),
    query: { q: filters.q || undefined, industry: filters.industry || undefined },
  })
const detailCall = (ws: number, id: number) =>
  api.workspaces[':ws'].customers[':id'].$get({ param: idParam(ws, id) })

export type CustomerRow = Ok<Awaited<ReturnType<typeof listCall>>>['items'][number]
export type CustomerDetail = Ok<Awaited<ReturnType<typeof detailCall>>>
export type CustomerAsk = CustomerDetail['asks'][number]
export type AskedRequirement = CustomerAsk['requirement']

/** The industries the customers are in, each once, in the language's order (for filters and suggestions). */
export const industriesOf = (customers: readonly Pick<CustomerRow, 'industry'>[], locale: string) =>
  [...new Set(customers.map((c) => c.industry).filter(Boolean))].sort((a, b) => a.localeCompare(b, locale))

export const customersQuery = (ws: number, filters: CustomerFilters = {}) =>
  queryOptions({
    queryKey: customerKeys.list(ws, filters),
    queryFn: () => unwrap(listCall(ws, filters)),
    placeholderData: keepPreviousData,
  })

export const customerQuery = (ws: number, id: number) =>
  queryOptions({
    queryKey: customerKeys.detail(ws, id),
    queryFn: () => unwrap(detailCall(ws, id)),
  })

export const TIERS = CUSTOMER_TIERS
export type Tier = CustomerTier

export interface CustomerInput {
  name: string
  industry: string
  tier: Tier
  contractValue: number
  contact: string
  note: string
}

export function useSaveCustomer(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { id?: number; version?: number; values: CustomerInput }) =>
      input.id === undefined
        ? unwrap(api.workspaces[':ws'].customers.$post({ param: wsParam(ws()), json: input.values }))
        : unwrap(
            api.workspaces[':ws'].customers[':id'].$patch({
              param: idParam(ws(), input.id),
              header: {},
              json: { ...input.values, version: input.version },
            }),
          ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: customerKeys.all(ws()) }),
  }))
}

export function useDeleteCustomer(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (id: number) =>
      unwrap(api.workspaces[':ws'].customers[':id'].$delete({ param: idParam(ws(), id) })),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(ws(), id) })
      return queryClient.invalidateQueries({ queryKey: customerKeys.all(ws()) })
    },
  }))
}

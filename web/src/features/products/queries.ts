// Products: query keys, the list query and creation.
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'

export const productKeys = {
  all: (ws: number) => ['workspaces', ws, 'products'] as const,
}

export type Product = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products']['$get']>>
>['items'][number]

export const productsQuery = (ws: number) =>
  queryOptions({
    queryKey: productKeys.all(ws),
    queryFn: () => unwrap(api.workspaces[':ws'].products.$get({ param: wsParam(ws) })),
  })

/** 2–10 upper-case letters or digits, starting with a letter (the server's rule). */
export const PRODUCT_KEY = /^[A-Z][A-Z0-9]{1,9}$/

export function useCreateProduct(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { key: string; name: string; description?: string }) =>
      unwrap(api.workspaces[':ws'].products.$post({ param: wsParam(ws()), json: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: productKeys.all(ws()) }),
  }))
}

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

const idParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })

/** Edits a product; a stale version answers 409 with the current product (shown by ErrorNotice). */
export function useUpdateProduct(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: {
      id: number
      version: number
      key?: string
      name?: string
      description?: string
    }) => {
      const { id, ...json } = input
      return unwrap(
        api.workspaces[':ws'].products[':id'].$patch({ param: idParam(ws(), id), header: {}, json }),
      )
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: productKeys.all(ws()) }),
  }))
}

/** What a product holds (its requirements, tasks, iterations and releases), read when deleting it is asked. */
export const productContentsQuery = (ws: number, id: number) =>
  queryOptions({
    queryKey: [...productKeys.all(ws), id, 'contents'] as const,
    queryFn: async () =>
      (await unwrap(api.workspaces[':ws'].products[':id'].$get({ param: idParam(ws, id) }))).contents,
  })

export type ProductContents = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products'][':id']['$get']>>
>['contents']

/** Deletes a product; one that holds work needs `confirm`, its key (else 409 with what it holds). */
export function useDeleteProduct(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { id: number; confirm?: string }) =>
      unwrap(
        api.workspaces[':ws'].products[':id'].$delete({
          param: idParam(ws(), input.id),
          query: input.confirm === undefined ? {} : { confirm: input.confirm },
        }),
      ),
    // Everything of the product is gone: refresh the whole workspace. Its own queries would only answer 404.
    onSuccess: (_answer, input) => {
      queryClient.removeQueries({ queryKey: [...productKeys.all(ws()), input.id] })
      return queryClient.invalidateQueries({ queryKey: ['workspaces', ws()] })
    },
  }))
}

export const moduleKeys = {
  /** Every module query of a product (the backlog's pickers included) starts with this. */
  product: (ws: number, productId: number) => ['workspaces', ws, 'modules', productId] as const,
  settings: (ws: number, productId: number) => ['workspaces', ws, 'modules', productId, 'settings'] as const,
}

const modulesCall = (ws: number, productId: number) =>
  api.workspaces[':ws'].products[':productId'].modules.$get({
    param: { ...wsParam(ws), productId: String(productId) },
  })

export type ModuleTreeNode = Ok<Awaited<ReturnType<typeof modulesCall>>>['items'][number]

export const moduleTreeQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: moduleKeys.settings(ws, productId),
    queryFn: () => unwrap(modulesCall(ws, productId)),
  })

export type ModuleChange =
  | { type: 'create'; name: string; parentId: number | null }
  | { type: 'update'; id: number; version: number; name?: string; parentId?: number | null }
  | { type: 'delete'; id: number }

/** Adds, renames, moves and deletes modules of one product. */
export function useChangeModule(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (change: ModuleChange) => {
      switch (change.type) {
        case 'create':
          return unwrap(
            api.workspaces[':ws'].products[':productId'].modules.$post({
              param: { ...wsParam(ws()), productId: String(productId()) },
              json: { name: change.name, parentId: change.parentId },
            }),
          )
        case 'update': {
          const { id, type: _type, ...json } = change
          return unwrap(
            api.workspaces[':ws'].modules[':id'].$patch({ param: idParam(ws(), id), header: {}, json }),
          )
        }
        case 'delete':
          return unwrap(api.workspaces[':ws'].modules[':id'].$delete({ param: idParam(ws(), change.id) }))
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: moduleKeys.product(ws(), productId()) }),
  }))
}

// What the backlog, plan and detail pages look names up in: modules, customers, releases of a product.
// Keys start with the workspace so live updates refresh them; each ends in its own word so another
// feature's query of the same entity never shares (and overwrites) the cache entry.
import { queryOptions } from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { productParam } from './queries'

type ModulesAnswer = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products'][':productId']['modules']['$get']>>
>
export type ModuleNode = ModulesAnswer['items'][number]
export type Customer = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['customers']['$get']>>
>['items'][number]
export type Release = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products'][':productId']['releases']['$get']>>
>['items'][number]

export const modulesQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: ['workspaces', ws, 'modules', productId, 'tree'] as const,
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].modules.$get({ param: productParam(ws, productId) }),
      ),
    staleTime: 60_000,
  })

export const customersQuery = (ws: number) =>
  queryOptions({
    queryKey: ['workspaces', ws, 'customers', 'picker'] as const,
    queryFn: () => unwrap(api.workspaces[':ws'].customers.$get({ param: wsParam(ws), query: {} })),
    staleTime: 60_000,
  })

export const releasesQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: ['workspaces', ws, 'releases', productId, 'of-product'] as const,
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].releases.$get({ param: productParam(ws, productId) }),
      ),
    staleTime: 60_000,
  })

export interface FlatModule {
  id: number
  name: string
  /** "Parent / Child" for pickers and cells. */
  path: string
  depth: number
}

/** The module tree as a list in tree order, each with its depth and full path. */
export function flattenModules(nodes: readonly ModuleNode[], depth = 0, prefix = ''): FlatModule[] {
  return nodes.flatMap((node) => {
    const path = prefix ? `${prefix} / ${node.name}` : node.name
    // The tree's type is recursive, which the typed client cannot express: children arrive as JSON.
    const children = (node.children ?? []) as unknown as ModuleNode[]
    return [{ id: node.id, name: node.name, path, depth }, ...flattenModules(children, depth + 1, path)]
  })
}

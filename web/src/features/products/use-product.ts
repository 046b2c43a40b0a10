// The product named by the :key route parameter, from the workspace's product list.
import { useParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo } from 'solid-js'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Product, productsQuery } from './queries'

export function useProduct() {
  const params = useParams<{ key: string }>()
  const workspace = useWorkspace()
  const products = createQuery(() => productsQuery(workspace.id()))
  const product = createMemo<Product | undefined>(() =>
    products.data?.items.find((p) => p.key === params.key?.toUpperCase()),
  )
  return {
    /** The key the address names, upper-cased as keys are. */
    key: () => params.key?.toUpperCase() ?? '',
    product,
    /** True once the list is loaded and no product has this key. */
    missing: () => products.isSuccess && !product(),
    isLoading: () => products.isLoading,
  }
}

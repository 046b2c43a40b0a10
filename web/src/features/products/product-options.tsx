// A product as lists and pickers name it ("MES · Manufacturing"), and the products as a <select>'s options.
import { For } from 'solid-js'
import type { Product } from './queries'

export const productLabel = (product: Pick<Product, 'key' | 'name'>) => `${product.key} · ${product.name}`

/** One <option> per product, its id as the value. */
export function ProductOptions(props: { products: readonly Product[] | undefined }) {
  return <For each={props.products}>{(p) => <option value={String(p.id)}>{productLabel(p)}</option>}</For>
}

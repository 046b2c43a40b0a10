// A page of the product the :key of the URL names (backlog, plan, roadmap, reports): a spinner until the
// product list has loaded, "no such product" under the page's title, then the page, built anew for another
// product (its local state is that product's) but kept when the product is renamed.
import type { Accessor, JSX } from 'solid-js'
import { useI18n } from '../../i18n'
import { FoundPage } from '../../ui/found-page'
import type { Product } from './queries'
import { useProduct } from './use-product'

export function ProductPage(props: {
  title: string
  icon: JSX.Element
  children: (product: Accessor<Product>) => JSX.Element
}) {
  const { t } = useI18n()
  const current = useProduct()
  return (
    <FoundPage
      found={{ item: current.product, missing: current.missing }}
      title={props.title}
      icon={props.icon}
      missing={t('products.missing', { key: current.key() })}
      identity={(product) => product.id}
    >
      {props.children}
    </FoundPage>
  )
}

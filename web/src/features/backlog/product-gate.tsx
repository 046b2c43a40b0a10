// Renders a product page once the :key of the URL is resolved to a product; a clear message otherwise.
import { A } from '@solidjs/router'
import { type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { EmptyState } from '../../ui/page'
import type { Product } from '../products/queries'
import { useProduct } from '../products/use-product'
import { useWorkspace } from '../workspaces/workspace-context'

/** The page is created once per product id; `product` stays current when the product is renamed. */
export function ProductGate(props: { children: (product: () => Product) => JSX.Element }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const current = useProduct()
  return (
    <Show
      when={current.product()?.id}
      keyed
      fallback={
        <Show when={current.missing()} fallback={<Loading />}>
          <EmptyState
            title={t('errors.pageNotFound')}
            body={t('errors.not_found')}
            action={
              <A class="btn" href={`/w/${ws.id()}`}>
                {t('errors.backHome')}
              </A>
            }
          />
        </Show>
      }
    >
      {(_id: number) => props.children(() => current.product()!)}
    </Show>
  )
}

// A page about one thing its address names (a product by its key, say): a spinner until the list that holds
// it has loaded, a "not found" page under the page's own title when there is no such thing, then the page.
// What to look for is handed in (e.g. useProduct()), so this knows no feature.
import { type Accessor, type JSX, Match, Show, Switch } from 'solid-js'
import { useI18n } from '../i18n'
import { Loading } from './boundary'
import { EmptyState, PageHeader } from './page'

export function FoundPage<T>(props: {
  found: { item: () => T | undefined; missing: () => boolean }
  /** The page's title, shown over the "not found" message. */
  title: string
  icon: JSX.Element
  /** What is missing, e.g. "There is no product with the key MES in this workspace." */
  missing: string
  /** When given, the page is built anew when this changes (another product), not when the thing is edited. */
  identity?: (item: T) => string | number
  children: (item: Accessor<T>) => JSX.Element
}) {
  const { t } = useI18n()
  return (
    <Switch fallback={<Loading />}>
      <Match when={props.found.missing()}>
        <div class="page">
          <PageHeader title={props.title} />
          <EmptyState icon={props.icon} title={t('errors.pageNotFound')} body={props.missing} />
        </div>
      </Match>
      <Match when={props.found.item()}>
        {(item) => {
          const identity = props.identity
          if (!identity) return props.children(item)
          return (
            <Show when={identity(item())} keyed>
              {(_identity: string | number) => props.children(item)}
            </Show>
          )
        }}
      </Match>
    </Switch>
  )
}

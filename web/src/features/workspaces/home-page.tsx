import { createQuery } from '@tanstack/solid-query'
import { Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { type Product, productsQuery } from '../products/queries'
import { RecentActivity, RoadmapLinks } from './home-activity'
import { Onboarding } from './home-onboarding'
import { ActiveIterations, MyTasks, Risks } from './home-work'
import { useWorkspace } from './workspace-context'
import './home-page.css'

export default function HomePage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createQuery(() => ({
    ...productsQuery(ws.id()),
    enabled: ws.can('product.view'),
    throwOnError: false,
  }))
  const noProducts = () => !ws.can('product.view') || products.data?.items.length === 0

  return (
    <div class="page page-wide home">
      <Switch fallback={<Loading />}>
        <Match when={products.isError}>
          <ErrorNotice error={products.error} onRetry={() => void products.refetch()} />
        </Match>
        <Match when={noProducts()}>
          <Onboarding hasProducts={false} />
        </Match>
        <Match when={products.data}>
          {(data) => (
            <>
              <header class="home-hero">
                <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
                <p class="page-intro">{t('home.dashboardIntro', { name: ws.me().user.name })}</p>
              </header>
              <Dashboard products={data().items} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}

// ---------- dashboard ----------

function Dashboard(props: { products: Product[] }) {
  const ws = useWorkspace()
  const productKey = (id: number) => props.products.find((p) => p.id === id)?.key ?? ''
  return (
    <div class="home-grid">
      <div class="home-main">
        <Show when={ws.can('task.view')}>
          <MyTasks productKey={productKey} />
        </Show>
        <Show when={ws.can('iteration.view')}>
          <ActiveIterations productKey={productKey} />
        </Show>
        <Show when={!ws.can('task.view') && !ws.can('iteration.view')}>
          <RoadmapLinks products={props.products} />
        </Show>
      </div>
      <div class="home-side">
        <Show when={ws.can('task.view')}>
          <Risks />
        </Show>
        <Show when={ws.can('activity.view')}>
          <RecentActivity />
        </Show>
      </div>
    </div>
  )
}

export { relativeTime } from './home-activity'

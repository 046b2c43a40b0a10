import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { type Product, productsQuery } from '../products/queries'
import { RecentActivity, RoadmapLinks } from './home-activity'
import { Onboarding } from './home-onboarding'
import { ActiveIterations, MyTasks, Risks } from './home-work'
import { useWorkspace } from './workspace-context'
import './home-page.css'

export default function HomePage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createLocalQuery(() => ({ ...productsQuery(ws.id()), enabled: ws.can('product.view') }))
  return (
    <div class="page page-wide home">
      <Show when={ws.can('product.view')} fallback={<Onboarding hasProducts={false} />}>
        <QueryView
          query={products}
          isEmpty={(data) => data.items.length === 0}
          empty={<Onboarding hasProducts={false} />}
        >
          {(data) => (
            <>
              <header class="home-hero">
                <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
                <p class="page-intro">{t('home.dashboardIntro', { name: ws.me().user.name })}</p>
              </header>
              <Dashboard products={data().items} />
            </>
          )}
        </QueryView>
      </Show>
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

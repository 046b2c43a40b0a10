// The reports page of a product: progress (iteration charts, velocity, forecast, risks, demand), the weekly
// report and the share links, as three views of one page; the view is kept in the address (?view=).
import { useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { ReportsIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { type Iteration, iterationsQuery } from '../board/queries'
import { ProductPage } from '../products/product-page'
import type { Product } from '../products/queries'
import { ShareLinks } from '../sharing/share-links'
import { useWorkspace } from '../workspaces/workspace-context'
import { DemandCard } from './demand-card'
import { ForecastCard } from './forecast-card'
import { BurndownChart, FlowChart, VelocityChart } from './progress-charts'
import { RisksCard } from './risks-card'
import { WeeklyReport } from './weekly-report'
import './reports.css'

type View = 'overview' | 'weekly' | 'share'

export default function ReportsPage() {
  const { t } = useI18n()
  return (
    <ProductPage title={t('reports.title')} icon={<ReportsIcon />}>
      {(product) => <ProductReports product={product()} />}
    </ProductPage>
  )
}

/** The iteration shown by default: the active one, else the last one that started. */
export function defaultIteration(iterations: readonly Pick<Iteration, 'id' | 'status' | 'startDate'>[]) {
  const active = iterations.find((i) => i.status === 'active')
  if (active) return active.id
  const started = iterations
    .filter((i) => i.status === 'closed')
    .sort((a, b) => (a.startDate < b.startDate ? 1 : -1))
  return (started[0] ?? iterations[0])?.id
}

function ProductReports(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const [search, setSearch] = useSearchParams<{ view?: string }>()
  const views = createMemo<View[]>(() =>
    ws.can('share.create') ? ['overview', 'weekly', 'share'] : ['overview', 'weekly'],
  )
  const view = () => views().find((v) => v === search.view) ?? 'overview'

  return (
    <div class="page page-wide rp-page">
      <PageHeader title={t('reports.titleOf', { product: props.product.name })} intro={t('reports.intro')} />
      <div class="rp-tabs" role="tablist" aria-label={t('reports.tabs.label')}>
        <For each={views()}>
          {(v) => (
            <button
              type="button"
              role="tab"
              class="rp-tab"
              aria-selected={view() === v}
              onClick={() => setSearch({ view: v === 'overview' ? undefined : v })}
            >
              {t(`reports.tabs.${v}`)}
            </button>
          )}
        </For>
      </div>
      <Switch>
        <Match when={view() === 'overview'}>
          <Overview product={props.product} />
        </Match>
        <Match when={view() === 'weekly'}>
          <WeeklyReport productId={props.product.id} productKey={props.product.key} />
        </Match>
        <Match when={view() === 'share'}>
          <ShareLinks productId={props.product.id} />
        </Match>
      </Switch>
    </div>
  )
}

function Overview(props: { product: Product }) {
  const { t, tryT } = useI18n()
  const ws = useWorkspace()
  const iterations = createLocalQuery(() => iterationsQuery(ws.id(), props.product.id))
  const [picked, setPicked] = createSignal<number>()
  const list = () => iterations.data?.items ?? []
  const iterationId = () => picked() ?? defaultIteration(list())

  return (
    <div class="rp-overview">
      <Show when={list().length > 0}>
        <div class="rp-toolbar">
          <label class="field-label" for="rp-iteration">
            {t('reports.iteration')}
          </label>
          <select
            id="rp-iteration"
            class="input select select-compact rp-iteration-select"
            value={String(iterationId() ?? '')}
            onChange={(e) => setPicked(Number(e.currentTarget.value))}
          >
            <For each={list()}>
              {(iteration) => (
                <option value={String(iteration.id)}>
                  {t('reports.iterationOption', {
                    name: iteration.name,
                    status: tryT(`work.iterationStatus.${iteration.status}`) ?? iteration.status,
                  })}
                </option>
              )}
            </For>
          </select>
        </div>
      </Show>
      <div class="rp-grid">
        <Show
          when={iterationId()}
          fallback={
            <Show when={iterations.isSuccess}>
              <div class="rp-span">
                <EmptyState
                  icon={<ReportsIcon />}
                  title={t('reports.noIterationsTitle')}
                  body={t('reports.noIterationsBody')}
                />
              </div>
            </Show>
          }
        >
          {(id) => (
            <>
              <BurndownChart iterationId={id()} />
              <FlowChart iterationId={id()} />
            </>
          )}
        </Show>
        <ForecastCard productId={props.product.id} />
        <VelocityChart productId={props.product.id} />
        <div class="rp-span">
          <RisksCard productId={props.product.id} />
        </div>
        <div class="rp-span">
          <DemandCard productId={props.product.id} />
        </div>
      </div>
    </div>
  )
}

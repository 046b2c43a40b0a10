// The product roadmap: what stakeholders read. A timeline (months across, iterations as bars, releases as
// milestones, a today marker) over a list of releases and iterations with the requirements they carry.
// Read-only for everyone, so it prints cleanly.
import { A, useParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { RoadmapIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import type { Product } from '../products/queries'
import { useProduct } from '../products/use-product'
import { useWorkspace } from '../workspaces/workspace-context'
import { useDayFormat } from './format'
import { type Roadmap, roadmapQuery } from './queries'
import { RoadmapList } from './roadmap-list'
import { Timeline } from './roadmap-timeline'
import { localToday } from './timeline'
import './roadmap.css'

export default function RoadmapPage() {
  const { t } = useI18n()
  const params = useParams<{ key: string }>()
  const { product, missing } = useProduct()
  return (
    <Switch fallback={<Loading />}>
      <Match when={missing()}>
        <div class="page">
          <PageHeader title={t('roadmap.title')} />
          <EmptyState
            icon={<RoadmapIcon />}
            title={t('errors.pageNotFound')}
            body={t('roadmap.productMissing', { key: params.key.toUpperCase() })}
          />
        </div>
      </Match>
      <Match when={product()}>{(p) => <ProductRoadmap product={p()} />}</Match>
    </Switch>
  )
}

function ProductRoadmap(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const roadmap = createQuery(() => ({ ...roadmapQuery(ws.id(), props.product.id), throwOnError: false }))
  const isEmpty = (r: Roadmap) =>
    r.iterations.length === 0 && r.releases.length === 0 && r.requirements.length === 0

  return (
    <div class="page page-wide rm-page">
      <PageHeader
        title={t('roadmap.titleOf', { product: props.product.name })}
        intro={`${props.product.description || t('roadmap.intro')}`}
        actions={
          <button type="button" class="btn rm-print" onClick={() => window.print()}>
            {t('roadmap.print')}
          </button>
        }
      />
      <p class="rm-asof">
        <span class="key-chip">{props.product.key}</span> {t('roadmap.printedOn', { date: days.day(today) })}
      </p>
      <Switch fallback={<Loading />}>
        <Match when={roadmap.isError}>
          <ErrorNotice error={roadmap.error} onRetry={() => void roadmap.refetch()} />
        </Match>
        <Match when={roadmap.data && isEmpty(roadmap.data)}>
          <EmptyState
            icon={<RoadmapIcon />}
            title={t('roadmap.emptyTitle')}
            body={t('roadmap.emptyBody')}
            action={
              <Show when={ws.can('iteration.manage')}>
                <A class="btn btn-primary" href={`/w/${ws.id()}/p/${props.product.key}/plan`}>
                  {t('roadmap.emptyAction')}
                </A>
              </Show>
            }
          />
        </Match>
        <Match when={roadmap.data}>
          {(data) => (
            <>
              <Timeline roadmap={data()} today={today} />
              <RoadmapList roadmap={data()} today={today} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}

// The product roadmap: what stakeholders read. A timeline (months across, iterations as bars, releases as
// milestones, a today marker) over a list of releases and iterations with the requirements they carry.
// Read-only for everyone, so it prints cleanly.
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { RoadmapIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { ProductPage } from '../products/product-page'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { useDayFormat } from './format'
import { type Roadmap, roadmapQuery } from './queries'
import { RoadmapList } from './roadmap-list'
import { Timeline } from './roadmap-timeline'
import { localToday } from './timeline'
import './roadmap.css'

export default function RoadmapPage() {
  const { t } = useI18n()
  return (
    <ProductPage title={t('roadmap.title')} icon={<RoadmapIcon />}>
      {(product) => <ProductRoadmap product={product()} />}
    </ProductPage>
  )
}

function ProductRoadmap(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const roadmap = createLocalQuery(() => roadmapQuery(ws.id(), props.product.id))
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
      <QueryView
        query={roadmap}
        isEmpty={isEmpty}
        empty={
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
        }
      >
        {(data) => (
          <>
            <Timeline roadmap={data()} today={today} />
            <RoadmapList roadmap={data()} today={today} />
          </>
        )}
      </QueryView>
    </div>
  )
}

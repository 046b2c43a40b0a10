// The ranked backlog of a product: filters in the URL, the virtualized list with drag and keyboard
// re-ranking, inline edits, "sort by score" and a dialog for a new requirement.
import './backlog.css'
import { A, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Boundary } from '../../ui/boundary'
import { BacklogIcon, PlusIcon } from '../../ui/icons'
import { PageHeader } from '../../ui/page'
import { ExportMenu } from '../exports/export-menu'
import { WatchButton } from '../notifications/watch-button'
import { ProductPage } from '../products/product-page'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { BacklogFilters } from './backlog-filters'
import { BacklogList, BacklogSkeleton } from './backlog-list'
import { type BacklogFilter, DEFAULT_FILTER, filterFromSearch, filterToSearch } from './filters'
import { NewRequirementDialog } from './new-requirement'
import type { Requirement, SortByScoreAnswer } from './queries'
import { SortByScoreDialog } from './sort-by-score'
import { SortedNotice } from './sorted-notice'

export default function BacklogPage() {
  const { t } = useI18n()
  return (
    <ProductPage title={t('backlog.title')} icon={<BacklogIcon />}>
      {(product) => <Backlog product={product()} />}
    </ProductPage>
  )
}

function Backlog(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const [search, setSearch] = useSearchParams()
  const filter = createMemo(() => filterFromSearch(search))
  const setFilter = (next: BacklogFilter) => setSearch(filterToSearch(next), { replace: true })
  const [creating, setCreating] = createSignal(false)
  const [sorting, setSorting] = createSignal(false)
  const [created, setCreated] = createSignal<Requirement>()
  const [sorted, setSorted] = createSignal<SortByScoreAnswer>()

  const actions = () => (
    <>
      <WatchButton target="product" id={props.product.id} />
      <Show when={ws.can('export')}>
        <ExportMenu productId={props.product.id} productName={props.product.name} />
      </Show>
      <Show when={ws.can('requirement.rank')}>
        <button type="button" class="btn" onClick={() => setSorting(true)}>
          {t('backlog.sortByScore')}
        </button>
      </Show>
      <Show when={ws.can('requirement.create')}>
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          <PlusIcon />
          {t('backlog.new')}
        </button>
      </Show>
    </>
  )

  return (
    <div class="page-fill backlog-page">
      <PageHeader
        title={t('backlog.title')}
        intro={t('backlog.intro', { product: props.product.name })}
        actions={actions()}
      />
      <BacklogFilters product={props.product} filter={filter()} onChange={setFilter} />
      <Show when={created()}>
        {(requirement) => (
          <p class="notice notice-info backlog-created" role="status">
            <span class="notice-body">{t('backlog.created', { key: requirement().key })}</span>
            <A class="btn btn-small" href={`/w/${ws.id()}/i/${requirement().key}`}>
              {t('backlog.openCreated')}
            </A>
          </p>
        )}
      </Show>
      <Show when={sorted()}>
        {(answer) => (
          <SortedNotice
            workspaceId={ws.id}
            productId={props.product.id}
            sorted={answer()}
            onDone={() => setSorted(undefined)}
          />
        )}
      </Show>
      <Boundary fallback={<BacklogSkeleton />}>
        <BacklogList
          product={props.product}
          filter={filter()}
          onCreate={() => setCreating(true)}
          onClearFilters={() => setFilter(DEFAULT_FILTER)}
        />
      </Boundary>
      <NewRequirementDialog
        open={creating()}
        onOpenChange={setCreating}
        product={props.product}
        onCreated={setCreated}
      />
      <SortByScoreDialog
        open={sorting()}
        onOpenChange={setSorting}
        product={props.product}
        onSorted={(answer) => setSorted(answer.changed > 0 ? answer : undefined)}
      />
    </div>
  )
}

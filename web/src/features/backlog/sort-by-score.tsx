// "Sort by score": a preview of the new order (a dry run) that the PM confirms before the whole backlog is
// re-ranked — open work by priority, then by score (value and customer demand per point of effort).
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PreviewDialog } from '../../ui/preview-dialog'
import { createLocalQuery } from '../../ui/query-view'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { DEFAULT_FILTER, filterToQuery } from './filters'
import { PriorityPill, Score } from './pills'
import { loaded, requirementListQuery, type SortByScoreAnswer, useSortByScore } from './queries'

const PREVIEW = 10

export function SortByScoreDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  product: Product
  /** The backlog was re-ranked: the new order and the one before, for an undo. */
  onSorted?: (answer: SortByScoreAnswer) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const preview = useSortByScore(ws.id, () => props.product.id)
  const apply = useSortByScore(ws.id, () => props.product.id)
  // The top of the backlog now, and the best-scored open work, to show both orders by key and title.
  const top = createLocalQuery(() => ({
    ...requirementListQuery(ws.id(), props.product.id, {
      ...filterToQuery(DEFAULT_FILTER),
      status: undefined,
    }),
    enabled: props.open,
  }))
  const best = createLocalQuery(() => ({
    ...requirementListQuery(ws.id(), props.product.id, { ...filterToQuery(DEFAULT_FILTER), sort: 'score' }),
    enabled: props.open,
  }))
  const byId = (id: number) =>
    loaded(top)?.items.find((r) => r.id === id) ?? loaded(best)?.items.find((r) => r.id === id)
  const currentTop = () => (loaded(top)?.items ?? []).slice(0, PREVIEW)
  const newTop = () => (preview.data?.order ?? []).slice(0, PREVIEW)

  return (
    <PreviewDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      onOpen={() => {
        apply.reset()
        preview.mutate(true)
      }}
      title={t('backlog.sortTitle')}
      description={t('backlog.sortIntro')}
      class="sort-preview"
      previewing={preview.isPending}
      error={preview.error ?? apply.error}
      answer={preview.data}
      summary={(answer) =>
        answer.changed === 0
          ? t('backlog.sortNothing')
          : t('backlog.sortChanged', { count: String(answer.changed) })
      }
      applyLabel={t('backlog.sortApply')}
      canApply={!!preview.data && preview.data.changed > 0}
      applying={apply.isPending}
      onApply={() =>
        apply.mutate(false, {
          onSuccess: (answer) => {
            props.onOpenChange(false)
            props.onSorted?.(answer)
          },
        })
      }
    >
      {() => (
        <>
          <div class="sort-columns">
            <section>
              <h3 class="section-label">{t('backlog.sortNow')}</h3>
              <ol class="sort-list">
                <For each={currentTop()}>
                  {(r) => (
                    <li>
                      <span class="key-chip">{r.key}</span>
                      <span class="sort-title">{r.title}</span>
                    </li>
                  )}
                </For>
              </ol>
            </section>
            <section>
              <h3 class="section-label">{t('backlog.sortAfter')}</h3>
              <ol class="sort-list">
                <For each={newTop()}>
                  {(id) => (
                    <li>
                      <Show when={byId(id)} fallback={<span class="muted">#{id}</span>}>
                        {(r) => (
                          <>
                            <span class="key-chip">{r().key}</span>
                            <span class="sort-title">{r().title}</span>
                            <PriorityPill priority={r().priority} short />
                            <span class="sort-score">
                              <Score score={r().score} />
                            </span>
                          </>
                        )}
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </section>
          </div>
          <p class="field-hint">{t('backlog.sortFormula')}</p>
        </>
      )}
    </PreviewDialog>
  )
}

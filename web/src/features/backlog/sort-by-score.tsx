// "Sort by score": a preview of the new order (a dry run) that the PM confirms before the whole backlog is
// re-ranked — open work by priority, then by score (value and customer demand per point of effort).
import { createQuery } from '@tanstack/solid-query'
import { createEffect, For, on, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { formatScore } from './backlog-list'
import { DEFAULT_FILTER, filterToQuery } from './filters'
import { PriorityPill } from './pills'
import { loaded, requirementListQuery, useSortByScore } from './queries'

const PREVIEW = 10

export function SortByScoreDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  product: Product
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const preview = useSortByScore(ws.id, () => props.product.id)
  const apply = useSortByScore(ws.id, () => props.product.id)
  // The top of the backlog now, and the best-scored open work, to show both orders by key and title.
  const top = createQuery(() => ({
    ...requirementListQuery(ws.id(), props.product.id, {
      ...filterToQuery(DEFAULT_FILTER),
      status: undefined,
    }),
    enabled: props.open,
    throwOnError: false,
  }))
  const best = createQuery(() => ({
    ...requirementListQuery(ws.id(), props.product.id, { ...filterToQuery(DEFAULT_FILTER), sort: 'score' }),
    enabled: props.open,
    throwOnError: false,
  }))
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return
        apply.reset()
        preview.mutate(true)
      },
    ),
  )
  const byId = (id: number) =>
    loaded(top)?.items.find((r) => r.id === id) ?? loaded(best)?.items.find((r) => r.id === id)
  const currentTop = () => (loaded(top)?.items ?? []).slice(0, PREVIEW)
  const newTop = () => (preview.data?.order ?? []).slice(0, PREVIEW)

  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('backlog.sortTitle')}
      description={t('backlog.sortIntro')}
      wide
    >
      <div class="sort-preview" aria-busy={preview.isPending}>
        <ErrorNotice error={preview.error ?? apply.error} />
        <Show when={preview.data} fallback={<p class="muted">{t('common.working')}</p>}>
          {(answer) => (
            <>
              <p class="sort-summary" role="status">
                {answer().changed === 0
                  ? t('backlog.sortNothing')
                  : t('backlog.sortChanged', { count: String(answer().changed) })}
              </p>
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
                                <span class="sort-score" title={t('work.terms.score')}>
                                  {formatScore(r().score)}
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
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onOpenChange(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            disabled={!preview.data || preview.data.changed === 0 || apply.isPending}
            onClick={() => apply.mutate(false, { onSuccess: () => props.onOpenChange(false) })}
          >
            {apply.isPending ? t('common.working') : t('backlog.sortApply')}
          </button>
        </div>
      </div>
    </Modal>
  )
}

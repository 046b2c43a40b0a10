// Auto-plan: the planner's proposal (a dry run) shown per iteration — what comes in, what leaves, what
// does not fit and why — and applied only when the PM says so.
import { useQueryClient } from '@tanstack/solid-query'
import { createEffect, createMemo, For, on, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { type RequirementListItem, requirementKeys } from '../backlog/queries'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { formatPoints } from './capacity'
import { CapacityBar } from './capacity-bar'
import { summarizePlan } from './plan-preview'
import { type Iteration, usePlan } from './queries'

export function AutoPlanDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  product: Product
  iterations: Iteration[]
  onApplied: (message: string) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const preview = usePlan(ws.id, () => props.product.id)
  const apply = usePlan(ws.id, () => props.product.id)

  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return
        apply.reset()
        preview.mutate({ dryRun: true })
      },
    ),
  )

  // Requirements the plan page has loaded (unplanned and per iteration): where each is now, and its title.
  const known = createMemo(() => {
    void preview.data
    const byId = new Map<number, RequirementListItem>()
    for (const [, data] of queryClient.getQueriesData<{ items?: RequirementListItem[] }>({
      queryKey: requirementKeys.lists(ws.id(), props.product.id),
    })) {
      for (const r of data?.items ?? []) byId.set(r.id, r)
    }
    return byId
  })
  const summary = createMemo(() => {
    const answer = preview.data
    if (!answer) return undefined
    const current = new Map<number, number | null>()
    for (const [id, r] of known()) current.set(id, r.iterationId)
    return summarizePlan(answer, current)
  })
  const label = (id: number) => known().get(id)
  const plannedIterations = () => props.iterations.filter((it) => it.status === 'planned')

  const applyPlan = () =>
    apply.mutate(
      { dryRun: false },
      {
        onSuccess: () => {
          props.onApplied(t('plan.applied', { count: String(summary()?.moves ?? 0) }))
          props.onOpenChange(false)
        },
      },
    )

  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('plan.autoPlanTitle')}
      description={t('plan.autoPlanIntro')}
      wide
    >
      <div class="auto-plan" aria-busy={preview.isPending}>
        <ErrorNotice error={preview.error ?? apply.error} />
        <Show
          when={plannedIterations().length > 0}
          fallback={<p class="notice notice-info">{t('plan.autoPlanNoIterations')}</p>}
        >
          <Show when={summary()} fallback={<p class="muted">{t('common.working')}</p>}>
            {(s) => (
              <>
                <p class="sort-summary" role="status">
                  {s().moves === 0
                    ? t('plan.autoPlanNothing')
                    : t('plan.autoPlanMoves', { count: String(s().moves) })}
                </p>
                <For each={s().iterations}>
                  {(it) => (
                    <section class="auto-plan-iteration" data-testid="auto-plan-iteration">
                      <header class="auto-plan-header">
                        <h3>{it.name}</h3>
                        <span class="muted">
                          {t('plan.autoPlanLoad', {
                            load: formatPoints(it.load),
                            capacity: formatPoints(it.featureCapacity),
                          })}
                        </span>
                      </header>
                      <CapacityBar
                        compact
                        load={{
                          capacity: it.capacity,
                          featureLoad: it.load,
                          featureCapacity: it.featureCapacity,
                          stabilityReserved: it.capacity - it.featureCapacity,
                          stabilityUsed: 0,
                        }}
                      />
                      <ul class="auto-plan-list">
                        <For each={it.added}>
                          {(id) => (
                            <li class="is-added">
                              <span class="auto-plan-mark" aria-hidden="true">
                                +
                              </span>
                              <span class="visually-hidden">{t('plan.added')}</span>
                              <RequirementLabel id={id} requirement={label(id)} />
                            </li>
                          )}
                        </For>
                        <For each={it.removed}>
                          {(id) => (
                            <li class="is-removed">
                              <span class="auto-plan-mark" aria-hidden="true">
                                −
                              </span>
                              <span class="visually-hidden">{t('plan.removed')}</span>
                              <RequirementLabel id={id} requirement={label(id)} />
                            </li>
                          )}
                        </For>
                      </ul>
                      <Show when={it.kept.length > 0}>
                        <p class="muted auto-plan-kept">
                          {t('plan.kept', { count: String(it.kept.length) })}
                        </p>
                      </Show>
                      <Show when={it.added.length + it.removed.length + it.kept.length === 0}>
                        <p class="muted auto-plan-kept">{t('plan.autoPlanEmptyIteration')}</p>
                      </Show>
                    </section>
                  )}
                </For>
                <Show when={s().notFitting.length > 0}>
                  <section class="auto-plan-iteration auto-plan-unfit" data-testid="auto-plan-unfit">
                    <header class="auto-plan-header">
                      <h3>{t('plan.notFitting')}</h3>
                      <span class="muted">{String(s().notFitting.length)}</span>
                    </header>
                    <ul class="auto-plan-list">
                      <For each={s().notFitting}>
                        {(u) => (
                          <li>
                            <RequirementLabel id={u.id} requirement={label(u.id)} fallbackKey={u.key} />
                            <span class="tag" classList={{ 'tag-warning': u.reason === 'unestimated' }}>
                              {u.reason === 'unestimated'
                                ? t('plan.reasonUnestimated')
                                : t('plan.reasonCapacity')}
                            </span>
                          </li>
                        )}
                      </For>
                    </ul>
                  </section>
                </Show>
              </>
            )}
          </Show>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onOpenChange(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            disabled={!summary() || summary()?.moves === 0 || apply.isPending}
            onClick={applyPlan}
          >
            {apply.isPending ? t('common.working') : t('plan.apply')}
          </button>
        </div>
      </div>
    </Modal>
  )
}

function RequirementLabel(props: { id: number; requirement?: RequirementListItem; fallbackKey?: string }) {
  const { points } = useI18n()
  return (
    <>
      <span class="key-chip">{props.requirement?.key ?? props.fallbackKey ?? `#${props.id}`}</span>
      <span class="auto-plan-title">{props.requirement?.title ?? ''}</span>
      <Show when={props.requirement}>
        {(r) => (
          <span class="auto-plan-points">{r().estimate === null ? '—' : points(r().estimate ?? 0)}</span>
        )}
      </Show>
    </>
  )
}

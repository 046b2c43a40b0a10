// Auto-plan: the planner's proposal (a dry run) shown per iteration — what comes in, what leaves, what
// does not fit and why — and applied only when the PM says so.
import { useQueryClient } from '@tanstack/solid-query'
import { createMemo, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PreviewDialog } from '../../ui/preview-dialog'
import { type RequirementListItem, requirementKeys } from '../backlog/queries'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { formatPoints } from './capacity'
import { CapacityBar } from './capacity-bar'
import { type IterationChange, summarizePlan } from './plan-preview'
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
    <PreviewDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      onOpen={() => {
        apply.reset()
        preview.mutate({ dryRun: true })
      }}
      title={t('plan.autoPlanTitle')}
      description={t('plan.autoPlanIntro')}
      class="auto-plan"
      previewing={preview.isPending}
      error={preview.error ?? apply.error}
      unavailable={plannedIterations().length > 0 ? undefined : t('plan.autoPlanNoIterations')}
      answer={summary()}
      summary={(s) =>
        s.moves === 0 ? t('plan.autoPlanNothing') : t('plan.autoPlanMoves', { count: String(s.moves) })
      }
      applyLabel={t('plan.apply')}
      canApply={(summary()?.moves ?? 0) > 0}
      applying={apply.isPending}
      onApply={applyPlan}
    >
      {(s) => (
        <>
          <For each={s().iterations}>{(change) => <IterationProposal change={change} label={label} />}</For>
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
                        {u.reason === 'unestimated' ? t('plan.reasonUnestimated') : t('plan.reasonCapacity')}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
        </>
      )}
    </PreviewDialog>
  )
}

type Known = (id: number) => RequirementListItem | undefined

/** One planned iteration as the plan would leave it: its load, and what comes in and what leaves. */
function IterationProposal(props: { change: IterationChange; label: Known }) {
  const { t } = useI18n()
  const change = () => props.change
  return (
    <section class="auto-plan-iteration" data-testid="auto-plan-iteration">
      <header class="auto-plan-header">
        <h3>{change().name}</h3>
        <span class="muted">
          {t('plan.autoPlanLoad', {
            load: formatPoints(change().load),
            capacity: formatPoints(change().featureCapacity),
          })}
        </span>
      </header>
      <CapacityBar
        compact
        load={{
          capacity: change().capacity,
          featureLoad: change().load,
          featureCapacity: change().featureCapacity,
          stabilityReserved: change().capacity - change().featureCapacity,
          stabilityUsed: 0,
        }}
      />
      <ul class="auto-plan-list">
        <For each={change().added}>{(id) => <Move kind="added" id={id} requirement={props.label(id)} />}</For>
        <For each={change().removed}>
          {(id) => <Move kind="removed" id={id} requirement={props.label(id)} />}
        </For>
      </ul>
      <Show when={change().kept.length > 0}>
        <p class="muted auto-plan-kept">{t('plan.kept', { count: String(change().kept.length) })}</p>
      </Show>
      <Show when={change().added.length + change().removed.length + change().kept.length === 0}>
        <p class="muted auto-plan-kept">{t('plan.autoPlanEmptyIteration')}</p>
      </Show>
    </section>
  )
}

/** A requirement coming into (+) or leaving (−) an iteration. */
function Move(props: { kind: 'added' | 'removed'; id: number; requirement?: RequirementListItem }) {
  const { t } = useI18n()
  return (
    <li class={props.kind === 'added' ? 'is-added' : 'is-removed'}>
      <span class="auto-plan-mark" aria-hidden="true">
        {props.kind === 'added' ? '+' : '−'}
      </span>
      <span class="visually-hidden">{t(`plan.${props.kind}`)}</span>
      <RequirementLabel id={props.id} requirement={props.requirement} />
    </li>
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

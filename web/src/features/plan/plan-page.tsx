// Iteration planning: the unplanned backlog beside the upcoming iterations with their capacity bars;
// drag a requirement into an iteration (or back), or use its "move to" menu; auto-plan with a preview;
// warnings for over-capacity, a stability budget eaten by feature work, and rank inversions.
import './plan.css'
import '../backlog/backlog.css'
import { createQuery } from '@tanstack/solid-query'
import {
  DragDropProvider,
  DragDropSensors,
  type Draggable,
  DragOverlay,
  type Droppable,
} from '@thisbeyond/solid-dnd'
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Boundary } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { PlanIcon, PlusIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import type { RequirementListItem } from '../backlog/queries'
import { ProductPage } from '../products/product-page'
import type { Product } from '../products/queries'
import { holdLiveUpdates } from '../workspaces/live'
import { useWorkspace } from '../workspaces/workspace-context'
import { AutoPlanDialog } from './auto-plan'
import { NewIterationDialog } from './new-iteration'
import { CardList, type Column, ColumnSkeleton, IterationHeader, Lane } from './plan-lanes'
import { type Iteration, iterationsQuery, upcoming, useMoveToIteration } from './queries'

export default function PlanPage() {
  const { t } = useI18n()
  return (
    <ProductPage title={t('plan.title')} icon={<PlanIcon />}>
      {(product) => <Plan product={product()} />}
    </ProductPage>
  )
}

/** The list queries of the plan page: the unplanned backlog and one per iteration. */
export const unplannedListQuery = {
  iterationId: 'none',
  status: 'approved',
  sort: 'rank',
  limit: '500',
} as const
export const iterationListQuery = (id: number) =>
  ({ iterationId: String(id), sort: 'rank', limit: '500' }) as const

/** Where a card can go: an iteration's id, or null for the unplanned backlog. */

function Plan(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const [creating, setCreating] = createSignal(false)
  const [planning, setPlanning] = createSignal(false)
  const [planned, setPlanned] = createSignal<string>()
  const canPlan = () => ws.can('iteration.plan') && ws.can('requirement.update')
  const iterations = createQuery(() => iterationsQuery(ws.id(), props.product.id))
  const open = createMemo(() => upcoming(iterations.data?.items ?? []))

  const newIteration = () => (
    <Show when={ws.can('iteration.manage')}>
      <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
        <PlusIcon />
        {t('plan.newIteration')}
      </button>
    </Show>
  )
  const actions = () => (
    <>
      <Show when={ws.can('iteration.plan')}>
        <button type="button" class="btn" onClick={() => setPlanning(true)}>
          {t('plan.autoPlan')}
        </button>
      </Show>
      {newIteration()}
    </>
  )

  return (
    <div class="page-fill plan-page">
      <PageHeader
        title={t('plan.title')}
        intro={t('plan.intro', { product: props.product.name })}
        actions={actions()}
      />
      <Show when={planned()}>
        {(message) => (
          <p class="notice notice-info plan-done" role="status">
            {message()}
          </p>
        )}
      </Show>
      <Show when={!canPlan()}>
        <p class="notice notice-info plan-readonly">{t('plan.readOnly')}</p>
      </Show>
      <Warnings iterations={open()} />
      <PlanBoard
        product={props.product}
        iterations={open()}
        canPlan={canPlan()}
        noIterations={
          <EmptyState
            icon={<PlanIcon />}
            title={t('plan.noIterationsTitle')}
            body={ws.can('iteration.manage') ? t('plan.noIterationsBody') : t('plan.noIterationsReadOnly')}
            action={newIteration()}
          />
        }
      />
      <NewIterationDialog
        open={creating()}
        onOpenChange={setCreating}
        product={props.product}
        iterations={iterations.data?.items ?? []}
      />
      <AutoPlanDialog
        open={planning()}
        onOpenChange={setPlanning}
        product={props.product}
        iterations={open()}
        onApplied={setPlanned}
      />
    </div>
  )
}

function Warnings(props: { iterations: Iteration[] }) {
  const { t } = useI18n()
  const over = () => props.iterations.filter((it) => it.overCapacity)
  const eaten = () => props.iterations.filter((it) => it.stabilityBudgetEaten && !it.overCapacity)
  const inversions = () => props.iterations.flatMap((it) => it.inversions)
  return (
    <Show when={over().length + eaten().length + inversions().length > 0}>
      <div class="notice notice-warning plan-warnings" role="note">
        <ul class="notice-body">
          <For each={over()}>{(it) => <li>{t('plan.warnOver', { name: it.name })}</li>}</For>
          <For each={eaten()}>{(it) => <li>{t('plan.warnEaten', { name: it.name })}</li>}</For>
          <Show when={inversions().length > 0}>
            <li>{t('plan.warnInversions', { count: String(inversions().length) })}</li>
          </Show>
        </ul>
      </div>
    </Show>
  )
}

/** The columns: unplanned first, then each iteration; cards drag between them. */
function PlanBoard(props: {
  product: Product
  iterations: Iteration[]
  canPlan: boolean
  noIterations: JSX.Element
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const move = useMoveToIteration(ws.id, () => props.product.id)
  const [error, setError] = createSignal<unknown>()
  const [announcement, setAnnouncement] = createSignal('')
  // Cards by id, so a drop knows what it moved (filled by the columns as they render).
  const cards = new Map<number, RequirementListItem>()
  let release: (() => void) | undefined

  const columnName = (column: Column) =>
    column === null ? t('plan.unplanned') : (props.iterations.find((it) => it.id === column)?.name ?? '')

  const moveTo = (requirement: RequirementListItem, column: Column) => {
    if (requirement.iterationId === column) return
    setError(undefined)
    move.mutate(
      { requirement, iterationId: column },
      {
        onSuccess: () =>
          setAnnouncement(t('plan.moved', { key: requirement.key, column: columnName(column) })),
        onError: (err) => {
          setError(err)
          setAnnouncement(t('plan.moveFailed', { key: requirement.key }))
        },
      },
    )
  }

  const onDragEnd = ({ draggable, droppable }: { draggable: Draggable; droppable?: Droppable | null }) => {
    release?.()
    release = undefined
    const requirement = cards.get(Number(draggable.id))
    if (!droppable || !requirement) return
    moveTo(requirement, droppable.data.column as Column)
  }

  return (
    <DragDropProvider
      collisionDetector={columnUnderCard}
      onDragStart={() => {
        release = holdLiveUpdates()
      }}
      onDragEnd={onDragEnd}
    >
      <DragDropSensors>
        <ErrorNotice error={error()} class="plan-error" overrides={{ 409: t('plan.moveConflict') }} />
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement()}
        </div>
        <div class="plan-board">
          <Lane
            column={null}
            title={t('plan.unplanned')}
            subtitle={t('plan.unplannedHint')}
            canPlan={props.canPlan}
          >
            <Boundary fallback={<ColumnSkeleton />}>
              <CardList
                product={props.product}
                query={unplannedListQuery}
                column={null}
                iterations={props.iterations}
                canPlan={props.canPlan}
                cards={cards}
                onMove={moveTo}
                empty={t('plan.unplannedEmpty')}
                showTotal
              />
            </Boundary>
          </Lane>
          <div class="plan-iterations">
            {/* Keyed by id: a refetch brings new objects, and the columns should stay put. */}
            <For each={props.iterations.map((it) => it.id)} fallback={props.noIterations}>
              {(id) => {
                const iteration = () => props.iterations.find((it) => it.id === id)
                return (
                  <Show when={iteration()}>
                    {(it) => (
                      <Lane
                        column={id}
                        title={it().name}
                        canPlan={props.canPlan}
                        header={
                          <IterationHeader
                            iteration={it()}
                            others={props.iterations.filter((o) => o.id !== id)}
                          />
                        }
                      >
                        <Boundary fallback={<ColumnSkeleton />}>
                          <CardList
                            product={props.product}
                            query={iterationListQuery(id)}
                            column={id}
                            iterations={props.iterations}
                            inverted={new Set(it().inversions.map((i) => i.requirementId))}
                            canPlan={props.canPlan}
                            cards={cards}
                            onMove={moveTo}
                            empty={
                              props.canPlan ? t('plan.iterationEmpty') : t('plan.iterationEmptyReadOnly')
                            }
                          />
                        </Boundary>
                      </Lane>
                    )}
                  </Show>
                )
              }}
            </For>
          </div>
        </div>
        <DragOverlay class="backlog-drag-overlay">
          {(draggable) => (
            <Show when={draggable && cards.get(Number(draggable.id))}>
              {(r) => (
                <div class="drag-card plan-drag-card">
                  <span class="key-chip">{r().key}</span>
                  <span class="drag-card-title">{r().title}</span>
                  <span class="plan-card-points">{r().estimate ?? '—'}</span>
                </div>
              )}
            </Show>
          )}
        </DragOverlay>
      </DragDropSensors>
    </DragDropProvider>
  )
}

/** The column whose box holds the card's centre; else the nearest one left or right. */
const columnUnderCard: Parameters<typeof DragDropProvider>[0]['collisionDetector'] = (
  draggable,
  droppables,
) => {
  const { x, y } = draggable.transformed.center
  let best: (typeof droppables)[number] | null = null
  let distance = Number.POSITIVE_INFINITY
  for (const droppable of droppables) {
    if (!droppable) continue
    const l = droppable.layout
    const inside = x >= l.left && x <= l.right && y >= l.top - 40 && y <= l.bottom + 40
    const d = inside ? 0 : Math.min(Math.abs(x - l.left), Math.abs(x - l.right))
    if (d < distance) {
      best = droppable
      distance = d
    }
  }
  return best
}

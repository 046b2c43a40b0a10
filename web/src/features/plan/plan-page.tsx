// Iteration planning: the unplanned backlog beside the upcoming iterations with their capacity bars;
// drag a requirement into an iteration (or back), or use its "move to" menu; auto-plan with a preview;
// warnings for over-capacity, a stability budget eaten by feature work, and rank inversions.
import './plan.css'
import '../backlog/backlog.css'
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import {
  createDraggable,
  createDroppable,
  DragDropProvider,
  DragDropSensors,
  type Draggable,
  DragOverlay,
  type Droppable,
} from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Boundary } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { ChevronIcon, CustomersIcon, PlanIcon, PlusIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { activateOn } from '../backlog/drag'
import { PriorityPill, StatusPill } from '../backlog/pills'
import { ProductGate } from '../backlog/product-gate'
import { type RequirementListItem, requirementListQuery } from '../backlog/queries'
import type { Product } from '../products/queries'
import { holdLiveUpdates } from '../workspaces/live'
import { useWorkspace } from '../workspaces/workspace-context'
import { AutoPlanDialog } from './auto-plan'
import { formatPoints } from './capacity'
import { CapacityBar } from './capacity-bar'
import { NewIterationDialog } from './new-iteration'
import {
  type Iteration,
  iterationsQuery,
  upcoming,
  useMoveToIteration,
  useUpdateIterationStatus,
} from './queries'

export default function PlanPage() {
  return <ProductGate>{(product) => <Plan product={product()} />}</ProductGate>
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
type Column = number | null
const columnId = (column: Column) => (column === null ? 'unplanned' : `iteration-${column}`)

function Plan(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const [creating, setCreating] = createSignal(false)
  const [planning, setPlanning] = createSignal(false)
  const [planned, setPlanned] = createSignal<string>()
  const canPlan = () => ws.can('iteration.plan') && ws.can('requirement.update')
  const iterations = createQuery(() => iterationsQuery(ws.id(), props.product.id))
  const open = createMemo(() => upcoming(iterations.data?.items ?? []))

  const actions = () => (
    <>
      <Show when={ws.can('iteration.plan')}>
        <button type="button" class="btn" onClick={() => setPlanning(true)}>
          {t('plan.autoPlan')}
        </button>
      </Show>
      <Show when={ws.can('iteration.manage')}>
        <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
          <PlusIcon />
          {t('plan.newIteration')}
        </button>
      </Show>
    </>
  )

  return (
    <div class="plan-page">
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
            action={
              <Show when={ws.can('iteration.manage')}>
                <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
                  <PlusIcon />
                  {t('plan.newIteration')}
                </button>
              </Show>
            }
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
                        header={<IterationHeader iteration={it()} />}
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

function Lane(props: {
  column: Column
  title: string
  subtitle?: string
  header?: JSX.Element
  canPlan: boolean
  children: JSX.Element
}) {
  const droppable = createDroppable(columnId(props.column), { column: props.column })
  return (
    <section
      ref={droppable.ref}
      class="plan-lane"
      classList={{ 'is-unplanned': props.column === null, 'is-over': droppable.isActiveDroppable }}
      aria-label={props.title}
      data-testid={props.column === null ? 'plan-unplanned' : 'plan-iteration'}
      data-column={columnId(props.column)}
    >
      <Show
        when={props.header}
        fallback={
          <header class="plan-lane-header">
            <h2>{props.title}</h2>
            <Show when={props.subtitle}>
              <p class="plan-lane-sub">{props.subtitle}</p>
            </Show>
          </header>
        }
      >
        {props.header}
      </Show>
      {props.children}
    </section>
  )
}

function IterationHeader(props: { iteration: Iteration }) {
  const { t, formatDate } = useI18n()
  const ws = useWorkspace()
  const status = useUpdateIterationStatus(ws.id)
  const it = () => props.iteration
  return (
    <header class="plan-lane-header">
      <div class="plan-lane-title">
        <h2>{it().name}</h2>
        <span class="tag" classList={{ 'tag-active': it().status === 'active' }}>
          {t(`work.iterationStatus.${it().status}`)}
        </span>
        <Show when={ws.can('iteration.manage')}>
          <DropdownMenu gutter={4} placement="bottom-end">
            <DropdownMenu.Trigger
              class="icon-btn plan-lane-menu"
              aria-label={t('plan.iterationMenu', { name: it().name })}
            >
              <ChevronIcon />
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content class="menu">
                <Show when={it().status === 'planned'}>
                  <DropdownMenu.Item
                    class="menu-item"
                    onSelect={() => status.mutate({ iteration: it(), status: 'active' })}
                  >
                    {t('plan.start')}
                  </DropdownMenu.Item>
                </Show>
                <Show when={it().status === 'active'}>
                  <DropdownMenu.Item
                    class="menu-item"
                    onSelect={() => status.mutate({ iteration: it(), status: 'closed' })}
                  >
                    {t('plan.complete')}
                  </DropdownMenu.Item>
                </Show>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu>
        </Show>
      </div>
      <p class="plan-lane-sub">
        {formatDate(it().startDate)} – {formatDate(it().endDate)}
      </p>
      <Show when={it().goal}>
        <p class="plan-lane-goal" title={it().goal}>
          {it().goal}
        </p>
      </Show>
      <CapacityBar load={it()} />
      <Show when={it().overCapacity}>
        <p class="plan-flag plan-flag-danger">
          {t('plan.overBy', { points: formatPoints(it().load - it().capacity) })}
        </p>
      </Show>
      <Show when={it().stabilityBudgetEaten && !it().overCapacity}>
        <p class="plan-flag plan-flag-warning">{t('plan.budgetEaten')}</p>
      </Show>
      <For each={it().inversions}>
        {(inversion) => (
          <p class="plan-flag plan-flag-warning">
            {t('plan.inversion', { key: inversion.key, other: inversion.aheadOf.key })}
          </p>
        )}
      </For>
      <ErrorNotice error={status.error} overrides={{ 409: t('plan.statusConflict') }} />
    </header>
  )
}

function CardList(props: {
  product: Product
  query: Record<string, string>
  column: Column
  iterations: Iteration[]
  inverted?: Set<number>
  canPlan: boolean
  cards: Map<number, RequirementListItem>
  onMove: (requirement: RequirementListItem, column: Column) => void
  empty: string
  showTotal?: boolean
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const list = createQuery(() => requirementListQuery(ws.id(), props.product.id, props.query))
  const items = () => list.data?.items ?? []
  const byId = createMemo(() => new Map(items().map((r) => [r.id, r])))
  const points = () => items().reduce((sum, r) => sum + (r.estimate ?? 0), 0)
  return (
    <>
      <Show when={props.showTotal}>
        <p class="plan-lane-total">
          {t('plan.unplannedTotal', { count: String(items().length), points: formatPoints(points()) })}
        </p>
      </Show>
      <ul class="plan-cards">
        {/* Keyed by id: a refetch brings new objects, and cards should not be re-created under the pointer. */}
        <For each={items().map((r) => r.id)} fallback={<li class="plan-cards-empty">{props.empty}</li>}>
          {(id) => (
            <Show when={byId().get(id)}>
              {(requirement) => {
                createEffect(() => props.cards.set(id, requirement()))
                return (
                  <PlanCard
                    requirement={requirement()}
                    column={props.column}
                    iterations={props.iterations}
                    inverted={props.inverted?.has(id) ?? false}
                    canPlan={props.canPlan}
                    onMove={props.onMove}
                  />
                )
              }}
            </Show>
          )}
        </For>
      </ul>
    </>
  )
}

function PlanCard(props: {
  requirement: RequirementListItem
  column: Column
  iterations: Iteration[]
  inverted: boolean
  canPlan: boolean
  onMove: (requirement: RequirementListItem, column: Column) => void
}) {
  const { t, points } = useI18n()
  const ws = useWorkspace()
  const draggable = createDraggable(props.requirement.id)
  const r = () => props.requirement
  const targets = () =>
    [
      ...props.iterations.map((it) => ({ column: it.id as Column, name: it.name })),
      { column: null as Column, name: t('plan.unplanned') },
    ].filter((target) => target.column !== props.column)
  return (
    <li
      ref={(el) => {
        draggable.ref(el)
        if (props.canPlan) activateOn(el, draggable)
      }}
      class="plan-card"
      classList={{ 'is-dragging': draggable.isActiveDraggable, 'can-drag': props.canPlan }}
      data-testid="plan-card"
      data-key={r().key}
    >
      <div class="plan-card-top">
        <A class="key-chip key-link" href={`/w/${ws.id()}/i/${r().key}`} draggable={false}>
          {r().key}
        </A>
        <PriorityPill priority={r().priority} short />
        <Show when={props.column !== null && r().status !== 'planned'}>
          <StatusPill status={r().status} />
        </Show>
        <span class="plan-card-points" title={t('work.terms.estimate')}>
          <Show
            when={r().estimate !== null}
            fallback={<span class="tag tag-warning">{t('plan.noEstimate')}</span>}
          >
            {points(r().estimate ?? 0)}
          </Show>
        </span>
        <Show when={props.canPlan}>
          <DropdownMenu gutter={4} placement="bottom-end">
            <DropdownMenu.Trigger
              class="icon-btn plan-card-menu"
              aria-label={t('plan.moveMenu', { key: r().key })}
            >
              <ChevronIcon />
            </DropdownMenu.Trigger>
            <DropdownMenu.Portal>
              <DropdownMenu.Content class="menu">
                <span class="menu-label">{t('plan.moveTo')}</span>
                <For each={targets()}>
                  {(target) => (
                    <DropdownMenu.Item class="menu-item" onSelect={() => props.onMove(r(), target.column)}>
                      {target.name}
                    </DropdownMenu.Item>
                  )}
                </For>
              </DropdownMenu.Content>
            </DropdownMenu.Portal>
          </DropdownMenu>
        </Show>
      </div>
      <p class="plan-card-title">{r().title}</p>
      <Show when={r().askCount > 0 || props.inverted || r().pinned}>
        <p class="plan-card-meta">
          <Show when={r().askCount > 0}>
            <span class="plan-card-asks" title={t('plan.asks', { count: String(r().askCount) })}>
              <CustomersIcon />
              {r().askCount}
            </span>
          </Show>
          <Show when={r().pinned}>
            <span class="tag">{t('plan.pinned')}</span>
          </Show>
          <Show when={props.inverted}>
            <span class="tag tag-warning">{t('plan.inverted')}</span>
          </Show>
        </p>
      </Show>
    </li>
  )
}

function ColumnSkeleton() {
  return (
    <ul class="plan-cards" aria-hidden="true">
      <For each={[1, 2, 3]}>
        {() => (
          <li class="plan-card plan-card-skeleton">
            <span class="skeleton-bar short" />
            <span class="skeleton-bar long" />
          </li>
        )}
      </For>
    </ul>
  )
}

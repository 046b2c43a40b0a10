// The plan's columns: a lane with its iteration header (dates, capacity, budget), its card list, a
// requirement card, and the skeleton shown while a column loads.
import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createDraggable, createDroppable } from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { ChevronIcon, CustomersIcon } from '../../ui/icons'
import { afterMenuCloses } from '../../ui/menu'
import { activateOn } from '../backlog/drag'
import { PriorityPill, StatusPill } from '../backlog/pills'
import { type RequirementListItem, requirementListQuery } from '../backlog/queries'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { formatPoints } from './capacity'
import { CapacityBar } from './capacity-bar'
import { DeleteIterationDialog, EditIterationDialog } from './iteration-dialogs'
import { type Iteration, useUpdateIterationStatus } from './queries'

/** A column of the plan: an iteration's id, or null for the unplanned requirements. */
export type Column = number | null
const columnId = (column: Column) => (column === null ? 'unplanned' : `iteration-${column}`)

export function Lane(props: {
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

export function IterationHeader(props: { iteration: Iteration; others: Iteration[] }) {
  const { t, formatDate } = useI18n()
  const ws = useWorkspace()
  const status = useUpdateIterationStatus(ws.id)
  const it = () => props.iteration
  const [editing, setEditing] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const menu = afterMenuCloses()
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
              <DropdownMenu.Content class="menu" onCloseAutoFocus={menu.onCloseAutoFocus}>
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
                <DropdownMenu.Item class="menu-item" onSelect={() => menu.open(() => setEditing(true))}>
                  {t('plan.edit')}
                </DropdownMenu.Item>
                <DropdownMenu.Item class="menu-item" onSelect={() => menu.open(() => setDeleting(true))}>
                  {t('plan.delete')}
                </DropdownMenu.Item>
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
      <Show when={ws.can('iteration.manage')}>
        <EditIterationDialog iteration={it()} open={editing()} onOpenChange={setEditing} />
        <DeleteIterationDialog
          iteration={it()}
          others={props.others}
          open={deleting()}
          onOpenChange={setDeleting}
        />
      </Show>
    </header>
  )
}

export function CardList(props: {
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

export function PlanCard(props: {
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

export function ColumnSkeleton() {
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

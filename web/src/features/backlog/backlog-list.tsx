// The ranked list: a virtualized table (only the rows in view are in the DOM, so 10,000 scroll smoothly),
// pages of 500 fetched as the user nears the end, drag to re-rank (solid-dnd) and Alt+↑/↓ on a focused
// row, each one rank call, optimistic with rollback; inline priority and estimate edits.
import { A, useNavigate } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createVirtualizer, defaultRangeExtractor } from '@tanstack/solid-virtual'
import {
  createDraggable,
  createDroppable,
  DragDropProvider,
  DragDropSensors,
  type DragEvent,
  DragOverlay,
  useDragDropContext,
} from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, Index, onCleanup, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { BacklogIcon, PlusIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { iterationsQuery } from '../plan/queries'
import type { Product } from '../products/queries'
import { holdLiveUpdates } from '../workspaces/live'
import { useWorkspace } from '../workspaces/workspace-context'
import { activateOn } from './drag'
import { type BacklogFilter, filterToQuery, isDefaultFilter, PRIORITIES } from './filters'
import { keepWhileTyping } from './inputs'
import { PriorityPill, StatusPill } from './pills'
import {
  createBacklogQuery,
  loaded,
  type RequirementListItem,
  useRankRequirement,
  useUpdateRequirement,
} from './queries'
import { dropIndex, type RankTarget, rankTargetForMove } from './rank'

const ROW_HEIGHT = 52
const HEADER_HEIGHT = 34
/** Ask for the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 100

export function BacklogList(props: {
  product: Product
  filter: BacklogFilter
  onCreate: () => void
  onClearFilters: () => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const query = createBacklogQuery(() => ({
    ws: ws.id(),
    productId: props.product.id,
    query: filterToQuery(props.filter),
  }))
  const items = createMemo(() => loaded(query)?.pages.flatMap((p) => p.items) ?? [])

  // The list shows its own skeleton rather than suspending, so the table mounts once, in the page.
  return (
    <Show
      when={items().length > 0 || query.isPending}
      fallback={
        <Show
          when={isDefaultFilter(props.filter)}
          fallback={
            <EmptyState
              title={t('backlog.noMatchTitle')}
              body={t('backlog.noMatchBody')}
              action={
                <button type="button" class="btn" onClick={() => props.onClearFilters()}>
                  {t('backlog.clearFilters')}
                </button>
              }
            />
          }
        >
          <EmptyState
            icon={<BacklogIcon />}
            title={t('backlog.emptyTitle')}
            body={ws.can('requirement.create') ? t('backlog.emptyBody') : t('backlog.emptyReadOnly')}
            action={
              <Show when={ws.can('requirement.create')}>
                <button type="button" class="btn btn-primary" onClick={() => props.onCreate()}>
                  <PlusIcon />
                  {t('backlog.new')}
                </button>
              </Show>
            }
          />
        </Show>
      }
    >
      <Show when={!query.isPending} fallback={<BacklogSkeleton />}>
        <RankedTable
          product={props.product}
          items={items()}
          hasMore={query.hasNextPage}
          loadingMore={query.isFetchingNextPage}
          loadMore={() => void query.fetchNextPage()}
        />
      </Show>
    </Show>
  )
}

interface DropHint {
  id: number
  side: 'before' | 'after'
}

function RankedTable(props: {
  product: Product
  items: RequirementListItem[]
  hasMore: boolean
  loadingMore: boolean
  loadMore: () => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const rank = useRankRequirement(ws.id, () => props.product.id)
  const [actionError, setActionError] = createSignal<unknown>()
  const [announcement, setAnnouncement] = createSignal('')
  const [focusIndex, setFocusIndex] = createSignal(0)
  const [dragIndex, setDragIndex] = createSignal<number>()
  const [dropHint, setDropHint] = createSignal<DropHint>()
  const canRank = () => ws.can('requirement.rank')
  let scroller!: HTMLDivElement

  const iterations = createQuery(() => ({
    ...iterationsQuery(ws.id(), props.product.id),
    enabled: ws.can('iteration.view'),
    throwOnError: false,
  }))
  const iterationName = (id: number | null) =>
    id === null ? undefined : loaded(iterations)?.items.find((it) => it.id === id)?.name

  const virtualizer = createVirtualizer({
    get count() {
      return props.items.length + (props.hasMore ? 1 : 0)
    },
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    scrollMargin: HEADER_HEIGHT,
    // The row being dragged stays rendered even when scrolled out of view, so the drag is not lost.
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range)
      const dragged = dragIndex()
      if (dragged !== undefined && !indexes.includes(dragged)) indexes.push(dragged)
      return indexes.sort((a, b) => a - b)
    },
  })

  createEffect(() => {
    const last = virtualizer.getVirtualItems().at(-1)
    if (last && props.hasMore && !props.loadingMore && last.index >= props.items.length - PREFETCH_ROWS)
      props.loadMore()
  })

  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(index, props.items.length - 1))
    setFocusIndex(i)
    virtualizer.scrollToIndex(i, { align: 'auto' })
    requestAnimationFrame(() =>
      scroller.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus({ preventScroll: true }),
    )
  }

  // A row moved with the keyboard is re-created at its new place (and again if a refresh reorders the
  // list): focus follows it there until the user clicks or moves on.
  const [followId, setFollowId] = createSignal<number>()
  createEffect(() => {
    const id = followId()
    // Rows are also re-created when the window of rendered rows shifts: follow then too.
    virtualizer.getVirtualItems()
    const index = props.items.findIndex((r) => r.id === id)
    if (id === undefined || index < 0) return
    setFocusIndex(index)
    requestAnimationFrame(() => {
      // Only when focus was lost with the old row: never take it from something the user moved on to.
      const lost = !document.activeElement || document.activeElement === document.body
      if (!lost || followId() !== id) return
      virtualizer.scrollToIndex(index, { align: 'auto' })
      requestAnimationFrame(() =>
        scroller.querySelector<HTMLElement>(`[data-id="${id}"]`)?.focus({ preventScroll: true }),
      )
    })
  })
  const stopFollowing = () => setFollowId(undefined)
  document.addEventListener('pointerdown', stopFollowing, true)
  onCleanup(() => document.removeEventListener('pointerdown', stopFollowing, true))

  const rankFailed = (err: unknown) => {
    setActionError(err)
    setAnnouncement(t('backlog.rankFailed'))
  }

  const move = (from: number, to: number, viaKeyboard: boolean) => {
    const ids = props.items.map((r) => r.id)
    const target = rankTargetForMove(ids, from, to)
    const item = props.items[from]
    if (!target || !item) return
    setActionError(undefined)
    const anchorKey = props.items.find((r) => r.id === anchorOf(target))?.key ?? ''
    rank.mutate(
      { id: item.id, target },
      {
        onError: rankFailed,
        onSuccess: () =>
          setAnnouncement(
            t('beforeId' in target ? 'backlog.movedBefore' : 'backlog.movedAfter', {
              key: item.key,
              position: String(to + 1),
              other: anchorKey,
            }),
          ),
      },
    )
    if (viaKeyboard) setFollowId(item.id)
  }

  const onRowKey = (e: KeyboardEvent, index: number) => {
    if (e.target !== e.currentTarget) return
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      e.preventDefault()
      if (!canRank()) {
        setAnnouncement(t('backlog.cannotRank'))
        return
      }
      const to = e.key === 'ArrowUp' ? index - 1 : index + 1
      if (to < 0 || to >= props.items.length) return
      move(index, to, true)
      return
    }
    if (e.altKey && e.key === 'Home' && canRank() && index > 0) {
      e.preventDefault()
      move(index, 0, true)
      return
    }
    const next: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      Home: 0,
      End: props.items.length - 1,
      PageDown: index + 10,
      PageUp: index - 10,
    }
    if (e.key in next) {
      e.preventDefault()
      setFollowId(undefined)
      focusRow(next[e.key]!)
    } else if (e.key === 'Enter') {
      const item = props.items[index]
      if (item) navigate(`/w/${ws.id()}/i/${item.key}`)
    }
  }

  return (
    <DragDropProvider collisionDetector={closestRow}>
      <DragDropSensors>
        <DragBehaviour
          items={props.items}
          scroller={() => scroller}
          onStart={(index) => setDragIndex(index)}
          onHint={setDropHint}
          onDrop={(from, over, side) => {
            setDragIndex(undefined)
            setDropHint(undefined)
            if (over !== undefined) move(from, dropIndex(from, over, side), false)
          }}
        />
        <ErrorNotice
          error={actionError()}
          overrides={{ 409: t('backlog.rankConflict') }}
          class="backlog-error"
        />
        <div class="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement()}
        </div>
        <p id="backlog-keyboard-hint" class="visually-hidden">
          {canRank() ? t('backlog.keyboardHint') : t('backlog.keyboardHintReadOnly')}
        </p>
        <div class="backlog-table" classList={{ 'can-rank': canRank() }}>
          <div class="backlog-scroll" ref={scroller}>
            <table
              class="backlog-grid"
              aria-label={t('backlog.tableLabel', { product: props.product.name })}
              aria-rowcount={props.hasMore ? -1 : props.items.length + 1}
            >
              <thead class="backlog-head">
                <tr class="backlog-row backlog-header-row" aria-rowindex={1}>
                  <th scope="col" class="col-handle">
                    <span class="visually-hidden">{t('backlog.colHandle')}</span>
                  </th>
                  <th scope="col" class="col-rank">
                    {t('backlog.colRank')}
                  </th>
                  <th scope="col">{t('backlog.colKey')}</th>
                  <th scope="col">{t('backlog.colTitle')}</th>
                  <th scope="col">{t('backlog.colPriority')}</th>
                  <th scope="col">{t('backlog.colStatus')}</th>
                  <th scope="col" class="num">
                    {t('work.terms.estimate')}
                  </th>
                  <th scope="col" class="num" title={t('backlog.scoreHint')}>
                    {t('work.terms.score')}
                  </th>
                  <th scope="col" class="num" title={t('backlog.asksHint')}>
                    {t('work.terms.asks')}
                  </th>
                  <th scope="col" class="col-iteration">
                    {t('work.terms.iteration')}
                  </th>
                </tr>
              </thead>
              <tbody
                class="backlog-canvas"
                style={{ height: `${virtualizer.getTotalSize() - HEADER_HEIGHT}px` }}
              >
                {/* Index, not For: the virtualizer hands out new objects on every change, and a slot whose
                    requirement stays the same keeps its row (and the focus in it). */}
                <Index each={virtualizer.getVirtualItems()}>
                  {(v) => {
                    const item = () => props.items[v().index]
                    return (
                      <Show
                        when={item()?.id}
                        keyed
                        fallback={
                          <tr
                            class="backlog-row backlog-more"
                            style={{ top: `${v().start - HEADER_HEIGHT}px` }}
                          >
                            <td>
                              <span class="spinner" aria-hidden="true" />
                              {t('backlog.loadingMore')}
                            </td>
                          </tr>
                        }
                      >
                        {(id) => (
                          <BacklogRow
                            id={id}
                            item={item()!}
                            index={v().index}
                            top={v().start - HEADER_HEIGHT}
                            product={props.product}
                            iterationName={iterationName(item()?.iterationId ?? null)}
                            focusable={v().index === Math.min(focusIndex(), props.items.length - 1)}
                            dragging={dragIndex() === v().index}
                            hint={dropHint()?.id === id ? dropHint()?.side : undefined}
                            onKeyDown={(e) => onRowKey(e, v().index)}
                            onFocus={() => setFocusIndex(v().index)}
                            onError={(err) => setActionError(err)}
                          />
                        )}
                      </Show>
                    )
                  }}
                </Index>
              </tbody>
            </table>
          </div>
        </div>
        <DragOverlay class="backlog-drag-overlay">
          {(draggable) => {
            const item = () => props.items.find((r) => r.id === draggable?.id)
            return (
              <Show when={item()}>
                {(r) => (
                  <div class="drag-card">
                    <span class="key-chip">{r().key}</span>
                    <span class="drag-card-title">{r().title}</span>
                  </div>
                )}
              </Show>
            )
          }}
        </DragOverlay>
      </DragDropSensors>
    </DragDropProvider>
  )
}

const anchorOf = (target: RankTarget) => ('beforeId' in target ? target.beforeId : target.afterId)

/** The row whose vertical middle is nearest the dragged card's middle. */
const closestRow: Parameters<typeof DragDropProvider>[0]['collisionDetector'] = (draggable, droppables) => {
  const y = draggable.transformed.center.y
  let best: (typeof droppables)[number] | null = null
  let distance = Number.POSITIVE_INFINITY
  for (const droppable of droppables) {
    if (!droppable) continue
    const d = Math.abs(droppable.layout.center.y - y)
    if (d < distance) {
      best = droppable
      distance = d
    }
  }
  return best
}

/** Drag bookkeeping inside the provider: live updates held, drop hint, auto-scroll near the edges. */
function DragBehaviour(props: {
  items: RequirementListItem[]
  scroller: () => HTMLDivElement
  onStart: (index: number) => void
  onHint: (hint: DropHint | undefined) => void
  onDrop: (from: number, over: number | undefined, side: 'before' | 'after') => void
}) {
  const [state, actions] = useDragDropContext()!
  let release: (() => void) | undefined
  let speed = 0
  let frame: number | undefined
  let lastSide: 'before' | 'after' = 'after'

  const sideOf = (event: DragEvent) => {
    const card = (event.overlay ?? event.draggable).transformed.center.y
    return event.droppable && card < event.droppable.layout.center.y ? 'before' : 'after'
  }
  const indexOf = (id: unknown) => props.items.findIndex((r) => r.id === id)

  const scrollStep = () => {
    frame = undefined
    if (!speed || !state.active.draggable) return
    props.scroller().scrollTop += speed
    actions.recomputeLayouts()
    actions.detectCollisions()
    frame = requestAnimationFrame(scrollStep)
  }

  actions.onDragStart(({ draggable }) => {
    release = holdLiveUpdates()
    props.onStart(indexOf(draggable.id))
  })
  actions.onDragMove((event) => {
    const rect = props.scroller().getBoundingClientRect()
    const y = (event.overlay ?? event.draggable).transformed.center.y
    const edge = 48
    speed = y < rect.top + edge ? -12 : y > rect.bottom - edge ? 12 : 0
    if (speed && frame === undefined) frame = requestAnimationFrame(scrollStep)
    const droppable = state.active.droppable
    if (droppable && droppable.id !== event.draggable.id) {
      lastSide = sideOf({ ...event, droppable })
      props.onHint({ id: Number(droppable.id), side: lastSide })
    } else props.onHint(undefined)
  })
  actions.onDragEnd(({ draggable, droppable }) => {
    speed = 0
    release?.()
    release = undefined
    const from = indexOf(draggable.id)
    const over = droppable && droppable.id !== draggable.id ? indexOf(droppable.id) : -1
    props.onDrop(from, over >= 0 && from >= 0 ? over : undefined, lastSide)
  })
  // Rows that scroll into view during a drag register at their current place.
  const onScroll = () => {
    if (state.active.draggable) actions.recomputeLayouts()
  }
  createEffect(() => {
    const el = props.scroller()
    el.addEventListener('scroll', onScroll, { passive: true })
    onCleanup(() => el.removeEventListener('scroll', onScroll))
  })
  onCleanup(() => {
    if (frame !== undefined) cancelAnimationFrame(frame)
    release?.()
  })
  return null
}

function BacklogRow(props: {
  id: number
  item: RequirementListItem
  index: number
  top: number
  product: Product
  iterationName: string | undefined
  focusable: boolean
  dragging: boolean
  hint: 'before' | 'after' | undefined
  onKeyDown: (e: KeyboardEvent) => void
  onFocus: () => void
  onError: (err: unknown) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const draggable = createDraggable(props.id)
  const droppable = createDroppable(props.id)
  const canEdit = () => ws.can('requirement.update')
  const tab = () => (props.focusable ? 0 : -1)
  const sub = () => [props.item.role, props.item.scenario].filter(Boolean).join(' · ')
  return (
    <tr
      class="backlog-row"
      classList={{
        'is-dragging': props.dragging,
        'drop-before': props.hint === 'before',
        'drop-after': props.hint === 'after',
      }}
      ref={(el) => {
        draggable.ref(el)
        droppable.ref(el)
      }}
      style={{ top: `${props.top}px` }}
      data-index={props.index}
      data-id={props.id}
      data-testid="backlog-row"
      aria-rowindex={props.index + 2}
      aria-describedby="backlog-keyboard-hint"
      tabIndex={tab()}
      onKeyDown={(e) => props.onKeyDown(e)}
      onFocus={(e) => e.target === e.currentTarget && props.onFocus()}
    >
      <td class="col-handle">
        <Show when={ws.can('requirement.rank')}>
          <span
            class="drag-handle"
            title={t('backlog.dragHint')}
            aria-hidden="true"
            ref={(el) => activateOn(el, draggable)}
          >
            <GripIcon />
          </span>
        </Show>
      </td>
      <td class="col-rank">{props.index + 1}</td>
      <td>
        <A class="key-chip key-link" href={`/w/${ws.id()}/i/${props.item.key}`} tabIndex={tab()}>
          {props.item.key}
        </A>
      </td>
      <td class="col-title" title={sub() ? `${props.item.title}\n${sub()}` : props.item.title}>
        <A class="row-title" href={`/w/${ws.id()}/i/${props.item.key}`} tabIndex={-1}>
          {props.item.title}
        </A>
        <span class="row-sub">{sub() || t('backlog.noRole')}</span>
      </td>
      <td>
        <Show when={canEdit()} fallback={<PriorityPill priority={props.item.priority} short />}>
          <PriorityCell
            item={props.item}
            productId={props.product.id}
            tabIndex={tab()}
            onError={props.onError}
          />
        </Show>
      </td>
      <td>
        <StatusPill status={props.item.status} />
      </td>
      <td class="num">
        <Show when={canEdit()} fallback={<span>{props.item.estimate ?? '—'}</span>}>
          <EstimateCell
            item={props.item}
            productId={props.product.id}
            tabIndex={tab()}
            onError={props.onError}
          />
        </Show>
      </td>
      <td class="num">{formatScore(props.item.score)}</td>
      <td class="num" classList={{ 'cell-muted': props.item.askCount === 0 }}>
        {props.item.askCount || '—'}
      </td>
      <td class="col-iteration" classList={{ 'cell-muted': !props.iterationName }}>
        {props.iterationName ?? t('work.terms.noIteration')}
      </td>
    </tr>
  )
}

export const formatScore = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(1))

interface CellProps {
  item: RequirementListItem
  productId: number
  tabIndex: number
  onError: (err: unknown) => void
}

function PriorityCell(props: CellProps) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const update = useUpdateRequirement(ws.id)
  return (
    <select
      class="cell-select"
      data-priority={props.item.priority}
      aria-label={t('backlog.priorityOf', { key: props.item.key })}
      tabIndex={props.tabIndex}
      value={props.item.priority}
      onChange={(e) =>
        update.mutate(
          {
            id: props.item.id,
            productId: props.productId,
            patch: { priority: e.currentTarget.value as (typeof PRIORITIES)[number] },
          },
          { onError: props.onError },
        )
      }
    >
      <Index each={PRIORITIES}>
        {(p) => (
          <option value={p()} selected={p() === props.item.priority}>
            {t(`work.priority.${p()}`)}
          </option>
        )}
      </Index>
    </select>
  )
}

function EstimateCell(props: CellProps) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const update = useUpdateRequirement(ws.id)
  const save = (input: HTMLInputElement) => {
    const raw = input.value.trim()
    const value = raw === '' ? null : Number(raw)
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 1000)) {
      input.value = props.item.estimate === null ? '' : String(props.item.estimate)
      return
    }
    if (value === props.item.estimate) return
    update.mutate(
      { id: props.item.id, productId: props.productId, patch: { estimate: value } },
      { onError: props.onError },
    )
  }
  return (
    <input
      class="cell-input"
      type="number"
      min="0"
      max="1000"
      step="0.5"
      inputMode="decimal"
      placeholder="—"
      aria-label={t('backlog.estimateOf', { key: props.item.key })}
      aria-invalid={update.isError ? true : undefined}
      tabIndex={props.tabIndex}
      ref={(el) => keepWhileTyping(el, () => props.item.estimate)}
      onChange={(e) => save(e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') {
          e.currentTarget.value = props.item.estimate === null ? '' : String(props.item.estimate)
          e.currentTarget.blur()
        }
      }}
    />
  )
}

function GripIcon() {
  return (
    <svg width="10" height="14" viewBox="0 0 10 14" aria-hidden="true">
      <g fill="currentColor">
        <circle cx="3" cy="3" r="1.2" />
        <circle cx="7" cy="3" r="1.2" />
        <circle cx="3" cy="7" r="1.2" />
        <circle cx="7" cy="7" r="1.2" />
        <circle cx="3" cy="11" r="1.2" />
        <circle cx="7" cy="11" r="1.2" />
      </g>
    </svg>
  )
}

export function BacklogSkeleton() {
  const { t } = useI18n()
  return (
    <div class="backlog-table backlog-skeleton" role="status" aria-label={t('app.loading')}>
      <Index each={Array.from({ length: 8 })}>
        {() => (
          <div class="backlog-row skeleton-row" aria-hidden="true">
            <span />
            <span class="skeleton-bar short" />
            <span class="skeleton-bar" />
            <span class="skeleton-bar long" />
            <span class="skeleton-bar" />
            <span class="skeleton-bar" />
          </div>
        )}
      </Index>
    </div>
  )
}

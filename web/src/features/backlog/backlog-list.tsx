// The ranked list: a virtualized table (only the rows in view are in the DOM, so 10,000 scroll smoothly),
// pages of 500 fetched as the user nears the end, drag to re-rank (solid-dnd) and Alt+↑/↓ on a focused
// row, each one rank call, optimistic with rollback; inline priority and estimate edits.
import { useNavigate } from '@solidjs/router'
import { createVirtualizer, defaultRangeExtractor, type Virtualizer } from '@tanstack/solid-virtual'
import { DragDropProvider, DragDropSensors } from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, Index, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { BacklogIcon, PlusIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { iterationsQuery } from '../plan/queries'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { BacklogDragOverlay, closestRow, DragBehaviour, type DropHint } from './backlog-drag'
import { BacklogHead, BacklogRow, BacklogSkeleton } from './backlog-row'
import { type BacklogFilter, filterToQuery, isDefaultFilter } from './filters'
import { createBacklogQuery, loaded, type RequirementListItem } from './queries'
import { dropIndex } from './rank'
import { createRowFocus } from './row-focus'
import { useRanking } from './use-ranking'

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
  const [actionError, setActionError] = createSignal<unknown>()
  const [announcement, setAnnouncement] = createSignal('')
  const [dragIndex, setDragIndex] = createSignal<number>()
  const [dropHint, setDropHint] = createSignal<DropHint>()
  const canRank = () => ws.can('requirement.rank')
  let scroller!: HTMLDivElement

  const iterations = createLocalQuery(() => ({
    ...iterationsQuery(ws.id(), props.product.id),
    enabled: ws.can('iteration.view'),
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

  const focus = createRowFocus({
    ids: () => props.items.map((r) => r.id),
    virtualizer,
    scroller: () => scroller,
  })

  createEffect(() => {
    const last = virtualizer.getVirtualItems().at(-1)
    if (last && props.hasMore && !props.loadingMore && last.index >= props.items.length - PREFETCH_ROWS)
      props.loadMore()
  })

  const rankRequirement = useRanking({
    productId: () => props.product.id,
    items: () => props.items,
    announce: setAnnouncement,
    fail: setActionError,
  })
  const move = (from: number, to: number, viaKeyboard: boolean) => {
    const item = rankRequirement(from, to)
    if (item && viaKeyboard) focus.follow(item.id)
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
      focus.focusRow(next[e.key]!)
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
              <BacklogHead />
              <RankedRows
                virtualizer={virtualizer}
                items={props.items}
                product={props.product}
                iterationName={iterationName}
                focusIndex={focus.focusIndex()}
                dragIndex={dragIndex()}
                dropHint={dropHint()}
                onKeyDown={onRowKey}
                onFocus={focus.focused}
                onError={setActionError}
              />
            </table>
          </div>
        </div>
        <BacklogDragOverlay items={props.items} />
      </DragDropSensors>
    </DragDropProvider>
  )
}

/** The rows in view (and a "loading more" row after the last loaded one), placed where the virtualizer says. */
function RankedRows(props: {
  virtualizer: Virtualizer<HTMLDivElement, Element>
  items: RequirementListItem[]
  product: Product
  iterationName: (id: number | null) => string | undefined
  focusIndex: number
  dragIndex: number | undefined
  dropHint: DropHint | undefined
  onKeyDown: (e: KeyboardEvent, index: number) => void
  onFocus: (index: number) => void
  onError: (err: unknown) => void
}) {
  const { t } = useI18n()
  return (
    <tbody class="backlog-canvas" style={{ height: `${props.virtualizer.getTotalSize() - HEADER_HEIGHT}px` }}>
      {/* Index, not For: the virtualizer hands out new objects on every change, and a slot whose
          requirement stays the same keeps its row (and the focus in it). */}
      <Index each={props.virtualizer.getVirtualItems()}>
        {(v) => {
          const item = () => props.items[v().index]
          return (
            <Show
              when={item()?.id}
              keyed
              fallback={
                <tr class="backlog-row backlog-more" style={{ top: `${v().start - HEADER_HEIGHT}px` }}>
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
                  iterationName={props.iterationName(item()?.iterationId ?? null)}
                  focusable={v().index === Math.min(props.focusIndex, props.items.length - 1)}
                  dragging={props.dragIndex === v().index}
                  hint={props.dropHint?.id === id ? props.dropHint.side : undefined}
                  onKeyDown={(e) => props.onKeyDown(e, v().index)}
                  onFocus={() => props.onFocus(v().index)}
                  onError={props.onError}
                />
              )}
            </Show>
          )
        }}
      </Index>
    </tbody>
  )
}

export { BacklogSkeleton }

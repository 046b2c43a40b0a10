// The ranked list: a virtualized table (only the rows in view are in the DOM, so 10,000 scroll smoothly),
// pages of 500 fetched as the user nears the end, drag to re-rank (solid-dnd) and Alt+↑/↓ on a focused
// row, each one rank call, optimistic with rollback; inline priority and estimate edits.
import { useNavigate } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createVirtualizer, defaultRangeExtractor } from '@tanstack/solid-virtual'
import { DragDropProvider, DragDropSensors, DragOverlay } from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, Index, onCleanup, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { BacklogIcon, PlusIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { iterationsQuery } from '../plan/queries'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { closestRow, DragBehaviour, type DropHint } from './backlog-drag'
import { BacklogRow, BacklogSkeleton } from './backlog-row'
import { type BacklogFilter, filterToQuery, isDefaultFilter } from './filters'
import { createBacklogQuery, loaded, type RequirementListItem, useRankRequirement } from './queries'
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

export { formatScore } from './backlog-row'
export { BacklogSkeleton }

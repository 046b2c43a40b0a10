// The columns and swimlanes of the board, with drag and drop (@thisbeyond/solid-dnd) and its keyboard
// alternative. Each cell (a column within a lane) is one droppable, and the place in the cell is worked out
// from the dragged card's height against the cards' centres. Only the card being pressed is registered as a
// draggable (then solid-dnd's own pointer sensor takes over): registering a thousand cards up front costs a
// thousand layout measurements before the board can be used. The dragged card stays put (dimmed) while an
// overlay follows the pointer, and a line shows where it will land.
import {
  type CollisionDetector,
  createDroppable,
  DragDropProvider,
  DragDropSensors,
  type DragEvent,
  type Draggable,
  DragOverlay,
  type Droppable,
  useDragDropContext,
} from '@thisbeyond/solid-dnd'
import {
  createEffect,
  createMemo,
  createSelector,
  createSignal,
  For,
  type JSX,
  onCleanup,
  Show,
} from 'solid-js'
import { useI18n } from '../../i18n'
import { PlusIcon } from '../../ui/icons'
import {
  type Anchor,
  anchorAt,
  BOARD_STATUSES,
  type Board,
  type BoardCard,
  type BoardStatus,
  dropIndex,
  type LaneView,
  neighbourStatus,
  reorderAnchor,
  topAnchor,
} from './board-logic'
import { WarningIcon } from './iteration-header'
import { CardBody, CardContext, type CardContextValue, TaskCard } from './task-card'

export interface BoardGridProps {
  board: Board
  lanes: LaneView[]
  grouped: boolean
  canMove: boolean
  canCreate: boolean
  cardContext: Omit<CardContextValue, 'isDragging' | 'isDropBefore' | 'canMove'>
  laneLabel: (lane: LaneView) => JSX.Element
  laneName: (lane: LaneView) => string
  isCollapsed: (key: string) => boolean
  toggleLane: (key: string) => void
  onMove: (task: BoardCard, status: BoardStatus, anchor: Anchor) => void
  onAdd: (status: BoardStatus) => void
  onDragStart: () => void
  onDragEnd: () => void
  announce: (message: string) => void
}

interface DropTarget {
  laneKey: string
  status: BoardStatus
  index: number
}

const cellKey = (laneKey: string, status: string) => `${laneKey}|${status}`

/** Cards a cell draws at once, and how many more it adds per turn of the event loop. */
const FIRST_CARDS = 16
const MORE_CARDS = 40

export function BoardGrid(props: BoardGridProps) {
  const { t } = useI18n()
  const [activeId, setActiveId] = createSignal<number>()
  const [target, setTarget] = createSignal<DropTarget>()
  const [scroller, setScroller] = createSignal<HTMLDivElement>()

  // Read by event handlers too: a memo, so they never evaluate props outside the component.
  const canMove = createMemo(() => props.canMove)
  const laneByKey = createMemo(() => new Map(props.lanes.map((l) => [l.key, l])))
  const laneKeys = createMemo(() => props.lanes.map((l) => l.key), undefined, {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  })
  const shownIds = (laneKey: string, status: BoardStatus) =>
    laneByKey()
      .get(laneKey)
      ?.cells[status].map((c) => c.id) ?? []

  // Where the line goes: before a card, or at the end of a cell.
  const marker = createMemo(() => {
    const d = target()
    const moving = activeId()
    if (!d || moving === undefined) return undefined
    const rest = shownIds(d.laneKey, d.status).filter((id) => id !== moving)
    const before = rest[d.index]
    return before === undefined ? { end: cellKey(d.laneKey, d.status) } : { before }
  })
  const isDragging = createSelector(activeId)
  const isDropBefore = createSelector(() => marker()?.before)
  const isDropEnd = createSelector(() => marker()?.end)
  const isTargetCell = createSelector(() => {
    const d = target()
    return d ? cellKey(d.laneKey, d.status) : undefined
  })

  const cardContext: CardContextValue = {
    ...props.cardContext,
    canMove,
    isDragging,
    isDropBefore,
  }

  const columnOf = (status: BoardStatus) => props.board.columns.find((c) => c.status === status)

  // ---------- drag and drop ----------

  /** Only cells of the card's own lane take it; the nearest cell to the overlay's centre wins. */
  const detector: CollisionDetector = (draggable, droppables) => {
    const laneKey = draggable.data?.laneKey
    const { x, y } = draggable.transformed.center
    let best: Droppable | null = null
    let bestDistance = Number.POSITIVE_INFINITY
    for (const droppable of droppables) {
      if (!droppable || droppable.data?.laneKey !== laneKey) continue
      const l = droppable.layout
      const dx = x < l.left ? l.left - x : x > l.right ? x - l.right : 0
      const dy = y < l.top ? l.top - y : y > l.bottom ? y - l.bottom : 0
      const distance = dx * dx + dy * dy
      if (distance < bestDistance) {
        bestDistance = distance
        best = droppable
      }
    }
    return best
  }

  let justDragged = false
  const dragStart = ({ draggable }: DragEvent) => {
    const task = draggable.data?.task as BoardCard | undefined
    setActiveId(Number(draggable.id))
    props.onDragStart()
    if (task) props.announce(t('board.announce.picked', { key: task.key }))
  }

  const dragEnd = ({ draggable }: DragEvent) => {
    const task = draggable.data?.task as BoardCard | undefined
    const drop = target()
    setActiveId(undefined)
    setTarget(undefined)
    props.onDragEnd()
    justDragged = true
    setTimeout(() => {
      justDragged = false
    }, 0)
    if (!task || !drop) {
      if (task)
        props.announce(t('board.announce.cancelled', { key: task.key, column: statusName(task.status) }))
      return
    }
    const ids = shownIds(drop.laneKey, drop.status)
    if (drop.status === task.status && ids.indexOf(task.id) === drop.index) {
      props.announce(t('board.announce.cancelled', { key: task.key, column: statusName(task.status) }))
      return
    }
    props.onMove(task, drop.status, anchorAt(ids, drop.index, task.id))
  }

  const statusName = (status: string) => t(`work.taskStatus.${status as BoardStatus}`)

  // A click right after a drop is the end of the drag, not a request to open the card.
  const swallowClickAfterDrag = (event: MouseEvent) => {
    if (justDragged) {
      event.preventDefault()
      event.stopPropagation()
    }
  }

  // ---------- keyboard ----------

  const locate = (el: HTMLElement) => {
    const card = el.closest<HTMLElement>('[data-card]')
    const cell = el.closest<HTMLElement>('[data-cell]')
    if (!card || !cell) return undefined
    const laneKey = cell.dataset.lane ?? ''
    const status = cell.dataset.status as BoardStatus
    const id = Number(card.dataset.card)
    const task = laneByKey()
      .get(laneKey)
      ?.cells[status].find((c) => c.id === id)
    return task ? { task, laneKey, status, card, cell } : undefined
  }

  const cardsIn = (cell: Element | null | undefined) => [
    ...(cell?.querySelectorAll<HTMLElement>('[data-card]') ?? []),
  ]

  const focusAcross = (from: HTMLElement, cell: HTMLElement, step: -1 | 1) => {
    const index = cardsIn(cell).indexOf(from)
    const row = cell.closest('[data-lane-row]')
    let status = neighbourStatus(cell.dataset.status ?? '', step)
    while (status) {
      const cards = cardsIn(row?.querySelector(`[data-status="${status}"]`))
      if (cards.length) {
        cards[Math.min(index, cards.length - 1)]?.focus()
        return
      }
      status = neighbourStatus(status, step)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const found = locate(event.target as HTMLElement)
    if (!found) return
    const { task, laneKey, status, card, cell } = found
    const arrow = event.key.startsWith('Arrow')
    if (event.altKey && arrow) {
      event.preventDefault()
      if (!canMove()) return
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const to = neighbourStatus(status, event.key === 'ArrowLeft' ? -1 : 1)
        if (!to) return props.announce(t('board.announce.edge'))
        props.onMove(task, to, topAnchor(shownIds(laneKey, to), task.id))
      } else {
        const step = event.key === 'ArrowUp' ? -1 : 1
        const anchor = reorderAnchor(shownIds(laneKey, status), task.id, step)
        if (!anchor)
          return props.announce(
            t(step < 0 ? 'board.announce.first' : 'board.announce.last', { key: task.key }),
          )
        props.onMove(task, status, anchor)
      }
      return
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (arrow) {
      event.preventDefault()
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        const cards = cardsIn(cell)
        cards[cards.indexOf(card) + (event.key === 'ArrowUp' ? -1 : 1)]?.focus()
      } else focusAcross(card, cell, event.key === 'ArrowLeft' ? -1 : 1)
    } else if ((event.key === 'm' || event.key === 'M') && canMove()) {
      event.preventDefault()
      props.cardContext.openMove(task.id)
    }
  }

  return (
    <CardContext.Provider value={cardContext}>
      <DragDropProvider onDragStart={dragStart} onDragEnd={dragEnd} collisionDetector={detector}>
        <DragDropSensors />
        <DragController
          enabled={canMove}
          target={target}
          setTarget={setTarget}
          taskOf={(laneKey, status, id) =>
            laneByKey()
              .get(laneKey)
              ?.cells[status].find((c) => c.id === id)
          }
          scroller={scroller}
        />
        {/* biome-ignore lint/a11y/noStaticElementInteractions: key handling for the cards inside it (links) */}
        <div
          ref={(el) => {
            setScroller(el)
            el.addEventListener('click', swallowClickAfterDrag, true)
          }}
          class="board-scroll"
          onKeyDown={onKeyDown}
        >
          <div class="board-inner">
            <div class="board-columns-head">
              <For each={BOARD_STATUSES}>
                {(status) => (
                  <ColumnHead
                    status={status}
                    count={columnOf(status)?.count ?? 0}
                    points={columnOf(status)?.points ?? 0}
                    wipLimit={columnOf(status)?.wipLimit ?? null}
                    canAdd={props.canCreate && status !== 'blocked' && status !== 'done'}
                    onAdd={() => props.onAdd(status)}
                  />
                )}
              </For>
            </div>
            <For each={laneKeys()}>
              {(key) => {
                const lane = () => laneByKey().get(key)
                const name = () => {
                  const l = lane()
                  return l ? props.laneName(l) : ''
                }
                const collapsed = () => props.grouped && props.isCollapsed(key)
                return (
                  <Show when={lane()}>
                    {(view) => (
                      <section
                        class="board-lane"
                        classList={{ 'is-grouped': props.grouped, 'is-collapsed': collapsed() }}
                        aria-label={props.grouped ? name() : undefined}
                      >
                        <Show when={props.grouped}>
                          <h2 class="lane-head">
                            <button
                              type="button"
                              class="lane-toggle"
                              aria-expanded={!collapsed()}
                              onClick={() => props.toggleLane(key)}
                            >
                              <svg
                                class="lane-chevron"
                                width="12"
                                height="12"
                                viewBox="0 0 16 16"
                                aria-hidden="true"
                              >
                                <path
                                  d="m4.5 6 3.5 3.5L11.5 6"
                                  fill="none"
                                  stroke="currentColor"
                                  stroke-width="1.6"
                                />
                              </svg>
                              {props.laneLabel(view())}
                              <span class="lane-count">
                                {t('board.laneCards', { n: String(view().shown) })}
                              </span>
                            </button>
                          </h2>
                        </Show>
                        <Show when={!collapsed()}>
                          <div class="lane-row" data-lane-row={key}>
                            <For each={BOARD_STATUSES}>
                              {(status) => (
                                <Cell
                                  laneKey={key}
                                  laneName={props.grouped ? name() : undefined}
                                  status={status}
                                  cards={view().cells[status]}
                                  isTarget={isTargetCell(cellKey(key, status))}
                                  dropAtEnd={isDropEnd(cellKey(key, status))}
                                  droppable={props.canMove}
                                />
                              )}
                            </For>
                          </div>
                        </Show>
                      </section>
                    )}
                  </Show>
                )
              }}
            </For>
          </div>
        </div>
        <DragOverlay class="board-drag-overlay">
          {(draggable) => (
            <Show when={draggable?.data?.task as BoardCard | undefined}>
              {(task) => (
                <div class="task-card is-overlay" data-kind={task().kind} data-status={task().status}>
                  <CardBody task={task()} />
                </div>
              )}
            </Show>
          )}
        </DragOverlay>
      </DragDropProvider>
    </CardContext.Provider>
  )
}

/**
 * Starts drags from pressed cards and follows them: which cell and which place in it, with edge scrolling of
 * the board.
 */
function DragController(props: {
  enabled: () => boolean
  target: () => DropTarget | undefined
  setTarget: (target: DropTarget | undefined) => void
  taskOf: (laneKey: string, status: BoardStatus, id: number) => BoardCard | undefined
  scroller: () => HTMLDivElement | undefined
}) {
  const context = useDragDropContext()
  if (!context) return null
  const [state, actions] = context
  // Read in event handlers: a memo, so the handler does not evaluate props outside the component.
  const enabled = createMemo(() => props.enabled())
  let frame: number | undefined
  let scrollBy = { x: 0, y: 0 }
  let pressed: number | undefined
  /** The centres of the cards of the cell under the drag, measured once per cell (and after scrolling). */
  let measured: { cell: HTMLElement; centres: number[] } | undefined

  const forget = () => {
    document.removeEventListener('pointerup', pointerUp, true)
    if (pressed !== undefined && !state.active.draggable) actions.removeDraggable(pressed)
    pressed = undefined
  }
  const pointerUp = () => queueMicrotask(forget)

  const pointerDown = (event: PointerEvent) => {
    if (!enabled() || event.button !== 0 || state.active.draggable) return
    const target = event.target as HTMLElement
    const node = target.closest<HTMLElement>('[data-card]')
    const cell = node?.closest<HTMLElement>('[data-cell]')
    if (!node || !cell) return
    const id = Number(node.dataset.card)
    const laneKey = cell.dataset.lane ?? ''
    const task = props.taskOf(laneKey, cell.dataset.status as BoardStatus, id)
    if (!task) return
    forget()
    pressed = id
    actions.addDraggable({
      id,
      node,
      // A placeholder: solid-dnd measures every draggable when the drag starts.
      layout: { x: -1, y: -1, width: 0, height: 0 } as Draggable['layout'],
      data: { task, laneKey },
    })
    document.addEventListener('pointerup', pointerUp, true)
    actions.draggableActivators(id).pointerdown?.(event)
  }

  createEffect(() => {
    const el = props.scroller()
    if (!el) return
    el.addEventListener('pointerdown', pointerDown)
    onCleanup(() => el.removeEventListener('pointerdown', pointerDown))
  })

  const place = () => {
    const overlay = state.active.overlay
    const droppable = state.active.droppable
    if (!overlay || !droppable) return props.setTarget(undefined)
    const moving = String(state.active.draggableId)
    const laneKey = String(droppable.data?.laneKey)
    const status = droppable.data?.status as BoardStatus
    if (measured?.cell !== droppable.node) {
      const centres: number[] = []
      // The list items, not the cards: an item out of view keeps a size while its card is not laid out.
      for (const item of droppable.node.querySelectorAll<HTMLElement>('.card-item')) {
        if (item.firstElementChild?.getAttribute('data-card') === moving) continue
        const box = item.getBoundingClientRect()
        centres.push(box.top + box.height / 2)
      }
      measured = { cell: droppable.node, centres }
    }
    const index = dropIndex(measured.centres, overlay.transformed.center.y)
    const current = props.target()
    if (current?.laneKey !== laneKey || current.status !== status || current.index !== index)
      props.setTarget({ laneKey, status, index })
  }

  const tick = () => {
    const el = props.scroller()
    frame = undefined
    if (!el || !state.active.draggable || (scrollBy.x === 0 && scrollBy.y === 0)) return
    el.scrollBy(scrollBy.x, scrollBy.y)
    frame = requestAnimationFrame(tick)
  }

  // Near an edge of the board, scroll it (solid-dnd does not scroll by itself).
  const edgeScroll = () => {
    const el = props.scroller()
    const overlay = state.active.overlay
    if (!el || !overlay) return
    const box = el.getBoundingClientRect()
    const { x, y } = overlay.transformed.center
    const edge = 48
    // Faster the closer to the edge (or past it), up to 14 px a frame.
    const speed = (distance: number) =>
      distance < edge ? Math.ceil((Math.min(edge, edge - distance) / edge) * 14) : 0
    scrollBy = {
      x: speed(x - box.left) > 0 ? -speed(x - box.left) : speed(box.right - x),
      y: speed(y - box.top) > 0 ? -speed(y - box.top) : speed(box.bottom - y),
    }
    if ((scrollBy.x || scrollBy.y) && frame === undefined) frame = requestAnimationFrame(tick)
  }

  // Scrolling moves the cards under a still pointer: measure again, then place again.
  let measuring: number | undefined
  const onScroll = () => {
    if (!state.active.draggable || measuring !== undefined) return
    measuring = requestAnimationFrame(() => {
      measuring = undefined
      measured = undefined
      actions.recomputeLayouts()
      actions.detectCollisions()
      place()
    })
  }

  actions.onDragStart(() => {
    measured = undefined
    document.addEventListener('scroll', onScroll, true)
  })
  actions.onDragMove(() => {
    place()
    edgeScroll()
  })
  actions.onDragOver(() => place())
  actions.onDragEnd(() => {
    document.removeEventListener('scroll', onScroll, true)
    scrollBy = { x: 0, y: 0 }
    if (frame !== undefined) cancelAnimationFrame(frame)
    frame = undefined
    measured = undefined
    queueMicrotask(forget)
  })
  onCleanup(() => {
    forget()
    document.removeEventListener('scroll', onScroll, true)
    if (frame !== undefined) cancelAnimationFrame(frame)
    if (measuring !== undefined) cancelAnimationFrame(measuring)
  })
  return null
}

function ColumnHead(props: {
  status: BoardStatus
  count: number
  points: number
  wipLimit: number | null
  canAdd: boolean
  onAdd: () => void
}) {
  const { t, points } = useI18n()
  const over = () => props.wipLimit !== null && props.count > props.wipLimit
  const name = () => t(`work.taskStatus.${props.status}`)
  return (
    <div class="column-head" data-status={props.status} classList={{ 'is-over-wip': over() }}>
      <div class="column-head-line">
        <span class={`status-dot status-${props.status}`} aria-hidden="true" />
        <h2 class="column-name">{name()}</h2>
        <span class="column-count">{props.count}</span>
        <Show when={props.canAdd}>
          <button
            type="button"
            class="icon-btn column-add"
            aria-label={t('board.addTo', { column: name() })}
            title={t('board.addTo', { column: name() })}
            onClick={() => props.onAdd()}
          >
            <PlusIcon />
          </button>
        </Show>
      </div>
      <div class="column-head-stats">
        <span class="column-points">{points(props.points)}</span>
        <Show when={props.wipLimit}>
          {(limit) => (
            <span
              class="wip-badge"
              classList={{ 'is-over': over() }}
              title={
                over()
                  ? t('board.overWip', { limit: String(limit()) })
                  : t('board.wipTitle', { limit: String(limit()) })
              }
            >
              <Show when={over()}>
                <WarningIcon />
              </Show>
              <span aria-hidden="true">
                {t('board.wipBadge', { count: String(props.count), limit: String(limit()) })}
              </span>
              <span class="visually-hidden">
                {over()
                  ? t('board.overWip', { limit: String(limit()) })
                  : t('board.wipTitle', { limit: String(limit()) })}
              </span>
            </span>
          )}
        </Show>
      </div>
    </div>
  )
}

function Cell(props: {
  laneKey: string
  laneName: string | undefined
  status: BoardStatus
  cards: BoardCard[]
  isTarget: boolean
  dropAtEnd: boolean
  droppable: boolean
}) {
  const { t } = useI18n()
  let ref: ((el: HTMLElement) => void) | undefined
  if (props.droppable) {
    const droppable = createDroppable(cellKey(props.laneKey, props.status), {
      laneKey: props.laneKey,
      status: props.status,
    })
    ref = (el) => droppable(el, () => ({ skipTransform: true }))
  }
  // A long cell draws its first cards at once and the rest over the next frames, so a board of a thousand
  // cards is usable before every card exists. The limit only grows: once all are drawn, the list is as is.
  const [limit, setLimit] = createSignal(FIRST_CARDS)
  createEffect(() => {
    if (limit() >= props.cards.length) return
    const timer = setTimeout(() => setLimit(limit() + MORE_CARDS), 0)
    onCleanup(() => clearTimeout(timer))
  })
  // Rows are keyed by task id, not by card object: when a refresh brings a new object for a task (the
  // server's rank, a new title), the card redraws its content in the same element, so keyboard focus and
  // the pointer stay on it.
  const rows = createMemo(() => {
    const drawn = props.cards.length > limit() ? props.cards.slice(0, limit()) : props.cards
    return { ids: drawn.map((c) => c.id), byId: new Map(drawn.map((c) => [c.id, c])) }
  })
  const ids = createMemo(() => rows().ids, undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  })
  const column = () => t(`work.taskStatus.${props.status}`)
  const label = () =>
    props.laneName === undefined
      ? t('board.columnList', { column: column(), n: String(props.cards.length) })
      : t('board.cellList', { column: column(), lane: props.laneName, n: String(props.cards.length) })
  return (
    <div
      ref={(el) => ref?.(el)}
      class="board-cell"
      classList={{ 'is-target': props.isTarget, 'drop-end': props.dropAtEnd }}
      data-cell
      data-lane={props.laneKey}
      data-status={props.status}
    >
      <ul class="card-list" aria-label={label()}>
        <For each={ids()}>
          {(id) => {
            const task = createMemo(() => rows().byId.get(id))
            return <TaskCard task={task()!} />
          }}
        </For>
      </ul>
      <Show when={props.isTarget && props.cards.length === 0}>
        <p class="cell-drop-hint" aria-hidden="true">
          {t('board.dropHere')}
        </p>
      </Show>
    </div>
  )
}

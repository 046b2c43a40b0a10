// Dragging cards with @thisbeyond/solid-dnd: only cells of the card's own lane take it, and only the card
// being pressed is registered as a draggable (then solid-dnd's own pointer sensor takes over): registering a
// thousand cards up front costs a thousand layout measurements before the board can be used. The place in
// the cell is worked out from the dragged card's height against the cards' centres, the board scrolls near
// its edges, and an overlay follows the pointer.
import {
  type CollisionDetector,
  type Draggable,
  DragOverlay,
  type Droppable,
  useDragDropContext,
} from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, onCleanup, Show } from 'solid-js'
import { type BoardCard, type BoardStatus, dropIndex } from './board-logic'
import { CardBody } from './task-card'

/** Where a dragged card would land: a cell (a column within a lane) and the place in it. */
export interface DropTarget {
  laneKey: string
  status: BoardStatus
  index: number
}

/** The id of a cell's droppable. */
export const cellKey = (laneKey: string, status: string) => `${laneKey}|${status}`

/** Only cells of the card's own lane take it; the nearest cell to the overlay's centre wins. */
export const laneCollisionDetector: CollisionDetector = (draggable, droppables) => {
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

/**
 * Starts drags from pressed cards and follows them: which cell and which place in it, with edge scrolling of
 * the board.
 */
export function DragController(props: {
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

/** The card under the pointer while it is dragged (the card itself stays put, dimmed). */
export function CardOverlay() {
  return (
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
  )
}

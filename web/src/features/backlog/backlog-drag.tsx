import { type DragDropProvider, type DragEvent, DragOverlay, useDragDropContext } from '@thisbeyond/solid-dnd'
import { createEffect, onCleanup, Show } from 'solid-js'
import { holdLiveUpdates } from '../workspaces/live'
import type { RequirementListItem } from './queries'

/** The row whose vertical middle is nearest the dragged card's middle. */
export const closestRow: Parameters<typeof DragDropProvider>[0]['collisionDetector'] = (
  draggable,
  droppables,
) => {
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
export function DragBehaviour(props: {
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

export interface DropHint {
  id: number
  side: 'before' | 'after'
}

/** The requirement under the pointer while it is dragged: its key and title. */
export function BacklogDragOverlay(props: { items: RequirementListItem[] }) {
  return (
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
  )
}

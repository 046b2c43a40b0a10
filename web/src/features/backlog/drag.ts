// Drag helpers shared by the backlog and the plan (solid-dnd).
import type { createDraggable } from '@thisbeyond/solid-dnd'
import { createEffect, onCleanup } from 'solid-js'

/**
 * Starts a drag from `element` (a handle, or a whole card). Presses on buttons inside it are left alone,
 * so menus and controls in a draggable card keep working.
 */
export function activateOn(element: HTMLElement, draggable: ReturnType<typeof createDraggable>) {
  createEffect(() => {
    const listeners = Object.entries(draggable.dragActivators).map(([key, fn]) => {
      const listener = (event: Event) => {
        const target = event.target as Element | null
        if (target !== element && target?.closest('button, select, input, textarea')) return
        ;(fn as EventListener)(event)
      }
      return [key.replace(/^on/, ''), listener] as const
    })
    for (const [type, fn] of listeners) element.addEventListener(type, fn)
    onCleanup(() => {
      for (const [type, fn] of listeners) element.removeEventListener(type, fn)
    })
  })
}

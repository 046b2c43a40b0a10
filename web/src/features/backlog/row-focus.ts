// Which row of the ranked list has the keyboard: one row is in the tab order (roving focus), arrow keys move
// it, and a row moved with Alt+↑/↓ is followed to its new place. Rows are virtualized, so a moved row (or
// one whose window of rendered rows shifted) is a new element: focus is put back on it, but only when it was
// lost with the old row, never taken from something the user moved on to. A click anywhere stops following.
import type { Virtualizer } from '@tanstack/solid-virtual'
import { createEffect, createSignal, onCleanup } from 'solid-js'

export function createRowFocus(options: {
  ids: () => number[]
  virtualizer: Virtualizer<HTMLDivElement, Element>
  scroller: () => HTMLDivElement
}) {
  const { virtualizer } = options
  const [focusIndex, setFocusIndex] = createSignal(0)
  const [followId, setFollowId] = createSignal<number>()
  const focusIn = (selector: string) =>
    requestAnimationFrame(() =>
      options.scroller().querySelector<HTMLElement>(selector)?.focus({ preventScroll: true }),
    )

  /** Moves the keyboard to a row, scrolling it into view. */
  const focusRow = (index: number) => {
    const i = Math.max(0, Math.min(index, options.ids().length - 1))
    setFollowId(undefined)
    setFocusIndex(i)
    virtualizer.scrollToIndex(i, { align: 'auto' })
    focusIn(`[data-index="${i}"]`)
  }

  // Focus goes back in the same turn the row is drawn at its new place, not a frame later: a held Alt+↑
  // repeats faster than frames come when the server answers quickly, and a press that finds focus on the
  // page body is lost.
  createEffect(() => {
    const id = followId()
    // Rows are also re-created when the window of rendered rows shifts: follow then too.
    virtualizer.getVirtualItems()
    const index = id === undefined ? -1 : options.ids().indexOf(id)
    if (id === undefined || index < 0) return
    setFocusIndex(index)
    const lost = !document.activeElement || document.activeElement === document.body
    if (!lost) return
    virtualizer.scrollToIndex(index, { align: 'auto' })
    const row = options.scroller().querySelector<HTMLElement>(`[data-id="${id}"]`)
    // Not drawn yet (scrolled out of the window): the scroll above brings it, and this runs again then.
    row?.focus({ preventScroll: true })
  })
  const stopFollowing = () => setFollowId(undefined)
  document.addEventListener('pointerdown', stopFollowing, true)
  onCleanup(() => document.removeEventListener('pointerdown', stopFollowing, true))

  return {
    /** The row in the tab order (clamped to the list by the caller's rows). */
    focusIndex,
    /** A row got focus (by a click or Tab). */
    focused: (index: number) => setFocusIndex(index),
    focusRow,
    /** Keep focus on this requirement wherever it lands. */
    follow: (id: number) => setFollowId(id),
  }
}

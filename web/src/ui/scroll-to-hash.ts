// A page whose parts arrive after it opens (an item's comments and history) is scrolled to the part its
// address names (#comment-12, #activity-40) once that part appears, and the part is marked for a moment.
import { useLocation } from '@solidjs/router'
import { createEffect, onCleanup } from 'solid-js'

/** How long to wait for the part to appear: longer means the link names something not shown. */
const WAIT_MS = 5000
const MARK_MS = 2500

export function useScrollToHash(): void {
  const location = useLocation()
  createEffect(() => {
    const id = decodeURIComponent(location.hash.replace(/^#/, ''))
    // Only the parts this kind of page gives ids to; other hashes are someone else's (a dialog, a tab).
    if (!/^(comment|activity)-\d+$/.test(id)) return
    let marked: ReturnType<typeof setTimeout> | undefined
    const reach = () => {
      const target = document.getElementById(id)
      if (!target) return false
      target.scrollIntoView({ block: 'center' })
      target.classList.add('is-linked')
      marked = setTimeout(() => target.classList.remove('is-linked'), MARK_MS)
      return true
    }
    if (reach()) return
    const observer = new MutationObserver(() => {
      if (reach()) stop()
    })
    const giveUp = setTimeout(() => stop(), WAIT_MS)
    const stop = () => {
      observer.disconnect()
      clearTimeout(giveUp)
    }
    observer.observe(document.body, { childList: true, subtree: true })
    onCleanup(() => {
      stop()
      if (marked) clearTimeout(marked)
    })
  })
}

// An item page opened at #comment-12 or #activity-40 scrolls to that part once it has arrived (the parts
// load after the page), and marks it for a moment; other hashes are left alone.
import { createSignal, Show } from 'solid-js'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { useScrollToHash } from '../../web/src/ui/scroll-to-hash'
import { type Rendered, renderPage, until } from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
  vi.restoreAllMocks()
})

const [arrived, setArrived] = createSignal(false)

function Item() {
  useScrollToHash()
  return (
    <Show when={arrived()}>
      <ol>
        <li id="activity-40">changed the status</li>
        <li id="comment-12">a comment</li>
        <li id="notes">a part with an id of another kind</li>
      </ol>
    </Show>
  )
}

describe('useScrollToHash', () => {
  it('scrolls to the named entry once it appears, and marks it', async () => {
    setArrived(false)
    const scrolled: string[] = []
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this.id)
    })
    page = renderPage({ page: Item, route: '/w/:ws/i/:key', at: '/w/1/i/MES-1#activity-40', routes: {} })
    // The hook has run with the page: the entry is not there yet, so nothing scrolled.
    expect(scrolled).toEqual([])
    setArrived(true)
    await until(() => scrolled.length > 0)
    expect(scrolled).toEqual(['activity-40'])
    expect(document.getElementById('activity-40')!.classList.contains('is-linked')).toBe(true)
  })

  it('leaves other hashes alone', async () => {
    setArrived(true)
    const scrolled: string[] = []
    vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (this: Element) {
      scrolled.push(this.id)
    })
    page = renderPage({ page: Item, route: '/w/:ws/i/:key', at: '/w/1/i/MES-1#notes', routes: {} })
    // The part is there from the start: had the hook taken its hash, it would have scrolled already.
    expect(document.getElementById('notes')).not.toBeNull()
    expect(scrolled).toEqual([])
  })
})

// Live updates: one EventSource per open workspace. Every `change` event refreshes the workspace's active
// queries (batched over 150 ms, one refresh at a time); someone else's move is placed on the open boards
// from the event itself, so a board is not fetched again for it, so another person's change appears within a second
// and a burst of thousands of changes (an import, a script) costs a handful of refreshes, not thousands. While a drag is
// in progress a feature can hold updates back (`holdLiveUpdates`) so the list under the pointer stays put.
// A change this browser made and already shows (a board move answered by the server) comes back as an
// echo: it is recognised by its entity and version (`expectEcho`) and costs no refresh of what is open.
import { useQueryClient } from '@tanstack/solid-query'
import { createEffect, createSignal, onCleanup } from 'solid-js'
import { isBoardQuery, placeOnBoards } from '../board/live-moves'

export interface LiveEvent {
  type: string
  entityType: string
  id: number
  version: number | null
  actorId: number | null
  productId: number | null
  /** What open views need to show the change themselves (a moved card's column, rank and version). */
  patch?: Record<string, unknown>
}

/** Changes this browser made, by `entityType:id`, with the version the server gives them. */
export class EchoBook {
  private readonly expected = new Map<string, number>()

  expect(entityType: string, id: number, version: number) {
    this.expected.set(`${entityType}:${id}`, version)
  }

  forget(entityType: string, id: number, version: number) {
    const key = `${entityType}:${id}`
    if (this.expected.get(key) === version) this.expected.delete(key)
  }

  /** True (once) when the event is the echo of an expected change; any other version is news. */
  isEcho(event: Pick<LiveEvent, 'entityType' | 'id' | 'version'>): boolean {
    const key = `${event.entityType}:${event.id}`
    const version = this.expected.get(key)
    if (version === undefined || event.version === null || event.version < version) return false
    this.expected.delete(key)
    return event.version === version
  }
}

const echoes = new EchoBook()

/** Declares a change this browser is making, so its event on the stream refreshes nothing on screen. */
export const expectEcho = (entityType: string, id: number, version: number) =>
  echoes.expect(entityType, id, version)
/** Withdraws an expected echo (the change failed). */
export const forgetEcho = (entityType: string, id: number, version: number) =>
  echoes.forget(entityType, id, version)

const [held, setHeld] = createSignal(0)
const [lastEvent, setLastEvent] = createSignal<LiveEvent>()

/** The most recent change event seen on the stream (for features that want to highlight changes). */
export { lastEvent }

/** Holds live refreshes back until the returned function is called (e.g. for the length of a drag). */
export function holdLiveUpdates(): () => void {
  setHeld((n) => n + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    setHeld((n) => n - 1)
  }
}

export function useLiveUpdates(ws: () => number) {
  const queryClient = useQueryClient()
  let dirty = false
  /** Whether a change since the last refresh needs the boards fetched again (one a board could not place). */
  let boardsStale = false
  let refreshing = false
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = async (id: number) => {
    timer = undefined
    if (held() > 0 || refreshing) return
    dirty = false
    const withBoards = boardsStale
    boardsStale = false
    refreshing = true
    try {
      // A refresh already under way is let finish rather than cancelled and sent again. Boards that placed
      // every move themselves are left as they are: only the views around them (totals, lists) are fetched.
      await queryClient.invalidateQueries(
        {
          queryKey: ['workspaces', id],
          predicate: withBoards ? undefined : (query) => !isBoardQuery(id, query.queryKey),
        },
        { cancelRefetch: false },
      )
    } catch {
      // A failed refresh shows on the query itself; the stream goes on.
    } finally {
      refreshing = false
    }
    // Changes that arrived meanwhile get one more refresh.
    if (dirty) timer ??= setTimeout(() => void flush(id), 150)
  }

  createEffect(() => {
    const id = ws()
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(`/api/workspaces/${id}/events`)
    const onChange = (message: MessageEvent<string>) => {
      let event: LiveEvent | undefined
      try {
        event = JSON.parse(message.data) as LiveEvent
        setLastEvent(event)
      } catch {
        // A malformed event still means something changed.
      }
      if (event && echoes.isEcho(event)) {
        // Already on screen: only what is not shown is marked stale, to be fetched when next opened.
        void queryClient.invalidateQueries({ queryKey: ['workspaces', id], refetchType: 'none' })
        return
      }
      // The person's inbox changed: only the inbox and the bell are fetched again.
      if (event?.entityType === 'notification') {
        void queryClient.invalidateQueries({ queryKey: ['workspaces', id, 'notifications'] })
        return
      }
      // Someone else's change to a task: placed on the open boards now, unless a drag holds the board still.
      const placed = event !== undefined && held() === 0 && placeOnBoards(queryClient, id, event)
      if (!placed) boardsStale = true
      dirty = true
      timer ??= setTimeout(() => void flush(id), 150)
    }
    // Every change arrives as one event name with its type in the data, so no kind of change is missed.
    source.addEventListener('change', onChange)
    // The stream opens with `ready`; a second one means it was cut and reconnected, and what changed
    // meanwhile never arrived: everything shown is fetched afresh.
    let opened = false
    source.addEventListener('ready', () => {
      if (opened) {
        boardsStale = true
        dirty = true
        timer ??= setTimeout(() => void flush(id), 150)
      }
      opened = true
    })
    onCleanup(() => {
      source.close()
      if (timer) clearTimeout(timer)
    })
  })

  // Refresh what was held back as soon as the last hold is released.
  createEffect(() => {
    if (held() === 0 && dirty) void flush(ws())
  })
}

// Live updates: one EventSource per open workspace. Every change event refreshes the workspace's active
// queries (batched over 150 ms), so another person's change appears within a second. While a drag is
// in progress a feature can hold updates back (`holdLiveUpdates`) so the list under the pointer stays put.
import { useQueryClient } from '@tanstack/solid-query'
import { createEffect, createSignal, onCleanup } from 'solid-js'

const ENTITIES = [
  'workspace',
  'member',
  'role',
  'invite',
  'product',
  'module',
  'customer',
  'requirement',
  'ask',
  'iteration',
  'task',
  'release',
  'comment',
]
const ACTIONS = ['created', 'updated', 'deleted', 'moved', 'transitioned']

export interface LiveEvent {
  type: string
  entityType: string
  id: number
  version: number | null
  actorId: number | null
  productId: number | null
}

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
  let timer: ReturnType<typeof setTimeout> | undefined

  const flush = (id: number) => {
    timer = undefined
    if (held() > 0) return
    dirty = false
    void queryClient.invalidateQueries({ queryKey: ['workspaces', id] })
  }

  createEffect(() => {
    const id = ws()
    if (typeof EventSource === 'undefined') return
    const source = new EventSource(`/api/workspaces/${id}/events`)
    const onChange = (message: MessageEvent<string>) => {
      try {
        setLastEvent(JSON.parse(message.data) as LiveEvent)
      } catch {
        // A malformed event still means something changed.
      }
      dirty = true
      timer ??= setTimeout(() => flush(id), 150)
    }
    for (const entity of ENTITIES)
      for (const action of ACTIONS) source.addEventListener(`${entity}.${action}`, onChange)
    onCleanup(() => {
      source.close()
      if (timer) clearTimeout(timer)
    })
  })

  // Refresh what was held back as soon as the last hold is released.
  createEffect(() => {
    if (held() === 0 && dirty) flush(ws())
  })
}

// Server-sent events: every change in the workspace, filtered to the products the member may see.
import { z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import type { KeelEvent } from '../../lib/events'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, WsParams } from '../../lib/schemas'

export const eventRoutes = newApp().openapi(
  route('member', {
    method: 'get',
    path: '/workspaces/{ws}/events',
    tags: ['Events'],
    summary: 'A text/event-stream of {type, entityType, id, version, actorId} after each change',
    request: { params: WsParams },
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...errors,
    },
  }),
  (c) => {
    const { deps, membership } = serviceContext(c)
    const visible = (e: KeelEvent) =>
      membership.productIds === null || e.productId === null || membership.productIds.includes(e.productId)
    return streamSSE(c, async (stream) => {
      const queue: KeelEvent[] = []
      let wake: (() => void) | undefined
      const unsubscribe = deps.events.subscribe(membership.workspaceId, (e) => {
        if (!visible(e)) return
        queue.push(e)
        wake?.()
      })
      const heartbeat = setInterval(() => wake?.(), deps.heartbeatSeconds * 1000)
      let closed = false
      const close = () => {
        closed = true
        wake?.()
      }
      stream.onAbort(close)
      const stopOnShutdown = deps.events.onShutdown(close)
      try {
        await stream.writeSSE({
          event: 'ready',
          data: JSON.stringify({ workspaceId: membership.workspaceId }),
        })
        while (!closed) {
          if (queue.length === 0) {
            await new Promise<void>((resolve) => {
              wake = resolve
            })
            wake = undefined
            if (queue.length === 0 && !closed) await stream.write(': heartbeat\n\n')
          }
          for (let e = queue.shift(); e && !closed; e = queue.shift()) {
            const { type, entityType, id, version, actorId, productId } = e
            await stream.writeSSE({
              event: type,
              data: JSON.stringify({ type, entityType, id, version, actorId, productId }),
            })
          }
        }
      } finally {
        clearInterval(heartbeat)
        unsubscribe()
        stopOnShutdown()
      }
    })
  },
)

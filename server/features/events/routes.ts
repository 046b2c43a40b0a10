// Server-sent events: every change in the workspace, filtered to the products the member may see.
import { z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { accessEpoch } from '../../../db/access-epoch'
import { credentialHashOf, requireAuth, stillAuthenticated } from '../../lib/auth'
import type { KeelEvent } from '../../lib/events'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, WsParams } from '../../lib/schemas'
import { workspaceRepo } from '../workspaces/repo'

/** How long a stream gathers events before one write. */
const FLUSH_MS = 20

/** An event as SSE text, written once and shared by every stream that delivers it. */
const texts = new WeakMap<KeelEvent, string>()
function sseText(e: KeelEvent): string {
  let text = texts.get(e)
  if (text === undefined) {
    const { type, entityType, id, version, actorId, productId } = e
    // The format of writeSSE (an event type and JSON hold no line breaks).
    text = `event: ${type}\ndata: ${JSON.stringify({ type, entityType, id, version, actorId, productId })}\n\n`
    texts.set(e, text)
  }
  return text
}

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
    const { deps, membership, user } = serviceContext(c)
    const auth = requireAuth(c)
    const credentialHash = credentialHashOf(c)
    // Access is re-checked before each delivery: a logged-out session, a revoked token, a removed member
    // or a member narrowed to other products stops receiving at once, and the stream ends. The check
    // queries the database only when something about access changed since the last one (the access
    // epoch) or the session's expiry has passed; otherwise it costs nothing.
    let productIds = membership.productIds
    let checkedEpoch: number | undefined
    let expiresAt: string | null = null
    const stillAllowed = () => {
      const epoch = accessEpoch(deps.db)
      const expired = expiresAt !== null && deps.clock.now().toISOString() >= expiresAt
      if (epoch === checkedEpoch && !expired) return true
      const credential = stillAuthenticated(deps, auth, credentialHash)
      if (!credential) return false
      const current = workspaceRepo.membership(deps.db, membership.workspaceId, user.id)
      if (!current) return false
      productIds = current.productIds
      checkedEpoch = epoch
      expiresAt = credential.expiresAt
      return true
    }
    const visible = (e: KeelEvent) =>
      productIds === null || e.productId === null || productIds.includes(e.productId)
    return streamSSE(c, async (stream) => {
      const queue: KeelEvent[] = []
      let wake: (() => void) | undefined
      const unsubscribe = deps.events.subscribe(membership.workspaceId, (e) => {
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
          if (queue.length === 0) continue
          // Gather what else is published in the next few milliseconds, then check access once and send
          // it all in one write: under load a stream costs one check and one write per window, not per
          // event (the board's own refresh batches over a longer window anyway).
          await new Promise<void>((resolve) => setTimeout(resolve, FLUSH_MS))
          if (closed || !stillAllowed()) break
          let batch = ''
          for (let e = queue.shift(); e; e = queue.shift()) {
            if (!visible(e)) continue
            batch += sseText(e)
          }
          if (batch) await stream.write(batch)
        }
      } finally {
        clearInterval(heartbeat)
        unsubscribe()
        stopOnShutdown()
      }
    })
  },
)

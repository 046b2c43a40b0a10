// Server-sent events: every change in the workspace, filtered to the products the member may see.
import { z } from '@hono/zod-openapi'
import { credentialHashOf, requireAuth, stillAuthenticated } from '../../lib/auth'
import type { KeelEvent } from '../../lib/events'
import { membershipOf, newApp, route, serviceContext } from '../../lib/route'
import { errors, WsParams } from '../../lib/schemas'

/**
 * A stream writes at most once per this many milliseconds: an event after a quiet spell goes out at once,
 * events in a busy spell are gathered into one write (the board's own refresh batches over 150 ms).
 */
const MIN_FLUSH_INTERVAL_MS = 100
/** Bytes a subscriber may leave unread before its stream is ended. */
const MAX_UNREAD_BYTES = 1024 * 1024
const encoder = new TextEncoder()

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
    // or a member narrowed to other products stops receiving at once, and the stream ends. Both checks
    // are served from the access caches, which read the database only after the access epoch moved.
    let productIds = membership.productIds
    const stillAllowed = () => {
      if (!stillAuthenticated(deps, auth, credentialHash)) return false
      const current = membershipOf(deps, membership.workspaceId, user.id)
      if (!current) return false
      productIds = current.productIds
      return true
    }
    const visible = (e: KeelEvent) =>
      productIds === null || e.productId === null || productIds.includes(e.productId)

    // The stream is pushed straight into the response body: events are queued, and one write sends
    // everything queued to this subscriber after one access check. Under load a subscriber costs one write
    // per MIN_FLUSH_INTERVAL_MS, not one per event (with streamSSE's TransformStream and a write per turn,
    // 100 subscribers took ~40% of a task move's time).
    let queue: KeelEvent[] = []
    let flushTimer: ReturnType<typeof setTimeout> | undefined
    let lastFlushAt = Number.NEGATIVE_INFINITY
    let closed = false
    let out: ReadableStreamDefaultController<Uint8Array>
    const send = (text: string) => {
      if (closed) return
      out.enqueue(encoder.encode(text))
      // A subscriber that stopped reading is let go rather than buffered for without end; its page
      // reconnects and refreshes when it reads again.
      if ((out.desiredSize ?? 0) < -MAX_UNREAD_BYTES) close()
    }
    const flush = () => {
      flushTimer = undefined
      lastFlushAt = performance.now()
      if (closed) return
      if (!stillAllowed()) return close()
      let batch = ''
      for (const e of queue) if (visible(e)) batch += sseText(e)
      queue = []
      if (batch) send(batch)
    }
    const unsubscribe = deps.events.subscribe(membership.workspaceId, (e) => {
      queue.push(e)
      flushTimer ??= setTimeout(flush, Math.max(0, lastFlushAt + MIN_FLUSH_INTERVAL_MS - performance.now()))
    })
    const heartbeat = setInterval(() => {
      if (!flushTimer) send(': heartbeat\n\n')
    }, deps.heartbeatSeconds * 1000)
    const stopOnShutdown = deps.events.onShutdown(() => close())
    function close() {
      if (closed) return
      closed = true
      clearTimeout(flushTimer)
      clearInterval(heartbeat)
      unsubscribe()
      stopOnShutdown()
      try {
        out.close()
      } catch {
        // Already cancelled by the client.
      }
    }
    const body = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          out = controller
          send(`event: ready\ndata: ${JSON.stringify({ workspaceId: membership.workspaceId })}\n\n`)
        },
        // The client went away.
        cancel: () => close(),
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    )
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream',
        'cache-control': 'no-cache',
        connection: 'keep-alive',
      },
    })
  },
)

// Server-sent events: every change in the workspace that the member may see (by product and by the
// permission that viewing its entity needs), as one event name, `change`, with the type in the data: the
// client decides what to refresh, so a new kind of change needs no new listener.
import { z } from '@hono/zod-openapi'
import { AppError } from '../../lib/errors'
import { type KeelEvent, RESYNC } from '../../lib/events'
import { maySee } from '../../lib/permissions'
import { membershipOf, newApp, requireAuth, route, serviceContext } from '../../lib/route'
import { errors, WsParams } from '../../lib/schemas'
import { credentialHashOf, stillAuthenticated } from '../auth/session'

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
    const { type, entityType, id, version, actorId, productId, patch } = e
    // The format of writeSSE (JSON holds no line breaks).
    const data = JSON.stringify({ type, entityType, id, version, actorId, productId, patch })
    text = `event: change\ndata: ${data}\n\n`
    texts.set(e, text)
  }
  return text
}

export const eventRoutes = newApp().openapi(
  route('member', {
    method: 'get',
    path: '/workspaces/{ws}/events',
    tags: ['Events'],
    summary:
      "A text/event-stream: a `change` event with {type, entityType, id, version, actorId, productId, patch?} after each change the caller may see (patch: a moved card's status, rank, blockedReason, remaining and iterationId) (429 past the open streams allowed per user or address)",
    request: { params: WsParams },
    responses: {
      200: { description: 'An event stream', content: { 'text/event-stream': { schema: z.string() } } },
      ...errors,
    },
  }),
  (c) => {
    const { deps, membership, user } = serviceContext(c)
    const auth = requireAuth(c)
    const holder = { user: String(user.id), address: c.get('clientIp') }
    const full = deps.streams.acquire(holder)
    if (full) {
      throw new AppError(
        'rate_limited',
        full === 'user'
          ? 'You have too many live connections open; close some tabs and reload'
          : 'Too many live connections from your network address; try again later',
        { limit: full },
      )
    }
    const credentialHash = credentialHashOf(c)
    // Access is re-checked before each delivery: a logged-out session, a revoked token, a removed member
    // or a member narrowed to other products stops receiving at once, and the stream ends. Both checks
    // are served from the access caches, which read the database only after the access epoch moved.
    let { productIds, permissions } = membership
    const stillAllowed = async () => {
      if (!(await stillAuthenticated(deps, auth, credentialHash))) return false
      const current = await membershipOf(deps, membership.workspaceId, user.id)
      if (!current) return false
      ;({ productIds, permissions } = current)
      return true
    }
    const visible = (e: KeelEvent) => {
      if (e.type === RESYNC) return true
      // An inbox change reaches the people whose inbox it is, and nobody else.
      if (e.userIds) return e.userIds.includes(user.id)
      return (
        (productIds === null || e.productId === null || productIds.includes(e.productId)) &&
        maySee(permissions, e.entityType)
      )
    }

    // The stream is pushed straight into the response body: events are queued, and one write sends
    // everything queued to this subscriber after one access check. Under load a subscriber costs one write
    // per MIN_FLUSH_INTERVAL_MS, not one per event (with streamSSE's TransformStream and a write per turn,
    // 100 subscribers took ~40% of a task move's time).
    let queue: KeelEvent[] = []
    let flushTimer: unknown
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
    const flush = async () => {
      lastFlushAt = performance.now()
      if (closed) {
        flushTimer = undefined
        return
      }
      // The timer stays set while access is checked: events arriving meanwhile wait for the next flush.
      const allowed = await stillAllowed().catch(() => false)
      flushTimer = undefined
      if (!allowed) return close()
      let batch = ''
      for (const e of queue) if (visible(e)) batch += sseText(e)
      queue = []
      if (batch) send(batch)
    }
    const unsubscribe = deps.events.subscribe(membership.workspaceId, (e) => {
      queue.push(e)
      flushTimer ??= deps.timers.setTimeout(
        () => void flush(),
        Math.max(0, lastFlushAt + MIN_FLUSH_INTERVAL_MS - performance.now()),
      )
    })
    const heartbeat = deps.timers.setInterval(() => {
      if (!flushTimer) send(': heartbeat\n\n')
    }, deps.heartbeatSeconds * 1000)
    const stopOnShutdown = deps.events.onShutdown(() => close())
    function close() {
      if (closed) return
      closed = true
      deps.streams.release(holder)
      deps.timers.clearTimeout(flushTimer)
      deps.timers.clearInterval(heartbeat)
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

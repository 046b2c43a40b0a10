// Reads a workspace's event stream in-process (app.request, no socket) on an app made with manual timers:
// batching and heartbeats pass by `settle()` / `timers.advance()`, never by sleeping.
import type { PgStore } from '../../db/pg/store'
import type { Caller, TestApp } from './app'

// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
type Json = any

export interface EventStream {
  status: number
  headers: Headers
  /** Parsed events in the order they arrived, by their SSE name (`ready`, `change`). */
  events: { event: string; data: Json }[]
  /** Everything read so far, comments (heartbeats) included. */
  raw: () => string
  /** How many chunks the reader got: one per write by the server. */
  writes: () => number
  /** The server ended the stream (or it never opened). */
  ended: () => boolean
  /** Lets the longest batching delay pass (fake time), then lets what was written reach the reader. */
  settle: () => Promise<void>
  stop: () => Promise<void>
}

/** A stream writes at once after a quiet spell and at most every 100 ms in a busy one. */
const BATCHING_MS = 200

/**
 * Turns of the event loop that carry written bytes through the response body to the reader; on PostgreSQL
 * also until no query is out (a flush checks the member's access with one), so nothing is still on its way.
 */
export async function drain(t: TestApp) {
  for (;;) {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
    if (t.store.engine !== 'postgres') return
    const { pool } = t.store as PgStore
    if (pool.totalCount === pool.idleCount && pool.waitingCount === 0) return
    await new Promise((resolve) => setTimeout(resolve, 1))
  }
}

/** Opens `/api/workspaces/:ws/events` as `caller`; settled once, so `ready` is in `events` when it opened. */
export async function openEventStream(t: TestApp, ws: number, caller: Caller): Promise<EventStream> {
  const timers = t.timers
  if (!timers) throw new Error('open event streams on an app made with makeApp({ manualTimers: true })')
  const controller = new AbortController()
  const res = await t.app.request(`http://localhost/api/workspaces/${ws}/events`, {
    headers: caller.headers,
    signal: controller.signal,
  })
  const events: EventStream['events'] = []
  if (res.status !== 200 || !res.body) {
    await res.body?.cancel()
    return {
      status: res.status,
      headers: res.headers,
      events,
      raw: () => '',
      writes: () => 0,
      ended: () => true,
      settle: () => drain(t),
      stop: async () => {},
    }
  }
  const reader = res.body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  let raw = ''
  let writes = 0
  let ended = false
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return
      const text = decoder.decode(value, { stream: true })
      writes++
      raw += text
      buffer += text
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const block = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        const event = /^event: (.*)$/m.exec(block)?.[1]
        const data = /^data: (.*)$/m.exec(block)?.[1]
        if (event && data) events.push({ event, data: JSON.parse(data) })
      }
    }
  })()
    .catch(() => {})
    .finally(() => {
      ended = true
    })
  const settle = async () => {
    timers.advance(BATCHING_MS)
    await drain(t)
  }
  await settle()
  return {
    status: res.status,
    headers: res.headers,
    events,
    raw: () => raw,
    writes: () => writes,
    ended: () => ended,
    settle,
    stop: async () => {
      controller.abort()
      await reader.cancel().catch(() => {})
      await pump
    },
  }
}

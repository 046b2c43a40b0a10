// Several Keel processes on one PostgreSQL behave as one: each listens for the changes the others announce
// (db/pg/store.ts announces a write's events with its commit, by NOTIFY) and hands them to its event bus,
// so a browser connected to any process sees a change made through any other within a moment.
//
// The listening connection is one of its own (LISTEN holds a session). When it breaks, it is opened again
// with a growing delay; what was announced meanwhile is lost to this process's streams, so they are told to
// fetch afresh (`resync`) once it listens again.
import pg from 'pg'
import { CHANGES_CHANNEL, PROCESS_ID } from '../../db/pg/store'
import type { EventBus, KeelEvent } from './events'

export interface Relay {
  /** Whether the listening connection is up. */
  readonly listening: boolean
  stop(): Promise<void>
}

export function startRelay(
  url: string,
  events: EventBus,
  log: (line: string) => void,
  /** Announcements from this process id are its own, already published (tests name another). */
  self: string = PROCESS_ID,
): Relay {
  let client: pg.Client | undefined
  let stopped = false
  let listening = false
  let retry: NodeJS.Timeout | undefined
  let delay = 100
  let everListened = false

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== CHANGES_CHANNEL || !message.payload) return
    let parsed: { from: string; messages: KeelEvent[] }
    try {
      parsed = JSON.parse(message.payload)
    } catch {
      return
    }
    if (parsed.from === self) return
    for (const event of parsed.messages) events.receive(event)
  }

  const connect = async () => {
    retry = undefined
    if (stopped) return
    const next = new pg.Client({ connectionString: url })
    next.on('error', () => {})
    next.on('end', () => {
      if (client !== next) return
      client = undefined
      listening = false
      if (!stopped) {
        log('event relay: lost the database connection; reconnecting')
        schedule()
      }
    })
    try {
      await next.connect()
      next.on('notification', onNotification)
      await next.query(`LISTEN ${CHANGES_CHANNEL}`)
    } catch {
      await next.end().catch(() => {})
      schedule()
      return
    }
    if (stopped) {
      await next.end().catch(() => {})
      return
    }
    client = next
    listening = true
    delay = 100
    // Changes announced while this process was not listening never reached its streams.
    if (everListened) events.resync()
    everListened = true
  }
  const schedule = () => {
    if (stopped || retry) return
    retry = setTimeout(connect, delay)
    delay = Math.min(delay * 2, 5000)
  }
  void connect()

  return {
    get listening() {
      return listening
    },
    async stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      const open = client
      client = undefined
      listening = false
      await open?.end().catch(() => {})
    },
  }
}

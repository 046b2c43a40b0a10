// Time comes in through a clock so tests can fix it.
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock for tests: starts at `start` and moves only when told. */
export function fixedClock(start: string | Date) {
  let current = new Date(start)
  return {
    now: () => new Date(current),
    set: (to: string | Date) => {
      current = new Date(to)
    },
    advance: (ms: number) => {
      current = new Date(current.getTime() + ms)
    },
  }
}

/** Timers come in beside the clock, so a test can let a heartbeat or a batching delay pass at once. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(timer: unknown): void
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(timer: unknown): void
  /** Lets the process exit while `timer` waits: a retry hours away must not hold a finished process open. */
  unref(timer: unknown): void
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (timer) => clearInterval(timer as ReturnType<typeof setInterval>),
  unref: (timer) => {
    ;(timer as ReturnType<typeof setTimeout>).unref()
  },
}

/** Timers for tests: nothing fires until `advance(ms)` lets that much time pass (in order of due time). */
export function manualTimers() {
  let now = 0
  let nextId = 1
  const due = new Map<number, { at: number; fn: () => void; every?: number }>()
  const add = (fn: () => void, ms: number, every?: number) => {
    const id = nextId++
    due.set(id, { at: now + Math.max(0, ms), fn, every })
    return id
  }
  const remove = (timer: unknown) => {
    due.delete(timer as number)
  }
  return {
    setTimeout: (fn: () => void, ms: number) => add(fn, ms),
    clearTimeout: remove,
    setInterval: (fn: () => void, ms: number) => add(fn, ms, Math.max(1, ms)),
    clearInterval: remove,
    unref: () => {},
    /** Runs every timer that falls due within `ms`, earliest first, then leaves the time there. */
    advance(ms: number) {
      const until = now + ms
      for (;;) {
        const next = [...due.entries()].sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0]
        if (!next || next[1].at > until) break
        const [id, timer] = next
        now = timer.at
        if (timer.every) timer.at += timer.every
        else due.delete(id)
        timer.fn()
      }
      now = until
    },
    /** How many timers are waiting. */
    pending: () => due.size,
  } satisfies Timers & Record<string, unknown>
}

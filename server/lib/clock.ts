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

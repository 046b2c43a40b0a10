// Slows down guessing: failure counts in a sliding window (FailureThrottle), and exponential backoff per
// key (BackoffThrottle). Both forget quiet keys and hold a bounded number of them, so a flood of made-up
// keys cannot grow memory without end.

/** Keys kept at most; past this the least recently failed are forgotten first. */
const MAX_KEYS = 50_000

function remember<V>(map: Map<string, V>, key: string, value: V) {
  map.delete(key)
  map.set(key, value)
  if (map.size > MAX_KEYS) map.delete(map.keys().next().value as string)
}

/** At most `limit` failures per key in any `windowMs`. */
export class FailureThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs)
    if (times.length) this.failures.set(key, times)
    else this.failures.delete(key)
    return times
  }

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, now: number): number {
    const times = this.recent(key, now)
    if (times.length < this.limit) return 0
    return this.windowMs - (now - (times[0] ?? now))
  }

  fail(key: string, now: number): void {
    remember(this.failures, key, [...this.recent(key, now).slice(-this.limit), now])
  }

  reset(key: string): void {
    this.failures.delete(key)
  }
}

/**
 * `free` failures per key, then a wait that doubles with each further failure (from `baseMs` up to
 * `maxMs`). A key that has not failed for `forgetMs` starts afresh.
 */
export class BackoffThrottle {
  private readonly keys = new Map<string, { failures: number; last: number }>()

  constructor(private readonly options: { free: number; baseMs: number; maxMs: number; forgetMs: number }) {}

  private current(key: string, now: number) {
    const entry = this.keys.get(key)
    if (entry && now - entry.last >= this.options.forgetMs) {
      this.keys.delete(key)
      return undefined
    }
    return entry
  }

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string, now: number): number {
    const entry = this.current(key, now)
    if (!entry || entry.failures < this.options.free) return 0
    const { baseMs, maxMs, free } = this.options
    const wait = Math.min(maxMs, baseMs * 2 ** Math.min(30, entry.failures - free))
    return Math.max(0, entry.last + wait - now)
  }

  fail(key: string, now: number): void {
    remember(this.keys, key, { failures: (this.current(key, now)?.failures ?? 0) + 1, last: now })
  }

  reset(key: string): void {
    this.keys.delete(key)
  }
}

/**
 * Password guessing: keyed on the address and the account together, so a stranger failing against
 * someone's account slows only themselves and never locks the owner out; plus a ceiling per address,
 * so one address cannot try many accounts.
 */
export class LoginThrottle {
  private readonly perAccount = new BackoffThrottle({
    free: 5,
    baseMs: 1000,
    maxMs: 15 * 60 * 1000,
    forgetMs: 60 * 60 * 1000,
  })
  private readonly perAddress: FailureThrottle

  constructor(addressLimit = 100, addressWindowMs = 15 * 60 * 1000) {
    this.perAddress = new FailureThrottle(addressLimit, addressWindowMs)
  }

  retryAfter(address: string, account: string, now: number): number {
    return Math.max(
      this.perAccount.retryAfter(`${address}\n${account}`, now),
      this.perAddress.retryAfter(address, now),
    )
  }

  fail(address: string, account: string, now: number): void {
    this.perAccount.fail(`${address}\n${account}`, now)
    this.perAddress.fail(address, now)
  }

  succeed(address: string, account: string): void {
    this.perAccount.reset(`${address}\n${account}`)
  }
}

/**
 * Caps what is held open at once per key (event streams per user and per address). `acquire` takes a
 * place under every key or none, and answers the key that is full; `release` gives the places back.
 */
export class OpenLimit {
  private readonly open = new Map<string, number>()

  constructor(private readonly limits: Readonly<Record<string, number>>) {}

  /** Takes a place under each `kind:value` key; answers the kind that is full, or undefined when taken. */
  acquire(keys: Readonly<Record<string, string>>): string | undefined {
    for (const [kind, value] of Object.entries(keys)) {
      const limit = this.limits[kind] ?? Number.POSITIVE_INFINITY
      if ((this.open.get(`${kind}:${value}`) ?? 0) >= limit) return kind
    }
    for (const [kind, value] of Object.entries(keys)) {
      const key = `${kind}:${value}`
      this.open.set(key, (this.open.get(key) ?? 0) + 1)
    }
    return undefined
  }

  release(keys: Readonly<Record<string, string>>): void {
    for (const [kind, value] of Object.entries(keys)) {
      const key = `${kind}:${value}`
      const n = (this.open.get(key) ?? 0) - 1
      if (n > 0) this.open.set(key, n)
      else this.open.delete(key)
    }
  }
}

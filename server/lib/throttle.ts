// Slows down guessing: failure counts in a sliding window (FailureThrottle), and exponential backoff per
// key (BackoffThrottle). Their counters live in the database (ThrottleCounters), so every Keel process
// counts against one limit and a restart forgets nothing; each change is one bookkeeping write, which the
// engines serialise (SQLite's one writer, PostgreSQL's write lock), so two processes never lose a count.
// Counters are kept under a hash of their key and expire on their own, so a flood of made-up keys
// cannot grow the table without end.
import type { Store } from '../../db/store'
import { sha256 } from './crypto'
import { throttleRepo } from './throttle-repo'
import { bookkeepingWrite } from './write'

const iso = (ms: number) => new Date(ms).toISOString()

/** Throttle counters by key, in the database. */
export class ThrottleCounters {
  constructor(private readonly store: Store) {}

  private static hash = (key: string) => sha256(`keel-throttle\n${key}`)

  /** A key's counter, unless it has expired. */
  async read<V>(key: string, now: number): Promise<V | undefined> {
    return (await throttleRepo.read(this.store.db, ThrottleCounters.hash(key), iso(now))) as V | undefined
  }

  /**
   * Replaces a key's counter with what `next` makes of it (undefined drops it), atomically across
   * processes; expired counters of any key are pruned on the way.
   */
  update<V>(
    key: string,
    now: number,
    next: (current: V | undefined) => { state: V; expiresAt: number } | undefined,
  ): Promise<void> {
    const hashed = ThrottleCounters.hash(key)
    return bookkeepingWrite(this.store, async (tx) => {
      const current = (await throttleRepo.read(tx, hashed, iso(now))) as V | undefined
      await throttleRepo.prune(tx, iso(now))
      const result = next(current)
      if (result) await throttleRepo.put(tx, hashed, result.state, iso(result.expiresAt))
      else await throttleRepo.remove(tx, hashed)
    })
  }

  /** Drops a key's counter (no write when there is none). */
  async reset(key: string, now: number): Promise<void> {
    if ((await this.read(key, now)) === undefined) return
    await bookkeepingWrite(this.store, (tx) => throttleRepo.remove(tx, ThrottleCounters.hash(key)))
  }
}

/** At most `limit` failures per key in any `windowMs`. */
export class FailureThrottle {
  constructor(
    private readonly counters: ThrottleCounters,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private recent(times: number[] | undefined, now: number): number[] {
    return (times ?? []).filter((t) => now - t < this.windowMs)
  }

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  async retryAfter(key: string, now: number): Promise<number> {
    const times = this.recent(await this.counters.read<number[]>(`${this.name}\n${key}`, now), now)
    if (times.length < this.limit) return 0
    return this.windowMs - (now - (times[0] ?? now))
  }

  fail(key: string, now: number): Promise<void> {
    return this.counters.update<number[]>(`${this.name}\n${key}`, now, (times) => ({
      state: [...this.recent(times, now).slice(-this.limit), now],
      expiresAt: now + this.windowMs,
    }))
  }
}

/**
 * `free` failures per key, then a wait that doubles with each further failure (from `baseMs` up to
 * `maxMs`). A key that has not failed for `forgetMs` starts afresh.
 */
export class BackoffThrottle {
  constructor(
    private readonly counters: ThrottleCounters,
    private readonly name: string,
    private readonly options: { free: number; baseMs: number; maxMs: number; forgetMs: number },
  ) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  async retryAfter(key: string, now: number): Promise<number> {
    const entry = await this.counters.read<{ failures: number; last: number }>(`${this.name}\n${key}`, now)
    if (!entry || entry.failures < this.options.free) return 0
    const { baseMs, maxMs, free } = this.options
    const wait = Math.min(maxMs, baseMs * 2 ** Math.min(30, entry.failures - free))
    return Math.max(0, entry.last + wait - now)
  }

  fail(key: string, now: number): Promise<void> {
    return this.counters.update<{ failures: number; last: number }>(`${this.name}\n${key}`, now, (entry) => ({
      state: { failures: (entry?.failures ?? 0) + 1, last: now },
      expiresAt: now + this.options.forgetMs,
    }))
  }

  reset(key: string, now: number): Promise<void> {
    return this.counters.reset(`${this.name}\n${key}`, now)
  }
}

/** An address and an account together; emails are compared as the login compares them, case aside. */
const accountKey = (address: string, account: string) => `${address}\n${account.trim().toLowerCase()}`

/**
 * Password guessing: keyed on the address and the account together, so a stranger failing against
 * someone's account slows only themselves and never locks the owner out; plus a ceiling per address,
 * so one address cannot try many accounts.
 */
export class LoginThrottle {
  private readonly perAccount: BackoffThrottle
  private readonly perAddress: FailureThrottle

  constructor(counters: ThrottleCounters, addressLimit = 100, addressWindowMs = 15 * 60 * 1000) {
    this.perAccount = new BackoffThrottle(counters, 'login-account', {
      free: 5,
      baseMs: 1000,
      maxMs: 15 * 60 * 1000,
      forgetMs: 60 * 60 * 1000,
    })
    this.perAddress = new FailureThrottle(counters, 'login-address', addressLimit, addressWindowMs)
  }

  async retryAfter(address: string, account: string, now: number): Promise<number> {
    const [account_, address_] = await Promise.all([
      this.perAccount.retryAfter(accountKey(address, account), now),
      this.perAddress.retryAfter(address, now),
    ])
    return Math.max(account_, address_)
  }

  async fail(address: string, account: string, now: number): Promise<void> {
    await this.perAccount.fail(accountKey(address, account), now)
    await this.perAddress.fail(address, now)
  }

  succeed(address: string, account: string, now: number): Promise<void> {
    return this.perAccount.reset(accountKey(address, account), now)
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

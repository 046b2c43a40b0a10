// Counts failures per key in a sliding window; used to slow down password guessing.
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
    this.failures.set(key, [...this.recent(key, now), now])
  }

  reset(key: string): void {
    this.failures.delete(key)
  }
}

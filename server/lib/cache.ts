// A small least-recently-used cache bounded by the total size of its values: strings (counted in
// characters) or encoded bytes (counted in bytes: a response body kept as bytes is not encoded again on
// every send, 1-2 ms for a 700 KB board). An entry may carry a tag (e.g. an ETag): a lookup with another
// tag misses, and setting a new tag replaces the old value, so a key holds only its latest version
// instead of every stale one until they age out.
export type CachedValue = string | Uint8Array<ArrayBuffer>

export class StringCache {
  private readonly entries = new Map<string, { value: CachedValue; tag: string }>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string, tag = ''): CachedValue | undefined {
    const entry = this.entries.get(key)
    return entry === undefined || entry.tag !== tag ? undefined : this.entry(key)!.value
  }

  /** The value under `key` whatever its tag, with the tag. */
  entry(key: string): { value: CachedValue; tag: string } | undefined {
    const entry = this.entries.get(key)
    if (entry === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  set(key: string, value: CachedValue, tag = ''): void {
    this.delete(key)
    if (value.length > this.maxBytes) return
    this.entries.set(key, { value, tag })
    this.bytes += value.length
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= old.value.length
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key)
    if (old === undefined) return
    this.entries.delete(key)
    this.bytes -= old.value.length
  }
}

/**
 * Entries that hold while the database's access epoch (db/access-epoch.ts) stays where it was when they
 * were stored: the first lookup under a new epoch empties the cache. Bounded by count (emptied when full).
 */
export class EpochCache<V> {
  private readonly entries = new Map<string, V>()
  private epoch = Number.NaN

  constructor(private readonly maxEntries = 10_000) {}

  get(epoch: number, key: string): V | undefined {
    this.at(epoch)
    return this.entries.get(key)
  }

  /** `epoch` is the one read before the value was looked up in the database. */
  set(epoch: number, key: string, value: V): void {
    this.at(epoch)
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(key, value)
  }

  private at(epoch: number) {
    if (epoch === this.epoch) return
    this.entries.clear()
    this.epoch = epoch
  }
}

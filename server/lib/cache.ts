// A small least-recently-used cache bounded by the total size of its string values.
export class StringCache {
  private readonly entries = new Map<string, string>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get(key: string): string | undefined {
    const value = this.entries.get(key)
    if (value === undefined) return undefined
    this.entries.delete(key)
    this.entries.set(key, value)
    return value
  }

  set(key: string, value: string): void {
    this.delete(key)
    if (value.length > this.maxBytes) return
    this.entries.set(key, value)
    this.bytes += value.length
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(oldest)
      this.bytes -= old.length
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key)
    if (old === undefined) return
    this.entries.delete(key)
    this.bytes -= old.length
  }
}

// Work a request starts and does not wait for. The request answers first; the work runs on the next turn of
// the (injected) timers, its failures go to the log, and `settled()` waits for it (tests, shutdown).
import type { Timers } from './clock'

export class Background {
  private readonly running = new Set<Promise<void>>()

  constructor(
    private readonly timers: Timers,
    private readonly log: (line: string) => void,
  ) {}

  /** Runs `task` after the current request has answered, never inside it. */
  run(label: string, task: () => Promise<void>): void {
    let start!: () => void
    const started = new Promise<void>((resolve) => {
      start = resolve
    })
    const done: Promise<void> = started
      .then(task)
      .catch((err) =>
        this.log(`${label} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
      )
      .finally(() => this.running.delete(done))
    this.running.add(done)
    this.timers.setTimeout(start, 0)
  }

  /** How many tasks are waiting or running now (the instance's health page shows it). */
  get pending(): number {
    return this.running.size
  }

  /** Resolves once every task run so far is done (with manual timers, advance them first: they start it). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running])
  }
}

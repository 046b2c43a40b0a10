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
    this.timers.setTimeout(() => {
      const done: Promise<void> = task()
        .catch((err) =>
          this.log(`${label} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
        )
        .finally(() => this.running.delete(done))
      this.running.add(done)
    }, 0)
  }

  /** Resolves once every task that has started is done (with manual timers, those the time let start). */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running])
  }
}

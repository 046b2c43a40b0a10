// The in-process event bus: services publish after commit, SSE streams (and later webhooks) subscribe.
export interface KeelEvent {
  /** `<entity>.<created|updated|deleted|moved|transitioned>` */
  type: string
  entityType: string
  id: number
  version: number | null
  actorId: number | null
  workspaceId: number
  /** The product the entity belongs to; members narrowed to other products never receive it. */
  productId: number | null
  /**
   * What open views need to show the change without fetching again (a moved card's column, rank and
   * version), when it is small; fields its viewers may already see.
   */
  patch?: Record<string, unknown>
}

type Listener = (event: KeelEvent) => void

export class EventBus {
  private readonly listeners = new Map<number, Set<Listener>>()

  subscribe(workspaceId: number, listener: Listener): () => void {
    let set = this.listeners.get(workspaceId)
    if (!set) {
      set = new Set()
      this.listeners.set(workspaceId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(workspaceId)
    }
  }

  private readonly everywhere = new Set<Listener>()

  /** Every workspace's events (the webhook dispatcher); returns the unsubscribe function. */
  subscribeAll(listener: Listener): () => void {
    this.everywhere.add(listener)
    return () => this.everywhere.delete(listener)
  }

  publish(event: KeelEvent): void {
    for (const listener of [...(this.listeners.get(event.workspaceId) ?? []), ...this.everywhere]) {
      try {
        listener(event)
      } catch {
        // A broken subscriber (e.g. a closed stream) must never fail the write that published.
      }
    }
  }

  private readonly closers = new Set<() => void>()

  /** Long-lived streams register here so a graceful shutdown can end them. */
  onShutdown(close: () => void): () => void {
    this.closers.add(close)
    return () => this.closers.delete(close)
  }

  shutdown(): void {
    for (const close of this.closers) close()
    this.closers.clear()
  }

  subscriberCount(workspaceId: number): number {
    return this.listeners.get(workspaceId)?.size ?? 0
  }
}

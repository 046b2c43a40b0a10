// The event bus: services publish after commit, SSE streams and the webhook dispatcher subscribe. With
// several processes on one PostgreSQL (server/lib/relay.ts), a change published in one process is received
// by the others: their streams deliver it, but only the process where the change was made dispatches its
// webhooks, so a change fires each webhook once.
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
  /** Only these people's streams deliver it (their inbox changed); absent: everyone who may see it. */
  userIds?: readonly number[]
}

/** The entity type of the events that tell people their inbox changed (never sent to webhooks). */
export const NOTIFICATION = 'notification'

/** `epoch`: the access epoch its write committed at, for what is cached while it stays put (made here). */
type Listener = (event: KeelEvent, epoch?: number) => void

/** The type of the event that asks pages to fetch everything afresh. */
export const RESYNC = 'resync'

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
  private readonly observers = new Set<Listener>()

  /**
   * Every workspace's events made in this process (the webhook dispatcher); with `{ received: true }`, the
   * events other processes made too (to drop what a cache holds). Returns the unsubscribe function.
   */
  subscribeAll(listener: Listener, options: { received?: boolean } = {}): () => void {
    const set = options.received ? this.observers : this.everywhere
    set.add(listener)
    return () => set.delete(listener)
  }

  /** A change made in this process, after its commit (at access epoch `epoch`). */
  publish(event: KeelEvent, epoch?: number): void {
    this.deliver(
      [...(this.listeners.get(event.workspaceId) ?? []), ...this.everywhere, ...this.observers],
      event,
      epoch,
    )
  }

  /** A change made in another process (server/lib/relay.ts). */
  receive(event: KeelEvent): void {
    this.deliver([...(this.listeners.get(event.workspaceId) ?? []), ...this.observers], event)
  }

  /**
   * Tells every open stream that changes may have been missed (the relay was cut off): a `resync` event per
   * workspace, on which pages fetch what they show afresh.
   */
  resync(): void {
    for (const [workspaceId, listeners] of this.listeners) {
      const event: KeelEvent = {
        type: RESYNC,
        entityType: 'workspace',
        id: workspaceId,
        version: null,
        actorId: null,
        workspaceId,
        productId: null,
      }
      this.deliver([...listeners], event)
    }
  }

  private deliver(listeners: Listener[], event: KeelEvent, epoch?: number) {
    for (const listener of listeners) {
      try {
        listener(event, epoch)
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

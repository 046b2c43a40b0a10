// One user action, one transaction: the change, its activity rows and its events commit together;
// events are published only after the outermost commit succeeds, and never for a change rolled back.
// The two other kinds of transaction (a read snapshot, Keel's own bookkeeping) are named here too.
import type { Db } from '../../db/client'
import type { Level, Store } from '../../db/store'
import { auditOfChange, auditRows } from './audit'
import type { ActivityRow, AppDeps, AuditEntry, ServiceContext } from './context'
import { conflict } from './errors'
import type { KeelEvent } from './events'

export type Action = 'created' | 'updated' | 'deleted' | 'moved' | 'transitioned'

export interface Change {
  entityType: string
  entityId: number
  action: Action
  productId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  /** The entity's version after the change; null when deleted. */
  version?: number | null
  /** Made by a rule (auto-advance), not directly by the actor. */
  automatic?: boolean
  /** Sent with the event for open views to apply (see KeelEvent.patch). */
  patch?: Record<string, unknown>
  /** The workspace, when it is not the scope's (a workspace being created). */
  workspaceId?: number
  /** The item the entity hangs off, whose history shows the change too (an attachment's requirement). */
  parent?: { type: string; id: number }
}

export type Recorder = (change: Change) => void

/** What the write path needs of the app's dependencies (the import command runs without the HTTP app). */
export type WriteDeps = Pick<
  AppDeps,
  'db' | 'store' | 'clock' | 'events' | 'recordActivity' | 'recordAudit' | 'request'
>

export interface WriteScope {
  deps: WriteDeps
  /** The workspace the changes belong to; null only where the change names its own (creating one). */
  workspaceId: number | null
  actorId: number | null
  /** The open write of the same request this one nests in (the demo seeding calls services), if any. */
  within?: WriteFrame
}

/** An open write, handed to its function so that writes nested in it can name it. */
export interface WriteFrame {
  readonly level: Level
  /** The events recorded so far, in the order they happened; they leave after the outermost commit. */
  readonly events: KeelEvent[]
  /** The audit log's events of this write (see `audit`); they commit with it. */
  readonly audit: AuditEntry[]
}

/** Adds a security event (a sign-in, a password change) to the write: it is logged if the write commits. */
export function audit(frame: WriteFrame, ...entries: AuditEntry[]) {
  frame.audit.push(...entries)
}

/**
 * Runs `fn` as one write transaction, after the writes before it; its history rows commit with it, and its
 * events are published once the outermost write committed (a nested write is a savepoint: its events join
 * the outer write's, and a nested write that throws hands over nothing). Inside, read the write's own rows
 * so far through `tx`, and compare versions there (db/store.ts: holding the turn, the reader shows the
 * state the write began on).
 */
export function write<T>(
  scope: WriteScope,
  fn: (tx: Db, record: Recorder, frame: WriteFrame) => T | Promise<T>,
): Promise<T> {
  const { deps, actorId, within } = scope
  const createdAt = deps.clock.now().toISOString()
  const { request } = deps
  return deps.store.transaction(async (tx, level) => {
    const frame: WriteFrame = { level, events: [], audit: [] }
    const history: ActivityRow[] = []
    const result = await fn(tx, record(history, frame.events), frame)
    // The history rows go in together, at the end of the write (one statement, one round trip).
    if (history.length > 0) await deps.recordActivity(tx, history)
    for (const row of history) {
      const event = auditOfChange(row)
      if (event) frame.audit.push(event)
    }
    // A nested write's events join the outer write's, in the order they happened, with their own actor.
    if (within)
      within.audit.push(
        ...frame.audit.map((e) => ({ ...e, actorId: e.actorId === undefined ? actorId : e.actorId })),
      )
    else if (frame.audit.length > 0)
      await deps.recordAudit(tx, auditRows(frame.audit, actorId, createdAt, request))
    // Other processes learn of the changes with the commit (PostgreSQL: server/lib/relay.ts).
    if (!within && frame.events.length > 0 && deps.store.announce) await deps.store.announce(tx, frame.events)
    if (within) within.events.push(...frame.events)
    else if (frame.events.length > 0) level.callbacks.push(() => publishAll(deps, frame.events, level.epoch))
    return result
  }, within?.level)

  function record(history: ActivityRow[], events: KeelEvent[]): Recorder {
    return (change) => {
      const workspaceId = change.workspaceId ?? scope.workspaceId
      if (workspaceId === null) throw new Error(`A ${change.entityType} change names no workspace`)
      history.push({
        workspaceId,
        productId: change.productId ?? null,
        entityType: change.entityType,
        entityId: change.entityId,
        parentType: change.parent?.type ?? null,
        parentId: change.parent?.id ?? null,
        action: change.action,
        actorId,
        automatic: change.automatic ?? false,
        before: change.before ?? null,
        after: change.after ?? null,
        createdAt,
      })
      events.push({
        type: `${change.entityType}.${change.action}`,
        entityType: change.entityType,
        id: change.entityId,
        version: change.version ?? null,
        actorId,
        workspaceId,
        productId: change.productId ?? null,
        ...(change.patch && { patch: change.patch }),
      })
    }
  }
}

function publishAll(deps: WriteDeps, events: readonly KeelEvent[], epoch: number | undefined) {
  for (const event of events) deps.events.publish(event, epoch)
}

/** Equal values: primitives by identity, JSON values (lists, objects) by their JSON text. */
const same = (a: unknown, b: unknown) =>
  a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b))

/** The fields of `after` that differ from `before`, as { before, after } for the activity row. */
export function diff<T extends Record<string, unknown>>(before: T, after: T) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const key of Object.keys(after)) {
    if (key === 'version' || key === 'updatedAt') continue
    if (!same(before[key], after[key])) {
      b[key] = before[key]
      a[key] = after[key]
    }
  }
  return { before: b, after: a }
}

/** Records an update of an entity with only the fields that changed. */
export function recordUpdate<T extends { id: number; version: number }>(
  record: Recorder,
  entityType: string,
  before: T,
  after: T,
  productId: number | null,
  action: Action = 'updated',
  patch?: Record<string, unknown>,
) {
  record({
    entityType,
    entityId: after.id,
    productId,
    action,
    version: after.version,
    patch,
    ...diff(before, after),
  })
}

/** Records that an item was moved along with something else (out of a deleted iteration or release). */
export function recordCarried(
  record: Recorder,
  entityType: string,
  moved: { id: number; version: number },
  productId: number | null,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) {
  record({
    entityType,
    entityId: moved.id,
    productId,
    action: 'updated',
    version: moved.version,
    before,
    after,
  })
}

/** 409 with the current entity when the caller's version is stale. */
export function checkVersion<T extends { version: number }>(current: T, expected: number | undefined) {
  if (expected !== undefined && expected !== current.version) {
    throw conflict('stale_version', 'This item was changed by someone else; reload and try again', {
      current,
    })
  }
}

/** The write scope of a service call: its workspace and actor. */
export const scopeOf = (
  ctx: Pick<ServiceContext, 'user' | 'membership' | 'within'> & { deps: WriteDeps },
): WriteScope => ({
  deps: ctx.deps,
  workspaceId: ctx.membership.workspaceId,
  actorId: ctx.user.id,
  within: ctx.within,
})

/**
 * Several reads as one consistent snapshot while others write (store.snapshot): `fn` reads through the
 * `deps` it is handed. Not a write(): nothing changes, so no history to record, no event to publish.
 */
export function readSnapshot<D extends { store: Store; db: Db }, T>(
  deps: D,
  fn: (deps: D) => Promise<T>,
): Promise<T> {
  return deps.store.snapshot((db) => fn({ ...deps, db }))
}

/**
 * A write transaction for Keel's own bookkeeping (e.g. the webhook worker's delivery queue), which is no
 * person's change to workspace data: no history, no events. A person's change goes through write().
 */
export function bookkeepingWrite<T>(store: Store, fn: (tx: Db) => T | Promise<T>): Promise<T> {
  return store.transaction(fn)
}

// Telling people their inbox changed: one event per workspace, delivered only to those people's streams
// (in every process: it travels with the commit), published once the transaction committed.
import type { Db } from '../../../db/client'
import type { Level, Store } from '../../../db/store'
import { type EventBus, type KeelEvent, NOTIFICATION } from '../../lib/events'

/** `changed`: whose inbox changed, by workspace. Call inside the transaction that changed them. */
export async function tellInboxes(
  deps: { store: Store; events: EventBus },
  tx: Db,
  level: Level,
  changed: ReadonlyMap<number, ReadonlySet<number>>,
  change: 'created' | 'updated',
) {
  const told = [...changed].map(
    ([workspaceId, userIds]): KeelEvent => ({
      type: `${NOTIFICATION}.${change}`,
      entityType: NOTIFICATION,
      id: 0,
      version: null,
      // Nobody's own change: every tab of theirs refreshes.
      actorId: null,
      workspaceId,
      productId: null,
      userIds: [...userIds],
    }),
  )
  if (told.length === 0) return
  if (deps.store.announce) await deps.store.announce(tx, told)
  level.callbacks.push(() => {
    for (const event of told) deps.events.publish(event)
  })
}

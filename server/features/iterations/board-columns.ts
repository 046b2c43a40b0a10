// A board's columns, rebuilt only where they changed. Building the cards of a 2,000-card board is most of
// the cost of the board right after a change; a move touches one or two columns. Each column's cards are
// kept (in the board cache) with the product's board stamp they were built at; the next build reads the
// product's history since then, and builds again only the columns of the tasks it names (the statuses they
// had and have). A change to anything else that a card shows (a product's key, a requirement's title or
// number) builds every column again.
import type { Db } from '../../../db/client'
import { BOARD_STATUSES } from '../../../domain/vocabulary'
import type { StringCache } from '../../lib/cache'
import { activityRepo } from '../activity/repo'
import { iterationRepo } from './repo'

/** More changes than this since the columns were built: build them all again. */
const MAX_CHANGES = 200

type Change = Awaited<ReturnType<typeof activityRepo.since>>[number]

/** Requirement fields that a card shows (its key and title). */
const CARD_FIELDS_OF_REQUIREMENT = ['title', 'number', 'productId']

/**
 * Changes that leave every card as it was: comments, and a requirement's changes that touch nothing a
 * card shows of it (its status moving with its tasks, its rank, its asks).
 */
function leavesCards(change: Change) {
  if (change.entityType === 'comment') return true
  if (change.entityType !== 'requirement' || change.action === 'deleted' || change.action === 'created')
    return false
  const fields = Object.keys({ ...change.before, ...change.after })
  return !fields.some((f) => CARD_FIELDS_OF_REQUIREMENT.includes(f))
}

/**
 * The columns the changes since `since` may have changed in this iteration: the statuses the changed tasks
 * had and have (undefined: every column).
 */
async function changedColumns(db: Db, productId: number, since: number) {
  const changes = await activityRepo.since(db, productId, since, MAX_CHANGES)
  if (changes.length >= MAX_CHANGES) return undefined
  const statuses = new Set<string>()
  const taskIds = new Set<number>()
  for (const change of changes) {
    if (change.entityType !== 'task') {
      if (leavesCards(change)) continue
      return undefined
    }
    taskIds.add(change.entityId)
    for (const side of [change.before, change.after]) {
      if (typeof side?.status === 'string') statuses.add(side.status)
    }
  }
  // A change of another field (a reorder, an edit, joining or leaving the iteration) names no status: the
  // task's column is the one it is in now (had it moved since, a later change names its old status).
  for (const status of await iterationRepo.statusesOf(db, [...taskIds])) statuses.add(status)
  return statuses
}

/**
 * Each board column's cards as JSON text at board stamp `stamp` (iterationRepo.boardStamp, read before
 * this), built again only where the product's history since the last build says they changed.
 */
export async function boardColumnsAt(
  db: Db,
  cache: StringCache,
  iteration: { id: number; productId: number },
  stamp: number,
): Promise<Map<string, string>> {
  const key = (status: string) => `board-column:${iteration.id}:${status}`
  const columns = new Map<string, string>()
  const stale = new Set<string>()
  let since = stamp
  for (const status of BOARD_STATUSES) {
    const kept = cache.entry(key(status))
    if (kept === undefined) stale.add(status)
    else {
      columns.set(status, String(kept.value))
      since = Math.min(since, Number(kept.tag))
    }
  }
  if (since < stamp && stale.size < BOARD_STATUSES.length) {
    const changed = await changedColumns(db, iteration.productId, since)
    for (const status of changed ?? BOARD_STATUSES) stale.add(status)
  }
  if (stale.size > 0) {
    const all = stale.size === BOARD_STATUSES.length
    const built = new Map(
      (await iterationRepo.boardColumns(db, iteration.id, all ? undefined : [...stale])).map((c) => [
        c.status,
        c.cards,
      ]),
    )
    for (const status of stale) columns.set(status, built.get(status) ?? '[]')
  }
  // Built from the database after `stamp` was read: at least as new as the stamp says.
  for (const [status, cards] of columns) cache.set(key(status), cards, String(stamp))
  return columns
}

// Where a moved requirement lands: the API takes one neighbour ({beforeId} or {afterId}); the list shows
// the new order at once. Pure, so the drop and keyboard paths share it and it is tested on its own.

export type RankTarget = { beforeId: number } | { afterId: number }

/** The list with the item at `from` moved to index `to` (its index in the new list). */
export function moveInList<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items]
  const [moved] = next.splice(from, 1)
  if (moved === undefined) return next
  next.splice(Math.max(0, Math.min(to, next.length)), 0, moved)
  return next
}

/**
 * The rank call for moving the item at `from` to index `to` of a (possibly filtered) list. Moving up
 * puts it directly before the item it passed last; moving down, directly after it — so hidden items
 * between visible neighbours stay where the user did not touch them.
 */
export function rankTargetForMove(ids: readonly number[], from: number, to: number): RankTarget | undefined {
  if (from === to || from < 0 || from >= ids.length) return undefined
  const next = moveInList(ids, from, to)
  const at = next.indexOf(ids[from]!)
  if (to < from) {
    const beforeId = next[at + 1]
    return beforeId === undefined ? undefined : { beforeId }
  }
  const afterId = next[at - 1]
  return afterId === undefined ? undefined : { afterId }
}

/** The index the dragged item ends at when dropped on the row at `over`, on its upper or lower half. */
export function dropIndex(from: number, over: number, side: 'before' | 'after'): number {
  const insertAt = side === 'before' ? over : over + 1
  return from < insertAt ? insertAt - 1 : insertAt
}

/** Applies a rank target to a list of items by id (the optimistic view of a rank call). */
export function reorderById<T extends { id: number }>(
  items: readonly T[],
  id: number,
  target: RankTarget,
): T[] {
  const from = items.findIndex((item) => item.id === id)
  if (from < 0) return [...items]
  const rest = items.filter((item) => item.id !== id)
  const anchorId = 'beforeId' in target ? target.beforeId : target.afterId
  const anchor = rest.findIndex((item) => item.id === anchorId)
  // The anchor is not in this list (another filter): leave the list alone; the refetch will order it.
  if (anchor < 0) return [...items]
  rest.splice('beforeId' in target ? anchor : anchor + 1, 0, items[from]!)
  return rest
}

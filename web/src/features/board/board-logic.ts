// The board's rules as pure functions, so they can be tested without a browser. The vocabulary is in
// board-model, where a dropped card goes, the optimistic move and the keyboard moves in board-moves, quick
// filters and swimlanes in board-lanes; this module adds the default iteration, dates and the choices
// remembered on this device, and is the one import for components and tests. Components only wire these to
// the DOM and the API.

import { daysBetween, localToday } from '../../../../domain/dates'
import { type BoardCard, GROUP_BYS, type GroupBy } from './board-model'

export * from './board-lanes'
export * from './board-model'
export * from './board-moves'

// ---------- iterations ----------

export interface IterationLike {
  id: number
  status: string
  startDate: string
  endDate: string
}

/** The iteration a board opens on: the active one, else the next planned, else the latest. */
export function pickIteration<T extends IterationLike>(iterations: readonly T[]): T | undefined {
  const byStart = [...iterations].sort((a, b) =>
    a.startDate === b.startDate ? a.id - b.id : a.startDate < b.startDate ? -1 : 1,
  )
  return (
    byStart.find((i) => i.status === 'active') ??
    byStart.find((i) => i.status === 'planned') ??
    byStart.at(-1)
  )
}

/** A calendar date (YYYY-MM-DD) as a local Date, for formatting without a time-zone shift. */
export const localDay = (date: string) =>
  new Date(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10))

export { daysLeft } from '../../../../domain/dates'
export { daysBetween, localToday }

/** A card is overdue when it is not done and its due date has passed. */
export const isOverdue = (card: Pick<BoardCard, 'dueDate' | 'status'>, today: string) =>
  card.status !== 'done' && card.dueDate !== null && card.dueDate < today

// ---------- remembered choices ----------

const GROUP_BY_KEY = 'keel.board.groupBy'

export function readGroupBy(storage: Pick<Storage, 'getItem'> | undefined): GroupBy {
  try {
    const value = storage?.getItem(GROUP_BY_KEY)
    return GROUP_BYS.find((g) => g === value) ?? 'none'
  } catch {
    return 'none'
  }
}

export function saveGroupBy(storage: Pick<Storage, 'setItem'> | undefined, groupBy: GroupBy) {
  try {
    storage?.setItem(GROUP_BY_KEY, groupBy)
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

const lastIterationKey = (productId: number) => `keel.board.iteration.${productId}`

/** The iteration a product's board showed last time on this device, if any. */
export function readLastIteration(
  productId: number,
  storage: Pick<Storage, 'getItem'> | undefined = globalStorage(),
) {
  try {
    const value = Number(storage?.getItem(lastIterationKey(productId)))
    return Number.isInteger(value) && value > 0 ? value : undefined
  } catch {
    return undefined
  }
}

export function saveLastIteration(
  productId: number,
  iterationId: number,
  storage: Pick<Storage, 'setItem'> | undefined = globalStorage(),
) {
  try {
    storage?.setItem(lastIterationKey(productId), String(iterationId))
  } catch {
    // Storage disabled: nothing to remember.
  }
}

/** This device's localStorage, if the browser offers it. */
export function globalStorage(): Storage | undefined {
  return typeof localStorage === 'undefined' ? undefined : localStorage
}

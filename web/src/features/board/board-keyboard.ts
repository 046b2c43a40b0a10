// The keyboard on the board: arrows move the focus between cards, Alt+←/→ move the focused card along the
// workflow (to do → doing → review → done), Alt+↑/↓ change its place (the same beforeId/afterId a drop
// would give), B blocks or unblocks it, and M opens the move menu.
import type { I18n } from '../../i18n'
import {
  type Anchor,
  type BoardCard,
  type BoardStatus,
  type LaneView,
  neighbourStatus,
  reorderAnchor,
  topAnchor,
  workflowStep,
} from './board-logic'

/** What the handler asks of the grid; read when a key is pressed, so it is the grid's props themselves. */
interface KeyboardMoves {
  onMove: (task: BoardCard, status: BoardStatus, anchor: Anchor) => void
  announce: (message: string) => void
  cardContext: { openMove: (id: number) => void }
}

/** The keydown handler for the board's scroll area (the cards inside it are links). */
export function createBoardKeyboard(options: {
  props: KeyboardMoves
  laneByKey: () => Map<string, LaneView>
  shownIds: (laneKey: string, status: BoardStatus) => number[]
  canMove: () => boolean
  t: I18n['t']
}) {
  const { props, laneByKey, shownIds, canMove, t } = options

  const locate = (el: HTMLElement) => {
    const card = el.closest<HTMLElement>('[data-card]')
    const cell = el.closest<HTMLElement>('[data-cell]')
    if (!card || !cell) return undefined
    const laneKey = cell.dataset.lane ?? ''
    const status = cell.dataset.status as BoardStatus
    const id = Number(card.dataset.card)
    const task = laneByKey()
      .get(laneKey)
      ?.cells[status].find((c) => c.id === id)
    return task ? { task, laneKey, status, card, cell } : undefined
  }

  const cardsIn = (cell: Element | null | undefined) => [
    ...(cell?.querySelectorAll<HTMLElement>('[data-card]') ?? []),
  ]

  const focusAcross = (from: HTMLElement, cell: HTMLElement, step: -1 | 1) => {
    const index = cardsIn(cell).indexOf(from)
    const row = cell.closest('[data-lane-row]')
    let status = neighbourStatus(cell.dataset.status ?? '', step)
    while (status) {
      const cards = cardsIn(row?.querySelector(`[data-status="${status}"]`))
      if (cards.length) {
        cards[Math.min(index, cards.length - 1)]?.focus()
        return
      }
      status = neighbourStatus(status, step)
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const found = locate(event.target as HTMLElement)
    if (!found) return
    const { task, laneKey, status, card, cell } = found
    const arrow = event.key.startsWith('Arrow')
    if (event.altKey && arrow) {
      event.preventDefault()
      if (!canMove()) return
      if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const to = workflowStep(status, event.key === 'ArrowLeft' ? -1 : 1)
        if (!to) return props.announce(t('board.announce.edge'))
        props.onMove(task, to, topAnchor(shownIds(laneKey, to), task.id))
      } else {
        const step = event.key === 'ArrowUp' ? -1 : 1
        const anchor = reorderAnchor(shownIds(laneKey, status), task.id, step)
        if (!anchor)
          return props.announce(
            t(step < 0 ? 'board.announce.first' : 'board.announce.last', { key: task.key }),
          )
        props.onMove(task, status, anchor)
      }
      return
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return
    if (arrow) {
      event.preventDefault()
      if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
        const cards = cardsIn(cell)
        cards[cards.indexOf(card) + (event.key === 'ArrowUp' ? -1 : 1)]?.focus()
      } else focusAcross(card, cell, event.key === 'ArrowLeft' ? -1 : 1)
    } else if ((event.key === 'm' || event.key === 'M') && canMove()) {
      event.preventDefault()
      props.cardContext.openMove(task.id)
    } else if ((event.key === 'b' || event.key === 'B') && canMove()) {
      // Block (the reason is asked first) or unblock, back to doing.
      event.preventDefault()
      const to: BoardStatus = status === 'blocked' ? 'doing' : 'blocked'
      props.onMove(task, to, topAnchor(shownIds(laneKey, to), task.id))
    }
  }

  return onKeyDown
}

// One cell of the board (a column within a lane): a droppable list of cards, drawn a few at a time.
import { createDroppable } from '@thisbeyond/solid-dnd'
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { cellKey } from './board-drag'
import type { BoardCard, BoardStatus } from './board-logic'
import { TaskCard } from './task-card'

/** Cards a cell draws at once, and how many more it adds per turn of the event loop. */
const FIRST_CARDS = 16
const MORE_CARDS = 40

export function BoardCell(props: {
  laneKey: string
  laneName: string | undefined
  status: BoardStatus
  cards: BoardCard[]
  isTarget: boolean
  dropAtEnd: boolean
  droppable: boolean
}) {
  const { t } = useI18n()
  let ref: ((el: HTMLElement) => void) | undefined
  if (props.droppable) {
    const droppable = createDroppable(cellKey(props.laneKey, props.status), {
      laneKey: props.laneKey,
      status: props.status,
    })
    ref = (el) => droppable(el, () => ({ skipTransform: true }))
  }
  // A long cell draws its first cards at once and the rest over the next frames, so a board of a thousand
  // cards is usable before every card exists. The limit only grows: once all are drawn, the list is as is.
  const [limit, setLimit] = createSignal(FIRST_CARDS)
  createEffect(() => {
    if (limit() >= props.cards.length) return
    const timer = setTimeout(() => setLimit(limit() + MORE_CARDS), 0)
    onCleanup(() => clearTimeout(timer))
  })
  // Rows are keyed by task id, not by card object: when a refresh brings a new object for a task (the
  // server's rank, a new title), the card redraws its content in the same element, so keyboard focus and
  // the pointer stay on it.
  const rows = createMemo(() => {
    const drawn = props.cards.length > limit() ? props.cards.slice(0, limit()) : props.cards
    return { ids: drawn.map((c) => c.id), byId: new Map(drawn.map((c) => [c.id, c])) }
  })
  const ids = createMemo(() => rows().ids, undefined, {
    equals: (a, b) => a.length === b.length && a.every((id, i) => id === b[i]),
  })
  const column = () => t(`work.taskStatus.${props.status}`)
  const label = () =>
    props.laneName === undefined
      ? t('board.columnList', { column: column(), n: String(props.cards.length) })
      : t('board.cellList', { column: column(), lane: props.laneName, n: String(props.cards.length) })
  return (
    <div
      ref={(el) => ref?.(el)}
      class="board-cell"
      classList={{ 'is-target': props.isTarget, 'drop-end': props.dropAtEnd }}
      data-cell
      data-lane={props.laneKey}
      data-status={props.status}
    >
      <ul class="card-list" aria-label={label()}>
        <For each={ids()}>
          {(id) => {
            const task = createMemo(() => rows().byId.get(id))
            return <TaskCard task={task()!} />
          }}
        </For>
      </ul>
      <Show when={props.isTarget && props.cards.length === 0}>
        <p class="cell-drop-hint" aria-hidden="true">
          {t('board.dropHere')}
        </p>
      </Show>
    </div>
  )
}

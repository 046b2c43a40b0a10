// The columns and swimlanes of the board, with drag and drop (@thisbeyond/solid-dnd) and its keyboard
// alternative. Each cell (a column within a lane) is one droppable, and a line shows where a dragged card
// will land; how drags start and follow the pointer is in board-drag, the keys in board-keyboard.
import { DragDropProvider, DragDropSensors, type DragEvent } from '@thisbeyond/solid-dnd'
import { createMemo, createSelector, createSignal, For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { CardOverlay, cellKey, DragController, type DropTarget, laneCollisionDetector } from './board-drag'
import { createBoardKeyboard } from './board-keyboard'
import { BoardLaneSection } from './board-lane'
import {
  type Anchor,
  anchorAt,
  type Board,
  type BoardCard,
  type BoardStatus,
  type LaneView,
} from './board-logic'
import { ColumnHeads } from './column-head'
import { CardContext, type CardContextValue } from './task-card'

export interface BoardGridProps {
  board: Board
  lanes: LaneView[]
  grouped: boolean
  canMove: boolean
  canCreate: boolean
  cardContext: Omit<CardContextValue, 'isDragging' | 'isDropBefore' | 'canMove'>
  laneLabel: (lane: LaneView) => JSX.Element
  laneName: (lane: LaneView) => string
  isCollapsed: (key: string) => boolean
  toggleLane: (key: string) => void
  onMove: (task: BoardCard, status: BoardStatus, anchor: Anchor) => void
  onAdd: (status: BoardStatus) => void
  onDragStart: () => void
  onDragEnd: () => void
  announce: (message: string) => void
}

export function BoardGrid(props: BoardGridProps) {
  const { t } = useI18n()
  const [activeId, setActiveId] = createSignal<number>()
  const [target, setTarget] = createSignal<DropTarget>()
  const [scroller, setScroller] = createSignal<HTMLDivElement>()

  // Read by event handlers too: a memo, so they never evaluate props outside the component.
  const canMove = createMemo(() => props.canMove)
  const laneByKey = createMemo(() => new Map(props.lanes.map((l) => [l.key, l])))
  const laneKeys = createMemo(() => props.lanes.map((l) => l.key), undefined, {
    equals: (a, b) => a.length === b.length && a.every((k, i) => k === b[i]),
  })
  const shownIds = (laneKey: string, status: BoardStatus) =>
    laneByKey()
      .get(laneKey)
      ?.cells[status].map((c) => c.id) ?? []

  // Where the line goes: before a card, or at the end of a cell.
  const marker = createMemo(() => {
    const d = target()
    const moving = activeId()
    if (!d || moving === undefined) return undefined
    const rest = shownIds(d.laneKey, d.status).filter((id) => id !== moving)
    const before = rest[d.index]
    return before === undefined ? { end: cellKey(d.laneKey, d.status) } : { before }
  })
  const isDragging = createSelector(activeId)
  const isDropBefore = createSelector(() => marker()?.before)
  const isDropEnd = createSelector(() => marker()?.end)
  const isTargetCell = createSelector(() => {
    const d = target()
    return d ? cellKey(d.laneKey, d.status) : undefined
  })

  const cardContext: CardContextValue = {
    ...props.cardContext,
    canMove,
    isDragging,
    isDropBefore,
  }

  // ---------- drag and drop ----------

  let justDragged = false
  const dragStart = ({ draggable }: DragEvent) => {
    const task = draggable.data?.task as BoardCard | undefined
    setActiveId(Number(draggable.id))
    props.onDragStart()
    if (task) props.announce(t('board.announce.picked', { key: task.key }))
  }

  const dragEnd = ({ draggable }: DragEvent) => {
    const task = draggable.data?.task as BoardCard | undefined
    const drop = target()
    setActiveId(undefined)
    setTarget(undefined)
    props.onDragEnd()
    justDragged = true
    setTimeout(() => {
      justDragged = false
    }, 0)
    if (!task || !drop) {
      if (task)
        props.announce(t('board.announce.cancelled', { key: task.key, column: statusName(task.status) }))
      return
    }
    const ids = shownIds(drop.laneKey, drop.status)
    if (drop.status === task.status && ids.indexOf(task.id) === drop.index) {
      props.announce(t('board.announce.cancelled', { key: task.key, column: statusName(task.status) }))
      return
    }
    props.onMove(task, drop.status, anchorAt(ids, drop.index, task.id))
  }

  const statusName = (status: string) => t(`work.taskStatus.${status as BoardStatus}`)

  // A click right after a drop is the end of the drag, not a request to open the card.
  const swallowClickAfterDrag = (event: MouseEvent) => {
    if (justDragged) {
      event.preventDefault()
      event.stopPropagation()
    }
  }

  // ---------- keyboard ----------

  const onKeyDown = createBoardKeyboard({ props, laneByKey, shownIds, canMove, t })

  return (
    <CardContext.Provider value={cardContext}>
      <DragDropProvider onDragStart={dragStart} onDragEnd={dragEnd} collisionDetector={laneCollisionDetector}>
        <DragDropSensors />
        <DragController
          enabled={canMove}
          target={target}
          setTarget={setTarget}
          taskOf={(laneKey, status, id) =>
            laneByKey()
              .get(laneKey)
              ?.cells[status].find((c) => c.id === id)
          }
          scroller={scroller}
        />
        {/* biome-ignore lint/a11y/noStaticElementInteractions: key handling for the cards inside it (links) */}
        <div
          ref={(el) => {
            setScroller(el)
            el.addEventListener('click', swallowClickAfterDrag, true)
          }}
          class="board-scroll"
          onKeyDown={onKeyDown}
        >
          <div class="board-inner">
            <ColumnHeads board={props.board} canCreate={props.canCreate} onAdd={props.onAdd} />
            <For each={laneKeys()}>
              {(key) => (
                <Show when={laneByKey().get(key)}>
                  {(view) => (
                    <BoardLaneSection
                      laneKey={key}
                      view={view()}
                      grouped={props.grouped}
                      canMove={props.canMove}
                      laneLabel={props.laneLabel}
                      laneName={props.laneName}
                      isCollapsed={props.isCollapsed}
                      toggleLane={props.toggleLane}
                      isTargetCell={isTargetCell}
                      isDropEnd={isDropEnd}
                    />
                  )}
                </Show>
              )}
            </For>
          </div>
        </div>
        <CardOverlay />
      </DragDropProvider>
    </CardContext.Provider>
  )
}

// One swimlane of the board: its heading (a toggle that folds it, when the board is grouped) over a row of
// cells, one per column.
import { For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { BoardCell } from './board-cell'
import { cellKey } from './board-drag'
import { BOARD_STATUSES, type LaneView } from './board-logic'

export function BoardLaneSection(props: {
  laneKey: string
  view: LaneView
  grouped: boolean
  canMove: boolean
  laneLabel: (lane: LaneView) => JSX.Element
  laneName: (lane: LaneView) => string
  isCollapsed: (key: string) => boolean
  toggleLane: (key: string) => void
  /** Whether a cell (by cellKey) is under the dragged card, and whether the card would land at its end. */
  isTargetCell: (cell: string) => boolean
  isDropEnd: (cell: string) => boolean
}) {
  const { t } = useI18n()
  const name = () => props.laneName(props.view)
  const collapsed = () => props.grouped && props.isCollapsed(props.laneKey)
  return (
    <section
      class="board-lane"
      classList={{ 'is-grouped': props.grouped, 'is-collapsed': collapsed() }}
      aria-label={props.grouped ? name() : undefined}
    >
      <Show when={props.grouped}>
        <h2 class="lane-head">
          <button
            type="button"
            class="lane-toggle"
            aria-expanded={!collapsed()}
            onClick={() => props.toggleLane(props.laneKey)}
          >
            <svg class="lane-chevron" width="12" height="12" viewBox="0 0 16 16" aria-hidden="true">
              <path d="m4.5 6 3.5 3.5L11.5 6" fill="none" stroke="currentColor" stroke-width="1.6" />
            </svg>
            {props.laneLabel(props.view)}
            <span class="lane-count">{t('board.laneCards', { n: String(props.view.shown) })}</span>
          </button>
        </h2>
      </Show>
      <Show when={!collapsed()}>
        <div class="lane-row" data-lane-row={props.laneKey}>
          <For each={BOARD_STATUSES}>
            {(status) => (
              <BoardCell
                laneKey={props.laneKey}
                laneName={props.grouped ? name() : undefined}
                status={status}
                cards={props.view.cells[status]}
                isTarget={props.isTargetCell(cellKey(props.laneKey, status))}
                dropAtEnd={props.isDropEnd(cellKey(props.laneKey, status))}
                droppable={props.canMove}
              />
            )}
          </For>
        </div>
      </Show>
    </section>
  )
}

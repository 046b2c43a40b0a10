// A column's heading on the board: its status, count and points, its WIP limit with a warning when over,
// and the button that adds a task to it.
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PlusIcon } from '../../ui/icons'
import { BOARD_STATUSES, type Board, type BoardStatus } from './board-logic'
import { WarningIcon } from './iteration-header'

/** The row of column headings above the lanes. */
export function ColumnHeads(props: {
  board: Board
  canCreate: boolean
  onAdd: (status: BoardStatus) => void
}) {
  const columnOf = (status: BoardStatus) => props.board.columns.find((c) => c.status === status)
  return (
    <div class="board-columns-head">
      <For each={BOARD_STATUSES}>
        {(status) => (
          <ColumnHead
            status={status}
            count={columnOf(status)?.count ?? 0}
            points={columnOf(status)?.points ?? 0}
            wipLimit={columnOf(status)?.wipLimit ?? null}
            canAdd={props.canCreate && status !== 'blocked' && status !== 'done'}
            onAdd={() => props.onAdd(status)}
          />
        )}
      </For>
    </div>
  )
}

function ColumnHead(props: {
  status: BoardStatus
  count: number
  points: number
  wipLimit: number | null
  canAdd: boolean
  onAdd: () => void
}) {
  const { t, points } = useI18n()
  const over = () => props.wipLimit !== null && props.count > props.wipLimit
  const name = () => t(`work.taskStatus.${props.status}`)
  return (
    <div class="column-head" data-status={props.status} classList={{ 'is-over-wip': over() }}>
      <div class="column-head-line">
        <span class={`status-dot status-${props.status}`} aria-hidden="true" />
        <h2 class="column-name">{name()}</h2>
        <span class="column-count">{props.count}</span>
        <Show when={props.canAdd}>
          <button
            type="button"
            class="icon-btn column-add"
            aria-label={t('board.addTo', { column: name() })}
            title={t('board.addTo', { column: name() })}
            onClick={() => props.onAdd()}
          >
            <PlusIcon />
          </button>
        </Show>
      </div>
      <div class="column-head-stats">
        <span class="column-points">{points(props.points)}</span>
        <Show when={props.wipLimit}>
          {(limit) => (
            <span
              class="wip-badge"
              classList={{ 'is-over': over() }}
              title={
                over()
                  ? t('board.overWip', { limit: String(limit()) })
                  : t('board.wipTitle', { limit: String(limit()) })
              }
            >
              <Show when={over()}>
                <WarningIcon />
              </Show>
              <span aria-hidden="true">
                {t('board.wipBadge', { count: String(props.count), limit: String(limit()) })}
              </span>
              <span class="visually-hidden">
                {over()
                  ? t('board.overWip', { limit: String(limit()) })
                  : t('board.wipTitle', { limit: String(limit()) })}
              </span>
            </span>
          )}
        </Show>
      </div>
    </div>
  )
}

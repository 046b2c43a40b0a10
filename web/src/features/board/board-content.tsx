// The body of an iteration's board: loading and errors (QueryView), the empty iteration, the notice when
// the filters hide every card, and the grid of lanes and cards.
import type { QueryObserverResult } from '@tanstack/solid-query'
import { createMemo, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { BoardIcon, PlusIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { QueryView } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { BoardGrid } from './board-grid'
import type { Board, BoardStatus, GroupBy, LaneView } from './board-logic'
import { useLaneLabels } from './lane-labels'
import type { useBoardMoves } from './use-board-moves'

export function BoardContent(props: {
  /** The board; while another grouping or iteration loads, its data is the board on screen. */
  query: QueryObserverResult<Board, Error>
  lanes: LaneView[]
  total: number
  shown: number
  canMove: boolean
  canCreate: boolean
  closed: boolean
  today: string
  shortDate: (date: string) => string
  isCollapsed: (key: string) => boolean
  toggleLane: (key: string) => void
  moves: ReturnType<typeof useBoardMoves>
  onAdd: (status: BoardStatus) => void
  onClearFilters: () => void
  announce: (message: string) => void
}) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  // The grouping of the board on screen (the chosen one may still be loading).
  const shownGroupBy = createMemo(() => (props.query.data?.groupBy ?? 'none') as GroupBy)
  const showRequirement = createMemo(() => shownGroupBy() !== 'requirement')
  const labels = useLaneLabels(shownGroupBy)
  return (
    <QueryView
      query={props.query}
      isEmpty={() => props.total === 0}
      empty={
        <EmptyState
          icon={<BoardIcon />}
          title={t('board.empty.emptyIteration')}
          body={props.canCreate ? t('board.empty.emptyIterationBody') : t('board.empty.emptyIterationReader')}
          action={
            <Show when={props.canCreate && !props.closed}>
              <button type="button" class="btn btn-primary" onClick={() => props.onAdd('todo')}>
                <PlusIcon />
                {t('board.newTask')}
              </button>
            </Show>
          }
        />
      }
    >
      {(b) => (
        <>
          <Show when={props.shown === 0}>
            <div class="notice board-no-match">
              <div class="notice-body">
                <p>{t('board.empty.noMatch')}</p>
                <p class="notice-detail">{t('board.empty.noMatchBody')}</p>
              </div>
              <button type="button" class="btn btn-small" onClick={() => props.onClearFilters()}>
                {t('board.clearFilters')}
              </button>
            </div>
          </Show>
          <BoardGrid
            board={b()}
            lanes={props.lanes}
            grouped={shownGroupBy() !== 'none'}
            canMove={props.canMove && !props.closed}
            canCreate={props.canCreate && !props.closed}
            cardContext={{
              href: (key) => `/w/${workspace.id()}/i/${key}`,
              today: () => props.today,
              shortDate: props.shortDate,
              showRequirement,
              openMove: props.moves.openMenu,
            }}
            laneLabel={labels.laneLabel}
            laneName={labels.laneName}
            isCollapsed={props.isCollapsed}
            toggleLane={props.toggleLane}
            onMove={props.moves.requestMove}
            onAdd={props.onAdd}
            onDragStart={props.moves.dragStarted}
            onDragEnd={props.moves.dragEnded}
            announce={props.announce}
          />
        </>
      )}
    </QueryView>
  )
}

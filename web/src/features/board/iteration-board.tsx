// The board of one iteration: its title and actions, the iteration above it, the toolbar that groups and
// filters it, and the cards in their columns and swimlanes, moved by dragging or with the keyboard. The
// page keeps the choices (grouping, filters, folded lanes, open dialogs); the pieces draw them.
import { useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { BoardContent } from './board-content'
import { BoardDialogs } from './board-dialogs'
import { BoardFold } from './board-fold'
import { type BoardSearch, filtersFromSearch, filtersToSearch, lanesFromSearch } from './board-lanes'
import {
  type BoardFilters,
  type BoardStatus,
  buildLanes,
  cardFilter,
  filtersActive,
  type GroupBy,
  globalStorage,
  type LaneView,
  localDay,
  localToday,
  NO_FILTERS,
  readGroupBy,
  saveGroupBy,
} from './board-logic'
import { BoardNotes, createAnnouncer, MoveErrorNotice } from './board-notes'
import { BoardActions, BoardTitle } from './board-title'
import { BoardToolbar } from './board-toolbar'
import { IterationHeader } from './iteration-header'
import { boardQuery, createBoardQuery, type Iteration } from './queries'
import { useBoardMoves } from './use-board-moves'

/** Dates on the board: short on cards (no year when it is this year), medium in the iteration's header. */
function useBoardDates(today: string) {
  const i18n = useI18n()
  const thisYear = today.slice(0, 4)
  const shortFormat = createMemo(
    () => new Intl.DateTimeFormat(i18n.locale(), { month: 'short', day: 'numeric' }),
  )
  const longFormat = createMemo(() => new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'medium' }))
  return {
    shortDate: (date: string) =>
      (date.startsWith(thisYear) ? shortFormat() : longFormat()).format(localDay(date)),
    formatDay: (date: string) => longFormat().format(localDay(date)),
  }
}

export function IterationBoard(props: {
  product: Product
  iteration: Iteration
  iterations: Iteration[]
  onPick: (id: number) => void
}) {
  const workspace = useWorkspace()
  const canMove = () => workspace.can('task.update_status')
  const canCreate = () => workspace.can('task.create')
  const canManage = () => workspace.can('iteration.manage')
  const closed = () => props.iteration.status === 'closed'
  const today = localToday()
  const dates = useBoardDates(today)

  // Swimlanes and quick filters live in the address, so a view can be shared and comes back on reload;
  // without one there, the swimlanes this browser chose last.
  const [search, setSearch] = useSearchParams<BoardSearch & { iteration?: string }>()
  const remembered = readGroupBy(globalStorage())
  const groupBy = createMemo(() => lanesFromSearch(search, remembered))
  const setGroupBy = (value: GroupBy) => {
    saveGroupBy(globalStorage(), value)
    setSearch({ lanes: value }, { replace: true })
  }
  const filters = createMemo(() => filtersFromSearch(search))
  const setFilters = (next: BoardFilters) => setSearch(filtersToSearch(next), { replace: true })
  const [collapsed, setCollapsed] = createSignal<ReadonlySet<string>>(new Set())

  const board = createBoardQuery(() => boardQuery(workspace.id(), props.iteration.id, groupBy()))
  const data = createMemo(() => board().data)

  const keep = createMemo(() => cardFilter(filters(), workspace.me().user.id))
  const lanes = createMemo<LaneView[]>(() => {
    const b = data()
    return b ? buildLanes(b, b.groupBy as GroupBy, keep()) : []
  })
  const total = () => data()?.columns.reduce((sum, c) => sum + c.tasks.length, 0) ?? 0
  const shown = () => lanes().reduce((sum, l) => sum + l.shown, 0)

  const { announcement, announce } = createAnnouncer()
  const moves = useBoardMoves({ data, announce })
  const [addStatus, setAddStatus] = createSignal<BoardStatus>()
  const [wipOpen, setWipOpen] = createSignal(false)

  return (
    <>
      <BoardTitle
        product={props.product}
        actions={
          <BoardActions
            canManage={canManage()}
            canCreate={canCreate()}
            closed={closed()}
            onWipLimits={() => setWipOpen(true)}
            onNewTask={() => setAddStatus('todo')}
          />
        }
      />
      {/* On a phone the iteration and the toolbar fold into one line, so the cards are in the first screen. */}
      <BoardFold iteration={props.iteration} today={today} filtering={filtersActive(filters())}>
        <IterationHeader
          iteration={props.iteration}
          iterations={props.iterations}
          today={today}
          formatDay={dates.formatDay}
          onPick={props.onPick}
        />
        <Show when={!(data() && total() === 0)}>
          <BoardToolbar
            groupBy={groupBy()}
            onGroupBy={setGroupBy}
            filters={filters()}
            onFilters={setFilters}
            loaded={data() !== undefined}
            shown={shown()}
            total={total()}
          />
        </Show>
      </BoardFold>
      <BoardNotes
        canMove={canMove()}
        closed={closed()}
        hasCards={total() > 0}
        announcement={announcement()}
      />
      <MoveErrorNotice error={moves.error()} onDismiss={moves.dismissError} />
      <BoardContent
        query={board()}
        lanes={lanes()}
        total={total()}
        shown={shown()}
        canMove={canMove()}
        canCreate={canCreate()}
        closed={closed()}
        today={today}
        shortDate={dates.shortDate}
        isCollapsed={(key) => collapsed().has(key)}
        toggleLane={(key) => {
          const next = new Set(collapsed())
          if (!next.delete(key)) next.add(key)
          setCollapsed(next)
        }}
        moves={moves}
        onAdd={(status) => setAddStatus(status)}
        onClearFilters={() => setFilters(NO_FILTERS)}
        announce={announce}
      />
      <BoardDialogs
        product={props.product}
        iteration={props.iteration}
        moves={moves}
        addStatus={addStatus()}
        onAddClosed={() => setAddStatus(undefined)}
        canManage={canManage()}
        wipOpen={wipOpen()}
        onWipClosed={() => setWipOpen(false)}
        announce={announce}
      />
    </>
  )
}

// The iteration board of a product (/w/:ws/p/:key/board): pick an iteration, see its capacity and
// stability budget, and move its tasks across columns by status — by dragging or with the keyboard — in
// swimlanes by requirement, assignee or kind, with quick filters. Moves are optimistic and undone with a
// clear message when the server refuses (someone else changed the card, or the role may not move it).
import './board.css'
import { A, useParams, useSearchParams } from '@solidjs/router'
import { useQueryClient } from '@tanstack/solid-query'
import {
  createEffect,
  createMemo,
  createSignal,
  For,
  type JSX,
  Match,
  onCleanup,
  Show,
  Switch,
} from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { Loading } from '../../ui/boundary'
import { describeError, ErrorNotice, isStaleVersion } from '../../ui/errors'
import { BoardIcon, PlanIcon, PlusIcon, SearchIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { type Product, productsQuery } from '../products/queries'
import { holdLiveUpdates } from '../workspaces/live'
import { useWorkspace } from '../workspaces/workspace-context'
import { AddTaskDialog, BlockDialog, MoveDialog, WipDialog } from './board-dialogs'
import { BoardGrid } from './board-grid'
import {
  type Anchor,
  applyMove,
  type BoardCard,
  type BoardFilters,
  type BoardStatus,
  buildLanes,
  cardFilter,
  filtersActive,
  findCard,
  GROUP_BYS,
  type GroupBy,
  type LaneView,
  localDay,
  localToday,
  NO_FILTERS,
  pickIteration,
  readGroupBy,
  readLastIteration,
  saveGroupBy,
  saveLastIteration,
  TASK_KINDS,
  type TaskKind,
  topAnchor,
} from './board-logic'
import { IterationHeader } from './iteration-header'
import {
  boardKeys,
  boardQuery,
  createBoardQuery,
  createObserverQuery,
  type Iteration,
  iterationsQuery,
  type MoveVariables,
  useMoveTask,
} from './queries'

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage)

export default function BoardPage() {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const params = useParams<{ key: string }>()
  // The same list useProduct() reads, but through an observer: a live refresh of it must not suspend the
  // page (see createObserverQuery).
  const products = createObserverQuery(() => ({ ...productsQuery(workspace.id()), throwOnError: false }))
  const product = createMemo(() => products().data?.items.find((p) => p.key === params.key?.toUpperCase()))
  return (
    <div class="board-page">
      <Switch>
        <Match when={products().isError}>
          <ErrorNotice error={products().error} onRetry={() => void products().refetch()} />
        </Match>
        <Match when={products().isLoading}>
          <Loading />
        </Match>
        <Match when={products().isSuccess && !product()}>
          <EmptyState
            icon={<BoardIcon />}
            title={t('board.empty.noProduct')}
            body={t('board.empty.noProductBody')}
            action={
              <A class="btn" href={`/w/${workspace.id()}/settings/products`}>
                {t('board.empty.noProductAction')}
              </A>
            }
          />
        </Match>
        <Match when={product()}>{(p) => <ProductBoard product={p()} />}</Match>
      </Switch>
    </div>
  )
}

function ProductBoard(props: { product: Product }) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const [search, setSearch] = useSearchParams<{ iteration?: string }>()
  const iterations = createObserverQuery(() => ({
    ...iterationsQuery(workspace.id(), props.product.id),
    throwOnError: false,
  }))
  const items = () => iterations().data?.items ?? []
  const selected = createMemo(
    () => items().find((it) => String(it.id) === search.iteration) ?? pickIteration(items()),
  )
  const canPlan = () => workspace.can('iteration.plan') || workspace.can('iteration.manage')

  // The board of the iteration shown last time starts loading with the iterations, not after them.
  const queryClient = useQueryClient()
  const remembered = readLastIteration(props.product.id)
  if (remembered !== undefined && search.iteration === undefined)
    void queryClient.prefetchQuery(boardQuery(workspace.id(), remembered, readGroupBy(storage())))
  createEffect(() => {
    const id = selected()?.id
    if (id !== undefined) saveLastIteration(props.product.id, id)
  })

  return (
    <Switch>
      <Match when={selected()}>
        {(iteration) => (
          <IterationBoard
            product={props.product}
            iteration={iteration()}
            iterations={items()}
            onPick={(id) => setSearch({ iteration: String(id) })}
          />
        )}
      </Match>
      <Match when={true}>
        <BoardTitle product={props.product} />
        <Switch>
          <Match when={iterations().isError}>
            <ErrorNotice error={iterations().error} onRetry={() => void iterations().refetch()} />
          </Match>
          <Match when={iterations().isLoading}>
            <Loading />
          </Match>
          <Match when={items().length === 0}>
            <EmptyState
              icon={<PlanIcon />}
              title={t('board.empty.noIterations')}
              body={canPlan() ? t('board.empty.noIterationsPlanner') : t('board.empty.noIterationsReader')}
              action={
                <Show when={canPlan()}>
                  <A class="btn btn-primary" href={`/w/${workspace.id()}/p/${props.product.key}/plan`}>
                    {t('board.empty.planAction')}
                  </A>
                </Show>
              }
            />
          </Match>
        </Switch>
      </Match>
    </Switch>
  )
}

/** The page title; the board's actions go on its right. */
function BoardTitle(props: { product: Product; actions?: JSX.Element }) {
  const { t } = useI18n()
  return (
    <header class="board-title">
      <h1>{t('board.titleOf', { product: props.product.name })}</h1>
      <span class="key-chip">{props.product.key}</span>
      <Show when={props.actions}>
        <div class="board-title-actions">{props.actions}</div>
      </Show>
    </header>
  )
}

function IterationBoard(props: {
  product: Product
  iteration: Iteration
  iterations: Iteration[]
  onPick: (id: number) => void
}) {
  const i18n = useI18n()
  const { t, tryT } = i18n
  const workspace = useWorkspace()
  const canMove = () => workspace.can('task.update_status')
  const canCreate = () => workspace.can('task.create')
  const canManage = () => workspace.can('iteration.manage')
  const today = localToday()

  const [groupBy, setGroupByState] = createSignal<GroupBy>(readGroupBy(storage()))
  const setGroupBy = (value: GroupBy) => {
    setGroupByState(value)
    saveGroupBy(storage(), value)
  }
  const [filters, setFilters] = createSignal<BoardFilters>(NO_FILTERS)
  const patchFilters = (patch: Partial<BoardFilters>) => setFilters({ ...filters(), ...patch })
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

  // ---------- announcements and errors ----------

  const [announcement, setAnnouncement] = createSignal('')
  let clearTimer: ReturnType<typeof setTimeout> | undefined
  const announce = (message: string) => {
    // Clearing first makes a repeated message be read again.
    setAnnouncement('')
    if (clearTimer) clearTimeout(clearTimer)
    queueMicrotask(() => setAnnouncement(message))
    clearTimer = setTimeout(() => setAnnouncement(''), 7000)
  }
  onCleanup(() => clearTimer && clearTimeout(clearTimer))
  const [moveError, setMoveError] = createSignal<{ message: string; detail?: string }>()

  const statusName = (status: string) => tryT(`work.taskStatus.${status}`) ?? status
  const onFailed = (error: unknown, move: MoveVariables) => {
    const task = findCard(data(), move.taskId)
    const key = task?.key ?? `#${move.taskId}`
    if (isStaleVersion(error)) setMoveError({ message: t('board.errors.conflict', { key }) })
    else if (isApiError(error, 403)) setMoveError({ message: t('board.errors.forbidden', { key }) })
    else {
      const described = describeError(error, i18n)
      setMoveError({
        message: t('board.errors.failed', { key }),
        detail: described.detail ?? described.message,
      })
    }
    announce(t('board.announce.failed', { key }))
  }

  const move = useMoveTask(
    () => workspace.id(),
    () => boardKeys.cards(workspace.id(), props.iteration.id, groupBy()),
    onFailed,
  )

  /** Focus the card again once it has been drawn in its new place (it is a new element there). */
  const refocus = (id: number) => {
    let tries = 12
    const attempt = () => {
      const el = document.querySelector<HTMLElement>(`[data-card="${id}"]`)
      if (el && document.activeElement !== el) {
        el.focus({ preventScroll: true })
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' })
      }
      if (--tries > 0 && (!el || document.activeElement !== el)) requestAnimationFrame(attempt)
    }
    requestAnimationFrame(attempt)
  }

  const runMove = (moved: BoardCard, status: BoardStatus, anchor: Anchor, blockedReason?: string) => {
    // The card as the board shows it now (a live refresh may have come in while a dialog was open).
    const task = findCard(data(), moved.id) ?? moved
    const focused = document.activeElement
    const hadFocus = focused instanceof HTMLElement && focused.dataset.card === String(task.id)
    setMoveError(undefined)
    const variables: MoveVariables = {
      taskId: task.id,
      status,
      ...anchor,
      blockedReason: blockedReason ?? (status === 'blocked' ? (task.blockedReason ?? undefined) : undefined),
      version: task.version,
    }
    const before = data()
    void move(variables)
    if (before) {
      const column = applyMove(before, variables).columns.find((c) => c.status === status)
      const position = (column?.tasks.findIndex((c) => c.id === task.id) ?? 0) + 1
      announce(
        t('board.announce.moved', {
          key: task.key,
          column: statusName(status),
          position: String(position),
          total: String(column?.tasks.length ?? position),
        }),
      )
    }
    if (hadFocus) refocus(task.id)
  }

  // Moving into Blocked asks why first; cancelling leaves the card where it was.
  const [pendingBlock, setPendingBlock] = createSignal<{ task: BoardCard; anchor: Anchor }>()
  const requestMove = (task: BoardCard, status: BoardStatus, anchor: Anchor) => {
    if (status === 'blocked' && task.status !== 'blocked') setPendingBlock({ task, anchor })
    else runMove(task, status, anchor)
  }

  // ---------- dialogs ----------

  const [moveDialogId, setMoveDialogId] = createSignal<number>()
  const moveDialogTask = () => {
    const id = moveDialogId()
    return id === undefined ? undefined : findCard(data(), id)
  }
  const [addStatus, setAddStatus] = createSignal<BoardStatus>()
  const [wipOpen, setWipOpen] = createSignal(false)

  const moveFromDialog = (status: BoardStatus, place: 'top' | 'bottom') => {
    const task = moveDialogTask()
    setMoveDialogId(undefined)
    if (!task) return
    const all = (data()?.columns.find((c) => c.status === status)?.tasks ?? []).map((c) => c.id)
    if (status === task.status && (place === 'top' ? all[0] : all.at(-1)) === task.id) {
      refocus(task.id)
      return
    }
    const rest = all.filter((id) => id !== task.id)
    const last = rest.at(-1)
    const anchor: Anchor =
      place === 'top' ? topAnchor(rest, task.id) : last === undefined ? {} : { afterId: last }
    requestMove(task, status, anchor)
    refocus(task.id)
  }

  // ---------- dragging ----------

  let releaseLive: (() => void) | undefined
  const dragStarted = () => {
    releaseLive?.()
    releaseLive = holdLiveUpdates()
  }
  const dragEnded = () => {
    releaseLive?.()
    releaseLive = undefined
  }
  onCleanup(dragEnded)

  // ---------- formatting ----------

  const thisYear = today.slice(0, 4)
  const shortFormat = createMemo(
    () => new Intl.DateTimeFormat(i18n.locale(), { month: 'short', day: 'numeric' }),
  )
  const longFormat = createMemo(() => new Intl.DateTimeFormat(i18n.locale(), { dateStyle: 'medium' }))
  const shortDate = (date: string) =>
    (date.startsWith(thisYear) ? shortFormat() : longFormat()).format(localDay(date))
  const formatDay = (date: string) => longFormat().format(localDay(date))

  // The grouping of the board on screen (the chosen one may still be loading).
  const shownGroupBy = createMemo(() => (data()?.groupBy ?? 'none') as GroupBy)
  const showRequirement = createMemo(() => shownGroupBy() !== 'requirement')
  const laneName = (view: LaneView): string => {
    const lane = view.lane
    switch (shownGroupBy()) {
      case 'requirement':
        return lane?.id == null ? t('board.noRequirement') : `${lane.key ?? ''} ${lane.title ?? ''}`.trim()
      case 'assignee':
        return lane?.id == null ? t('work.terms.unassigned') : (lane.title ?? '')
      case 'kind':
        return tryT(`work.taskKind.${view.key}`) ?? view.key
      default:
        return ''
    }
  }
  const laneLabel = (view: LaneView): JSX.Element => {
    const lane = view.lane
    switch (shownGroupBy()) {
      case 'requirement':
        return lane?.id == null ? (
          <span class="lane-title muted">{t('board.noRequirement')}</span>
        ) : (
          <>
            <span class="key-chip">{lane.key}</span>
            <span class="lane-title">{lane.title}</span>
          </>
        )
      case 'assignee':
        return lane?.id == null ? (
          <span class="lane-title muted">{t('work.terms.unassigned')}</span>
        ) : (
          <>
            <Avatar name={lane.title ?? '?'} small />
            <span class="lane-title">{lane.title}</span>
          </>
        )
      default:
        return <span class={`kind-chip kind-${view.key}`}>{laneName(view)}</span>
    }
  }

  return (
    <>
      <BoardTitle
        product={props.product}
        actions={
          <>
            <Show when={canManage() && props.iteration.status !== 'closed'}>
              <button type="button" class="btn btn-small" onClick={() => setWipOpen(true)}>
                {t('board.wipLimits')}
              </button>
            </Show>
            <Show when={canCreate() && props.iteration.status !== 'closed'}>
              <button type="button" class="btn btn-primary btn-small" onClick={() => setAddStatus('todo')}>
                <PlusIcon />
                {t('board.newTask')}
              </button>
            </Show>
          </>
        }
      />
      <IterationHeader
        iteration={props.iteration}
        iterations={props.iterations}
        today={today}
        formatDay={formatDay}
        onPick={props.onPick}
      />

      <Show when={!(data() && total() === 0)}>
        <div class="board-toolbar">
          <span class="toolbar-label" aria-hidden="true">
            {t('board.groupBy')}
          </span>
          <fieldset class="segmented board-segmented">
            <legend class="visually-hidden">{t('board.groupBy')}</legend>
            <For each={GROUP_BYS}>
              {(g) => (
                <button
                  type="button"
                  class="segmented-item"
                  aria-pressed={groupBy() === g}
                  onClick={() => setGroupBy(g)}
                >
                  {t(`board.group.${g}`)}
                </button>
              )}
            </For>
          </fieldset>
          <span class="toolbar-sep" aria-hidden="true" />
          <span class="visually-hidden">{t('board.filters')}</span>
          <button
            type="button"
            class="filter-chip"
            aria-pressed={filters().mine}
            onClick={() => patchFilters({ mine: !filters().mine })}
          >
            {t('board.mine')}
          </button>
          <button
            type="button"
            class="filter-chip"
            aria-pressed={filters().blockedOnly}
            onClick={() => patchFilters({ blockedOnly: !filters().blockedOnly })}
          >
            {t('board.blockedOnly')}
          </button>
          <label class="visually-hidden" for="board-kind-filter">
            {t('board.kindFilter')}
          </label>
          <select
            id="board-kind-filter"
            class="input select select-compact filter-select"
            classList={{ 'is-active': filters().kind !== '' }}
            value={filters().kind}
            onChange={(e) => patchFilters({ kind: e.currentTarget.value as TaskKind | '' })}
          >
            <option value="">{t('board.allKinds')}</option>
            <For each={TASK_KINDS}>{(k) => <option value={k}>{t(`work.taskKind.${k}`)}</option>}</For>
          </select>
          <div class="filter-search">
            <SearchIcon />
            <input
              type="search"
              class="input"
              aria-label={t('board.textFilter')}
              placeholder={t('board.textFilterPlaceholder')}
              value={filters().text}
              onInput={(e) => patchFilters({ text: e.currentTarget.value })}
            />
          </div>
          <Show when={filtersActive(filters())}>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => setFilters(NO_FILTERS)}>
              {t('board.clearFilters')}
            </button>
          </Show>
          <span class="toolbar-count" aria-live="polite">
            <Show when={data()}>
              {filtersActive(filters())
                ? t('board.shownOf', { shown: String(shown()), total: String(total()) })
                : t('board.cardsTotal', { n: String(total()) })}
            </Show>
          </span>
        </div>
      </Show>
      <Switch>
        <Match when={!canMove()}>
          <p class="board-note">{t('board.readOnly')}</p>
        </Match>
        <Match when={props.iteration.status === 'closed'}>
          <p class="board-note">{t('board.closedNote')}</p>
        </Match>
        <Match when={total() > 0}>
          <p class="board-note board-keyboard-hint">{t('board.keyboardHint')}</p>
        </Match>
      </Switch>
      <p id="board-card-help" class="visually-hidden">
        {t('board.card.help')}
      </p>
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="board-announcer"
      >
        {announcement()}
      </div>

      <Show when={moveError()}>
        {(error) => (
          <div class="notice notice-error board-error" role="alert">
            <div class="notice-body">
              <p>{error().message}</p>
              <Show when={error().detail}>
                <p class="notice-detail">{error().detail}</p>
              </Show>
            </div>
            <button type="button" class="btn btn-small" onClick={() => setMoveError(undefined)}>
              {t('board.errors.dismiss')}
            </button>
          </div>
        )}
      </Show>

      <Switch>
        <Match when={board().isError}>
          <ErrorNotice error={board().error} onRetry={() => void board().refetch()} />
        </Match>
        <Match when={board().isLoading}>
          <Loading />
        </Match>
        <Match when={data() && total() === 0}>
          <EmptyState
            icon={<BoardIcon />}
            title={t('board.empty.emptyIteration')}
            body={canCreate() ? t('board.empty.emptyIterationBody') : t('board.empty.emptyIterationReader')}
            action={
              <Show when={canCreate() && props.iteration.status !== 'closed'}>
                <button type="button" class="btn btn-primary" onClick={() => setAddStatus('todo')}>
                  <PlusIcon />
                  {t('board.newTask')}
                </button>
              </Show>
            }
          />
        </Match>
        <Match when={data()}>
          {(b) => (
            <>
              <Show when={shown() === 0}>
                <div class="notice board-no-match">
                  <div class="notice-body">
                    <p>{t('board.empty.noMatch')}</p>
                    <p class="notice-detail">{t('board.empty.noMatchBody')}</p>
                  </div>
                  <button type="button" class="btn btn-small" onClick={() => setFilters(NO_FILTERS)}>
                    {t('board.clearFilters')}
                  </button>
                </div>
              </Show>
              <BoardGrid
                board={b()}
                lanes={lanes()}
                grouped={shownGroupBy() !== 'none'}
                canMove={canMove() && props.iteration.status !== 'closed'}
                canCreate={canCreate() && props.iteration.status !== 'closed'}
                cardContext={{
                  href: (key) => `/w/${workspace.id()}/i/${key}`,
                  today: () => today,
                  shortDate,
                  showRequirement,
                  openMove: (id) => setMoveDialogId(id),
                }}
                laneLabel={laneLabel}
                laneName={laneName}
                isCollapsed={(key) => collapsed().has(key)}
                toggleLane={(key) => {
                  const next = new Set(collapsed())
                  if (!next.delete(key)) next.add(key)
                  setCollapsed(next)
                }}
                onMove={requestMove}
                onAdd={(status) => setAddStatus(status)}
                onDragStart={dragStarted}
                onDragEnd={dragEnded}
                announce={announce}
              />
            </>
          )}
        </Match>
      </Switch>

      <BlockDialog
        task={pendingBlock()?.task}
        onCancel={() => {
          const pending = pendingBlock()
          setPendingBlock(undefined)
          if (pending) {
            announce(
              t('board.announce.cancelled', {
                key: pending.task.key,
                column: statusName(pending.task.status),
              }),
            )
            refocus(pending.task.id)
          }
        }}
        onConfirm={(reason) => {
          const pending = pendingBlock()
          setPendingBlock(undefined)
          if (pending) {
            runMove(pending.task, 'blocked', pending.anchor, reason)
            refocus(pending.task.id)
          }
        }}
      />
      <MoveDialog
        task={moveDialogTask()}
        onMove={moveFromDialog}
        onClose={() => setMoveDialogId(undefined)}
      />
      <AddTaskDialog
        open={addStatus() !== undefined}
        status={addStatus() ?? 'todo'}
        productId={props.product.id}
        iteration={props.iteration}
        onClose={() => setAddStatus(undefined)}
        onCreated={(key) => {
          setAddStatus(undefined)
          announce(t('board.add.created', { key }))
        }}
      />
      <Show when={canManage()}>
        <WipDialog
          open={wipOpen()}
          iteration={props.iteration}
          onClose={() => setWipOpen(false)}
          onSaved={() => {
            setWipOpen(false)
            announce(t('board.wip.saved'))
          }}
        />
      </Show>
    </>
  )
}

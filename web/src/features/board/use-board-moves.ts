// Moving cards on the board, wired to the API: the optimistic move with an announcement of where the card
// now stands, asking why first when it goes into Blocked, the move menu, holding live updates back while a
// card is dragged, and a clear message when the server refuses (someone else changed the card, or the role
// may not move it).
import { createSignal, onCleanup } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { describeError, isStaleVersion } from '../../ui/errors'
import { type TaskMove, useMoveTask } from '../tasks/move-task'
import { holdLiveUpdates } from '../workspaces/live'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  type Anchor,
  applyMove,
  type Board,
  type BoardCard,
  type BoardStatus,
  findCard,
  topAnchor,
} from './board-logic'

/** Focus the card again once it has been drawn in its new place (it is a new element there). */
export function refocus(id: number) {
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

export function useBoardMoves(options: {
  /** The board on screen. */
  data: () => Board | undefined
  announce: (message: string) => void
}) {
  const i18n = useI18n()
  const { t, tryT } = i18n
  const workspace = useWorkspace()
  const [error, setError] = createSignal<{ message: string; detail?: string }>()

  const statusName = (status: string) => tryT(`work.taskStatus.${status}`) ?? status
  const onFailed = (failure: unknown, move: TaskMove) => {
    const task = findCard(options.data(), move.taskId)
    const key = task?.key ?? `#${move.taskId}`
    if (isStaleVersion(failure)) setError({ message: t('board.errors.conflict', { key }) })
    else if (isApiError(failure, 403)) setError({ message: t('board.errors.forbidden', { key }) })
    else {
      const described = describeError(failure, i18n)
      setError({
        message: t('board.errors.failed', { key }),
        detail: described.detail ?? described.message,
      })
    }
    options.announce(t('board.announce.failed', { key }))
  }

  const move = useMoveTask(() => workspace.id(), onFailed)

  const runMove = (moved: BoardCard, status: BoardStatus, anchor: Anchor, blockedReason?: string) => {
    // The card as the board shows it now (a live refresh may have come in while a dialog was open).
    const task = findCard(options.data(), moved.id) ?? moved
    const focused = document.activeElement
    const hadFocus = focused instanceof HTMLElement && focused.dataset.card === String(task.id)
    setError(undefined)
    const variables: TaskMove = {
      taskId: task.id,
      status,
      ...anchor,
      blockedReason: blockedReason ?? (status === 'blocked' ? (task.blockedReason ?? undefined) : undefined),
      version: task.version,
    }
    const before = options.data()
    move.mutate(variables)
    if (before) {
      const column = applyMove(before, variables).columns.find((c) => c.status === status)
      const position = (column?.tasks.findIndex((c) => c.id === task.id) ?? 0) + 1
      options.announce(
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
  const cancelBlock = () => {
    const pending = pendingBlock()
    setPendingBlock(undefined)
    if (pending) {
      options.announce(
        t('board.announce.cancelled', {
          key: pending.task.key,
          column: statusName(pending.task.status),
        }),
      )
      refocus(pending.task.id)
    }
  }
  const confirmBlock = (reason: string) => {
    const pending = pendingBlock()
    setPendingBlock(undefined)
    if (pending) {
      runMove(pending.task, 'blocked', pending.anchor, reason)
      refocus(pending.task.id)
    }
  }

  // The move menu, for the card it was opened on.
  const [menuId, setMenuId] = createSignal<number>()
  const menuTask = () => {
    const id = menuId()
    return id === undefined ? undefined : findCard(options.data(), id)
  }
  const moveFromMenu = (status: BoardStatus, place: 'top' | 'bottom') => {
    const task = menuTask()
    setMenuId(undefined)
    if (!task) return
    const all = (options.data()?.columns.find((c) => c.status === status)?.tasks ?? []).map((c) => c.id)
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

  // While a card is dragged, live updates wait, so the cards under the pointer stay put.
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

  return {
    error,
    dismissError: () => setError(undefined),
    requestMove,
    blockingTask: () => pendingBlock()?.task,
    cancelBlock,
    confirmBlock,
    menuTask,
    openMenu: (id: number) => setMenuId(id),
    closeMenu: () => setMenuId(undefined),
    moveFromMenu,
    dragStarted,
    dragEnded,
  }
}

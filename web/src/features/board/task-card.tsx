// One card on the board: a link to the task (so Enter, click and middle-click work as on any link) that
// shows key, title, kind, stability category and risk, assignee, estimate, due date and blocked reason.
// Cards are many (a board may hold a thousand), so each is cheap: no queries, no per-card menus, no
// per-card drag setup (the board makes the pressed card draggable, see board-drag.tsx), and the body is
// drawn in one go from the task's (immutable) value whenever that value changes, instead of wiring a
// reactive computation to each of its fields. Board-wide state (dragging, drop marker) arrives through
// selectors, so a drag touches two cards, not all of them.
import { createContext, createMemo, type JSX, untrack, useContext } from 'solid-js'
import { type I18n, useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { type BoardCard, isOverdue } from './board-logic'

export interface CardContextValue {
  /** The link of a task key. */
  href: (key: string) => string
  today: () => string
  /** A short date (no year when it is this year). */
  shortDate: (date: string) => string
  showRequirement: () => boolean
  canMove: () => boolean
  isDragging: (id: number) => boolean
  isDropBefore: (id: number) => boolean
  /** Opens the move menu (the pointer-free way to move a card). */
  openMove: (id: number) => void
}

export const CardContext = createContext<CardContextValue>()

const useCardContext = () => {
  const value = useContext(CardContext)
  if (!value) throw new Error('Cards need the board above them')
  return value
}

/** A card in a column. */
export function TaskCard(props: { task: BoardCard }) {
  const board = useCardContext()
  const i18n = useI18n()
  const id = props.task.id
  const moveLabel = () => i18n.t('board.card.move', { key: props.task.key })
  return (
    <li class="card-item" classList={{ 'drop-before': board.isDropBefore(id) }}>
      <a
        href={board.href(props.task.key)}
        class="task-card"
        classList={{ 'is-dragging': board.isDragging(id) }}
        draggable={false}
        data-card={id}
        data-kind={props.task.kind}
        data-status={props.task.status}
        aria-describedby="board-card-help"
      >
        <CardBody task={props.task} />
      </a>
      {board.canMove() ? (
        <button
          type="button"
          class="card-move"
          tabIndex={-1}
          aria-label={moveLabel()}
          title={moveLabel()}
          onClick={() => board.openMove(id)}
        >
          <MoveIcon />
        </button>
      ) : null}
    </li>
  )
}

/** What a card shows, redrawn when the task, the language or the grouping changes; also the drag overlay. */
export function CardBody(props: { task: BoardCard }) {
  const board = useCardContext()
  const i18n = useI18n()
  return createMemo(() => {
    // Cards are immutable values: a changed task arrives as a new object and redraws the card, as do the
    // language, the grouping and the day.
    const task = props.task
    void [i18n.locale(), board.showRequirement(), board.today()]
    return untrack(() => drawCard(task, board, i18n))
  }) as unknown as JSX.Element
}

/** Draws a card from a plain task: only plain values go into the markup, so no computation is made per field. */
function drawCard(task: BoardCard, board: CardContextValue, i18n: I18n): JSX.Element {
  const { t, tryT } = i18n
  const key = task.key
  const title = task.title
  const stability = task.kind === 'stability'
  const kindName = tryT(`work.taskKind.${task.kind}`) ?? task.kind
  const categoryName = task.category ? (tryT(`work.category.${task.category}`) ?? task.category) : undefined
  const kindClass = `kind-chip kind-${task.kind}`
  const kindTitle = stability && categoryName ? `${kindName} · ${categoryName}` : undefined

  let kind: JSX.Element = null
  if (task.kind !== 'feature') {
    kind =
      stability && categoryName ? (
        <span class={kindClass} title={kindTitle}>
          <ShieldIcon />
          <span class="visually-hidden">{kindName} · </span>
          {categoryName}
        </span>
      ) : (
        <span class={kindClass}>{kindName}</span>
      )
  }

  let assignee: JSX.Element = null
  if (task.assigneeName) {
    const name = task.assigneeName
    const label = t('board.card.assignee', { name })
    assignee = (
      <span class="task-assignee" title={label}>
        <Avatar name={name} small />
        <span class="visually-hidden">{label}</span>
      </span>
    )
  }

  let blocked: JSX.Element = null
  if (task.status === 'blocked' && task.blockedReason) {
    const reason = task.blockedReason
    const label = t('board.card.blocked', { reason: '' })
    blocked = (
      <span class="task-blocked">
        <span class="visually-hidden">{label}</span>
        {reason}
      </span>
    )
  }

  let risk: JSX.Element = null
  if (task.risk && (stability || task.risk !== 'low')) {
    const label = t('board.card.risk', { risk: tryT(`work.risk.${task.risk}`) ?? task.risk })
    const riskClass = `risk-chip risk-${task.risk}`
    risk = <span class={riskClass}>{label}</span>
  }

  let requirement: JSX.Element = null
  if (board.showRequirement() && task.requirementKey) {
    const requirementKey = task.requirementKey
    const label = t('board.card.requirement', { key: requirementKey, title: task.requirementTitle ?? '' })
    requirement = (
      <span class="task-requirement" title={label}>
        {requirementKey}
      </span>
    )
  }

  let due: JSX.Element = null
  if (task.dueDate) {
    const overdue = isOverdue(task, board.today())
    const date = board.shortDate(task.dueDate)
    const label = overdue ? t('board.card.overdue', { date }) : t('board.card.due', { date })
    due = overdue ? <span class="task-due is-overdue">{label}</span> : <span class="task-due">{label}</span>
  }

  let estimate: JSX.Element = null
  if (task.estimate !== null) {
    const points = i18n.points(task.estimate)
    estimate = <span class="task-estimate">{points}</span>
  }

  const meta = risk || requirement || due || estimate
  return (
    <>
      <span class="task-card-top">
        <span class="task-key">{key}</span>
        {kind}
        {assignee}
      </span>
      <span class="task-title">{title}</span>
      {blocked}
      {meta ? (
        <span class="task-meta">
          {risk}
          {requirement}
          {due}
          {estimate}
        </span>
      ) : null}
    </>
  )
}

function ShieldIcon() {
  return (
    <svg
      class="kind-icon"
      width="11"
      height="11"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.7"
      aria-hidden="true"
    >
      <path d="M8 1.8 13 3.6v4c0 3-2.1 5.3-5 6.6-2.9-1.3-5-3.6-5-6.6v-4z" stroke-linejoin="round" />
    </svg>
  )
}

function MoveIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      aria-hidden="true"
    >
      <path
        d="M8 2v12M2 8h12M8 2 6 4M8 2l2 2M8 14l-2-2M8 14l2-2M2 8l2-2M2 8l2 2M14 8l-2-2M14 8l-2 2"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  )
}

// Small labels the backlog, the plan and the detail page share: status, priority, score, an item's key.
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PRIORITIES, type Priority, REQUIREMENT_STATUSES, type RequirementStatus } from './filters'

export function StatusPill(props: { status: string; kind?: 'requirement' | 'task' }) {
  const { tryT } = useI18n()
  const label = () =>
    tryT(`work.${props.kind === 'task' ? 'taskStatus' : 'requirementStatus'}.${props.status}`) ?? props.status
  return (
    <span class="status-pill" data-status={props.status}>
      <span class="status-dot" aria-hidden="true" />
      {label()}
    </span>
  )
}

export function PriorityPill(props: { priority: string; short?: boolean }) {
  const { tryT } = useI18n()
  return (
    <span
      class="priority-pill"
      data-priority={props.priority}
      title={tryT(`work.priority.${props.priority}`) ?? props.priority}
    >
      {props.short ? props.priority : (tryT(`work.priority.${props.priority}`) ?? props.priority)}
    </span>
  )
}

/** An item's key (MES-42) linking to its page. */
export function KeyLink(props: { ws: number; itemKey: string; tabIndex?: number }) {
  return (
    <A class="key-chip key-link" href={`/w/${props.ws}/i/${props.itemKey}`} tabIndex={props.tabIndex}>
      {props.itemKey}
    </A>
  )
}

export const isRequirementStatus = (s: string): s is RequirementStatus =>
  (REQUIREMENT_STATUSES as readonly string[]).includes(s)
export const isPriority = (p: string): p is Priority => (PRIORITIES as readonly string[]).includes(p)

/** A requirement's score, or "Unestimated" when it has none (no effort, no estimate). */
export function Score(props: { score: number | null }) {
  const { t } = useI18n()
  return (
    <Show
      when={props.score !== null}
      fallback={
        <span class="cell-muted" title={t('backlog.unestimatedHint')}>
          {t('backlog.unestimated')}
        </span>
      }
    >
      <span title={t('backlog.scoreHint')}>{formatScore(props.score!)}</span>
    </Show>
  )
}

const formatScore = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(1))

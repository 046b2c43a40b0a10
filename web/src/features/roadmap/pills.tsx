// Small read-only markers shared by the roadmap and the customer pages: a requirement's status and priority.
import { useI18n } from '../../i18n'
import './roadmap.css'

export function RequirementStatus(props: { status: string }) {
  const { tryT } = useI18n()
  return (
    <span class="rm-status" data-status={props.status}>
      {tryT(`work.requirementStatus.${props.status}`) ?? props.status}
    </span>
  )
}

export function PriorityMark(props: { priority: string }) {
  const { tryT } = useI18n()
  return (
    <span
      class="rm-priority"
      data-priority={props.priority}
      title={tryT(`work.priority.${props.priority}`) ?? props.priority}
    >
      {props.priority}
    </span>
  )
}

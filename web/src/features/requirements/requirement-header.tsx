// The head of a requirement's page: its title (edited in place), status and priority, the status moves its
// workflow allows from here, why it was rejected, and what went wrong with a change.
import { For, Show } from 'solid-js'
import { REQUIREMENT_TRANSITIONS } from '../../../../domain/workflow'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { REQUIREMENT_STATUSES, type RequirementStatus } from '../backlog/filters'
import { isRequirementStatus, PriorityPill, StatusPill } from '../backlog/pills'
import type {
  RequirementDetail,
  RequirementPatch,
  useTransitionRequirement,
  useUpdateRequirement,
} from '../backlog/queries'
import { EditableText } from '../items/editable'
import { useWorkspace } from '../workspaces/workspace-context'

export function RequirementHeader(props: {
  requirement: RequirementDetail
  canEdit: boolean
  save: (patch: RequirementPatch) => void
  update: ReturnType<typeof useUpdateRequirement>
  transition: ReturnType<typeof useTransitionRequirement>
  /** Rejecting asks for a reason first. */
  onReject: () => void
}) {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const r = () => props.requirement
  const moves = () =>
    isRequirementStatus(r().status) ? REQUIREMENT_TRANSITIONS[r().status as RequirementStatus] : []
  const isBack = (to: RequirementStatus) =>
    to !== 'rejected' &&
    REQUIREMENT_STATUSES.indexOf(to) < REQUIREMENT_STATUSES.indexOf(r().status as RequirementStatus)
  const moveLabel = (to: RequirementStatus) => {
    if (r().status === 'rejected' && to === 'draft') return t('items.reopen')
    if (isBack(to)) {
      const status = t(`work.requirementStatus.${to}`)
      // Mid-sentence in English the status reads in lower case ("Back to approved"); Chinese has no case.
      return t('items.moveBack', { status: i18n.locale() === 'en' ? status.toLowerCase() : status })
    }
    return t(`items.moveTo.${to}`)
  }
  const move = (to: RequirementStatus) => {
    props.update.reset()
    if (to === 'rejected') props.onReject()
    else props.transition.mutate({ id: r().id, to })
  }

  return (
    <header class="item-header">
      <EditableText
        as="h1"
        class="item-title"
        value={r().title}
        label={t('backlog.fieldTitle')}
        placeholder={t('backlog.fieldTitle')}
        canEdit={props.canEdit}
        required
        onSave={(title) => props.save({ title })}
      />
      <div class="item-status-bar">
        <StatusPill status={r().status} />
        <PriorityPill priority={r().priority} />
        <Show when={ws.can('requirement.transition') && moves().length > 0}>
          <fieldset class="transition-buttons">
            <legend class="visually-hidden">{t('items.changeStatus')}</legend>
            <For each={moves()}>
              {(to) => (
                <button
                  type="button"
                  class="btn btn-small"
                  classList={{
                    'btn-danger-quiet': to === 'rejected',
                    'btn-ghost': isBack(to),
                    'btn-primary': !isBack(to) && to !== 'rejected',
                  }}
                  disabled={props.transition.isPending}
                  onClick={() => move(to)}
                >
                  {moveLabel(to)}
                </button>
              )}
            </For>
          </fieldset>
        </Show>
      </div>
      <Show when={r().status === 'rejected' && r().rejectReason}>
        <p class="notice notice-warning">{t('items.rejectedBecause', { reason: r().rejectReason ?? '' })}</p>
      </Show>
      <ErrorNotice error={props.transition.error} overrides={{ 409: t('items.transitionConflict') }} />
      <ErrorNotice error={props.update.error} />
    </header>
  )
}

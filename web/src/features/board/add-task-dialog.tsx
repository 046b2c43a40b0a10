// A new task from the board, in the iteration it shows: feature tasks under one of the iteration's
// requirements, stability tasks with a category and a risk. The form's state is in add-task-draft, its
// fields in add-task-fields; this module loads what they offer and creates the task.
import { createEffect, on, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { createLocalQuery } from '../../ui/query-view'
import { assignableMembers, membersQuery } from '../members/queries'
import { useCreateTask } from '../tasks/create-task'
import { useWorkspace } from '../workspaces/workspace-context'
import { createTaskDraft } from './add-task-draft'
import {
  AssigneeField,
  EstimateAndDueFields,
  KindAndColumnFields,
  RequirementField,
  StabilityFields,
} from './add-task-fields'
import type { BoardStatus } from './board-logic'
import { type Iteration, iterationRequirementsQuery } from './queries'

/** A new task in this iteration: feature tasks under one of its requirements, stability with a category. */
export function AddTaskDialog(props: {
  open: boolean
  status: BoardStatus
  productId: number
  iteration: Iteration
  onClose: () => void
  onCreated: (key: string) => void
}) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const create = useCreateTask(() => workspace.id())
  const requirements = createLocalQuery(() => ({
    ...iterationRequirementsQuery(workspace.id(), props.productId, props.iteration.id),
    enabled: props.open,
  }))
  const canAssign = () => workspace.can('task.assign') && workspace.can('member.view')
  const members = createLocalQuery(() => ({
    ...membersQuery(workspace.id()),
    enabled: props.open && canAssign(),
  }))

  const draft = createTaskDraft()
  const reset = () => {
    draft.clear()
    create.reset()
  }
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (open) draft.setStatus(props.status)
      },
    ),
  )
  const requirementItems = () => requirements.data?.items ?? []
  const needsRequirement = () => draft.kind() === 'feature'
  const noRequirements = () => needsRequirement() && requirements.isSuccess && requirementItems().length === 0

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const input = draft.input(props.productId, props.iteration.id)
    const task = await create.mutateAsync(input).catch(() => undefined)
    if (task) {
      reset()
      props.onCreated(task.key)
    }
  }

  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => {
        if (!open) {
          reset()
          props.onClose()
        }
      }}
      title={t('board.add.title')}
      description={t('board.add.description', { iteration: props.iteration.name })}
      wide
    >
      <form class="form" onSubmit={(e) => void submit(e)}>
        <KindAndColumnFields draft={draft} />
        <TextField
          label={t('board.add.name')}
          value={draft.title()}
          onValue={draft.setTitle}
          placeholder={t('board.add.namePlaceholder')}
          required
          maxLength={FIELD_LIMITS.name}
          autofocus
        />
        <RequirementField draft={draft} requirements={requirementItems()} noRequirements={noRequirements()} />
        <Show when={draft.kind() === 'stability'}>
          <StabilityFields draft={draft} />
        </Show>
        <EstimateAndDueFields draft={draft} />
        <Show when={canAssign()}>
          <AssigneeField draft={draft} members={assignableMembers(members.data?.items ?? [])} />
        </Show>
        <ErrorNotice error={create.error} />
        <div class="dialog-actions">
          <button
            type="button"
            class="btn"
            onClick={() => {
              reset()
              props.onClose()
            }}
          >
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            class="btn btn-primary"
            disabled={create.isPending || noRequirements() || !draft.title().trim()}
          >
            {create.isPending ? t('common.creating') : t('board.add.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

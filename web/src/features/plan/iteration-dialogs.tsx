// Editing and deleting an iteration from its lane on the plan page. Deleting one with work in it asks where
// the work goes: into another open iteration of the product, or back to the backlog.
import { createSignal, createUniqueId, For } from 'solid-js'
import { useI18n } from '../../i18n'
import { ConfirmDialog, Modal } from '../../ui/dialog'
import { useWorkspace } from '../workspaces/workspace-context'
import { IterationForm } from './new-iteration'
import { type Iteration, useDeleteIteration, useUpdateIteration } from './queries'

export function EditIterationDialog(props: {
  iteration: Iteration
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const update = useUpdateIteration(ws.id)
  const it = () => props.iteration
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('plan.editTitle', { name: it().name })}
    >
      <IterationForm
        initial={{
          name: it().name,
          goal: it().goal,
          startDate: it().startDate,
          endDate: it().endDate,
          capacity: String(it().capacity),
          stabilityBudgetPercent: String(it().stabilityBudgetPercent),
        }}
        submitLabel={t('common.save')}
        busyLabel={t('common.saving')}
        busy={update.isPending}
        error={update.error}
        onSubmit={(patch) =>
          update.mutate({ iteration: it(), patch }, { onSuccess: () => props.onOpenChange(false) })
        }
        onCancel={() => props.onOpenChange(false)}
      />
    </Modal>
  )
}

export function DeleteIterationDialog(props: {
  iteration: Iteration
  /** Where its work may go: the product's other open iterations. */
  others: Iteration[]
  open: boolean
  onOpenChange: (open: boolean) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const remove = useDeleteIteration(ws.id)
  const id = createUniqueId()
  const [moveTo, setMoveTo] = createSignal('')
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('plan.deleteTitle', { name: props.iteration.name })}
      body={t('plan.deleteBody')}
      confirmLabel={t('plan.delete')}
      onConfirm={() =>
        remove.mutateAsync({
          iteration: props.iteration,
          moveTo: moveTo() === '' ? undefined : Number(moveTo()),
        })
      }
    >
      <div class="field">
        <label class="field-label" for={id}>
          {t('plan.deleteMoveTo')}
        </label>
        <select id={id} class="input" value={moveTo()} onChange={(e) => setMoveTo(e.currentTarget.value)}>
          <option value="">{t('plan.deleteToBacklog')}</option>
          <For each={props.others}>{(other) => <option value={other.id}>{other.name}</option>}</For>
        </select>
      </div>
    </ConfirmDialog>
  )
}

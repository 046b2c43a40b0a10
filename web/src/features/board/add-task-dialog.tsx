// A new task from the board, in the iteration it shows: feature tasks under one of the iteration's
// requirements, stability tasks with a category and a risk.
import { createQuery } from '@tanstack/solid-query'
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js'
import { DATE_WINDOW, FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { membersQuery } from '../members/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { BOARD_STATUSES, type BoardStatus, TASK_KINDS, type TaskKind } from './board-logic'
import { type Iteration, iterationRequirementsQuery, type NewTask, useCreateTask } from './queries'

const CATEGORIES = [
  'performance',
  'availability',
  'security',
  'scalability',
  'observability',
  'tech-debt',
  'incident-follow-up',
] as const
const RISKS = ['low', 'medium', 'high', 'critical'] as const
type Category = (typeof CATEGORIES)[number]
type Risk = (typeof RISKS)[number]

/** What the form holds; the column is set from the one the dialog was opened on. */
function createTaskDraft() {
  const [kind, setKind] = createSignal<TaskKind>('feature')
  const [title, setTitle] = createSignal('')
  const [requirementId, setRequirementId] = createSignal('')
  const [category, setCategory] = createSignal<Category>('performance')
  const [risk, setRisk] = createSignal<Risk>('medium')
  const [estimate, setEstimate] = createSignal('')
  const [assigneeId, setAssigneeId] = createSignal('')
  const [dueDate, setDueDate] = createSignal('')
  const [status, setStatus] = createSignal<BoardStatus>('todo')
  return {
    kind,
    setKind,
    title,
    setTitle,
    requirementId,
    setRequirementId,
    category,
    setCategory,
    risk,
    setRisk,
    estimate,
    setEstimate,
    assigneeId,
    setAssigneeId,
    dueDate,
    setDueDate,
    status,
    setStatus,
    /** Empties what is typed per task; the kind, requirement, category and risk stay for the next one. */
    clear: () => {
      setTitle('')
      setEstimate('')
      setDueDate('')
      setAssigneeId('')
    },
    input: (productId: number, iterationId: number): NewTask => {
      const input: NewTask = { productId, iterationId, kind: kind(), title: title().trim(), status: status() }
      if (requirementId()) input.requirementId = Number(requirementId())
      if (kind() === 'stability') {
        input.category = category()
        input.risk = risk()
      }
      if (estimate() !== '') input.estimate = Number(estimate())
      if (assigneeId()) input.assigneeId = Number(assigneeId())
      if (dueDate()) input.dueDate = dueDate()
      return input
    },
  }
}

type TaskDraft = ReturnType<typeof createTaskDraft>

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
  const requirements = createQuery(() => ({
    ...iterationRequirementsQuery(workspace.id(), props.productId, props.iteration.id),
    enabled: props.open,
    throwOnError: false,
  }))
  const canAssign = () => workspace.can('task.assign') && workspace.can('member.view')
  const members = createQuery(() => ({
    ...membersQuery(workspace.id()),
    enabled: props.open && canAssign(),
    throwOnError: false,
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
        <Show when={noRequirements()}>
          <p class="notice notice-warning">{t('board.add.noRequirements')}</p>
        </Show>
        <Show when={!noRequirements()}>
          <SelectField
            label={t('board.add.requirement')}
            value={draft.requirementId()}
            onValue={draft.setRequirementId}
            required={needsRequirement()}
            hint={needsRequirement() ? t('board.add.requirementNeeded') : undefined}
          >
            <option value="">{needsRequirement() ? '' : t('board.add.requirementNone')}</option>
            <For each={requirementItems()}>
              {(r) => (
                <option value={String(r.id)}>
                  {r.key} · {r.title}
                </option>
              )}
            </For>
          </SelectField>
        </Show>
        <Show when={draft.kind() === 'stability'}>
          <StabilityFields draft={draft} />
        </Show>
        <EstimateAndDueFields draft={draft} />
        <Show when={canAssign()}>
          <SelectField
            label={t('board.add.assignee')}
            value={draft.assigneeId()}
            onValue={draft.setAssigneeId}
          >
            <option value="">{t('work.terms.unassigned')}</option>
            <For each={members.data?.items ?? []}>
              {(m) => <option value={String(m.userId)}>{m.name}</option>}
            </For>
          </SelectField>
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

function KindAndColumnFields(props: { draft: TaskDraft }) {
  const { t } = useI18n()
  return (
    <div class="field-row">
      <SelectField
        class="field-grow"
        label={t('board.add.kind')}
        value={props.draft.kind()}
        onValue={(v) => props.draft.setKind(v as TaskKind)}
      >
        <For each={TASK_KINDS}>
          {(k) => (
            <option value={k} selected={props.draft.kind() === k}>
              {t(`work.taskKind.${k}`)}
            </option>
          )}
        </For>
      </SelectField>
      <SelectField
        class="field-grow"
        label={t('board.add.column')}
        value={props.draft.status()}
        onValue={(v) => props.draft.setStatus(v as BoardStatus)}
      >
        <For each={BOARD_STATUSES.filter((s) => s !== 'blocked')}>
          {(s) => (
            <option value={s} selected={props.draft.status() === s}>
              {t(`work.taskStatus.${s}`)}
            </option>
          )}
        </For>
      </SelectField>
    </div>
  )
}

function StabilityFields(props: { draft: TaskDraft }) {
  const { t } = useI18n()
  return (
    <div class="field-row">
      <SelectField
        class="field-grow"
        label={t('board.add.category')}
        value={props.draft.category()}
        onValue={(v) => props.draft.setCategory(v as Category)}
      >
        <For each={CATEGORIES}>{(c) => <option value={c}>{t(`work.category.${c}`)}</option>}</For>
      </SelectField>
      <SelectField
        class="field-grow"
        label={t('board.add.risk')}
        value={props.draft.risk()}
        onValue={(v) => props.draft.setRisk(v as Risk)}
      >
        <For each={RISKS}>{(r) => <option value={r}>{t(`work.risk.${r}`)}</option>}</For>
      </SelectField>
    </div>
  )
}

function EstimateAndDueFields(props: { draft: TaskDraft }) {
  const { t } = useI18n()
  const dueId = createUniqueId()
  return (
    <div class="field-row">
      <TextField
        class="field-grow"
        label={t('board.add.estimate')}
        type="number"
        min="0"
        max="1000"
        step="0.5"
        value={props.draft.estimate()}
        onValue={props.draft.setEstimate}
        optionalLabel={t('common.optional')}
      />
      <div class="field field-grow">
        <label for={dueId} class="field-label">
          {t('board.add.dueDate')} <span class="field-optional">({t('common.optional')})</span>
        </label>
        <input
          id={dueId}
          class="input"
          type="date"
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={props.draft.dueDate()}
          onInput={(e) => props.draft.setDueDate(e.currentTarget.value)}
        />
      </div>
    </div>
  )
}

// The fields of the board's new-task form, in the rows the dialog shows them: kind and column, the
// requirement (needed by feature work), stability category and risk, estimate and due date, the assignee.
import { createUniqueId, For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { RISKS, STABILITY_CATEGORIES } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { DateInput } from '../../ui/date-input'
import { SelectField, TextField } from '../../ui/field'
import type { Category, Risk, TaskDraft } from './add-task-draft'
import { BOARD_STATUSES, type BoardStatus, TASK_KINDS, type TaskKind } from './board-logic'

export function KindAndColumnFields(props: { draft: TaskDraft }) {
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

export function StabilityFields(props: { draft: TaskDraft }) {
  const { t } = useI18n()
  return (
    <div class="field-row">
      <SelectField
        class="field-grow"
        label={t('board.add.category')}
        value={props.draft.category()}
        onValue={(v) => props.draft.setCategory(v as Category)}
      >
        <For each={STABILITY_CATEGORIES}>{(c) => <option value={c}>{t(`work.category.${c}`)}</option>}</For>
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

export function EstimateAndDueFields(props: { draft: TaskDraft }) {
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
        <DateInput
          id={dueId}
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={props.draft.dueDate()}
          onChange={props.draft.setDueDate}
        />
      </div>
    </div>
  )
}

/** The requirement a task is under: needed for feature work, and only one of the iteration's. */
export function RequirementField(props: {
  draft: TaskDraft
  requirements: readonly { id: number; key: string; title: string }[]
  /** Feature work needs a requirement and the iteration has none: say so instead. */
  noRequirements: boolean
}) {
  const { t } = useI18n()
  const needed = () => props.draft.kind() === 'feature'
  return (
    <Show
      when={!props.noRequirements}
      fallback={<p class="notice notice-warning">{t('board.add.noRequirements')}</p>}
    >
      <SelectField
        label={t('board.add.requirement')}
        value={props.draft.requirementId()}
        onValue={props.draft.setRequirementId}
        required={needed()}
        hint={needed() ? t('board.add.requirementNeeded') : undefined}
      >
        <option value="">{needed() ? '' : t('board.add.requirementNone')}</option>
        <For each={props.requirements}>
          {(r) => (
            <option value={String(r.id)}>
              {r.key} · {r.title}
            </option>
          )}
        </For>
      </SelectField>
    </Show>
  )
}

export function AssigneeField(props: {
  draft: TaskDraft
  members: readonly { userId: number; name: string }[]
}) {
  const { t } = useI18n()
  return (
    <SelectField
      label={t('board.add.assignee')}
      value={props.draft.assigneeId()}
      onValue={props.draft.setAssigneeId}
    >
      <option value="">{t('work.terms.unassigned')}</option>
      <For each={props.members}>{(m) => <option value={String(m.userId)}>{m.name}</option>}</For>
    </SelectField>
  )
}

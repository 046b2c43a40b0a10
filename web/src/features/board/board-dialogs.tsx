// The board's dialogs: the reason for blocking a card, the move menu (the pointer-free way to move), a new
// task, and the columns' WIP limits.

import { createQuery } from '@tanstack/solid-query'
import { createEffect, createMemo, createSignal, createUniqueId, For, on, Show, untrack } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { membersQuery } from '../members/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { BOARD_STATUSES, type BoardCard, type BoardStatus, TASK_KINDS, type TaskKind } from './board-logic'
import {
  type Iteration,
  iterationRequirementsQuery,
  type NewTask,
  useCreateTask,
  useSetWipLimits,
  type WipLimits,
} from './queries'

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

/** Asks why a card is blocked; cancelling leaves the card where it was. */
export function BlockDialog(props: {
  task: BoardCard | undefined
  onConfirm: (reason: string) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [reason, setReason] = createSignal('')
  const close = (open: boolean) => {
    if (!open) {
      setReason('')
      props.onCancel()
    }
  }
  return (
    <Modal
      open={props.task !== undefined}
      onOpenChange={close}
      title={t('board.block.title', { key: props.task?.key ?? '' })}
      description={t('board.block.description')}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          const text = reason().trim()
          if (!text) return
          setReason('')
          props.onConfirm(text)
        }}
      >
        <div class="field">
          <label for={id} class="field-label">
            {t('board.block.reason')}
          </label>
          <textarea
            id={id}
            class="input board-textarea"
            rows={3}
            required
            maxLength={2000}
            placeholder={t('board.block.placeholder')}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => close(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-danger" disabled={!reason().trim()}>
            {t('board.block.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/** Moves a card without a pointer: pick a column and the top or bottom of it. */
export function MoveDialog(props: {
  task: BoardCard | undefined
  onMove: (status: BoardStatus, place: 'top' | 'bottom') => void
  onClose: () => void
}) {
  const { t } = useI18n()
  const [status, setStatus] = createSignal<BoardStatus>('todo')
  const [place, setPlace] = createSignal<'top' | 'bottom'>('top')
  const name = createUniqueId()
  // Start from the card's column when the dialog opens for a card, and only then: a live refresh brings
  // a new copy of the same card, which must not undo the choice being made.
  const taskId = createMemo(() => props.task?.id)
  createEffect(
    on(taskId, () => {
      const task = untrack(() => props.task)
      if (task) setStatus(task.status as BoardStatus)
    }),
  )
  return (
    <Modal
      open={props.task !== undefined}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('board.move.title', { key: props.task?.key ?? '' })}
      description={t('board.move.description', { title: props.task?.title ?? '' })}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          props.onMove(status(), place())
        }}
      >
        <fieldset class="move-options">
          <legend class="field-label">{t('board.move.column')}</legend>
          <For each={BOARD_STATUSES}>
            {(s) => (
              <label class="radio">
                <input
                  type="radio"
                  name={`${name}-status`}
                  value={s}
                  checked={status() === s}
                  onChange={() => setStatus(s)}
                />
                <span class={`status-dot status-${s}`} aria-hidden="true" />
                {t(`work.taskStatus.${s}`)}
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="move-options">
          <legend class="field-label">{t('board.move.position')}</legend>
          <label class="radio">
            <input
              type="radio"
              name={`${name}-place`}
              checked={place() === 'top'}
              onChange={() => setPlace('top')}
            />
            {t('board.move.top')}
          </label>
          <label class="radio">
            <input
              type="radio"
              name={`${name}-place`}
              checked={place() === 'bottom'}
              onChange={() => setPlace('bottom')}
            />
            {t('board.move.bottom')}
          </label>
        </fieldset>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary">
            {t('board.move.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

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

  const [kind, setKind] = createSignal<TaskKind>('feature')
  const [title, setTitle] = createSignal('')
  const [requirementId, setRequirementId] = createSignal('')
  const [category, setCategory] = createSignal<(typeof CATEGORIES)[number]>('performance')
  const [risk, setRisk] = createSignal<(typeof RISKS)[number]>('medium')
  const [estimate, setEstimate] = createSignal('')
  const [assigneeId, setAssigneeId] = createSignal('')
  const [dueDate, setDueDate] = createSignal('')
  const [status, setStatus] = createSignal<BoardStatus>('todo')
  const dueId = createUniqueId()

  const reset = () => {
    setTitle('')
    setEstimate('')
    setDueDate('')
    setAssigneeId('')
    create.reset()
  }
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (open) setStatus(props.status)
      },
    ),
  )
  const requirementItems = () => requirements.data?.items ?? []
  const needsRequirement = () => kind() === 'feature'
  const noRequirements = () => needsRequirement() && requirements.isSuccess && requirementItems().length === 0

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const input: NewTask = {
      productId: props.productId,
      iterationId: props.iteration.id,
      kind: kind(),
      title: title().trim(),
      status: status(),
    }
    if (requirementId()) input.requirementId = Number(requirementId())
    if (kind() === 'stability') {
      input.category = category()
      input.risk = risk()
    }
    if (estimate() !== '') input.estimate = Number(estimate())
    if (assigneeId()) input.assigneeId = Number(assigneeId())
    if (dueDate()) input.dueDate = dueDate()
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
        <div class="field-row">
          <SelectField
            class="field-grow"
            label={t('board.add.kind')}
            value={kind()}
            onValue={(v) => setKind(v as TaskKind)}
          >
            <For each={TASK_KINDS}>
              {(k) => (
                <option value={k} selected={kind() === k}>
                  {t(`work.taskKind.${k}`)}
                </option>
              )}
            </For>
          </SelectField>
          <SelectField
            class="field-grow"
            label={t('board.add.column')}
            value={status()}
            onValue={(v) => setStatus(v as BoardStatus)}
          >
            <For each={BOARD_STATUSES.filter((s) => s !== 'blocked')}>
              {(s) => (
                <option value={s} selected={status() === s}>
                  {t(`work.taskStatus.${s}`)}
                </option>
              )}
            </For>
          </SelectField>
        </div>
        <TextField
          label={t('board.add.name')}
          value={title()}
          onValue={setTitle}
          placeholder={t('board.add.namePlaceholder')}
          required
          maxLength={200}
          autofocus
        />
        <Show when={noRequirements()}>
          <p class="notice notice-warning">{t('board.add.noRequirements')}</p>
        </Show>
        <Show when={!noRequirements()}>
          <SelectField
            label={t('board.add.requirement')}
            value={requirementId()}
            onValue={setRequirementId}
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
        <Show when={kind() === 'stability'}>
          <div class="field-row">
            <SelectField
              class="field-grow"
              label={t('board.add.category')}
              value={category()}
              onValue={(v) => setCategory(v as (typeof CATEGORIES)[number])}
            >
              <For each={CATEGORIES}>{(c) => <option value={c}>{t(`work.category.${c}`)}</option>}</For>
            </SelectField>
            <SelectField
              class="field-grow"
              label={t('board.add.risk')}
              value={risk()}
              onValue={(v) => setRisk(v as (typeof RISKS)[number])}
            >
              <For each={RISKS}>{(r) => <option value={r}>{t(`work.risk.${r}`)}</option>}</For>
            </SelectField>
          </div>
        </Show>
        <div class="field-row">
          <TextField
            class="field-grow"
            label={t('board.add.estimate')}
            type="number"
            min="0"
            max="1000"
            step="0.5"
            value={estimate()}
            onValue={setEstimate}
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
              value={dueDate()}
              onInput={(e) => setDueDate(e.currentTarget.value)}
            />
          </div>
        </div>
        <Show when={canAssign()}>
          <SelectField label={t('board.add.assignee')} value={assigneeId()} onValue={setAssigneeId}>
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
            disabled={create.isPending || noRequirements() || !title().trim()}
          >
            {create.isPending ? t('common.creating') : t('board.add.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

/** The iteration's WIP limits, one per column; empty means no limit. */
export function WipDialog(props: {
  open: boolean
  iteration: Iteration
  onClose: () => void
  onSaved: () => void
}) {
  const { t } = useI18n()
  const workspace = useWorkspace()
  const save = useSetWipLimits(() => workspace.id())
  const [limits, setLimits] = createSignal<Record<BoardStatus, string>>({
    todo: '',
    doing: '',
    review: '',
    blocked: '',
    done: '',
  })
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (!open) return
        const current = props.iteration.wipLimits
        setLimits({
          todo: String(current.todo ?? ''),
          doing: String(current.doing ?? ''),
          review: String(current.review ?? ''),
          blocked: String(current.blocked ?? ''),
          done: String(current.done ?? ''),
        })
      },
    ),
  )
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const wipLimits: WipLimits = {}
    for (const status of BOARD_STATUSES) {
      const value = limits()[status].trim()
      if (value !== '') wipLimits[status] = Number(value)
    }
    const ok = await save
      .mutateAsync({ iteration: props.iteration, wipLimits })
      .then(() => true)
      .catch(() => false)
    if (ok) props.onSaved()
  }
  return (
    <Modal
      open={props.open}
      onOpenChange={(open) => {
        if (!open) {
          save.reset()
          props.onClose()
        }
      }}
      title={t('board.wip.title')}
      description={t('board.wip.description')}
    >
      <form class="form" onSubmit={(e) => void submit(e)}>
        <div class="wip-grid">
          <For each={BOARD_STATUSES}>
            {(status) => (
              <TextField
                label={t(`work.taskStatus.${status}`)}
                type="number"
                min="1"
                max="1000"
                step="1"
                placeholder={t('board.wip.none')}
                value={limits()[status]}
                onValue={(v) => setLimits({ ...limits(), [status]: v })}
              />
            )}
          </For>
        </div>
        <ErrorNotice error={save.error} />
        <div class="dialog-actions">
          <button
            type="button"
            class="btn"
            onClick={() => {
              save.reset()
              props.onClose()
            }}
          >
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? t('common.saving') : t('common.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

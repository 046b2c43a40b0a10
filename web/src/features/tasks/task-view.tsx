// A task's page: title, status with a move to any column (blocked asks for the reason), its requirement,
// assignee, estimate and remaining, due date, iteration, stability category and risk, description,
// attachments, comments and history.

import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { TASK_STATUSES, type TaskStatus } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { ActivityTimeline } from '../activity/activity'
import { AttachmentsSection } from '../attachments/attachments-section'
import { ItemAttachmentsProvider } from '../attachments/item-attachments'
import { StatusPill } from '../backlog/pills'
import { Comments } from '../comments/comments'
import { DeleteItemDialog } from '../items/delete-item'
import { DescriptionSection } from '../items/description-section'
import { EditableText } from '../items/editable'
import { type Task, type TaskPatch, taskQuery, useUpdateTask } from '../items/queries'
import { ReasonDialog } from '../items/reason-dialog'
import { useNames } from '../items/use-names'
import { WatchButton } from '../notifications/watch-button'
import type { TASK_KINDS } from '../requirements/tasks-section'
import { useWorkspace } from '../workspaces/workspace-context'
import { useMoveTask } from './move-task'
import { TaskProperties } from './task-properties'

export function TaskView(props: { id: number }) {
  const ws = useWorkspace()
  const task = createQuery(() => taskQuery(ws.id(), props.id))
  return (
    <Show when={task.data}>
      {(task) => (
        <ItemAttachmentsProvider target="task" id={task().id} itemKey={task().key}>
          <TaskPage task={task()} />
        </ItemAttachmentsProvider>
      )}
    </Show>
  )
}

function TaskPage(props: { task: Task }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  const productKey = () => task().key.split('-')[0] ?? ''
  const update = useUpdateTask(ws.id, () => task().id)
  const move = useMoveTask(ws.id)
  const lookups = useNames(() => task().productId)
  const [blocking, setBlocking] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const canEdit = () => ws.can('task.update')

  const save = (patch: TaskPatch) => {
    move.reset()
    update.mutate({ patch, version: task().version })
  }
  const moveTo = (status: TaskStatus) => {
    if (status === task().status) return
    update.reset()
    if (status === 'blocked') setBlocking(true)
    else move.mutate({ taskId: task().id, status, version: task().version })
  }
  const requirementKey = () =>
    task().requirement?.number != null ? `${productKey()}-${task().requirement?.number}` : undefined

  return (
    <article class="item-page" data-testid="task-page">
      <TaskCrumbs task={task()} productKey={productKey()} requirementKey={requirementKey()} />
      <TaskHeader task={task()} canEdit={canEdit()} move={move} update={update} save={save} moveTo={moveTo} />

      <div class="item-layout">
        <div class="item-main">
          <Show when={task().requirement}>
            {(requirement) => (
              <TaskRequirement requirement={requirement()} requirementKey={requirementKey()} />
            )}
          </Show>
          <DescriptionSection
            titleId="task-description-title"
            value={task().description}
            canEdit={canEdit()}
            mentions={{ entityType: 'task', entityId: task().id }}
            onSave={(description) => save({ description })}
          />
          <AttachmentsSection />
          <Comments target="task" id={task().id} />
          <Show when={ws.can('activity.view')}>
            <ActivityTimeline target="task" id={task().id} names={lookups.names} />
          </Show>
        </div>

        <TaskProperties
          task={task()}
          canEdit={canEdit()}
          save={save}
          lookups={lookups}
          onDelete={() => setDeleting(true)}
        />
      </div>

      <ReasonDialog
        open={blocking()}
        onOpenChange={setBlocking}
        title={t('items.blockTitle')}
        intro={t('items.blockIntro')}
        label={t('items.blockReason')}
        submitLabel={t('items.block')}
        onSubmit={(reason) =>
          move
            .mutateAsync({
              taskId: task().id,
              status: 'blocked',
              blockedReason: reason,
              version: task().version,
            })
            .then(() => setBlocking(false))
        }
      />
      <DeleteItemDialog
        open={deleting()}
        onOpenChange={setDeleting}
        target="task"
        id={task().id}
        itemKey={task().key}
        after={() =>
          requirementKey() ? `/w/${ws.id()}/i/${requirementKey()}` : `/w/${ws.id()}/p/${productKey()}/board`
        }
      />
    </article>
  )
}

/** Back to the product's board, through the task's requirement when it has one. */
function TaskCrumbs(props: { task: Task; productKey: string; requirementKey: string | undefined }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  return (
    <nav class="item-crumbs" aria-label={t('items.crumbs')}>
      <A href={`/w/${ws.id()}/p/${props.productKey}/board`}>
        {t('items.backToBoard', { product: props.productKey })}
      </A>
      <Show when={props.requirementKey}>
        {(key) => (
          <>
            <span aria-hidden="true">/</span>
            <A class="key-chip key-link" href={`/w/${ws.id()}/i/${key()}`}>
              {key()}
            </A>
          </>
        )}
      </Show>
      <span aria-hidden="true">/</span>
      <span class="key-chip">{props.task.key}</span>
      <WatchButton target="task" id={props.task.id} />
    </nav>
  )
}

/** The title, the kind, the status switch (or the status alone for those who cannot move tasks) and why it is blocked. */
function TaskHeader(props: {
  task: Task
  canEdit: boolean
  move: ReturnType<typeof useMoveTask>
  update: ReturnType<typeof useUpdateTask>
  save: (patch: TaskPatch) => void
  moveTo: (status: TaskStatus) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  const canMove = () => ws.can('task.update_status')
  return (
    <header class="item-header">
      <EditableText
        as="h1"
        class="item-title"
        value={task().title}
        label={t('items.taskTitle')}
        placeholder={t('items.taskTitle')}
        canEdit={props.canEdit}
        required
        onSave={(title) => props.save({ title })}
      />
      <div class="item-status-bar">
        <span class="tag kind-tag" data-kind={task().kind}>
          {t(`work.taskKind.${task().kind as (typeof TASK_KINDS)[number]}`)}
        </span>
        <Show when={canMove()} fallback={<StatusPill status={task().status} kind="task" />}>
          <fieldset class="segmented status-switch">
            <legend class="visually-hidden">{t('items.changeStatus')}</legend>
            <For each={TASK_STATUSES}>
              {(status) => (
                <button
                  type="button"
                  class="segmented-item"
                  data-status={status}
                  aria-pressed={task().status === status}
                  disabled={props.move.isPending}
                  onClick={() => props.moveTo(status)}
                >
                  <span class="status-dot" aria-hidden="true" />
                  {t(`work.taskStatus.${status}`)}
                </button>
              )}
            </For>
          </fieldset>
        </Show>
      </div>
      <Show when={task().status === 'blocked' && task().blockedReason}>
        <p class="notice notice-error" role="note">
          {t('items.blockedBecause', { reason: task().blockedReason ?? '' })}
        </p>
      </Show>
      <ErrorNotice error={props.move.error} />
      <ErrorNotice error={props.update.error} overrides={{ 409: t('items.taskConflict') }} />
    </header>
  )
}

/** The requirement the task belongs to, with its status. */
function TaskRequirement(props: {
  requirement: NonNullable<Task['requirement']>
  requirementKey: string | undefined
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  return (
    <section class="item-section who-card">
      <div class="who-row">
        <span class="who-label">{t('work.terms.requirement')}</span>
        <span class="task-requirement">
          <A class="key-chip key-link" href={`/w/${ws.id()}/i/${props.requirementKey}`}>
            {props.requirementKey}
          </A>
          <A href={`/w/${ws.id()}/i/${props.requirementKey}`}>{props.requirement.title}</A>
          <Show when={props.requirement.status}>{(status) => <StatusPill status={status()} />}</Show>
        </span>
      </div>
    </section>
  )
}

// A task's page: title, status with a move to any column (blocked asks for the reason), its requirement,
// assignee, estimate and remaining, due date, iteration, stability category and risk, description,
// comments and history.

import { A, useNavigate } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { RISKS, TASK_STATUSES, type TaskStatus } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { StatusPill } from '../backlog/pills'
import { loaded } from '../backlog/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { ActivityTimeline } from './activity'
import { Comments } from './comments'
import { EditableLongText, EditableText, NumberInput, Property } from './editable'
import { type Task, type TaskPatch, taskQuery, useDeleteItem, useMoveTask, useUpdateTask } from './queries'
import { ReasonDialog } from './reason-dialog'
import { useNames } from './requirement-view'
import { CATEGORIES, TASK_KINDS } from './tasks-section'

export function TaskView(props: { id: number }) {
  const ws = useWorkspace()
  const task = createQuery(() => taskQuery(ws.id(), props.id))
  return <Show when={task.data}>{(task) => <TaskPage task={task()} />}</Show>
}

function TaskPage(props: { task: Task }) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const navigate = useNavigate()
  const task = () => props.task
  const productKey = () => task().key.split('-')[0] ?? ''
  const update = useUpdateTask(ws.id, () => task().id)
  const move = useMoveTask(ws.id, () => task().id)
  const remove = useDeleteItem(ws.id)
  const lookups = useNames(() => task().productId)
  const [blocking, setBlocking] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const canEdit = () => ws.can('task.update')
  const canMove = () => ws.can('task.update_status')

  const save = (patch: TaskPatch) => {
    move.reset()
    update.mutate({ patch, version: task().version })
  }
  const moveTo = (status: TaskStatus) => {
    if (status === task().status) return
    update.reset()
    if (status === 'blocked') setBlocking(true)
    else move.mutate({ status, version: task().version })
  }
  const requirementKey = () =>
    task().requirement?.number != null ? `${productKey()}-${task().requirement?.number}` : undefined

  return (
    <article class="item-page" data-testid="task-page">
      <nav class="item-crumbs" aria-label={t('items.crumbs')}>
        <A href={`/w/${ws.id()}/p/${productKey()}/board`}>
          {t('items.backToBoard', { product: productKey() })}
        </A>
        <Show when={requirementKey()}>
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
        <span class="key-chip">{task().key}</span>
      </nav>
      <header class="item-header">
        <EditableText
          as="h1"
          class="item-title"
          value={task().title}
          label={t('items.taskTitle')}
          placeholder={t('items.taskTitle')}
          canEdit={canEdit()}
          required
          onSave={(title) => save({ title })}
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
                    disabled={move.isPending}
                    onClick={() => moveTo(status)}
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
        <ErrorNotice error={move.error} />
        <ErrorNotice error={update.error} overrides={{ 409: t('items.taskConflict') }} />
      </header>

      <div class="item-layout">
        <div class="item-main">
          <Show when={task().requirement}>
            {(requirement) => (
              <section class="item-section who-card">
                <div class="who-row">
                  <span class="who-label">{t('work.terms.requirement')}</span>
                  <span class="task-requirement">
                    <A class="key-chip key-link" href={`/w/${ws.id()}/i/${requirementKey()}`}>
                      {requirementKey()}
                    </A>
                    <A href={`/w/${ws.id()}/i/${requirementKey()}`}>{requirement().title}</A>
                    <Show when={requirement().status}>{(status) => <StatusPill status={status()} />}</Show>
                  </span>
                </div>
              </section>
            )}
          </Show>
          <section class="item-section" aria-labelledby="task-description-title">
            <h2 id="task-description-title" class="item-section-title">
              {t('items.description')}
            </h2>
            <EditableLongText
              value={task().description}
              label={t('items.description')}
              placeholder={canEdit() ? t('items.descriptionPlaceholder') : t('items.descriptionNone')}
              canEdit={canEdit()}
              markdown
              onSave={(description) => save({ description })}
            />
          </section>
          <Comments target="task" id={task().id} />
          <Show when={ws.can('activity.view')}>
            <ActivityTimeline target="task" id={task().id} names={lookups.names} />
          </Show>
        </div>

        <aside class="item-side" aria-label={t('items.properties')}>
          <div class="properties">
            <Property label={t('work.terms.assignee')} for="prop-assignee">
              <Show
                when={canEdit() && ws.can('task.assign') && ws.can('member.view')}
                fallback={task().assignee?.name ?? t('work.terms.unassigned')}
              >
                <select
                  id="prop-assignee"
                  class="prop-select"
                  value={task().assigneeId ?? ''}
                  onChange={(e) =>
                    save({ assigneeId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
                  }
                >
                  <option value="">{t('work.terms.unassigned')}</option>
                  <For
                    each={(loaded(lookups.members)?.items ?? []).filter(
                      (m) => m.productIds === null || m.productIds.includes(task().productId),
                    )}
                  >
                    {(m) => (
                      <option value={m.userId} selected={m.userId === task().assigneeId}>
                        {m.name}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </Property>
            <Property label={t('items.kind')} for="prop-kind">
              <Show
                when={canEdit()}
                fallback={t(`work.taskKind.${task().kind as (typeof TASK_KINDS)[number]}`)}
              >
                <select
                  id="prop-kind"
                  class="prop-select"
                  value={task().kind}
                  onChange={(e) => {
                    const kind = e.currentTarget.value as (typeof TASK_KINDS)[number]
                    save(
                      kind === 'stability'
                        ? { kind, category: (task().category as (typeof CATEGORIES)[number]) ?? 'tech-debt' }
                        : { kind },
                    )
                  }}
                >
                  <For each={TASK_KINDS}>
                    {(k) => (
                      <option value={k} selected={k === task().kind}>
                        {t(`work.taskKind.${k}`)}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </Property>
            <Show when={task().kind === 'stability'}>
              <Property label={t('items.category')} for="prop-category">
                <Show
                  when={canEdit()}
                  fallback={t(
                    `work.category.${(task().category ?? 'tech-debt') as (typeof CATEGORIES)[number]}`,
                  )}
                >
                  <select
                    id="prop-category"
                    class="prop-select"
                    value={task().category ?? ''}
                    onChange={(e) => save({ category: e.currentTarget.value as (typeof CATEGORIES)[number] })}
                  >
                    <For each={CATEGORIES}>
                      {(c) => (
                        <option value={c} selected={c === task().category}>
                          {t(`work.category.${c}`)}
                        </option>
                      )}
                    </For>
                  </select>
                </Show>
              </Property>
            </Show>
            <Property label={t('items.risk')} for="prop-risk">
              <Show
                when={canEdit()}
                fallback={task().risk ? t(`work.risk.${task().risk as (typeof RISKS)[number]}`) : '—'}
              >
                <select
                  id="prop-risk"
                  class="prop-select"
                  value={task().risk ?? ''}
                  onChange={(e) =>
                    save({ risk: (e.currentTarget.value || null) as (typeof RISKS)[number] | null })
                  }
                >
                  <option value="">—</option>
                  <For each={RISKS}>
                    {(r) => (
                      <option value={r} selected={r === task().risk}>
                        {t(`work.risk.${r}`)}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </Property>
            <Property label={t('work.terms.estimate')} for="prop-estimate">
              <Show when={canEdit()} fallback={task().estimate ?? '—'}>
                <NumberInput
                  id="prop-estimate"
                  label={t('work.terms.estimate')}
                  value={task().estimate}
                  min={0}
                  max={1000}
                  nullable
                  onSave={(estimate) => save({ estimate })}
                />
              </Show>
            </Property>
            <Property label={t('items.remaining')} for="prop-remaining">
              <Show when={canEdit()} fallback={task().remaining ?? '—'}>
                <NumberInput
                  id="prop-remaining"
                  label={t('items.remaining')}
                  value={task().remaining}
                  min={0}
                  max={1000}
                  nullable
                  onSave={(remaining) => save({ remaining })}
                />
              </Show>
            </Property>
            <Property label={t('items.dueDate')} for="prop-due">
              <Show when={canEdit()} fallback={task().dueDate ? i18n.formatDate(task().dueDate!) : '—'}>
                <input
                  id="prop-due"
                  class="prop-input"
                  type="date"
                  min={DATE_WINDOW.min}
                  max={DATE_WINDOW.max}
                  value={task().dueDate ?? ''}
                  onChange={(e) => save({ dueDate: e.currentTarget.value || null })}
                />
              </Show>
            </Property>
            <Property label={t('work.terms.iteration')} for="prop-iteration">
              <Show
                when={canEdit() && ws.can('iteration.view')}
                fallback={
                  (task().iterationId !== null && lookups.names.iteration(task().iterationId!)) ||
                  t('work.terms.noIteration')
                }
              >
                <select
                  id="prop-iteration"
                  class="prop-select"
                  value={task().iterationId ?? ''}
                  onChange={(e) =>
                    save({ iterationId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
                  }
                >
                  <option value="">{t('work.terms.noIteration')}</option>
                  <For
                    each={(loaded(lookups.iterations)?.items ?? []).filter(
                      (it) => it.status !== 'closed' || it.id === task().iterationId,
                    )}
                  >
                    {(it) => (
                      <option value={it.id} selected={it.id === task().iterationId}>
                        {it.name}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </Property>
          </div>
          <p class="item-side-meta">
            {t('items.createdAt', { date: formatDateTime(task().createdAt) })}
            <br />
            {t('items.updatedAt', { date: formatDateTime(task().updatedAt) })}
          </p>
          <Show when={ws.can('task.delete')}>
            <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => setDeleting(true)}>
              {t('items.deleteTask')}
            </button>
          </Show>
        </aside>
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
            .mutateAsync({ status: 'blocked', blockedReason: reason, version: task().version })
            .then(() => setBlocking(false))
        }
      />
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('items.deleteTitle', { key: task().key })}
        body={t('items.deleteTaskBody')}
        confirmLabel={t('items.deleteTask')}
        onConfirm={() =>
          remove
            .mutateAsync({ target: 'task', id: task().id })
            .then(() =>
              navigate(
                requirementKey()
                  ? `/w/${ws.id()}/i/${requirementKey()}`
                  : `/w/${ws.id()}/p/${productKey()}/board`,
              ),
            )
        }
      />
    </article>
  )
}

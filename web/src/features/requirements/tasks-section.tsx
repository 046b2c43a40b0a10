// The tasks of a requirement: their status and who has them; add one (a feature task by default).

import { A } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { STABILITY_CATEGORIES, TASK_KINDS, type TaskKind } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { StatusPill } from '../backlog/pills'
import type { RequirementDetail } from '../backlog/queries'
import { useCreateTask } from '../tasks/create-task'
import { useWorkspace } from '../workspaces/workspace-context'

export { TASK_KINDS }
export const CATEGORIES = STABILITY_CATEGORIES
type Kind = TaskKind
type Category = (typeof CATEGORIES)[number]

export function RequirementTasks(props: {
  requirement: RequirementDetail
  memberName: (userId: number) => string | undefined
}) {
  const { t, points } = useI18n()
  const ws = useWorkspace()
  const id = createUniqueId()
  const done = () => props.requirement.tasks.filter((task) => task.status === 'done').length
  return (
    <section class="item-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="item-section-title">
        {t('items.tasks')}
        <Show when={props.requirement.tasks.length > 0}>
          <span class="count">
            {t('items.tasksDone', { done: String(done()), total: String(props.requirement.tasks.length) })}
          </span>
        </Show>
      </h2>
      <Show
        when={props.requirement.tasks.length > 0}
        fallback={<p class="muted">{ws.can('task.create') ? t('items.tasksEmpty') : t('items.tasksNone')}</p>}
      >
        <ul class="task-list">
          <For each={props.requirement.tasks}>
            {(task) => (
              <li class="task-row" data-testid="task-row">
                <A class="key-chip key-link" href={`/w/${ws.id()}/i/${task.key}`}>
                  {task.key}
                </A>
                <A class="task-row-title" href={`/w/${ws.id()}/i/${task.key}`}>
                  {task.title}
                </A>
                <span class="tag">{t(`work.taskKind.${task.kind as Kind}`)}</span>
                <StatusPill status={task.status} kind="task" />
                <span class="task-row-assignee" classList={{ muted: task.assigneeId === null }}>
                  {task.assigneeId === null
                    ? t('work.terms.unassigned')
                    : (props.memberName(task.assigneeId) ?? t('items.someone'))}
                </span>
                <span class="task-row-points">{task.estimate === null ? '—' : points(task.estimate)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={ws.can('task.create')}>
        <AddTask requirement={props.requirement} />
      </Show>
    </section>
  )
}

function AddTask(props: { requirement: RequirementDetail }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const create = useCreateTask(ws.id)
  const [title, setTitle] = createSignal('')
  const [kind, setKind] = createSignal<Kind>('feature')
  const [category, setCategory] = createSignal<Category>('performance')
  const [estimate, setEstimate] = createSignal('')
  const ids = {
    title: createUniqueId(),
    kind: createUniqueId(),
    category: createUniqueId(),
    estimate: createUniqueId(),
  }
  return (
    <form
      class="add-task"
      onSubmit={(e) => {
        e.preventDefault()
        if (!title().trim()) return
        // The fields clear at once, so the next task can be typed while this one saves; an error
        // brings the text back.
        const typed = { title: title(), estimate: estimate() }
        setTitle('')
        setEstimate('')
        create.mutate(
          {
            productId: props.requirement.productId,
            requirementId: props.requirement.id,
            kind: kind(),
            category: kind() === 'stability' ? category() : undefined,
            title: typed.title.trim(),
            estimate: typed.estimate === '' ? undefined : Number(typed.estimate),
          },
          {
            onError: () => {
              if (!title()) setTitle(typed.title)
              if (!estimate()) setEstimate(typed.estimate)
            },
          },
        )
      }}
    >
      <div class="add-task-row">
        <label class="visually-hidden" for={ids.title}>
          {t('items.taskTitle')}
        </label>
        <input
          id={ids.title}
          class="input add-task-title"
          maxLength={FIELD_LIMITS.name}
          placeholder={t('items.taskPlaceholder')}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
        <label class="visually-hidden" for={ids.kind}>
          {t('items.kind')}
        </label>
        <select
          id={ids.kind}
          class="input select add-task-kind"
          value={kind()}
          onChange={(e) => setKind(e.currentTarget.value as Kind)}
        >
          <For each={TASK_KINDS}>
            {(k) => (
              <option value={k} selected={k === kind()}>
                {t(`work.taskKind.${k}`)}
              </option>
            )}
          </For>
        </select>
        <Show when={kind() === 'stability'}>
          <label class="visually-hidden" for={ids.category}>
            {t('items.category')}
          </label>
          <select
            id={ids.category}
            class="input select add-task-kind"
            value={category()}
            onChange={(e) => setCategory(e.currentTarget.value as Category)}
          >
            <For each={CATEGORIES}>
              {(c) => (
                <option value={c} selected={c === category()}>
                  {t(`work.category.${c}`)}
                </option>
              )}
            </For>
          </select>
        </Show>
        <label class="visually-hidden" for={ids.estimate}>
          {t('items.taskEstimate')}
        </label>
        <input
          id={ids.estimate}
          class="input add-task-estimate"
          type="number"
          min="0"
          max="1000"
          step="0.5"
          placeholder={t('work.terms.estimate')}
          value={estimate()}
          onInput={(e) => setEstimate(e.currentTarget.value)}
        />
        <button type="submit" class="btn btn-small" disabled={!title().trim()}>
          {t('items.taskAdd')}
        </button>
      </div>
      <ErrorNotice error={create.error} />
    </form>
  )
}

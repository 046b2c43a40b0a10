// The properties panel of a task page: assignee, kind (and stability category), risk, estimate, remaining,
// due date and iteration; each is a control for editors and plain text for everyone else.

import { For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { RISKS } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { loaded } from '../backlog/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { NumberInput, Property } from './editable'
import type { Task, TaskPatch } from './queries'
import { CATEGORIES, TASK_KINDS } from './tasks-section'
import type { useNames } from './use-names'

type Lookups = ReturnType<typeof useNames>

interface PropertyProps {
  task: Task
  canEdit: boolean
  save: (patch: TaskPatch) => void
}

export function TaskProperties(props: PropertyProps & { lookups: Lookups }) {
  return (
    <div class="properties">
      <AssigneeProperty task={props.task} canEdit={props.canEdit} save={props.save} lookups={props.lookups} />
      <KindProperties task={props.task} canEdit={props.canEdit} save={props.save} />
      <RiskProperty task={props.task} canEdit={props.canEdit} save={props.save} />
      <EffortProperties task={props.task} canEdit={props.canEdit} save={props.save} />
      <DueDateProperty task={props.task} canEdit={props.canEdit} save={props.save} />
      <IterationProperty
        task={props.task}
        canEdit={props.canEdit}
        save={props.save}
        lookups={props.lookups}
      />
    </div>
  )
}

/** Members who may work on the task's product; the select needs both assigning and seeing members. */
function AssigneeProperty(props: PropertyProps & { lookups: Lookups }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  return (
    <Property label={t('work.terms.assignee')} for="prop-assignee">
      <Show
        when={props.canEdit && ws.can('task.assign') && ws.can('member.view')}
        fallback={task().assignee?.name ?? t('work.terms.unassigned')}
      >
        <select
          id="prop-assignee"
          class="prop-select"
          value={task().assigneeId ?? ''}
          onChange={(e) =>
            props.save({ assigneeId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
          }
        >
          <option value="">{t('work.terms.unassigned')}</option>
          <For
            each={(loaded(props.lookups.members)?.items ?? []).filter(
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
  )
}

/** The kind, and for stability work its category (a task turned into stability work starts as tech debt). */
function KindProperties(props: PropertyProps) {
  const { t } = useI18n()
  const task = () => props.task
  return (
    <>
      <Property label={t('items.kind')} for="prop-kind">
        <Show
          when={props.canEdit}
          fallback={t(`work.taskKind.${task().kind as (typeof TASK_KINDS)[number]}`)}
        >
          <select
            id="prop-kind"
            class="prop-select"
            value={task().kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as (typeof TASK_KINDS)[number]
              props.save(
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
            when={props.canEdit}
            fallback={t(`work.category.${(task().category ?? 'tech-debt') as (typeof CATEGORIES)[number]}`)}
          >
            <select
              id="prop-category"
              class="prop-select"
              value={task().category ?? ''}
              onChange={(e) => props.save({ category: e.currentTarget.value as (typeof CATEGORIES)[number] })}
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
    </>
  )
}

function RiskProperty(props: PropertyProps) {
  const { t } = useI18n()
  const task = () => props.task
  return (
    <Property label={t('items.risk')} for="prop-risk">
      <Show
        when={props.canEdit}
        fallback={task().risk ? t(`work.risk.${task().risk as (typeof RISKS)[number]}`) : '—'}
      >
        <select
          id="prop-risk"
          class="prop-select"
          value={task().risk ?? ''}
          onChange={(e) =>
            props.save({ risk: (e.currentTarget.value || null) as (typeof RISKS)[number] | null })
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
  )
}

/** Estimate and remaining, in the same points. */
function EffortProperties(props: PropertyProps) {
  const { t } = useI18n()
  const task = () => props.task
  return (
    <>
      <Property label={t('work.terms.estimate')} for="prop-estimate">
        <Show when={props.canEdit} fallback={task().estimate ?? '—'}>
          <NumberInput
            id="prop-estimate"
            label={t('work.terms.estimate')}
            value={task().estimate}
            min={0}
            max={1000}
            nullable
            onSave={(estimate) => props.save({ estimate })}
          />
        </Show>
      </Property>
      <Property label={t('items.remaining')} for="prop-remaining">
        <Show when={props.canEdit} fallback={task().remaining ?? '—'}>
          <NumberInput
            id="prop-remaining"
            label={t('items.remaining')}
            value={task().remaining}
            min={0}
            max={1000}
            nullable
            onSave={(remaining) => props.save({ remaining })}
          />
        </Show>
      </Property>
    </>
  )
}

function DueDateProperty(props: PropertyProps) {
  const i18n = useI18n()
  const { t } = i18n
  const task = () => props.task
  return (
    <Property label={t('items.dueDate')} for="prop-due">
      <Show when={props.canEdit} fallback={task().dueDate ? i18n.formatDate(task().dueDate!) : '—'}>
        <input
          id="prop-due"
          class="prop-input"
          type="date"
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={task().dueDate ?? ''}
          onChange={(e) => props.save({ dueDate: e.currentTarget.value || null })}
        />
      </Show>
    </Property>
  )
}

/** Open iterations, plus the task's own even when it is closed. */
function IterationProperty(props: PropertyProps & { lookups: Lookups }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  return (
    <Property label={t('work.terms.iteration')} for="prop-iteration">
      <Show
        when={props.canEdit && ws.can('iteration.view')}
        fallback={
          (task().iterationId !== null && props.lookups.names.iteration(task().iterationId!)) ||
          t('work.terms.noIteration')
        }
      >
        <select
          id="prop-iteration"
          class="prop-select"
          value={task().iterationId ?? ''}
          onChange={(e) =>
            props.save({ iterationId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
          }
        >
          <option value="">{t('work.terms.noIteration')}</option>
          <For
            each={(loaded(props.lookups.iterations)?.items ?? []).filter(
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
  )
}

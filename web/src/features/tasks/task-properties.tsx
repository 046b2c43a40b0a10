// The side of a task's page: its properties (assignee, kind and stability category, risk, estimate,
// remaining, due date, iteration), each a control for editors and plain text for everyone else, when it
// was created and changed, and deleting it.
import { Show } from 'solid-js'
import { RISKS } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { loaded } from '../backlog/queries'
import {
  DateProperty,
  ItemSide,
  IterationProperty,
  NumberProperty,
  SelectProperty,
} from '../items/property-editors'
import type { Task, TaskPatch } from '../items/queries'
import type { useNames } from '../items/use-names'
import { assignableMembers } from '../members/queries'
import { CATEGORIES, TASK_KINDS } from '../requirements/tasks-section'
import { useWorkspace } from '../workspaces/workspace-context'

type Lookups = ReturnType<typeof useNames>
type Kind = (typeof TASK_KINDS)[number]
type Category = (typeof CATEGORIES)[number]
type Risk = (typeof RISKS)[number]

interface PropertyProps {
  task: Task
  canEdit: boolean
  save: (patch: TaskPatch) => void
}

export function TaskProperties(props: PropertyProps & { lookups: Lookups; onDelete: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  return (
    <ItemSide
      item={task()}
      canDelete={ws.can('task.delete')}
      deleteLabel={t('items.deleteTask')}
      onDelete={props.onDelete}
    >
      <AssigneeProperty task={task()} canEdit={props.canEdit} save={props.save} lookups={props.lookups} />
      <KindProperties task={task()} canEdit={props.canEdit} save={props.save} />
      <SelectProperty<Risk | null>
        id="prop-risk"
        label={t('items.risk')}
        canEdit={props.canEdit}
        value={task().risk as Risk | null}
        choices={[
          { value: null, label: '—' },
          ...RISKS.map((r) => ({ value: r, label: t(`work.risk.${r}`) })),
        ]}
        shown={task().risk ? t(`work.risk.${task().risk as Risk}`) : '—'}
        onSave={(risk) => props.save({ risk })}
      />
      <NumberProperty
        id="prop-estimate"
        label={t('work.terms.estimate')}
        canEdit={props.canEdit}
        value={task().estimate}
        min={0}
        max={1000}
        nullable
        onSave={(estimate) => props.save({ estimate })}
      />
      <NumberProperty
        id="prop-remaining"
        label={t('items.remaining')}
        canEdit={props.canEdit}
        value={task().remaining}
        min={0}
        max={1000}
        nullable
        onSave={(remaining) => props.save({ remaining })}
      />
      <DateProperty
        id="prop-due"
        label={t('items.dueDate')}
        canEdit={props.canEdit}
        value={task().dueDate}
        onSave={(dueDate) => props.save({ dueDate })}
      />
      <IterationProperty
        iterationId={task().iterationId}
        canEdit={props.canEdit}
        lookups={props.lookups}
        onSave={(iterationId) => props.save({ iterationId })}
      />
    </ItemSide>
  )
}

/**
 * Members who may work on the task's product, deactivated accounts left out (but for the one assigned now);
 * the select needs both assigning and seeing members.
 */
function AssigneeProperty(props: PropertyProps & { lookups: Lookups }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const task = () => props.task
  const choices = () => [
    { value: null, label: t('work.terms.unassigned') },
    ...assignableMembers(loaded(props.lookups.members)?.items ?? [], task().assigneeId)
      .filter((m) => m.productIds === null || m.productIds.includes(task().productId))
      .map((m) => ({
        value: m.userId,
        label: m.deactivated ? t('members.deactivatedName', { name: m.name }) : m.name,
      })),
  ]
  return (
    <SelectProperty<number | null>
      id="prop-assignee"
      label={t('work.terms.assignee')}
      canEdit={props.canEdit && ws.can('task.assign') && ws.can('member.view')}
      value={task().assigneeId}
      choices={choices()}
      shown={task().assignee?.name ?? t('work.terms.unassigned')}
      onSave={(assigneeId) => props.save({ assigneeId })}
    />
  )
}

/** The kind, and for stability work its category (a task turned into stability work starts as tech debt). */
function KindProperties(props: PropertyProps) {
  const { t } = useI18n()
  const task = () => props.task
  return (
    <>
      <SelectProperty
        id="prop-kind"
        label={t('items.kind')}
        canEdit={props.canEdit}
        value={task().kind as Kind}
        choices={TASK_KINDS.map((k) => ({ value: k, label: t(`work.taskKind.${k}`) }))}
        shown={t(`work.taskKind.${task().kind as Kind}`)}
        onSave={(kind) =>
          props.save(
            kind === 'stability'
              ? { kind, category: (task().category as Category | null) ?? 'tech-debt' }
              : { kind },
          )
        }
      />
      <Show when={task().kind === 'stability'}>
        <SelectProperty
          id="prop-category"
          label={t('items.category')}
          canEdit={props.canEdit}
          value={task().category as Category}
          choices={CATEGORIES.map((c) => ({ value: c, label: t(`work.category.${c}`) }))}
          shown={t(`work.category.${(task().category ?? 'tech-debt') as Category}`)}
          onSave={(category) => props.save({ category })}
        />
      </Show>
    </>
  )
}

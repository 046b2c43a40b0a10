// The "new requirement" dialog: who (role) needs what (title), in which scenario, how urgent and how big.
// It lands at the bottom of the backlog; the page then offers to open it.

import { createSignal, For } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { SelectField, TextAreaField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { createLocalQuery } from '../../ui/query-view'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { PRIORITIES, type Priority } from './filters'
import { flattenModules, modulesQuery } from './lookups'
import { loaded, type Requirement, useCreateRequirement } from './queries'

const SOURCES = ['customer', 'internal', 'market', 'regulation', 'incident'] as const
const START_STATUSES = ['draft', 'reviewing', 'approved'] as const

export function NewRequirementDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  product: Product
  onCreated: (requirement: Requirement) => void
}) {
  const { t } = useI18n()
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('backlog.newTitle')}
      description={t('backlog.newIntro')}
      wide
    >
      <NewRequirementForm
        product={props.product}
        onDone={(created) => {
          if (created) props.onCreated(created)
          props.onOpenChange(false)
        }}
      />
    </Modal>
  )
}

function NewRequirementForm(props: { product: Product; onDone: (created?: Requirement) => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const create = useCreateRequirement(ws.id, () => props.product.id)
  const [title, setTitle] = createSignal('')
  const [role, setRole] = createSignal('')
  const [scenario, setScenario] = createSignal('')
  const [priority, setPriority] = createSignal<Priority>('P2')
  const [source, setSource] = createSignal<(typeof SOURCES)[number]>('customer')
  const [status, setStatus] = createSignal<(typeof START_STATUSES)[number]>('draft')
  const [estimate, setEstimate] = createSignal('')
  const [value, setValue] = createSignal('5')
  const [moduleId, setModuleId] = createSignal('')
  const [description, setDescription] = createSignal('')
  const [criteria, setCriteria] = createSignal('')

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    create.mutate(
      {
        title: title().trim(),
        role: role().trim() || undefined,
        scenario: scenario().trim() || undefined,
        description: description().trim() || undefined,
        priority: priority(),
        source: source(),
        status: status(),
        value: Number(value()),
        estimate: estimate() === '' ? undefined : Number(estimate()),
        moduleId: moduleId() ? Number(moduleId()) : undefined,
        acceptanceCriteria: acceptanceFromLines(criteria()),
      },
      { onSuccess: (created) => props.onDone(created) },
    )
  }

  return (
    <form class="form" onSubmit={submit}>
      <TextField
        label={t('backlog.fieldTitle')}
        hint={t('backlog.fieldTitleHint')}
        name="title"
        required
        maxLength={FIELD_LIMITS.name}
        value={title()}
        onValue={setTitle}
        autofocus
      />
      <div class="field-row">
        <TextField
          class="field-grow"
          label={t('backlog.fieldRole')}
          optionalLabel={t('common.optional')}
          hint={t('backlog.fieldRoleHint')}
          name="role"
          maxLength={FIELD_LIMITS.name}
          value={role()}
          onValue={setRole}
        />
        <ChoiceField
          label={t('backlog.fieldSource')}
          choices={SOURCES}
          value={source()}
          onValue={setSource}
          text={(s) => t(`work.source.${s}`)}
        />
      </div>
      <TextAreaField
        label={t('backlog.fieldScenario')}
        optionalLabel={t('common.optional')}
        rows={2}
        maxLength={2000}
        placeholder={t('backlog.fieldScenarioHint')}
        value={scenario()}
        onValue={setScenario}
      />
      <div class="field-row">
        <ChoiceField
          label={t('backlog.colPriority')}
          choices={PRIORITIES}
          value={priority()}
          onValue={setPriority}
          text={(p) => t(`work.priority.${p}`)}
        />
        <TextField
          class="field-grow"
          label={t('backlog.fieldValue')}
          hint={t('backlog.fieldValueHint')}
          type="number"
          min={1}
          max={10}
          step={1}
          required
          value={value()}
          onValue={setValue}
        />
        <TextField
          class="field-grow"
          label={t('work.terms.estimate')}
          optionalLabel={t('common.optional')}
          hint={t('backlog.fieldEstimateHint')}
          type="number"
          min={0}
          max={1000}
          step={0.5}
          value={estimate()}
          onValue={setEstimate}
        />
      </div>
      <div class="field-row">
        <ModuleField productId={props.product.id} value={moduleId()} onValue={setModuleId} />
        <ChoiceField
          label={t('backlog.colStatus')}
          choices={START_STATUSES}
          value={status()}
          onValue={setStatus}
          text={(s) => t(`work.requirementStatus.${s}`)}
        />
      </div>
      <TextAreaField
        label={t('backlog.fieldDescription')}
        optionalLabel={t('common.optional')}
        rows={4}
        maxLength={20000}
        placeholder={t('backlog.fieldDescriptionHint')}
        value={description()}
        onValue={setDescription}
      />
      <TextAreaField
        label={t('backlog.fieldAcceptance')}
        optionalLabel={t('common.optional')}
        rows={3}
        maxLength={20000}
        placeholder={t('backlog.fieldAcceptanceHint')}
        value={criteria()}
        onValue={setCriteria}
      />
      <FormActions
        error={create.error}
        onCancel={() => props.onDone()}
        busy={create.isPending}
        submitLabel={t('backlog.create')}
        busyLabel={t('common.creating')}
      />
    </form>
  )
}

/** A growing select over a fixed list of choices, each shown through `text`. */
function ChoiceField<Choice extends string>(props: {
  label: string
  choices: readonly Choice[]
  value: Choice
  onValue: (value: Choice) => void
  text: (choice: Choice) => string
}) {
  return (
    <SelectField
      class="field-grow"
      label={props.label}
      value={props.value}
      onValue={(v) => props.onValue(v as Choice)}
    >
      <For each={props.choices}>
        {(choice) => (
          <option value={choice} selected={choice === props.value}>
            {props.text(choice)}
          </option>
        )}
      </For>
    </SelectField>
  )
}

/** The product's modules by path, or none. */
function ModuleField(props: { productId: number; value: string; onValue: (value: string) => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const modules = createLocalQuery(() => modulesQuery(ws.id(), props.productId))
  return (
    <SelectField
      class="field-grow"
      label={t('work.terms.module')}
      value={props.value}
      onValue={props.onValue}
    >
      <option value="">{t('work.terms.noModule')}</option>
      <For each={flattenModules(loaded(modules)?.items ?? [])}>
        {(m) => (
          <option value={m.id} selected={String(m.id) === props.value}>
            {m.path}
          </option>
        )}
      </For>
    </SelectField>
  )
}

/** Acceptance criteria typed one per line: each non-empty line is one, not yet met (at most 100, as the API). */
export function acceptanceFromLines(text: string): { text: string; done: boolean }[] | undefined {
  const lines = text
    .split('\n')
    .map((line) => line.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean)
    .slice(0, 100)
  return lines.length ? lines.map((line) => ({ text: line.slice(0, 2000), done: false })) : undefined
}

// The "new requirement" dialog: who (role) needs what (title), in which scenario, how urgent and how big.
// It lands at the bottom of the backlog; the page then offers to open it.
import { createQuery } from '@tanstack/solid-query'
import { createSignal, createUniqueId, For } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
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
  const modules = createQuery(() => ({ ...modulesQuery(ws.id(), props.product.id), throwOnError: false }))
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
  const scenarioId = createUniqueId()
  const descriptionId = createUniqueId()

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
        maxLength={200}
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
          maxLength={200}
          value={role()}
          onValue={setRole}
        />
        <SelectField
          class="field-grow"
          label={t('backlog.fieldSource')}
          value={source()}
          onValue={(v) => setSource(v as (typeof SOURCES)[number])}
        >
          <For each={SOURCES}>
            {(s) => (
              <option value={s} selected={s === source()}>
                {t(`work.source.${s}`)}
              </option>
            )}
          </For>
        </SelectField>
      </div>
      <div class="field">
        <label for={scenarioId} class="field-label">
          {t('backlog.fieldScenario')}
          <span class="field-optional"> ({t('common.optional')})</span>
        </label>
        <textarea
          id={scenarioId}
          class="input textarea"
          rows={2}
          maxLength={2000}
          placeholder={t('backlog.fieldScenarioHint')}
          value={scenario()}
          onInput={(e) => setScenario(e.currentTarget.value)}
        />
      </div>
      <div class="field-row">
        <SelectField
          class="field-grow"
          label={t('backlog.colPriority')}
          value={priority()}
          onValue={(v) => setPriority(v as Priority)}
        >
          <For each={PRIORITIES}>
            {(p) => (
              <option value={p} selected={p === priority()}>
                {t(`work.priority.${p}`)}
              </option>
            )}
          </For>
        </SelectField>
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
        <SelectField
          class="field-grow"
          label={t('work.terms.module')}
          value={moduleId()}
          onValue={setModuleId}
        >
          <option value="">{t('work.terms.noModule')}</option>
          <For each={flattenModules(loaded(modules)?.items ?? [])}>
            {(m) => (
              <option value={m.id} selected={String(m.id) === moduleId()}>
                {m.path}
              </option>
            )}
          </For>
        </SelectField>
        <SelectField
          class="field-grow"
          label={t('backlog.colStatus')}
          value={status()}
          onValue={(v) => setStatus(v as (typeof START_STATUSES)[number])}
        >
          <For each={START_STATUSES}>
            {(s) => (
              <option value={s} selected={s === status()}>
                {t(`work.requirementStatus.${s}`)}
              </option>
            )}
          </For>
        </SelectField>
      </div>
      <div class="field">
        <label for={descriptionId} class="field-label">
          {t('backlog.fieldDescription')}
          <span class="field-optional"> ({t('common.optional')})</span>
        </label>
        <textarea
          id={descriptionId}
          class="input textarea"
          rows={4}
          maxLength={20000}
          placeholder={t('backlog.fieldDescriptionHint')}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
        />
      </div>
      <ErrorNotice error={create.error} />
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('common.creating') : t('backlog.create')}
        </button>
      </div>
    </form>
  )
}

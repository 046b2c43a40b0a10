// Creating and editing a customer (a dialog), and the delete confirmation; both for customer.manage only.

import { createSignal, createUniqueId, For } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { ConfirmDialog, Modal } from '../../ui/dialog'
import { SelectField, TextAreaField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  type CustomerInput,
  type CustomerRow,
  TIERS,
  type Tier,
  useDeleteCustomer,
  useSaveCustomer,
} from './queries'

type Editable = Pick<
  CustomerRow,
  'id' | 'name' | 'industry' | 'tier' | 'contractValue' | 'contact' | 'note' | 'version'
>

export function CustomerDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The customer to edit; absent to create one. */
  customer?: Editable
  industries: readonly string[]
  onSaved?: (id: number) => void
}) {
  const { t } = useI18n()
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      wide
      title={
        props.customer ? t('customers.editTitle', { name: props.customer.name }) : t('customers.createTitle')
      }
    >
      <CustomerForm
        customer={props.customer}
        industries={props.industries}
        onCancel={() => props.onOpenChange(false)}
        onSaved={(id) => {
          props.onOpenChange(false)
          props.onSaved?.(id)
        }}
      />
    </Modal>
  )
}

function CustomerForm(props: {
  customer?: Editable
  industries: readonly string[]
  onCancel: () => void
  onSaved: (id: number) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace().id
  const save = useSaveCustomer(ws)
  const listId = createUniqueId()
  const initial = props.customer
  const [name, setName] = createSignal(initial?.name ?? '')
  const [industry, setIndustry] = createSignal(initial?.industry ?? '')
  const [tier, setTier] = createSignal<Tier>((initial?.tier as Tier | undefined) ?? 'standard')
  const [value, setValue] = createSignal(initial ? String(initial.contractValue) : '')
  const [contact, setContact] = createSignal(initial?.contact ?? '')
  const [note, setNote] = createSignal(initial?.note ?? '')
  const [valueError, setValueError] = createSignal<string>()

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    const amount = value().trim() === '' ? 0 : Number(value())
    if (!Number.isFinite(amount) || amount < 0) {
      setValueError(t('customers.contractValueInvalid'))
      return
    }
    setValueError(undefined)
    const values: CustomerInput = {
      name: name().trim(),
      industry: industry().trim(),
      tier: tier(),
      contractValue: amount,
      contact: contact().trim(),
      note: note(),
    }
    save.mutate(
      { id: initial?.id, version: initial?.version, values },
      { onSuccess: (saved) => props.onSaved(saved.id) },
    )
  }

  return (
    <form class="form" onSubmit={submit}>
      <TextField
        label={t('customers.name')}
        name="name"
        required
        maxLength={FIELD_LIMITS.name}
        value={name()}
        onValue={setName}
        autofocus
      />
      <div class="field-row">
        <TextField
          class="field-grow"
          label={t('customers.industry')}
          optionalLabel={t('common.optional')}
          hint={t('customers.industryHint')}
          name="industry"
          maxLength={FIELD_LIMITS.name}
          list={listId}
          value={industry()}
          onValue={setIndustry}
        />
        <SelectField
          class="cu-field-tier"
          label={t('customers.tier')}
          name="tier"
          value={tier()}
          onValue={(v) => setTier(v as Tier)}
        >
          <For each={TIERS}>{(option) => <option value={option}>{t(`work.tier.${option}`)}</option>}</For>
        </SelectField>
      </div>
      <datalist id={listId}>
        <For each={props.industries}>{(option) => <option value={option} />}</For>
      </datalist>
      <div class="field-row">
        <TextField
          class="cu-field-value"
          label={t('customers.contractValue')}
          optionalLabel={t('common.optional')}
          hint={t('customers.contractValueHint')}
          name="contractValue"
          type="number"
          inputmode="decimal"
          min={0}
          step="any"
          value={value()}
          onValue={setValue}
          error={valueError()}
        />
        <TextField
          class="field-grow"
          label={t('customers.contact')}
          optionalLabel={t('common.optional')}
          hint={t('customers.contactHint')}
          name="contact"
          maxLength={500}
          value={contact()}
          onValue={setContact}
        />
      </div>
      <TextAreaField
        label={t('customers.note')}
        optionalLabel={t('common.optional')}
        inputClass="cu-textarea"
        name="note"
        rows={3}
        maxLength={10_000}
        value={note()}
        onValue={setNote}
      />
      <FormActions
        error={save.error}
        onCancel={() => props.onCancel()}
        busy={save.isPending}
        submitLabel={t(initial ? 'common.save' : 'common.create')}
        busyLabel={t(initial ? 'common.saving' : 'common.creating')}
      />
    </form>
  )
}

export function DeleteCustomerDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  customer: { id: number; name: string; askCount: number }
  onDeleted?: () => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace().id
  const remove = useDeleteCustomer(ws)
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('customers.deleteConfirmTitle', { name: props.customer.name })}
      body={t('customers.deleteConfirmBody', { count: String(props.customer.askCount) })}
      confirmLabel={t('customers.delete')}
      onConfirm={async () => {
        await remove.mutateAsync(props.customer.id)
        props.onDeleted?.()
      }}
    />
  )
}

// The iteration form (name, goal, dates, capacity, stability budget) and the "new iteration" dialog:
// a time box with a capacity and a stability budget (20 % unless changed), starting the day after the last
// iteration ends and named after it (Sprint 7 → Sprint 8).

import { createSignal } from 'solid-js'
import { addDays, daysBetween } from '../../../../domain/dates'
import { DATE_WINDOW, FIELD_LIMITS, MAX_ITERATION_DAYS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Iteration, type IterationCreate, useCreateIteration } from './queries'

const isoDate = (d: Date) => d.toISOString().slice(0, 10)

/** Defaults for the next iteration after the latest one: name, dates, capacity and budget. */
export function nextIterationDefaults(iterations: readonly Iteration[], today: Date) {
  const last = [...iterations].sort((a, b) => (a.endDate < b.endDate ? -1 : 1)).at(-1)
  const start = last && last.endDate >= isoDate(today) ? addDays(last.endDate, 1) : isoDate(today)
  const length = last ? Math.max(1, daysBetween(last.startDate, last.endDate)) : 13
  const match = last ? /^(.*?)(\d+)$/.exec(last.name) : null
  return {
    name: match ? `${match[1]}${Number(match[2]) + 1}` : '',
    startDate: start,
    endDate: addDays(start, length),
    capacity: last ? String(last.capacity) : '20',
    stabilityBudgetPercent: last ? String(last.stabilityBudgetPercent) : '20',
  }
}

export function NewIterationDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  product: Product
  iterations: Iteration[]
}) {
  const { t } = useI18n()
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('plan.newIterationTitle')}
      description={t('plan.newIterationIntro')}
    >
      <NewIterationForm
        product={props.product}
        iterations={props.iterations}
        onDone={() => props.onOpenChange(false)}
      />
    </Modal>
  )
}

/** What the iteration form edits, as the inputs hold it. */
export interface IterationDraft {
  name: string
  goal: string
  startDate: string
  endDate: string
  capacity: string
  stabilityBudgetPercent: string
}

/** The fields of an iteration, for creating one or editing it. */
export function IterationForm(props: {
  initial: IterationDraft
  submitLabel: string
  busyLabel: string
  busy: boolean
  error: unknown
  onSubmit: (input: IterationCreate) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const [name, setName] = createSignal(props.initial.name)
  const [goal, setGoal] = createSignal(props.initial.goal)
  const [startDate, setStartDate] = createSignal(props.initial.startDate)
  const [endDate, setEndDate] = createSignal(props.initial.endDate)
  const [capacity, setCapacity] = createSignal(props.initial.capacity)
  const [budget, setBudget] = createSignal(props.initial.stabilityBudgetPercent)
  const datesWrong = () => endDate() !== '' && startDate() !== '' && endDate() < startDate()
  const tooLong = () =>
    endDate() !== '' && startDate() !== '' && daysBetween(startDate(), endDate()) >= MAX_ITERATION_DAYS
  const reserved = () => (Number(capacity()) * Number(budget())) / 100

  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault()
        if (datesWrong() || tooLong()) return
        props.onSubmit({
          name: name().trim(),
          goal: goal().trim(),
          startDate: startDate(),
          endDate: endDate(),
          capacity: Number(capacity()),
          stabilityBudgetPercent: Number(budget()),
        })
      }}
    >
      <TextField
        label={t('plan.fieldName')}
        hint={t('plan.fieldNameHint')}
        name="name"
        required
        maxLength={FIELD_LIMITS.name}
        value={name()}
        onValue={setName}
        autofocus
      />
      <TextField
        label={t('plan.fieldGoal')}
        optionalLabel={t('common.optional')}
        name="goal"
        maxLength={2000}
        value={goal()}
        onValue={setGoal}
      />
      <div class="field-row">
        <TextField
          class="field-grow"
          label={t('plan.fieldStart')}
          type="date"
          required
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={startDate()}
          onValue={setStartDate}
        />
        <TextField
          class="field-grow"
          label={t('plan.fieldEnd')}
          type="date"
          required
          min={startDate() || DATE_WINDOW.min}
          max={startDate() ? addDays(startDate(), MAX_ITERATION_DAYS - 1) : DATE_WINDOW.max}
          value={endDate()}
          onValue={setEndDate}
          error={
            datesWrong()
              ? t('plan.datesWrong')
              : tooLong()
                ? t('plan.datesTooLong', { days: MAX_ITERATION_DAYS })
                : undefined
          }
        />
      </div>
      <div class="field-row">
        <TextField
          class="field-grow"
          label={t('plan.fieldCapacity')}
          hint={t('plan.fieldCapacityHint')}
          type="number"
          min={0}
          max={1000}
          step={0.5}
          required
          value={capacity()}
          onValue={setCapacity}
        />
        <TextField
          class="field-grow"
          label={t('plan.fieldBudget')}
          hint={t('plan.fieldBudgetHint', { points: String(Math.round(reserved() * 10) / 10) })}
          type="number"
          min={0}
          max={100}
          step={1}
          required
          value={budget()}
          onValue={setBudget}
        />
      </div>
      <FormActions
        error={props.error}
        onCancel={() => props.onCancel()}
        busy={props.busy}
        submitLabel={props.submitLabel}
        busyLabel={props.busyLabel}
      />
    </form>
  )
}

function NewIterationForm(props: { product: Product; iterations: Iteration[]; onDone: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const create = useCreateIteration(ws.id, () => props.product.id)
  return (
    <IterationForm
      initial={{ ...nextIterationDefaults(props.iterations, new Date()), goal: '' }}
      submitLabel={t('plan.createIteration')}
      busyLabel={t('common.creating')}
      busy={create.isPending}
      error={create.error}
      onSubmit={(input) =>
        create.mutate({ ...input, goal: input.goal || undefined }, { onSuccess: () => props.onDone() })
      }
      onCancel={() => props.onDone()}
    />
  )
}

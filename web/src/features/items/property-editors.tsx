// The properties panel of an item's page (a requirement or a task), as one family of pieces: the side
// column (its rows, when the item was created and changed, deleting it), a row, and the rows that edit a
// choice, a number or a date in place for those who may and show plain text for everyone else.
import { Index, type JSX, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { DateInput } from '../../ui/date-input'
import { loaded } from '../backlog/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { NumberInput } from './editable'
import type { useNames } from './use-names'

/** The side column of an item's page: its properties, its dates, and deleting it for those who may. */
export function ItemSide(props: {
  item: { createdAt: string; updatedAt: string; importedFrom: { source: string; key: string } | null }
  canDelete: boolean
  deleteLabel: string
  onDelete: () => void
  children: JSX.Element
}) {
  const { t, tryT, formatDateTime } = useI18n()
  return (
    <aside class="item-side" aria-label={t('items.properties')}>
      <div class="properties">{props.children}</div>
      <p class="item-side-meta">
        {t('items.createdAt', { date: formatDateTime(props.item.createdAt) })}
        <br />
        {t('items.updatedAt', { date: formatDateTime(props.item.updatedAt) })}
        <Show when={props.item.importedFrom}>
          {(from) => (
            <>
              <br />
              <span data-testid="imported-from">
                {t('items.importedFrom', {
                  source: tryT(`items.importSource.${from().source}`) ?? from().source,
                  key: from().key,
                })}
              </span>
            </>
          )}
        </Show>
      </p>
      <Show when={props.canDelete}>
        <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => props.onDelete()}>
          {props.deleteLabel}
        </button>
      </Show>
    </aside>
  )
}

/** One row of the properties panel: a label and its value or control. */
export function Property(props: { label: string; children: JSX.Element; for?: string; hint?: string }) {
  return (
    <div class="property" title={props.hint}>
      <Show when={props.for} fallback={<span class="property-label">{props.label}</span>}>
        <label class="property-label" for={props.for}>
          {props.label}
        </label>
      </Show>
      <div class="property-value">{props.children}</div>
    </div>
  )
}

/** What an editable row has in common: the control's id, its label, and whether this person may edit. */
interface EditorProps {
  id: string
  label: string
  canEdit: boolean
  /** What the field means, shown on hover. */
  hint?: string
}

/** One option of a choice; a `null` value is the empty option ("none"). */
export interface Choice<V extends string | number | null> {
  value: V
  label: string
}

/** A choice among options: a select for editors, `shown` for everyone else. */
export function SelectProperty<V extends string | number | null>(
  props: EditorProps & {
    value: V
    choices: readonly Choice<V>[]
    shown: JSX.Element
    onSave: (value: V) => void
    /** A priority colours the select as it colours the priority's pill. */
    priority?: string
  },
) {
  const optionValue = (value: V) => (value === null ? '' : String(value))
  return (
    <Property label={props.label} for={props.id} hint={props.hint}>
      <Show when={props.canEdit} fallback={props.shown}>
        <select
          id={props.id}
          class="prop-select"
          data-priority={props.priority}
          value={optionValue(props.value)}
          onChange={(e) => {
            const raw = e.currentTarget.value
            const choice = props.choices.find((c) => optionValue(c.value) === raw)
            if (choice) props.onSave(choice.value)
          }}
        >
          {/* By position: choices made afresh with the same content leave the options as they are. */}
          <Index each={props.choices}>
            {(choice) => (
              <option value={optionValue(choice().value)} selected={choice().value === props.value}>
                {choice().label}
              </option>
            )}
          </Index>
        </select>
      </Show>
    </Property>
  )
}

/** A number in points (or a rating): an input that saves when changed, the number or "—" otherwise. */
export function NumberProperty(
  props: EditorProps & {
    value: number | null
    min: number
    max: number
    step?: number
    /** Empty means "none". */
    nullable?: boolean
    onSave: (value: number | null) => void
  },
) {
  return (
    <Property label={props.label} for={props.id} hint={props.hint}>
      <Show when={props.canEdit} fallback={props.value ?? '—'}>
        <NumberInput
          id={props.id}
          label={props.label}
          value={props.value}
          min={props.min}
          max={props.max}
          step={props.step}
          nullable={props.nullable}
          onSave={props.onSave}
        />
      </Show>
    </Property>
  )
}

/** A day within the dates the app accepts; empty means "none". */
export function DateProperty(
  props: EditorProps & { value: string | null; onSave: (value: string | null) => void },
) {
  const { formatDate } = useI18n()
  return (
    <Property label={props.label} for={props.id} hint={props.hint}>
      <Show when={props.canEdit} fallback={props.value ? formatDate(props.value) : '—'}>
        <DateInput
          id={props.id}
          class="prop-date"
          placeholder="—"
          min={DATE_WINDOW.min}
          max={DATE_WINDOW.max}
          value={props.value ?? ''}
          onChange={(iso) => props.onSave(iso || null)}
        />
      </Show>
    </Property>
  )
}

/**
 * The iteration an item is planned in: open iterations, plus its own even when that one is closed. Choosing
 * needs seeing iterations; without it the name is shown.
 */
export function IterationProperty(props: {
  iterationId: number | null
  canEdit: boolean
  lookups: ReturnType<typeof useNames>
  onSave: (iterationId: number | null) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const choices = () => [
    { value: null, label: t('work.terms.noIteration') },
    ...(loaded(props.lookups.iterations)?.items ?? [])
      .filter((it) => it.status !== 'closed' || it.id === props.iterationId)
      .map((it) => ({ value: it.id, label: it.name })),
  ]
  return (
    <SelectProperty<number | null>
      id="prop-iteration"
      label={t('work.terms.iteration')}
      canEdit={props.canEdit && ws.can('iteration.view')}
      value={props.iterationId}
      choices={choices()}
      shown={
        (props.iterationId !== null && props.lookups.names.iteration(props.iterationId)) ||
        t('work.terms.noIteration')
      }
      onSave={props.onSave}
    />
  )
}

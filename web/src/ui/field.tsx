// Labelled text inputs, textareas and selects with an optional hint and error, wired up with ids for
// assistive technology.
// The browser's own validation bubbles speak the browser's language; ours speak the app's.
import { children, createEffect, createUniqueId, type JSX, Show, splitProps } from 'solid-js'
import { type I18n, useI18n } from '../i18n'
import { DateInput } from './date-input'

function validationMessage(el: HTMLInputElement, t: I18n['t']): string {
  const v = el.validity
  if (v.valueMissing) return t('validation.required')
  if (v.typeMismatch && el.type === 'email') return t('validation.email')
  if (v.tooShort) return t('validation.tooShort', { min: String(el.minLength) })
  if (v.tooLong) return t('validation.tooLong', { max: String(el.maxLength) })
  return ''
}

type InputProps = JSX.InputHTMLAttributes<HTMLInputElement>

/**
 * A date field's bound as DateInput takes it. A function rather than a ternary in the JSX: Solid wraps a
 * ternary prop in a memo, which the date field's input handler would read (and create) outside any root.
 */
const bound = (value: string | number | undefined) => (value === undefined ? undefined : String(value))

/** A field's label, saying "(optional)" (in the caller's words) when the field may stay empty. */
function FieldLabel(props: { for: string; label: string; optionalLabel?: string }) {
  return (
    <label for={props.for} class="field-label">
      {props.label}
      <Show when={props.optionalLabel}>
        <span class="field-optional"> ({props.optionalLabel})</span>
      </Show>
    </label>
  )
}

export function TextField(
  props: Omit<InputProps, 'onInput' | 'value'> & {
    label: string
    value: string
    onValue: (value: string) => void
    hint?: string
    error?: string
    optionalLabel?: string
  },
) {
  const [own, input] = splitProps(props, [
    'label',
    'value',
    'onValue',
    'hint',
    'error',
    'optionalLabel',
    'class',
  ])
  const { t } = useI18n()
  const id = createUniqueId()
  const describedBy = () => (own.error ? `${id}-error` : own.hint ? `${id}-hint` : undefined)
  return (
    <div class={`field ${own.class ?? ''}`}>
      <FieldLabel for={id} label={own.label} optionalLabel={own.optionalLabel} />
      {/* Dates in the UI's language, not the browser's (see DateInput). */}
      <Show
        when={input.type === 'date'}
        fallback={
          <input
            {...input}
            id={id}
            class="input"
            value={own.value}
            onInput={(e) => {
              e.currentTarget.setCustomValidity('')
              own.onValue(e.currentTarget.value)
            }}
            onInvalid={(e) => e.currentTarget.setCustomValidity(validationMessage(e.currentTarget, t))}
            aria-invalid={own.error ? true : undefined}
            aria-describedby={describedBy()}
          />
        }
      >
        <DateInput
          id={id}
          name={input.name}
          value={own.value}
          onChange={own.onValue}
          min={bound(input.min)}
          max={bound(input.max)}
          required={input.required}
          disabled={input.disabled}
          autofocus={input.autofocus}
          aria-invalid={own.error ? true : undefined}
          aria-describedby={describedBy()}
        />
      </Show>
      <Show when={own.hint && !own.error}>
        <p id={`${id}-hint`} class="field-hint">
          {own.hint}
        </p>
      </Show>
      <Show when={own.error}>
        <p id={`${id}-error`} class="field-error">
          {own.error}
        </p>
      </Show>
    </div>
  )
}

/** A labelled <select>; options are given as children. */
export function SelectField(
  props: Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
    label: string
    value: string
    onValue: (value: string) => void
    hint?: string
    children: JSX.Element
  },
) {
  const [own, select] = splitProps(props, ['label', 'value', 'onValue', 'hint', 'children', 'class'])
  const id = createUniqueId()
  const options = children(() => own.children)
  let element!: HTMLSelectElement
  // A <select> forgets a value set before its option exists; options often arrive with a query, so the
  // value is applied again whenever they change.
  createEffect(() => {
    options()
    element.value = own.value
  })
  return (
    <div class={`field ${own.class ?? ''}`}>
      <FieldLabel for={id} label={own.label} />
      <select
        {...select}
        ref={element}
        id={id}
        class="input select"
        onChange={(e) => own.onValue(e.currentTarget.value)}
        aria-describedby={own.hint ? `${id}-hint` : undefined}
      >
        {options()}
      </select>
      <Show when={own.hint}>
        <p id={`${id}-hint`} class="field-hint">
          {own.hint}
        </p>
      </Show>
    </div>
  )
}

/** A labelled <textarea> (class "textarea", which grows downwards); `class` is the field's. */
export function TextAreaField(
  props: Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value'> & {
    label: string
    value: string
    onValue: (value: string) => void
    optionalLabel?: string
    /** More classes for the textarea itself. */
    inputClass?: string
  },
) {
  const [own, textarea] = splitProps(props, [
    'label',
    'value',
    'onValue',
    'optionalLabel',
    'inputClass',
    'class',
  ])
  const id = createUniqueId()
  return (
    <div class={`field ${own.class ?? ''}`}>
      <FieldLabel for={id} label={own.label} optionalLabel={own.optionalLabel} />
      <textarea
        {...textarea}
        id={id}
        class={own.inputClass ? `input textarea ${own.inputClass}` : 'input textarea'}
        value={own.value}
        onInput={(e) => own.onValue(e.currentTarget.value)}
      />
    </div>
  )
}

// Inline edits of the detail page: a value shows as text and turns into an input on click (or Enter);
// Enter or leaving the field saves, Escape cancels. Without permission the value is plain text.
import { createSignal, createUniqueId, Show, untrack } from 'solid-js'
import { useI18n } from '../../i18n'
import { Markdown } from '../../ui/markdown-view'
import { TextEditor } from '../../ui/text-editor'
import { keepWhileTyping } from '../backlog/inputs'
import { MentionEditor } from '../notifications/mention-editor'
import type { MentionTarget } from '../notifications/queries'

/** A single-line text that becomes an input when clicked. */
export function EditableText(props: {
  value: string
  label: string
  placeholder: string
  canEdit: boolean
  onSave: (value: string) => void
  required?: boolean
  maxLength?: number
  class?: string
  as?: 'h1' | 'span'
}) {
  const { t } = useI18n()
  const [editing, setEditing] = createSignal(false)
  let input: HTMLInputElement | undefined
  const commit = () => {
    const next = input?.value.trim() ?? ''
    setEditing(false)
    if (next === props.value || (props.required && !next)) return
    props.onSave(next)
  }
  const shown = () => (props.value ? props.value : <span class="placeholder">{props.placeholder}</span>)
  const trigger = () => (
    <button
      type="button"
      class="editable"
      title={t('items.clickToEdit')}
      aria-label={props.as === 'h1' ? undefined : `${props.label}: ${props.value || props.placeholder}`}
      onClick={() => setEditing(true)}
    >
      {shown()}
    </button>
  )
  const field = () => (
    <input
      ref={(el) => {
        input = el
        queueMicrotask(() => {
          el.focus()
          el.select()
        })
      }}
      class="input editable-input"
      aria-label={props.label}
      value={untrack(() => props.value)}
      maxLength={props.maxLength ?? 200}
      required={props.required}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault()
          commit()
        } else if (e.key === 'Escape') {
          e.preventDefault()
          setEditing(false)
        }
      }}
    />
  )
  const body = () => (
    <Show when={props.canEdit} fallback={shown()}>
      <Show when={editing()} fallback={trigger()}>
        {field()}
      </Show>
    </Show>
  )
  // A heading stays a heading: the button that edits it sits inside it, not around it.
  return (
    <Show when={props.as === 'h1'} fallback={<span class={props.class}>{body()}</span>}>
      <h1 class={props.class}>{body()}</h1>
    </Show>
  )
}

/** A longer text (scenario, description): shown as text or markdown; edited in a textarea with Save. */
export function EditableLongText(props: {
  value: string
  label: string
  placeholder: string
  canEdit: boolean
  onSave: (value: string) => void
  markdown?: boolean
  /** Offer members to @mention, who may see this. */
  mentions?: MentionTarget
  rows?: number
  maxLength?: number
}) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [editing, setEditing] = createSignal(false)
  const [draft, setDraft] = createSignal('')
  // A file pasted into the text is on its way: saving waits for its link.
  const [uploading, setUploading] = createSignal(false)
  const open = () => {
    setDraft(props.value)
    setEditing(true)
  }
  const save = () => {
    if (uploading()) return
    setEditing(false)
    if (draft() !== props.value) props.onSave(draft())
  }
  const view = () => (
    <Show when={props.value} fallback={<p class="placeholder">{props.placeholder}</p>}>
      <Show when={props.markdown} fallback={<p class="long-text">{props.value}</p>}>
        <Markdown source={props.value} />
      </Show>
    </Show>
  )
  return (
    <Show when={props.canEdit} fallback={view()}>
      <Show
        when={editing()}
        fallback={
          <div class="editable-block">
            {view()}
            <button type="button" class="btn btn-ghost btn-small editable-block-edit" onClick={open}>
              {t('items.edit')}
              <span class="visually-hidden"> {props.label}</span>
            </button>
          </div>
        }
      >
        <div class="editable-form">
          <label class="visually-hidden" for={id}>
            {props.label}
          </label>
          <Show
            when={props.mentions}
            fallback={
              <TextEditor
                id={id}
                rows={props.rows ?? 6}
                maxLength={props.maxLength ?? 20000}
                value={draft()}
                onValue={setDraft}
                onSave={save}
                onCancel={() => setEditing(false)}
                autofocus
              />
            }
          >
            {(target) => (
              <MentionEditor
                target={target()}
                id={id}
                rows={props.rows ?? 6}
                maxLength={props.maxLength ?? 20000}
                value={draft()}
                onValue={setDraft}
                onSave={save}
                onCancel={() => setEditing(false)}
                onUploading={setUploading}
                autofocus
              />
            )}
          </Show>
          <div class="editable-actions">
            <Show when={props.markdown}>
              <span class="field-hint">{t('items.markdownHint')}</span>
            </Show>
            <button type="button" class="btn btn-small" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
            <button type="button" class="btn btn-small btn-primary" disabled={uploading()} onClick={save}>
              {t('common.save')}
            </button>
          </div>
        </div>
      </Show>
    </Show>
  )
}

/** A number that saves when changed (Enter or leaving the field); empty means "none" when allowed. */
export function NumberInput(props: {
  id?: string
  value: number | null
  label: string
  min: number
  max: number
  step?: number
  nullable?: boolean
  disabled?: boolean
  onSave: (value: number | null) => void
}) {
  return (
    <input
      id={props.id}
      class="prop-input"
      type="number"
      inputMode="decimal"
      min={props.min}
      max={props.max}
      step={props.step ?? 0.5}
      placeholder="—"
      aria-label={props.id ? undefined : props.label}
      disabled={props.disabled}
      ref={(el) => keepWhileTyping(el, () => props.value)}
      onChange={(e) => {
        const raw = e.currentTarget.value.trim()
        const next = raw === '' ? null : Number(raw)
        if (
          (next === null && !props.nullable) ||
          (next !== null && (!Number.isFinite(next) || next < props.min || next > props.max))
        ) {
          e.currentTarget.value = props.value === null ? '' : String(props.value)
          return
        }
        if (next !== props.value) props.onSave(next)
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
      }}
    />
  )
}

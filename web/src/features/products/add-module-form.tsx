// A one-line form that adds a module (at the top level, or under another); Escape cancels when it can.

import { createSignal, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { PlusIcon } from '../../ui/icons'
import { useProductSettingsT } from './i18n'

export function AddModuleForm(props: {
  label: string
  busy: boolean
  autofocus?: boolean
  onAdd: (name: string, done: () => void) => void
  onCancel?: () => void
}) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const [name, setName] = createSignal('')
  return (
    <form
      class="ps-inline ps-add"
      onSubmit={(e) => {
        e.preventDefault()
        const value = name().trim()
        if (value) props.onAdd(value, () => setName(''))
      }}
    >
      <input
        class="input ps-inline-input"
        aria-label={props.label}
        placeholder={props.label}
        value={name()}
        maxLength={FIELD_LIMITS.name}
        ref={(el) => props.autofocus && queueMicrotask(() => el.focus())}
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.onCancel) {
            e.preventDefault()
            e.stopPropagation()
            props.onCancel()
          }
        }}
      />
      <button type="submit" class="btn btn-small" disabled={props.busy || !name().trim()}>
        <PlusIcon />
        {st('addModule')}
      </button>
      <Show when={props.onCancel}>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onCancel?.()}>
          {t('common.cancel')}
        </button>
      </Show>
    </form>
  )
}

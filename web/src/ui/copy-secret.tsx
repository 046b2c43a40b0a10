// A one-time secret (invite link, API token) in a read-only field with a copy button and a warning.
import { createSignal, createUniqueId, Show } from 'solid-js'
import { useI18n } from '../i18n'

export function CopySecret(props: { label: string; value: string; warning?: string; note?: string }) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle')
  let input: HTMLInputElement | undefined

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.value)
      setState('copied')
    } catch {
      // The clipboard API needs a secure context; plain http on a LAN address has none.
      input?.select()
      setState(document.execCommand?.('copy') ? 'copied' : 'failed')
    }
  }

  return (
    <div class="secret">
      <Show when={props.warning}>
        <p class="notice notice-warning" role="note">
          {props.warning}
        </p>
      </Show>
      <label for={id} class="field-label">
        {props.label}
      </label>
      <div class="secret-row">
        <input
          ref={input}
          id={id}
          class="input mono"
          readOnly
          value={props.value}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="secret-value"
        />
        <button type="button" class="btn" onClick={() => void copy()}>
          {state() === 'copied' ? t('common.copied') : t('common.copy')}
        </button>
      </div>
      <p class="field-hint" aria-live="polite">
        {state() === 'failed' ? t('common.copyFailed') : (props.note ?? '')}
      </p>
    </div>
  )
}

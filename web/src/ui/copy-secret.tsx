// A one-time secret (invite link, API token, reset link, share link) in a read-only field with a copy
// button and a warning, and the panel that shows what was just made, once, until it is put away.
import { createSignal, createUniqueId, type JSX, Show } from 'solid-js'
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

/**
 * What was just made, shown once: its heading, its secrets (CopySecret), and Close, with any other buttons
 * before it. The server keeps only a hash, so closing the panel loses the secret for good.
 */
export function SecretPanel(props: {
  heading: JSX.Element
  testId: string
  onClose: () => void
  children: JSX.Element
  /** The panel's classes; a ruled-off "secret-panel" unless given. */
  class?: string
  /** Buttons before Close, which is then the primary one. */
  actions?: JSX.Element
}) {
  const { t } = useI18n()
  return (
    <div class={props.class ?? 'secret-panel'} data-testid={props.testId}>
      {props.heading}
      {props.children}
      <div class="form-actions">
        {props.actions}
        <button
          type="button"
          class={props.actions ? 'btn btn-primary' : 'btn'}
          onClick={() => props.onClose()}
        >
          {t('common.close')}
        </button>
      </div>
    </div>
  )
}

// The foot of a form (in a dialog or on a page): what went wrong with the last submit, Cancel, and the submit button,
// which says the form is busy while it is.
import { Show } from 'solid-js'
import { useI18n } from '../i18n'
import { ErrorNotice, type ErrorOverrides } from './errors'

export function FormActions(props: {
  /** Omitted on a page's form, where there is nothing to cancel out of. */
  onCancel?: () => void
  submitLabel: string
  /** Shown on the submit button while `busy` ("Creating…", "Saving…"). */
  busyLabel: string
  busy: boolean
  /** Disables the submit button while the form cannot be sent (besides while busy). */
  disabled?: boolean
  error?: unknown
  overrides?: ErrorOverrides
}) {
  const { t } = useI18n()
  return (
    <>
      <ErrorNotice error={props.error} overrides={props.overrides} />
      <div class="form-actions">
        <Show when={props.onCancel}>
          <button type="button" class="btn" onClick={() => props.onCancel?.()}>
            {t('common.cancel')}
          </button>
        </Show>
        <button type="submit" class="btn btn-primary" disabled={props.busy || props.disabled}>
          {props.busy ? props.busyLabel : props.submitLabel}
        </button>
      </div>
    </>
  )
}

// A dialog that asks why before a step that needs a reason: rejecting a requirement, blocking a task.
import { createSignal, createUniqueId } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'

export function ReasonDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  intro: string
  label: string
  submitLabel: string
  /** A red button, for a step that ends the item's way (rejecting). */
  danger?: boolean
  onSubmit: (reason: string) => Promise<unknown>
}) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [reason, setReason] = createSignal('')
  const [error, setError] = createSignal<unknown>()
  const [busy, setBusy] = createSignal(false)
  return (
    <Modal open={props.open} onOpenChange={props.onOpenChange} title={props.title} description={props.intro}>
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          if (!reason().trim()) return
          setBusy(true)
          setError(undefined)
          props
            .onSubmit(reason().trim())
            .then(() => setReason(''))
            .catch(setError)
            .finally(() => setBusy(false))
        }}
      >
        <div class="field">
          <label class="field-label" for={id}>
            {props.label}
          </label>
          <textarea
            id={id}
            class="input textarea"
            rows={3}
            required
            maxLength={2000}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        <ErrorNotice error={error()} />
        <div class="form-actions">
          <button type="button" class="btn" onClick={() => props.onOpenChange(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`}
            disabled={busy() || !reason().trim()}
          >
            {busy() ? t('common.working') : props.submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  )
}

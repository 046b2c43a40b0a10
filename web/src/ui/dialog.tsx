// Modal dialogs on @kobalte/core (focus trap, Escape, aria wiring) and a confirm dialog for destructive actions.
// The confirm dialog is a Dialog with role="alertdialog" rather than Kobalte's AlertDialog: in 0.13,
// importing AlertDialog mutates Dialog (Object.assign on the shared root), turning every dialog into one.
import { Dialog } from '@kobalte/core/dialog'
import { createSignal, type JSX, Show } from 'solid-js'
import { useI18n } from '../i18n'
import { ErrorNotice, type ErrorOverrides } from './errors'

export function Modal(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  children: JSX.Element
  wide?: boolean
}) {
  const { t } = useI18n()
  return (
    <Dialog open={props.open} onOpenChange={props.onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class={`dialog ${props.wide ? 'dialog-wide' : ''}`}>
            <header class="dialog-header">
              <Dialog.Title class="dialog-title">{props.title}</Dialog.Title>
              <Dialog.CloseButton class="icon-btn" aria-label={t('common.close')}>
                <CloseIcon />
              </Dialog.CloseButton>
            </header>
            <Show when={props.description}>
              <Dialog.Description class="dialog-description">{props.description}</Dialog.Description>
            </Show>
            {props.children}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}

/** Asks before a destructive action; shows the action's error in place instead of closing. */
export function ConfirmDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  body: string
  confirmLabel: string
  onConfirm: () => Promise<unknown>
  errorOverrides?: ErrorOverrides
  /** A choice that goes with the action (e.g. where an iteration's work goes). */
  children?: JSX.Element
}) {
  const { t } = useI18n()
  const [error, setError] = createSignal<unknown>()
  const [busy, setBusy] = createSignal(false)
  const change = (open: boolean) => {
    if (!open) setError(undefined)
    props.onOpenChange(open)
  }
  const confirm = async () => {
    setBusy(true)
    setError(undefined)
    try {
      await props.onConfirm()
      change(false)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dialog open={props.open} onOpenChange={change}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog-overlay" />
        <div class="dialog-positioner">
          <Dialog.Content class="dialog" role="alertdialog">
            <Dialog.Title class="dialog-title">{props.title}</Dialog.Title>
            <Dialog.Description class="dialog-description">{props.body}</Dialog.Description>
            {props.children}
            <ErrorNotice error={error()} overrides={props.errorOverrides} />
            <div class="dialog-actions">
              <Dialog.CloseButton class="btn">{t('common.cancel')}</Dialog.CloseButton>
              <button type="button" class="btn btn-danger" disabled={busy()} onClick={() => void confirm()}>
                {busy() ? t('common.working') : props.confirmLabel}
              </button>
            </div>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}

export function CloseIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
    </svg>
  )
}

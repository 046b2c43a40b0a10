// A change shown before it is made ("sort by score", auto-plan): each time the dialog opens it asks for a
// dry run (`onOpen`); until the answer comes it says it is working, then shows the answer's summary and
// details (its children), and makes the change only when confirmed.
import { type Accessor, createEffect, type JSX, on, Show } from 'solid-js'
import { useI18n } from '../i18n'
import { Modal } from './dialog'
import { ErrorNotice } from './errors'

export function PreviewDialog<Answer>(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** Asks for the dry run; called each time the dialog opens. */
  onOpen: () => void
  title: string
  description: string
  /** The class of the dialog's body. */
  class: string
  /** The dry run's answer, once it has come. */
  answer: Answer | undefined
  /** True while the dry run is on its way. */
  previewing: boolean
  /** One sentence on what the change would do. */
  summary: (answer: Answer) => string
  /** Why there is nothing to preview, shown instead of it. */
  unavailable?: string
  error: unknown
  applyLabel: string
  /** False while there is nothing (yet) to apply. */
  canApply: boolean
  applying: boolean
  onApply: () => void
  children: (answer: Accessor<Answer>) => JSX.Element
}) {
  const { t } = useI18n()
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (open) props.onOpen()
      },
    ),
  )
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={props.title}
      description={props.description}
      wide
    >
      <div class={props.class} aria-busy={props.previewing}>
        <ErrorNotice error={props.error} />
        <Show when={!props.unavailable} fallback={<p class="notice notice-info">{props.unavailable}</p>}>
          <Show when={props.answer} fallback={<p class="muted">{t('common.working')}</p>}>
            {(answer) => (
              <>
                <p class="preview-summary" role="status">
                  {props.summary(answer())}
                </p>
                {props.children(answer)}
              </>
            )}
          </Show>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onOpenChange(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            class="btn btn-primary"
            disabled={!props.canApply || props.applying}
            onClick={() => props.onApply()}
          >
            {props.applying ? t('common.working') : props.applyLabel}
          </button>
        </div>
      </div>
    </Modal>
  )
}

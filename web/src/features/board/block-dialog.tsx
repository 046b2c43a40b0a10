// Asks why a card is being moved into Blocked, before the move is made.
import { createSignal, createUniqueId } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import type { BoardCard } from './board-logic'

/** Asks why a card is blocked; cancelling leaves the card where it was. */
export function BlockDialog(props: {
  task: BoardCard | undefined
  onConfirm: (reason: string) => void
  onCancel: () => void
}) {
  const { t } = useI18n()
  const id = createUniqueId()
  const [reason, setReason] = createSignal('')
  const close = (open: boolean) => {
    if (!open) {
      setReason('')
      props.onCancel()
    }
  }
  return (
    <Modal
      open={props.task !== undefined}
      onOpenChange={close}
      title={t('board.block.title', { key: props.task?.key ?? '' })}
      description={t('board.block.description')}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          const text = reason().trim()
          if (!text) return
          setReason('')
          props.onConfirm(text)
        }}
      >
        <div class="field">
          <label for={id} class="field-label">
            {t('board.block.reason')}
          </label>
          <textarea
            id={id}
            class="input board-textarea"
            rows={3}
            required
            maxLength={2000}
            placeholder={t('board.block.placeholder')}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => close(false)}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-danger" disabled={!reason().trim()}>
            {t('board.block.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

// The move menu: the pointer-free way to move a card to another column, at its top or bottom.
import { createEffect, createMemo, createSignal, createUniqueId, For, on, untrack } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { BOARD_STATUSES, type BoardCard, type BoardStatus } from './board-logic'

/** Moves a card without a pointer: pick a column and the top or bottom of it. */
export function MoveDialog(props: {
  task: BoardCard | undefined
  onMove: (status: BoardStatus, place: 'top' | 'bottom') => void
  onClose: () => void
}) {
  const { t } = useI18n()
  const [status, setStatus] = createSignal<BoardStatus>('todo')
  const [place, setPlace] = createSignal<'top' | 'bottom'>('top')
  const name = createUniqueId()
  // Start from the card's column when the dialog opens for a card, and only then: a live refresh brings
  // a new copy of the same card, which must not undo the choice being made.
  const taskId = createMemo(() => props.task?.id)
  createEffect(
    on(taskId, () => {
      const task = untrack(() => props.task)
      if (task) setStatus(task.status as BoardStatus)
    }),
  )
  return (
    <Modal
      open={props.task !== undefined}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('board.move.title', { key: props.task?.key ?? '' })}
      description={t('board.move.description', { title: props.task?.title ?? '' })}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          props.onMove(status(), place())
        }}
      >
        <fieldset class="move-options">
          <legend class="field-label">{t('board.move.column')}</legend>
          <For each={BOARD_STATUSES}>
            {(s) => (
              <label class="radio">
                <input
                  type="radio"
                  name={`${name}-status`}
                  value={s}
                  checked={status() === s}
                  onChange={() => setStatus(s)}
                />
                <span class={`status-dot status-${s}`} aria-hidden="true" />
                {t(`work.taskStatus.${s}`)}
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="move-options">
          <legend class="field-label">{t('board.move.position')}</legend>
          <label class="radio">
            <input
              type="radio"
              name={`${name}-place`}
              checked={place() === 'top'}
              onChange={() => setPlace('top')}
            />
            {t('board.move.top')}
          </label>
          <label class="radio">
            <input
              type="radio"
              name={`${name}-place`}
              checked={place() === 'bottom'}
              onChange={() => setPlace('bottom')}
            />
            {t('board.move.bottom')}
          </label>
        </fieldset>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary">
            {t('board.move.submit')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

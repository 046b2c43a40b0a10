// What the board tells in words: a note on what this person may do here, the keyboard help, a live region
// that announces moves to screen readers, and the message when a move failed.
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'

/** A polite live-region message that clears itself after a while. */
export function createAnnouncer() {
  const [announcement, setAnnouncement] = createSignal('')
  let clearTimer: ReturnType<typeof setTimeout> | undefined
  const announce = (message: string) => {
    // Clearing first makes a repeated message be read again.
    setAnnouncement('')
    if (clearTimer) clearTimeout(clearTimer)
    queueMicrotask(() => setAnnouncement(message))
    clearTimer = setTimeout(() => setAnnouncement(''), 7000)
  }
  onCleanup(() => clearTimer && clearTimeout(clearTimer))
  return { announcement, announce }
}

/** The note under the toolbar, the cards' keyboard help and the announcer. */
export function BoardNotes(props: {
  canMove: boolean
  closed: boolean
  hasCards: boolean
  announcement: string
}) {
  const { t } = useI18n()
  return (
    <>
      <Switch>
        <Match when={!props.canMove}>
          <p class="board-note">{t('board.readOnly')}</p>
        </Match>
        <Match when={props.closed}>
          <p class="board-note">{t('board.closedNote')}</p>
        </Match>
        <Match when={props.hasCards}>
          <p class="board-note board-keyboard-hint">{t('board.keyboardHint')}</p>
        </Match>
      </Switch>
      <p id="board-card-help" class="visually-hidden">
        {t('board.card.help')}
      </p>
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="board-announcer"
      >
        {props.announcement}
      </div>
    </>
  )
}

/** Why the last move did not happen; the card is back where it was. */
export function MoveErrorNotice(props: {
  error: { message: string; detail?: string } | undefined
  onDismiss: () => void
}) {
  const { t } = useI18n()
  return (
    <Show when={props.error}>
      {(error) => (
        <div class="notice notice-error board-error" role="alert">
          <div class="notice-body">
            <p>{error().message}</p>
            <Show when={error().detail}>
              <p class="notice-detail">{error().detail}</p>
            </Show>
          </div>
          <button type="button" class="btn btn-small" onClick={() => props.onDismiss()}>
            {t('board.errors.dismiss')}
          </button>
        </div>
      )}
    </Show>
  )
}

// The image viewer: one attached image at full size over the page, with its name, a download link and the
// way to the item's other images (buttons, ← →). Esc, the close button or a click beside the image closes
// it, and the focus goes back to what opened it. A Kobalte dialog: focus kept inside, labelled by the name.
import { Dialog } from '@kobalte/core/dialog'
import { Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { CloseIcon } from '../../ui/dialog'
import { DownloadIcon } from '../../ui/icons'

export interface LightboxImage {
  url: string
  name: string
}

export function Lightbox(props: {
  open: boolean
  images: LightboxImage[]
  index: number
  onIndex: (index: number) => void
  onClose: () => void
  /** Gets the focus back when the viewer closes. */
  opener?: HTMLElement
}) {
  const { t } = useI18n()
  const count = () => props.images.length
  const image = () => props.images[Math.min(props.index, count() - 1)]
  const step = (by: number) => {
    if (count() > 1) props.onIndex((props.index + by + count()) % count())
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowLeft') step(-1)
    else if (event.key === 'ArrowRight') step(1)
    else return
    event.preventDefault()
  }
  return (
    <Dialog open={props.open} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="lightbox-overlay" />
        <Dialog.Content
          class="lightbox"
          data-testid="lightbox"
          onKeyDown={onKeyDown}
          onCloseAutoFocus={(event) => {
            if (!props.opener?.isConnected) return
            event.preventDefault()
            props.opener.focus()
          }}
        >
          <Show when={image()}>
            {(current) => (
              <>
                <header class="lightbox-bar">
                  <Dialog.Title class="lightbox-title">{current().name}</Dialog.Title>
                  <Show when={count() > 1}>
                    <span class="lightbox-position">
                      {t('attachments.lightbox.position', {
                        index: String(props.index + 1),
                        count: String(count()),
                      })}
                    </span>
                  </Show>
                  <span class="lightbox-keys">{t('attachments.lightbox.keys')}</span>
                  <a
                    class="btn btn-small lightbox-download"
                    href={`${current().url}?download`}
                    download={current().name}
                  >
                    <DownloadIcon />
                    {t('attachments.download')}
                  </a>
                  <Dialog.CloseButton
                    class="icon-btn lightbox-close"
                    aria-label={t('attachments.lightbox.close')}
                  >
                    <CloseIcon />
                  </Dialog.CloseButton>
                </header>
                {/* A click beside the image (not on it, not on a button) closes the viewer; Esc is its key. */}
                {/* biome-ignore lint/a11y/noStaticElementInteractions: the backdrop; the keyboard closes with Esc */}
                {/* biome-ignore lint/a11y/useKeyWithClickEvents: the backdrop; the keyboard closes with Esc */}
                <div
                  class="lightbox-stage"
                  onClick={(event) => event.target === event.currentTarget && props.onClose()}
                >
                  <Show when={count() > 1}>
                    <button
                      type="button"
                      class="lightbox-step lightbox-previous"
                      aria-label={t('attachments.lightbox.previous')}
                      onClick={() => step(-1)}
                    >
                      <Arrow direction="left" />
                    </button>
                  </Show>
                  <img class="lightbox-image" src={current().url} alt={current().name} />
                  <Show when={count() > 1}>
                    <button
                      type="button"
                      class="lightbox-step lightbox-next"
                      aria-label={t('attachments.lightbox.next')}
                      onClick={() => step(1)}
                    >
                      <Arrow direction="right" />
                    </button>
                  </Show>
                </div>
              </>
            )}
          </Show>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog>
  )
}

function Arrow(props: { direction: 'left' | 'right' }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
      <path
        d={props.direction === 'left' ? 'M12.5 4.5 7 10l5.5 5.5' : 'M7.5 4.5 13 10l-5.5 5.5'}
        fill="none"
        stroke="currentColor"
        stroke-width="1.8"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
    </svg>
  )
}

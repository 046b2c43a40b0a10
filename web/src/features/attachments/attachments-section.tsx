// The Attachments section of an item's page: images as a grid of thumbnails (each opens the lightbox),
// other files as a dense list (type, name, size, uploader, when, download); files being sent with their
// progress, and why one failed; "Attach files" and delete (asked first) for those the server allows.
// Also the small version under a comment: that comment's own files.
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { DownloadIcon, PaperclipIcon, TrashIcon } from '../../ui/icons'
import { relativeTime } from '../workspaces/home-activity'
import { useWorkspace } from '../workspaces/workspace-context'
import { FileIcon } from './file-icon'
import { formatSize } from './format'
import { type ItemAttachments, type PendingUpload, useItemAttachments } from './item-attachments'
import { type Attachment, useDeleteAttachment } from './queries'

export function AttachmentsSection() {
  const files = useItemAttachments()
  return <Show when={files}>{(files) => <Section files={files()} />}</Show>
}

function Section(props: { files: ItemAttachments }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const id = createUniqueId()
  const files = () => props.files
  const images = () =>
    files()
      .list()
      .filter((a) => a.inline)
  const others = () =>
    files()
      .list()
      .filter((a) => !a.inline)
  const [deleting, setDeleting] = createSignal<Attachment>()
  const remove = useDeleteAttachment(ws.id, () => files().target, files().id)
  let input: HTMLInputElement | undefined
  const empty = () => files().loaded() && files().list().length === 0 && files().pending().length === 0
  return (
    <section class="item-section attachments" aria-labelledby={`${id}-title`} data-testid="attachments">
      <div class="attachments-head">
        <h2 id={`${id}-title`} class="item-section-title">
          {t('attachments.title')}
          <Show when={files().list().length > 0}>
            <span class="count">{files().list().length}</span>
          </Show>
        </h2>
        <Show when={files().canAttach()}>
          <button type="button" class="btn btn-ghost btn-small" onClick={() => input?.click()}>
            <PaperclipIcon />
            {t('attachments.attach')}
          </button>
          <input
            ref={input}
            type="file"
            multiple
            class="visually-hidden"
            tabIndex={-1}
            aria-label={t('attachments.chooseFiles')}
            data-testid="attach-input"
            onChange={(event) => {
              const chosen = [...(event.currentTarget.files ?? [])]
              // Cleared, so choosing the same file again is a change too.
              event.currentTarget.value = ''
              files().attach(chosen)
            }}
          />
        </Show>
      </div>
      <ErrorNotice error={files().loadError()} />
      <Show when={files().pending().length > 0}>
        <ul class="upload-list" aria-label={t('attachments.uploading')}>
          <For each={files().pending()}>
            {(upload) => <PendingRow upload={upload} onDismiss={() => files().dismiss(upload.key)} />}
          </For>
        </ul>
      </Show>
      <Show when={images().length > 0}>
        <ul class="attachment-grid" aria-label={t('attachments.images')}>
          <For each={images()}>
            {(a) => (
              <li class="attachment-tile" data-testid="attachment-image">
                <a
                  class="attachment-thumb"
                  href={a.url}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('attachments.open', { name: a.name })}
                  onClick={(event) => {
                    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
                    event.preventDefault()
                    files().view(a.url, a.name, event.currentTarget)
                  }}
                >
                  <img src={a.url} alt="" loading="lazy" decoding="async" />
                </a>
                <div class="attachment-caption">
                  <span class="attachment-name" title={a.name}>
                    {a.name}
                  </span>
                  <AttachmentMeta attachment={a} />
                </div>
                <Show when={files().canDelete(a)}>
                  <DeleteButton
                    attachment={a}
                    class="attachment-tile-delete"
                    onClick={() => setDeleting(a)}
                  />
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={others().length > 0}>
        <ul class="attachment-files" aria-label={t('attachments.files')}>
          <For each={others()}>
            {(a) => (
              <li class="attachment-file" data-testid="attachment-file">
                <FileIcon name={a.name} contentType={a.contentType} />
                <a class="attachment-file-name" href={a.url} download={a.name} title={a.name}>
                  {a.name}
                </a>
                <AttachmentMeta attachment={a} />
                <span class="attachment-file-actions">
                  <a
                    class="icon-btn"
                    href={a.url}
                    download={a.name}
                    aria-label={t('attachments.downloadName', { name: a.name })}
                    title={t('attachments.download')}
                  >
                    <DownloadIcon />
                  </a>
                  <Show when={files().canDelete(a)}>
                    <DeleteButton attachment={a} onClick={() => setDeleting(a)} />
                  </Show>
                </span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={empty()}>
        <p class="attachments-empty">
          {files().canAttach() ? t('attachments.emptyCanAttach') : t('attachments.emptyReadOnly')}
        </p>
      </Show>
      <ConfirmDialog
        open={deleting() !== undefined}
        onOpenChange={(open) => !open && setDeleting(undefined)}
        title={t('attachments.deleteTitle', { name: deleting()?.name ?? '' })}
        body={t('attachments.deleteBody')}
        confirmLabel={t('attachments.delete')}
        onConfirm={() => remove.mutateAsync(deleting()!)}
      />
    </section>
  )
}

/** The trash button of a file (a thumbnail's or a row's), which asks before it deletes. */
function DeleteButton(props: { attachment: Attachment; class?: string; onClick: () => void }) {
  const { t } = useI18n()
  return (
    <button
      type="button"
      class={props.class ? `icon-btn ${props.class}` : 'icon-btn'}
      aria-label={t('attachments.deleteName', { name: props.attachment.name })}
      title={t('attachments.delete')}
      onClick={() => props.onClick()}
    >
      <TrashIcon />
    </button>
  )
}

/** "24 KB · 张伟 · 3 hours ago", and "in a comment" (a link to it) for a comment's file. */
function AttachmentMeta(props: { attachment: Attachment }) {
  const i18n = useI18n()
  const { t, formatDateTime, locale } = i18n
  const a = () => props.attachment
  return (
    <span class="attachment-meta">
      <span>{formatSize(a().size, i18n)}</span>
      <Show when={a().uploadedBy}>{(who) => <span>{who().name}</span>}</Show>
      <time datetime={a().createdAt} title={formatDateTime(a().createdAt)}>
        {relativeTime(a().createdAt, new Date(), locale())}
      </time>
      <Show when={a().entityType === 'comment'}>
        <a href={`#comment-${a().entityId}`} class="attachment-origin">
          {t('attachments.onComment')}
        </a>
      </Show>
    </span>
  )
}

function PendingRow(props: { upload: PendingUpload; onDismiss: () => void }) {
  const i18n = useI18n()
  const { t } = i18n
  const percent = () => Math.round(props.upload.progress() * 100)
  return (
    <li class="upload-row" classList={{ 'has-error': !!props.upload.error() }} data-testid="upload-row">
      <Show
        when={props.upload.error()}
        fallback={
          <>
            <span class="upload-name" title={props.upload.name}>
              {props.upload.name}
            </span>
            <span class="upload-size">{formatSize(props.upload.size, i18n)}</span>
            <span
              class="upload-bar"
              role="progressbar"
              aria-label={t('attachments.uploadingName', { name: props.upload.name })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent()}
            >
              <span style={{ width: `${percent()}%` }} />
            </span>
            <span class="upload-percent">{t('attachments.progress', { percent: String(percent()) })}</span>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => props.upload.cancel()}>
              {t('attachments.cancelUpload')}
            </button>
          </>
        }
      >
        {(error) => (
          <>
            <p class="upload-error" role="alert">
              {error()}
            </p>
            <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onDismiss()}>
              {t('attachments.dismiss')}
            </button>
          </>
        )}
      </Show>
    </li>
  )
}

/**
 * A comment's own files (attached to the comment itself, as imports and API clients do), under it: small
 * thumbnails and file chips. Those its text already shows in place are not repeated.
 */
export function CommentFiles(props: { commentId: number; body: string }) {
  const files = useItemAttachments()
  const { t } = useI18n()
  const own = () =>
    (files?.list() ?? []).filter(
      (a) => a.entityType === 'comment' && a.entityId === props.commentId && !props.body.includes(a.url),
    )
  return (
    <Show when={files && own().length > 0}>
      <ul class="comment-files" aria-label={t('attachments.commentFiles')}>
        <For each={own()}>
          {(a) => (
            <li>
              <Show
                when={a.inline}
                fallback={
                  <a class="file-chip" href={a.url} download={a.name} title={a.name}>
                    <FileIcon name={a.name} contentType={a.contentType} small />
                    <span class="file-chip-name">{a.name}</span>
                  </a>
                }
              >
                <a
                  class="comment-thumb"
                  href={a.url}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('attachments.open', { name: a.name })}
                  title={a.name}
                  onClick={(event) => {
                    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
                    event.preventDefault()
                    files?.view(a.url, a.name, event.currentTarget)
                  }}
                >
                  <img src={a.url} alt="" loading="lazy" decoding="async" />
                </a>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

// Files pasted or dropped into a markdown editor on an item's page: each is attached to the item (a comment
// being written does not exist yet) and written into the text at the caret, first as `![Uploading name…]()`,
// then as `![name](url)` for an image or `[name](url)` for another file. The person keeps typing meanwhile:
// the placeholder is found again wherever it now is. A failed upload takes its placeholder out and says why.
import { createSignal } from 'solid-js'
import { useI18n } from '../../i18n'
import { insertAt, markdownFor, markdownLabel, placeholderFor, replaceOnce } from './format'
import { UploadError, useItemAttachments } from './item-attachments'

export interface EditorUploads {
  onPaste: (event: ClipboardEvent) => void
  onDragOver: (event: DragEvent) => void
  onDrop: (event: DragEvent) => void
  /** True while a file of this editor is on its way (its placeholder is still in the text). */
  busy: () => boolean
  /** Why the last file failed, in words. */
  error: () => string | undefined
  dismiss: () => void
}

const filesIn = (data: DataTransfer | null) => [...(data?.files ?? [])]

/** Undefined away from an item's page, or for someone who may not attach to the item. */
export function createEditorUploads(editor: {
  value: () => string
  onValue: (value: string) => void
  textarea: () => HTMLTextAreaElement | undefined
}): EditorUploads | undefined {
  const files = useItemAttachments()
  const { t } = useI18n()
  const [sending, setSending] = createSignal(0)
  const [error, setError] = createSignal<string>()
  if (!files) return undefined

  /** Sets the text and puts the caret at `caret`, when the editor has the focus (or `focus`). */
  const write = (value: string, caret: number, focus = false) => {
    editor.onValue(value)
    const el = editor.textarea()
    if (!el || !(focus || document.activeElement === el)) return
    if (el.value !== value) el.value = value
    if (focus) el.focus()
    el.setSelectionRange(caret, caret)
  }

  const swap = (placeholder: string, replacement: string) => {
    const caret = editor.textarea()?.selectionStart ?? 0
    const next = replaceOnce(editor.value(), placeholder, replacement, caret)
    if (next.found) write(next.value, next.caret)
  }

  const place = (chosen: File[]) => {
    const el = editor.textarea()
    const value = editor.value()
    const start = el?.selectionStart ?? value.length
    const end = el?.selectionEnd ?? start
    const placeholders = chosen.map((file) =>
      placeholderFor(t('attachments.uploadingName', { name: markdownLabel(file.name) })),
    )
    const inserted = insertAt(value, start, end, placeholders.join('\n'))
    write(inserted.value, inserted.caret, true)
    setError(undefined)
    chosen.forEach((file, i) => {
      const placeholder = placeholders[i]!
      setSending((n) => n + 1)
      files
        .send(file)
        .then(
          (attachment) => swap(placeholder, markdownFor(attachment)),
          (err: unknown) => {
            swap(placeholder, '')
            if (err instanceof UploadError) setError(err.message)
          },
        )
        .finally(() => setSending((n) => n - 1))
    })
  }

  return {
    onPaste: (event) => {
      const pasted = filesIn(event.clipboardData)
      // Text copied from a spreadsheet or a document often comes with a picture of itself: the text wins.
      if (pasted.length === 0 || event.clipboardData?.getData('text/plain') || !files.canAttach()) return
      event.preventDefault()
      place(pasted)
    },
    onDragOver: (event) => {
      if (!event.dataTransfer?.types.includes('Files') || !files.canAttach()) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDrop: (event) => {
      const dropped = filesIn(event.dataTransfer)
      if (dropped.length === 0 || !files.canAttach()) return
      // Prevented, so the page (which attaches drops elsewhere on it) leaves this one alone.
      event.preventDefault()
      place(dropped)
    },
    busy: () => sending() > 0,
    error,
    dismiss: () => setError(undefined),
  }
}

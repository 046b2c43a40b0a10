// The files of the item a page shows, for every part of that page: the Attachments section, the comments
// (a comment's own files), the markdown editors (a pasted or dropped file) and rendered markdown (an
// attached image opens in the lightbox). It also takes files dropped anywhere on the page, behind a calm
// overlay. Who may attach and delete follows the server's rules (server/features/attachments/service.ts).
import './attachments.css'
import { useQueryClient } from '@tanstack/solid-query'
import {
  type Accessor,
  createContext,
  createSignal,
  type JSX,
  onCleanup,
  onMount,
  Show,
  useContext,
} from 'solid-js'
import { useI18n } from '../../i18n'
import { MarkdownImagesContext } from '../../ui/markdown-images'
import { createLocalQuery } from '../../ui/query-view'
import type { ItemTarget } from '../items/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { describeUploadError } from './format'
import { Lightbox, type LightboxImage } from './lightbox'
import { type Attachment, addToList, attachmentsQuery, sendFile, uploadPath } from './queries'

export interface PendingUpload {
  key: number
  name: string
  size: number
  /** 0 to 1. */
  progress: Accessor<number>
  /** Why it failed, in words; the row stays until dismissed. */
  error: Accessor<string | undefined>
  cancel: () => void
}

export interface ItemAttachments {
  target: ItemTarget
  id: () => number
  itemKey: () => string
  /** The item's files and its comments' files, newest first. */
  list: () => Attachment[]
  loaded: () => boolean
  loadError: () => unknown
  canAttach: () => boolean
  canDelete: (a: Attachment) => boolean
  /** Sends files to the item, each a pending row of the section until it is listed (or failed). */
  attach: (files: readonly File[]) => void
  /** Sends one file for an editor: its attachment, or the error in words (no row is kept for it). */
  send: (file: File) => Promise<Attachment>
  pending: () => PendingUpload[]
  dismiss: (key: number) => void
  /** Opens an image of the item (or any attached image, by its address) in the lightbox. */
  view: (url: string, name: string, opener?: HTMLElement) => void
}

const ItemAttachmentsContext = createContext<ItemAttachments>()

/** The item's attachments, when the caller is on an item's page. */
export const useItemAttachments = () => useContext(ItemAttachmentsContext)

/** The permissions that let someone edit an item (and so attach to it and delete its files). */
const EDIT: Record<ItemTarget, string[]> = {
  requirement: ['requirement.update'],
  task: ['task.update', 'task.update_status'],
}

let uploadKeys = 0

export function ItemAttachmentsProvider(props: {
  target: ItemTarget
  id: number
  itemKey: string
  children: JSX.Element
}) {
  const i18n = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const files = createLocalQuery(() => attachmentsQuery(ws.id(), props.target, props.id))
  const [pending, setPending] = createSignal<PendingUpload[]>([])
  // What the lightbox shows; kept after it closes, so its closing animation still has the image.
  const [viewing, setViewing] = createSignal<{
    index: number
    images: LightboxImage[]
    opener?: HTMLElement
  }>()
  const [lightboxOpen, setLightboxOpen] = createSignal(false)

  const holds = (permissions: string[]) => permissions.some((p) => ws.can(p))
  const canAttach = () => holds([...EDIT[props.target], 'comment.create'])
  const canDelete = (a: Attachment) =>
    a.uploadedBy?.id === ws.me().user.id ||
    holds(a.entityType === 'comment' ? ['comment.moderate'] : EDIT[props.target])

  const list = () => (files.isSuccess ? files.data.items : [])

  /** Sends one file with a pending row; `keepError`: the row stays to say why it failed. */
  const upload = (file: File, keepError: boolean): Promise<Attachment> => {
    const [progress, setProgress] = createSignal(0)
    const [error, setError] = createSignal<string>()
    const abort = new AbortController()
    const workspaceId = ws.id()
    const target = props.target
    const id = props.id
    const row: PendingUpload = {
      key: ++uploadKeys,
      name: file.name,
      size: file.size,
      progress,
      error,
      cancel: () => abort.abort(),
    }
    const remove = () => setPending((rows) => rows.filter((r) => r !== row))
    setPending((rows) => [...rows, row])
    return sendFile(uploadPath(workspaceId, target, id), file, {
      signal: abort.signal,
      onProgress: (sent, total) => setProgress(total > 0 ? Math.min(1, sent / total) : 0),
    }).then(
      (attachment) => {
        addToList(queryClient, workspaceId, target, id, attachment)
        remove()
        void queryClient.invalidateQueries({ queryKey: attachmentsQuery(workspaceId, target, id).queryKey })
        return attachment
      },
      (err: unknown) => {
        const message = describeUploadError(err, file.name, i18n)
        if (keepError && message) setError(message)
        else remove()
        throw message === undefined ? err : new UploadError(message, err)
      },
    )
  }

  const value: ItemAttachments = {
    get target() {
      return props.target
    },
    id: () => props.id,
    itemKey: () => props.itemKey,
    list,
    loaded: () => files.isSuccess,
    loadError: () => files.error,
    canAttach,
    canDelete,
    attach: (chosen) => {
      for (const file of chosen) upload(file, true).catch(() => undefined)
    },
    send: (file) => upload(file, false),
    pending,
    dismiss: (key) => setPending((rows) => rows.filter((r) => r.key !== key)),
    view: (url, name, opener) => {
      const images = list()
        .filter((a) => a.inline)
        .map((a) => ({ url: a.url, name: a.name }))
      const index = images.findIndex((image) => image.url === url)
      // An attached image of another item, written into this one's text: shown alone.
      if (index < 0) setViewing({ index: 0, images: [{ url, name: name || url }], opener })
      else setViewing({ index, images, opener })
      setLightboxOpen(true)
    },
  }

  return (
    <ItemAttachmentsContext.Provider value={value}>
      <MarkdownImagesContext.Provider value={{ open: value.view }}>
        {props.children}
        <Show when={canAttach()}>
          <PageDrop onFiles={value.attach} itemKey={props.itemKey} />
        </Show>
        <Lightbox
          open={lightboxOpen()}
          images={viewing()?.images ?? []}
          index={viewing()?.index ?? 0}
          opener={viewing()?.opener}
          onIndex={(index) => setViewing((v) => v && { ...v, index })}
          onClose={() => setLightboxOpen(false)}
        />
      </MarkdownImagesContext.Provider>
    </ItemAttachmentsContext.Provider>
  )
}

/** An upload that failed, with why in the reader's language. */
export class UploadError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause })
    this.name = 'UploadError'
  }
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false

/**
 * Files dropped anywhere on the page are attached to the item; an editor that takes a drop itself (to
 * place the file in its text) prevents its default first, and the page leaves it alone. While files are dragged over the page an overlay says
 * where they go, without taking the pointer from what is under it.
 */
function PageDrop(props: { onFiles: (files: File[]) => void; itemKey: string }) {
  const { t } = useI18n()
  const [over, setOver] = createSignal(false)
  // dragleave fires for every element left, and not at all when a drag is abandoned outside the window:
  // the overlay goes when no dragover has come for a moment.
  let idle: ReturnType<typeof setTimeout> | undefined
  const stillOver = () => {
    setOver(true)
    clearTimeout(idle)
    idle = setTimeout(() => setOver(false), 1000)
  }
  const onDragOver = (event: DragEvent) => {
    if (!hasFiles(event)) return
    event.preventDefault()
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    stillOver()
  }
  const onDragLeave = (event: DragEvent) => {
    // Out of the window: nothing to go to, at or past its edge.
    const { clientX: x, clientY: y } = event
    if (event.relatedTarget === null && (x <= 0 || y <= 0 || x >= innerWidth || y >= innerHeight))
      setOver(false)
  }
  const onDrop = (event: DragEvent) => {
    clearTimeout(idle)
    setOver(false)
    // An editor that placed the file in its text prevented the drop's default first.
    if (!hasFiles(event) || event.defaultPrevented) return
    event.preventDefault()
    const dropped = [...(event.dataTransfer?.files ?? [])]
    if (dropped.length > 0) props.onFiles(dropped)
  }
  onMount(() => {
    window.addEventListener('dragenter', onDragOver)
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('dragleave', onDragLeave)
    window.addEventListener('drop', onDrop)
  })
  onCleanup(() => {
    clearTimeout(idle)
    window.removeEventListener('dragenter', onDragOver)
    window.removeEventListener('dragover', onDragOver)
    window.removeEventListener('dragleave', onDragLeave)
    window.removeEventListener('drop', onDrop)
  })
  return (
    <Show when={over()}>
      <div class="drop-overlay" data-testid="drop-overlay" aria-hidden="true">
        <div class="drop-overlay-card">
          <strong>{t('attachments.dropTitle', { key: props.itemKey })}</strong>
          <span>{t('attachments.dropHint')}</span>
        </div>
      </div>
    </Show>
  )
}

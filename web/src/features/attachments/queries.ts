// The attachments' data: the files of an item (its own and its comments'), sending one with its progress,
// and deleting one (gone from the list at once, back on error).
import { createMutation, type QueryClient, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { ApiError, api, type Ok, unwrap } from '../../api'
import { idParam } from '../backlog/queries'
import type { ItemTarget } from '../items/queries'

export type Attachment = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['requirements'][':id']['attachments']['$get']>>
>['items'][number]

export const attachmentKeys = {
  list: (ws: number, target: ItemTarget, id: number) =>
    ['workspaces', ws, 'attachments', target, id] as const,
}

export const attachmentsQuery = (ws: number, target: ItemTarget, id: number) =>
  queryOptions({
    queryKey: attachmentKeys.list(ws, target, id),
    queryFn: () =>
      unwrap(
        target === 'requirement'
          ? api.workspaces[':ws'].requirements[':id'].attachments.$get({ param: idParam(ws, id) })
          : api.workspaces[':ws'].tasks[':id'].attachments.$get({ param: idParam(ws, id) }),
      ),
  })

/** Puts a new attachment at the head of the item's list (newest first, as the server lists them). */
export function addToList(
  queryClient: QueryClient,
  ws: number,
  target: ItemTarget,
  id: number,
  a: Attachment,
) {
  queryClient.setQueryData<{ items: Attachment[] }>(attachmentKeys.list(ws, target, id), (list) =>
    list ? { items: [a, ...list.items.filter((x) => x.id !== a.id)] } : list,
  )
}

/** The path a file is sent to (see sendFile). */
export const uploadPath = (ws: number, target: ItemTarget, id: number) =>
  `/api/workspaces/${ws}/${target === 'requirement' ? 'requirements' : 'tasks'}/${id}/attachments`

/**
 * Sends one file as multipart/form-data (part `file`), reporting the bytes sent. XMLHttpRequest rather than
 * the typed client: fetch cannot report an upload's progress, and the upload route declares no body (the
 * server reads the stream itself). Failures become the same ApiError that `unwrap` throws.
 */
export function sendFile(
  path: string,
  file: File,
  options: { onProgress?: (sent: number, total: number) => void; signal?: AbortSignal } = {},
): Promise<Attachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', path)
    xhr.responseType = 'text'
    xhr.upload.onprogress = (e) => options.onProgress?.(e.loaded, e.lengthComputable ? e.total : file.size)
    xhr.onload = () => {
      let body: unknown
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined
      } catch {
        body = undefined
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Attachment)
      const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error
      reject(
        new ApiError(
          xhr.status,
          typeof error?.code === 'string' ? error.code : `http_${xhr.status}`,
          typeof error?.message === 'string' ? error.message : xhr.statusText,
          error?.details,
        ),
      )
    }
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The connection was lost'))
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'))
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}

export function useDeleteAttachment(ws: () => number, target: () => ItemTarget, id: () => number) {
  const queryClient = useQueryClient()
  const key = () => attachmentKeys.list(ws(), target(), id())
  return createMutation(() => ({
    mutationFn: (a: Attachment) =>
      unwrap(api.workspaces[':ws'].attachments[':id'].$delete({ param: idParam(ws(), a.id) })),
    onMutate: async (a) => {
      await queryClient.cancelQueries({ queryKey: key() })
      const before = queryClient.getQueryData<{ items: Attachment[] }>(key())
      if (before) queryClient.setQueryData(key(), { items: before.items.filter((x) => x.id !== a.id) })
      return { before }
    },
    onError: (_err, _a, context) => {
      if (context?.before) queryClient.setQueryData(key(), context.before)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key() }),
  }))
}

// HTTP routes for attachments: upload (multipart, streamed), list, download and delete.
import { Readable } from 'node:stream'
import { z } from '@hono/zod-openapi'
import type { AttachmentTarget } from '../../../domain/vocabulary'
import type { Permission } from '../../lib/permissions'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, json, noContent, WsIdParams } from '../../lib/schemas'
import { deleteAttachment, listAttachments, openAttachment, upload } from './service'

const tags = ['Attachments']

const Attachment = z
  .object({
    id: z.number(),
    entityType: z.enum(['requirement', 'task', 'comment']),
    entityId: z.number(),
    name: z.string(),
    size: z.number().openapi({ description: 'Bytes' }),
    contentType: z.string().openapi({ description: 'Judged from the content, not the name' }),
    sha256: z.string(),
    createdAt: z.string(),
    uploadedBy: z.object({ id: z.number(), name: z.string() }).nullable(),
    url: z
      .string()
      .openapi({ description: 'Where the file is downloaded (GET, with the item’s permission)' }),
    inline: z.boolean().openapi({ description: 'A raster image, shown in the page; other files download' }),
  })
  .openapi('Attachment')

const tooLarge = {
  413: {
    description: 'The file is over KEEL_MAX_UPLOAD_MB (25 MB unless configured)',
    content: { 'application/json': { schema: errors[400].content['application/json'].schema } },
  },
  507: {
    description: 'The server’s disk is full (nothing was kept)',
    content: { 'application/json': { schema: errors[400].content['application/json'].schema } },
  },
}

function uploadRoute<P extends string>(target: AttachmentTarget, view: Permission, path: P) {
  return route(view, {
    method: 'post',
    path,
    tags,
    summary:
      target === 'comment'
        ? 'Attach a file to your own comment (multipart/form-data, part `file`)'
        : `Attach a file to a ${target} (multipart/form-data, part \`file\`): needs the right to edit it or to comment`,
    description:
      'Streamed to disk and limited while streaming; the type is judged from the content, and a content that contradicts the name’s extension is refused (400, details.reason `content_mismatch`).',
    // Documented only: the handler reads the stream itself (the validator would buffer the whole file).
    request: { params: WsIdParams },
    responses: { 201: json(Attachment, 'Created'), ...errors, ...tooLarge },
  })
}

function itemRoutes(target: 'requirement' | 'task', view: Permission) {
  const path = `/workspaces/{ws}/${target}s/{id}/attachments` as const
  const doc = uploadRoute(target, view, path)
  return newApp()
    .openapi(
      route(view, {
        method: 'get',
        path,
        tags,
        summary: `The files on a ${target} and on its comments, newest first`,
        request: { params: WsIdParams },
        responses: { 200: json(z.object({ items: z.array(Attachment) })), ...errors },
      }),
      async (c) =>
        c.json({ items: await listAttachments(serviceContext(c), target, c.req.valid('param').id) }, 200),
    )
    .openapi(doc, async (c) =>
      c.json(await upload(serviceContext(c), target, c.req.valid('param').id, c.req.raw), 201),
    )
}

export const attachmentRoutes = newApp()
  .route('/', itemRoutes('requirement', 'requirement.view'))
  .route('/', itemRoutes('task', 'task.view'))
  .openapi(
    uploadRoute('comment', 'comment.create', '/workspaces/{ws}/comments/{id}/attachments'),
    async (c) => c.json(await upload(serviceContext(c), 'comment', c.req.valid('param').id, c.req.raw), 201),
  )
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/attachments/{id}',
      tags,
      summary:
        'The file, to whoever may see its item: images inline, everything else as a download; never run by the browser',
      request: { params: WsIdParams },
      responses: {
        200: { description: 'The file', content: { 'application/octet-stream': { schema: z.any() } } },
        ...errors,
      },
    }),
    async (c) => {
      const { row, stream, inline } = await openAttachment(serviceContext(c), c.req.valid('param').id)
      const etag = `"${row.sha256}"`
      const headers: Record<string, string> = {
        'content-type': row.contentType.startsWith('text/')
          ? `${row.contentType}; charset=utf-8`
          : row.contentType,
        'content-length': String(row.size),
        'content-disposition': `${inline && c.req.query('download') === undefined ? 'inline' : 'attachment'}; ${dispositionName(row.name)}`,
        'x-content-type-options': 'nosniff',
        // The Content-Security-Policy that runs nothing is set with the other secure headers (app.ts).
        // Permissions can change: the browser asks again each time, and gets 304 for what it has.
        'cache-control': 'private, no-cache',
        etag,
      }
      if (c.req.header('if-none-match') === etag) {
        stream.destroy()
        return c.body(null, 304, headers)
      }
      return c.body(Readable.toWeb(stream) as ReadableStream<Uint8Array>, 200, headers)
    },
  )
  .openapi(
    route('member', {
      method: 'delete',
      path: '/workspaces/{ws}/attachments/{id}',
      tags,
      summary:
        'Delete a file: its uploader, or someone who may edit the item (comment.moderate, for a comment)',
      request: { params: WsIdParams },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await deleteAttachment(serviceContext(c), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

/** `filename="…"` for old clients (ASCII only) and `filename*=UTF-8''…` for the real name (RFC 6266). */
function dispositionName(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`
}

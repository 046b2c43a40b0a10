// HTTP routes for comments on requirements and tasks.
import { z } from '@hono/zod-openapi'
import type { Permission } from '../../lib/permissions'
import { edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, json, jsonBody, noContent, Text, WsIdParams } from '../../lib/schemas'
import { addComment, type CommentTarget, deleteComment, editComment, listComments } from './service'

const Comment = z
  .object({
    id: z.number(),
    body: z.string().openapi({ description: 'Markdown as written; sanitize when rendering' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
    author: z.object({ id: z.number().nullable(), name: z.string().nullable() }).nullable(),
    authorName: z.string().nullable().openapi({
      description:
        'For imported comments: the original author, who has no Keel account here (author is null)',
    }),
  })
  .openapi('Comment')

const Body = z.object({ body: Text.pipe(z.string().trim().min(1)) })

function commentRoutesFor(target: CommentTarget, view: Permission) {
  const path = `/workspaces/{ws}/${target}s/{id}/comments` as const
  return newApp()
    .openapi(
      route(view, {
        method: 'get',
        path,
        tags: ['Comments'],
        summary: `Comments on a ${target}, oldest first`,
        request: { params: WsIdParams },
        responses: { 200: json(z.object({ items: z.array(Comment) })), ...errors },
      }),
      async (c) =>
        c.json({ items: await listComments(serviceContext(c), target, c.req.valid('param').id) }, 200),
    )
    .openapi(
      route('comment.create', {
        method: 'post',
        path,
        tags: ['Comments'],
        summary: `Comment on a ${target} (markdown)`,
        request: { params: WsIdParams, body: jsonBody(Body) },
        responses: { 201: json(Comment, 'Created'), ...errors },
      }),
      async (c) =>
        c.json(
          await addComment(serviceContext(c), target, c.req.valid('param').id, c.req.valid('json').body),
          201,
        ),
    )
}

export const commentRoutes = newApp()
  .route('/', commentRoutesFor('requirement', 'requirement.view'))
  .route('/', commentRoutesFor('task', 'task.view'))
  .openapi(
    editRoute('comment.create', {
      path: '/workspaces/{ws}/comments/{id}',
      tags: ['Comments'],
      summary: 'Edit your own comment (shown as edited; the history keeps the earlier text)',
      body: Body,
      response: Comment,
    }),
    edited((ctx, id, patch: { body: string }, version) => editComment(ctx, id, patch.body, version)),
  )
  .openapi(
    route('member', {
      method: 'delete',
      path: '/workspaces/{ws}/comments/{id}',
      tags: ['Comments'],
      summary: "Delete your own comment, or anyone's with comment.moderate (403 otherwise)",
      request: { params: WsIdParams },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await deleteComment(serviceContext(c), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

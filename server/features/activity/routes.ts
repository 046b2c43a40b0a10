// HTTP route for the activity history.
import { z } from '@hono/zod-openapi'
import { visibleEntityTypes } from '../../lib/permissions'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, Id, Instant, json, WsParams } from '../../lib/schemas'
import { activityRepo } from './repo'

const Activity = z
  .object({
    id: z.number(),
    entityType: z.string(),
    entityId: z.number(),
    productId: z.number().nullable(),
    action: z.string(),
    automatic: z.boolean(),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
    actor: z.object({ id: z.number(), name: z.string() }).nullable(),
    actorName: z.string().nullable().openapi({
      description: 'For imported history: the original actor, who has no Keel account here (actor is null)',
    }),
  })
  .openapi('Activity')

const Query = z.object({
  entityType: z.string().max(40).optional(),
  entityId: Id.optional(),
  since: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: Id.optional().openapi({ description: 'The nextCursor of the previous page' }),
})

export const activityRoutes = newApp().openapi(
  route('activity.view', {
    method: 'get',
    path: '/workspaces/{ws}/activity',
    tags: ['Activity'],
    summary: 'The history of changes, newest first',
    request: { params: WsParams, query: Query },
    responses: {
      200: json(z.object({ items: z.array(Activity), nextCursor: z.string().nullable() })),
      ...errors,
    },
  }),
  async (c) => {
    const ctx = serviceContext(c)
    const q = c.req.valid('query')
    const items = await activityRepo.list(ctx.deps.db, {
      workspaceId: ctx.membership.workspaceId,
      entityType: q.entityType,
      entityId: q.entityId,
      since: q.since,
      productIds: ctx.membership.productIds,
      entityTypes: visibleEntityTypes(ctx.membership.permissions),
      beforeId: q.cursor,
      limit: q.limit,
    })
    const last = items.at(-1)
    const nextCursor = items.length === q.limit && last ? String(last.id) : null
    return c.json({ items, nextCursor }, 200)
  },
)

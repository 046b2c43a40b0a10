// HTTP route of the audit log: instance owners read it, page by page or whole as a CSV or JSON file.
import { z } from '@hono/zod-openapi'
import { newApp, requireAuth, route } from '../../lib/route'
import { errors, Id, Instant, Paging, SearchText } from '../../lib/schemas'
import { AUDIT_ACTIONS } from './actions'
import * as service from './service'

const AuditEvent = z
  .object({
    id: z.number(),
    createdAt: z.string(),
    action: z.string(),
    actorId: z.number().nullable(),
    actorEmail: z.string().nullable().openapi({ description: 'As it was when the event happened' }),
    workspaceId: z.number().nullable(),
    targetType: z.string().nullable(),
    targetId: z.number().nullable(),
    targetLabel: z.string().nullable(),
    address: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi('AuditEvent')

const Filter = z.object({
  actor: SearchText.optional().openapi({ description: 'An account id, or a part of the actor’s email' }),
  action: z
    .string()
    .max(60)
    .regex(/^[a-z_.]+$/)
    .optional()
    .openapi({
      description: `An action, or a family ending in a dot (\`auth.\`): ${AUDIT_ACTIONS.join(', ')}`,
    }),
  workspace: Id.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  q: SearchText.optional().openapi({
    description: 'A part of the target’s name, the actor’s email or the address',
  }),
})

export const auditRoutes = newApp().openapi(
  route('instance', {
    method: 'get',
    path: '/admin/audit',
    tags: ['Instance'],
    summary:
      'The audit log, newest first: without `format` a page ({items, nextCursor}); `format=csv|json` downloads every matching event (up to 100,000), and the download is itself logged',
    request: { query: Filter.extend(Paging.shape).extend({ format: z.enum(['csv', 'json']).optional() }) },
    responses: {
      200: {
        description: 'A page of events, or the file',
        content: {
          'application/json': {
            schema: z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() }),
          },
          'text/csv': { schema: z.string() },
        },
      },
      ...errors,
    },
  }),
  async (c) => {
    const { limit, cursor, format, workspace, from, to, ...rest } = c.req.valid('query')
    const filter = {
      ...rest,
      workspaceId: workspace,
      from: from && new Date(from).toISOString(),
      to: to && new Date(to).toISOString(),
    }
    const deps = c.get('deps')
    if (!format) return c.json(await service.page(deps, filter, limit, cursor), 200)
    const file = await service.exportFile(deps, requireAuth(c).user.id, filter, format)
    return c.body(file.body, 200, {
      'content-type': file.type,
      'content-disposition': file.disposition,
      'cache-control': 'no-store',
    })
  },
)

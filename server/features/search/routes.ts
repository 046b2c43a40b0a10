// HTTP routes for search and resolving item keys (MES-42).
import { z } from '@hono/zod-openapi'
import { notFound } from '../../lib/errors'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, json, SearchText, WsParams } from '../../lib/schemas'
import { resolveKey } from './items'
import { search } from './service'

const Hit = z
  .object({
    kind: z.enum(['requirement', 'task', 'customer']),
    id: z.number(),
    productId: z.number().nullable(),
    key: z.string().nullable(),
    title: z.string(),
    status: z.string().nullable(),
    importedKey: z.string().optional().openapi({
      description: 'The key the item had in the system it was imported from, when that key matched',
    }),
  })
  .openapi('SearchHit')

export const searchRoutes = newApp()
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/search',
      tags: ['Search'],
      summary:
        'Search requirements, tasks and customers (Chinese substrings match); only what your role may see',
      request: {
        params: WsParams,
        query: z.object({
          q: SearchText.pipe(z.string().min(1)),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(Hit) })), ...errors },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json({ items: await search(serviceContext(c), q.q, q.limit) }, 200)
    },
  )
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/items/{key}',
      tags: ['Search'],
      summary:
        'Resolve an item key such as MES-42 (or the key an imported item had before, such as PLAT-101) to its requirement or task',
      request: { params: WsParams.extend({ key: z.string().max(30) }) },
      responses: {
        200: json(
          z.object({
            type: z.enum(['requirement', 'task']),
            id: z.number(),
            productId: z.number(),
            key: z.string(),
            title: z.string(),
            importedKey: z.string().optional(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const found = await resolveKey(serviceContext(c), c.req.valid('param').key)
      if (!found) throw notFound('Item')
      return c.json(found, 200)
    },
  )

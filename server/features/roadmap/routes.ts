// HTTP route for the product roadmap.
import { z } from '@hono/zod-openapi'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, json, ProductParams } from '../../lib/schemas'
import { roadmapOf } from './service'

export const Roadmap = z
  .object({
    product: z.object({ id: z.number(), key: z.string(), name: z.string(), description: z.string() }),
    releases: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        description: z.string(),
        targetDate: z.string(),
        status: z.string(),
        releasedAt: z.string().nullable(),
      }),
    ),
    iterations: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        goal: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        status: z.string(),
        releaseId: z.number().nullable(),
      }),
    ),
    requirements: z.array(
      z.object({
        id: z.number(),
        key: z.string(),
        title: z.string(),
        status: z.string(),
        priority: z.string(),
        iterationId: z.number().nullable(),
        releaseId: z.number().nullable(),
        targetDate: z.string().nullable(),
        moduleId: z.number().nullable(),
        askCount: z.number(),
      }),
    ),
  })
  .openapi('Roadmap')

export const roadmapRoutes = newApp().openapi(
  route('roadmap.view', {
    method: 'get',
    path: '/workspaces/{ws}/products/{productId}/roadmap',
    tags: ['Roadmap'],
    summary: 'Releases and iterations with the agreed requirements they carry (no internal notes)',
    request: { params: ProductParams },
    responses: { 200: json(Roadmap), ...errors },
  }),
  async (c) => c.json(await roadmapOf(serviceContext(c), c.req.valid('param').productId), 200),
)

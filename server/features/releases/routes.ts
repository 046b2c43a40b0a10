// HTTP routes for releases.
import { z } from '@hono/zod-openapi'
import { RELEASE_STATUSES } from '../../../db/schema'
import { newApp, route, serviceContext } from '../../lib/route'
import {
  DateOnly,
  errors,
  expectedVersion,
  IfMatch,
  json,
  jsonBody,
  Name,
  noContent,
  ProductParams,
  Text,
  WsIdParams,
} from '../../lib/schemas'
import * as service from './service'

const tags = ['Releases']

const Release = z
  .object({
    id: z.number(),
    productId: z.number(),
    name: z.string(),
    description: z.string(),
    targetDate: z.string(),
    status: z.string(),
    releasedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
  })
  .openapi('Release')

export const releaseRoutes = newApp()
  .openapi(
    route('roadmap.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/releases',
      tags,
      summary: 'Releases of a product by target date',
      request: { params: ProductParams },
      responses: { 200: json(z.object({ items: z.array(Release) })), ...errors },
    }),
    (c) => c.json({ items: service.listReleases(serviceContext(c), c.req.valid('param').productId) }, 200),
  )
  .openapi(
    route('iteration.manage', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/releases',
      tags,
      summary: 'Create a release',
      request: {
        params: ProductParams,
        body: jsonBody(z.object({ name: Name, targetDate: DateOnly, description: Text.optional() })),
      },
      responses: { 201: json(Release, 'Created'), ...errors },
    }),
    (c) =>
      c.json(
        service.createRelease(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    route('iteration.manage', {
      method: 'patch',
      path: '/workspaces/{ws}/releases/{id}',
      tags,
      summary: 'Edit a release or mark it released',
      request: {
        params: WsIdParams,
        headers: IfMatch,
        body: jsonBody(
          z.object({
            name: Name.optional(),
            targetDate: DateOnly.optional(),
            description: Text.optional(),
            status: z.enum(RELEASE_STATUSES).optional(),
            version: z.number().int().optional(),
          }),
        ),
      },
      responses: { 200: json(Release), ...errors },
    }),
    (c) => {
      const { version, ...patch } = c.req.valid('json')
      const expected = expectedVersion(c.req.valid('header')['if-match'], version)
      return c.json(service.updateRelease(serviceContext(c), c.req.valid('param').id, patch, expected), 200)
    },
  )
  .openapi(
    route('iteration.manage', {
      method: 'delete',
      path: '/workspaces/{ws}/releases/{id}',
      tags,
      summary: 'Delete a release',
      request: { params: WsIdParams },
      responses: { 204: noContent, ...errors },
    }),
    (c) => {
      service.deleteRelease(serviceContext(c), c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

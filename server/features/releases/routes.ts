// HTTP routes for releases.
import { z } from '@hono/zod-openapi'
import { RELEASE_STATUSES } from '../../../db/schema'
import { edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import {
  DateOnly,
  errors,
  Id,
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

/** A release in its product's list, with the work that names it (what deleting it would move). */
const ReleaseWithWork = Release.extend({
  requirementCount: z.number(),
  iterationCount: z.number(),
}).openapi('ReleaseWithWork')

export const releaseRoutes = newApp()
  .openapi(
    route('roadmap.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/releases',
      tags,
      summary: 'Releases of a product by target date',
      request: { params: ProductParams },
      responses: { 200: json(z.object({ items: z.array(ReleaseWithWork) })), ...errors },
    }),
    async (c) =>
      c.json({ items: await service.listReleases(serviceContext(c), c.req.valid('param').productId) }, 200),
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
    async (c) =>
      c.json(
        await service.createRelease(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    editRoute('iteration.manage', {
      path: '/workspaces/{ws}/releases/{id}',
      tags,
      summary: 'Edit a release or mark it released',
      body: z.object({
        name: Name.optional(),
        targetDate: DateOnly.optional(),
        description: Text.optional(),
        status: z.enum(RELEASE_STATUSES).optional(),
      }),
      response: Release,
    }),
    edited(service.updateRelease),
  )
  .openapi(
    route('iteration.manage', {
      method: 'delete',
      path: '/workspaces/{ws}/releases/{id}',
      tags,
      summary:
        'Delete a release; its requirements and iterations move to another release of the product (moveTo) or have no release',
      request: { params: WsIdParams, query: z.object({ moveTo: Id.optional() }) },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await service.deleteRelease(serviceContext(c), c.req.valid('param').id, c.req.valid('query').moveTo)
      return c.body(null, 204)
    },
  )

// HTTP routes for requirements: the backlog, ranking, the workflow and customer asks.
import { z } from '@hono/zod-openapi'
import { MAX_BACKLOG } from '../../../domain/limits'
import {
  deleted,
  deleteRoute,
  edited,
  editRoute,
  jsonText,
  newApp,
  route,
  serviceContext,
} from '../../lib/route'
import {
  errors,
  Id,
  IdSet,
  json,
  jsonBody,
  nextCursor,
  noContent,
  ProductParams,
  WsIdParams,
} from '../../lib/schemas'
import { tasksOfRequirement } from '../tasks/service'
import * as schemas from './schemas'
import { SCORE_FORMULA } from './score'
import * as service from './service'

const tags = ['Requirements']

export const requirementRoutes = newApp()
  .openapi(
    route('requirement.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/requirements',
      tags,
      summary: 'The backlog: requirements in rank order unless sort says otherwise',
      request: { params: ProductParams, query: schemas.ListQuery },
      responses: {
        200: json(
          z.object({ items: z.array(schemas.RequirementListItem), nextCursor: z.string().nullable() }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const offset = Number(q.cursor ?? 0)
      const page = await service.listRequirements(serviceContext(c), c.req.valid('param').productId, {
        statuses: q.status,
        priorities: q.priority,
        moduleIds: q.moduleId === undefined ? undefined : [q.moduleId],
        iterationId: q.iterationId === 'none' ? null : q.iterationId,
        releaseId: q.releaseId,
        customerId: q.customerId,
        q: q.q || undefined,
        sort: q.sort,
        limit: q.limit,
        offset,
      })
      // The items are JSON already (built by SQLite); the page is written around them.
      const cursor = JSON.stringify(nextCursor(offset, q.limit, page.count))
      return jsonText(c, `{"items":${page.items},"nextCursor":${cursor}}`)
    },
  )
  .openapi(
    route('requirement.create', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/requirements',
      tags,
      summary: 'Create a requirement at the bottom of the backlog',
      request: { params: ProductParams, body: jsonBody(schemas.RequirementCreate) },
      responses: { 201: json(schemas.Requirement, 'Created'), ...errors },
    }),
    async (c) =>
      c.json(
        await service.createRequirement(
          serviceContext(c),
          c.req.valid('param').productId,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .openapi(
    route('requirement.rank', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/requirements/sort-by-score',
      tags,
      summary: 'Re-rank the backlog by priority, then score (open work first)',
      description: SCORE_FORMULA,
      request: { params: ProductParams, body: jsonBody(z.object({ dryRun: z.boolean().default(false) })) },
      responses: {
        200: json(
          z.object({
            order: z.array(z.number()),
            previous: z.array(z.number()).openapi({
              description:
                'The order before: POST …/requirements/order {order: previous, expected: order} undoes the sort',
            }),
            changed: z.number(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(
        await service.sortByScore(
          serviceContext(c),
          c.req.valid('param').productId,
          c.req.valid('json').dryRun,
        ),
        200,
      ),
  )
  .openapi(
    route('requirement.rank', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/requirements/order',
      tags,
      summary:
        'Put the whole backlog in an order (e.g. undo "sort by score"); 409 when it is no longer in the expected order',
      request: {
        params: ProductParams,
        body: jsonBody(
          z.object({ order: IdSet(MAX_BACKLOG), expected: z.array(z.number().int()).max(MAX_BACKLOG) }),
        ),
      },
      responses: { 200: json(z.object({ order: z.array(z.number()) })), ...errors },
    }),
    async (c) =>
      c.json(
        await service.setBacklogOrder(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    route('requirement.view', {
      method: 'get',
      path: '/workspaces/{ws}/requirements/{id}',
      tags,
      summary: 'One requirement with its customer asks and tasks',
      request: { params: WsIdParams },
      responses: { 200: json(schemas.RequirementDetail), ...errors },
    }),
    async (c) => {
      const ctx = serviceContext(c)
      const id = c.req.valid('param').id
      return c.json(
        { ...(await service.getRequirement(ctx, id)), tasks: await tasksOfRequirement(ctx, id) },
        200,
      )
    },
  )
  .openapi(
    editRoute('requirement.update', {
      path: '/workspaces/{ws}/requirements/{id}',
      tags,
      summary: 'Edit a requirement (If-Match: version → 409 when stale)',
      body: schemas.RequirementPatch,
      response: schemas.Requirement,
    }),
    edited(service.updateRequirement),
  )
  .openapi(
    deleteRoute('requirement.delete', {
      path: '/workspaces/{ws}/requirements/{id}',
      tags,
      summary: 'Delete a requirement',
    }),
    deleted(service.deleteRequirement),
  )
  .openapi(
    route('requirement.rank', {
      method: 'post',
      path: '/workspaces/{ws}/requirements/{id}/rank',
      tags,
      summary: 'Move a requirement directly before or after another in the product backlog',
      request: { params: WsIdParams, body: jsonBody(schemas.RankBody) },
      responses: { 200: json(schemas.Requirement), ...errors },
    }),
    async (c) =>
      c.json(
        await service.rankRequirement(serviceContext(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  )
  .openapi(
    route('requirement.transition', {
      method: 'post',
      path: '/workspaces/{ws}/requirements/{id}/transition',
      tags,
      summary:
        'Move a requirement through its workflow (409 on a move the workflow forbids; rejecting needs a reason)',
      request: { params: WsIdParams, body: jsonBody(schemas.TransitionBody) },
      responses: { 200: json(schemas.Requirement), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json')
      return c.json(
        await service.transitionRequirement(serviceContext(c), c.req.valid('param').id, body.to, body.reason),
        200,
      )
    },
  )
  .openapi(
    route('ask.manage', {
      method: 'post',
      path: '/workspaces/{ws}/requirements/{id}/asks',
      tags,
      summary: 'Record that a customer asked for this requirement',
      request: { params: WsIdParams, body: jsonBody(schemas.AskCreate) },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            requirementId: z.number(),
            customerId: z.number(),
            importance: z.string(),
            note: z.string(),
            askedOn: z.string(),
            promisedDate: z.string().nullable(),
          }),
          'Created',
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(await service.addAsk(serviceContext(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    route('ask.manage', {
      method: 'delete',
      path: '/workspaces/{ws}/requirements/{id}/asks/{askId}',
      tags,
      summary: 'Remove a customer ask',
      request: { params: WsIdParams.extend({ askId: Id }) },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      const p = c.req.valid('param')
      await service.removeAsk(serviceContext(c), p.id, p.askId)
      return c.body(null, 204)
    },
  )

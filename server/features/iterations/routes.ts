// HTTP routes for iterations, their board and planning.
import { z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { ITERATION_STATUSES } from '../../../db/schema'
import type { CachedValue } from '../../lib/cache'
import type { AppEnv } from '../../lib/context'
import { edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import {
  csv,
  DateOnly,
  errors,
  Id,
  IdSet,
  json,
  jsonBody,
  Name,
  noContent,
  Points,
  ProductParams,
  Text,
  WsIdParams,
  WsParams,
} from '../../lib/schemas'
import * as service from './service'

const tags = ['Iterations']

const Wip = z.number().int().min(1).max(1000).optional()
const WipLimits = z.object({ todo: Wip, doing: Wip, review: Wip, blocked: Wip, done: Wip })

const fields = {
  name: Name,
  goal: Text.optional(),
  startDate: DateOnly,
  endDate: DateOnly,
  capacity: Points,
  stabilityBudgetPercent: z.number().int().min(0).max(100).optional().openapi({ description: 'Default 20' }),
  releaseId: Id.nullable().optional(),
  wipLimits: WipLimits.optional(),
}

const Inversion = z.object({
  iterationId: z.number(),
  requirementId: z.number(),
  key: z.string(),
  aheadOf: z.object({ id: z.number(), key: z.string() }),
})

/** Answers being built, per app's cache, by key and ETag: requests that arrive meanwhile share the build. */
const buildsOf = new WeakMap<object, Map<string, Promise<CachedValue>>>()

/** The build of `id` under way for this cache, or a new one that later requests share until it ends. */
function shared(cache: object, id: string, build: () => Promise<CachedValue>): Promise<CachedValue> {
  let builds = buildsOf.get(cache)
  if (!builds) {
    builds = new Map()
    buildsOf.set(cache, builds)
  }
  const running = builds.get(id)
  if (running) return running
  const map = builds
  const started = build().finally(() => map.delete(id))
  map.set(id, started)
  return started
}

/**
 * A JSON answer that is the same for everyone who may see it, named by its ETag: 304 to a client that has
 * it, else from memory, built once per change by whoever asks first (on PostgreSQL building awaits the
 * server: the requests that arrive meanwhile share that build). One entry per key: a change replaces it
 * rather than leaving the stale answer to age out.
 */
async function answerCached(
  c: Context<AppEnv>,
  key: string,
  answer: { etag: string; build: () => Promise<string> },
) {
  const headers = { etag: answer.etag, 'cache-control': 'private, no-cache' }
  if (c.req.header('if-none-match') === answer.etag) return c.body(null, 304, headers)
  const cache = c.get('deps').boardCache
  const body =
    cache.get(key, answer.etag) ??
    (await shared(cache, `${key}\n${answer.etag}`, async () => {
      const built = Buffer.from(await answer.build())
      cache.set(key, built, answer.etag)
      return built
    }))
  return c.body(body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' })
}

export const Iteration = z
  .object({
    id: z.number(),
    productId: z.number(),
    name: z.string(),
    goal: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    capacity: z.number(),
    stabilityBudgetPercent: z.number(),
    status: z.enum(ITERATION_STATUSES),
    releaseId: z.number().nullable(),
    wipLimits: z.record(z.string(), z.number()),
    startedAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    version: z.number(),
    load: z.number(),
    featureLoad: z.number(),
    featureCapacity: z.number(),
    stabilityReserved: z.number(),
    stabilityUsed: z.number(),
    overCapacity: z.boolean(),
    stabilityBudgetEaten: z.boolean(),
    inversions: z.array(Inversion),
  })
  .openapi('Iteration')

const Card = z.object({
  id: z.number(),
  key: z.string(),
  title: z.string(),
  kind: z.string(),
  status: z.string(),
  category: z.string().nullable(),
  risk: z.string().nullable(),
  requirementId: z.number().nullable(),
  requirementKey: z.string().nullable(),
  requirementTitle: z.string().nullable(),
  assigneeId: z.number().nullable(),
  assigneeName: z.string().nullable(),
  estimate: z.number().nullable(),
  remaining: z.number().nullable(),
  dueDate: z.string().nullable(),
  blockedReason: z.string().nullable(),
  rank: z.string(),
  version: z.number(),
})

const Board = z
  .object({
    iterationId: z.number(),
    productId: z.number(),
    groupBy: z.string(),
    lanes: z.array(
      z.object({
        id: z.union([z.number(), z.string()]).nullable(),
        title: z.string().nullable(),
        count: z.number(),
      }),
    ),
    columns: z.array(
      z.object({
        status: z.string(),
        count: z.number(),
        points: z.number(),
        wipLimit: z.number().nullable(),
        overWip: z.boolean(),
        tasks: z.array(Card),
      }),
    ),
  })
  .openapi('Board')

const PlanAnswer = z.object({
  dryRun: z.boolean(),
  iterations: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      requirementIds: z.array(z.number()),
      load: z.number(),
      capacity: z.number(),
      featureCapacity: z.number(),
      stabilityReserved: z.number(),
    }),
  ),
  unplanned: z.array(z.number()),
  unplannedDetails: z.array(
    z.object({ id: z.number(), key: z.string(), reason: z.enum(['unestimated', 'capacity']) }),
  ),
})

export const iterationRoutes = newApp()
  .openapi(
    route('iteration.view', {
      method: 'get',
      path: '/workspaces/{ws}/iterations',
      tags,
      summary: 'Iterations across the products you may see, e.g. ?status=active for the home page',
      request: {
        params: WsParams,
        query: z.object({
          status: csv(z.enum(ITERATION_STATUSES))
            .optional()
            .openapi({ type: 'string', description: 'Comma-separated; default active' }),
        }),
      },
      responses: { 200: json(z.object({ items: z.array(Iteration) })), ...errors },
    }),
    async (c) => {
      const statuses = c.req.valid('query').status ?? ['active']
      return c.json({ items: await service.workspaceIterations(serviceContext(c), statuses) }, 200)
    },
  )
  .openapi(
    route('iteration.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/iterations',
      tags,
      summary: 'Iterations of a product in start order, with load and stability budget',
      description:
        'Answers an ETag; send it back as If-None-Match to get 304 while nothing in the product changed.',
      request: { params: ProductParams },
      responses: {
        200: json(z.object({ items: z.array(Iteration) })),
        304: { description: 'Not modified' },
        ...errors,
      },
    }),
    async (c) => {
      const { productId } = c.req.valid('param')
      const answer = await service.iterationsOf(serviceContext(c), productId)
      return answerCached(c, `iterations:${productId}`, answer)
    },
  )
  .openapi(
    route('iteration.manage', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/iterations',
      tags,
      summary: 'Create an iteration',
      request: { params: ProductParams, body: jsonBody(z.object(fields)) },
      responses: { 201: json(Iteration, 'Created'), ...errors },
    }),
    async (c) =>
      c.json(
        await service.createIteration(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        201,
      ),
  )
  .openapi(
    route('iteration.view', {
      method: 'get',
      path: '/workspaces/{ws}/iterations/{id}',
      tags,
      summary:
        'One iteration: load, feature load, stability reserved vs used, over-capacity, rank inversions',
      request: { params: WsIdParams },
      responses: { 200: json(Iteration), ...errors },
    }),
    async (c) => c.json(await service.getIteration(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    editRoute('iteration.manage', {
      path: '/workspaces/{ws}/iterations/{id}',
      tags,
      summary: 'Edit an iteration or change its status (at most one active per product: 409)',
      body: z.object({
        ...fields,
        name: Name.optional(),
        startDate: DateOnly.optional(),
        endDate: DateOnly.optional(),
        capacity: Points.optional(),
        status: z.enum(ITERATION_STATUSES).optional(),
      }),
      response: Iteration,
    }),
    edited(service.updateIteration),
  )
  .openapi(
    route('iteration.manage', {
      method: 'delete',
      path: '/workspaces/{ws}/iterations/{id}',
      tags,
      summary:
        'Delete an iteration; its work moves to another open iteration (moveTo) or back to the backlog (planned requirements become approved)',
      request: { params: WsIdParams, query: z.object({ moveTo: Id.optional() }) },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await service.deleteIteration(serviceContext(c), c.req.valid('param').id, c.req.valid('query').moveTo)
      return c.body(null, 204)
    },
  )
  .openapi(
    route('iteration.view', {
      method: 'get',
      path: '/workspaces/{ws}/iterations/{id}/board',
      tags,
      summary:
        'The board: columns by task status with what a card shows; swimlanes by requirement, assignee or kind',
      description:
        'Answers an ETag; send it back as If-None-Match to get 304 while nothing in the product changed.',
      request: {
        params: WsIdParams,
        query: z.object({ groupBy: z.enum(['none', 'requirement', 'assignee', 'kind']).default('none') }),
      },
      responses: { 200: json(Board), 304: { description: 'Not modified' }, ...errors },
    }),
    async (c) => {
      const { id } = c.req.valid('param')
      const { groupBy } = c.req.valid('query')
      return answerCached(c, `${id}:${groupBy}`, await service.boardOf(serviceContext(c), id, groupBy))
    },
  )
  .openapi(
    route('iteration.plan', {
      method: 'post',
      path: '/workspaces/{ws}/products/{productId}/plan',
      tags,
      summary: 'Fill planned iterations by backlog rank up to capacity minus the stability budget',
      description:
        'Pinned requirements stay; unestimated ones come back as unplanned with the reason. With dryRun the proposal is ' +
        'returned; otherwise it is applied in one transaction and planned requirements move to status planned.',
      request: {
        params: ProductParams,
        body: jsonBody(z.object({ dryRun: z.boolean(), iterationIds: IdSet(100).optional() })),
      },
      responses: { 200: json(PlanAnswer), ...errors },
    }),
    async (c) =>
      c.json(
        await service.planProduct(serviceContext(c), c.req.valid('param').productId, c.req.valid('json')),
        200,
      ),
  )

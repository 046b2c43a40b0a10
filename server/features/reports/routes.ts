// HTTP routes for follow-up: burndown, flow, velocity, forecast, risks, demand and the weekly report.
import { z } from '@hono/zod-openapi'
import { newApp, route, serviceContext } from '../../lib/route'
import { errors, json, ProductParams, WsIdParams } from '../../lib/schemas'
import * as service from './service'
import { weeklyReport } from './weekly'

const tags = ['Reports']
const num = z.number()
const Status = z.enum(['on_track', 'at_risk', 'late'])
const Line = z.object({ key: z.string(), title: z.string(), detail: z.string().optional() })
const loose = z.record(z.string(), z.unknown())

export const reportRoutes = newApp()
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/iterations/{id}/burndown',
      tags,
      summary: 'Burndown and burnup per day, rebuilt from the history (days to come have null values)',
      request: { params: WsIdParams },
      responses: {
        200: json(
          z.object({
            iterationId: num,
            startDate: z.string(),
            endDate: z.string(),
            days: z.array(
              z.object({
                date: z.string(),
                scope: num.nullable(),
                done: num.nullable(),
                remaining: num.nullable(),
                ideal: num,
                scopeChange: num,
              }),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await service.burndown(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/iterations/{id}/flow',
      tags,
      summary: 'Cumulative flow: tasks per status at the end of each day so far',
      request: { params: WsIdParams },
      responses: {
        200: json(
          z.object({
            iterationId: num,
            days: z.array(
              z.object({ date: z.string(), todo: num, doing: num, review: num, blocked: num, done: num }),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await service.flow(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/velocity',
      tags,
      summary: 'Committed (scope on the first day) vs completed points per started iteration',
      request: { params: ProductParams },
      responses: {
        200: json(
          z.object({
            iterations: z.array(
              z.object({
                id: num,
                name: z.string(),
                status: z.string(),
                startDate: z.string(),
                endDate: z.string(),
                committed: num,
                completed: num,
              }),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await service.velocity(serviceContext(c), c.req.valid('param').productId), 200),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/forecast',
      tags,
      summary:
        'Will the active iteration finish at the current pace; Monte Carlo dates (p50/p85/p95) per release',
      description:
        'Release forecasts draw from the daily throughput (points finished per day) of the last 28 days. ' +
        'The same seed gives the same answer (default 42).',
      request: {
        params: ProductParams,
        query: z.object({
          seed: z.coerce
            .number()
            .int()
            .min(0)
            .max(2 ** 31)
            .default(42),
        }),
      },
      responses: {
        200: json(
          z.object({
            today: z.string(),
            seed: num,
            throughputWindowDays: num,
            iteration: z
              .object({
                id: num,
                name: z.string(),
                endDate: z.string(),
                status: Status,
                reason: z.string(),
                remaining: num,
                done: num,
                pace: num,
                daysElapsed: num,
                daysLeft: num,
                projectedEnd: z.string().nullable(),
              })
              .nullable(),
            releases: z.array(
              z.object({
                id: num,
                name: z.string(),
                targetDate: z.string(),
                remaining: num,
                p50: z.string().nullable(),
                p85: z.string().nullable(),
                p95: z.string().nullable(),
                status: Status,
              }),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(
        await service.forecast(serviceContext(c), c.req.valid('param').productId, c.req.valid('query').seed),
        200,
      ),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/risks',
      tags,
      summary:
        'Blocked (with age), overdue, stability budget breaches, risky stability work, unplanned critical asks, scope added, promises at risk',
      request: { params: ProductParams },
      responses: {
        200: json(
          z.object({
            blocked: z.array(loose),
            overdue: z.array(loose),
            stabilityBudget: z.array(loose),
            stabilityTasks: z.array(loose),
            unplannedCriticalAsks: z.array(loose),
            scopeAdded: z.array(loose),
            promisesAtRisk: z.array(loose),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await service.risks(serviceContext(c), c.req.valid('param').productId), 200),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/demand',
      tags,
      summary: 'Requirements and modules ranked by customer demand, with a per-industry breakdown',
      request: { params: ProductParams },
      responses: {
        200: json(
          z.object({ requirements: z.array(loose), modules: z.array(loose), industries: z.array(loose) }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await service.demand(serviceContext(c), c.req.valid('param').productId), 200),
  )
  .openapi(
    route('report.view', {
      method: 'get',
      path: '/workspaces/{ws}/products/{productId}/reports/weekly',
      tags,
      summary: 'The weekly report (周报) of an ISO week: sections and Markdown; weeks to come answer 400',
      request: {
        params: ProductParams,
        query: z.object({
          week: z
            .string()
            .max(10)
            .optional()
            .openapi({ example: '2026-W48', description: 'Default: this week' }),
          lang: z.enum(['zh-CN', 'en']).default('en'),
        }),
      },
      responses: {
        200: json(
          z.object({
            week: z.string(),
            from: z.string(),
            to: z.string(),
            lang: z.string(),
            sections: z.object({
              done: z.array(Line),
              inProgress: z.array(Line),
              blocked: z.array(Line),
              overdue: z.array(Line),
              nextWeek: z.array(Line),
              shipped: z.array(
                z.object({ key: z.string(), title: z.string(), customers: z.array(z.string()) }),
              ),
              stability: z.object({ share: num, points: num, totalPoints: num }),
            }),
            markdown: z.string(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      return c.json(
        await weeklyReport(serviceContext(c), c.req.valid('param').productId, q.week, q.lang),
        200,
      )
    },
  )

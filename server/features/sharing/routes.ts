// HTTP routes for share links, the public shared roadmap and its calendar feed.
import { z } from '@hono/zod-openapi'
import { deleted, deleteRoute, newApp, publicOrigin, route, serviceContext } from '../../lib/route'
import { errors, Id, Instant, json, jsonBody, WsParams } from '../../lib/schemas'
import * as service from './service'

const tags = ['Sharing']

const ShareLink = z
  .object({
    id: z.number(),
    productId: z.number(),
    productKey: z.string(),
    customerId: z.number().nullable(),
    customerName: z.string().nullable(),
    showConsidering: z.boolean(),
    label: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ShareLink')

const SharedRoadmap = z
  .object({
    product: z.object({ key: z.string(), name: z.string() }),
    customer: z.object({ name: z.string() }).nullable(),
    counts: z
      .object({
        asks: z.number(),
        planned: z.number(),
        waiting: z.number(),
        delivered: z.number(),
        declined: z.number(),
      })
      .nullable()
      .openapi({
        description:
          "A customer's link: their asks in this product, counted as the customer page counts them",
      }),
    expiresAt: z.string().nullable(),
    iterations: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        startDate: z.string(),
        endDate: z.string(),
        status: z.string(),
        releaseId: z.number().nullable(),
      }),
    ),
    releases: z.array(
      z.object({
        id: z.number(),
        name: z.string(),
        targetDate: z.string(),
        status: z.string(),
        releasedAt: z.string().nullable(),
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
        promisedDate: z.string().nullable(),
        group: z.enum(['planned', 'waiting', 'delivered', 'declined']).nullable().openapi({
          description:
            "A customer's link: where the ask stands. Status 'considering' or 'declined' hides the real status, priority and plan",
        }),
      }),
    ),
  })
  .openapi('SharedRoadmap')

const Token = z.object({ token: z.string().max(100) })

export const sharingRoutes = newApp()
  .openapi(
    route('share.create', {
      method: 'get',
      path: '/workspaces/{ws}/share-links',
      tags,
      summary: 'Share links of the workspace (never their tokens)',
      request: { params: WsParams },
      responses: { 200: json(z.object({ items: z.array(ShareLink) })), ...errors },
    }),
    async (c) => c.json({ items: await service.listShareLinks(serviceContext(c)) }, 200),
  )
  .openapi(
    route('share.create', {
      method: 'post',
      path: '/workspaces/{ws}/share-links',
      tags,
      summary: 'Create a read-only roadmap link, optionally for one customer; the token is shown only here',
      request: {
        params: WsParams,
        body: jsonBody(
          z.object({
            productId: Id,
            customerId: Id.nullable().optional(),
            showConsidering: z.boolean().optional().openapi({
              description:
                "A customer's link: also show their asks still under consideration or declined (as such, without internal details). Default true",
            }),
            expiresAt: Instant.nullable().optional(),
            label: z.string().trim().max(200).optional(),
          }),
        ),
      },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            productId: z.number(),
            customerId: z.number().nullable(),
            showConsidering: z.boolean(),
            label: z.string(),
            prefix: z.string(),
            createdAt: z.string(),
            expiresAt: z.string().nullable(),
            token: z.string(),
            url: z.string(),
            calendarUrl: z.string(),
          }),
          'Created',
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(await service.createShareLink(serviceContext(c), c.req.valid('json'), publicOrigin(c)), 201),
  )
  .openapi(
    deleteRoute('share.create', {
      path: '/workspaces/{ws}/share-links/{id}',
      tags,
      summary: 'Revoke a share link (it answers 404 from then on)',
    }),
    deleted(service.revokeShareLink),
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/share/{token}',
      tags,
      summary: 'The read-only roadmap behind a share link (no login; revoked or expired: 404)',
      request: { params: Token },
      responses: { 200: json(SharedRoadmap), ...errors },
    }),
    async (c) => {
      c.header('Cache-Control', 'no-store')
      c.header('X-Robots-Tag', 'noindex')
      return c.json(
        await service.sharedRoadmap(c.get('deps'), c.req.valid('param').token, c.get('clientIp')),
        200,
      )
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/calendar/{file}',
      tags,
      summary: 'Iterations and releases of a share link as iCalendar: /api/calendar/<token>.ics',
      request: { params: z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{16,64}\.ics$/) }) },
      responses: {
        200: { description: 'An iCalendar feed', content: { 'text/calendar': { schema: z.string() } } },
        ...errors,
      },
    }),
    async (c) => {
      const token = c.req.valid('param').file.slice(0, -'.ics'.length)
      return c.body(await service.calendarFeed(c.get('deps'), token, c.get('clientIp')), 200, {
        'content-type': 'text/calendar; charset=utf-8',
        'cache-control': 'no-store',
      })
    },
  )

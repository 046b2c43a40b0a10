// HTTP routes for webhooks, their delivery log, test messages and manual retries.
import { z } from '@hono/zod-openapi'
import { WEBHOOK_PRESETS } from '../../../db/schema'
import { deleted, deleteRoute, edited, editRoute, newApp, route, serviceContext } from '../../lib/route'
import { errors, Id, json, jsonBody, WsIdParams, WsParams } from '../../lib/schemas'
import * as service from './service'

const tags = ['Webhooks']

const EventName = z
  .string()
  .regex(
    /^(\*|[a-z_]+\.(created|updated|deleted|moved|transitioned))$/,
    'An event is `*` or `<entity>.<created|updated|deleted|moved|transitioned>`, e.g. task.moved',
  )
  .openapi({ example: 'task.moved' })

const WebhookFields = {
  name: z.string().trim().max(200).optional(),
  url: z.string().trim().min(1).max(2000).openapi({ example: 'https://example.com/keel-hook' }),
  events: z.array(EventName).min(1).max(50),
  secret: z.string().max(500).nullable().optional().openapi({ description: 'Write-only' }),
  preset: z.enum(WEBHOOK_PRESETS).default('generic'),
  language: z.enum(['zh-CN', 'en']).default('zh-CN'),
  productId: Id.nullable().optional(),
  active: z.boolean().optional(),
}

const Webhook = z
  .object({
    id: z.number(),
    name: z.string(),
    url: z.string().openapi({ description: 'Query-string values (robot tokens) are masked' }),
    preset: z.enum(WEBHOOK_PRESETS),
    events: z.array(z.string()),
    language: z.enum(['zh-CN', 'en']),
    productId: z.number().nullable(),
    active: z.boolean(),
    hasSecret: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number(),
    lastDelivery: z.object({ status: z.string(), createdAt: z.string() }).nullable(),
  })
  .openapi('Webhook')

const Delivery = z
  .object({
    id: z.number(),
    webhookId: z.number(),
    event: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed']),
    attempts: z.number(),
    responseStatus: z.number().nullable(),
    responseBody: z.string().nullable().openapi({ description: 'The first 2 KB of the answer' }),
    error: z.string().nullable(),
    body: z.string().openapi({ description: 'The exact body sent' }),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery')

const DeliveryParams = WsIdParams.extend({
  deliveryId: Id.openapi({ param: { name: 'deliveryId', in: 'path' }, example: 1 }),
})

export const webhookRoutes = newApp()
  .openapi(
    route('webhook.manage', {
      method: 'get',
      path: '/workspaces/{ws}/webhooks',
      tags,
      summary: 'Webhooks of the workspace (never their secrets)',
      request: { params: WsParams },
      responses: { 200: json(z.object({ items: z.array(Webhook) })), ...errors },
    }),
    async (c) => c.json({ items: await service.listWebhooks(serviceContext(c)) }, 200),
  )
  .openapi(
    route('webhook.manage', {
      method: 'post',
      path: '/workspaces/{ws}/webhooks',
      tags,
      summary:
        'Create a webhook: http(s) only; loopback and private-network targets need KEEL_WEBHOOK_ALLOW_PRIVATE=1',
      request: { params: WsParams, body: jsonBody(z.object(WebhookFields)) },
      responses: { 201: json(Webhook, 'Created'), ...errors },
    }),
    async (c) => c.json(await service.createWebhook(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    editRoute('webhook.manage', {
      path: '/workspaces/{ws}/webhooks/{id}',
      tags,
      summary: 'Change a webhook; `secret: null` removes the secret, leaving it out keeps it',
      body: z.object({
        ...WebhookFields,
        url: WebhookFields.url.optional(),
        events: WebhookFields.events.optional(),
        preset: z.enum(WEBHOOK_PRESETS).optional(),
        language: z.enum(['zh-CN', 'en']).optional(),
      }),
      response: Webhook,
    }),
    edited(service.updateWebhook),
  )
  .openapi(
    deleteRoute('webhook.manage', {
      path: '/workspaces/{ws}/webhooks/{id}',
      tags,
      summary: 'Delete a webhook and its delivery log',
    }),
    deleted(service.deleteWebhook),
  )
  .openapi(
    route('webhook.manage', {
      method: 'get',
      path: '/workspaces/{ws}/webhooks/{id}/deliveries',
      tags,
      summary: 'The delivery log of a webhook, newest first',
      request: {
        params: WsIdParams,
        query: z.object({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.coerce.number().int().positive().optional(),
        }),
      },
      responses: {
        200: json(z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() })),
        ...errors,
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid('query')
      return c.json(
        await service.listDeliveries(serviceContext(c), c.req.valid('param').id, limit, cursor),
        200,
      )
    },
  )
  .openapi(
    route('webhook.manage', {
      method: 'post',
      path: '/workspaces/{ws}/webhooks/{id}/test',
      tags,
      summary: 'Send a test message now; answers with the delivery and the receiver’s answer',
      request: { params: WsIdParams },
      responses: { 200: json(Delivery), ...errors },
    }),
    async (c) => c.json(await service.sendTest(serviceContext(c), c.req.valid('param').id), 200),
  )
  .openapi(
    route('webhook.manage', {
      method: 'post',
      path: '/workspaces/{ws}/webhooks/{id}/deliveries/{deliveryId}/retry',
      tags,
      summary: 'Send a delivery again now, with the same body',
      request: { params: DeliveryParams },
      responses: { 200: json(Delivery), ...errors },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param')
      return c.json(await service.retryDelivery(serviceContext(c), id, deliveryId), 200)
    },
  )

// HTTP routes for email: unsubscribe links (no login: the signed link is the proof) and the instance
// owners' view of the outbox (what failed, retry, a test email).
import { z } from '@hono/zod-openapi'
import { EMAIL_KINDS, EMAIL_STATUSES } from '../../../domain/vocabulary'
import { newApp, requireAuth, route } from '../../lib/route'
import { csv, Email, errors, Id, json, jsonBody } from '../../lib/schemas'
import * as service from './service'

const tags = ['Email']
const TokenParams = z.object({ token: z.string().min(10).max(300) })
const Unsubscribed = z
  .object({
    scope: z.enum(['email', 'digest']).openapi({ description: 'Emails at once, or the daily digest' }),
  })
  .openapi('Unsubscribe')
const OutboxEmail = z
  .object({
    id: z.number(),
    kind: z.enum(EMAIL_KINDS),
    toAddress: z.string(),
    subject: z.string().nullable(),
    status: z.enum(EMAIL_STATUSES),
    attempts: z.number(),
    error: z.string().nullable(),
    createdAt: z.string(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string(),
    sentAt: z.string().nullable(),
  })
  .openapi('OutboxEmail')

export const emailRoutes = newApp()
  .openapi(
    route('public', {
      method: 'get',
      path: '/unsubscribe/{token}',
      tags,
      summary: 'What an unsubscribe link stops (changes nothing; a forged or unknown link: 404)',
      request: { params: TokenParams },
      responses: { 200: json(Unsubscribed), ...errors },
    }),
    async (c) => c.json(await service.unsubscribe(c.get('deps'), c.req.valid('param').token, false), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/unsubscribe/{token}',
      tags,
      summary:
        'Unsubscribe (one click, RFC 8058: mail clients post here from the List-Unsubscribe header): those emails go to the inbox only',
      request: { params: TokenParams },
      responses: { 200: json(Unsubscribed), ...errors },
    }),
    async (c) => c.json(await service.unsubscribe(c.get('deps'), c.req.valid('param').token, true), 200),
  )
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/emails',
      tags,
      summary: 'The email outbox, newest first: whether email is on, counts by status, and the emails',
      request: {
        query: z.object({
          status: csv(z.enum(EMAIL_STATUSES)).optional(),
          cursor: Id.optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: json(
          z.object({
            emailOn: z.boolean(),
            from: z.string().nullable(),
            publicUrl: z.string().nullable(),
            counts: z.record(z.enum(EMAIL_STATUSES), z.number()),
            items: z.array(OutboxEmail),
            nextCursor: z.string().nullable(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const q = c.req.valid('query')
      const statuses = q.status?.length ? q.status : EMAIL_STATUSES
      return c.json(await service.outboxView(c.get('deps'), statuses, q.limit, q.cursor), 200)
    },
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/emails/{id}/retry',
      tags,
      summary: 'Send a failed email again now (sent or skipped ones, or email off: 409)',
      request: { params: z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' }, example: 1 }) }) },
      responses: { 202: json(z.object({}), 'Accepted'), ...errors },
    }),
    async (c) => {
      await service.retryEmail(c.get('deps'), c.req.valid('param').id)
      return c.json({}, 202)
    },
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/emails/test',
      tags,
      summary:
        'Queue a test email to an address (email off: 409 `email_off`); its outcome shows in the outbox',
      request: { body: jsonBody(z.object({ to: Email })) },
      responses: { 202: json(z.object({}), 'Accepted'), ...errors },
    }),
    async (c) => {
      await service.sendTest(c.get('deps'), requireAuth(c).user.id, c.req.valid('json').to)
      return c.json({}, 202)
    },
  )

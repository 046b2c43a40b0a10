// HTTP routes for first-run setup, login/logout, the current user and API tokens.
import { z } from '@hono/zod-openapi'
import { newApp, requireAuth, route } from '../../lib/route'
import { Email, errors, Id, json, jsonBody, Name, noContent } from '../../lib/schemas'
import { isInstanceOwner, mayCreateWorkspace } from '../instance/service'
import { MyWorkspace } from '../workspaces/schemas'
import { workspacesOf } from '../workspaces/service'
import { User } from './schemas'
import * as service from './service'
import { endSession, startSession } from './session'

const tags = ['Auth']
const Token = z
  .object({
    id: z.number(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('ApiToken')

export const authRoutes = newApp()
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/login',
      tags,
      summary:
        'Log in; sets the session cookie (repeated failures from one address slow that address down: 429)',
      request: { body: jsonBody(z.object({ email: Email, password: z.string().min(1).max(200) })) },
      responses: { 200: json(z.object({ user: User })), ...errors },
    }),
    async (c) => {
      const user = await service.login(c.get('deps'), { ...c.req.valid('json'), ip: c.get('clientIp') })
      endSession(c)
      startSession(c, user.id)
      return c.json({ user }, 200)
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: 'Log out (ends this session)',
      responses: { 204: noContent },
    }),
    (c) => {
      endSession(c)
      return c.body(null, 204)
    },
  )
  .openapi(
    route('authenticated', {
      method: 'get',
      path: '/me',
      tags,
      summary: 'The current user and their workspaces with role and permissions',
      responses: {
        200: json(
          z.object({
            user: User.extend({
              instanceOwner: z.boolean().openapi({ description: 'Runs the instance (settings, accounts)' }),
              canCreateWorkspace: z.boolean(),
            }),
            workspaces: z.array(MyWorkspace),
          }),
        ),
        ...errors,
      },
    }),
    (c) => {
      const { user } = requireAuth(c)
      const deps = c.get('deps')
      return c.json(
        {
          user: {
            ...user,
            instanceOwner: isInstanceOwner(deps, user.id),
            canCreateWorkspace: mayCreateWorkspace(deps, user.id),
          },
          workspaces: workspacesOf(deps, user.id),
        },
        200,
      )
    },
  )
  .openapi(
    route('authenticated', {
      method: 'get',
      path: '/tokens',
      tags,
      summary: "The caller's API tokens (never the secret)",
      responses: { 200: json(z.object({ items: z.array(Token) })), ...errors },
    }),
    (c) => c.json({ items: service.listTokens(c.get('deps'), requireAuth(c).user.id) }, 200),
  )
  .openapi(
    route('authenticated', {
      method: 'post',
      path: '/tokens',
      tags,
      summary: 'Create an API token; the secret is shown only in this answer',
      request: { body: jsonBody(z.object({ name: Name })) },
      responses: {
        201: json(
          z.object({
            id: z.number(),
            name: z.string(),
            prefix: z.string(),
            createdAt: z.string(),
            token: z.string(),
          }),
          'Created',
        ),
        ...errors,
      },
    }),
    (c) => c.json(service.createToken(c.get('deps'), requireAuth(c).user.id, c.req.valid('json').name), 201),
  )
  .openapi(
    route('authenticated', {
      method: 'delete',
      path: '/tokens/{id}',
      tags,
      summary: 'Revoke an API token',
      request: { params: z.object({ id: Id }) },
      responses: { 204: noContent, ...errors },
    }),
    (c) => {
      service.deleteToken(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

// HTTP routes for the instance: its settings and accounts (instance owners only), and the public
// password reset page's two calls.
import { z } from '@hono/zod-openapi'
import { newApp, publicOrigin, requireAuth, route } from '../../lib/route'
import { Email, errors, IdParams, json, jsonBody, noContent, Password } from '../../lib/schemas'
import { startSessionUnlessTwoFactor } from '../auth/session'
import * as service from './service'

const tags = ['Instance']
const Settings = z
  .object({
    workspaceCreation: z.enum(service.WORKSPACE_CREATION).openapi({
      description: '`owners`: only instance owners create workspaces; `everyone`: any signed-in user',
    }),
    auditRetentionDays: z
      .number()
      .int()
      .min(30)
      .max(3650)
      .openapi({ description: 'How many days the audit log keeps its events (30 to 3650)' }),
    passwordSignIn: z.boolean().openapi({
      description:
        'Passwords sign in; when off, only instance owners may still use one (the break-glass path), everyone else signs in through a provider',
    }),
    requireTwoFactor: z.boolean().openapi({
      description:
        'Every account signing in with a password must turn on two-factor authentication before doing anything else',
    }),
    version: z.number(),
  })
  .openapi('InstanceSettings')
const Account = z
  .object({
    id: z.number(),
    email: z.string(),
    name: z.string(),
    instanceOwner: z.boolean(),
    deactivatedAt: z.string().nullable().openapi({ description: 'Set: the account cannot sign in' }),
    createdAt: z.string(),
    workspaces: z.number(),
    lastSeenAt: z.string().nullable().openapi({ description: 'When one of its sessions was last used' }),
  })
  .openapi('Account')
const SessionOfAccount = z
  .object({
    id: z.number(),
    userAgent: z.string(),
    address: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('AccountSession')
const ResetLink = z
  .object({ email: z.string(), url: z.string(), expiresAt: z.string() })
  .openapi('PasswordResetLink')
const TokenParams = z.object({ token: z.string().min(10).max(200) })

export const instanceRoutes = newApp()
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/settings',
      tags,
      summary: 'The instance settings',
      responses: { 200: json(Settings), ...errors },
    }),
    async (c) => c.json(await service.settings(c.get('deps')), 200),
  )
  .openapi(
    route('instance', {
      method: 'patch',
      path: '/admin/settings',
      tags,
      summary: 'Change the instance settings',
      request: { body: jsonBody(Settings.omit({ version: true }).partial()) },
      responses: { 200: json(Settings), ...errors },
    }),
    async (c) =>
      c.json(await service.updateSettings(c.get('deps'), requireAuth(c).user.id, c.req.valid('json')), 200),
  )
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/users',
      tags,
      summary: 'Every account of the instance',
      responses: { 200: json(z.object({ items: z.array(Account) })), ...errors },
    }),
    async (c) => c.json({ items: await service.accounts(c.get('deps')) }, 200),
  )
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/workspaces',
      tags,
      summary:
        'Every workspace of the instance with its member count, roles and products (whether or not the caller is a member)',
      responses: {
        200: json(
          z.object({
            items: z.array(
              z
                .object({
                  id: z.number(),
                  name: z.string(),
                  createdAt: z.string(),
                  members: z.number(),
                  roles: z.array(
                    z.object({ id: z.number(), name: z.string(), builtIn: z.string().nullable() }),
                  ),
                  products: z.array(z.object({ id: z.number(), key: z.string(), name: z.string() })),
                })
                .openapi('InstanceWorkspace'),
            ),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => c.json({ items: await service.workspaces(c.get('deps')) }, 200),
  )
  .openapi(
    route('instance', {
      method: 'patch',
      path: '/admin/users/{id}',
      tags,
      summary:
        'Make an account an instance owner or not; deactivate it (`active: false`: it cannot sign in, its sessions, API tokens and live streams end at once, its history stays) or bring it back. The last active instance owner stays, and nobody deactivates themselves: 409',
      request: {
        params: IdParams,
        body: jsonBody(z.object({ instanceOwner: z.boolean().optional(), active: z.boolean().optional() })),
      },
      responses: { 200: json(Account.omit({ workspaces: true, lastSeenAt: true })), ...errors },
    }),
    async (c) =>
      c.json(
        await service.updateAccount(
          c.get('deps'),
          requireAuth(c).user.id,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  )
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/users/{id}/sessions',
      tags,
      summary: 'Where an account is signed in: its sessions, the most recently used first',
      request: { params: IdParams },
      responses: { 200: json(z.object({ items: z.array(SessionOfAccount) })), ...errors },
    }),
    async (c) =>
      c.json({ items: await service.sessionsOfAccount(c.get('deps'), c.req.valid('param').id) }, 200),
  )
  .openapi(
    route('instance', {
      method: 'delete',
      path: '/admin/users/{id}/sessions',
      tags,
      summary: 'Sign an account out everywhere: every session ends (deactivate it to end its API tokens too)',
      request: { params: IdParams },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await service.signOutEverywhere(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/users/{id}/password-reset',
      tags,
      summary: 'A one-time link (24 hours) with which the account holder sets a new password',
      request: { params: IdParams },
      responses: { 201: json(ResetLink, 'Created'), ...errors },
    }),
    async (c) =>
      c.json(
        await service.createPasswordReset(
          c.get('deps'),
          requireAuth(c).user.id,
          c.req.valid('param').id,
          publicOrigin(c),
        ),
        201,
      ),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/password-reset',
      tags,
      summary:
        'Email a one-time reset link (one hour) to the address, if it has an account: 202 either way; 409 `email_off` without email; throttled (429)',
      request: { body: jsonBody(z.object({ email: Email })) },
      responses: { 202: json(z.object({}), 'Accepted'), ...errors },
    }),
    async (c) => {
      await service.requestPasswordReset(c.get('deps'), c.req.valid('json').email, c.get('clientIp'))
      return c.json({}, 202)
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/auth/password-reset/{token}',
      tags,
      summary: 'Which account a reset link is for (unknown, used or expired: 404)',
      request: { params: TokenParams },
      responses: { 200: json(z.object({ email: z.string(), expiresAt: z.string() })), ...errors },
    }),
    async (c) => c.json(await service.describePasswordReset(c.get('deps'), c.req.valid('param').token), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags,
      summary:
        'Set a new password with a reset link: ends every session and logs in (`signedIn: false` with two-factor on: log in with the new password and a code)',
      request: { body: jsonBody(z.object({ token: z.string().min(10).max(200), password: Password })) },
      responses: {
        200: json(z.object({ userId: z.number(), email: z.string(), signedIn: z.boolean() })),
        ...errors,
      },
    }),
    async (c) => {
      const { token, password } = c.req.valid('json')
      const result = await service.confirmPasswordReset(c.get('deps'), token, password)
      const signedIn = await startSessionUnlessTwoFactor(c, result.userId, 'password_reset')
      return c.json({ ...result, signedIn }, 200)
    },
  )

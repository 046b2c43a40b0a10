// HTTP routes for first-run setup, login/logout, the current user and API tokens.
import { z } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { newApp, requireAuth, route } from '../../lib/route'
import { Email, errors, Id, json, jsonBody, Name, noContent, Password, TokenListed } from '../../lib/schemas'
import { isInstanceOwner, mayCreateWorkspace } from '../instance/service'
import { MyWorkspace } from '../workspaces/schemas'
import { workspacesOf } from '../workspaces/service'
import * as account from './account'
import { authRepo } from './repo'
import { User } from './schemas'
import * as service from './service'
import { cookieOptions, endSession, startSession } from './session'
import { finishPasswordSignIn } from './sign-in'
import * as twoFactor from './two-factor'

const tags = ['Auth']
const Token = TokenListed.openapi('ApiToken')

const Profile = User.extend({
  language: z.enum(account.LANGUAGES).nullable().openapi({ description: 'null: follow the browser' }),
  timeZone: z.string().nullable().openapi({ description: 'An IANA time zone; null: follow the browser' }),
  pendingEmail: z
    .string()
    .nullable()
    .openapi({ description: 'A new address waiting to be confirmed from its link (POST /api/me/email)' }),
}).openapi('Profile')

const SessionInfo = z
  .object({
    id: z.number(),
    current: z.boolean().openapi({ description: 'The session making this request' }),
    userAgent: z.string(),
    address: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .openapi('Session')

export const authRoutes = newApp()
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/login',
      tags,
      summary:
        'Log in; sets the session cookie. With two-factor on, answers `{twoFactorRequired: true}` and a short-lived cookie instead: send the code to /auth/login/totp (a browser trusted in the last 30 days skips it). Repeated failures from one address slow that address down: 429',
      request: { body: jsonBody(z.object({ email: Email, password: z.string().min(1).max(200) })) },
      responses: {
        200: json(
          z.object({
            user: User.optional(),
            twoFactorRequired: z
              .boolean()
              .optional()
              .openapi({ description: 'Send a code to /auth/login/totp' }),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const user = await service.login(deps, { ...c.req.valid('json'), ip: c.get('clientIp') })
      await service.assertPasswordSignIn(deps, user)
      return c.json(await finishPasswordSignIn(c, user, 'password'), 200)
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/login/totp',
      tags,
      summary:
        'The second step of a sign-in with two-factor: a code from the authenticator app (or a recovery code, once each). `rememberDevice` trusts this browser for 30 days. Wrong: 401 (the fifth ends the sign-in: enter the password again); repeated failures: 429',
      request: {
        body: jsonBody(
          z.object({ code: z.string().trim().min(6).max(20), rememberDevice: z.boolean().default(false) }),
        ),
      },
      responses: { 200: json(z.object({ user: User })), ...errors },
    }),
    async (c) => {
      const deps = c.get('deps')
      const { code, rememberDevice } = c.req.valid('json')
      const done = await twoFactor.completeChallenge(
        deps,
        getCookie(c, twoFactor.CHALLENGE_COOKIE),
        code,
        c.get('clientIp'),
      )
      deleteCookie(c, twoFactor.CHALLENGE_COOKIE, { path: '/api/auth' })
      if (rememberDevice) {
        const device = await twoFactor.trustDevice(deps, done.userId, {
          userAgent: (c.req.header('user-agent') ?? '').slice(0, 300),
          address: c.get('clientIp'),
        })
        setCookie(c, twoFactor.DEVICE_COOKIE, device.token, {
          ...cookieOptions(c),
          path: '/api/auth',
          expires: device.expiresAt,
        })
      }
      await endSession(c)
      await startSession(c, done.userId, done.method)
      return c.json({ user: (await authRepo.userById(deps.db, done.userId))! }, 200)
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
    async (c) => {
      await endSession(c)
      return c.body(null, 204)
    },
  )
  .openapi(
    route(
      'authenticated',
      {
        method: 'get',
        path: '/me',
        tags,
        summary: 'The current user and their workspaces with role and permissions',
        responses: {
          200: json(
            z.object({
              user: Profile.extend({
                instanceOwner: z.boolean().openapi({ description: 'Runs the instance (settings, accounts)' }),
                canCreateWorkspace: z.boolean(),
                twoFactor: z.boolean().openapi({ description: 'Two-factor authentication is on' }),
                mustSetUpTwoFactor: z.boolean().openapi({
                  description:
                    'The instance requires two-factor and it is not on yet: nothing else works until it is',
                }),
              }),
              workspaces: z.array(MyWorkspace),
            }),
          ),
          ...errors,
        },
      },
      { beforeTwoFactor: true },
    ),
    async (c) => {
      const { user } = requireAuth(c)
      const deps = c.get('deps')
      return c.json(
        {
          user: {
            ...user,
            ...(await account.profileOf(deps, user.id)),
            instanceOwner: await isInstanceOwner(deps, user.id),
            canCreateWorkspace: await mayCreateWorkspace(deps, user.id),
            twoFactor: await twoFactor.isOn(deps, user.id),
            mustSetUpTwoFactor: c.get('auth')?.mustSetUpTwoFactor ?? false,
          },
          workspaces: await workspacesOf(deps, user.id),
        },
        200,
      )
    },
  )
  .openapi(
    route('authenticated', {
      method: 'patch',
      path: '/me',
      tags,
      summary: 'Change your name, language or time zone (null: follow the browser)',
      request: {
        body: jsonBody(
          z.object({
            name: Name.optional(),
            language: z.enum(account.LANGUAGES).nullable().optional(),
            timeZone: z.string().max(64).nullable().optional().openapi({ example: 'Asia/Shanghai' }),
          }),
        ),
      },
      responses: { 200: json(Profile), ...errors },
    }),
    async (c) =>
      c.json(await account.updateProfile(c.get('deps'), requireAuth(c).user, c.req.valid('json')), 200),
  )
  .openapi(
    route('authenticated', {
      method: 'post',
      path: '/me/email',
      tags,
      summary:
        'Change your email address (the password first). With email on, a link goes to the new address and it changes when confirmed (`pending: true`); another account has it: 409',
      request: { body: jsonBody(z.object({ email: Email, password: z.string().min(1).max(200) })) },
      responses: { 200: json(z.object({ email: z.string(), pending: z.boolean() })), ...errors },
    }),
    async (c) =>
      c.json(
        await account.changeEmail(c.get('deps'), requireAuth(c).user, {
          ...c.req.valid('json'),
          ip: c.get('clientIp'),
        }),
        200,
      ),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/email-change/confirm',
      tags,
      summary: 'Confirm a new email address with the link sent to it (unknown, used or expired: 404)',
      request: { body: jsonBody(z.object({ token: z.string().min(10).max(200) })) },
      responses: { 200: json(z.object({ email: z.string() })), ...errors },
    }),
    async (c) => c.json(await account.confirmEmailChange(c.get('deps'), c.req.valid('json').token), 200),
  )
  .openapi(
    route('authenticated', {
      method: 'post',
      path: '/me/password',
      tags,
      summary:
        'Change your password: the current one first (wrong: 400, repeated failures: 429); every other session ends',
      request: {
        body: jsonBody(z.object({ currentPassword: z.string().min(1).max(200), newPassword: Password })),
      },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      const auth = requireAuth(c)
      const body = c.req.valid('json')
      await account.changePassword(c.get('deps'), auth.user, auth.sessionId, {
        ...body,
        ip: c.get('clientIp'),
      })
      return c.body(null, 204)
    },
  )
  .openapi(
    route('authenticated', {
      method: 'get',
      path: '/me/sessions',
      tags,
      summary: 'Where you are signed in: each session with its browser, address and when it was last used',
      responses: { 200: json(z.object({ items: z.array(SessionInfo) })), ...errors },
    }),
    async (c) => {
      const auth = requireAuth(c)
      return c.json({ items: await account.sessionsOf(c.get('deps'), auth.user.id, auth.sessionId) }, 200)
    },
  )
  .openapi(
    route('authenticated', {
      method: 'delete',
      path: '/me/sessions/{id}',
      tags,
      summary: 'Sign out one of your sessions',
      request: { params: z.object({ id: Id }) },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await account.endSession(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
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
    async (c) => c.json({ items: await service.listTokens(c.get('deps'), requireAuth(c).user.id) }, 200),
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
    async (c) =>
      c.json(await service.createToken(c.get('deps'), requireAuth(c).user.id, c.req.valid('json').name), 201),
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
    async (c) => {
      await service.deleteToken(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

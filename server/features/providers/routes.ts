// HTTP routes for company sign-in: the providers the login page offers, the OpenID Connect sign-on (two
// browser redirects), and the instance owners' settings of each provider.
import { z } from '@hono/zod-openapi'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { AppError, notFound } from '../../lib/errors'
import { newApp, publicOrigin, requireAuth, route } from '../../lib/route'
import { errors, IdParams, json, jsonBody, Name, noContent } from '../../lib/schemas'
import { User } from '../auth/schemas'
import { cookieOptions, startSession } from '../auth/session'
import { finishPasswordSignIn } from '../auth/sign-in'
import { settings as instanceSettings } from '../instance/service'
import * as ldap from './ldap'
import * as oidc from './oidc'
import { OIDC_PRESETS } from './presets'
import { providerRepo } from './repo'
import { Access, NewProvider, Provider, Slug } from './schemas'
import * as service from './service'

const tags = ['Sign-in']
const PublicProvider = z
  .object({
    id: z.string().openapi({ description: 'Its short name' }),
    name: z.string(),
    type: z.enum(['oidc', 'ldap']),
  })
  .openapi('PublicSignInProvider')
const ProviderParams = z.object({ provider: Slug.openapi({ param: { name: 'provider', in: 'path' } }) })
const Redirect = { description: 'A redirect (Location)' } as const
const OIDC_COOKIE_PATH = '/api/auth/oidc'

export const providerRoutes = newApp()
  .openapi(
    route('public', {
      method: 'get',
      path: '/auth/providers',
      tags,
      summary: 'The company sign-in providers the login page offers (enabled ones)',
      responses: { 200: json(z.array(PublicProvider)) },
    }),
    async (c) => c.json(await service.publicList(c.get('deps')), 200),
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/auth/sign-in-options',
      tags,
      summary:
        'What the login page offers: the providers, and whether passwords sign in (when not, only instance owners may still use one)',
      responses: {
        200: json(z.object({ passwordSignIn: z.boolean(), providers: z.array(PublicProvider) })),
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const { passwordSignIn } = await instanceSettings(deps)
      return c.json({ passwordSignIn, providers: await service.publicList(deps) }, 200)
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/auth/oidc/{provider}/start',
      tags,
      summary:
        'Start signing in with an OpenID Connect provider: redirects to the issuer (PKCE, state and nonce); `next` is where to go afterwards (a path of this site)',
      request: { params: ProviderParams, query: z.object({ next: z.string().max(500).optional() }) },
      responses: { 302: Redirect, ...errors },
    }),
    async (c) => {
      const { provider } = c.req.valid('param')
      try {
        const started = await oidc.start(c.get('deps'), provider, publicOrigin(c), c.req.valid('query').next)
        setCookie(c, oidc.BROWSER_COOKIE, started.browserToken, {
          ...cookieOptions(c),
          path: OIDC_COOKIE_PATH,
          maxAge: oidc.LOGIN_MINUTES * 60,
        })
        return c.redirect(started.url, 302)
      } catch (err) {
        if (err instanceof oidc.IssuerProblem) {
          c.get('deps').log(`oidc ${provider}: ${err.message}`)
          return c.redirect('/login?sso=unavailable', 302)
        }
        // A provider switched off or removed while the login page was open: said there, not as JSON.
        if (err instanceof AppError && err.code === 'not_found')
          return c.redirect('/login?sso=unknown_provider', 302)
        throw err
      }
    },
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/auth/oidc/{provider}/callback',
      tags,
      summary:
        'Where the issuer sends the browser back: checks the sign-on and the ID token, signs in and redirects on; a failure redirects to /login?sso=<reason>',
      request: { params: ProviderParams },
      responses: { 302: Redirect, ...errors },
    }),
    async (c) => {
      const { provider } = c.req.valid('param')
      const deps = c.get('deps')
      const browserToken = getCookie(c, oidc.BROWSER_COOKIE)
      deleteCookie(c, oidc.BROWSER_COOKIE, { path: OIDC_COOKIE_PATH })
      try {
        const done = await oidc.finish(deps, provider, browserToken, new URL(c.req.url))
        await startSession(c, done.user.id, 'oidc', { provider })
        return c.redirect(done.next, 302)
      } catch (err) {
        if (err instanceof oidc.SsoFailed) return c.redirect(`/login?sso=${err.reason}`, 302)
        if (err instanceof AppError && err.code === 'not_found')
          return c.redirect('/login?sso=unknown_provider', 302)
        throw err
      }
    },
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/auth/ldap/{provider}/login',
      tags,
      summary:
        'Sign in with a directory login and password (checked by the directory, never stored). Like /auth/login: `{twoFactorRequired: true}` when the account has Keel two-factor on; 401 wrong login or password; 503 when the directory cannot be reached; 429 after repeated failures',
      request: {
        params: ProviderParams,
        body: jsonBody(z.object({ login: z.string().trim().min(1).max(200), password: z.string().max(200) })),
      },
      responses: {
        200: json(z.object({ user: User.optional(), twoFactorRequired: z.boolean().optional() })),
        ...errors,
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const { provider } = c.req.valid('param')
      const user = await ldap.signIn(deps, provider, { ...c.req.valid('json'), ip: c.get('clientIp') })
      return c.json(await finishPasswordSignIn(c, user, 'ldap', { provider }), 200)
    },
  )
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/providers',
      tags,
      summary: 'The sign-in providers (never their secrets), with presets for common OpenID Connect issuers',
      responses: {
        200: json(
          z.object({
            items: z.array(Provider),
            presets: z.array(
              z
                .object({
                  key: z.string(),
                  name: z.string(),
                  issuer: z.string(),
                  scopes: z.string(),
                  groupsClaim: z.string().nullable(),
                  trustEmails: z.boolean(),
                  note: z.object({ en: z.string(), zh: z.string() }),
                })
                .openapi('OidcPreset'),
            ),
            callbackUrlTemplate: z
              .string()
              .openapi({ description: 'The redirect URI to register at the issuer' }),
          }),
        ),
        ...errors,
      },
    }),
    async (c) =>
      c.json(
        {
          items: await service.list(c.get('deps')),
          presets: OIDC_PRESETS.map((p) => ({ ...p })),
          callbackUrlTemplate: oidc.callbackUrl(publicOrigin(c), '<slug>'),
        },
        200,
      ),
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/providers',
      tags,
      summary: 'Add an OpenID Connect issuer or an LDAP directory (short name taken: 409)',
      request: { body: jsonBody(NewProvider) },
      responses: { 201: json(Provider, 'Created'), ...errors },
    }),
    async (c) =>
      c.json(await service.create(c.get('deps'), requireAuth(c).user.id, c.req.valid('json')), 201),
  )
  .openapi(
    route('instance', {
      method: 'patch',
      path: '/admin/providers/{id}',
      tags,
      summary:
        'Change a provider (its settings are checked against its type; an omitted secret is kept, an empty one removed; one from the environment: 409)',
      request: {
        params: IdParams,
        body: jsonBody(
          z.object({
            name: Name.optional(),
            enabled: z.boolean().optional(),
            secret: z.string().max(1000).optional(),
            config: z.record(z.string(), z.unknown()).optional(),
            access: Access.optional(),
          }),
        ),
      },
      responses: { 200: json(Provider), ...errors },
    }),
    async (c) =>
      c.json(
        await service.update(
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
      method: 'delete',
      path: '/admin/providers/{id}',
      tags,
      summary: 'Remove a provider; accounts made through it stay (and sign in some other way)',
      request: { params: IdParams },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await service.remove(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/providers/{id}/test',
      tags,
      summary:
        'Test a provider: an issuer must answer its discovery document; a directory must accept the bind and the search. Answers what failed, in words',
      request: { params: IdParams },
      responses: {
        200: json(
          z.object({
            ok: z.boolean(),
            message: z.string(),
            details: z.record(z.string(), z.unknown()).optional(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const deps = c.get('deps')
      const provider = await providerRepo.byId(deps.db, c.req.valid('param').id)
      if (!provider) throw notFound('Sign-in provider')
      try {
        if (provider.type === 'ldap') {
          const details = await ldap.testDirectory(provider)
          return c.json(
            { ok: true, message: `Connected, signed in and found ${details.entries} entries`, details },
            200,
          )
        }
        const details = await oidc.testIssuer(deps, provider)
        return c.json({ ok: true, message: `The issuer ${details.issuer} answered`, details }, 200)
      } catch (err) {
        if (err instanceof ldap.DirectoryProblem || err instanceof oidc.IssuerProblem)
          return c.json({ ok: false, message: err.message }, 200)
        throw err
      }
    },
  )

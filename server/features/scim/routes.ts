// SCIM 2.0 over HTTP at /scim/v2 (outside /api: directories expect SCIM's own paths, media type and error
// shape), and the instance owners' routes that make and revoke the bearer tokens directories use.
import { z } from '@hono/zod-openapi'
import { type Context, Hono } from 'hono'
import type { AppDeps, AppEnv } from '../../lib/context'
import { AppError } from '../../lib/errors'
import { newApp, publicOrigin, requireAuth, route } from '../../lib/route'
import { errors, IdParams, json, jsonBody, Name, noContent, TokenListed } from '../../lib/schemas'
import type { ProviderRow } from '../providers/repo'
import * as scim from './service'

const SCIM_TYPE = 'application/scim+json'
const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error'

const answer = (c: Context<AppEnv>, body: unknown, status: 200 | 201 = 200) =>
  c.body(JSON.stringify(body), status, { 'content-type': SCIM_TYPE })

function scimError(c: Context<AppEnv>, err: unknown) {
  const [status, detail, scimType] =
    err instanceof scim.ScimError
      ? [err.status, err.message, err.scimType]
      : err instanceof AppError && err.status < 500
        ? [err.status, err.message, undefined]
        : [500, 'Internal error', undefined]
  if (status === 500)
    c.get('deps').log(`scim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  return c.body(
    JSON.stringify({
      schemas: [ERROR_SCHEMA],
      status: String(status),
      detail,
      ...(scimType && { scimType }),
    }),
    status as 400,
    {
      'content-type': SCIM_TYPE,
    },
  )
}

async function body(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    const parsed = await c.req.json()
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>
  } catch {}
  throw new scim.ScimError(400, 'The body must be a JSON object', 'invalidSyntax')
}

const listQuery = (c: Context<AppEnv>) => ({
  filter: c.req.query('filter'),
  startIndex: Number(c.req.query('startIndex') ?? 1) || 1,
  count: Number(c.req.query('count') ?? 100) || 100,
})

type Handler = (c: Context<AppEnv>, provider: ProviderRow, base: string) => Promise<Response>

/** Each SCIM request: the bearer token's provider, then the handler; any failure in SCIM's error shape. */
const handle =
  (fn: Handler) =>
  async (c: Context<AppEnv>): Promise<Response> => {
    try {
      const provider = await scim.providerOfToken(c.get('deps'), c.req.header('authorization'))
      return await fn(c, provider, `${publicOrigin(c)}/scim/v2`)
    } catch (err) {
      return scimError(c, err)
    }
  }

const CONFIG = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
  documentationUri: 'https://github.com/keel/keel#company-sign-in-two-factor-and-the-audit-log',
  patch: { supported: true },
  bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
  filter: { supported: true, maxResults: 200 },
  changePassword: { supported: false },
  sort: { supported: false },
  etag: { supported: false },
  authenticationSchemes: [
    {
      type: 'oauthbearertoken',
      name: 'Bearer token',
      description: 'A SCIM token made by an instance owner',
      primary: true,
    },
  ],
}

const RESOURCE_TYPES = [
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    schema: scim.USER_SCHEMA,
  },
  {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    schema: scim.GROUP_SCHEMA,
  },
]

export const scimRoutes = new Hono<AppEnv>()
  .get(
    '/ServiceProviderConfig',
    handle(async (c) => answer(c, CONFIG)),
  )
  .get(
    '/ResourceTypes',
    handle(async (c) =>
      answer(c, { schemas: [scim.LIST_SCHEMA], totalResults: 2, Resources: RESOURCE_TYPES }),
    ),
  )

/** What a SCIM resource type (Users, Groups) does, by the service functions doing it. */
interface Resource {
  list(deps: AppDeps, p: ProviderRow, q: ReturnType<typeof listQuery>, base: string): Promise<unknown>
  create(deps: AppDeps, p: ProviderRow, body: Record<string, unknown>, base: string): Promise<unknown>
  get(deps: AppDeps, p: ProviderRow, id: string, base: string): Promise<unknown>
  replace(
    deps: AppDeps,
    p: ProviderRow,
    id: string,
    body: Record<string, unknown>,
    base: string,
  ): Promise<unknown>
  patch(
    deps: AppDeps,
    p: ProviderRow,
    id: string,
    body: Record<string, unknown>,
    base: string,
  ): Promise<unknown>
  remove(deps: AppDeps, p: ProviderRow, id: string): Promise<void>
}

/** The six routes of a resource type: list and create at `path`, the rest at `path/:id`. */
function resource(path: string, r: Resource) {
  const one = `${path}/:id`
  const id = (c: Context<AppEnv>) => c.req.param('id') ?? ''
  scimRoutes
    .get(
      path,
      handle(async (c, p, base) => answer(c, await r.list(c.get('deps'), p, listQuery(c), base))),
    )
    .post(
      path,
      handle(async (c, p, base) => answer(c, await r.create(c.get('deps'), p, await body(c), base), 201)),
    )
    .get(
      one,
      handle(async (c, p, base) => answer(c, await r.get(c.get('deps'), p, id(c), base))),
    )
    .put(
      one,
      handle(async (c, p, base) => answer(c, await r.replace(c.get('deps'), p, id(c), await body(c), base))),
    )
    .patch(
      one,
      handle(async (c, p, base) => answer(c, await r.patch(c.get('deps'), p, id(c), await body(c), base))),
    )
    .delete(
      one,
      handle(async (c, p) => {
        await r.remove(c.get('deps'), p, id(c))
        return c.body(null, 204)
      }),
    )
}

resource('/Users', {
  list: scim.listUsers,
  create: scim.createUser,
  get: scim.getUser,
  replace: scim.replaceUser,
  patch: scim.patchUser,
  remove: scim.deleteUser,
})
resource('/Groups', {
  list: scim.listGroups,
  create: scim.createGroup,
  get: scim.getGroup,
  replace: scim.replaceGroup,
  patch: scim.patchGroup,
  remove: scim.deleteGroup,
})
scimRoutes.all('*', (c) => scimError(c, new scim.ScimError(404, 'No such SCIM endpoint')))

const tags = ['Sign-in']
const ScimToken = TokenListed.openapi('ScimToken')

export const scimTokenRoutes = newApp()
  .openapi(
    route('instance', {
      method: 'get',
      path: '/admin/providers/{id}/scim-tokens',
      tags,
      summary: 'The SCIM tokens a directory provisions through for this provider (never the secret)',
      request: { params: IdParams },
      responses: { 200: json(z.object({ items: z.array(ScimToken), baseUrl: z.string() })), ...errors },
    }),
    async (c) =>
      c.json(
        {
          items: await scim.tokens(c.get('deps'), c.req.valid('param').id),
          baseUrl: `${publicOrigin(c)}/scim/v2`,
        },
        200,
      ),
  )
  .openapi(
    route('instance', {
      method: 'post',
      path: '/admin/providers/{id}/scim-tokens',
      tags,
      summary:
        'A SCIM bearer token for the directory (shown only in this answer): it creates, updates and deactivates people and groups under this provider’s rules',
      request: { params: IdParams, body: jsonBody(z.object({ name: Name })) },
      responses: {
        201: json(ScimToken.omit({ lastUsedAt: true }).extend({ token: z.string() }), 'Created'),
        ...errors,
      },
    }),
    async (c) =>
      c.json(
        await scim.createToken(
          c.get('deps'),
          requireAuth(c).user.id,
          c.req.valid('param').id,
          c.req.valid('json').name,
        ),
        201,
      ),
  )
  .openapi(
    route('instance', {
      method: 'delete',
      path: '/admin/scim-tokens/{id}',
      tags,
      summary: 'Revoke a SCIM token',
      request: { params: IdParams },
      responses: { 204: noContent, ...errors },
    }),
    async (c) => {
      await scim.deleteToken(c.get('deps'), requireAuth(c).user.id, c.req.valid('param').id)
      return c.body(null, 204)
    },
  )

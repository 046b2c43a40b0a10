// Every API route is declared through `route()`, which requires its access rule, enforces it before the
// handler runs and publishes it in the OpenAPI document as `x-permission` (the permission matrix test
// reads it from there).
// The edit (versioned PATCH) and the delete of a workspace record are declared once here for all.
import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { accessEpoch } from '../../db/access-epoch'
import type { AppDeps, AppEnv, Auth, Membership, ServiceContext } from './context'
import { AppError, notFound } from './errors'
import { isPermission, type Permission } from './permissions'
import { errors, expectedVersion, IfMatch, json, jsonBody, noContent, WsIdParams } from './schemas'

/**
 * - `public`: anyone, logged in or not;
 * - `authenticated`: any logged-in user, outside a workspace;
 * - `instance`: an owner of the instance (its settings and accounts), outside any workspace;
 * - `member`: any member of the `{ws}` workspace in the path;
 * - a permission: a member whose role holds it.
 */
export type Access = 'public' | 'authenticated' | 'instance' | 'member' | Permission

/** A user's role and products in a workspace, cached while the access epoch holds; none if not a member. */
export async function membershipOf(
  deps: AppDeps,
  ws: number,
  userId: number,
  /** The epoch this request read already (see `accessEpoch` in AppEnv); else read now. */
  known?: number,
): Promise<Omit<Membership, 'workspaceId'> | undefined> {
  const epoch = known ?? (await accessEpoch(deps.db))
  const key = `${ws}:${userId}`
  const cached = deps.memberships.get(epoch, key)
  if (cached) return cached
  const row = await deps.readMembership(ws, userId)
  if (!row) return undefined
  const member = {
    memberId: row.memberId,
    roleId: row.roleId,
    permissions: new Set(row.permissions.filter(isPermission)),
    productIds: row.productIds,
  }
  deps.memberships.set(epoch, key, member)
  return member
}

/** Who is asking (set by the auth feature's `authenticate()` middleware); 401 when nobody is logged in. */
export function requireAuth(c: Context<AppEnv>): Auth {
  const auth = c.get('auth')
  if (!auth) throw new AppError('unauthenticated', 'Please log in')
  return auth
}

/** What a route says of itself beyond its access. */
export interface RouteOptions {
  /**
   * Open to a session that must turn on two-factor first (the instance requires it): the few routes that
   * set it up. Every other route answers it 403 with `details.reason: two_factor_setup_required`.
   */
  beforeTwoFactor?: boolean
}

function guard(access: Access, options: RouteOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access === 'public') return next()
    const auth = requireAuth(c)
    if (auth.mustSetUpTwoFactor && !options.beforeTwoFactor)
      throw new AppError('forbidden', 'Turn on two-factor authentication first: this Keel requires it', {
        reason: 'two_factor_setup_required',
      })
    if (access === 'authenticated') return next()
    if (access === 'instance') {
      if (!(await c.get('deps').isInstanceOwner(auth.user.id)))
        throw new AppError('forbidden', 'Only an owner of this Keel instance may do this', {
          permission: access,
        })
      return next()
    }
    const ws = Number(c.req.param('ws'))
    if (!Number.isSafeInteger(ws) || ws <= 0) throw notFound('Workspace')
    const member = await membershipOf(c.get('deps'), ws, auth.user.id, c.get('accessEpoch'))
    if (!member) throw notFound('Workspace')
    const membership: Membership = { workspaceId: ws, ...member }
    c.set('membership', membership)
    if (access !== 'member' && !membership.permissions.has(access)) {
      throw new AppError('forbidden', `Your role does not allow this (needs ${access})`, {
        permission: access,
      })
    }
    return next()
  }
}

const AUTH: Record<string, string[]>[] = [{ cookie: [] }, { bearer: [] }]
const NO_AUTH: Record<string, string[]>[] = []

export function route<const R extends Omit<RouteConfig, 'middleware'>>(
  access: Access,
  config: R,
  options: RouteOptions = {},
) {
  return createRoute({
    ...config,
    middleware: [guard(access, options)] as const,
    'x-permission': access,
    security: access === 'public' ? NO_AUTH : AUTH,
  })
}

/** The service context of a guarded workspace route. */
export function serviceContext(c: Context<AppEnv>): ServiceContext {
  return { deps: c.get('deps'), user: requireAuth(c).user, membership: c.get('membership') }
}

/**
 * A 200 answer whose JSON text was built elsewhere (by SQLite), standing in for the route's declared
 * JSON type: the query that builds it owns the shape, and its tests parse it with the route's schema.
 */
export const jsonText = (c: Context<AppEnv>, text: string): never =>
  c.body(text, 200, { 'content-type': 'application/json; charset=utf-8' }) as never

/** The origin links are built from: the configured public URL, else the request's own. */
export function publicOrigin(c: Context<AppEnv>): string {
  const configured = c.get('deps').publicUrl
  return configured ? new URL(configured).origin : new URL(c.req.url).origin
}

/** What a route of one workspace record (`…/{id}`) says of itself. */
interface RecordRouteConfig<P extends string> {
  path: P
  tags: string[]
  summary: string
}

/**
 * PATCH of a workspace record with optimistic concurrency: the body's fields plus the version the caller
 * read, which If-Match may give instead; a stale one answers 409 with the current record.
 */
export function editRoute<const P extends string, B extends z.ZodRawShape, R extends z.ZodType>(
  access: Access,
  config: RecordRouteConfig<P> & { body: z.ZodObject<B>; response: R },
) {
  const { path, tags, summary, body, response } = config
  return route(access, {
    method: 'patch',
    path,
    tags,
    summary,
    request: {
      params: WsIdParams,
      headers: IfMatch,
      body: jsonBody(body.extend({ version: z.number().int().optional() })),
    },
    responses: { 200: json(response), ...errors },
  })
}

/** DELETE of a workspace record: 204 once it is gone. */
export function deleteRoute<const P extends string>(access: Access, config: RecordRouteConfig<P>) {
  const { path, tags, summary } = config
  return route(access, {
    method: 'delete',
    path,
    tags,
    summary,
    request: { params: WsIdParams },
    responses: { 204: noContent, ...errors },
  })
}

/** What a versioned edit's handler reads of its request. */
type EditInput<Patch> = {
  out: { param: { id: number }; header: { 'if-match'?: string }; json: Patch & { version?: number } }
}

/**
 * The handler of a versioned edit of the record `{id}` (editRoute, or a route like it): the body without
 * its version goes to `edit` with the version expected (If-Match, else the body's); answers the record.
 */
export function edited<Patch, Result>(
  edit: (ctx: ServiceContext, id: number, patch: Patch, expected: number | undefined) => Result,
) {
  // Generic in the path and input, so that the route (not this handler) types the API's schema.
  return async <P extends string, I extends EditInput<Patch>>(c: Context<AppEnv, P, I>) => {
    const { version, ...patch } = c.req.valid('json')
    const expected = expectedVersion(c.req.valid('header')['if-match'], version)
    return c.json(await edit(serviceContext(c), c.req.valid('param').id, patch as Patch, expected), 200)
  }
}

/** The handler of deleteRoute: `remove` takes the record `{id}` away. */
export function deleted(remove: (ctx: ServiceContext, id: number) => Promise<unknown>) {
  return async <P extends string, I extends { out: { param: { id: number } } }>(c: Context<AppEnv, P, I>) => {
    await remove(serviceContext(c), c.req.valid('param').id)
    return c.body(null, 204)
  }
}

export const newApp = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

/** zod failures become 400 invalid_input with the issues in details. */
function validationHook(result: { success: boolean; error?: { issues: unknown } }) {
  if (!result.success) throw new AppError('invalid_input', 'The request is not valid', result.error?.issues)
}

// HTTP routes for workspaces, roles, members and invites.
import { z } from '@hono/zod-openapi'
import { PERMISSIONS } from '../../lib/permissions'
import {
  deleted,
  deleteRoute,
  edited,
  editRoute,
  newApp,
  publicOrigin,
  requireAuth,
  route,
  serviceContext,
} from '../../lib/route'
import { errors, expectedVersion, IfMatch, json, jsonBody, WsParams } from '../../lib/schemas'
import { startSessionUnlessTwoFactor } from '../auth/session'
import { seedDemo } from '../demo/seed'
import { assertMayCreateWorkspace } from '../instance/service'
import * as schemas from './schemas'
import * as service from './service'

const tags = ['Workspaces']
const TokenParams = z.object({ token: z.string().min(10).max(200) })

export const workspaceRoutes = newApp()
  .openapi(
    route('public', {
      method: 'get',
      path: '/permissions',
      tags,
      summary: 'Every permission, with zh-CN and en descriptions',
      responses: {
        200: json(
          z.array(
            z.object({
              name: z.string(),
              group: z.string(),
              description: z.string(),
              descriptionZh: z.string(),
            }),
          ),
        ),
      },
    }),
    (c) =>
      c.json(
        PERMISSIONS.map((p) => ({ name: p.name, group: p.group, description: p.en, descriptionZh: p.zh })),
        200,
      ),
  )
  .openapi(
    route('authenticated', {
      method: 'get',
      path: '/workspaces',
      tags,
      summary: "The caller's workspaces",
      responses: { 200: json(z.array(schemas.MyWorkspace)), ...errors },
    }),
    async (c) => c.json(await service.workspacesOf(c.get('deps'), requireAuth(c).user.id), 200),
  )
  .openapi(
    route('authenticated', {
      method: 'post',
      path: '/workspaces',
      tags,
      summary:
        'Create a workspace; the caller becomes its owner (who may is an instance setting: by default instance owners)',
      request: { body: jsonBody(schemas.WorkspaceCreate) },
      responses: { 201: json(schemas.Workspace, 'Created'), ...errors },
    }),
    async (c) => {
      const { name, demo } = c.req.valid('json')
      const deps = c.get('deps')
      const user = requireAuth(c).user
      await assertMayCreateWorkspace(deps, user.id)
      return c.json(
        demo ? await seedDemo(deps, user.id, name) : await service.createWorkspace(deps, user.id, name),
        201,
      )
    },
  )
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}',
      tags,
      summary: 'One workspace',
      request: { params: WsParams },
      responses: { 200: json(schemas.Workspace), ...errors },
    }),
    async (c) => c.json(await service.getWorkspace(serviceContext(c)), 200),
  )
  .openapi(
    route('workspace.manage', {
      method: 'patch',
      path: '/workspaces/{ws}',
      tags,
      summary: 'Rename a workspace',
      request: { params: WsParams, headers: IfMatch, body: jsonBody(schemas.WorkspacePatch) },
      responses: { 200: json(schemas.Workspace), ...errors },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const version = expectedVersion(c.req.valid('header')['if-match'], body.version)
      return c.json(await service.renameWorkspace(serviceContext(c), body.name, version), 200)
    },
  )
  // Roles
  .openapi(
    route('member', {
      method: 'get',
      path: '/workspaces/{ws}/roles',
      tags,
      summary: 'Roles of the workspace, built-in first',
      request: { params: WsParams },
      responses: { 200: json(z.array(schemas.Role)), ...errors },
    }),
    async (c) => c.json(await service.listRoles(serviceContext(c)), 200),
  )
  .openapi(
    route('role.manage', {
      method: 'post',
      path: '/workspaces/{ws}/roles',
      tags,
      summary: 'Create a custom role',
      request: { params: WsParams, body: jsonBody(schemas.RoleCreate) },
      responses: { 201: json(schemas.Role, 'Created'), ...errors },
    }),
    async (c) => c.json(await service.createRole(serviceContext(c), c.req.valid('json')), 201),
  )
  .openapi(
    editRoute('role.manage', {
      path: '/workspaces/{ws}/roles/{id}',
      tags,
      summary: 'Edit a custom role (built-in roles answer 409)',
      body: schemas.RolePatch,
      response: schemas.Role,
    }),
    edited(service.updateRole),
  )
  .openapi(
    deleteRoute('role.manage', {
      path: '/workspaces/{ws}/roles/{id}',
      tags,
      summary: 'Delete a custom role that nobody holds',
    }),
    deleted(service.deleteRole),
  )
  // Members
  .openapi(
    route('member.view', {
      method: 'get',
      path: '/workspaces/{ws}/members',
      tags,
      summary: 'Members of the workspace',
      request: { params: WsParams },
      responses: { 200: json(z.object({ items: z.array(schemas.Member) })), ...errors },
    }),
    async (c) => c.json({ items: await service.listMembers(serviceContext(c)) }, 200),
  )
  .openapi(
    route('member.manage', {
      method: 'post',
      path: '/workspaces/{ws}/members',
      tags,
      summary: 'Invite someone: answers a one-time invite link valid for 7 days',
      request: { params: WsParams, body: jsonBody(schemas.MemberInvite) },
      responses: { 201: json(schemas.InviteCreated, 'Invited'), ...errors },
    }),
    async (c) => c.json(await service.invite(serviceContext(c), c.req.valid('json'), publicOrigin(c)), 201),
  )
  .openapi(
    editRoute('member.manage', {
      path: '/workspaces/{ws}/members/{id}',
      tags,
      summary: "Change a member's role or the products they may see",
      body: schemas.MemberPatch,
      response: schemas.Member,
    }),
    edited(service.updateMember),
  )
  .openapi(
    deleteRoute('member.manage', {
      path: '/workspaces/{ws}/members/{id}',
      tags,
      summary: 'Remove a member (the last owner cannot be removed: 409)',
    }),
    deleted(service.removeMember),
  )
  // Invites
  .openapi(
    route('member.manage', {
      method: 'get',
      path: '/workspaces/{ws}/invites',
      tags,
      summary: 'Pending invites',
      request: { params: WsParams },
      responses: { 200: json(z.object({ items: z.array(schemas.Invite) })), ...errors },
    }),
    async (c) => c.json({ items: await service.listInvites(serviceContext(c)) }, 200),
  )
  .openapi(
    deleteRoute('member.manage', {
      path: '/workspaces/{ws}/invites/{id}',
      tags,
      summary: 'Revoke a pending invite',
    }),
    deleted(service.revokeInvite),
  )
  .openapi(
    route('public', {
      method: 'get',
      path: '/invites/{token}',
      tags,
      summary: 'What an invite link is for (unknown, used or expired: 404)',
      request: { params: TokenParams },
      responses: { 200: json(schemas.InviteInfo), ...errors },
    }),
    async (c) => c.json(await service.describeInvite(c.get('deps'), c.req.valid('param').token), 200),
  )
  .openapi(
    route('public', {
      method: 'post',
      path: '/invites/{token}/accept',
      tags,
      summary:
        'Accept an invite: creates the account (or checks its password) and logs in (`signedIn: false` for an account with two-factor on: log in with the password and a code)',
      request: { params: TokenParams, body: jsonBody(schemas.InviteAccept) },
      responses: {
        200: json(
          z.object({
            user: z.object({ id: z.number(), email: z.string(), name: z.string() }),
            workspaceId: z.number(),
            signedIn: z.boolean(),
          }),
        ),
        ...errors,
      },
    }),
    async (c) => {
      const result = await service.acceptInvite(c.get('deps'), c.req.valid('param').token, {
        ...c.req.valid('json'),
        ip: c.get('clientIp'),
      })
      const signedIn = await startSessionUnlessTwoFactor(c, result.user.id, 'invite')
      return c.json({ ...result, signedIn }, 200)
    },
  )

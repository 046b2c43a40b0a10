// Request and response schemas for workspaces, roles, members and invites.
import { z } from '@hono/zod-openapi'
import { PERMISSION_NAMES, type Permission } from '../../lib/permissions'
import { Email, Id, IdSet, Name, Password } from '../../lib/schemas'

export const PermissionName = z
  .string()
  .refine((p): p is Permission => (PERMISSION_NAMES as readonly string[]).includes(p), {
    message: 'Unknown permission',
  })
  .transform((p) => p as Permission)
  .openapi({ type: 'string', enum: [...PERMISSION_NAMES] })

export const Workspace = z
  .object({ id: z.number(), name: z.string(), createdAt: z.string(), version: z.number() })
  .openapi('Workspace')

export const MyWorkspace = z
  .object({
    id: z.number(),
    name: z.string(),
    role: z.object({ id: z.number(), name: z.string(), builtIn: z.string().nullable() }),
    permissions: z.array(z.string()),
    contacts: z.array(z.object({ name: z.string(), email: z.string().nullable() })).openapi({
      description:
        'Whom to ask for access: up to three members who may change roles, owners first; their email only for those with member.view',
    }),
  })
  .openapi('MyWorkspace')

export const Role = z
  .object({
    id: z.number(),
    workspaceId: z.number(),
    name: z.string(),
    builtIn: z
      .string()
      .nullable()
      .openapi({ description: 'owner, admin, pm, developer, stakeholder or guest; null for custom roles' }),
    permissions: z.array(z.string()),
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('Role')

export const Member = z
  .object({
    id: z.number(),
    userId: z.number(),
    name: z.string(),
    email: z.string(),
    deactivated: z.boolean().openapi({ description: 'The account was deactivated: it cannot sign in' }),
    roleId: z.number(),
    restricted: z.boolean(),
    productIds: z.array(z.number()).nullable().openapi({ description: 'null: every product' }),
    createdAt: z.string(),
    version: z.number(),
  })
  .openapi('Member')

export const Invite = z
  .object({
    id: z.number(),
    email: z.string(),
    name: z.string(),
    roleId: z.number(),
    productIds: z.array(z.number()).nullable(),
    createdAt: z.string(),
    expiresAt: z.string(),
  })
  .openapi('Invite')

export const WorkspaceCreate = z.object({
  name: Name,
  demo: z.boolean().optional().openapi({ description: 'Fill the workspace with the demo data' }),
})
export const WorkspacePatch = z.object({ name: Name, version: z.number().int().optional() })

export const RoleCreate = z.object({ name: Name, permissions: z.array(PermissionName).max(200) })
/** An edit's fields; the route adds the version the caller read (editRoute). */
export const RolePatch = z.object({
  name: Name.optional(),
  permissions: z.array(PermissionName).max(200).optional(),
})

const ProductIds = IdSet(1000).nullable().optional().openapi({ description: 'null or absent: every product' })

export const MemberInvite = z.object({ email: Email, name: Name, roleId: Id, productIds: ProductIds })
/** An edit's fields; the route adds the version the caller read (editRoute). */
export const MemberPatch = z.object({ roleId: Id.optional(), productIds: ProductIds })

export const InviteAccept = z.object({ name: Name.optional(), password: Password })
export const InviteInfo = z
  .object({
    workspaceName: z.string(),
    email: z.string(),
    name: z.string(),
    existingUser: z.boolean(),
    expiresAt: z.string(),
  })
  .openapi('InviteInfo')

export const InviteCreated = z
  .object({
    invite: Invite,
    token: z.string(),
    url: z.string(),
    emailed: z.boolean().openapi({ description: 'Whether the link was emailed too (email is on)' }),
  })
  .openapi('InviteCreated')

// SQL for workspaces, roles, members and invites.
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { dialectOf } from '../../../db/dialect'
import { prepared } from '../../../db/prepared'
import { changes, first, single } from '../../../db/query'
import { invites, memberProducts, members, products, roles, users, workspaces } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

// Every workspace request (and every SSE delivery) authorizes through these: prepared once.
const membershipQuery = (db: Db) =>
  db
    .select({
      memberId: members.id,
      roleId: members.roleId,
      restricted: members.restricted,
      permissions: roles.permissions,
    })
    .from(members)
    .innerJoin(roles, eq(roles.id, members.roleId))
    .where(
      and(
        eq(members.workspaceId, sql.placeholder('workspaceId')),
        eq(members.userId, sql.placeholder('userId')),
      ),
    )
    .prepare()

const productIdsOfQuery = (db: Db) =>
  db
    .select({ productId: memberProducts.productId })
    .from(memberProducts)
    .where(eq(memberProducts.memberId, sql.placeholder('memberId')))
    .orderBy(memberProducts.productId)
    .prepare()

const memberColumns = {
  id: members.id,
  userId: members.userId,
  name: users.name,
  email: users.email,
  /** An instance owner deactivated the account: it cannot sign in, and its name stays on its work. */
  deactivated: sql<boolean>`${users.deactivatedAt} is not null`.mapWith(Boolean),
  roleId: members.roleId,
  restricted: members.restricted,
  createdAt: members.createdAt,
  version: members.version,
}

export const workspaceRepo = {
  async insertWorkspace(db: Db, name: string, createdAt: string) {
    return single(db.insert(workspaces).values({ name, createdAt }).returning())
  },

  async workspaceById(db: Db, id: number) {
    return first(db.select().from(workspaces).where(eq(workspaces.id, id)))
  },

  async updateWorkspace(db: Db, id: number, name: string) {
    return updateVersioned(db, workspaces, id, { name })
  },

  /** The caller's workspaces with their role. */
  /**
   * Whom a member asks for access: up to three members who may change roles (member.manage), owners
   * first, then the longest-standing.
   */
  async contactsOf(db: Db, workspaceId: number) {
    return (
      db
        .select({ name: users.name, email: users.email })
        .from(members)
        .innerJoin(roles, eq(roles.id, members.roleId))
        .innerJoin(users, eq(users.id, members.userId))
        .where(
          and(
            eq(members.workspaceId, workspaceId),
            sql.raw(dialectOf(db).hasElement('"roles"."permissions"', "'member.manage'")),
          ),
        )
        // Owners first; a custom role's built_in is null, which PostgreSQL would sort first under `desc`.
        .orderBy(sql`case when ${roles.builtIn} = 'owner' then 0 else 1 end`, asc(members.id))
        .limit(3)
    )
  },

  async workspacesOf(db: Db, userId: number) {
    return db
      .select({
        id: workspaces.id,
        name: workspaces.name,
        roleId: roles.id,
        role: roles.name,
        builtIn: roles.builtIn,
        permissions: roles.permissions,
      })
      .from(members)
      .innerJoin(workspaces, eq(workspaces.id, members.workspaceId))
      .innerJoin(roles, eq(roles.id, members.roleId))
      .where(eq(members.userId, userId))
      .orderBy(asc(workspaces.id))
  },

  /** The membership that authorizes a request: role permissions and product narrowing. */
  async membership(db: Db, workspaceId: number, userId: number) {
    const row = await first(prepared(db, membershipQuery).execute({ workspaceId, userId }))
    if (!row) return undefined
    const productIds = row.restricted ? await workspaceRepo.productIdsOf(db, row.memberId) : null
    return { ...row, productIds }
  },

  async productIdsOf(db: Db, memberId: number): Promise<number[]> {
    const rows = await prepared(db, productIdsOfQuery).execute({ memberId })
    return rows.map((r) => r.productId)
  },

  async setMemberProducts(db: Db, memberId: number, productIds: readonly number[] | null) {
    await db.delete(memberProducts).where(eq(memberProducts.memberId, memberId))
    if (productIds?.length) {
      await db.insert(memberProducts).values(productIds.map((productId) => ({ memberId, productId })))
    }
  },

  /** The subset of ids that are products of this workspace. */
  async existingProductIds(db: Db, workspaceId: number, ids: readonly number[]): Promise<number[]> {
    if (!ids.length) return []
    const rows = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...ids])))
    return rows.map((r) => r.id)
  },

  // Roles

  async insertRole(db: Db, values: typeof roles.$inferInsert) {
    return single(db.insert(roles).values(values).returning())
  },

  async roles(db: Db, workspaceId: number) {
    return db.select().from(roles).where(eq(roles.workspaceId, workspaceId)).orderBy(asc(roles.id))
  },

  roleById: workspaceRowById(roles),

  async roleByName(db: Db, workspaceId: number, name: string) {
    return first(
      db
        .select()
        .from(roles)
        .where(and(eq(roles.workspaceId, workspaceId), eq(roles.name, name))),
    )
  },

  async builtInRole(db: Db, workspaceId: number, key: string) {
    return first(
      db
        .select()
        .from(roles)
        .where(and(eq(roles.workspaceId, workspaceId), eq(roles.builtIn, key)))
        .limit(1),
    )
  },

  async updateRole(db: Db, id: number, values: { name?: string; permissions?: string[] }) {
    return updateVersioned(db, roles, id, values)
  },

  async deleteRole(db: Db, id: number) {
    await db.delete(roles).where(eq(roles.id, id))
  },

  async roleUsage(db: Db, roleId: number): Promise<number> {
    const inMembers =
      (await first(db.select({ n: count() }).from(members).where(eq(members.roleId, roleId))))?.n ?? 0
    const inInvites =
      (
        await first(
          db
            .select({ n: count() })
            .from(invites)
            .where(and(eq(invites.roleId, roleId), isNull(invites.acceptedAt))),
        )
      )?.n ?? 0
    return inMembers + inInvites
  },

  // Members

  async insertMember(db: Db, values: typeof members.$inferInsert) {
    return single(db.insert(members).values(values).returning())
  },

  async members(db: Db, workspaceId: number) {
    return db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, workspaceId))
      .orderBy(asc(members.id))
  },

  async memberById(db: Db, workspaceId: number, id: number) {
    return first(
      db
        .select(memberColumns)
        .from(members)
        .innerJoin(users, eq(users.id, members.userId))
        .where(and(eq(members.workspaceId, workspaceId), eq(members.id, id))),
    )
  },

  async memberByUser(db: Db, workspaceId: number, userId: number) {
    return first(
      db
        .select({ id: members.id })
        .from(members)
        .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId))),
    )
  },

  async updateMember(db: Db, id: number, values: { roleId?: number; restricted?: boolean }) {
    await updateVersioned(db, members, id, values)
  },

  async deleteMember(db: Db, id: number) {
    await db.delete(members).where(eq(members.id, id))
  },

  /** How many members hold the built-in owner role. */
  async ownerCount(db: Db, workspaceId: number): Promise<number> {
    const row = await first(
      db
        .select({ n: count() })
        .from(members)
        .innerJoin(roles, eq(roles.id, members.roleId))
        .where(and(eq(members.workspaceId, workspaceId), eq(roles.builtIn, 'owner'))),
    )
    return row?.n ?? 0
  },

  // Invites

  async insertInvite(db: Db, values: typeof invites.$inferInsert) {
    return single(db.insert(invites).values(values).returning())
  },

  async pendingInvites(db: Db, workspaceId: number, nowIso: string) {
    return db
      .select({
        id: invites.id,
        email: invites.email,
        name: invites.name,
        roleId: invites.roleId,
        productIds: invites.productIds,
        createdAt: invites.createdAt,
        expiresAt: invites.expiresAt,
      })
      .from(invites)
      .where(
        and(eq(invites.workspaceId, workspaceId), isNull(invites.acceptedAt), gt(invites.expiresAt, nowIso)),
      )
      .orderBy(asc(invites.id))
  },

  async inviteByTokenHash(db: Db, tokenHash: string) {
    return first(
      db
        .select({ invite: invites, workspaceName: workspaces.name })
        .from(invites)
        .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
        .where(eq(invites.tokenHash, tokenHash)),
    )
  },

  async markInviteAccepted(db: Db, id: number, at: string) {
    await db.update(invites).set({ acceptedAt: at }).where(eq(invites.id, id))
  },

  async deleteInvite(db: Db, workspaceId: number, id: number): Promise<boolean> {
    const result = await db
      .delete(invites)
      .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, id), isNull(invites.acceptedAt)))
    return changes(result) > 0
  },
}

// SQL for workspaces, roles, members and invites.
import { and, asc, count, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { prepared } from '../../../db/prepared'
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
  roleId: members.roleId,
  restricted: members.restricted,
  createdAt: members.createdAt,
  version: members.version,
}

export const workspaceRepo = {
  insertWorkspace(db: Db, name: string, createdAt: string) {
    return db.insert(workspaces).values({ name, createdAt }).returning().get()
  },

  workspaceById(db: Db, id: number) {
    return db.select().from(workspaces).where(eq(workspaces.id, id)).get()
  },

  updateWorkspace(db: Db, id: number, name: string) {
    return updateVersioned(db, workspaces, id, { name })
  },

  /** The caller's workspaces with their role. */
  /**
   * Whom a member asks for access: up to three members who may change roles (member.manage), owners
   * first, then the longest-standing.
   */
  contactsOf(db: Db, workspaceId: number) {
    return db
      .select({ name: users.name, email: users.email })
      .from(members)
      .innerJoin(roles, eq(roles.id, members.roleId))
      .innerJoin(users, eq(users.id, members.userId))
      .where(
        and(
          eq(members.workspaceId, workspaceId),
          sql`exists (select 1 from json_each(${roles.permissions}) where value = 'member.manage')`,
        ),
      )
      .orderBy(sql`${roles.builtIn} = 'owner' desc`, asc(members.id))
      .limit(3)
      .all()
  },

  workspacesOf(db: Db, userId: number) {
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
      .all()
  },

  /** The membership that authorizes a request: role permissions and product narrowing. */
  membership(db: Db, workspaceId: number, userId: number) {
    const row = prepared(db, membershipQuery).get({ workspaceId, userId })
    if (!row) return undefined
    const productIds = row.restricted ? workspaceRepo.productIdsOf(db, row.memberId) : null
    return { ...row, productIds }
  },

  productIdsOf(db: Db, memberId: number): number[] {
    return prepared(db, productIdsOfQuery)
      .all({ memberId })
      .map((r) => r.productId)
  },

  setMemberProducts(db: Db, memberId: number, productIds: readonly number[] | null) {
    db.delete(memberProducts).where(eq(memberProducts.memberId, memberId)).run()
    if (productIds?.length) {
      db.insert(memberProducts)
        .values(productIds.map((productId) => ({ memberId, productId })))
        .run()
    }
  },

  /** The subset of ids that are products of this workspace. */
  existingProductIds(db: Db, workspaceId: number, ids: readonly number[]): number[] {
    if (!ids.length) return []
    return db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.workspaceId, workspaceId), inArray(products.id, [...ids])))
      .all()
      .map((r) => r.id)
  },

  // Roles

  insertRole(db: Db, values: typeof roles.$inferInsert) {
    return db.insert(roles).values(values).returning().get()
  },

  roles(db: Db, workspaceId: number) {
    return db.select().from(roles).where(eq(roles.workspaceId, workspaceId)).orderBy(asc(roles.id)).all()
  },

  roleById: workspaceRowById(roles),

  roleByName(db: Db, workspaceId: number, name: string) {
    return db
      .select()
      .from(roles)
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.name, name)))
      .get()
  },

  builtInRole(db: Db, workspaceId: number, key: string) {
    return db
      .select()
      .from(roles)
      .where(and(eq(roles.workspaceId, workspaceId), eq(roles.builtIn, key)))
      .get()
  },

  updateRole(db: Db, id: number, values: { name?: string; permissions?: string[] }) {
    return updateVersioned(db, roles, id, values)
  },

  deleteRole(db: Db, id: number) {
    db.delete(roles).where(eq(roles.id, id)).run()
  },

  roleUsage(db: Db, roleId: number): number {
    const inMembers = db.select({ n: count() }).from(members).where(eq(members.roleId, roleId)).get()?.n ?? 0
    const inInvites =
      db
        .select({ n: count() })
        .from(invites)
        .where(and(eq(invites.roleId, roleId), isNull(invites.acceptedAt)))
        .get()?.n ?? 0
    return inMembers + inInvites
  },

  // Members

  insertMember(db: Db, values: typeof members.$inferInsert) {
    return db.insert(members).values(values).returning().get()
  },

  members(db: Db, workspaceId: number) {
    return db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(eq(members.workspaceId, workspaceId))
      .orderBy(asc(members.id))
      .all()
  },

  memberById(db: Db, workspaceId: number, id: number) {
    return db
      .select(memberColumns)
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, workspaceId), eq(members.id, id)))
      .get()
  },

  memberByUser(db: Db, workspaceId: number, userId: number) {
    return db
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.workspaceId, workspaceId), eq(members.userId, userId)))
      .get()
  },

  updateMember(db: Db, id: number, values: { roleId?: number; restricted?: boolean }) {
    updateVersioned(db, members, id, values)
  },

  deleteMember(db: Db, id: number) {
    db.delete(members).where(eq(members.id, id)).run()
  },

  /** How many members hold the built-in owner role. */
  ownerCount(db: Db, workspaceId: number): number {
    return (
      db
        .select({ n: count() })
        .from(members)
        .innerJoin(roles, eq(roles.id, members.roleId))
        .where(and(eq(members.workspaceId, workspaceId), eq(roles.builtIn, 'owner')))
        .get()?.n ?? 0
    )
  },

  // Invites

  insertInvite(db: Db, values: typeof invites.$inferInsert) {
    return db.insert(invites).values(values).returning().get()
  },

  pendingInvites(db: Db, workspaceId: number, nowIso: string) {
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
      .all()
  },

  inviteByTokenHash(db: Db, tokenHash: string) {
    return db
      .select({ invite: invites, workspaceName: workspaces.name })
      .from(invites)
      .innerJoin(workspaces, eq(workspaces.id, invites.workspaceId))
      .where(eq(invites.tokenHash, tokenHash))
      .get()
  },

  markInviteAccepted(db: Db, id: number, at: string) {
    db.update(invites).set({ acceptedAt: at }).where(eq(invites.id, id)).run()
  },

  deleteInvite(db: Db, workspaceId: number, id: number): boolean {
    return (
      db
        .delete(invites)
        .where(and(eq(invites.workspaceId, workspaceId), eq(invites.id, id), isNull(invites.acceptedAt)))
        .run().changes > 0
    )
  },
}

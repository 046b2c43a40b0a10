// Imports a Keel workspace export (keel-json) into the caller's workspace: products are created from the
// file, so no target product is chosen. Every id in the file is a reference only: each record gets a new
// id and every reference is mapped through it, including the ids inside history snapshots, so burndown
// and flow (which replay the history) come out the same. A file passes the grant checks of the API: a
// role it brings is created only if the importer may grant each of its permissions, and tasks are assigned
// (by email) only to members who may see them, by an importer who may assign. A file cannot speak for
// anyone: comments and history keep their authors' names as text and are never linked to an account,
// whatever name, email or id the file gives, and nobody gets an account, a membership or wider access.
// Re-importing the same file is recognised by external_refs (source 'keel') and creates nothing.
import type Database from 'better-sqlite3'
import { conflict, forbidden, invalid } from '../../lib/errors'
import { assertMayGrant } from '../../lib/grants'
import { scopeOf, write } from '../../lib/write'
import type { WorkspaceExport } from '../exports/workspace-json'
import { demandOf, scoreOf } from '../requirements/score'
import { decodeText } from './encoding'
import { readKeelExport } from './keel-json'
import { keelImportRepo } from './keel-repo'
import { ImportFailure, type RowMessage } from './model'
import { parseJson } from './parse'
import type { ImportContext, ImportInput, ImportResult } from './service'

/** The records an import brings over, by their activity entityType, and the table holding each. */
const TABLES = {
  product: 'products',
  module: 'modules',
  customer: 'customers',
  release: 'releases',
  iteration: 'iterations',
  requirement: 'requirements',
  ask: 'customer_asks',
  task: 'tasks',
  comment: 'comments',
} as const
type EntityKind = keyof typeof TABLES
const isEntityKind = (type: string): type is EntityKind => Object.hasOwn(TABLES, type)

/** Names that hold ids inside history snapshots (and in `…Ids` arrays), and what they point at. */
const SNAPSHOT_REFS: Record<string, EntityKind | 'user' | 'assignee' | 'role'> = {
  productId: 'product',
  moduleId: 'module',
  parentId: 'module',
  customerId: 'customer',
  releaseId: 'release',
  iterationId: 'iteration',
  requirementId: 'requirement',
  askId: 'ask',
  taskId: 'task',
  commentId: 'comment',
  createdBy: 'user',
  assigneeId: 'assignee',
  authorId: 'user',
  actorId: 'user',
  userId: 'user',
  invitedBy: 'user',
  roleId: 'role',
}

const KIND_COUNTS = [
  'product',
  'module',
  'customer',
  'release',
  'iteration',
  'requirement',
  'ask',
  'task',
  'comment',
  'role',
  'history',
] as const
type CountKind = (typeof KIND_COUNTS)[number]
type KindCount = { created: number; updated: number; unchanged: number }

/** A first look at the bytes: is this a Keel workspace export (its header comes first)? */
export function looksLikeKeelExport(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '')
  return /^\s*\{\s*"format"\s*:\s*"keel/.test(head)
}

interface Plan {
  /** `<workspace id>@<created at>/` of the exporting workspace: its records' external keys start with it. */
  source: string
  /** File product id → the target's product when an earlier import of this file made it. */
  linkedProducts: Map<number, number>
  /** File customer id → an existing customer (imported before, or the same name), else created. */
  existingCustomers: Map<number, number>
  linkedCustomers: Set<number>
  /** File user id → the member with that email who may be assigned the file's work; absent: nobody. */
  assignees: Map<number, number>
  roles: Map<number, number>
  rolesToCreate: WorkspaceExport['roles']
  /** Whether anything of this file was imported before: history of deleted records comes only once. */
  reimport: boolean
  byKind: Record<CountKind, KindCount>
  skipped: number
  warnings: RowMessage[]
}

/** Reads the file, then previews (dryRun) or writes the whole workspace in one transaction. */
export async function importKeelWorkspace(ctx: ImportContext, input: ImportInput): Promise<ImportResult> {
  const { membership } = ctx
  if (membership.productIds !== null)
    throw forbidden('A workspace import includes every product; your membership is narrowed to some products')
  if (!membership.permissions.has('product.manage'))
    throw forbidden('Importing a workspace creates products: it needs the product.manage permission')
  let doc: WorkspaceExport
  let encoding: string
  try {
    const decoded = decodeText(input.bytes, input.encoding)
    encoding = decoded.encoding
    doc = await readKeelExport(parseJson(decoded.text))
  } catch (err) {
    if (err instanceof ImportFailure) throw invalid(err.message, err.details)
    throw err
  }
  const client = ctx.deps.db.$client
  const now = ctx.deps.clock.now().toISOString()
  const workspaceId = membership.workspaceId

  const result = (plan: Plan, runId: number | null): ImportResult => {
    const byKind = plan.byKind
    const total = (f: (c: KindCount) => number) => KIND_COUNTS.reduce((sum, k) => sum + f(byKind[k]), 0)
    const newProducts = new Set(doc.products.filter((p) => !plan.linkedProducts.has(p.id)).map((p) => p.id))
    const created = <T extends { productId: number }>(rows: readonly T[]) =>
      rows.filter((r) => newProducts.has(r.productId))
    return {
      dryRun: input.dryRun,
      format: 'keel-json',
      encoding,
      runId,
      counts: {
        created: total((c) => c.created),
        updated: 0,
        skipped: plan.skipped,
        requirements: byKind.requirement.created,
        tasks: created(doc.tasks).filter((t) => t.kind !== 'bug').length,
        bugs: created(doc.tasks).filter((t) => t.kind === 'bug').length,
        iterations: byKind.iteration.created,
        releases: byKind.release.created,
        modules: byKind.module.created,
        comments: byKind.comment.created,
        history: byKind.history.created,
      },
      byKind,
      mapping: { type: {}, requirementStatus: {}, taskStatus: {}, priority: {} },
      warnings: plan.warnings,
      errors: [],
    }
  }

  if (input.dryRun) return result(buildPlan(client, ctx, doc), null)
  // One write(): the file's history comes over in rows written beside its records; the run is the
  // importer's change, recorded like any other, with one event for the whole run.
  return write(scopeOf(ctx), (_tx, record) => {
    const plan = buildPlan(client, ctx, doc)
    writeWorkspace(client, ctx, doc, plan, now)
    const preview = result(plan, null)
    const runId = keelImportRepo
      .writer(client, workspaceId)
      .run(input.fileName.slice(0, 200), { ...preview.counts }, preview.warnings.length, ctx.user.id, now)
    record({
      entityType: 'import_run',
      entityId: runId,
      action: 'created',
      productId: null,
      after: { format: 'keel-json', fileName: input.fileName, counts: preview.counts },
    })
    return { ...preview, runId }
  })
}

/** Decides, without writing, what each record of the file becomes in this workspace. */
function buildPlan(client: Database.Database, ctx: ImportContext, doc: WorkspaceExport): Plan {
  const workspaceId = ctx.membership.workspaceId
  const source = `${doc.workspace.id}@${doc.workspace.createdAt}/`
  const byKind = Object.fromEntries(
    KIND_COUNTS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<CountKind, KindCount>
  const count = (kind: CountKind, created: boolean, n = 1) => {
    byKind[kind][created ? 'created' : 'unchanged'] += n
  }
  const warnings: RowMessage[] = []
  const linkedProducts = linkProducts(client, workspaceId, doc, source, warnings)
  countRecords(doc, linkedProducts, count)
  const customers = planCustomers(client, workspaceId, doc, source, count)
  const roles = planRoles(client, ctx, doc, count, warnings)
  const assignees = planAssignees(client, ctx, doc, linkedProducts, warnings)
  const plan: Plan = {
    source,
    linkedProducts,
    ...customers,
    assignees,
    ...roles,
    reimport: linkedProducts.size > 0 || customers.linkedCustomers.size > 0,
    byKind,
    skipped: 0,
    warnings,
  }
  plan.skipped = planHistory(plan, doc, count)
  return plan
}

type Count = (kind: CountKind, created: boolean, n?: number) => void

/**
 * Products: new keys are created; a key this file's earlier import made is a re-import (file product id →
 * the target's product); any other product with the same key stops the import (merging two products'
 * numbers and ranks is not a restore).
 */
function linkProducts(
  client: Database.Database,
  workspaceId: number,
  doc: WorkspaceExport,
  source: string,
  warnings: RowMessage[],
): Map<number, number> {
  const existing = new Map(keelImportRepo.products(client, workspaceId).map((p) => [p.key, p.id]))
  const productRefs = keelImportRepo.refs(client, workspaceId, 'product', source)
  const linkedProducts = new Map<number, number>()
  const taken: string[] = []
  for (const p of doc.products) {
    const id = existing.get(p.key)
    if (id === undefined) continue
    if (productRefs.get(`${source}product/${p.id}`) === id) linkedProducts.set(p.id, id)
    else taken.push(p.key)
  }
  if (taken.length)
    throw conflict(
      'product_key_taken',
      `This workspace already has product${taken.length > 1 ? 's' : ''} ${taken.join(', ')}: a workspace export imports into an empty workspace (or one without these product keys)`,
      { keys: taken },
    )
  if (linkedProducts.size) {
    const keys = [...linkedProducts.keys()].map((id) => doc.products.find((p) => p.id === id)?.key).join(', ')
    warnings.push({
      row: 0,
      column: 'products',
      message: `Imported before from this file: ${keys} — left as they are now`,
      code: 'keelAlreadyImported',
      params: { products: linkedProducts.size, keys },
    })
  }
  return linkedProducts
}

/** Counts the records of each product: created when their product is new, else left as they are. */
function countRecords(doc: WorkspaceExport, linkedProducts: Map<number, number>, count: Count) {
  const isNew = (productId: number) => !linkedProducts.has(productId)
  for (const p of doc.products) count('product', isNew(p.id))
  for (const m of doc.modules) count('module', isNew(m.productId))
  for (const r of doc.releases) count('release', isNew(r.productId))
  for (const i of doc.iterations) count('iteration', isNew(i.productId))
  for (const r of doc.requirements) count('requirement', isNew(r.productId))
  for (const t of doc.tasks) count('task', isNew(t.productId))
  for (const c of doc.comments) count('comment', isNew(c.productId))
  const requirementProduct = new Map(doc.requirements.map((r) => [r.id, r.productId]))
  for (const a of doc.asks) count('ask', isNew(requirementProduct.get(a.requirementId)!))
}

/** Customers: imported before (by reference), else one with the same name, else created. */
function planCustomers(
  client: Database.Database,
  workspaceId: number,
  doc: WorkspaceExport,
  source: string,
  count: Count,
): Pick<Plan, 'existingCustomers' | 'linkedCustomers'> {
  const customerRefs = keelImportRepo.refs(client, workspaceId, 'customer', source)
  const byName = new Map(keelImportRepo.customers(client, workspaceId).map((c) => [c.name, c.id]))
  const existingCustomers = new Map<number, number>()
  const linkedCustomers = new Set<number>()
  for (const c of doc.customers) {
    const linked = customerRefs.get(`${source}customer/${c.id}`)
    if (linked !== undefined) linkedCustomers.add(c.id)
    const id = linked ?? byName.get(c.name)
    if (id !== undefined) existingCustomers.set(c.id, id)
    count('customer', id === undefined)
  }
  return { existingCustomers, linkedCustomers }
}

/** Roles: built-in ones map to this workspace's; custom ones by name, else created (with role.manage). */
function planRoles(
  client: Database.Database,
  ctx: ImportContext,
  doc: WorkspaceExport,
  count: Count,
  warnings: RowMessage[],
): Pick<Plan, 'roles' | 'rolesToCreate'> {
  const roles = new Map<number, number>()
  const rolesToCreate: WorkspaceExport['roles'] = []
  const targetRoles = keelImportRepo.roles(client, ctx.membership.workspaceId)
  const canManageRoles = ctx.membership.permissions.has('role.manage')
  doc.roles.forEach((r, i) => {
    const match = r.builtIn
      ? targetRoles.find((t) => t.builtIn === r.builtIn)
      : targetRoles.find((t) => t.name === r.name && t.builtIn === null)
    if (match) roles.set(r.id, match.id)
    else if (!r.builtIn && canManageRoles) {
      // The same rule as creating the role through the API: only permissions the importer holds.
      assertMayGrant(ctx.membership.permissions, r.permissions, `"${r.name}", roles[${i}] of the file`)
      rolesToCreate.push(r)
      count('role', true)
    } else
      warnings.push({
        row: i + 1,
        column: 'roles',
        message: `The role "${r.name}" is not created: that needs the role.manage permission`,
        code: 'keelRoleSkipped',
        params: { name: r.name },
      })
  })
  return { roles, rolesToCreate }
}

/**
 * People: tasks are assigned by email to members who may see them (every product of the import is new,
 * so members narrowed to some products cannot), when the importer may assign. Nothing else links to an
 * account, and nobody gets one, or a membership, from a file. Answers file user id → member.
 */
function planAssignees(
  client: Database.Database,
  ctx: ImportContext,
  doc: WorkspaceExport,
  linkedProducts: Map<number, number>,
  warnings: RowMessage[],
): Map<number, number> {
  const isNew = (productId: number) => !linkedProducts.has(productId)
  const canAssign = ctx.membership.permissions.has('task.assign')
  const members = new Map(keelImportRepo.members(client, ctx.membership.workspaceId).map((m) => [m.email, m]))
  const assignees = new Map<number, number>()
  let unassigned = 0
  doc.users.forEach((u, i) => {
    const member = members.get(u.email.trim().toLowerCase())
    const assigned = doc.tasks.filter((t) => t.assigneeId === u.id && isNew(t.productId)).length
    if (member && !member.restricted) {
      if (canAssign) assignees.set(u.id, member.id)
      else unassigned += assigned
      return
    }
    if (member) {
      if (assigned)
        warnings.push({
          row: i + 1,
          column: 'users',
          message: `${u.name} <${u.email}> may see only some products of this workspace: ${assigned} task(s) of the imported products are left unassigned`,
          code: 'keelPersonNarrowed',
          params: { name: u.name, email: u.email, tasks: assigned },
        })
      return
    }
    const authored =
      doc.comments.filter((c) => c.authorId === u.id && isNew(c.productId)).length +
      doc.activity.filter((a) => a.actorId === u.id).length
    if (!assigned && !authored && !u.member) return
    warnings.push({
      row: i + 1,
      column: 'users',
      message: `${u.name} <${u.email}> is not a member of this workspace: ${assigned} task(s) are left unassigned, and their comments and history keep the name "${u.name}" without a link. Invite them to assign their work again.`,
      code: 'keelPersonNotMember',
      params: { name: u.name, email: u.email, tasks: assigned },
    })
  })
  if (unassigned)
    warnings.push({
      row: 0,
      column: 'users',
      message: `${unassigned} task(s) are left unassigned: assigning them needs the task.assign permission`,
      code: 'keelAssignSkipped',
      params: { tasks: unassigned },
    })
  return assignees
}

/**
 * History: the records' own types only (members, roles, webhooks… are not part of the import). The
 * exporting workspace's own rows (its creation) say nothing about the records: left out without a word.
 * Counts the rows that come over and those left as they are; answers how many are skipped.
 */
function planHistory(plan: Plan, doc: WorkspaceExport, count: Count): number {
  const own = doc.activity.filter((a) => a.entityType === 'workspace').length
  const dropped = doc.activity.filter((a) => !isEntityKind(a.entityType)).length - own
  const history = doc.activity.filter((a) => importsHistory(plan, doc, a)).length
  count('history', true, history)
  count('history', false, doc.activity.length - own - dropped - history)
  if (dropped)
    plan.warnings.push({
      row: 0,
      column: 'activity',
      message: `${dropped} history row(s) about members, roles, tokens, links or webhooks are not imported`,
      code: 'keelHistorySkipped',
      params: { count: dropped },
    })
  return dropped
}

/** Whether a history row comes over: its record is created now (or was deleted and this is a first import). */
function importsHistory(plan: Plan, doc: WorkspaceExport, a: WorkspaceExport['activity'][number]): boolean {
  if (!isEntityKind(a.entityType)) return false
  if (a.productId !== null) {
    const known = doc.products.some((p) => p.id === a.productId)
    return known ? !plan.linkedProducts.has(a.productId) : !plan.reimport
  }
  if (a.entityType !== 'customer') return !plan.reimport
  const known = doc.customers.some((c) => c.id === a.entityId)
  return known ? !plan.existingCustomers.has(a.entityId) : !plan.reimport
}

/** Writes the plan: sections in dependency order, then history. Runs inside the transaction. */
function writeWorkspace(
  client: Database.Database,
  ctx: ImportContext,
  doc: WorkspaceExport,
  plan: Plan,
  now: string,
) {
  const w = keelImportRepo.writer(client, ctx.membership.workspaceId)
  const ids = Object.fromEntries(Object.keys(TABLES).map((k) => [k, new Map<number, number>()])) as Record<
    EntityKind,
    Map<number, number>
  >
  const assignee = (id: number | null) => (id === null ? null : (plan.assignees.get(id) ?? null))
  const must = (kind: EntityKind, id: number) => {
    const mapped = ids[kind].get(id)
    if (mapped === undefined) throw new Error(`keel import: ${kind} ${id} was not written before it was used`)
    return mapped
  }
  const optional = (kind: EntityKind, id: number | null) => (id === null ? null : must(kind, id))
  const isNew = (productId: number) => !plan.linkedProducts.has(productId)
  // Authors and actors are shown by the name the file gives them, never linked to an account.
  const userNames = new Map(doc.users.map((u) => [u.id, u.name]))
  const nameOf = (name: string | null, id: number | null) =>
    name ?? (id === null ? null : (userNames.get(id) ?? null))

  for (const r of plan.rolesToCreate) plan.roles.set(r.id, w.role(r.name, r.permissions, now))

  for (const [fileId, id] of plan.linkedProducts) ids.product.set(fileId, id)
  const newProducts: number[] = []
  for (const p of doc.products) {
    if (!isNew(p.id)) continue
    const highest = Math.max(
      0,
      ...doc.requirements.filter((r) => r.productId === p.id).map((r) => r.number),
      ...doc.tasks.filter((t) => t.productId === p.id).map((t) => t.number),
    )
    const id = w.product({ ...p, lastNumber: Math.max(p.lastNumber, highest) })
    ids.product.set(p.id, id)
    newProducts.push(id)
    w.ref(id, 'product', `${plan.source}product/${p.id}`, id, now)
  }

  // Customers are the workspace's; their reference rows hang off a product of this import.
  const refProduct = newProducts[0] ?? [...plan.linkedProducts.values()][0]
  for (const c of doc.customers) {
    const existing = plan.existingCustomers.get(c.id)
    const id = existing ?? w.customer(c)
    ids.customer.set(c.id, id)
    if (refProduct !== undefined && !plan.linkedCustomers.has(c.id))
      w.ref(refProduct, 'customer', `${plan.source}customer/${c.id}`, id, now)
  }

  for (const m of doc.modules) {
    if (!isNew(m.productId)) continue
    ids.module.set(
      m.id,
      w.module(must('product', m.productId), optional('module', m.parentId), m.name, m.createdAt),
    )
  }
  for (const r of doc.releases) {
    if (isNew(r.productId)) ids.release.set(r.id, w.release(must('product', r.productId), r))
  }
  for (const i of doc.iterations) {
    if (!isNew(i.productId)) continue
    ids.iteration.set(i.id, w.iteration(must('product', i.productId), optional('release', i.releaseId), i))
  }

  // Demand, score and ask count are caches of the asks: recomputed, so they agree with what is imported.
  const customers = new Map(doc.customers.map((c) => [c.id, c]))
  const asksOf = new Map<number, WorkspaceExport['asks']>()
  for (const a of doc.asks) asksOf.set(a.requirementId, [...(asksOf.get(a.requirementId) ?? []), a])
  for (const r of doc.requirements) {
    if (!isNew(r.productId)) continue
    const asks = asksOf.get(r.id) ?? []
    const demand =
      Math.round(
        demandOf(
          asks.map((a) => {
            const c = customers.get(a.customerId)!
            return { importance: a.importance, tier: c.tier, contractValue: c.contractValue }
          }),
        ) * 100,
      ) / 100
    const id = w.requirement({
      ...r,
      productId: must('product', r.productId),
      moduleId: optional('module', r.moduleId),
      iterationId: optional('iteration', r.iterationId),
      releaseId: optional('release', r.releaseId),
      demand,
      score: scoreOf(r.value, r.effort, r.estimate, demand),
      askCount: asks.length,
      createdBy: null,
    })
    ids.requirement.set(r.id, id)
  }
  for (const a of doc.asks) {
    if (!ids.requirement.has(a.requirementId)) continue
    const id = w.ask({
      ...a,
      requirementId: must('requirement', a.requirementId),
      customerId: must('customer', a.customerId),
      createdBy: null,
    })
    ids.ask.set(a.id, id)
  }
  for (const t of doc.tasks) {
    if (!isNew(t.productId)) continue
    const id = w.task({
      ...t,
      productId: must('product', t.productId),
      requirementId: optional('requirement', t.requirementId),
      iterationId: optional('iteration', t.iterationId),
      customerId: optional('customer', t.customerId),
      assigneeId: assignee(t.assigneeId),
      createdBy: null,
    })
    ids.task.set(t.id, id)
  }
  for (const c of doc.comments) {
    if (!isNew(c.productId)) continue
    const id = w.comment({
      ...c,
      productId: must('product', c.productId),
      entityId: must(c.entityType, c.entityId),
      authorId: null,
      authorName: nameOf(c.authorName, c.authorId),
    })
    ids.comment.set(c.id, id)
  }

  // History: records deleted before the export get reserved ids of their own, so their rows stay together.
  const ghosts = Object.fromEntries(Object.keys(TABLES).map((k) => [k, new Map<number, number>()])) as Record<
    EntityKind,
    Map<number, number>
  >
  const entity = (kind: EntityKind, id: number): number => {
    const mapped = ids[kind].get(id) ?? ghosts[kind].get(id)
    if (mapped !== undefined) return mapped
    const reserved = keelImportRepo.reserveIds(client, TABLES[kind], 1)
    ghosts[kind].set(id, reserved)
    return reserved
  }
  const reference = (kind: EntityKind | 'user' | 'assignee' | 'role', value: unknown): unknown => {
    if (typeof value !== 'number') return value
    if (kind === 'assignee') return plan.assignees.get(value) ?? null
    // Who wrote, created or did something stays the name on the history row, never an account.
    if (kind === 'user') return null
    if (kind === 'role') return plan.roles.get(value) ?? null
    return entity(kind, value)
  }
  const snapshot = (own: EntityKind, snap: Record<string, unknown> | null) => {
    if (!snap) return snap
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(snap)) {
      if (key === 'workspaceId' && typeof value === 'number') {
        out[key] = ctx.membership.workspaceId
        continue
      }
      const target = snap.target
      const kind =
        key === 'id' || key === 'beforeId' || key === 'afterId'
          ? own
          : key === 'targetId' && (target === 'requirement' || target === 'task')
            ? target
            : (SNAPSHOT_REFS[key] ?? (key.endsWith('Ids') ? SNAPSHOT_REFS[key.slice(0, -1)] : undefined))
      out[key] =
        kind === undefined
          ? value
          : Array.isArray(value)
            ? value.map((v) => reference(kind, v))
            : reference(kind, value)
    }
    return out
  }
  for (const a of doc.activity) {
    if (!importsHistory(plan, doc, a) || !isEntityKind(a.entityType)) continue
    w.activity({
      productId: a.productId === null ? null : entity('product', a.productId),
      entityType: a.entityType,
      entityId: entity(a.entityType, a.entityId),
      action: a.action,
      actorId: null,
      actorName: nameOf(a.actorName, a.actorId),
      automatic: a.automatic,
      before: snapshot(a.entityType, a.before),
      after: snapshot(a.entityType, a.after),
      createdAt: a.createdAt,
    })
  }
}

// Imports a Keel workspace export (keel-json) into the caller's workspace: products are created from the
// file, so no target product is chosen. Every id in the file is a reference only: each record gets a new
// id and every reference is mapped through it, including the ids inside history snapshots, so burndown
// and flow (which replay the history) come out the same. A file passes the grant checks of the API: a
// role it brings is created only if the importer may grant each of its permissions, and tasks are assigned
// (by email) only to members who may see them, by an importer who may assign. A file cannot speak for
// anyone: comments and history keep their authors' names as text and are never linked to an account,
// whatever name, email or id the file gives, and nobody gets an account, a membership or wider access.
// Re-importing the same file is recognised by external_refs (source 'keel') and creates nothing.
// The archive export (a zip of workspace.json and files/<sha256>, keel-archive.ts) brings the attachments'
// files too; a JSON file brings none, and its attachments are skipped with a warning each.
import type { Db } from '../../../db/client'
import { conflict, forbidden, invalid } from '../../lib/errors'
import { assertMayGrant } from '../../lib/grants'
import { readSnapshot, scopeOf, write } from '../../lib/write'
import type { WorkspaceExport } from '../exports/workspace-json'
import { decodeText } from './encoding'
import { assertMayImport } from './grants'
import { isZip, type KeelArchive } from './keel-archive'
import { ImportedFiles } from './keel-files'
import { readKeelExport } from './keel-json'
import {
  type CountKind,
  importsHistory,
  isEntityKind,
  KIND_COUNTS,
  type KindCount,
  type Plan,
} from './keel-plan'
import { keelImportRepo } from './keel-repo'
import { writeWorkspace } from './keel-write'
import { ImportFailure, type RowMessage } from './model'
import { parseJson } from './parse'
import type { ImportContext, ImportInput, ImportResult } from './service'

/** A first look at the bytes: is this a Keel workspace export (its header comes first)? */
export function looksLikeKeelExport(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '')
  return /^\s*\{\s*"format"\s*:\s*"keel/.test(head)
}

/**
 * Reads the file (the JSON export, or `archive`: the archive export opened by the caller), then previews
 * (dryRun) or writes the whole workspace in one transaction.
 */
export async function importKeelWorkspace(
  ctx: ImportContext,
  input: ImportInput,
  archive?: KeelArchive,
): Promise<ImportResult> {
  const { membership } = ctx
  if (membership.productIds !== null)
    throw forbidden('A workspace import includes every product; your membership is narrowed to some products')
  if (!membership.permissions.has('product.manage'))
    throw forbidden('Importing a workspace creates products: it needs the product.manage permission')
  let doc: WorkspaceExport
  let encoding: string
  let files: ImportedFiles
  try {
    if (!archive && isZip(input.bytes))
      throw new ImportFailure(
        'This zip is not a Keel workspace archive (it holds no workspace.json): choose the file the workspace export made',
        { format: 'keel-json' },
      )
    const decoded = decodeText(archive?.document ?? input.bytes, input.encoding)
    encoding = archive ? 'zip' : decoded.encoding
    doc = await readKeelExport(parseJson(decoded.text))
    // Before anything is planned: a file that is not what its name says refuses the whole archive.
    files = await ImportedFiles.receive(ctx.deps, doc, archive)
  } catch (err) {
    if (err instanceof ImportFailure) throw invalid(err.message, err.details)
    throw err
  }
  try {
    return await importDocument(ctx, input, doc, encoding, files)
  } finally {
    // A preview or a failed write keeps no file; a committed write keeps those its attachments name.
    await files.release()
  }
}

async function importDocument(
  ctx: ImportContext,
  input: ImportInput,
  doc: WorkspaceExport,
  encoding: string,
  files: ImportedFiles,
): Promise<ImportResult> {
  const { membership } = ctx
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
        attachments: byKind.attachment.created,
        history: byKind.history.created,
      },
      byKind,
      mapping: { type: {}, requirementStatus: {}, taskStatus: {}, priority: {} },
      warnings: plan.warnings,
      errors: [],
      // A workspace export brings whole products, keys and all: there is no row-by-row mapping to show.
      rows: [],
    }
  }

  const checkedPlan = async (on: Db) =>
    assertMayImport(ctx.membership.permissions, await buildPlan(on, ctx, doc, files))
  // A preview reads as one snapshot, as the write would: nothing committed between its reads shows.
  if (input.dryRun) return result(await readSnapshot(ctx.deps, (deps) => checkedPlan(deps.db)), null)
  // The files go into place just before the write that names them (see keel-files.ts).
  await files.keep()
  // One write(): the file's history comes over in rows written beside its records; the run is the
  // importer's change, recorded like any other, with one event for the whole run.
  return write(scopeOf(ctx), async (tx, record) => {
    // Through the write's `tx`: the plan sees what is there now, and the rows go where it commits.
    const planned = await checkedPlan(tx)
    await writeWorkspace(tx, ctx, doc, planned, now)
    const preview = result(planned, null)
    const runId = await keelImportRepo
      .writer(tx, workspaceId)
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
async function buildPlan(
  db: Db,
  ctx: ImportContext,
  doc: WorkspaceExport,
  files: ImportedFiles,
): Promise<Plan> {
  const workspaceId = ctx.membership.workspaceId
  const source = `${doc.workspace.id}@${doc.workspace.createdAt}/`
  const byKind = Object.fromEntries(
    KIND_COUNTS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }]),
  ) as Record<CountKind, KindCount>
  const count = (kind: CountKind, created: boolean, n = 1) => {
    byKind[kind][created ? 'created' : 'unchanged'] += n
  }
  const warnings: RowMessage[] = []
  const linkedProducts = await linkProducts(db, workspaceId, doc, source, warnings)
  countRecords(doc, linkedProducts, count)
  const customers = await planCustomers(db, workspaceId, doc, source, count)
  const roles = await planRoles(db, ctx, doc, count, warnings)
  const assignees = await planAssignees(db, ctx, doc, linkedProducts, warnings)
  const plan: Plan = {
    source,
    linkedProducts,
    ...customers,
    assignees,
    ...roles,
    attachments: [],
    reimport: linkedProducts.size > 0 || customers.linkedCustomers.size > 0,
    byKind,
    skipped: 0,
    warnings,
  }
  plan.skipped = planAttachments(plan, doc, files, count) + planHistory(plan, doc, count)
  return plan
}

type Count = (kind: CountKind, created: boolean, n?: number) => void

/**
 * Products: new keys are created; a key this file's earlier import made is a re-import (file product id →
 * the target's product); any other product with the same key stops the import (merging two products'
 * numbers and ranks is not a restore).
 */
async function linkProducts(
  db: Db,
  workspaceId: number,
  doc: WorkspaceExport,
  source: string,
  warnings: RowMessage[],
): Promise<Map<number, number>> {
  const existing = new Map((await keelImportRepo.products(db, workspaceId)).map((p) => [p.key, p.id]))
  const productRefs = await keelImportRepo.refs(db, workspaceId, 'product', source)
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
async function planCustomers(
  db: Db,
  workspaceId: number,
  doc: WorkspaceExport,
  source: string,
  count: Count,
): Promise<Pick<Plan, 'existingCustomers' | 'linkedCustomers'>> {
  const customerRefs = await keelImportRepo.refs(db, workspaceId, 'customer', source)
  const byName = new Map((await keelImportRepo.customers(db, workspaceId)).map((c) => [c.name, c.id]))
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
async function planRoles(
  db: Db,
  ctx: ImportContext,
  doc: WorkspaceExport,
  count: Count,
  warnings: RowMessage[],
): Promise<Pick<Plan, 'roles' | 'rolesToCreate'>> {
  const roles = new Map<number, number>()
  const rolesToCreate: WorkspaceExport['roles'] = []
  const targetRoles = await keelImportRepo.roles(db, ctx.membership.workspaceId)
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
async function planAssignees(
  db: Db,
  ctx: ImportContext,
  doc: WorkspaceExport,
  linkedProducts: Map<number, number>,
  warnings: RowMessage[],
): Promise<Map<number, number>> {
  const isNew = (productId: number) => !linkedProducts.has(productId)
  const canAssign = ctx.membership.permissions.has('task.assign')
  const members = new Map(
    (await keelImportRepo.members(db, ctx.membership.workspaceId)).map((m) => [m.email, m]),
  )
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
 * Attachments of the new products whose file came with the import (received, and its content agreeing
 * with its name): the others are skipped with a warning each. Answers how many are skipped.
 */
function planAttachments(plan: Plan, doc: WorkspaceExport, files: ImportedFiles, count: Count): number {
  const keys = new Map<string, string>()
  for (const r of doc.requirements) keys.set(`requirement/${r.id}`, r.key)
  for (const t of doc.tasks) keys.set(`task/${t.id}`, t.key)
  for (const c of doc.comments) keys.set(`comment/${c.id}`, keys.get(`${c.entityType}/${c.entityId}`) ?? '')
  let skipped = 0
  for (const [i, a] of doc.attachments.entries()) {
    if (plan.linkedProducts.has(a.productId)) {
      count('attachment', false)
      continue
    }
    const file = files.judged.get(a.id)
    if (file && !('refused' in file)) {
      plan.attachments.push({ attachment: a, file })
      count('attachment', true)
      continue
    }
    skipped++
    const item = keys.get(`${a.entityType}/${a.entityId}`) ?? ''
    const where = `“${a.name}” on ${a.entityType === 'comment' ? `a comment of ${item}` : item}`
    plan.warnings.push(
      file
        ? {
            row: i + 1,
            column: 'attachments',
            message: `The file ${where} is skipped: ${file.refused}`,
            code: 'keelAttachmentRefused',
            params: { name: a.name, item },
          }
        : {
            row: i + 1,
            column: 'attachments',
            message: files.archived
              ? `The file ${where} is skipped: the archive does not hold it (it was missing from the exporting server’s disk)`
              : `The file ${where} is skipped: a JSON export carries no files (export the workspace with its attached files, .zip, to bring them)`,
            code: files.archived ? 'keelAttachmentNotInArchive' : 'keelAttachmentNoFile',
            params: { name: a.name, item },
          },
    )
  }
  return skipped
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

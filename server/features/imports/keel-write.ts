// Writes the plan of a Keel workspace import (see keel-service.ts): every record gets a new id, and every
// reference to it, including the ids inside history snapshots, is mapped through it. Runs inside the
// import's transaction.
import type { Db } from '../../../db/client'
import type { WorkspaceExport } from '../exports/workspace-json'
import { demandOf, scoreOf } from '../requirements/score'
import { type EntityKind, importsHistory, isEntityKind, type Plan, TABLES } from './keel-plan'
import { keelImportRepo } from './keel-repo'
import type { ImportContext } from './service'

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

/** File ids → new ids, per kind of record, as the records are written. */
class IdMap {
  private readonly maps = new Map<EntityKind, Map<number, number>>()

  private of(kind: EntityKind) {
    let map = this.maps.get(kind)
    if (!map) {
      map = new Map()
      this.maps.set(kind, map)
    }
    return map
  }

  set(kind: EntityKind, fileId: number, id: number) {
    this.of(kind).set(fileId, id)
  }

  get(kind: EntityKind, fileId: number): number | undefined {
    return this.of(kind).get(fileId)
  }

  has(kind: EntityKind, fileId: number) {
    return this.of(kind).has(fileId)
  }

  /** The new id of a record written earlier in this import (an error in the import's order otherwise). */
  must(kind: EntityKind, fileId: number): number {
    const id = this.get(kind, fileId)
    if (id === undefined) throw new Error(`keel import: ${kind} ${fileId} was not written before it was used`)
    return id
  }

  optional(kind: EntityKind, fileId: number | null): number | null {
    return fileId === null ? null : this.must(kind, fileId)
  }
}

/** What every step of writing a plan reads. */
interface Writing {
  /** The import's write (its `tx`). */
  tx: Db
  ctx: ImportContext
  w: ReturnType<typeof keelImportRepo.writer>
  doc: WorkspaceExport
  plan: Plan
  ids: IdMap
  now: string
  /** Records of products created by this import are written; those of linked products exist already. */
  isNew: (fileProductId: number) => boolean
  /** Authors and actors are shown by the name the file gives them, never linked to an account. */
  nameOf: (name: string | null, fileUserId: number | null) => string | null
}

/** Writes the plan: sections in dependency order, then history. Runs inside the transaction. */
export async function writeWorkspace(
  tx: Db,
  ctx: ImportContext,
  doc: WorkspaceExport,
  plan: Plan,
  now: string,
) {
  const userNames = new Map(doc.users.map((u) => [u.id, u.name]))
  const writing: Writing = {
    tx,
    ctx,
    w: keelImportRepo.writer(tx, ctx.membership.workspaceId),
    doc,
    plan,
    ids: new IdMap(),
    now,
    isNew: (productId) => !plan.linkedProducts.has(productId),
    nameOf: (name, id) => name ?? (id === null ? null : (userNames.get(id) ?? null)),
  }
  for (const r of plan.rolesToCreate) plan.roles.set(r.id, await writing.w.role(r.name, r.permissions, now))
  const newProducts = await writeProducts(writing)
  await writeCustomers(writing, newProducts[0] ?? [...plan.linkedProducts.values()][0])
  await writeStructure(writing)
  await writeRequirements(writing)
  await writeWork(writing)
  await writeAttachments(writing)
  await relinkAttachments(writing)
  await writeHistory(writing)
}

/** New products (their item numbers continue after the highest in the file); linked ones are mapped. */
async function writeProducts({ w, doc, plan, ids, now, isNew }: Writing): Promise<number[]> {
  for (const [fileId, id] of plan.linkedProducts) ids.set('product', fileId, id)
  const created: number[] = []
  for (const p of doc.products) {
    if (!isNew(p.id)) continue
    const highest = Math.max(
      0,
      ...doc.requirements.filter((r) => r.productId === p.id).map((r) => r.number),
      ...doc.tasks.filter((t) => t.productId === p.id).map((t) => t.number),
    )
    const id = await w.product({ ...p, lastNumber: Math.max(p.lastNumber, highest) })
    ids.set('product', p.id, id)
    created.push(id)
    await w.ref(id, 'product', `${plan.source}product/${p.id}`, id, now)
  }
  return created
}

/** Customers are the workspace's (one already there is reused); their reference rows hang off a product. */
async function writeCustomers({ w, doc, plan, ids, now }: Writing, refProduct: number | undefined) {
  for (const c of doc.customers) {
    const id = plan.existingCustomers.get(c.id) ?? (await w.customer(c))
    ids.set('customer', c.id, id)
    if (refProduct !== undefined && !plan.linkedCustomers.has(c.id))
      await w.ref(refProduct, 'customer', `${plan.source}customer/${c.id}`, id, now)
  }
}

/** Modules (parents first, as the file lists them), releases and iterations of the new products. */
async function writeStructure({ w, doc, ids, isNew }: Writing) {
  for (const m of doc.modules) {
    if (!isNew(m.productId)) continue
    const id = await w.module(
      ids.must('product', m.productId),
      ids.optional('module', m.parentId),
      m.name,
      m.createdAt,
    )
    ids.set('module', m.id, id)
  }
  for (const r of doc.releases) {
    if (isNew(r.productId)) ids.set('release', r.id, await w.release(ids.must('product', r.productId), r))
  }
  for (const i of doc.iterations) {
    if (!isNew(i.productId)) continue
    const id = await w.iteration(ids.must('product', i.productId), ids.optional('release', i.releaseId), i)
    ids.set('iteration', i.id, id)
  }
}

/** Requirements and their asks. Demand, score and ask count are caches of the asks: recomputed here. */
async function writeRequirements({ w, doc, ids, isNew }: Writing) {
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
    const id = await w.requirement({
      ...r,
      productId: ids.must('product', r.productId),
      moduleId: ids.optional('module', r.moduleId),
      iterationId: ids.optional('iteration', r.iterationId),
      releaseId: ids.optional('release', r.releaseId),
      demand,
      score: scoreOf(r.value, r.effort, r.estimate, demand),
      askCount: asks.length,
      createdBy: null,
    })
    ids.set('requirement', r.id, id)
  }
  for (const a of doc.asks) {
    if (!ids.has('requirement', a.requirementId)) continue
    const id = await w.ask({
      ...a,
      requirementId: ids.must('requirement', a.requirementId),
      customerId: ids.must('customer', a.customerId),
      createdBy: null,
    })
    ids.set('ask', a.id, id)
  }
}

/** Tasks (assigned only as planned: to members who may see them) and comments, by their authors' names. */
async function writeWork({ w, doc, plan, ids, isNew, nameOf }: Writing) {
  for (const t of doc.tasks) {
    if (!isNew(t.productId)) continue
    const id = await w.task({
      ...t,
      productId: ids.must('product', t.productId),
      requirementId: ids.optional('requirement', t.requirementId),
      iterationId: ids.optional('iteration', t.iterationId),
      customerId: ids.optional('customer', t.customerId),
      assigneeId: t.assigneeId === null ? null : (plan.assignees.get(t.assigneeId) ?? null),
      createdBy: null,
    })
    ids.set('task', t.id, id)
  }
  for (const c of doc.comments) {
    if (!isNew(c.productId)) continue
    const id = await w.comment({
      ...c,
      productId: ids.must('product', c.productId),
      entityId: ids.must(c.entityType, c.entityId),
      authorId: null,
      authorName: nameOf(c.authorName, c.authorId),
    })
    ids.set('comment', c.id, id)
  }
}

/**
 * The attachments as planned (their files are in place already), on the new ids of their requirements,
 * tasks and comments. Their name, size and type are what this import measured; who uploaded them stays the
 * name on their history, never an account.
 */
async function writeAttachments({ w, plan, ids }: Writing) {
  for (const { attachment: a, file } of plan.attachments) {
    const id = await w.attachment({
      productId: ids.must('product', a.productId),
      entityType: a.entityType,
      entityId: ids.must(a.entityType, a.entityId),
      name: file.name,
      size: file.size,
      contentType: file.contentType,
      sha256: a.sha256,
      uploadedBy: null,
      createdAt: a.createdAt,
    })
    ids.set('attachment', a.id, id)
  }
}

/** An attachment's address in a text: `/api/workspaces/<ws>/attachments/<id>` (web/src/ui/markdown-images.ts). */
const ATTACHMENT_URL = /\/api\/workspaces\/(\d+)\/attachments\/(\d+)/g

/**
 * Pasted images and links to files in the texts written (descriptions, comments) name the exporting
 * workspace's attachments: they are pointed at the attachments this import made of them. An address of
 * another workspace, or of a file not brought, is left as written.
 */
async function relinkAttachments({ tx, ctx, doc, ids }: Writing) {
  const relink = (text: string) =>
    text.replace(ATTACHMENT_URL, (address, ws: string, id: string) => {
      const now = Number(ws) === doc.workspace.id ? ids.get('attachment', Number(id)) : undefined
      return now === undefined ? address : `/api/workspaces/${ctx.membership.workspaceId}/attachments/${now}`
    })
  const texts: (readonly ['requirement' | 'task' | 'comment', number, string])[] = [
    ...doc.requirements.map((r) => ['requirement', r.id, r.description] as const),
    ...doc.tasks.map((t) => ['task', t.id, t.description] as const),
    ...doc.comments.map((c) => ['comment', c.id, c.body] as const),
  ]
  for (const [kind, fileId, text] of texts) {
    const id = ids.get(kind, fileId)
    if (id === undefined || !text.includes('/attachments/')) continue
    const relinked = relink(text)
    if (relinked !== text) await keelImportRepo.setText(tx, kind, id, relinked)
  }
}

/**
 * The history, with every id inside its snapshots mapped. Records deleted before the export get reserved
 * ids of their own, so their rows stay together.
 */
async function writeHistory({ tx, ctx, w, doc, plan, ids, nameOf }: Writing) {
  const ghosts = new IdMap()
  const entity = async (kind: EntityKind, id: number): Promise<number> => {
    const mapped = ids.get(kind, id) ?? ghosts.get(kind, id)
    if (mapped !== undefined) return mapped
    const reserved = await keelImportRepo.reserveIds(tx, TABLES[kind], 1)
    ghosts.set(kind, id, reserved)
    return reserved
  }
  const reference = async (
    kind: EntityKind | 'user' | 'assignee' | 'role',
    value: unknown,
  ): Promise<unknown> => {
    if (typeof value !== 'number') return value
    if (kind === 'assignee') return plan.assignees.get(value) ?? null
    // Who wrote, created or did something stays the name on the history row, never an account.
    if (kind === 'user') return null
    if (kind === 'role') return plan.roles.get(value) ?? null
    return entity(kind, value)
  }
  const snapshot = async (own: EntityKind, snap: Record<string, unknown> | null) => {
    if (!snap) return snap
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(snap)) {
      if (key === 'workspaceId' && typeof value === 'number') {
        out[key] = ctx.membership.workspaceId
        continue
      }
      const kind = snapshotRefKind(own, key, snap)
      if (kind === undefined) out[key] = value
      else if (!Array.isArray(value)) out[key] = await reference(kind, value)
      else {
        // One by one: ids of deleted records are reserved in the order they are met.
        const mapped: unknown[] = []
        for (const v of value) mapped.push(await reference(kind, v))
        out[key] = mapped
      }
    }
    return out
  }
  for (const a of doc.activity) {
    if (!importsHistory(plan, doc, a) || !isEntityKind(a.entityType)) continue
    const productId = a.productId === null ? null : await entity('product', a.productId)
    const entityId = await entity(a.entityType, a.entityId)
    const before = await snapshot(a.entityType, a.before)
    const after = await snapshot(a.entityType, a.after)
    await w.activity({
      productId,
      entityType: a.entityType,
      entityId,
      action: a.action,
      actorId: null,
      actorName: nameOf(a.actorName, a.actorId),
      automatic: a.automatic,
      before,
      after,
      createdAt: a.createdAt,
    })
  }
}

const isItem = (type: unknown): type is 'requirement' | 'task' => type === 'requirement' || type === 'task'

/** What the value under `key` in a history snapshot of an `own` record points at, if it is an id. */
function snapshotRefKind(own: EntityKind, key: string, snap: Record<string, unknown>) {
  // An attachment's snapshot names the item its comment is on as `type` and `id` (attachments/service.ts).
  if (own === 'attachment' && key === 'id') return isItem(snap.type) ? snap.type : undefined
  if (key === 'id' || key === 'beforeId' || key === 'afterId') return own
  if (key === 'targetId' && (isItem(snap.target) || snap.target === 'comment')) return snap.target
  return SNAPSHOT_REFS[key] ?? (key.endsWith('Ids') ? SNAPSHOT_REFS[key.slice(0, -1)] : undefined)
}

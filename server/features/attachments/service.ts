// Attachments: files on requirements, tasks and comments. Whoever may see the item sees its files; whoever
// may edit it or comment on it attaches; the uploader, or someone who may edit the item (moderate, for a
// comment), deletes. A file leaves the disk once no attachment names it.
import type { AttachmentTarget } from '../../../domain/vocabulary'
import type { ServiceContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/errors'
import type { Permission } from '../../lib/permissions'
import { scopeOf, write } from '../../lib/write'
import { commentOrThrow } from '../comments/service'
import { requirementOrThrow } from '../requirements/service'
import { taskOrThrow } from '../tasks/service'
import { removeFilesAfterCommit } from './cleanup'
import { type AttachmentView, attachmentRepo } from './repo'
import { cleanName, INLINE_IMAGES, judgeType } from './sniff'
import { receiveUpload } from './upload'

/** What an attachment is on, once the caller was found to see it. */
interface Target {
  type: AttachmentTarget
  id: number
  productId: number
  /** The comment's author, for a comment. */
  authorId?: number | null
  /** The requirement or task a comment is on. */
  item?: { type: 'requirement' | 'task'; id: number }
}

/** The item (or comment), if the caller may see it; 404 otherwise, as for one that does not exist. */
async function targetOrThrow(ctx: ServiceContext, type: AttachmentTarget, id: number): Promise<Target> {
  if (type === 'requirement')
    return { type, id, productId: (await requirementOrThrow(ctx, id)).row.productId }
  if (type === 'task') return { type, id, productId: (await taskOrThrow(ctx, id)).productId }
  const comment = await commentOrThrow(ctx, id)
  return {
    type,
    id,
    productId: comment.productId,
    authorId: comment.authorId,
    item: { type: comment.entityType, id: comment.entityId },
  }
}

/** The requirement or task whose history shows a change of this attachment. */
const parentOf = (target: Target) =>
  target.item ? { type: target.item.type, id: target.item.id } : { type: target.type, id: target.id }

const EDIT: Record<'requirement' | 'task', Permission[]> = {
  requirement: ['requirement.update'],
  task: ['task.update', 'task.update_status'],
}

const holds = (ctx: ServiceContext, permissions: Permission[]) =>
  permissions.some((p) => ctx.membership.permissions.has(p))

function checkMayAttach(ctx: ServiceContext, target: Target) {
  if (target.type === 'comment') {
    if (target.authorId !== ctx.user.id) throw forbidden('Only its author can attach files to a comment')
    return
  }
  // A pasted screenshot in a comment being written is attached to the item: commenting is enough.
  if (!holds(ctx, [...EDIT[target.type], 'comment.create']))
    throw forbidden(
      `Attaching to a ${target.type} needs ${EDIT[target.type].join(' or ')}, or comment.create`,
    )
}

function checkMayDelete(ctx: ServiceContext, target: Target, uploadedBy: number | null) {
  if (uploadedBy === ctx.user.id) return
  const needed: Permission[] = target.type === 'comment' ? ['comment.moderate'] : EDIT[target.type]
  if (!holds(ctx, needed))
    throw forbidden(`Only its uploader, or someone with ${needed.join(' or ')}, can delete this file`)
}

/** The API's view of an attachment, with the address of its file. */
export function present(ws: number, a: AttachmentView) {
  return {
    ...a,
    uploadedBy: a.uploadedBy?.id ? a.uploadedBy : null,
    url: `/api/workspaces/${ws}/attachments/${a.id}`,
    inline: INLINE_IMAGES.has(a.contentType),
  }
}

/**
 * Streams the upload to disk (refused before a byte is stored when the caller may not attach), judges its
 * type from the content, keeps the file and records the attachment in one write.
 */
export async function upload(
  ctx: ServiceContext,
  type: AttachmentTarget,
  id: number,
  request: { headers: Headers; body: ReadableStream<Uint8Array> | null },
) {
  const { deps } = ctx
  checkMayAttach(ctx, await targetOrThrow(ctx, type, id))
  const { name: given, received } = await receiveUpload(request, deps.files)
  const name = cleanName(given)
  let contentType: string
  try {
    contentType = await judgeType(received.path, await deps.files.head(received), name)
  } catch (err) {
    await deps.files.discard(received)
    throw err
  }
  // The file is in place (or freshly touched) before its row commits: see files.ts, UNREFERENCED_GRACE_MS.
  await deps.files.keep(received)
  const row = await write(scopeOf(ctx), async (tx, record) => {
    // Read again inside the write: the item may have gone while the file arrived.
    const target = await targetOrThrow({ ...ctx, deps: { ...deps, db: tx } }, type, id)
    const created = await attachmentRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId: target.productId,
      entityType: type,
      entityId: id,
      name,
      size: received.size,
      contentType,
      sha256: received.sha256,
      uploadedBy: ctx.user.id,
      createdAt: deps.clock.now().toISOString(),
    })
    record({
      entityType: 'attachment',
      entityId: created.id,
      productId: target.productId,
      action: 'created',
      after: { name, size: received.size, contentType, target: type, targetId: id, ...target.item },
      parent: parentOf(target),
    })
    return created
  })
  const { id: rowId, entityType, entityId, sha256, createdAt } = row
  return present(ctx.membership.workspaceId, {
    id: rowId,
    entityType,
    entityId,
    name,
    size: received.size,
    contentType,
    sha256,
    createdAt,
    uploadedBy: { id: ctx.user.id, name: ctx.user.name },
  })
}

/** The files on a requirement or task and on its comments, newest first. */
export async function listAttachments(ctx: ServiceContext, type: 'requirement' | 'task', id: number) {
  await targetOrThrow(ctx, type, id)
  const rows = await attachmentRepo.ofItem(ctx.deps.db, type, id)
  return rows.map((row) => present(ctx.membership.workspaceId, row))
}

/** An attachment the caller may see (by its item's permission), with its target; 404 otherwise. */
async function attachmentOrThrow(ctx: ServiceContext, id: number) {
  const row = await attachmentRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!row) throw notFound('Attachment')
  return { row, target: await targetOrThrow(ctx, row.entityType, row.entityId) }
}

/** The attachment and its bytes, for the caller who may see its item. */
export async function openAttachment(ctx: ServiceContext, id: number) {
  const { row } = await attachmentOrThrow(ctx, id)
  const stream = await ctx.deps.files.read(row.sha256)
  if (!stream) throw notFound('Attachment file (it is missing from the server’s disk)')
  return { row, stream, inline: INLINE_IMAGES.has(row.contentType) }
}

export function deleteAttachment(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record, frame) => {
    const { row, target } = await attachmentOrThrow(ctx, id)
    checkMayDelete(ctx, target, row.uploadedBy)
    await attachmentRepo.delete(tx, id)
    record({
      entityType: 'attachment',
      entityId: id,
      productId: row.productId,
      action: 'deleted',
      parent: parentOf(target),
      before: {
        name: row.name,
        size: row.size,
        contentType: row.contentType,
        target: row.entityType,
        targetId: row.entityId,
        ...target.item,
      },
    })
    removeFilesAfterCommit(ctx.deps, frame, [row.sha256])
  })
}

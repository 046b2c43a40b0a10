// Comments: markdown discussion on requirements and tasks (stored as written, sanitized when rendered).

import type { ServiceContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/errors'
import { checkVersion, recordUpdate, scopeOf, write } from '../../lib/write'
import { dropAttachmentsOf } from '../attachments/cleanup'
import { checkMentions } from '../notifications/mentions'
import { requirementOrThrow } from '../requirements/service'
import { taskOrThrow } from '../tasks/service'
import { commentRepo } from './repo'

export type CommentTarget = 'requirement' | 'task'

async function productOfTarget(ctx: ServiceContext, target: CommentTarget, id: number): Promise<number> {
  return target === 'requirement'
    ? (await requirementOrThrow(ctx, id)).row.productId
    : (await taskOrThrow(ctx, id)).productId
}

export async function listComments(ctx: ServiceContext, target: CommentTarget, id: number) {
  await productOfTarget(ctx, target, id)
  return commentRepo.list(ctx.deps.db, target, id)
}

export function addComment(ctx: ServiceContext, target: CommentTarget, id: number, body: string) {
  return write(scopeOf(ctx), async (tx, record) => {
    const productId = await productOfTarget(ctx, target, id)
    await checkMentions(ctx, body)
    const now = ctx.deps.clock.now().toISOString()
    const row = await commentRepo.insert(tx, {
      workspaceId: ctx.membership.workspaceId,
      productId,
      entityType: target,
      entityId: id,
      authorId: ctx.user.id,
      body,
      createdAt: now,
      updatedAt: now,
    })
    record({
      entityType: 'comment',
      entityId: row.id,
      productId,
      action: 'created',
      version: row.version,
      after: { target, targetId: id },
    })
    return { ...row, author: { id: ctx.user.id, name: ctx.user.name } }
  })
}

/** A comment the caller may see (its requirement or task is visible to them), or 404. */
export async function commentOrThrow(ctx: ServiceContext, id: number) {
  const row = await commentRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
  if (!row) throw notFound('Comment')
  await productOfTarget(ctx, row.entityType, row.entityId)
  return row
}

/** Its author edits a comment; the list shows it as edited, and the history keeps what it said before. */
export function editComment(ctx: ServiceContext, id: number, body: string, version: number | undefined) {
  return write(scopeOf(ctx), async (tx, record) => {
    const before = await commentOrThrow(ctx, id)
    if (before.authorId !== ctx.user.id) throw forbidden('Only its author can edit a comment')
    checkVersion(before, version)
    await checkMentions(ctx, body)
    const now = ctx.deps.clock.now().toISOString()
    const after = await commentRepo.update(tx, id, { body, updatedAt: now })
    recordUpdate(record, 'comment', before, after, before.productId)
    return { ...after, author: { id: ctx.user.id, name: ctx.user.name } }
  })
}

/** Its author deletes a comment, or anyone holding comment.moderate; the history keeps what it said. */
export function deleteComment(ctx: ServiceContext, id: number) {
  return write(scopeOf(ctx), async (tx, record, frame) => {
    const row = await commentOrThrow(ctx, id)
    if (row.authorId !== ctx.user.id && !ctx.membership.permissions.has('comment.moderate'))
      throw forbidden('Only its author, or someone with comment.moderate, can delete a comment')
    await dropAttachmentsOf(ctx.deps, tx, frame, { comment: [id] })
    await commentRepo.delete(tx, id)
    record({ entityType: 'comment', entityId: id, productId: row.productId, action: 'deleted', before: row })
  })
}

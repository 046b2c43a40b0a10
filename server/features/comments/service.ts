// Comments: markdown discussion on requirements and tasks (stored as written, sanitized when rendered).
import type { ServiceContext } from '../../lib/context'
import { scopeOf, write } from '../../lib/write'
import { requirementOrThrow } from '../requirements/service'
import { taskOrThrow } from '../tasks/service'
import { commentRepo } from './repo'

export type CommentTarget = 'requirement' | 'task'

function productOfTarget(ctx: ServiceContext, target: CommentTarget, id: number): number {
  return target === 'requirement' ? requirementOrThrow(ctx, id).row.productId : taskOrThrow(ctx, id).productId
}

export function listComments(ctx: ServiceContext, target: CommentTarget, id: number) {
  productOfTarget(ctx, target, id)
  return commentRepo.list(ctx.deps.db, target, id)
}

export function addComment(ctx: ServiceContext, target: CommentTarget, id: number, body: string) {
  const productId = productOfTarget(ctx, target, id)
  const now = ctx.deps.clock.now().toISOString()
  return write(scopeOf(ctx), (tx, record) => {
    const row = commentRepo.insert(tx, {
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

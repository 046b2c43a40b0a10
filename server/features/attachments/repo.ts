// SQL for attachments: the rows that name files on disk (files.ts holds the bytes).
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { attachments, comments, users } from '../../../db/schema'
import type { AttachmentTarget } from '../../../domain/vocabulary'
import { workspaceRowById } from '../../lib/sql'

export type AttachmentRow = typeof attachments.$inferSelect

const view = {
  id: attachments.id,
  entityType: attachments.entityType,
  entityId: attachments.entityId,
  name: attachments.name,
  size: attachments.size,
  contentType: attachments.contentType,
  sha256: attachments.sha256,
  createdAt: attachments.createdAt,
  uploadedBy: { id: users.id, name: users.name },
}

/** Comments on these requirements or tasks. */
const commentsOn = (db: Db, type: 'requirement' | 'task', ids: number[]) =>
  db
    .select({ id: comments.id })
    .from(comments)
    .where(and(eq(comments.entityType, type), inArray(comments.entityId, ids)))

/** Attachments of the requirements, tasks and comments named, and of the comments on those items. */
function ofItems(
  db: Db,
  targets: { requirement?: number[]; task?: number[]; comment?: number[] },
): SQL | undefined {
  const parts: SQL[] = []
  for (const type of ['requirement', 'task'] as const) {
    const ids = targets[type] ?? []
    if (ids.length === 0) continue
    parts.push(and(eq(attachments.entityType, type), inArray(attachments.entityId, ids))!)
    parts.push(
      and(eq(attachments.entityType, 'comment'), inArray(attachments.entityId, commentsOn(db, type, ids)))!,
    )
  }
  if (targets.comment?.length)
    parts.push(and(eq(attachments.entityType, 'comment'), inArray(attachments.entityId, targets.comment))!)
  return parts.length === 0 ? undefined : or(...parts)
}

export const attachmentRepo = {
  byId: workspaceRowById(attachments),

  async insert(db: Db, values: typeof attachments.$inferInsert) {
    const [row] = await db.insert(attachments).values(values).returning()
    return row!
  },

  /** An item's attachments and its comments' (each says which), newest first. */
  async ofItem(db: Db, type: 'requirement' | 'task', id: number) {
    return await db
      .select(view)
      .from(attachments)
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(ofItems(db, { [type]: [id] }))
      .orderBy(desc(attachments.id))
  },

  async delete(db: Db, id: number) {
    await db.delete(attachments).where(eq(attachments.id, id))
  },

  /** Deletes the attachments of these items (and of their comments); answers the files they named. */
  async deleteOf(db: Db, targets: { requirement?: number[]; task?: number[]; comment?: number[] }) {
    const where = ofItems(db, targets)
    if (!where) return []
    const removed = await db.delete(attachments).where(where).returning({ sha256: attachments.sha256 })
    return removed.map((r) => r.sha256)
  },

  /** Which of these files some attachment still names. */
  async referenced(db: Db, shas: string[]): Promise<Set<string>> {
    const found = new Set<string>()
    for (let i = 0; i < shas.length; i += 500) {
      const rows = await db
        .selectDistinct({ sha256: attachments.sha256 })
        .from(attachments)
        .where(inArray(attachments.sha256, shas.slice(i, i + 500)))
      for (const r of rows) found.add(r.sha256)
    }
    return found
  },
}

export type AttachmentView = Awaited<ReturnType<typeof attachmentRepo.ofItem>>[number]
export type { AttachmentTarget }

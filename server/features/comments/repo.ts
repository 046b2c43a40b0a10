// SQL for comments on requirements and tasks.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { comments, users } from '../../../db/schema'
import { updateVersioned, workspaceRowById } from '../../lib/sql'

export const commentRepo = {
  async list(db: Db, entityType: 'requirement' | 'task', entityId: number) {
    return await db
      .select({
        id: comments.id,
        body: comments.body,
        createdAt: comments.createdAt,
        updatedAt: comments.updatedAt,
        version: comments.version,
        author: { id: users.id, name: users.name },
        authorName: comments.authorName,
      })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .where(and(eq(comments.entityType, entityType), eq(comments.entityId, entityId)))
      .orderBy(asc(comments.id))
  },

  async insert(db: Db, values: typeof comments.$inferInsert) {
    const [row] = await db.insert(comments).values(values).returning()
    return row!
  },

  byId: workspaceRowById(comments),

  update(db: Db, id: number, values: { body: string; updatedAt: string }) {
    return updateVersioned(db, comments, id, values)
  },

  async delete(db: Db, id: number) {
    await db.delete(comments).where(eq(comments.id, id))
  },
}

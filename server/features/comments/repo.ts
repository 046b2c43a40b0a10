// SQL for comments on requirements and tasks.
import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { comments, users } from '../../../db/schema'

export const commentRepo = {
  list(db: Db, entityType: 'requirement' | 'task', entityId: number) {
    return db
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
      .all()
  },

  insert(db: Db, values: typeof comments.$inferInsert) {
    return db.insert(comments).values(values).returning().get()
  },
}

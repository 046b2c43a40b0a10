// Small SQL fragments shared by repositories.
import { type SQLWrapper, sql } from 'drizzle-orm'

/** `column + 1`, for version bumps. */
export const sqlIncrement = (column: SQLWrapper) => sql<number>`${column} + 1`

/** `column LIKE '%text%'` with %, _ and \ in the text matched literally. */
export function likeContains(column: SQLWrapper, text: string) {
  const escaped = text.replace(/[\\%_]/g, (ch) => `\\${ch}`)
  return sql`${column} like ${`%${escaped}%`} escape '\\'`
}

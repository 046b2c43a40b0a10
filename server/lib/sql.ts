// Small SQL fragments shared by repositories.
import { type SQLWrapper, sql } from 'drizzle-orm'

/** `column + 1`, for version bumps. */
export const sqlIncrement = (column: SQLWrapper) => sql<number>`${column} + 1`

/** The LIKE pattern (with `escape '\\'`) matching `text` anywhere, %, _ and \ in it taken literally. */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/** `column LIKE '%text%'` with %, _ and \ in the text matched literally. */
export function likeContains(column: SQLWrapper, text: string) {
  return sql`${column} like ${containsPattern(text)} escape '\\'`
}

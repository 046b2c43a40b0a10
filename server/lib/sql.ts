// Small SQL fragments shared by repositories.
import { type SQLWrapper, sql } from 'drizzle-orm'

/** `column + 1`, for version bumps. */
export const sqlIncrement = (column: SQLWrapper) => sql<number>`${column} + 1`

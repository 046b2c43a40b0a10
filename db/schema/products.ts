// Product lines: the unit a backlog, iterations and the board belong to.
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { id, timestamp, version } from './columns'
import { members, workspaces } from './platform'

export const products = sqliteTable(
  'products',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The last item number handed out; requirements and tasks share it (MES-1, MES-2, …). */
    lastNumber: integer('last_number').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('products_workspace_key_unique').on(t.workspaceId, t.key),
    index('products_workspace_idx').on(t.workspaceId),
  ],
)

/** The products a restricted member may see. */
export const memberProducts = sqliteTable(
  'member_products',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.productId] })],
)

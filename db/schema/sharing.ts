// Share links: read-only, revocable, expiring views of a product roadmap, optionally for one customer.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { id, timestamp } from './columns'
import { customers } from './customers'
import { users, workspaces } from './platform'
import { products } from './products'

export const shareLinks = sqliteTable(
  'share_links',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** When set, the link shows only what this customer asked for; deleting the customer ends the link. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    label: text('label').notNull().default(''),
    /**
     * For a customer's link: also show what the customer asked for that is still under consideration or
     * was declined (as such, without internal details). On unless the PM chose otherwise.
     */
    showConsidering: integer('show_considering', { mode: 'boolean' }).notNull().default(true),
    /** SHA-256 of the 128-bit token; the token itself is shown once. */
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at'),
    revokedAt: timestamp('revoked_at'),
  },
  (t) => [
    uniqueIndex('share_links_token_hash_unique').on(t.tokenHash),
    index('share_links_workspace_idx').on(t.workspaceId),
  ],
)

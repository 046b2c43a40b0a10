// Customers: independent B2B records with industry, tier and contract value.
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { CUSTOMER_TIERS } from '../../domain/vocabulary'
import { id, timestamp, version } from './columns'
import { workspaces } from './platform'

export type { CustomerTier } from '../../domain/vocabulary'
export { CUSTOMER_TIERS }

export const customers = sqliteTable(
  'customers',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    industry: text('industry').notNull().default(''),
    tier: text('tier', { enum: CUSTOMER_TIERS }).notNull().default('standard'),
    /** Annual contract value in the workspace's currency (whole units). */
    contractValue: real('contract_value').notNull().default(0),
    contact: text('contact').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [index('customers_workspace_name_idx').on(t.workspaceId, t.name)],
)

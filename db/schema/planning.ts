// Modules, releases and iterations: the structure a product's work is planned into.
import { type AnySQLiteColumn, index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { ITERATION_STATUSES, RELEASE_STATUSES } from '../../domain/vocabulary'
import { id, timestamp, version } from './columns'
import { workspaces } from './platform'
import { products } from './products'

export type { IterationStatus } from '../../domain/vocabulary'
export { ITERATION_STATUSES, RELEASE_STATUSES }

/** A functional area of a product; modules form a tree. */
export const modules = sqliteTable(
  'modules',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id').references((): AnySQLiteColumn => modules.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: timestamp('created_at').notNull(),
    version: version(),
  },
  (t) => [index('modules_product_idx').on(t.productId, t.parentId)],
)

/** A milestone on the roadmap. */
export const releases = sqliteTable(
  'releases',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    targetDate: text('target_date').notNull(),
    status: text('status', { enum: RELEASE_STATUSES }).notNull().default('planned'),
    releasedAt: timestamp('released_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [index('releases_product_idx').on(t.productId, t.targetDate)],
)

export interface WipLimits {
  todo?: number
  doing?: number
  review?: number
  blocked?: number
  done?: number
}

/** A time box of a product with a capacity and a share reserved for stability work. */
export const iterations = sqliteTable(
  'iterations',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    goal: text('goal').notNull().default(''),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** Points the team can deliver in this iteration. */
    capacity: real('capacity').notNull(),
    stabilityBudgetPercent: integer('stability_budget_percent').notNull().default(20),
    status: text('status', { enum: ITERATION_STATUSES }).notNull().default('planned'),
    releaseId: integer('release_id').references(() => releases.id, { onDelete: 'set null' }),
    wipLimits: text('wip_limits', { mode: 'json' }).$type<WipLimits>().notNull().default({}),
    startedAt: timestamp('started_at'),
    closedAt: timestamp('closed_at'),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [index('iterations_product_idx').on(t.productId, t.startDate)],
)

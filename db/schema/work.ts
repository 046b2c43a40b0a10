// Requirements, customer asks, tasks and comments: the work itself.
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  IMPORTANCES,
  PRIORITIES,
  REQUIREMENT_STATUSES,
  RISKS,
  SOURCES,
  STABILITY_CATEGORIES,
  TASK_KINDS,
  TASK_STATUSES,
} from '../../domain/vocabulary'
import { id, timestamp, version } from './columns'
import { customers } from './customers'
import { iterations, modules, releases } from './planning'
import { users, workspaces } from './platform'
import { products } from './products'

export type { RequirementStatus, TaskStatus } from '../../domain/vocabulary'
// The vocabulary lives in domain/ (the board reads it too); the schema names it for its enums.
export {
  IMPORTANCES,
  PRIORITIES,
  REQUIREMENT_STATUSES,
  RISKS,
  SOURCES,
  STABILITY_CATEGORIES,
  TASK_KINDS,
  TASK_STATUSES,
}

export interface AcceptanceItem {
  text: string
  done: boolean
}

export const requirements = sqliteTable(
  'requirements',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Who needs it (a role at the customer or in-house). */
    role: text('role').notNull().default(''),
    /** When and where they need it. */
    scenario: text('scenario').notNull().default(''),
    source: text('source', { enum: SOURCES }).notNull().default('internal'),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('P2'),
    value: integer('value').notNull().default(5),
    /** Relative effort in points, used by the score. */
    effort: real('effort'),
    /** Estimate in points, used by capacity planning. */
    estimate: real('estimate'),
    status: text('status', { enum: REQUIREMENT_STATUSES }).notNull().default('draft'),
    rejectReason: text('reject_reason'),
    acceptanceCriteria: text('acceptance_criteria', { mode: 'json' })
      .$type<AcceptanceItem[]>()
      .notNull()
      .default([]),
    moduleId: integer('module_id').references(() => modules.id, { onDelete: 'set null' }),
    iterationId: integer('iteration_id').references(() => iterations.id, { onDelete: 'set null' }),
    releaseId: integer('release_id').references(() => releases.id, { onDelete: 'set null' }),
    targetDate: text('target_date'),
    pinned: integer('pinned', { mode: 'boolean' }).notNull().default(false),
    /** fractional-indexing key: the explicit backlog order within the product. */
    rank: text('rank').notNull(),
    /** Cached from the asks (see the score formula in the requirements service). */
    demand: real('demand').notNull().default(0),
    /** Null while the requirement is unestimated (no effort, no estimate): nothing to rank it by. */
    score: real('score'),
    askCount: integer('ask_count').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('requirements_product_rank_unique').on(t.productId, t.rank),
    uniqueIndex('requirements_product_number_unique').on(t.productId, t.number),
    index('requirements_iteration_idx').on(t.iterationId),
    index('requirements_product_status_idx').on(t.productId, t.status, t.rank),
    index('requirements_product_score_idx').on(t.productId, t.score),
    index('requirements_module_idx').on(t.moduleId),
    index('requirements_release_idx').on(t.releaseId),
  ],
)

/** A customer's ask for a requirement: the accumulated demand data. */
export const customerAsks = sqliteTable(
  'customer_asks',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    requirementId: integer('requirement_id')
      .notNull()
      .references(() => requirements.id, { onDelete: 'cascade' }),
    customerId: integer('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    importance: text('importance', { enum: IMPORTANCES }).notNull().default('important'),
    note: text('note').notNull().default(''),
    askedOn: text('asked_on').notNull(),
    /** A date promised to this customer; reports watch it against forecasts. */
    promisedDate: text('promised_date'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('customer_asks_requirement_customer_unique').on(t.requirementId, t.customerId),
    index('customer_asks_customer_idx').on(t.customerId),
  ],
)

export const tasks = sqliteTable(
  'tasks',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    requirementId: integer('requirement_id').references(() => requirements.id, { onDelete: 'set null' }),
    iterationId: integer('iteration_id').references(() => iterations.id, { onDelete: 'set null' }),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('todo'),
    blockedReason: text('blocked_reason'),
    category: text('category', { enum: STABILITY_CATEGORIES }),
    risk: text('risk', { enum: RISKS }),
    /** For stability follow-ups: the customer and the incident or site, so recurrences can be counted. */
    customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    incidentRef: text('incident_ref'),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    estimate: real('estimate'),
    remaining: real('remaining'),
    dueDate: text('due_date'),
    /** fractional-indexing key within its board column (iteration × status). */
    rank: text('rank').notNull(),
    startedAt: timestamp('started_at'),
    doneAt: timestamp('done_at'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('tasks_product_number_unique').on(t.productId, t.number),
    index('tasks_board_idx').on(t.iterationId, t.status, t.rank),
    index('tasks_requirement_idx').on(t.requirementId),
    index('tasks_assignee_idx').on(t.assigneeId, t.status),
    index('tasks_product_status_idx').on(t.productId, t.status),
  ],
)

export const COMMENT_TARGETS = ['requirement', 'task'] as const

export const comments = sqliteTable(
  'comments',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    entityType: text('entity_type', { enum: COMMENT_TARGETS }).notNull(),
    entityId: integer('entity_id').notNull(),
    authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** For imported comments: the original author's name (no Keel user behind it). */
    authorName: text('author_name'),
    /** Markdown; sanitized wherever it is rendered. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [index('comments_entity_idx').on(t.entityType, t.entityId, t.id)],
)

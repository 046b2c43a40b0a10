// Imports, webhooks and their logs: how Keel takes data in and tells other systems what happened.
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { id, timestamp, version } from './columns'
import { users, workspaces } from './platform'
import { products } from './products'

export const IMPORT_SOURCES = ['keel', 'jira', 'zentao', 'github', 'csv'] as const
export type ImportSource = (typeof IMPORT_SOURCES)[number]

export const EXTERNAL_ENTITY_TYPES = [
  'product',
  'requirement',
  'task',
  'iteration',
  'release',
  'module',
  'customer',
  'comment',
] as const
export type ExternalEntityType = (typeof EXTERNAL_ENTITY_TYPES)[number]

/**
 * Where an imported record came from (e.g. Jira issue PROJ-12): re-importing the same file finds the
 * record by this key and updates it instead of creating a duplicate.
 */
export const externalRefs = sqliteTable(
  'external_refs',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    source: text('source', { enum: IMPORT_SOURCES }).notNull(),
    entityType: text('entity_type', { enum: EXTERNAL_ENTITY_TYPES }).notNull(),
    externalKey: text('external_key').notNull(),
    entityId: integer('entity_id').notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('external_refs_key_unique').on(t.productId, t.source, t.entityType, t.externalKey),
    index('external_refs_entity_idx').on(t.entityType, t.entityId),
    // An old key finds its item again (search, the key jump).
    index('external_refs_workspace_key_idx').on(t.workspaceId, t.externalKey),
  ],
)

/** One applied import: what was read and what it did, shown in the import settings page. */
export const importRuns = sqliteTable(
  'import_runs',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id').references(() => products.id, { onDelete: 'set null' }),
    format: text('format').notNull(),
    fileName: text('file_name').notNull().default(''),
    counts: text('counts', { mode: 'json' }).$type<Record<string, number>>().notNull().default({}),
    warningCount: integer('warning_count').notNull().default(0),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [index('import_runs_workspace_idx').on(t.workspaceId, t.id)],
)

export const WEBHOOK_PRESETS = ['generic', 'feishu', 'dingtalk', 'wecom'] as const
export type WebhookPreset = (typeof WEBHOOK_PRESETS)[number]

/** An outgoing webhook: events of a workspace (optionally one product) posted to a URL. */
export const webhooks = sqliteTable(
  'webhooks',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id').references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    url: text('url').notNull(),
    preset: text('preset', { enum: WEBHOOK_PRESETS }).notNull().default('generic'),
    /** Event names such as `task.moved`, or `*` for all. */
    events: text('events', { mode: 'json' }).$type<string[]>().notNull(),
    /**
     * The signing secret. Unlike passwords and tokens it cannot be stored hashed: Keel needs it to sign
     * each delivery (HMAC-SHA256, or DingTalk's own scheme). It is never sent back after creation.
     */
    secret: text('secret'),
    language: text('language', { enum: ['zh-CN', 'en'] })
      .notNull()
      .default('zh-CN'),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    version: version(),
  },
  (t) => [index('webhooks_workspace_idx').on(t.workspaceId)],
)

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const

/** One event to deliver to one webhook, with its attempts: the delivery log and the retry queue. */
export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** The exact body sent (so a retry sends the same bytes and the log shows them). */
    body: text('body').notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at'),
    responseStatus: integer('response_status'),
    /** The start of the receiver's last answer, cut at 2 KB: enough to read an error message. */
    responseBody: text('response_body'),
    error: text('error'),
    createdAt: timestamp('created_at').notNull(),
    lastAttemptAt: timestamp('last_attempt_at'),
    deliveredAt: timestamp('delivered_at'),
  },
  (t) => [
    index('webhook_deliveries_webhook_idx').on(t.webhookId, t.id),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
  ],
)

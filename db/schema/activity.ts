// The append-only history of every change: who, what, before → after, when.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { id, timestamp } from './columns'
import { users, workspaces } from './platform'

export const activity = sqliteTable(
  'activity',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    /** The product the entity belongs to, when it belongs to one: used to hide it from narrowed members. */
    productId: integer('product_id'),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    /** The item the entity hangs off (an attachment's requirement or task): its history shows the change. */
    parentType: text('parent_type'),
    parentId: integer('parent_id'),
    action: text('action').notNull(),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** For history brought in by an import: the original author's name (no Keel user behind it). */
    actorName: text('actor_name'),
    /** True when Keel made the change by a rule (e.g. auto-advance), not a person directly. */
    automatic: integer('automatic', { mode: 'boolean' }).notNull().default(false),
    /** Written by an import (the file's history and the import's own rows): it notifies nobody. */
    imported: integer('imported', { mode: 'boolean' }).notNull().default(false),
    before: text('before', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    after: text('after', { mode: 'json' }).$type<Record<string, unknown> | null>(),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('activity_entity_idx').on(t.workspaceId, t.entityType, t.entityId, t.id),
    index('activity_parent_idx').on(t.workspaceId, t.parentType, t.parentId, t.id),
    index('activity_workspace_idx').on(t.workspaceId, t.id),
    index('activity_product_idx').on(t.productId, t.id),
  ],
)

// Watching and notifications: who follows which item, what reached whose inbox, the email outbox, and the
// files attached to items.
import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import {
  ATTACHMENT_TARGETS,
  EMAIL_KINDS,
  EMAIL_STATUSES,
  NOTIFICATION_KINDS,
  type NotificationChannel,
  type NotificationKind,
  WATCHABLE_TYPES,
} from '../../domain/vocabulary'
import { id, timestamp } from './columns'
import { users, workspaces } from './platform'
import { products } from './products'

/** A person following an item: its changes reach their inbox. */
export const watchers = sqliteTable(
  'watchers',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type', { enum: WATCHABLE_TYPES }).notNull(),
    entityId: integer('entity_id').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('watchers_entity_user_unique').on(t.entityType, t.entityId, t.userId),
    index('watchers_user_idx').on(t.userId),
  ],
)

/**
 * One thing that reached one person's inbox: made by the notifier from the history (one row per change
 * and recipient), never for the person who made the change. What it names is read when it is shown.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The item's product, when it has one: members narrowed to other products never see it. */
    productId: integer('product_id'),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    /** The item it is about: a requirement, task, iteration, product or member. */
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    /** The history row it came from (none for reminders). */
    activityId: integer('activity_id'),
    /** The comment it points at (a comment, or a mention in one). */
    commentId: integer('comment_id'),
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** What the inbox line shows beyond the item (a status's before and after). */
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default({}),
    /**
     * What makes a reminder the same reminder (`due_soon:task:42:2026-12-06`): each is made once per
     * person, however often the reminders run. Null for notifications of changes.
     */
    dedupeKey: text('dedupe_key'),
    /** Where the person wanted it when it was made: the inbox alone, an email soon, or the digest. */
    channel: text('channel', { enum: ['inbox', 'email', 'digest'] })
      .notNull()
      .default('inbox'),
    /** When it went out by email (or was passed over: read in the inbox first, or no longer visible). */
    mailedAt: timestamp('mailed_at'),
    createdAt: timestamp('created_at').notNull(),
    readAt: timestamp('read_at'),
    archivedAt: timestamp('archived_at'),
  },
  (t) => [
    index('notifications_inbox_idx').on(t.userId, t.workspaceId, t.id),
    index('notifications_entity_idx').on(t.entityType, t.entityId),
    uniqueIndex('notifications_dedupe_unique').on(t.userId, t.dedupeKey),
  ],
)

/**
 * How far a background reader has read an append-only table: the notifier's place in the history.
 * Moved in the same transaction as what it made, so each row is handled once, by one process.
 */
export const cursors = sqliteTable('cursors', {
  name: text('name').primaryKey(),
  value: integer('value').notNull().default(0),
})

/** A person's choices of where each kind of notification goes (unset kinds: the inbox). */
export const notificationSettings = sqliteTable('notification_settings', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  channels: text('channels', { mode: 'json' })
    .$type<Partial<Record<NotificationKind, NotificationChannel>>>()
    .notNull()
    .default({}),
  /** The hour of the day, in the person's time zone, when the digest is sent. */
  digestHour: integer('digest_hour').notNull().default(9),
  /** The local date of the last digest made: one a day, however often the scheduler runs. */
  lastDigestOn: text('last_digest_on'),
  updatedAt: timestamp('updated_at').notNull(),
})

/**
 * The email outbox: each email to send, durable across restarts, sent by the outbox worker with retries
 * and backoff. A notification email or a digest is written when it is sent, from the notifications then
 * unmailed (so changes batch together and a permission lost meanwhile is respected); a message (a reset
 * link, an invite) is written when it is queued, and its body is dropped once sent.
 */
export const emails = sqliteTable(
  'emails',
  {
    id: id(),
    kind: text('kind', { enum: EMAIL_KINDS }).notNull(),
    toAddress: text('to_address').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** A notification email: the item it is about, in this workspace. */
    workspaceId: integer('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
    entityType: text('entity_type'),
    entityId: integer('entity_id'),
    /** Changes to one item for one person gather in the one pending email with this key. */
    batchKey: text('batch_key'),
    subject: text('subject'),
    text: text('text'),
    html: text('html'),
    /** Extra headers of a message (List-Unsubscribe…). */
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** When it is due: a notification email waits a few minutes for more changes; a retry, its backoff. */
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    error: text('error'),
    createdAt: timestamp('created_at').notNull(),
    lastAttemptAt: timestamp('last_attempt_at'),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    index('emails_due_idx').on(t.status, t.nextAttemptAt),
    uniqueIndex('emails_batch_unique').on(t.batchKey).where(sql`status = 'pending'`),
  ],
)

/** A change of email address waiting for the new address to be confirmed (only the token's hash). */
export const emailChanges = sqliteTable(
  'email_changes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    newEmail: text('new_email').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [uniqueIndex('email_changes_token_hash_unique').on(t.tokenHash)],
)

/**
 * A file attached to a requirement, a task or a comment. The bytes live on disk under KEEL_DATA_DIR/files,
 * named by their SHA-256 (one file for every attachment with the same content); a file no row refers to is
 * removed. `contentType` is judged from the content, never from the name.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    entityType: text('entity_type', { enum: ATTACHMENT_TARGETS }).notNull(),
    entityId: integer('entity_id').notNull(),
    /** The name it was uploaded with (shown and offered on download; never used on disk). */
    name: text('name').notNull(),
    size: integer('size').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    index('attachments_entity_idx').on(t.entityType, t.entityId, t.id),
    index('attachments_sha256_idx').on(t.sha256),
  ],
)

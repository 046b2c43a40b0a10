// The words of the product domain (DESIGN.md's glossary), read by the database schema, the API and the
// board alike: one list per fact, so a status added here is added everywhere.

export const REQUIREMENT_STATUSES = [
  'draft',
  'reviewing',
  'approved',
  'planned',
  'developing',
  'testing',
  'released',
  'closed',
  'rejected',
] as const
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number]

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const
export type Priority = (typeof PRIORITIES)[number]

/** Where a requirement came from. */
export const SOURCES = ['customer', 'internal', 'market', 'regulation', 'incident'] as const

/** How much a customer's ask matters to them. */
export const IMPORTANCES = ['nice', 'important', 'critical'] as const
export type Importance = (typeof IMPORTANCES)[number]

export const CUSTOMER_TIERS = ['strategic', 'key', 'standard'] as const
export type CustomerTier = (typeof CUSTOMER_TIERS)[number]

export const TASK_KINDS = ['feature', 'stability', 'bug', 'chore'] as const
export type TaskKind = (typeof TASK_KINDS)[number]

export const TASK_STATUSES = ['todo', 'doing', 'review', 'done', 'blocked'] as const
export type TaskStatus = (typeof TASK_STATUSES)[number]

/** The board's columns, left to right: blocked work sits beside the work it holds up, before done. */
export const BOARD_STATUSES = [
  'todo',
  'doing',
  'review',
  'blocked',
  'done',
] as const satisfies readonly TaskStatus[]

/** What a stability task protects (the reserved share of every iteration). */
export const STABILITY_CATEGORIES = [
  'performance',
  'availability',
  'security',
  'scalability',
  'observability',
  'tech-debt',
  'incident-follow-up',
] as const

export const RISKS = ['low', 'medium', 'high', 'critical'] as const

export const ITERATION_STATUSES = ['planned', 'active', 'closed'] as const
export type IterationStatus = (typeof ITERATION_STATUSES)[number]

export const RELEASE_STATUSES = ['planned', 'released'] as const

/** What a person can watch: its changes reach their inbox. */
export const WATCHABLE_TYPES = ['requirement', 'task', 'iteration', 'product'] as const
export type WatchableType = (typeof WATCHABLE_TYPES)[number]

/** What lands in a person's inbox (and, by their preferences, their email). */
export const NOTIFICATION_KINDS = [
  'assigned',
  'mentioned',
  'commented',
  'status_changed',
  'blocked',
  'unblocked',
  'due_soon',
  'overdue',
  'promise_at_risk',
  'iteration_started',
  'iteration_completed',
  'invite_accepted',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/** Where a kind of notification goes: the inbox only, an email at once, the daily digest, or nowhere. */
export const NOTIFICATION_CHANNELS = ['inbox', 'email', 'digest', 'off'] as const
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number]

/** What an email in the outbox is: changes to one item, the daily digest, or a message (a reset link…). */
/** What a file can be attached to: a requirement, a task, or a comment on one of them. */
export const ATTACHMENT_TARGETS = ['requirement', 'task', 'comment'] as const
export type AttachmentTarget = (typeof ATTACHMENT_TARGETS)[number]

export const EMAIL_KINDS = ['notifications', 'digest', 'message'] as const
export type EmailKind = (typeof EMAIL_KINDS)[number]

/** An email's state: waiting (first try or a retry), sent, given up on, or passed over (nothing to say). */
export const EMAIL_STATUSES = ['pending', 'sent', 'failed', 'skipped'] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

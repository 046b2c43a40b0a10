// The types every route and service share: the app's dependencies and who is asking.
import type { Db } from '../../db/client'
import type { Store } from '../../db/store'
import type { Background } from './background'
import type { EpochCache, StringCache } from './cache'
import type { Clock, Timers } from './clock'
import type { EventBus } from './events'
import type { FileStore } from './files'
import type { Mailer } from './mailer'
import type { Permission } from './permissions'
import type { RequestInfo } from './request-info'
import type { FailureThrottle, LoginThrottle, OpenLimit } from './throttle'
import type { WriteFrame } from './write'

export interface AppDeps {
  /** The database: writes take turns on it, one transaction at a time. */
  store: Store
  /** The reader (store.db): committed rows. Inside a write, its own rows so far are read through `tx`. */
  readonly db: Db
  clock: Clock
  /** Heartbeats and batching delays (tests let them pass at once). */
  timers: Timers
  events: EventBus
  /** One line per request and server errors; silent in tests. */
  log: (line: string) => void
  /** Failed passwords, per address and account together, and per address. */
  loginThrottle: LoginThrottle
  /** Wrong two-factor codes per account, from any address (the login throttle counts them per address too). */
  twoFactorThrottle: FailureThrottle
  /** Unknown share-link tokens per IP, so links cannot be guessed by brute force. */
  shareThrottle: FailureThrottle
  /** Emailed password reset requests, per address and per email typed. */
  resetThrottles: { address: FailureThrottle; email: FailureThrottle }
  /** The public origin (e.g. https://keel.example.com) used for invite links and the CSRF check. */
  publicUrl: string | undefined
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  trustProxy: boolean
  /** Built boards by ETag: any change in a product changes its boards' ETags, so entries never go stale. */
  boardCache: StringCache
  /** Who a credential (by its hash) is, while the access epoch holds. */
  credentials: EpochCache<CachedCredential>
  /** A user's membership of a workspace (by `workspaceId:userId`), while the access epoch holds. */
  memberships: EpochCache<Omit<Membership, 'workspaceId'>>
  /** Event streams open at once, per user and per address. */
  streams: OpenLimit
  /** Seconds between SSE heartbeats. */
  heartbeatSeconds: number
  /** Whether a user owns the instance (its settings and accounts); read fresh on each call. */
  isInstanceOwner: (userId: number) => Promise<boolean>
  /** A user's membership of a workspace, read fresh (lib/route.ts caches it in `memberships`). */
  readMembership: (workspaceId: number, userId: number) => Promise<StoredMembership | undefined>
  /** Stores a write's history rows; the one write path (lib/write.ts) calls it inside its transaction. */
  recordActivity: (tx: Db, rows: ActivityRow[]) => Promise<void>
  /** Stores audit log events; the write path calls it inside its transaction (the audit feature provides it). */
  recordAudit: (tx: Db, rows: AuditRow[]) => Promise<void>
  /** Outgoing webhooks: the dispatcher and delivery worker (absent in short-lived CLI commands). */
  webhooks?: Webhooks
  /** The notifier, which turns the history into inboxes (absent in short-lived CLI commands). */
  notifier?: Notifier
  /** Sends email (KEEL_SMTP_URL); absent: email is off. */
  mailer?: Mailer
  /** The email outbox worker, woken when a message is queued (absent in short-lived CLI commands). */
  outbox?: { wake(): void }
  /** This server's own address, for links in emails when KEEL_PUBLIC_URL is not set. */
  localOrigin: string
  /** Attachments' files on disk (KEEL_DATA_DIR/files) and the upload limit. */
  files: FileStore
  /** Work a request starts without waiting for it (so its answer does not tell what the work found). */
  background: Background
  /** The request these dependencies serve (each request gets its own copy): who asks from where, for the audit log. */
  request?: RequestInfo
}

/** What services ask of the notifier (the notifications feature provides it). */
export interface Notifier {
  /** Resolves once every change committed before the call has reached the inboxes. */
  settled(): Promise<void>
}

/** What services ask of the outgoing webhooks worker (the webhooks feature provides it). */
export interface Webhooks {
  /** Loopback and private-network targets are allowed (KEEL_WEBHOOK_ALLOW_PRIVATE=1). */
  readonly allowPrivate: boolean
  /** One attempt at a delivery right now, awaited; the delivery's row holds the outcome. */
  deliverNow(deliveryId: number): Promise<void>
}

/** A membership as stored: the role's permission names unchecked, product ids when narrowed. */
export interface StoredMembership {
  memberId: number
  roleId: number
  permissions: readonly string[]
  /** null: every product; otherwise only these. */
  productIds: readonly number[] | null
}

/** One row of the activity history, as the write path records a change. */
export interface ActivityRow {
  workspaceId: number
  productId: number | null
  entityType: string
  entityId: number
  /** The item the entity hangs off, when its history should show the change (see lib/write.ts Change). */
  parentType?: string | null
  parentId?: number | null
  action: string
  actorId: number | null
  automatic: boolean
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
  createdAt: string
}

/** What a security event says: what happened, to what; who and from where the write path adds. */
export interface AuditEntry {
  /** `auth.login`, `member.updated`, … (server/features/audit/actions.ts lists them). */
  action: string
  workspaceId?: number | null
  targetType?: string | null
  targetId?: number | null
  /** What the target was called then (an email, a name). */
  targetLabel?: string | null
  details?: Record<string, unknown> | null
  /** Who did it, when not the write's actor (a failed sign-in has none; its email goes in the details). */
  actorId?: number | null
}

/** One row of the audit log, as stored. */
export interface AuditRow extends Required<Omit<AuditEntry, 'actorId'>> {
  actorId: number | null
  address: string | null
  userAgent: string | null
  createdAt: string
}

/** A credential as last read from the database (see the auth feature's session.ts). */
export interface CachedCredential {
  user: AuthUser
  via: 'cookie' | 'token'
  /** The session, for cookies. */
  sessionId?: number
  /** The API token, for Bearer tokens. */
  tokenId?: number
  /** A session's expiry; null for tokens. */
  expiresAt: string | null
  /** A token's last recorded use. */
  lastUsedAt: string | null
  /** A session of an account that must turn on two-factor (the instance requires it) before anything else. */
  mustSetUpTwoFactor?: boolean
}

export interface AuthUser {
  id: number
  email: string
  name: string
}

export interface Auth {
  user: AuthUser
  via: 'cookie' | 'token'
  sessionId?: number
  /** The instance requires two-factor and this session's account has not turned it on yet. */
  mustSetUpTwoFactor?: boolean
}

export interface Membership {
  workspaceId: number
  memberId: number
  roleId: number
  permissions: ReadonlySet<Permission>
  /** null: every product; otherwise only these. */
  productIds: readonly number[] | null
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    auth: Auth | null
    /** The access epoch as read when the request was authenticated: one read serves the whole request. */
    accessEpoch: number | undefined
    membership: Membership
    clientIp: string
  }
}

/** What a service needs to act for someone inside a workspace. */
export interface ServiceContext {
  deps: AppDeps
  user: AuthUser
  membership: Membership
  /** An open write the service's writes nest in (the demo seeding); requests leave it unset. */
  within?: WriteFrame
}

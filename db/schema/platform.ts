// Users, sessions, API tokens, workspaces, roles, memberships and invites.
import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { id, timestamp, version } from './columns'

export const users = sqliteTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** Instance owners run the instance itself (settings, accounts); the first user set up is one. */
    instanceOwner: integer('instance_owner', { mode: 'boolean' }).notNull().default(false),
    /** The UI language the account chose (`en`, `zh-CN`); null: follow the browser. */
    language: text('language'),
    /** An IANA time zone (`Asia/Shanghai`); null: follow the browser. */
    timeZone: text('time_zone'),
    /**
     * The language of the browser the account last signed in with (`en`, `zh-CN`, from Accept-Language):
     * what its emails are written in while `language` follows the browser.
     */
    browserLanguage: text('browser_language'),
    /**
     * Set when an instance owner (or the directory, through SCIM) deactivated the account: it cannot sign
     * in, its sessions and tokens are gone, and its name stays on everything it did.
     */
    deactivatedAt: timestamp('deactivated_at'),
    /**
     * Two-factor authentication: the TOTP secret (base32) once confirmed with a code, when it was turned on,
     * and the last time step whose code was accepted (a code works once). A secret being set up waits in
     * `totpPendingSecret` until its first code confirms it.
     */
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at'),
    totpLastStep: integer('totp_last_step'),
    totpPendingSecret: text('totp_pending_secret'),
    createdAt: timestamp('created_at').notNull(),
    version: version(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email)],
)

/** Settings of the whole instance: one row (id 1), edited by instance owners. */
export const instanceSettings = sqliteTable('instance_settings', {
  id: integer('id').primaryKey(),
  /** Who may create workspaces: `owners` (instance owners only) or `everyone` (any signed-in user). */
  workspaceCreation: text('workspace_creation').notNull().default('owners'),
  /** The key that signs links needing no login (unsubscribe): made on first use, never shown. */
  signingKey: text('signing_key'),
  /** How many days the audit log keeps its events. */
  auditRetentionDays: integer('audit_retention_days').notNull().default(365),
  /** Every account signing in with a password must turn on two-factor authentication. */
  requireTwoFactor: integer('require_two_factor', { mode: 'boolean' }).notNull().default(false),
  /** Passwords sign in; when off, only instance owners may still use one (the break-glass path). */
  passwordSignIn: integer('password_sign_in', { mode: 'boolean' }).notNull().default(true),
  version: version(),
})

/**
 * The audit log: security events (sign-ins and their failures, password and two-factor changes, sessions
 * and tokens, accounts, roles and members, share links, exports, settings), who did them from where.
 * Written by Keel only: no route edits it, a trigger refuses updates, and rows leave only once older than
 * the retention period. The actor's email is kept as it was, so the row reads the same forever.
 */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    id: id(),
    createdAt: timestamp('created_at').notNull(),
    /** `auth.login`, `auth.login_failed`, `member.updated`, … (see server/features/audit/events.ts). */
    action: text('action').notNull(),
    /** No foreign key: the row outlives whatever it names and is never rewritten. */
    actorId: integer('actor_id'),
    actorEmail: text('actor_email'),
    workspaceId: integer('workspace_id'),
    targetType: text('target_type'),
    targetId: integer('target_id'),
    /** What the target was called then: an email, a role's or a link's name. */
    targetLabel: text('target_label'),
    address: text('address'),
    userAgent: text('user_agent'),
    details: text('details', { mode: 'json' }).$type<Record<string, unknown> | null>(),
  },
  (t) => [
    index('audit_events_created_idx').on(t.createdAt, t.id),
    index('audit_events_actor_idx').on(t.actorId, t.id),
    index('audit_events_action_idx').on(t.action, t.id),
  ],
)

/**
 * One-time password reset links, made by an instance owner or the command line. Only the SHA-256 of the
 * token is stored; a link works once, before it expires.
 */
export const passwordResets = sqliteTable(
  'password_resets',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [
    uniqueIndex('password_resets_token_hash_unique').on(t.tokenHash),
    index('password_resets_user_idx').on(t.userId),
  ],
)

/** Two-factor recovery codes: each signs in once in place of a code. Only their SHA-256 is stored. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

/**
 * The step between a password and a two-factor code: the browser holds its token (a cookie for five
 * minutes), only the token's SHA-256 is stored, and a few wrong codes end it.
 */
export const loginChallenges = sqliteTable(
  'login_challenges',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    failures: integer('failures').notNull().default(0),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [uniqueIndex('login_challenges_token_hash_unique').on(t.tokenHash)],
)

/** Browsers trusted for 30 days after a two-factor sign-in ("remember this device"): hashed tokens. */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    userAgent: text('user_agent').notNull().default(''),
    address: text('address').notNull().default(''),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [
    uniqueIndex('trusted_devices_token_hash_unique').on(t.tokenHash),
    index('trusted_devices_user_idx').on(t.userId),
  ],
)

/**
 * Company sign-in: an OpenID Connect issuer or an LDAP directory, set up by an instance owner (or from the
 * environment: `source` = `env`, read-only in the UI). `config` holds the provider's settings (issuer, client
 * id and scopes; or the directory's address, bind DN and search), `access` who gets in where (workspaces
 * for new accounts, and group rules re-applied at each sign-in). The client secret or bind password is
 * kept to be sent to the provider, never shown again.
 */
export const signInProviders = sqliteTable(
  'sign_in_providers',
  {
    id: id(),
    /** In the sign-in address: /api/auth/oidc/<slug>/start. */
    slug: text('slug').notNull(),
    type: text('type').notNull(),
    name: text('name').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    source: text('source').notNull().default('ui'),
    config: text('config', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    secret: text('secret'),
    access: text('access', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    version: version(),
  },
  (t) => [uniqueIndex('sign_in_providers_slug_unique').on(t.slug)],
)

/** An account's identity at a provider: the issuer's subject (or the directory's entry), never reused. */
export const userIdentities = sqliteTable(
  'user_identities',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    providerId: integer('provider_id')
      .notNull()
      .references(() => signInProviders.id, { onDelete: 'cascade' }),
    subject: text('subject').notNull(),
    /** The directory's own id for the person, when it provisioned them through SCIM (`externalId`). */
    externalId: text('external_id'),
    createdAt: timestamp('created_at').notNull(),
    lastSignInAt: timestamp('last_sign_in_at'),
  },
  (t) => [
    uniqueIndex('user_identities_subject_unique').on(t.providerId, t.subject),
    index('user_identities_user_idx').on(t.userId),
  ],
)

/**
 * SCIM 2.0 bearer tokens: a directory (Entra ID, Okta, Authentik…) provisions accounts and groups through
 * one, on behalf of a provider whose access rules its groups follow. Stored hashed, shown once.
 */
export const scimTokens = sqliteTable(
  'scim_tokens',
  {
    id: id(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => signInProviders.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [uniqueIndex('scim_tokens_token_hash_unique').on(t.tokenHash)],
)

/** Groups a directory pushed through SCIM, and who is in them: their names meet the provider's group rules. */
export const scimGroups = sqliteTable(
  'scim_groups',
  {
    id: id(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => signInProviders.id, { onDelete: 'cascade' }),
    displayName: text('display_name').notNull(),
    externalId: text('external_id'),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [uniqueIndex('scim_groups_name_unique').on(t.providerId, t.displayName)],
)

export const scimGroupMembers = sqliteTable(
  'scim_group_members',
  {
    groupId: integer('group_id')
      .notNull()
      .references(() => scimGroups.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index('scim_group_members_user_idx').on(t.userId)],
)

/**
 * A single sign-on on its way through the issuer: its state, nonce and PKCE verifier, bound to the browser
 * that started it (a cookie whose SHA-256 is `browserHash`). Used once; ten minutes at most.
 */
export const oidcLogins = sqliteTable(
  'oidc_logins',
  {
    id: id(),
    providerId: integer('provider_id')
      .notNull()
      .references(() => signInProviders.id, { onDelete: 'cascade' }),
    browserHash: text('browser_hash').notNull(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** Where to go once signed in (a path of this site). */
    next: text('next').notNull().default('/'),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [uniqueIndex('oidc_logins_browser_hash_unique').on(t.browserHash)],
)

/** Login sessions. Only the SHA-256 of the 256-bit cookie token is stored. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    /** What signed in (the browser's User-Agent, cut short) and from where, so a person knows their sessions. */
    userAgent: text('user_agent').notNull().default(''),
    address: text('address').notNull().default(''),
    /** Roughly when it was last used: set at sign-in and whenever the session's expiry slides forward. */
    lastUsedAt: timestamp('last_used_at'),
    /** How it signed in: `password`, `totp`, `oidc`, `ldap`, … (single sign-on sessions owe no Keel two-factor). */
    method: text('method').notNull().default('password'),
  },
  (t) => [uniqueIndex('sessions_token_hash_unique').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
)

/** Personal API tokens for scripts (Bearer). Stored hashed, shown once. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: id(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastUsedAt: timestamp('last_used_at'),
  },
  (t) => [
    uniqueIndex('api_tokens_token_hash_unique').on(t.tokenHash),
    index('api_tokens_user_idx').on(t.userId),
  ],
)

/**
 * One row whose value moves whenever someone's access may have changed: a user, session, API token,
 * role, membership or member's product list changed or deleted (triggers in migration 0004 keep it, so
 * no write path can forget). Caches of who may do what are valid while it stays where it was.
 */
export const accessEpoch = sqliteTable('access_epoch', {
  id: integer('id').primaryKey(),
  value: integer('value').notNull().default(0),
})

/**
 * Throttle counters (failed logins, unknown share links), kept in the database so that every process
 * counts against one limit and a restart forgets nothing. `key` is a hash of what is counted (an address,
 * an account), so the table holds no address or email; rows past `expires_at` are pruned on the next
 * failure.
 */
export const throttles = sqliteTable(
  'throttles',
  {
    key: text('key').primaryKey(),
    state: text('state', { mode: 'json' }).notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('throttles_expires_idx').on(t.expiresAt)],
)

export const workspaces = sqliteTable('workspaces', {
  id: id(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at').notNull(),
  version: version(),
})

/** A named set of permissions. Built-in roles carry a `builtIn` key and cannot be edited. */
export const roles = sqliteTable(
  'roles',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    builtIn: text('built_in'),
    permissions: text('permissions', { mode: 'json' }).$type<string[]>().notNull(),
    createdAt: timestamp('created_at').notNull(),
    version: version(),
  },
  (t) => [uniqueIndex('roles_workspace_name_unique').on(t.workspaceId, t.name)],
)

export const members = sqliteTable(
  'members',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id),
    /** When true the member sees only the products listed in member_products. */
    restricted: integer('restricted', { mode: 'boolean' }).notNull().default(false),
    createdAt: timestamp('created_at').notNull(),
    version: version(),
  },
  (t) => [
    uniqueIndex('members_workspace_user_unique').on(t.workspaceId, t.userId),
    index('members_user_idx').on(t.userId),
    index('members_role_idx').on(t.roleId),
  ],
)

export const invites = sqliteTable(
  'invites',
  {
    id: id(),
    workspaceId: integer('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    roleId: integer('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'cascade' }),
    productIds: text('product_ids', { mode: 'json' }).$type<number[] | null>(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: integer('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
  },
  (t) => [
    uniqueIndex('invites_token_hash_unique').on(t.tokenHash),
    index('invites_workspace_idx').on(t.workspaceId).where(sql`accepted_at is null`),
  ],
)

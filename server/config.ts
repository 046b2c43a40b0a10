// Configuration from the environment, parsed once at start-up.
import { resolve } from 'node:path'
import { z } from 'zod'
import { SMTP_URL } from './features/email/mailer'

const Bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes')

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  KEEL_DATA_DIR: z.string().default('./data'),
  KEEL_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// address (or unset for the SQLite file)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEEL_DATABASE_POOL: z.coerce.number().int().min(2).max(1000).default(10),
  KEEL_PUBLIC_URL: z.url().optional(),
  KEEL_TRUST_PROXY: Bool.default(false),
  KEEL_LOG: Bool.default(true),
  KEEL_WEBHOOK_ALLOW_PRIVATE: Bool.default(false),
  KEEL_SMTP_URL: z
    .string()
    .regex(SMTP_URL, 'an smtp:// or smtps:// address (smtp://user:password@host:587)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEEL_MAIL_FROM: z.string().min(3).optional(),
  KEEL_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(10_240).default(25),
  KEEL_OIDC_ISSUER: z
    .url()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEEL_OIDC_CLIENT_ID: z.string().optional(),
  KEEL_OIDC_CLIENT_SECRET: z.string().optional(),
  KEEL_OIDC_NAME: z.string().min(1).max(120).default('Single sign-on'),
  KEEL_OIDC_SCOPES: z.string().default('openid email profile'),
  KEEL_LDAP_URL: z
    .string()
    .regex(/^ldaps?:\/\//, 'an ldap:// or ldaps:// address')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KEEL_LDAP_BIND_DN: z.string().default(''),
  KEEL_LDAP_BIND_PASSWORD: z.string().optional(),
  KEEL_LDAP_SEARCH_BASE: z.string().optional(),
  KEEL_LDAP_SEARCH_FILTER: z.string().default('(|(uid={login})(mail={login}))'),
  KEEL_LDAP_START_TLS: Bool.default(false),
  KEEL_LDAP_NAME: z.string().min(1).max(120).default('Company directory'),
})

export interface Config {
  port: number
  host: string
  dataDir: string
  /** The SQLite file, when no PostgreSQL is configured. */
  dbPath: string
  /** PostgreSQL's address (KEEL_DATABASE_URL); unset: the SQLite file. */
  databaseUrl: string | undefined
  /** Connections per process to PostgreSQL. */
  databasePool: number
  publicUrl: string | undefined
  trustProxy: boolean
  log: boolean
  /** Let webhooks target loopback and private-network addresses (self-hosted receivers nearby). */
  webhookAllowPrivate: boolean
  /** Email, when KEEL_SMTP_URL is set: the server and the sender (KEEL_MAIL_FROM). */
  mail: { smtpUrl: string; from: string } | undefined
  /** Attachments: where their files live (KEEL_DATA_DIR/files) and the largest one taken. */
  files: { dir: string; maxBytes: number }
  /** Sign-in providers set in the environment (KEEL_OIDC_*, KEEL_LDAP_*): read-only in the UI. */
  providers: EnvProvider[]
}

/** A sign-in provider from the environment (slug `oidc` or `ldap`). */
export interface EnvProvider {
  slug: 'oidc' | 'ldap'
  type: 'oidc' | 'ldap'
  name: string
  config: Record<string, unknown>
  secret: string | null
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  const dataDir = resolve(e.KEEL_DATA_DIR)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: resolve(dataDir, 'keel.db'),
    databaseUrl: e.KEEL_DATABASE_URL,
    databasePool: e.KEEL_DATABASE_POOL,
    publicUrl: e.KEEL_PUBLIC_URL,
    trustProxy: e.KEEL_TRUST_PROXY,
    log: e.KEEL_LOG,
    webhookAllowPrivate: e.KEEL_WEBHOOK_ALLOW_PRIVATE,
    mail: e.KEEL_SMTP_URL
      ? { smtpUrl: e.KEEL_SMTP_URL, from: e.KEEL_MAIL_FROM ?? `Keel <keel@${hostOf(e.KEEL_PUBLIC_URL)}>` }
      : undefined,
    files: { dir: resolve(dataDir, 'files'), maxBytes: e.KEEL_MAX_UPLOAD_MB * 1024 * 1024 },
    providers: envProviders(e),
  }
}

function envProviders(e: z.infer<typeof Env>): EnvProvider[] {
  const providers: EnvProvider[] = []
  if (e.KEEL_OIDC_ISSUER) {
    if (!e.KEEL_OIDC_CLIENT_ID)
      throw new Error('Invalid configuration: KEEL_OIDC_CLIENT_ID is required with KEEL_OIDC_ISSUER')
    providers.push({
      slug: 'oidc',
      type: 'oidc',
      name: e.KEEL_OIDC_NAME,
      config: { issuer: e.KEEL_OIDC_ISSUER, clientId: e.KEEL_OIDC_CLIENT_ID, scopes: e.KEEL_OIDC_SCOPES },
      secret: e.KEEL_OIDC_CLIENT_SECRET || null,
    })
  }
  if (e.KEEL_LDAP_URL) {
    if (!e.KEEL_LDAP_SEARCH_BASE)
      throw new Error('Invalid configuration: KEEL_LDAP_SEARCH_BASE is required with KEEL_LDAP_URL')
    providers.push({
      slug: 'ldap',
      type: 'ldap',
      name: e.KEEL_LDAP_NAME,
      config: {
        url: e.KEEL_LDAP_URL,
        bindDn: e.KEEL_LDAP_BIND_DN,
        searchBase: e.KEEL_LDAP_SEARCH_BASE,
        searchFilter: e.KEEL_LDAP_SEARCH_FILTER,
        startTls: e.KEEL_LDAP_START_TLS,
      },
      secret: e.KEEL_LDAP_BIND_PASSWORD || null,
    })
  }
  return providers
}

/** The host name of the public address, for a default sender address. */
function hostOf(publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).hostname : 'localhost'
}

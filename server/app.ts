// Builds the Keel HTTP app from its dependencies: API under /api, the built web app everywhere else.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { getConnInfo } from '@hono/node-server/conninfo'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import type { Db } from '../db/client'
import type { Store } from '../db/store'
import type { EnvProvider } from './config'
import { activityRepo } from './features/activity/repo'
import { sweepFiles } from './features/attachments/cleanup'
import { auditRepo } from './features/audit/repo'
import { prune as pruneAudit } from './features/audit/service'
import { authenticate } from './features/auth/session'
import { smtpMailer } from './features/email/mailer'
import { Outbox } from './features/email/outbox'
import { MAX_ARCHIVE_IMPORT_BYTES } from './features/imports/service'
import { instanceRepo } from './features/instance/repo'
import { Notifier } from './features/notifications/notifier'
import { Reminders } from './features/notifications/reminders'
import { syncEnvProviders } from './features/providers/service'
import { scimRoutes } from './features/scim/routes'
import { type WebhookOptions, WebhookWorker } from './features/webhooks/worker'
import { workspaceRepo } from './features/workspaces/repo'
import { Background } from './lib/background'
import { EpochCache, StringCache } from './lib/cache'
import { type Clock, systemClock, systemTimers, type Timers } from './lib/clock'
import type { AppDeps, AppEnv } from './lib/context'
import { docsRoutes } from './lib/docs'
import { AppError, errorBody, toErrorResponse } from './lib/errors'
import { EventBus } from './lib/events'
import { FileStore } from './lib/files'
import { redactPath } from './lib/redact'
import { newApp } from './lib/route'
import { FailureThrottle, LoginThrottle, OpenLimit, ThrottleCounters } from './lib/throttle'
import { apiRoutes } from './routes'

export interface AppOptions {
  store: Store
  clock?: Clock
  /** Heartbeats, batching delays and webhook retries; the system's by default. */
  timers?: Timers
  events?: EventBus
  log?: (line: string) => void
  /** The built web app (dist/web); omitted in API tests. */
  webDir?: string
  publicUrl?: string
  trustProxy?: boolean
  heartbeatSeconds?: number
  /** Event streams one user, and one address, may hold open at once (429 beyond). */
  streamLimits?: { user: number; address: number }
  /** Outgoing webhooks: retry delays, time limit, private targets (KEEL_WEBHOOK_ALLOW_PRIVATE). */
  webhooks?: WebhookOptions
  /** Email (KEEL_SMTP_URL, KEEL_MAIL_FROM): off when absent. */
  mail?: { smtpUrl: string; from: string }
  /** This server's own address, for links in emails when there is no publicUrl. */
  localOrigin?: string
  /** Attachments: the files directory (KEEL_DATA_DIR/files), the largest upload, and (tests) the grace period. */
  files?: { dir: string; maxBytes: number; graceMs?: number }
  /** Sign-in providers from the environment (KEEL_OIDC_*, KEEL_LDAP_*), written at start-up. */
  providers?: EnvProvider[]
}

export const MAX_BODY_BYTES = 1024 * 1024
const IMPORT_PATH = /^\/api\/workspaces\/[^/]+\/imports\/?$/
const UPLOAD_PATH = /^\/api\/workspaces\/[^/]+\/(?:requirements|tasks|comments)\/[^/]+\/attachments\/?$/
const ATTACHMENT_FILE = /^\/api\/workspaces\/[^/]+\/attachments\/[^/]+\/?$/
const DEFAULT_MAX_UPLOAD_BYTES = 25 * 1024 * 1024

/**
 * 413 for bodies over `maxSize`. A body with a Content-Length is judged by the header alone (Node's parser
 * never reads past it), which leaves the body to be read straight from the socket later; building a fetch
 * Request to look at it cost ~8% of a write. Chunked bodies are counted as they stream.
 */
function limitBody(maxSize: number, message: string, details?: unknown): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Context<AppEnv>) => c.json(errorBody('payload_too_large', message, details), 413)
  const streamed = bodyLimit({ maxSize, onError: tooLarge })
  return (c, next) => {
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return streamed(c, next)
    return Number(length) > maxSize ? Promise.resolve(tooLarge(c)) : next()
  }
}

const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Keel API',
    version: '1',
    description:
      'The HTTP API of Keel. Errors are { "error": { "code", "message", "details"? } }. ' +
      'Authenticate with the session cookie from /api/auth/login or `Authorization: Bearer <api token>`. ' +
      'Each operation names the permission it needs in `x-permission`.',
  },
}

const isInstanceOwner = (db: Db, userId: number) => instanceRepo.isInstanceOwner(db, userId)

/** The dependencies every service receives; the app and the command line build them here alike. */
export function createDeps(options: AppOptions): AppDeps {
  const clock = options.clock ?? systemClock
  const events = options.events ?? new EventBus()
  const log = options.log ?? (() => {})
  const { store } = options
  const throttles = new ThrottleCounters(store)
  return {
    store,
    db: store.db,
    clock,
    timers: options.timers ?? systemTimers,
    events,
    log,
    loginThrottle: new LoginThrottle(throttles),
    shareThrottle: new FailureThrottle(throttles, 'share-address', 30, 15 * 60 * 1000),
    twoFactorThrottle: new FailureThrottle(throttles, 'totp-account', 10, 15 * 60 * 1000),
    resetThrottles: {
      address: new FailureThrottle(throttles, 'reset-address', 20, 60 * 60 * 1000),
      email: new FailureThrottle(throttles, 'reset-email', 3, 60 * 60 * 1000),
    },
    boardCache: new StringCache(32 * 1024 * 1024),
    credentials: new EpochCache(),
    memberships: new EpochCache(),
    publicUrl: options.publicUrl,
    trustProxy: options.trustProxy ?? false,
    heartbeatSeconds: options.heartbeatSeconds ?? 15,
    streams: new OpenLimit(options.streamLimits ?? { user: 20, address: 200 }),
    isInstanceOwner: (userId) => isInstanceOwner(store.db, userId),
    readMembership: (workspaceId, userId) => workspaceRepo.membership(store.db, workspaceId, userId),
    recordActivity: (tx, rows) => activityRepo.insert(tx, rows),
    recordAudit: (tx, rows) => auditRepo.insert(tx, rows),
    mailer: options.mail ? smtpMailer(options.mail.smtpUrl, options.mail.from) : undefined,
    localOrigin: options.localOrigin ?? 'http://localhost:3000',
    background: new Background(options.timers ?? systemTimers, log),
    files: new FileStore(
      options.files?.dir ?? resolve('data', 'files'),
      options.files?.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      options.files?.graceMs,
    ),
  }
}

export function createApp(options: AppOptions) {
  const deps = createDeps(options)
  // Stopped by events.shutdown() (graceful shutdown); picks up pending deliveries now.
  const webhooks = new WebhookWorker(deps, options.webhooks)
  deps.webhooks = webhooks
  webhooks.start()
  // Stopped with the webhooks; catches up with the history written while no process ran.
  const notifier = new Notifier(deps)
  deps.notifier = notifier
  notifier.start()
  // Hourly on the injected timers, and now: due, overdue and promises at risk.
  const reminders = new Reminders(deps)
  reminders.start()
  // Every 30 s on the injected timers, and at once when a message is queued.
  const outbox = deps.mailer ? new Outbox(deps, deps.mailer) : undefined
  deps.outbox = outbox
  outbox?.start()

  const envProviders = options.providers
  if (envProviders)
    deps.background.run('sign-in providers from the environment', () => syncEnvProviders(deps, envProviders))

  // Hourly on the injected timers: files no attachment names any more (a product or workspace deleted),
  // and audit events past their retention.
  const sweep = deps.timers.setInterval(
    () => {
      deps.background.run('sweeping unreferenced files', async () => void (await sweepFiles(deps)))
      deps.background.run('pruning the audit log', () => pruneAudit(deps))
    },
    60 * 60 * 1000,
  )
  deps.timers.unref(sweep)
  deps.events.onShutdown(() => deps.timers.clearInterval(sweep))

  const app = newApp()
  app.use('*', async (c, next) => {
    const address = clientIp(c, deps)
    c.set('clientIp', address)
    // Each request's own copy of the dependencies, carrying who asks from where (for the audit log).
    c.set('deps', {
      ...deps,
      request: { address, userAgent: (c.req.header('user-agent') ?? '').slice(0, 300) },
    })
    const started = performance.now()
    await next()
    deps.log(
      `${c.req.method} ${redactPath(c.req.path)} ${c.res.status} ${(performance.now() - started).toFixed(1)}ms`,
    )
  })
  const pageHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
    crossOriginEmbedderPolicy: false,
  })
  // An attached file runs nothing, whatever it holds: no script, no plugin, no form, an origin of its own.
  const fileHeaders = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      imgSrc: ["'self'"],
      styleSrc: ["'unsafe-inline'"],
      frameAncestors: ["'self'"],
      sandbox: [],
    },
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: 'same-origin',
  })
  app.use('*', (c, next) => (ATTACHMENT_FILE.test(c.req.path) ? fileHeaders : pageHeaders)(c, next))
  const apiBodyLimit = limitBody(MAX_BODY_BYTES, 'The request body is over 1 MB')
  // Imports upload whole exports: up to 200 MB of workspace archive (50 MB of anything else, which the
  // import service judges), plus room for the other form fields.
  const importBodyLimit = limitBody(MAX_ARCHIVE_IMPORT_BYTES + 1024 * 1024, 'The file is over 200 MB')
  // An upload is limited exactly while it streams (attachments/upload.ts); this only stops a body far past it.
  const uploadBodyLimit = limitBody(
    deps.files.maxBytes + 1024 * 1024,
    `The file is over ${Math.round(deps.files.maxBytes / 1024 / 1024)} MB`,
    { maxBytes: deps.files.maxBytes },
  )
  // GET and HEAD have no body to limit, and asking for one builds the whole fetch Request (~10% of a read).
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD'
      ? next()
      : (IMPORT_PATH.test(c.req.path)
          ? importBodyLimit
          : UPLOAD_PATH.test(c.req.path)
            ? uploadBodyLimit
            : apiBodyLimit)(c, next),
  )
  app.use('/scim/*', apiBodyLimit)
  app.route('/scim/v2', scimRoutes)
  app.use('/api/*', authenticate())
  app.route('/api', apiRoutes)
  // The document is generated once, on first request (generating it takes ~30 ms).
  let openApiDocument: unknown
  app.get('/api/openapi.json', (c) => {
    openApiDocument ??= app.getOpenAPI31Document(OPENAPI_INFO)
    return c.json(openApiDocument)
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'cookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'keel_session',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' })
  app.route('/api/docs', docsRoutes())
  app.all('/api/*', () => {
    throw new AppError('not_found', 'No such API route')
  })

  if (options.webDir) serveWeb(app, options.webDir)

  app.notFound((c) => c.json(errorBody('not_found', 'Not found'), 404))
  app.onError((err, c) => toErrorResponse(err, c, deps.log))
  return Object.assign(app, {
    /** Resolves once the inboxes hold what the changes made so far set off (tests, shutdown). */
    settled: async () => {
      await deps.background.settled()
      await reminders.settled()
      await notifier.settled()
      await outbox?.settled()
    },
  })
}

export type App = ReturnType<typeof createApp>

/** Static files with long caching for hashed assets, and index.html for every other GET (SPA routes). */
function serveWeb(app: ReturnType<typeof newApp>, webDir: string) {
  let indexHtml: string | undefined
  app.use('/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  // The page itself is never cached, so a new deploy is picked up at the next load.
  app.use('*', async (c, next) => {
    await next()
    if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Cache-Control', 'no-cache')
  })
  // The build writes .br/.gz beside each asset (vite.config.ts): about a quarter of the bytes on the wire.
  app.use('*', serveStatic({ root: webDir, precompressed: true }))
  app.get('*', (c) => {
    indexHtml ??= readFileSync(join(webDir, 'index.html'), 'utf8')
    return c.html(indexHtml)
  })
}

function clientIp(c: Context<AppEnv>, deps: AppDeps): string {
  if (deps.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

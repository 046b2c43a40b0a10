// The one error type and the one error shape: { error: { code, message, details? } }.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { redactPath } from './redact'

export const errorStatus = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
  insufficient_storage: 507,
} as const satisfies Record<string, ContentfulStatusCode>

export type ErrorCode = keyof typeof errorStatus

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): ContentfulStatusCode {
    return errorStatus[this.code]
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`)
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError('forbidden', message)
/** A 409; `reason` is a stable machine-readable word in details.reason (the UI words it per language). */
export const conflict = (reason: string, message: string, details?: Record<string, unknown>) =>
  new AppError('conflict', message, { reason, ...details })
export const invalid = (message: string, details?: unknown) => new AppError('invalid_input', message, details)

const codeByStatus: Record<number, ErrorCode> = Object.fromEntries(
  Object.entries(errorStatus).map(([code, status]) => [status, code as ErrorCode]),
)

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/** Turns anything thrown into the error shape; unexpected errors are logged and answered without internals. */
export function toErrorResponse(err: unknown, c: Context, log: (line: string) => void) {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status)
  if (err instanceof HTTPException) {
    const code = codeByStatus[err.status] ?? (err.status >= 500 ? 'internal' : 'invalid_input')
    const message =
      err.status === 400 && /json/i.test(err.message) ? 'Malformed JSON in request body' : err.message
    return c.json(errorBody(code, message || code), errorStatus[code])
  }
  if (isSqliteBusy(err)) {
    return c.json(errorBody('unavailable', 'The database is busy; please retry'), 503, { 'Retry-After': '1' })
  }
  if (isDatabaseUnreachable(err)) {
    return c.json(errorBody('unavailable', 'The database is not answering; please retry in a moment'), 503, {
      'Retry-After': '2',
    })
  }
  if (isSqliteDiskTrouble(err)) {
    return c.json(
      errorBody('unavailable', 'The database cannot be written right now (disk full or read-only)'),
      503,
    )
  }
  log(
    `internal error on ${c.req.method} ${redactPath(c.req.path)}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  )
  return c.json(errorBody('internal', 'Something went wrong on the server'), 500)
}

function sqliteCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined
}
// PostgreSQL: a serialization failure or deadlock that outlasted its retries (db/pg/store.ts) is busy.
const isSqliteBusy = (err: unknown) => /^(SQLITE_(BUSY|LOCKED)|40001$|40P01$)/.test(sqliteCode(err) ?? '')

/**
 * PostgreSQL gone or refusing: no connection (the server is down, restarting or out of connections), one
 * lost mid-query, or a pool that could not get one in time. Nothing was acknowledged; the pool reconnects.
 */
function isDatabaseUnreachable(err: unknown): boolean {
  const code = sqliteCode(err) ?? ''
  if (/^(08|57P0[123]|53300)|^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN)$/.test(code))
    return true
  if (err instanceof AggregateError) return err.errors.some(isDatabaseUnreachable)
  const message = err instanceof Error ? err.message : ''
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/.test(
    message,
  )
}
const isSqliteDiskTrouble = (err: unknown) =>
  /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN)/.test(sqliteCode(err) ?? '')

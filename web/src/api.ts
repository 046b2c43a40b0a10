// The one API module: the typed hono client for /api and `unwrap`, which turns any non-2xx answer into an
// ApiError carrying the server's error shape ({ error: { code, message, details? } }).
import { type ClientResponse, hc } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import type { AppType } from '../../server/routes'

export const api = hc<AppType>('/api')

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** The body of the successful answers of a client call (204 → undefined). */
export type Ok<R> =
  R extends ClientResponse<infer T, infer S, infer _F>
    ? S extends SuccessStatusCode
      ? S extends 204
        ? undefined
        : T
      : never
    : never

/** Awaits a client call; answers the parsed body of a 2xx, throws ApiError otherwise. */
export async function unwrap<R extends ClientResponse<unknown, number, string>>(
  call: Promise<R>,
): Promise<Ok<R>> {
  let res: R
  try {
    res = await call
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err))
  }
  if (res.ok) {
    if (res.status === 204) return undefined as Ok<R>
    return (await res.json()) as Ok<R>
  }
  const body = (await res.json().catch(() => undefined)) as
    | { error?: { code?: unknown; message?: unknown; details?: unknown } }
    | undefined
  const error = body?.error
  throw new ApiError(
    res.status,
    typeof error?.code === 'string' ? error.code : `http_${res.status}`,
    typeof error?.message === 'string' ? error.message : res.statusText,
    error?.details,
  )
}

export const isApiError = (err: unknown, status?: number): err is ApiError =>
  err instanceof ApiError && (status === undefined || err.status === status)

/** Path parameters are strings on the wire. */
export const wsParam = (ws: number) => ({ ws: String(ws) })

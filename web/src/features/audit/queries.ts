// The audit log (instance owners): its filters as the page's URL keeps them, the paged list newest first, and
// the download links (CSV, JSON) of every event the same filters match.
import { infiniteQueryOptions, keepPreviousData } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'

const audit = api.admin.audit
/** Without `format`, the answer is a page of events (the route's other 200 is the downloaded file). */
export type AuditPage = Extract<Ok<Awaited<ReturnType<typeof audit.$get>>>, { items: unknown }>
export type AuditEvent = AuditPage['items'][number]

/** The families of actions the filter offers (`auth.` matches every sign-in event), in the page's order. */
export const ACTION_FAMILIES = [
  'auth.',
  'two_factor.',
  'account.',
  'token.',
  'member.',
  'role.',
  'invite.',
  'share_link.',
  'webhook.',
  'export.',
  'instance.',
] as const

/** The filters as the page's URL holds them: days as YYYY-MM-DD, in the browser's time zone. */
export interface AuditFilter {
  action?: string
  actor?: string
  q?: string
  from?: string
  to?: string
}

const PAGE = 50

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The first (or, with `end`, the last) moment of a day in the browser's time zone, as the API takes it. */
export function dayBound(day: string, end = false): string | undefined {
  const match = DAY.exec(day)
  if (!match) return undefined
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const moment = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d)
  return Number.isNaN(moment.getTime()) ? undefined : moment.toISOString()
}

/** The filter as the API's query: empty fields left out, days turned into moments. */
export function auditQueryOf(filter: AuditFilter): Record<string, string> {
  const query: Record<string, string> = {}
  const action = filter.action?.trim()
  const actor = filter.actor?.trim()
  const q = filter.q?.trim()
  const from = filter.from && dayBound(filter.from)
  const to = filter.to && dayBound(filter.to, true)
  if (action) query.action = action
  if (actor) query.actor = actor
  if (q) query.q = q
  if (from) query.from = from
  if (to) query.to = to
  return query
}

/** Every event the filter matches as a file; a plain link downloads it (the session cookie goes along). */
export const auditFileUrl = (filter: AuditFilter, format: 'csv' | 'json') =>
  `/api/admin/audit?${new URLSearchParams({ format, ...auditQueryOf(filter) })}`

export const auditKeys = {
  all: ['admin', 'audit'] as const,
  list: (query: Record<string, string>) => ['admin', 'audit', query] as const,
}

export const auditQuery = (filter: AuditFilter) => {
  const query = auditQueryOf(filter)
  return infiniteQueryOptions({
    queryKey: auditKeys.list(query),
    queryFn: async ({ pageParam }) =>
      (await unwrap(
        audit.$get({ query: { limit: String(PAGE), ...query, ...(pageParam && { cursor: pageParam }) } }),
      )) as AuditPage,
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Another filter keeps the rows on screen (dimmed) until its answer comes.
    placeholderData: keepPreviousData,
  })
}

// The backlog's filters: what the URL says, what the API is asked. Kept pure so both directions are tested.
import {
  PRIORITIES,
  type Priority,
  REQUIREMENT_STATUSES,
  type RequirementStatus,
} from '../../../../domain/vocabulary'
import { OPEN_REQUIREMENT_STATUSES } from '../../../../domain/workflow'

export { PRIORITIES, type Priority, REQUIREMENT_STATUSES, type RequirementStatus }
/** Work still to be done: what the backlog shows unless told otherwise. */
export const OPEN_STATUSES = OPEN_REQUIREMENT_STATUSES

/** Requirements come in pages of this many (the API's maximum). */
export const PAGE_SIZE = 500

export interface BacklogFilter {
  /** Empty: every status. */
  statuses: readonly RequirementStatus[]
  /** Empty: every priority. */
  priorities: readonly Priority[]
  moduleId?: number
  customerId?: number
  text: string
}

export const DEFAULT_FILTER: BacklogFilter = { statuses: OPEN_STATUSES, priorities: [], text: '' }

/** The query string of GET products/:id/requirements (all values strings, absent when not filtered). */
export interface BacklogQuery {
  status?: string
  priority?: string
  moduleId?: string
  customerId?: string
  iterationId?: string
  q?: string
  sort?: 'rank' | 'score' | 'priority' | 'updated' | 'created'
  limit?: string
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x))

/** Statuses and priorities keep their canonical order, so equal filters make equal query keys. */
const inOrder = <T extends string>(all: readonly T[], picked: readonly T[]) =>
  all.filter((x) => picked.includes(x))

export function filterToQuery(filter: BacklogFilter): BacklogQuery {
  const query: BacklogQuery = { sort: 'rank', limit: String(PAGE_SIZE) }
  const statuses = inOrder(REQUIREMENT_STATUSES, filter.statuses)
  if (statuses.length > 0 && statuses.length < REQUIREMENT_STATUSES.length) query.status = statuses.join(',')
  const priorities = inOrder(PRIORITIES, filter.priorities)
  if (priorities.length > 0 && priorities.length < PRIORITIES.length) query.priority = priorities.join(',')
  if (filter.moduleId !== undefined) query.moduleId = String(filter.moduleId)
  if (filter.customerId !== undefined) query.customerId = String(filter.customerId)
  const text = filter.text.trim()
  if (text) query.q = text.slice(0, 200)
  return query
}

type Search = Partial<Record<'status' | 'priority' | 'module' | 'customer' | 'q', string | string[]>>

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)
const id = (value: string | undefined) => (value && /^\d{1,9}$/.test(value) ? Number(value) : undefined)
const list = <T extends string>(all: readonly T[], value: string | undefined) =>
  inOrder(all, (value ?? '').split(',') as T[])

/** Reads the filter from the page's URL: no `status` means open work, `status=all` every status. */
export function filterFromSearch(search: Search): BacklogFilter {
  const status = one(search.status)
  return {
    statuses:
      status === undefined ? OPEN_STATUSES : status === 'all' ? [] : list(REQUIREMENT_STATUSES, status),
    priorities: list(PRIORITIES, one(search.priority)),
    moduleId: id(one(search.module)),
    customerId: id(one(search.customer)),
    text: one(search.q) ?? '',
  }
}

/** The URL parameters for a filter; undefined removes a parameter. */
export function filterToSearch(filter: BacklogFilter): Record<keyof Search, string | undefined> {
  const statuses = inOrder(REQUIREMENT_STATUSES, filter.statuses)
  return {
    status: sameSet(statuses, OPEN_STATUSES) ? undefined : statuses.length === 0 ? 'all' : statuses.join(','),
    priority: filter.priorities.length ? inOrder(PRIORITIES, filter.priorities).join(',') : undefined,
    module: filter.moduleId === undefined ? undefined : String(filter.moduleId),
    customer: filter.customerId === undefined ? undefined : String(filter.customerId),
    q: filter.text.trim() || undefined,
  }
}

export const isDefaultFilter = (filter: BacklogFilter) =>
  sameSet(filter.statuses, OPEN_STATUSES) &&
  filter.priorities.length === 0 &&
  filter.moduleId === undefined &&
  filter.customerId === undefined &&
  filter.text.trim() === ''

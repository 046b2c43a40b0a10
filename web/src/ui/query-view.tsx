// The one way a part of a page shows a query: a spinner (or the skeleton it is given) while the first
// answer loads, the error with a retry when it failed, the empty state when the answer holds nothing,
// and otherwise its children with the data. A refetch keeps the data on screen; a failed one shows
// its error (a session that expired must not leave stale data looking current).
//
// Queries shown this way are made with createLocalQuery, so their failure stays inside the part that
// shows them; everything else throws to the page's <Boundary> (ui/boundary.tsx), which draws the same
// Loading and ErrorNotice.
import {
  type CreateQueryResult,
  createQuery,
  type DefaultError,
  type QueryKey,
  type UndefinedInitialDataOptions,
} from '@tanstack/solid-query'
import { type Accessor, type JSX, Match, Switch } from 'solid-js'
import { Loading } from './boundary'
import { ErrorNotice, type ErrorOverrides } from './errors'

/** createQuery whose errors are shown where the data is (by QueryView), not thrown to the page. */
export function createLocalQuery<
  TQueryFnData = unknown,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(
  options: UndefinedInitialDataOptions<TQueryFnData, TError, TData, TQueryKey>,
): CreateQueryResult<TData, TError> {
  return createQuery(() => ({ ...options(), throwOnError: false }))
}

/** What QueryView reads of a query (a CreateQueryResult or an observer's result). */
export interface QueryState<T> {
  data: T | undefined
  isError: boolean
  error: unknown
  refetch: () => unknown
}

export function QueryView<T>(props: {
  query: QueryState<T>
  /** Shown while the first answer loads; a spinner when absent. */
  loading?: JSX.Element
  /** Messages for particular statuses (see describeError). */
  overrides?: ErrorOverrides
  /** Replaces the standard error notice (e.g. a 404 that is a normal state of the page). */
  error?: (error: unknown, retry: () => void) => JSX.Element
  /** True when the answer holds nothing to show; `empty` is shown then. */
  isEmpty?: (data: T) => boolean
  empty?: JSX.Element
  class?: string
  children: (data: Accessor<T>) => JSX.Element
}): JSX.Element {
  const retry = () => void props.query.refetch()
  const data = () => props.query.data as T
  return (
    <Switch fallback={props.loading ?? <Loading class={props.class} />}>
      <Match when={props.query.isError}>
        {props.error ? (
          props.error(props.query.error, retry)
        ) : (
          <ErrorNotice
            error={props.query.error}
            overrides={props.overrides}
            onRetry={retry}
            class={props.class}
          />
        )}
      </Match>
      <Match when={props.query.data !== undefined && props.isEmpty?.(data())}>{props.empty}</Match>
      <Match when={props.query.data !== undefined}>{props.children(data)}</Match>
    </Switch>
  )
}

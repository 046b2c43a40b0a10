// The one way a part of a page shows a query: a spinner (or the skeleton it is given) while the first
// answer loads, the error with a retry when it failed, the empty state when the answer holds nothing,
// and otherwise its children with the data. A refetch keeps the data on screen; a failed one shows
// its error (a session that expired must not leave stale data looking current).
//
// Queries shown this way are made with createLocalQuery, so their failure stays inside the part that
// shows them; everything else throws to the page's <Boundary> (ui/boundary.tsx), which draws the same
// Loading and ErrorNotice.
import {
  type DefaultedInfiniteQueryObserverOptions,
  InfiniteQueryObserver,
  type InfiniteQueryObserverOptions,
  type InfiniteQueryObserverResult,
  QueryObserver,
  type QueryObserverOptions,
  type QueryObserverResult,
  useQueryClient,
} from '@tanstack/solid-query'
import {
  type Accessor,
  createComputed,
  createSignal,
  type JSX,
  Match,
  onCleanup,
  Switch,
  untrack,
} from 'solid-js'
import { Loading } from './boundary'
import { ErrorNotice, type ErrorOverrides } from './errors'

/**
 * A query's result as an immutable value in a signal, straight from a QueryObserver. Unlike createQuery it
 * never suspends: createQuery reads `data` through a Solid resource whenever its store holds none (a
 * query still loading, disabled or failed), and every observer update re-runs that resource, so such a read
 * under a page's <Suspense> sends the whole page back to "Loading…" for a moment on each live refresh,
 * dropping focus and scroll. It also does not copy the answer into a store and walk all of it on every
 * change (a board of a thousand cards: tens of milliseconds per move).
 */
export function createObserverQuery<T, K extends readonly unknown[]>(
  options: () => QueryObserverOptions<T, Error, T, T, K>,
): Accessor<QueryObserverResult<T, Error>> {
  const queryClient = useQueryClient()
  const resolved = () => queryClient.defaultQueryOptions<T, Error, T, T, K>(options())
  return follow(new QueryObserver<T, Error, T, T, K>(queryClient, untrack(resolved)), resolved)
}

/** What `follow` needs of a query observer (plain or infinite). */
interface Observer<O, R> {
  setOptions(options: O): void
  getOptimisticResult(options: O): R
  subscribe(listener: (result: R) => void): () => void
}

/** An observer's latest result as a signal, its options following `resolved` as they change. */
function follow<O, R>(observer: Observer<O, R>, resolved: () => O): Accessor<R> {
  const [result, setResult] = createSignal(observer.getOptimisticResult(untrack(resolved)), { equals: false })
  createComputed(() => {
    const next = resolved()
    untrack(() => {
      observer.setOptions(next)
      // A function, so a result is never taken for an updater (R is any type here).
      setResult(() => observer.getOptimisticResult(next))
    })
  })
  onCleanup(observer.subscribe((next) => setResult(() => next)))
  return result
}

/** A result read like createQuery's: each field read through the signal, so reads track it. */
const readThrough = <R extends object>(result: Accessor<R>): R =>
  new Proxy({} as R, { get: (_target, key) => Reflect.get(result(), key) })

/**
 * A query for a part of a page, shown by QueryView: its loading, its failure and its refreshes stay in that
 * part (nothing here suspends or throws to the page's <Boundary>). Read it like createQuery's result.
 */
export function createLocalQuery<TData, TKey extends readonly unknown[] = readonly unknown[]>(
  options: () => QueryObserverOptions<TData, Error, TData, TData, TKey>,
): QueryObserverResult<TData, Error> {
  return readThrough(createObserverQuery<TData, TKey>(() => ({ ...options(), throwOnError: false })))
}

/**
 * createLocalQuery for a paged list (an InfiniteQueryObserver): the same local loading and failure, and
 * `fetchNextPage`/`hasNextPage` as createInfiniteQuery has them. A new key (another filter) shows the
 * part's own loading instead of suspending the page.
 */
export function createLocalInfiniteQuery<T, D, K extends readonly unknown[], P>(
  options: () => InfiniteQueryObserverOptions<T, Error, D, K, P>,
): InfiniteQueryObserverResult<D, Error> {
  const queryClient = useQueryClient()
  // defaultQueryOptions is typed for plain queries; what it returns for an infinite one is this.
  const resolved = () =>
    queryClient.defaultQueryOptions({
      ...options(),
      throwOnError: false,
    }) as unknown as DefaultedInfiniteQueryObserverOptions<T, Error, D, K, P>
  return readThrough(
    follow(new InfiniteQueryObserver<T, Error, D, K, P>(queryClient, untrack(resolved)), resolved),
  )
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

// Requirements: query keys, the backlog (pages of 500 in rank order), and the writes the backlog, the plan
// and the detail page make — each optimistic where the user is looking at the list, with rollback.
import {
  createInfiniteQuery,
  createMutation,
  type InfiniteData,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useQueryClient,
} from '@tanstack/solid-query'
import { api, type Ok, unwrap, wsParam } from '../../api'
import { holdLiveUpdates } from '../workspaces/live'
import { type BacklogQuery, PAGE_SIZE, type RequirementStatus } from './filters'
import { type RankTarget, reorderById } from './rank'

type RequirementsApi = (typeof api.workspaces)[':ws']['products'][':productId']['requirements']
type RequirementApi = (typeof api.workspaces)[':ws']['requirements'][':id']

export type RequirementPage = Ok<Awaited<ReturnType<RequirementsApi['$get']>>>
export type RequirementListItem = RequirementPage['items'][number]
export type Requirement = Ok<Awaited<ReturnType<RequirementApi['$patch']>>>
export type RequirementDetail = Ok<Awaited<ReturnType<RequirementApi['$get']>>>
export type RequirementCreate = Parameters<RequirementsApi['$post']>[0]['json']
export type RequirementPatch = NonNullable<Parameters<RequirementApi['$patch']>[0]['json']>
export type SortByScoreAnswer = Ok<Awaited<ReturnType<RequirementsApi['sort-by-score']['$post']>>>

export const requirementKeys = {
  all: (ws: number) => ['workspaces', ws, 'requirements'] as const,
  lists: (ws: number, productId: number) => ['workspaces', ws, 'requirements', 'list', productId] as const,
  backlog: (ws: number, productId: number, query: BacklogQuery) =>
    [...requirementKeys.lists(ws, productId), 'pages', query] as const,
  list: (ws: number, productId: number, query: BacklogQuery) =>
    [...requirementKeys.lists(ws, productId), 'one', query] as const,
  detail: (ws: number, id: number) => ['workspaces', ws, 'requirements', 'detail', id] as const,
}

export const productParam = (ws: number, productId: number) => ({
  ...wsParam(ws),
  productId: String(productId),
})
export const idParam = (ws: number, id: number) => ({ ...wsParam(ws), id: String(id) })

const fetchPage = (ws: number, productId: number, query: BacklogQuery, cursor?: string) =>
  unwrap(
    api.workspaces[':ws'].products[':productId'].requirements.$get({
      param: productParam(ws, productId),
      query: cursor ? { ...query, cursor } : query,
    }),
  )

/** The backlog in pages of 500; the list asks for the next page as the user scrolls near its end. */
export function createBacklogQuery(args: () => { ws: number; productId: number; query: BacklogQuery }) {
  return createInfiniteQuery(() => ({
    queryKey: requirementKeys.backlog(args().ws, args().productId, args().query),
    queryFn: ({ pageParam }) => fetchPage(args().ws, args().productId, args().query, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: RequirementPage) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  }))
}

/** One page (≤ 500) of requirements, e.g. an iteration's or the unplanned ones on the plan page. */
export const requirementListQuery = (ws: number, productId: number, query: BacklogQuery) =>
  queryOptions({
    queryKey: requirementKeys.list(ws, productId, query),
    queryFn: () => fetchPage(ws, productId, { limit: String(PAGE_SIZE), ...query }),
  })

export const requirementQuery = (ws: number, id: number) =>
  queryOptions({
    queryKey: requirementKeys.detail(ws, id),
    queryFn: () => unwrap(api.workspaces[':ws'].requirements[':id'].$get({ param: idParam(ws, id) })),
  })

/**
 * A query's data once it has arrived, without suspending: lookups (names of modules, iterations…) must not
 * send a whole page back to its loading state while they load.
 */
export const loaded = <T>(query: { isSuccess: boolean; data: T | undefined }): T | undefined =>
  query.isSuccess ? query.data : undefined

type ListData = RequirementPage | InfiniteData<RequirementPage, unknown>

const isInfinite = (data: ListData): data is InfiniteData<RequirementPage, unknown> => 'pages' in data

/** Applies `fn` to the items of every cached requirement list of a product (paged or not). */
export function updateRequirementLists(
  queryClient: QueryClient,
  ws: number,
  productId: number,
  fn: (items: RequirementListItem[]) => RequirementListItem[],
) {
  queryClient.setQueriesData<ListData>({ queryKey: requirementKeys.lists(ws, productId) }, (data) => {
    if (!data) return data
    if (!isInfinite(data)) return { ...data, items: fn(data.items) }
    // Pages keep their sizes so the cursors of the pages after them stay right.
    const sizes = data.pages.map((p) => p.items.length)
    const all = fn(data.pages.flatMap((p) => p.items))
    let at = 0
    const pages = data.pages.map((page, i) => {
      const items = all.slice(at, at + (sizes[i] ?? 0))
      at += sizes[i] ?? 0
      return { ...page, items }
    })
    return { ...data, pages }
  })
}

/** Everything a requirement change can show up in: lists, details, iteration loads. */
export const refreshRequirements = (queryClient: QueryClient, ws: number) =>
  Promise.all([
    queryClient.invalidateQueries({ queryKey: requirementKeys.all(ws) }),
    queryClient.invalidateQueries({ queryKey: ['workspaces', ws, 'iterations'] }),
  ])

type Snapshot = [readonly unknown[], unknown][]

async function snapshotLists(queryClient: QueryClient, ws: number, productId: number): Promise<Snapshot> {
  await queryClient.cancelQueries({ queryKey: requirementKeys.lists(ws, productId) })
  return queryClient.getQueriesData({ queryKey: requirementKeys.lists(ws, productId) })
}

function restore(queryClient: QueryClient, snapshot: Snapshot | undefined) {
  for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data)
}

/** Moves a requirement before or after another: the lists show the new order at once and roll back on error. */
export function useRankRequirement(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  let release: (() => void) | undefined
  return createMutation(() => ({
    mutationKey: ['rank-requirement'],
    mutationFn: (input: { id: number; target: RankTarget }) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].rank.$post({
          param: idParam(ws(), input.id),
          json: input.target,
        }),
      ),
    onMutate: async (input) => {
      // While moves are in flight, a live refresh would bring back an order from before them.
      release ??= holdLiveUpdates()
      const snapshot = await snapshotLists(queryClient, ws(), productId())
      updateRequirementLists(queryClient, ws(), productId(), (items) =>
        reorderById(items, input.id, input.target),
      )
      return { snapshot }
    },
    onSuccess: (saved) =>
      updateRequirementLists(queryClient, ws(), productId(), (items) =>
        items.map((r) => (r.id === saved.id ? { ...r, rank: saved.rank, version: saved.version } : r)),
      ),
    onError: (_err, _input, context) => restore(queryClient, context?.snapshot),
    onSettled: () => {
      // Refetch once the last of several quick moves has settled, not in between.
      if (queryClient.isMutating({ mutationKey: ['rank-requirement'] }) > 1) return
      release?.()
      release = undefined
      return queryClient.invalidateQueries({ queryKey: requirementKeys.lists(ws(), productId()) })
    },
  }))
}

/** Edits a requirement; the lists and its detail show the change at once and roll back on error. */
export function useUpdateRequirement(ws: () => number) {
  const queryClient = useQueryClient()
  const latestVersion = (id: number, version: number | undefined) =>
    version === undefined
      ? undefined
      : (queryClient.getQueryData<RequirementDetail>(requirementKeys.detail(ws(), id))?.version ?? version)
  return createMutation(() => ({
    // Edits run one after another, each with the version the previous one left: quick successive edits
    // of one page never conflict with each other, only with someone else's.
    scope: { id: 'requirement-edit' },
    mutationFn: (input: { id: number; productId: number; patch: RequirementPatch; version?: number }) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].$patch({
          param: idParam(ws(), input.id),
          header: {},
          json: { ...input.patch, version: latestVersion(input.id, input.version) },
        }),
      ),
    onMutate: async (input) => {
      const snapshot = await snapshotLists(queryClient, ws(), input.productId)
      const detailKey = requirementKeys.detail(ws(), input.id)
      await queryClient.cancelQueries({ queryKey: detailKey })
      snapshot.push([detailKey, queryClient.getQueryData(detailKey)])
      const patch = input.patch as Partial<RequirementListItem>
      updateRequirementLists(queryClient, ws(), input.productId, (items) =>
        items.map((r) => (r.id === input.id ? { ...r, ...patch } : r)),
      )
      queryClient.setQueryData<RequirementDetail>(detailKey, (d) =>
        d ? ({ ...d, ...input.patch } as RequirementDetail) : d,
      )
      return { snapshot }
    },
    // The new version at once, so the next edit of the page does not look stale before the refetch.
    onSuccess: (saved) =>
      queryClient.setQueryData<RequirementDetail>(requirementKeys.detail(ws(), saved.id), (d) =>
        d ? { ...d, ...saved } : d,
      ),
    onError: (_err, _input, context) => restore(queryClient, context?.snapshot),
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

export function useCreateRequirement(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: RequirementCreate) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].requirements.$post({
          param: productParam(ws(), productId()),
          json: input,
        }),
      ),
    onSuccess: () => refreshRequirements(queryClient, ws()),
  }))
}

/** "Sort by score": a dry run answers the new order; applying it re-ranks the whole backlog. */
export function useSortByScore(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (dryRun: boolean) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].requirements['sort-by-score'].$post({
          param: productParam(ws(), productId()),
          json: { dryRun },
        }),
      ),
    onSuccess: (_answer, dryRun) => {
      if (!dryRun) return refreshRequirements(queryClient, ws())
    },
  }))
}

/** Puts the backlog back in an order (undoing "sort by score"); 409 once it changed since. */
export function useSetBacklogOrder(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { order: number[]; expected: number[] }) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].requirements.order.$post({
          param: productParam(ws(), productId()),
          json: input,
        }),
      ),
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

export function useTransitionRequirement(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { id: number; to: RequirementStatus; reason?: string }) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].transition.$post({
          param: idParam(ws(), input.id),
          json: { to: input.to, reason: input.reason },
        }),
      ),
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

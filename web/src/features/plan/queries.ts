// Iterations of a product and planning: the list with loads, creating one, auto-plan (preview, apply),
// and putting a requirement into an iteration or back into the backlog (optimistic, with rollback).
import { createMutation, queryOptions, useQueryClient } from '@tanstack/solid-query'
import { api, type Ok, unwrap } from '../../api'
import {
  idParam,
  productParam,
  type RequirementListItem,
  refreshRequirements,
  requirementKeys,
  updateRequirementLists,
} from '../backlog/queries'
import { refreshTasks } from '../items/queries'

type IterationsApi = (typeof api.workspaces)[':ws']['products'][':productId']['iterations']
export type Iteration = Ok<Awaited<ReturnType<IterationsApi['$get']>>>['items'][number]
export type IterationCreate = Parameters<IterationsApi['$post']>[0]['json']
export type PlanAnswer = Ok<
  Awaited<ReturnType<(typeof api.workspaces)[':ws']['products'][':productId']['plan']['$post']>>
>

export const iterationKeys = {
  all: (ws: number) => ['workspaces', ws, 'iterations'] as const,
  ofProduct: (ws: number, productId: number) =>
    ['workspaces', ws, 'iterations', 'of-product', productId] as const,
}

export const iterationsQuery = (ws: number, productId: number) =>
  queryOptions({
    queryKey: iterationKeys.ofProduct(ws, productId),
    queryFn: () =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].iterations.$get({ param: productParam(ws, productId) }),
      ),
  })

/** Planned and active iterations in start order: what planning works on. */
export const upcoming = (iterations: readonly Iteration[]) =>
  iterations.filter((it) => it.status !== 'closed')

export function useCreateIteration(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: IterationCreate) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].iterations.$post({
          param: productParam(ws(), productId()),
          json: input,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: iterationKeys.all(ws()) }),
  }))
}

export function useUpdateIterationStatus(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { iteration: Iteration; status: 'planned' | 'active' | 'closed' }) =>
      unwrap(
        api.workspaces[':ws'].iterations[':id'].$patch({
          param: idParam(ws(), input.iteration.id),
          header: {},
          json: { status: input.status, version: input.iteration.version },
        }),
      ),
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

/** Edits an iteration's name, goal, dates, capacity and stability budget. */
export function useUpdateIteration(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { iteration: Iteration; patch: IterationCreate }) =>
      unwrap(
        api.workspaces[':ws'].iterations[':id'].$patch({
          param: idParam(ws(), input.iteration.id),
          header: {},
          json: { ...input.patch, version: input.iteration.version },
        }),
      ),
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

/** Deletes an iteration; its work goes to `moveTo`, or back to the backlog. */
export function useDeleteIteration(ws: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { iteration: Iteration; moveTo?: number }) =>
      unwrap(
        api.workspaces[':ws'].iterations[':id'].$delete({
          param: idParam(ws(), input.iteration.id),
          query: input.moveTo === undefined ? {} : { moveTo: String(input.moveTo) },
        }),
      ),
    // Its requirements and its tasks moved.
    onSettled: () => refreshTasks(queryClient, ws()),
  }))
}

export function usePlan(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { dryRun: boolean; iterationIds?: number[] }) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].plan.$post({
          param: productParam(ws(), productId()),
          json: input,
        }),
      ),
    onSuccess: (_answer, input) => {
      if (!input.dryRun) return refreshRequirements(queryClient, ws())
    },
  }))
}

/**
 * Puts a requirement into an iteration (or back into the backlog with null). Every cached list of the
 * product shows the move at once: the requirement leaves lists of other iterations and joins this one's.
 */
export function useMoveToIteration(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  return createMutation(() => ({
    mutationFn: (input: { requirement: RequirementListItem; iterationId: number | null }) =>
      unwrap(
        api.workspaces[':ws'].requirements[':id'].$patch({
          param: idParam(ws(), input.requirement.id),
          header: {},
          json: { iterationId: input.iterationId },
        }),
      ),
    onMutate: async (input) => {
      const key = requirementKeys.lists(ws(), productId())
      await queryClient.cancelQueries({ queryKey: key })
      const snapshot = queryClient.getQueriesData({ queryKey: key })
      const moved = { ...input.requirement, iterationId: input.iterationId }
      for (const [queryKey] of snapshot) {
        const wanted = listIterationOf(queryKey)
        if (wanted === undefined) continue
        queryClient.setQueryData(queryKey, (data: { items: RequirementListItem[] } | undefined) => {
          if (!data || !('items' in data)) return data
          const items = data.items.filter((r) => r.id !== moved.id)
          if (wanted === (input.iterationId ?? 'none')) {
            // Keep rank order: the list is in rank order and ranks compare as strings.
            const at = items.findIndex((r) => r.rank > moved.rank)
            items.splice(at < 0 ? items.length : at, 0, moved)
          }
          return { ...data, items }
        })
      }
      // Lists not narrowed to an iteration (the backlog) just show the new iteration.
      updateRequirementLists(queryClient, ws(), productId(), (items) =>
        items.map((r) => (r.id === moved.id ? { ...r, iterationId: moved.iterationId } : r)),
      )
      return { snapshot }
    },
    onError: (_err, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: () => refreshRequirements(queryClient, ws()),
  }))
}

/** The iteration a cached list is narrowed to ("none" for unplanned), or undefined for other lists. */
function listIterationOf(queryKey: readonly unknown[]): number | 'none' | undefined {
  const query = queryKey.at(-1) as { iterationId?: string } | undefined
  if (!query || typeof query !== 'object' || query.iterationId === undefined) return undefined
  return query.iterationId === 'none' ? 'none' : Number(query.iterationId)
}

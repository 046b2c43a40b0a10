// A product's releases: the list (shared with the pickers, see backlog/lookups) and its writes.
import { createMutation, useQueryClient } from '@tanstack/solid-query'
import { api, unwrap } from '../../api'
import type { Release } from '../backlog/lookups'
import { idParam, productParam } from '../backlog/queries'

export type { Release }

type ReleasesApi = (typeof api.workspaces)[':ws']['products'][':productId']['releases']
export type ReleaseCreate = Parameters<ReleasesApi['$post']>[0]['json']
export type ReleasePatch = NonNullable<
  Parameters<(typeof api.workspaces)[':ws']['releases'][':id']['$patch']>[0]['json']
>

/** Everything that shows releases (settings, pickers, roadmap) is under the workspace's key. */
const refresh = (queryClient: ReturnType<typeof useQueryClient>, ws: number) =>
  queryClient.invalidateQueries({ queryKey: ['workspaces', ws] })

export function useReleaseMutations(ws: () => number, productId: () => number) {
  const queryClient = useQueryClient()
  const create = createMutation(() => ({
    mutationFn: (input: ReleaseCreate) =>
      unwrap(
        api.workspaces[':ws'].products[':productId'].releases.$post({
          param: productParam(ws(), productId()),
          json: input,
        }),
      ),
    onSettled: () => refresh(queryClient, ws()),
  }))
  const update = createMutation(() => ({
    mutationFn: (input: { release: Release; patch: ReleasePatch }) =>
      unwrap(
        api.workspaces[':ws'].releases[':id'].$patch({
          param: idParam(ws(), input.release.id),
          header: {},
          json: { ...input.patch, version: input.release.version },
        }),
      ),
    onSettled: () => refresh(queryClient, ws()),
  }))
  const remove = createMutation(() => ({
    mutationFn: (input: { release: Release; moveTo?: number }) =>
      unwrap(
        api.workspaces[':ws'].releases[':id'].$delete({
          param: idParam(ws(), input.release.id),
          query: input.moveTo === undefined ? {} : { moveTo: String(input.moveTo) },
        }),
      ),
    // Its requirements and iterations moved: refreshed with everything else of the workspace.
    onSettled: () => refresh(queryClient, ws()),
  }))
  return { create, update, remove }
}

// The lookups an item's page shows names from (iterations, modules, releases, members), each only when the
// role may read it; the activity timeline reads names through them too.
import { createMemo } from 'solid-js'
import { createLocalQuery } from '../../ui/query-view'
import type { ActivityNames } from '../activity/activity-text'
import { flattenModules, modulesQuery, releasesQuery } from '../backlog/lookups'
import { loaded } from '../backlog/queries'
import { membersQuery } from '../members/queries'
import { iterationsQuery } from '../plan/queries'
import { useWorkspace } from '../workspaces/workspace-context'

/** The lookups a detail page shows names from; each only when the role may read it. */
export function useNames(productId: () => number) {
  const ws = useWorkspace()
  const iterations = createLocalQuery(() => ({
    ...iterationsQuery(ws.id(), productId()),
    enabled: ws.can('iteration.view'),
  }))
  const modules = createLocalQuery(() => modulesQuery(ws.id(), productId()))
  const releases = createLocalQuery(() => ({
    ...releasesQuery(ws.id(), productId()),
    enabled: ws.can('roadmap.view'),
  }))
  const members = createLocalQuery(() => ({ ...membersQuery(ws.id()), enabled: ws.can('member.view') }))
  const flatModules = createMemo(() => flattenModules(loaded(modules)?.items ?? []))
  const names: ActivityNames = {
    iteration: (id) => loaded(iterations)?.items.find((it) => it.id === id)?.name,
    module: (id) => flatModules().find((m) => m.id === id)?.path,
    release: (id) => loaded(releases)?.items.find((r) => r.id === id)?.name,
    member: (id) => loaded(members)?.items.find((m) => m.userId === id)?.name,
  }
  return { iterations, modules: flatModules, releases, members, names }
}

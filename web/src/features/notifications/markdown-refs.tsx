// What markdown in this workspace refers to: a mentioned person by their name as it is now (for those who
// may see the members; others see the name it was written with), and `#MES-42` as a link to the item.
import type { JSX } from 'solid-js'
import { type MarkdownRefs, MarkdownRefsContext } from '../../ui/markdown-refs'
import { createLocalQuery } from '../../ui/query-view'
import { membersQuery } from '../members/queries'
import { useWorkspace } from '../workspaces/workspace-context'

export function MarkdownRefsProvider(props: { children: JSX.Element }) {
  const ws = useWorkspace()
  const members = createLocalQuery(() => ({
    ...membersQuery(ws.id()),
    enabled: ws.can('member.view'),
    staleTime: 5 * 60_000,
  }))
  const refs: MarkdownRefs = {
    name: (userId) => members.data?.items.find((m) => m.userId === userId)?.name,
    itemHref: (key) => `/w/${ws.id()}/i/${key}`,
  }
  return <MarkdownRefsContext.Provider value={refs}>{props.children}</MarkdownRefsContext.Provider>
}

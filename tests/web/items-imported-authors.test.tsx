// Imported comments and history name their original authors (who have no Keel account here) on the
// item page, as plain names; comments written in Keel keep naming their author's account.
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ActivityTimeline } from '../../web/src/features/activity/activity'
import { Comments } from '../../web/src/features/comments/comments'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

const comments = [
  {
    id: 1,
    body: 'Imported from the old board',
    createdAt: '2026-01-02T09:00:00.000Z',
    updatedAt: '2026-01-02T09:00:00.000Z',
    version: 1,
    author: null,
    authorName: 'Jane Doe',
  },
  {
    id: 2,
    body: 'Written here',
    createdAt: '2026-01-03T09:00:00.000Z',
    updatedAt: '2026-01-03T09:00:00.000Z',
    version: 1,
    author: { id: 7, name: 'Pat PM' },
    authorName: null,
  },
]
const activity = [
  {
    id: 10,
    entityType: 'requirement',
    entityId: 42,
    productId: 5,
    action: 'created',
    automatic: false,
    before: null,
    after: { title: 'Scan labels' },
    createdAt: '2026-01-01T09:00:00.000Z',
    actor: null,
    actorName: 'Jane Doe',
  },
]

function show() {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input instanceof Request ? input.url : input)
      const items = url.includes('/comments') ? comments : activity
      return new Response(JSON.stringify({ items, nextCursor: null }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }),
  )
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const container = document.createElement('div')
  document.body.append(container)
  const permissions = ['requirement.view', 'activity.view']
  const workspace = {
    id: () => 1,
    workspace: () =>
      ({ id: 1, name: 'Acme', role: { id: 1, name: 'x', builtIn: null }, permissions }) as never,
    me: () => ({ user: { id: 7, name: 'Pat PM', email: 'p@x' }, workspaces: [] }) as never,
    can: (permission: string) => permissions.includes(permission),
  }
  const names = {
    iteration: () => undefined,
    module: () => undefined,
    release: () => undefined,
    member: () => undefined,
  }
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <WorkspaceContext.Provider value={workspace}>
            <Comments target="requirement" id={42} />
            <ActivityTimeline target="requirement" id={42} names={names} />
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return container
}

describe('imported authors on the item page', () => {
  it('shows the original author of an imported comment and of imported history, without a link', async () => {
    const container = show()
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="comment"]')).toHaveLength(2))
    const [imported, written] = [
      ...container.querySelectorAll('[data-testid="comment"] .comment-meta strong'),
    ]
    expect(imported?.textContent).toBe('Jane Doe')
    expect(written?.textContent).toBe('Pat PM')
    expect(container.querySelector('[data-testid="comment"] a')).toBeNull()
    await vi.waitFor(() => expect(container.querySelectorAll('[data-testid="activity"]')).toHaveLength(1))
    expect(container.querySelector('[data-testid="activity"] strong')?.textContent).toBe('Jane Doe')
  })
})

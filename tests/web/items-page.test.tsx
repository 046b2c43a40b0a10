// The requirement page by role: a PM sees the allowed status moves and editable fields; a stakeholder reads
// the same page with no edit control anywhere. Titles with markup render as text.
import { MemoryRouter, Route } from '@solidjs/router'
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES, PERMISSIONS } from '../../server/lib/permissions'
import type { RequirementDetail } from '../../web/src/features/backlog/queries'
import { requirementKeys } from '../../web/src/features/backlog/queries'
import { RequirementView } from '../../web/src/features/requirements/requirement-view'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

const READ = BUILT_IN_ROLES.stakeholder.permissions
const EVERYTHING = PERMISSIONS.map((p) => p.name as string)

const detail = (over: Partial<RequirementDetail> = {}): RequirementDetail => ({
  id: 42,
  workspaceId: 1,
  productId: 5,
  number: 42,
  key: 'MES-42',
  title: 'Scan batch labels',
  role: 'Shift supervisor',
  scenario: 'At the end of a shift',
  source: 'customer',
  priority: 'P1',
  value: 6,
  effort: 3,
  estimate: 3,
  status: 'approved',
  moduleId: null,
  iterationId: null,
  releaseId: null,
  targetDate: null,
  pinned: false,
  rank: 'a0',
  score: 12,
  askCount: 1,
  updatedAt: '2026-01-05T09:00:00.000Z',
  version: 3,
  description: '',
  rejectReason: null,
  acceptanceCriteria: [{ text: 'Reads the label', done: false }],
  demand: 2,
  createdBy: 1,
  createdAt: '2026-01-01T09:00:00.000Z',
  asks: [
    {
      id: 1,
      importance: 'critical',
      note: 'Before the audit',
      askedOn: '2026-01-02',
      promisedDate: null,
      createdAt: '2026-01-02T09:00:00.000Z',
      customer: { id: 9, name: 'Hanse Metallwerk', industry: 'Metal', tier: 'strategic', contractValue: 1 },
    },
  ],
  tasks: [],
  importedFrom: null,
  ...over,
})

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

function show(permissions: readonly string[], requirement = detail()) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 })),
  )
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } })
  client.setQueryData(requirementKeys.detail(1, 42), requirement)
  const container = document.createElement('div')
  document.body.append(container)
  const workspace = {
    id: () => 1,
    workspace: () =>
      ({ id: 1, name: 'Acme', role: { id: 1, name: 'x', builtIn: null }, permissions }) as never,
    me: () => ({ user: { id: 1, name: 'Pat', email: 'p@x' }, workspaces: [] }) as never,
    can: (permission: string) => permissions.includes(permission),
  }
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <WorkspaceContext.Provider value={workspace}>
            <MemoryRouter>
              <Route path="*" component={() => <RequirementView id={42} />} />
            </MemoryRouter>
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return container
}

const buttons = (container: HTMLElement) =>
  [...container.querySelectorAll('button')].map((b) => b.textContent?.trim() ?? '')

describe('the requirement page', () => {
  it('offers a PM the moves the workflow allows from the current status, and inline edits', async () => {
    const container = show(EVERYTHING)
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Scan batch labels'))
    const moves = [...container.querySelectorAll('.transition-buttons button')].map((b) => b.textContent)
    expect(moves).toEqual(['Back to reviewing', 'Mark planned', 'Reject…'])
    expect(container.querySelector('h1 button.editable')).not.toBeNull()
    expect(container.querySelector('#prop-priority')).not.toBeNull()
    expect(buttons(container)).toContain('Record a customer ask')
    expect(buttons(container)).toContain('Delete requirement')
    expect(container.querySelector('textarea')).not.toBeNull()
  })

  it('shows a stakeholder the same requirement with no edit control anywhere', async () => {
    const container = show(READ)
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe('Scan batch labels'))
    expect(container.querySelector('.transition-buttons')).toBeNull()
    expect(container.querySelectorAll('select, textarea, input:not([type="checkbox"])').length).toBe(0)
    expect(
      [...container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].every((c) => c.disabled),
    ).toBe(true)
    expect(buttons(container)).toEqual([])
    // What they read is all there.
    expect(container.textContent).toContain('Hanse Metallwerk')
    expect(container.textContent).toContain('Shift supervisor')
    expect(container.textContent).toContain('P1 · High')
  })

  it('renders markup in a title as text', async () => {
    const payload = '<img src=x onerror="window.__xss=1">'
    const container = show(EVERYTHING, detail({ title: payload, role: payload }))
    await vi.waitFor(() => expect(container.querySelector('h1')?.textContent).toBe(payload))
    expect(container.querySelector('img')).toBeNull()
  })

  it('says where an imported requirement came from and under which key; nothing for one made in Keel', async () => {
    const imported = show(READ, detail({ importedFrom: { source: 'jira', key: 'PLAT-101' } }))
    await vi.waitFor(() => expect(imported.querySelector('h1')?.textContent).toBe('Scan batch labels'))
    expect(imported.querySelector('[data-testid="imported-from"]')?.textContent).toBe(
      'Imported from Jira as PLAT-101',
    )
    dispose?.()
    const own = show(READ)
    await vi.waitFor(() => expect(own.querySelector('h1')?.textContent).toBe('Scan batch labels'))
    expect(own.querySelector('[data-testid="imported-from"]')).toBeNull()
  })
})

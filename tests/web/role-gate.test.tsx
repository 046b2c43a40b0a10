// A page the role may not use says so in words: its title, what it needs (the permission described in the
// UI's language), and whom to ask, each a mail link; the page itself (its form) is never rendered.
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES, PERMISSIONS } from '../../server/lib/permissions'
import { productLanding, RoleGate } from '../../web/src/features/workspaces/role-gate'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

const catalogue = PERMISSIONS.map((p) => ({
  name: p.name,
  group: p.group,
  description: p.en,
  descriptionZh: p.zh,
}))

function show(
  permissions: string[],
  contacts: { name: string; email: string }[],
  locale: 'en' | 'zh-CN' = 'en',
) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(catalogue), { status: 200 })),
  )
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const container = document.createElement('div')
  document.body.append(container)
  const workspace = {
    id: () => 1,
    workspace: () =>
      ({
        id: 1,
        name: 'Acme',
        role: { id: 4, name: 'developer', builtIn: 'developer' },
        permissions,
        contacts,
      }) as never,
    me: () => ({}) as never,
    can: (p: string) => permissions.includes(p),
  }
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale={locale}>
          <WorkspaceContext.Provider value={workspace}>
            <RoleGate title="Import" needs={['import']}>
              <form data-testid="the-page">
                <button type="submit">Preview</button>
              </form>
            </RoleGate>
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return container
}

describe('a page the role may not use', () => {
  it('says so with the title, the permission in words and whom to ask; the form is not there', async () => {
    const c = show(
      ['task.view'],
      [
        { name: 'Olivia Owner', email: 'olivia@example.com' },
        { name: 'Ada Admin', email: 'ada@example.com' },
      ],
    )
    expect(c.querySelector('[data-testid="the-page"]')).toBeNull()
    expect(c.querySelector('h1')?.textContent).toBe('Import')
    expect(c.textContent).toContain('Your role, Developer, cannot use this page.')
    const needed = PERMISSIONS.find((p) => p.name === 'import')!
    await vi.waitFor(() => expect(c.querySelector('.role-gate-needs')?.textContent).toBe(needed.en))
    expect(c.textContent).toContain('To get access, ask Olivia Owner or Ada Admin to change your role.')
    expect([...c.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual([
      'mailto:olivia@example.com',
      'mailto:ada@example.com',
    ])
  })

  it('speaks Chinese, with the permission described in Chinese', async () => {
    const c = show(
      [],
      [
        { name: '王经理', email: 'wang@example.com' },
        { name: '李', email: 'li@example.com' },
        { name: '张', email: 'zhang@example.com' },
      ],
      'zh-CN',
    )
    const needed = PERMISSIONS.find((p) => p.name === 'import')!
    await vi.waitFor(() => expect(c.querySelector('.role-gate-needs')?.textContent).toBe(needed.zh))
    expect(c.textContent).toContain('你的角色“开发”不能使用此页面。')
    expect(c.textContent).toContain('如需访问，请联系 王经理、李或张 调整你的角色。')
  })

  it('renders the page itself for a role that has the permission', () => {
    const c = show(['import'], [])
    expect(c.querySelector('[data-testid="the-page"]')).not.toBeNull()
    expect(c.querySelector('[data-testid="role-gate"]')).toBeNull()
  })
})

describe("a product's landing page", () => {
  it('is the first view the role may open: the board for the team, the roadmap for a guest', () => {
    const landing = (role: keyof typeof BUILT_IN_ROLES) => {
      const held = new Set<string>(BUILT_IN_ROLES[role].permissions)
      return productLanding((permission) => held.has(permission))
    }
    expect(landing('pm')).toBe('board')
    expect(landing('stakeholder')).toBe('board')
    expect(landing('guest')).toBe('roadmap')
    expect(productLanding((p) => p === 'requirement.view')).toBe('backlog')
  })
})

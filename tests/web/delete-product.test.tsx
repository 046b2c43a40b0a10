// Deleting a product from its settings: an empty one asks plainly; one with work says what goes and enables
// the delete only once its key is typed, then sends that key as the confirmation.
import { MemoryRouter, Route } from '@solidjs/router'
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES } from '../../server/lib/permissions'
import { ProductSettings } from '../../web/src/features/products/product-settings'
import type { Product } from '../../web/src/features/products/queries'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider } from '../../web/src/i18n'

const WS = 1
const product: Product = {
  id: 5,
  workspaceId: WS,
  key: 'MES',
  name: 'MES',
  description: '',
  createdAt: '2026-01-01T09:00:00.000Z',
  updatedAt: '2026-01-01T09:00:00.000Z',
  version: 1,
}
const EMPTY = { requirements: 0, tasks: 0, iterations: 0, releases: 0 }

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

/** The settings of a product holding `contents`; answers what the server would and notes every request. */
function show(contents: typeof EMPTY) {
  const requests: string[] = []
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://keel.test',
    )
    const method = (init?.method ?? 'GET').toUpperCase()
    requests.push(`${method} ${url.pathname}${url.search}`)
    if (method === 'DELETE') return new Response(null, { status: 204 })
    const body =
      url.pathname === `/api/workspaces/${WS}/products/${product.id}`
        ? { ...product, contents }
        : { items: [], nextCursor: null }
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })
  })
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  })
  const permissions: readonly string[] = BUILT_IN_ROLES.owner.permissions
  const workspace = {
    id: () => WS,
    workspace: () => ({ id: WS, name: 'Acme', permissions }) as never,
    me: () => ({ user: { id: 1, name: 'Pat', email: 'p@x' }, workspaces: [] }) as never,
    can: (permission: string) => permissions.includes(permission),
  }
  const onClose = vi.fn()
  const container = document.createElement('div')
  document.body.append(container)
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <WorkspaceContext.Provider value={workspace}>
            <MemoryRouter>
              <Route path="*" component={() => <ProductSettings product={product} onClose={onClose} />} />
            </MemoryRouter>
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return { requests, onClose }
}

const button = (text: string, within: ParentNode = document) =>
  [...within.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)

async function openDialog() {
  await vi.waitFor(() => expect(button('Delete product')).toBeDefined())
  button('Delete product')!.click()
  await vi.waitFor(() => expect(document.querySelector('[role="dialog"] form')).not.toBeNull())
  const dialog = document.querySelector<HTMLElement>('[role="dialog"]')!
  return { dialog, confirm: button('Delete product', dialog)! }
}

describe('deleting a product', () => {
  it('says what a product with work holds and deletes it only once its key is typed', async () => {
    const { requests, onClose } = show({ requirements: 12, tasks: 40, iterations: 1, releases: 2 })
    const { dialog, confirm } = await openDialog()
    expect(dialog.textContent).toContain(
      '12 requirements, 40 tasks, 1 iteration and 2 releases will be deleted for good',
    )
    expect(confirm.disabled).toBe(true)
    const input = dialog.querySelector<HTMLInputElement>('input')!
    expect(dialog.querySelector(`label[for="${input.id}"]`)?.textContent).toBe('Type MES to confirm')
    for (const [typed, enabled] of [
      ['mes', false],
      ['ME', false],
      ['MES', true],
    ] as const) {
      input.value = typed
      input.dispatchEvent(new Event('input', { bubbles: true }))
      expect(confirm.disabled, typed).toBe(!enabled)
    }
    confirm.click()
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests).toContain(`DELETE /api/workspaces/${WS}/products/${product.id}?confirm=MES`)
  })

  it('asks plainly for an empty product and deletes it without a confirmation', async () => {
    const { requests, onClose } = show(EMPTY)
    const { dialog, confirm } = await openDialog()
    expect(dialog.textContent).toContain('It holds no requirements, tasks, iterations or releases.')
    expect(dialog.querySelector('input')).toBeNull()
    expect(confirm.disabled).toBe(false)
    confirm.click()
    await vi.waitFor(() => expect(onClose).toHaveBeenCalled())
    expect(requests).toContain(`DELETE /api/workspaces/${WS}/products/${product.id}`)
  })
})

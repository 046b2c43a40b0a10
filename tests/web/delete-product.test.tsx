// Deleting a product from its settings: an empty one asks plainly; one with work says what goes and enables
// the delete only once its key is typed, then sends that key as the confirmation.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BUILT_IN_ROLES } from '../../server/lib/permissions'
import { ProductSettings } from '../../web/src/features/products/product-settings'
import type { Product } from '../../web/src/features/products/queries'
import { renderPage } from './home-harness'

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
})

/** The settings of a product holding `contents`, as the owner; every request is noted. */
function show(contents: typeof EMPTY) {
  const onClose = vi.fn()
  const page = renderPage({
    page: () => <ProductSettings product={product} onClose={onClose} />,
    route: '/w/:ws/settings/products',
    at: `/w/${WS}/settings/products`,
    routes: {
      [`GET /api/workspaces/${WS}/products/${product.id}`]: { ...product, contents },
      [`DELETE /api/workspaces/${WS}/products/${product.id}`]: { status: 204, body: null },
      [`DELETE /api/workspaces/${WS}/products/${product.id}?confirm=MES`]: { status: 204, body: null },
      [`/api/workspaces/${WS}/products/${product.id}/modules`]: { items: [], nextCursor: null },
      [`/api/workspaces/${WS}/products/${product.id}/releases`]: { items: [], nextCursor: null },
    },
    permissions: BUILT_IN_ROLES.owner.permissions,
  })
  dispose = page.dispose
  return { requests: page.requests, onClose }
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

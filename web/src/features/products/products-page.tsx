// Products of the workspace: the list, a form to create one for members with product.manage, and the
// settings of the product chosen in the list (?product=KEY): details, module tree, deletion.

import { useSearchParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { PlusIcon, ProductIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { Table } from '../../ui/table'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { CreateProductForm } from './product-form'
import { ProductSettings } from './product-settings'
import { productsQuery } from './queries'

export default function ProductsPage() {
  const { t, formatDate } = useI18n()
  const ws = useWorkspace()
  const products = createQuery(() => productsQuery(ws.id()))
  const st = useProductSettingsT()
  const [params, setParams] = useSearchParams<{ product?: string }>()
  const [creating, setCreating] = createSignal(false)
  const canManage = () => ws.can('product.manage')
  const selected = createMemo(() => products.data?.items.find((p) => p.key === params.product))
  const open = (key: string | undefined) => {
    setParams({ product: key })
    if (key)
      queueMicrotask(() =>
        document.getElementById('product-settings')?.scrollIntoView?.({ block: 'nearest' }),
      )
  }
  const newButton = () => (
    <Show when={canManage()}>
      <button type="button" class="btn btn-primary" onClick={() => setCreating(true)}>
        <PlusIcon />
        {t('products.new')}
      </button>
    </Show>
  )

  return (
    <div class="page">
      <PageHeader title={t('products.title')} intro={t('products.intro')} actions={newButton()} />
      <Show
        when={(products.data?.items.length ?? 0) > 0}
        fallback={
          <EmptyState
            icon={<ProductIcon />}
            title={t('products.emptyTitle')}
            body={canManage() ? t('products.emptyBody') : t('products.emptyReadOnly')}
            action={newButton()}
          />
        }
      >
        <Table
          columns={[
            { label: t('products.key'), class: 'col-key' },
            { label: t('products.name') },
            { label: t('products.description') },
            { label: t('products.created'), class: 'col-date' },
          ]}
          actions={t('members.actions')}
        >
          <For each={products.data?.items}>
            {(product) => (
              <tr classList={{ 'is-selected': selected()?.id === product.id }}>
                <td>
                  <span class="key-chip">{product.key}</span>
                </td>
                <td class="cell-strong" id={`product-name-${product.id}`}>
                  {product.name}
                </td>
                <td class="cell-muted cell-clamp" title={product.description || undefined}>
                  {product.description || '—'}
                </td>
                <td class="cell-muted">{formatDate(product.createdAt)}</td>
                <td class="cell-actions">
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-expanded={selected()?.id === product.id}
                    aria-controls="product-settings"
                    aria-describedby={`product-name-${product.id}`}
                    onClick={() => open(selected()?.id === product.id ? undefined : product.key)}
                  >
                    {canManage() ? st('settings') : st('view')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </Table>
        {/* Keyed by id: a live refresh of the list must not reset a half-edited form. */}
        <Show when={selected()?.id} keyed>
          {(_id) => <ProductSettings product={selected()!} onClose={() => open(undefined)} />}
        </Show>
      </Show>
      <Modal open={creating()} onOpenChange={setCreating} title={t('products.createTitle')}>
        <CreateProductForm onDone={() => setCreating(false)} />
      </Modal>
    </div>
  )
}

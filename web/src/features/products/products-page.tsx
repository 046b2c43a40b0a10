// Products of the workspace: the list, a form to create one for members with product.manage, and the
// settings of the product chosen in the list (?product=KEY): details, module tree, deletion.

import { useSearchParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { PlusIcon, ProductIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { ProductSettings } from './product-settings'
import { PRODUCT_KEY, productsQuery, useCreateProduct } from './queries'

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
        <div class="table-wrap">
          <table class="table">
            <thead>
              <tr>
                <th scope="col" class="col-key">
                  {t('products.key')}
                </th>
                <th scope="col">{t('products.name')}</th>
                <th scope="col">{t('products.description')}</th>
                <th scope="col" class="col-date">
                  {t('products.created')}
                </th>
                <th scope="col" class="col-actions">
                  <span class="visually-hidden">{t('members.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
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

function CreateProductForm(props: { onDone: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const create = useCreateProduct(ws.id)
  const [key, setKey] = createSignal('')
  const [name, setName] = createSignal('')
  const [description, setDescription] = createSignal('')
  const [keyError, setKeyError] = createSignal<string>()
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!PRODUCT_KEY.test(key())) {
          setKeyError(t('products.keyInvalid'))
          return
        }
        setKeyError(undefined)
        create.mutate(
          { key: key(), name: name().trim(), description: description().trim() || undefined },
          { onSuccess: () => props.onDone() },
        )
      }}
    >
      <div class="field-row">
        <TextField
          class="field-key"
          label={t('products.key')}
          name="key"
          required
          maxLength={10}
          autocomplete="off"
          spellcheck={false}
          value={key()}
          onValue={(v) => setKey(v.toUpperCase().replace(/\s/g, ''))}
          error={keyError()}
          autofocus
        />
        <TextField
          class="field-grow"
          label={t('products.name')}
          name="name"
          required
          maxLength={FIELD_LIMITS.name}
          value={name()}
          onValue={setName}
        />
      </div>
      <p class="field-hint">{t('products.keyHint')}</p>
      <TextField
        label={t('products.description')}
        optionalLabel={t('common.optional')}
        name="description"
        maxLength={2000}
        value={description()}
        onValue={setDescription}
      />
      <ErrorNotice error={create.error} overrides={{ 409: t('products.keyTaken', { key: key() }) }} />
      <div class="form-actions">
        <button type="button" class="btn" onClick={() => props.onDone()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t('common.creating') : t('common.create')}
        </button>
      </div>
    </form>
  )
}

// One product's settings, shown under the products list: its details (key, name, description), its module
// tree (add, rename, move under another, delete), its releases and deleting the product. Read-only without product.manage.
// Deleting a product that holds work says what goes and asks for its key: that work cannot move elsewhere.
import { createSignal, createUniqueId, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { ReleaseList } from '../releases/release-list'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { ModuleTree } from './module-tree'
import { ProductForm } from './product-form'
import { type Product, type ProductContents, productContentsQuery, useDeleteProduct } from './queries'
import './products.css'

export function ProductSettings(props: { product: Product; onClose: () => void }) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const canManage = () => ws.can('product.manage')
  return (
    <section class="card ps-panel" id="product-settings" aria-labelledby="ps-title">
      <header class="ps-header">
        <span class="key-chip">{props.product.key}</span>
        <h2 id="ps-title">{props.product.name}</h2>
        <button
          type="button"
          class="icon-btn ps-close"
          aria-label={st('close')}
          onClick={() => props.onClose()}
        >
          ×
        </button>
      </header>
      <Show when={!canManage()}>
        <p class="notice notice-info ps-readonly">{st('readOnly')}</p>
      </Show>
      <div class="ps-body">
        <div class="ps-column">
          <h3 class="section-title">{st('details')}</h3>
          <Show when={canManage()} fallback={<ProductFacts product={props.product} />}>
            <ProductForm product={props.product} />
          </Show>
        </div>
        <div class="ps-column">
          <h3 class="section-title">{st('modules')}</h3>
          <p class="ps-intro">{st('modulesIntro')}</p>
          <ModuleTree productId={props.product.id} />
          <Show when={ws.can('roadmap.view')}>
            <h3 class="section-title ps-releases-title">{t('releases.title')}</h3>
            <p class="ps-intro">{t('releases.intro')}</p>
            <ReleaseList productId={props.product.id} />
          </Show>
        </div>
      </div>
      <Show when={canManage()}>
        <DangerZone product={props.product} onDeleted={() => props.onClose()} />
      </Show>
    </section>
  )
}

function ProductFacts(props: { product: Product }) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  return (
    <dl class="ps-facts">
      <dt>{t('products.key')}</dt>
      <dd>
        <span class="key-chip">{props.product.key}</span>
      </dd>
      <dt>{t('products.name')}</dt>
      <dd>{props.product.name}</dd>
      <dt>{t('products.description')}</dt>
      <dd>{props.product.description || <span class="muted">{st('noDescription')}</span>}</dd>
    </dl>
  )
}

function DangerZone(props: { product: Product; onDeleted: () => void }) {
  const st = useProductSettingsT()
  const [confirming, setConfirming] = createSignal(false)
  return (
    <div class="ps-danger">
      <div>
        <h3>{st('dangerTitle')}</h3>
        <p>{st('dangerBody')}</p>
      </div>
      <button type="button" class="btn btn-danger-quiet" onClick={() => setConfirming(true)}>
        {st('deleteProduct')}
      </button>
      <Show when={confirming()}>
        <DeleteProductDialog
          product={props.product}
          onClose={() => setConfirming(false)}
          onDeleted={props.onDeleted}
        />
      </Show>
    </div>
  )
}

/** Reads what the product holds when opened, then asks: plainly when empty, by its key when it holds work. */
function DeleteProductDialog(props: { product: Product; onClose: () => void; onDeleted: () => void }) {
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const contents = createLocalQuery(() => productContentsQuery(ws.id(), props.product.id))
  return (
    <Modal
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={st('deleteProductTitle', { name: props.product.name, key: props.product.key })}
    >
      <QueryView query={contents}>
        {(held) => (
          <DeleteProductForm
            product={props.product}
            contents={held()}
            onChanged={() => void contents.refetch()}
            onClose={props.onClose}
            onDeleted={props.onDeleted}
          />
        )}
      </QueryView>
    </Modal>
  )
}

const WORK = ['requirements', 'tasks', 'iterations', 'releases'] as const

function DeleteProductForm(props: {
  product: Product
  contents: ProductContents
  /** The delete was refused (e.g. 409: the product holds new work): read its contents again. */
  onChanged: () => void
  onClose: () => void
  onDeleted: () => void
}) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const remove = useDeleteProduct(ws.id)
  const id = createUniqueId()
  const [typed, setTyped] = createSignal('')
  const hasWork = () => WORK.some((kind) => props.contents[kind] > 0)
  const counted = (kind: (typeof WORK)[number]) => {
    const count = props.contents[kind]
    return count === 1 ? st(`work.${kind}One`) : st(`work.${kind}`, { count: String(count) })
  }
  const confirmed = () => !hasWork() || typed().trim() === props.product.key
  return (
    <form
      class="form"
      onSubmit={(e) => {
        e.preventDefault()
        if (!confirmed()) return
        remove.mutate(
          { id: props.product.id, confirm: hasWork() ? props.product.key : undefined },
          {
            onSuccess: () => {
              props.onClose()
              props.onDeleted()
            },
            onError: () => props.onChanged(),
          },
        )
      }}
    >
      <p class="dialog-description">
        {hasWork()
          ? st('deleteProductCounts', {
              requirements: counted('requirements'),
              tasks: counted('tasks'),
              iterations: counted('iterations'),
              releases: counted('releases'),
            })
          : st('deleteProductBody')}
      </p>
      <Show when={hasWork()}>
        <div class="field">
          <label class="field-label" for={id}>
            {st('typeKey', { key: props.product.key })}
          </label>
          <input
            id={id}
            class="input"
            autocomplete="off"
            spellcheck={false}
            value={typed()}
            onInput={(e) => setTyped(e.currentTarget.value)}
          />
        </div>
      </Show>
      <ErrorNotice error={remove.error} overrides={{ 409: st('deleteProductChanged') }} />
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => props.onClose()}>
          {t('common.cancel')}
        </button>
        <button type="submit" class="btn btn-danger" disabled={remove.isPending || !confirmed()}>
          {remove.isPending ? t('common.working') : st('deleteProduct')}
        </button>
      </div>
    </form>
  )
}

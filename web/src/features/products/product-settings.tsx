// One product's settings, shown under the products list: its details (key, name, description), its module
// tree (add, rename, move under another, delete), its releases and deleting the product. Read-only without product.manage.
import { createSignal, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ReleaseList } from '../releases/release-list'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { ModuleTree } from './module-tree'
import { ProductForm } from './product-form'
import { type Product, useDeleteProduct } from './queries'
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
  const ws = useWorkspace()
  const remove = useDeleteProduct(ws.id)
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
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={st('deleteProductTitle', { name: props.product.name, key: props.product.key })}
        body={st('deleteProductBody')}
        confirmLabel={st('deleteProduct')}
        onConfirm={async () => {
          await remove.mutateAsync(props.product.id)
          props.onDeleted()
        }}
      />
    </div>
  )
}

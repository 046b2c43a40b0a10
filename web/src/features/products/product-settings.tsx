// One product's settings, shown under the products list: its details (key, name, description), its module
// tree (add, rename, move under another, delete) and deleting the product. Read-only without product.manage.
import { createQuery } from '@tanstack/solid-query'
import { createEffect, createMemo, createSignal, createUniqueId, For, type JSX, on, Show } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { PlusIcon } from '../../ui/icons'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { type FlatNode, flattenTree, moveTargets } from './modules'
import {
  type ModuleTreeNode,
  moduleTreeQuery,
  PRODUCT_KEY,
  type Product,
  useChangeModule,
  useDeleteProduct,
  useUpdateProduct,
} from './queries'
import './products.css'

export function ProductSettings(props: { product: Product; onClose: () => void }) {
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

function ProductForm(props: { product: Product }) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const update = useUpdateProduct(ws.id)
  const [key, setKey] = createSignal(props.product.key)
  const [name, setName] = createSignal(props.product.name)
  const [description, setDescription] = createSignal(props.product.description)
  const [keyError, setKeyError] = createSignal<string>()
  const [saved, setSaved] = createSignal(false)
  const descriptionId = createUniqueId()
  // What the fields started from (the stored product, or what we last saved). When a newer version arrives
  // through the list, fields the user has not touched take it; their own edits are kept.
  let base = { key: props.product.key, name: props.product.name, description: props.product.description }
  createEffect(
    on(
      () => props.product.version,
      () => {
        const untouched = key() === base.key && name() === base.name && description() === base.description
        base = { key: props.product.key, name: props.product.name, description: props.product.description }
        if (!untouched) return
        setKey(base.key)
        setName(base.name)
        setDescription(base.description)
      },
      { defer: true },
    ),
  )
  const dirty = () =>
    key() !== props.product.key ||
    name().trim() !== props.product.name ||
    description().trim() !== props.product.description
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
        setSaved(false)
        update.mutate(
          {
            id: props.product.id,
            version: props.product.version,
            key: key() !== props.product.key ? key() : undefined,
            name: name().trim(),
            description: description().trim(),
          },
          {
            onSuccess: (saved) => {
              base = { key: saved.key, name: saved.name, description: saved.description }
              setSaved(true)
            },
          },
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
          onValue={(v) => {
            setSaved(false)
            setKey(v.toUpperCase().replace(/\s/g, ''))
          }}
          error={keyError()}
        />
        <TextField
          class="field-grow"
          label={t('products.name')}
          name="name"
          required
          maxLength={200}
          value={name()}
          onValue={(v) => {
            setSaved(false)
            setName(v)
          }}
        />
      </div>
      <Show when={key() !== props.product.key}>
        <p class="notice notice-warning">{st('keyChangeHint')}</p>
      </Show>
      <div class="field">
        <label class="field-label" for={descriptionId}>
          {t('products.description')}
          <span class="field-optional"> ({t('common.optional')})</span>
        </label>
        <textarea
          id={descriptionId}
          class="input ps-textarea"
          name="description"
          rows={3}
          maxLength={2000}
          value={description()}
          onInput={(e) => {
            setSaved(false)
            setDescription(e.currentTarget.value)
          }}
        />
      </div>
      <ErrorNotice error={update.error} overrides={{ 409: t('products.keyTaken', { key: key() }) }} />
      <div class="form-actions">
        <Show when={saved() && !dirty()}>
          <span class="form-status" role="status">
            {st('saved')}
          </span>
        </Show>
        <button type="submit" class="btn btn-primary" disabled={update.isPending || !dirty()}>
          {update.isPending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  )
}

function ModuleTree(props: { productId: number }) {
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const tree = createQuery(() => ({ ...moduleTreeQuery(ws.id(), props.productId), throwOnError: false }))
  const change = useChangeModule(ws.id, () => props.productId)
  // Reconciled by id: a live refresh of the tree keeps each row (and a rename or add in progress in it).
  const [flat, setFlat] = createStore<FlatNode<ModuleTreeNode>[]>([])
  createEffect(() => setFlat(reconcile(flattenTree<ModuleTreeNode>(tree.data?.items ?? []), { key: 'id' })))
  const canManage = () => ws.can('product.manage')
  const [deleting, setDeleting] = createSignal<FlatNode<ModuleTreeNode>>()

  return (
    <div class="ps-modules">
      <Show when={tree.isError}>
        <ErrorNotice error={tree.error} onRetry={() => void tree.refetch()} />
      </Show>
      <Show when={tree.isLoading}>
        <Loading />
      </Show>
      <Show when={tree.data}>
        <Show
          when={flat.length > 0}
          fallback={<p class="ps-empty">{canManage() ? st('modulesEmptyManage') : st('modulesEmpty')}</p>}
        >
          <ul class="ps-tree">
            <For each={flat}>
              {(item) => (
                <ModuleRow
                  item={item}
                  flat={flat}
                  canManage={canManage()}
                  busy={change.isPending}
                  onChange={(c, done) => change.mutate(c, { onSuccess: () => done?.() })}
                  onDelete={() => setDeleting(item)}
                />
              )}
            </For>
          </ul>
        </Show>
        <ErrorNotice error={change.error} overrides={{ 400: st('moveCycle') }} />
        <Show when={canManage()}>
          <AddModuleForm
            label={st('addTopLevel')}
            busy={change.isPending}
            onAdd={(name, done) =>
              change.mutate({ type: 'create', name, parentId: null }, { onSuccess: done })
            }
          />
        </Show>
      </Show>
      <Show when={deleting()}>
        {(item) => (
          <ConfirmDialog
            open
            onOpenChange={(open) => !open && setDeleting(undefined)}
            title={st('deleteModuleTitle', { name: item().node.name })}
            body={
              item().descendants.length > 0
                ? st('deleteModuleBodyChildren', { count: String(item().descendants.length) })
                : st('deleteModuleBody')
            }
            confirmLabel={st('deleteModule')}
            onConfirm={() => change.mutateAsync({ type: 'delete', id: item().node.id })}
          />
        )}
      </Show>
    </div>
  )
}

function ModuleRow(props: {
  item: FlatNode<ModuleTreeNode>
  flat: FlatNode<ModuleTreeNode>[]
  canManage: boolean
  busy: boolean
  onChange: (change: Parameters<ReturnType<typeof useChangeModule>['mutate']>[0], done?: () => void) => void
  onDelete: () => void
}) {
  const st = useProductSettingsT()
  const [mode, setMode] = createSignal<'view' | 'rename' | 'add'>('view')
  const [name, setName] = createSignal('')
  const node = () => props.item.node
  const targets = createMemo(() => moveTargets(props.flat, node().id))
  const indent = (): JSX.CSSProperties => ({ '--depth': String(props.item.depth) })

  return (
    <li class="ps-node" style={indent()}>
      <div class="ps-node-row">
        <Show
          when={mode() === 'rename'}
          fallback={
            <span class="ps-node-name" classList={{ 'is-top': props.item.depth === 0 }}>
              {node().name}
            </span>
          }
        >
          <form
            class="ps-inline"
            onSubmit={(e) => {
              e.preventDefault()
              const value = name().trim()
              if (!value || value === node().name) return setMode('view')
              props.onChange({ type: 'update', id: node().id, version: node().version, name: value }, () =>
                setMode('view'),
              )
            }}
          >
            <input
              class="input ps-inline-input"
              aria-label={st('renameLabel', { name: node().name })}
              value={name()}
              maxLength={200}
              required
              ref={(el) => queueMicrotask(() => el.focus())}
              onInput={(e) => setName(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key !== 'Escape') return
                e.preventDefault()
                e.stopPropagation()
                setMode('view')
              }}
            />
            <SaveCancel busy={props.busy} onCancel={() => setMode('view')} />
          </form>
        </Show>
        <Show when={props.canManage && mode() === 'view'}>
          <div class="ps-node-actions">
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={st('renameLabel', { name: node().name })}
              onClick={() => {
                setName(node().name)
                setMode('rename')
              }}
            >
              {st('rename')}
            </button>
            <button
              type="button"
              class="btn btn-ghost btn-small"
              aria-label={st('addChildLabel', { name: node().name })}
              onClick={() => {
                setName('')
                setMode('add')
              }}
            >
              <PlusIcon />
              {st('addChild')}
            </button>
            <select
              class="input select ps-move"
              aria-label={st('moveLabel', { name: node().name })}
              title={st('moveLabel', { name: node().name })}
              value=""
              disabled={props.busy}
              onChange={(e) => {
                const value = e.currentTarget.value
                e.currentTarget.value = ''
                if (value === '') return
                const parentId = value === 'top' ? null : Number(value)
                if (parentId === node().parentId) return
                props.onChange({ type: 'update', id: node().id, version: node().version, parentId })
              }}
            >
              <option value="">{st('move')}…</option>
              <Show when={node().parentId !== null}>
                <option value="top">{st('topLevel')}</option>
              </Show>
              <For each={targets().filter((t) => t.node.id !== node().parentId)}>
                {(target) => <option value={target.node.id}>{target.path}</option>}
              </For>
            </select>
            <button
              type="button"
              class="btn btn-ghost btn-small btn-danger-quiet"
              aria-label={st('deleteModuleLabel', { name: node().name })}
              onClick={() => props.onDelete()}
            >
              {st('deleteModule')}
            </button>
          </div>
        </Show>
      </div>
      <Show when={mode() === 'add'}>
        <div class="ps-add-child">
          <AddModuleForm
            label={st('childName', { name: node().name })}
            busy={props.busy}
            autofocus
            onCancel={() => setMode('view')}
            onAdd={(value, done) =>
              props.onChange({ type: 'create', name: value, parentId: node().id }, () => {
                done()
                setMode('view')
              })
            }
          />
        </div>
      </Show>
    </li>
  )
}

function SaveCancel(props: { busy: boolean; onCancel: () => void }) {
  const { t } = useI18n()
  return (
    <>
      <button type="submit" class="btn btn-primary btn-small" disabled={props.busy}>
        {t('common.save')}
      </button>
      <button type="button" class="btn btn-small" onClick={() => props.onCancel()}>
        {t('common.cancel')}
      </button>
    </>
  )
}

function AddModuleForm(props: {
  label: string
  busy: boolean
  autofocus?: boolean
  onAdd: (name: string, done: () => void) => void
  onCancel?: () => void
}) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const [name, setName] = createSignal('')
  return (
    <form
      class="ps-inline ps-add"
      onSubmit={(e) => {
        e.preventDefault()
        const value = name().trim()
        if (value) props.onAdd(value, () => setName(''))
      }}
    >
      <input
        class="input ps-inline-input"
        aria-label={props.label}
        placeholder={props.label}
        value={name()}
        maxLength={200}
        ref={(el) => props.autofocus && queueMicrotask(() => el.focus())}
        onInput={(e) => setName(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && props.onCancel) {
            e.preventDefault()
            e.stopPropagation()
            props.onCancel()
          }
        }}
      />
      <button type="submit" class="btn btn-small" disabled={props.busy || !name().trim()}>
        <PlusIcon />
        {st('addModule')}
      </button>
      <Show when={props.onCancel}>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onCancel?.()}>
          {t('common.cancel')}
        </button>
      </Show>
    </form>
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

// Settings → Import: choose the product, the format (detected by default) and the file; the preview shows
// the counts, the editable type/status/priority mapping and the warnings by row; Apply writes it all.

import { A } from '@solidjs/router'
import { useQueryClient } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { SelectField } from '../../ui/field'
import { PageHeader } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { ProductOptions } from '../products/product-options'
import { type Product, productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  ENCODINGS,
  FORMATS,
  type ImportResult,
  type Mapping,
  type MappingSection,
  postImport,
} from './import-api'
import { ImportPreview } from './import-preview'
import { ImportRows } from './import-rows'
import './imports.css'

export default function ImportPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const products = createLocalQuery(() => productsQuery(ws.id()))
  const [productId, setProductId] = createSignal('')
  const [format, setFormat] = createSignal<string>('auto')
  const [encoding, setEncoding] = createSignal<string>('auto')
  const [file, setFile] = createSignal<File | undefined>()
  const [overrides, setOverrides] = createSignal<Partial<Mapping>>({})
  const [preview, setPreview] = createSignal<ImportResult | undefined>()
  const [applied, setApplied] = createSignal<ImportResult | undefined>()
  const [busy, setBusy] = createSignal<'preview' | 'apply' | undefined>()
  const [error, setError] = createSignal<string | undefined>()

  const chosenProduct = () => productId() || String(products.data?.items[0]?.id ?? '')
  const productKey = () => products.data?.items.find((p) => String(p.id) === chosenProduct())?.key

  async function run(dryRun: boolean) {
    const f = file()
    if (!f) return
    const form = new FormData()
    form.set('file', f)
    // A Keel workspace file brings its own products; every other format goes into the chosen one (the
    // server says so clearly when a product is needed and none exists yet).
    if (chosenProduct() && format() !== 'keel-json') form.set('productId', chosenProduct())
    form.set('format', format())
    form.set('encoding', encoding())
    form.set('dryRun', String(dryRun))
    form.set('mapping', JSON.stringify(overrides()))
    setBusy(dryRun ? 'preview' : 'apply')
    setError(undefined)
    try {
      const result = await postImport(ws.id(), form)
      if (dryRun) {
        setPreview(result)
        setApplied(undefined)
      } else {
        setApplied(result)
        setPreview(undefined)
        await queryClient.invalidateQueries()
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err))
      if (dryRun) setPreview(undefined)
    } finally {
      setBusy(undefined)
    }
  }

  function changeMapping(section: MappingSection, value: string, target: string) {
    setOverrides((current) => ({ ...current, [section]: { ...(current[section] ?? {}), [value]: target } }))
    void run(true)
  }

  return (
    <div class="page import-page">
      <PageHeader title={t('imports.title')} intro={t('imports.intro')} />
      <Show when={products.data && products.data.items.length === 0}>
        <p class="notice notice-info">{t('imports.noProducts')}</p>
      </Show>
      <section class="card card-pad section">
        <ImportForm
          products={products.data?.items ?? []}
          product={chosenProduct()}
          onProduct={setProductId}
          format={format()}
          onFormat={setFormat}
          encoding={encoding()}
          onEncoding={setEncoding}
          hasFile={!!file()}
          busy={busy()}
          onFile={(chosen) => {
            setFile(chosen)
            setOverrides({})
            setPreview(undefined)
            setApplied(undefined)
          }}
          onPreview={() => void run(true)}
        />
        <Show when={error()}>
          <div class="notice notice-error" role="alert">
            <div class="notice-body">{error()}</div>
          </div>
        </Show>
      </section>

      <Show when={applied()}>
        {(result) => (
          <section class="notice notice-info import-done" role="status">
            <div class="notice-body">
              <p>
                {t('imports.done', { created: result().counts.created, updated: result().counts.updated })}
              </p>
              <Show when={productKey()}>
                <A href={`/w/${ws.id()}/p/${productKey()}/backlog`}>{t('imports.openBacklog')}</A>
              </Show>
            </div>
          </section>
        )}
      </Show>
      <Show when={applied()?.rows.length ? applied() : undefined}>
        {(result) => (
          <section class="card card-pad section">
            <ImportRows rows={result().rows} applied />
          </section>
        )}
      </Show>

      <Show when={preview()}>
        {(result) => (
          <ImportPreview
            result={result()}
            busy={busy()}
            onApply={() => void run(false)}
            onMapping={changeMapping}
          />
        )}
      </Show>
    </div>
  )
}

/** The product (not for a Keel workspace file, which brings its own), the format, the encoding and the file. */
function ImportForm(props: {
  products: readonly Product[]
  product: string
  onProduct: (id: string) => void
  format: string
  onFormat: (format: string) => void
  encoding: string
  onEncoding: (encoding: string) => void
  hasFile: boolean
  busy: 'preview' | 'apply' | undefined
  onFile: (file: File | undefined) => void
  onPreview: () => void
}) {
  const { t } = useI18n()
  return (
    <form
      class="import-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.onPreview()
      }}
    >
      <Show when={props.format !== 'keel-json' && props.products.length > 0}>
        <SelectField
          label={t('imports.product')}
          value={props.product}
          onValue={props.onProduct}
          name="productId"
        >
          <ProductOptions products={props.products} />
        </SelectField>
      </Show>
      <SelectField label={t('imports.format')} value={props.format} onValue={props.onFormat} name="format">
        <For each={FORMATS}>{(f) => <option value={f}>{t(`imports.formats.${f}`)}</option>}</For>
      </SelectField>
      <SelectField
        label={t('imports.encoding')}
        value={props.encoding}
        onValue={props.onEncoding}
        name="encoding"
      >
        <For each={ENCODINGS}>
          {(e) => <option value={e}>{e === 'auto' ? t('imports.encodings.auto') : e.toUpperCase()}</option>}
        </For>
      </SelectField>
      <div class="field">
        <label class="field-label" for="import-file">
          {t('imports.file')}
        </label>
        <input
          id="import-file"
          name="file"
          type="file"
          class="input"
          accept=".csv,.json,.xlsx,.txt,.zip"
          onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
        />
        <p class="field-hint">{t('imports.fileHint')}</p>
      </div>
      <div class="form-actions import-actions">
        <button type="submit" class="btn" disabled={!props.hasFile || props.busy !== undefined}>
          {props.busy === 'preview' ? t('imports.previewing') : t('imports.preview')}
        </button>
      </div>
    </form>
  )
}

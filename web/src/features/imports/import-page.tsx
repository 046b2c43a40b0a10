// Settings → Import: choose the product, the format (detected by default) and the file; the preview shows
// the counts, the editable type/status/priority mapping and the warnings by row; Apply writes it all.

import { A } from '@solidjs/router'
import { createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, For, type JSX, Show } from 'solid-js'
import { PRIORITIES, REQUIREMENT_STATUSES, TASK_STATUSES } from '../../../../domain/vocabulary'
import { ApiError } from '../../api'
import { useI18n } from '../../i18n'
import { SelectField } from '../../ui/field'
import { PageHeader } from '../../ui/page'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import './imports.css'

const FORMATS = [
  'auto',
  'zentao-csv',
  'jira-csv',
  'jira-json',
  'github-json',
  'csv',
  'xlsx',
  'keel-json',
] as const
const ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le'] as const
const ITEM_TYPES = ['requirement', 'task', 'bug', 'chore', 'stability', 'skip'] as const
const COUNT_KEYS = [
  'created',
  'updated',
  'skipped',
  'requirements',
  'tasks',
  'bugs',
  'iterations',
  'releases',
  'modules',
  'comments',
  'history',
] as const

type MappingSection = 'type' | 'requirementStatus' | 'taskStatus' | 'priority'
type Mapping = Record<MappingSection, Record<string, string>> & { columns?: Record<string, string> }
interface RowMessage {
  row: number
  column?: string
  message: string
  code?: string
  params?: Record<string, string | number>
}
interface ImportResult {
  dryRun: boolean
  format: string
  encoding: string
  counts: Record<(typeof COUNT_KEYS)[number], number>
  mapping: Mapping
  warnings: RowMessage[]
  errors: RowMessage[]
}

/** The imports route is multipart (a file), so it is called with fetch and FormData rather than the typed client. */
async function postImport(ws: number, form: FormData): Promise<ImportResult> {
  let res: Response
  try {
    res = await fetch(`/api/workspaces/${ws}/imports`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
    })
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err))
  }
  const body = await res.json().catch(() => undefined)
  if (res.ok) return body as ImportResult
  const error = body?.error
  throw new ApiError(
    res.status,
    error?.code ?? `http_${res.status}`,
    error?.message ?? res.statusText,
    error?.details,
  )
}

export default function ImportPage() {
  const { t, tryT } = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const products = createQuery(() => ({ ...productsQuery(ws.id()), throwOnError: false }))
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

  const label = (section: MappingSection, value: string) =>
    section === 'type'
      ? t(`imports.types.${value as (typeof ITEM_TYPES)[number]}`)
      : section === 'priority'
        ? (tryT(`work.priority.${value}`) ?? value)
        : (tryT(`work.${section}.${value}`) ?? value)
  const options: Record<MappingSection, readonly string[]> = {
    type: ITEM_TYPES,
    requirementStatus: REQUIREMENT_STATUSES,
    taskStatus: TASK_STATUSES,
    priority: PRIORITIES,
  }
  const sectionTitle: Record<MappingSection, () => string> = {
    type: () => t('imports.mappingType'),
    requirementStatus: () => t('imports.mappingRequirementStatus'),
    taskStatus: () => t('imports.mappingTaskStatus'),
    priority: () => t('imports.mappingPriority'),
  }

  return (
    <div class="page import-page">
      <PageHeader title={t('imports.title')} intro={t('imports.intro')} />
      <Show when={products.data && products.data.items.length === 0}>
        <p class="notice notice-info">{t('imports.noProducts')}</p>
      </Show>
      <section class="card card-pad section">
        <form
          class="import-form"
          onSubmit={(e) => {
            e.preventDefault()
            void run(true)
          }}
        >
          <Show when={format() !== 'keel-json' && (products.data?.items.length ?? 0) > 0}>
            <SelectField
              label={t('imports.product')}
              value={chosenProduct()}
              onValue={setProductId}
              name="productId"
            >
              <For each={products.data?.items}>
                {(p) => (
                  <option value={String(p.id)}>
                    {p.key} · {p.name}
                  </option>
                )}
              </For>
            </SelectField>
          </Show>
          <SelectField label={t('imports.format')} value={format()} onValue={setFormat} name="format">
            <For each={FORMATS}>{(f) => <option value={f}>{t(`imports.formats.${f}`)}</option>}</For>
          </SelectField>
          <SelectField label={t('imports.encoding')} value={encoding()} onValue={setEncoding} name="encoding">
            <For each={ENCODINGS}>
              {(e) => (
                <option value={e}>{e === 'auto' ? t('imports.encodings.auto') : e.toUpperCase()}</option>
              )}
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
              accept=".csv,.json,.xlsx,.txt"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0])
                setOverrides({})
                setPreview(undefined)
                setApplied(undefined)
              }}
            />
            <p class="field-hint">{t('imports.fileHint')}</p>
          </div>
          <div class="form-actions import-actions">
            <button type="submit" class="btn" disabled={!file() || busy() !== undefined}>
              {busy() === 'preview' ? t('imports.previewing') : t('imports.preview')}
            </button>
          </div>
        </form>
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

      <Show when={preview()}>
        {(result) => (
          <section class="card card-pad section import-preview" aria-label={t('imports.previewTitle')}>
            <div class="import-preview-head">
              <div>
                <h2 class="section-title">{t('imports.previewTitle')}</h2>
                <p class="cell-muted">
                  {t('imports.detected', {
                    format: tryT(`imports.formats.${result().format}`) ?? result().format,
                    encoding: result().encoding.toUpperCase(),
                  })}{' '}
                  {t('imports.previewNote')}
                </p>
              </div>
              <button
                type="button"
                class="btn btn-primary"
                disabled={busy() !== undefined || result().errors.length > 0}
                onClick={() => void run(false)}
              >
                {busy() === 'apply' ? t('imports.applying') : t('imports.apply')}
              </button>
            </div>
            <dl class="import-counts">
              <For
                each={COUNT_KEYS.filter((k) => k === 'created' || k === 'updated' || result().counts[k] > 0)}
              >
                {(key) => (
                  <div class="import-count" data-count={key}>
                    <dt>{t(`imports.counts.${key}`)}</dt>
                    <dd>{result().counts[key]}</dd>
                  </div>
                )}
              </For>
            </dl>

            <Show when={result().errors.length > 0}>
              <Messages
                title={t('imports.errorsTitle', { count: result().errors.length })}
                items={result().errors}
                tone="error"
              >
                <p>{t('imports.errorsBlock')}</p>
              </Messages>
            </Show>

            <h3 class="import-subtitle">{t('imports.mappingTitle')}</h3>
            <p class="cell-muted">{t('imports.mappingIntro')}</p>
            <div class="import-mapping">
              <For
                each={(['type', 'requirementStatus', 'taskStatus', 'priority'] as const).filter(
                  (s) => Object.keys(result().mapping[s]).length > 0,
                )}
              >
                {(section) => (
                  <table class="table import-mapping-table" data-section={section}>
                    <caption>{sectionTitle[section]()}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('imports.sourceValue')}</th>
                        <th scope="col">{t('imports.keelValue')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={Object.entries(result().mapping[section])}>
                        {([value, target]) => (
                          <tr>
                            <td class="cell-strong">{value || t('imports.empty')}</td>
                            <td>
                              <select
                                class="input select input-small"
                                aria-label={`${sectionTitle[section]()}: ${value || t('imports.empty')}`}
                                value={target}
                                disabled={busy() !== undefined}
                                onChange={(e) => changeMapping(section, value, e.currentTarget.value)}
                              >
                                <For each={options[section]}>
                                  {(o) => (
                                    <option value={o} selected={o === target}>
                                      {label(section, o)}
                                    </option>
                                  )}
                                </For>
                              </select>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                )}
              </For>
            </div>

            <Messages
              title={t('imports.warningsTitle', { count: result().warnings.length })}
              items={result().warnings}
              tone="warning"
            >
              <Show when={result().warnings.length === 0}>
                <p>{t('imports.noWarnings')}</p>
              </Show>
            </Messages>
          </section>
        )}
      </Show>
    </div>
  )
}

function Messages(props: {
  title: string
  items: RowMessage[]
  tone: 'warning' | 'error'
  children?: JSX.Element
}) {
  const { t, tryT } = useI18n()
  // The server words each message in English and names its kind; known kinds are shown in the UI's language.
  const text = (m: RowMessage) => (m.code && tryT(`imports.messages.${m.code}`, m.params)) || m.message
  return (
    <div class={`import-messages import-messages-${props.tone}`}>
      <h3 class="import-subtitle">{props.title}</h3>
      {props.children}
      <ul class="import-message-list">
        <For each={props.items}>
          {(m) => (
            <li>
              <span class="import-row">{t('imports.row', { row: m.row })}</span>
              <Show when={m.column}>
                <span class="import-column">{m.column}</span>
              </Show>
              <span>{text(m)}</span>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}

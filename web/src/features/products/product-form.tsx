// A product's details as forms (key, name, description): creating one, and editing one for those who may
// manage it. In the edit form, fields the user has not touched follow a newer version of the product;
// their own edits are kept.

import { createEffect, createSignal, on, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { type I18n, useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { TextAreaField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { PRODUCT_KEY, type Product, useCreateProduct, useUpdateProduct } from './queries'

/** Why a key cannot be used (the server's rule, said before asking it), or undefined. */
const keyProblem = (key: string, t: I18n['t']) =>
  PRODUCT_KEY.test(key) ? undefined : t('products.keyInvalid')

/** A 409 on saving a product means another product has its key. */
const keyTaken = (key: string, t: I18n['t']) => ({ 409: t('products.keyTaken', { key }) })

/** The key (typed in upper case, without spaces) and the name, side by side. */
function KeyAndName(props: {
  key: string
  onKey: (key: string) => void
  keyError?: string
  name: string
  onName: (name: string) => void
  autofocus?: boolean
}) {
  const { t } = useI18n()
  return (
    <div class="field-row">
      <TextField
        class="field-key"
        label={t('products.key')}
        name="key"
        required
        maxLength={10}
        autocomplete="off"
        spellcheck={false}
        value={props.key}
        onValue={(v) => props.onKey(v.toUpperCase().replace(/\s/g, ''))}
        error={props.keyError}
        autofocus={props.autofocus}
      />
      <TextField
        class="field-grow"
        label={t('products.name')}
        name="name"
        required
        maxLength={FIELD_LIMITS.name}
        value={props.name}
        onValue={(v) => props.onName(v)}
      />
    </div>
  )
}

export function CreateProductForm(props: { onDone: () => void }) {
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
        setKeyError(keyProblem(key(), t))
        if (keyError()) return
        create.mutate(
          { key: key(), name: name().trim(), description: description().trim() || undefined },
          { onSuccess: () => props.onDone() },
        )
      }}
    >
      <KeyAndName key={key()} onKey={setKey} keyError={keyError()} name={name()} onName={setName} autofocus />
      <p class="field-hint">{t('products.keyHint')}</p>
      <TextField
        label={t('products.description')}
        optionalLabel={t('common.optional')}
        name="description"
        maxLength={2000}
        value={description()}
        onValue={setDescription}
      />
      <FormActions
        error={create.error}
        overrides={keyTaken(key(), t)}
        onCancel={() => props.onDone()}
        busy={create.isPending}
        submitLabel={t('common.create')}
        busyLabel={t('common.creating')}
      />
    </form>
  )
}

export function ProductForm(props: { product: Product }) {
  const { t } = useI18n()
  const st = useProductSettingsT()
  const ws = useWorkspace()
  const update = useUpdateProduct(ws.id)
  const [key, setKey] = createSignal(props.product.key)
  const [name, setName] = createSignal(props.product.name)
  const [description, setDescription] = createSignal(props.product.description)
  const [keyError, setKeyError] = createSignal<string>()
  const [saved, setSaved] = createSignal(false)
  /** Any edit hides "Saved" until the next save. */
  const edit = (set: (value: string) => void) => (value: string) => {
    setSaved(false)
    set(value)
  }
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
        setKeyError(keyProblem(key(), t))
        if (keyError()) return
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
      <KeyAndName
        key={key()}
        onKey={edit(setKey)}
        keyError={keyError()}
        name={name()}
        onName={edit(setName)}
      />
      <Show when={key() !== props.product.key}>
        <p class="notice notice-warning">{st('keyChangeHint')}</p>
      </Show>
      <TextAreaField
        label={t('products.description')}
        optionalLabel={t('common.optional')}
        inputClass="ps-textarea"
        name="description"
        rows={3}
        maxLength={2000}
        value={description()}
        onValue={edit(setDescription)}
      />
      <ErrorNotice error={update.error} overrides={keyTaken(key(), t)} />
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

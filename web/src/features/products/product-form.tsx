// A product's details as a form (key, name, description) for those who may manage it. Fields the user has
// not touched follow a newer version of the product; their own edits are kept.

import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { useWorkspace } from '../workspaces/workspace-context'
import { useProductSettingsT } from './i18n'
import { PRODUCT_KEY, type Product, useUpdateProduct } from './queries'

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
          maxLength={FIELD_LIMITS.name}
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

// Adding or editing a webhook: target URL, chat preset and language, the events it hears, the signing secret.
// The form's values live in one store; what is sent is worked out from them by inputOf / patchOf.

import { createSignal, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { type Locale, useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { SelectField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import { createLocalQuery } from '../../ui/query-view'
import { ProductOptions } from '../products/product-options'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { useWebhookMutations, type Webhook, type WebhookInput, type WebhookPatch } from './queries'
import { EventPicker, type Preset, PresetPicker } from './webhook-fields'

export interface WebhookForm {
  name: string
  /** Empty when editing: the stored URL is kept. */
  url: string
  preset: Preset
  events: string[]
  /** Empty keeps the stored secret (or sets none). */
  secret: string
  removeSecret: boolean
  language: Locale
  /** A product's id, or '' for every product. */
  productId: string
}

/** The form's first values: the hook's own, or a new hook's (every event, in the language of the UI). */
export const formOf = (hook: Webhook | undefined, locale: Locale): WebhookForm => ({
  name: hook?.name ?? '',
  url: '',
  preset: hook?.preset ?? 'generic',
  events: hook?.events ?? ['*'],
  secret: '',
  removeSecret: false,
  language: hook?.language ?? locale,
  productId: hook?.productId ? String(hook.productId) : '',
})

const common = (form: WebhookForm) => ({
  name: form.name.trim(),
  events: [...form.events],
  preset: form.preset,
  language: form.language,
  productId: form.productId ? Number(form.productId) : null,
})

/** A new hook: everything, the secret only when one is given. */
export const inputOf = (form: WebhookForm): WebhookInput => ({
  ...common(form),
  url: form.url.trim(),
  ...(form.secret && { secret: form.secret }),
})

/** An edit: the URL only when a new one is typed; a new secret, or null to remove the stored one. */
export const patchOf = (form: WebhookForm): WebhookPatch => ({
  ...common(form),
  ...(form.url.trim() && { url: form.url.trim() }),
  ...(form.secret ? { secret: form.secret } : form.removeSecret ? { secret: null } : {}),
})

export function WebhookDialog(props: { hook?: Webhook; onClose: () => void }) {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const { create, update } = useWebhookMutations(ws.id)
  const [form, setForm] = createStore(formOf(props.hook, i18n.locale()))
  const [eventsMissing, setEventsMissing] = createSignal(false)
  const editing = () => props.hook !== undefined

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    if (form.events.length === 0) return setEventsMissing(true)
    const done = { onSuccess: props.onClose }
    if (props.hook) update.mutate({ id: props.hook.id, json: patchOf(form) }, done)
    else create.mutate(inputOf(form), done)
  }

  return (
    <Modal
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={editing() ? t('webhooks.editTitle') : t('webhooks.addTitle')}
      wide
    >
      <form class="webhook-form" onSubmit={submit}>
        <TextField
          label={t('webhooks.name')}
          placeholder={t('webhooks.namePlaceholder')}
          optionalLabel={t('common.optional')}
          maxLength={FIELD_LIMITS.name}
          value={form.name}
          onValue={(name) => setForm({ name })}
        />
        <TextField
          label={t('webhooks.url')}
          type="url"
          name="webhookUrl"
          required={!editing()}
          placeholder={editing() ? props.hook?.url : 'https://open.feishu.cn/open-apis/bot/v2/hook/…'}
          hint={editing() ? t('webhooks.urlKeepHint') : t('webhooks.urlHint')}
          maxLength={2000}
          autocomplete="off"
          value={form.url}
          onValue={(url) => setForm({ url })}
        />
        <PresetPicker value={form.preset} onValue={(preset) => setForm({ preset })} />
        <EventPicker
          value={form.events}
          missing={eventsMissing()}
          onValue={(events) => {
            setEventsMissing(false)
            setForm({ events })
          }}
        />
        <DeliveryFields form={form} onChange={setForm} hasSecret={props.hook?.hasSecret ?? false} />
        <FormActions
          error={create.error ?? update.error}
          onCancel={() => props.onClose()}
          busy={create.isPending || update.isPending}
          submitLabel={t('webhooks.save')}
          busyLabel={t('common.saving')}
        />
      </form>
    </Modal>
  )
}

/** How the message is sent: the signing secret (WeCom has none), its language, and which product's events. */
function DeliveryFields(props: {
  form: WebhookForm
  onChange: (patch: Partial<WebhookForm>) => void
  /** The hook has a stored secret, which an empty field keeps and a tick removes. */
  hasSecret: boolean
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createLocalQuery(() => productsQuery(ws.id()))
  const wecom = () => props.form.preset === 'wecom'
  return (
    <>
      <div class="field-row webhook-row">
        <Show
          when={!wecom()}
          fallback={<p class="field-hint webhook-wecom-note">{t('webhooks.presetHelp.wecom')}</p>}
        >
          <TextField
            label={t('webhooks.secret')}
            type="password"
            name="webhookSecret"
            autocomplete="new-password"
            optionalLabel={t('common.optional')}
            hint={props.hasSecret ? t('webhooks.secretKeep') : t('webhooks.secretHint')}
            maxLength={500}
            value={props.form.secret}
            onValue={(secret) => props.onChange({ secret })}
          />
        </Show>
        <SelectField
          label={t('webhooks.language')}
          value={props.form.language}
          onValue={(language) => props.onChange({ language: language as Locale })}
        >
          <option value="zh-CN">{t('language.zh-CN')}</option>
          <option value="en">{t('language.en')}</option>
        </SelectField>
        <SelectField
          label={t('webhooks.product')}
          value={props.form.productId}
          onValue={(productId) => props.onChange({ productId })}
        >
          <option value="">{t('webhooks.allProducts')}</option>
          <ProductOptions products={products.data?.items} />
        </SelectField>
      </div>
      <Show when={props.hasSecret && !wecom()}>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={props.form.removeSecret}
            onChange={(e) => props.onChange({ removeSecret: e.currentTarget.checked })}
          />
          <span>{t('webhooks.removeSecret')}</span>
        </label>
      </Show>
    </>
  )
}

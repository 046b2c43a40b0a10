// Adding or editing a webhook: target URL, chat preset and language, the events it hears, the signing secret.

import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { type MessageKey, useI18n } from '../../i18n'
import { Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { useWebhookMutations, type Webhook, type WebhookInput } from './queries'

const PRESETS = ['generic', 'feishu', 'dingtalk', 'wecom'] as const
type Preset = (typeof PRESETS)[number]

/** The events offered by name; `*` covers these and every other kind. */
const EVENT_GROUPS = {
  task: ['task.created', 'task.moved', 'task.updated', 'task.deleted'],
  requirement: [
    'requirement.created',
    'requirement.transitioned',
    'requirement.updated',
    'requirement.moved',
    'requirement.deleted',
  ],
  other: ['comment.created', 'ask.created', 'iteration.updated', 'release.updated'],
} as const

export function WebhookDialog(props: { hook?: Webhook; onClose: () => void }) {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const products = createQuery(() => ({ ...productsQuery(ws.id()), throwOnError: false }))
  const { create, update } = useWebhookMutations(ws.id)
  const editing = () => props.hook !== undefined
  const [name, setName] = createSignal(props.hook?.name ?? '')
  const [url, setUrl] = createSignal('')
  const [preset, setPreset] = createSignal<Preset>(props.hook?.preset ?? 'generic')
  const [events, setEvents] = createSignal<string[]>(props.hook?.events ?? ['*'])
  const [secret, setSecret] = createSignal('')
  const [removeSecret, setRemoveSecret] = createSignal(false)
  const [language, setLanguage] = createSignal<'zh-CN' | 'en'>(props.hook?.language ?? i18n.locale())
  const [productId, setProductId] = createSignal(props.hook?.productId ? String(props.hook.productId) : '')
  const [eventsError, setEventsError] = createSignal(false)
  const all = () => events().includes('*')
  const toggle = (event: string, on: boolean) =>
    setEvents(on ? [...events().filter((e) => e !== '*'), event] : events().filter((e) => e !== event))

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    if (events().length === 0) {
      setEventsError(true)
      return
    }
    const base = {
      name: name().trim(),
      events: events(),
      preset: preset(),
      language: language(),
      productId: productId() ? Number(productId()) : null,
    }
    if (props.hook) {
      update.mutate(
        {
          id: props.hook.id,
          json: {
            ...base,
            ...(url().trim() && { url: url().trim() }),
            ...(secret() ? { secret: secret() } : removeSecret() ? { secret: null } : {}),
          },
        },
        { onSuccess: props.onClose },
      )
    } else {
      const json: WebhookInput = { ...base, url: url().trim(), ...(secret() && { secret: secret() }) }
      create.mutate(json, { onSuccess: props.onClose })
    }
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
          value={name()}
          onValue={setName}
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
          value={url()}
          onValue={setUrl}
        />
        <fieldset class="webhook-fieldset">
          <legend class="field-label">{t('webhooks.preset')}</legend>
          <div class="preset-grid">
            <For each={PRESETS}>
              {(p) => (
                <label class="preset-option" classList={{ selected: preset() === p }}>
                  <input
                    type="radio"
                    name="preset"
                    value={p}
                    checked={preset() === p}
                    onChange={() => setPreset(p)}
                  />
                  <span class="preset-text">
                    <span class="preset-name">{t(`webhooks.presets.${p}`)}</span>
                    <span class="preset-help">{t(`webhooks.presetHelp.${p}`)}</span>
                  </span>
                </label>
              )}
            </For>
          </div>
        </fieldset>
        <fieldset class="webhook-fieldset">
          <legend class="field-label">{t('webhooks.events')}</legend>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={all()}
              onChange={(e) => {
                setEventsError(false)
                setEvents(e.currentTarget.checked ? ['*'] : [])
              }}
            />
            <span>
              <strong>{t('webhooks.allEvents')}</strong>
              <span class="field-hint event-all-hint">{t('webhooks.allEventsHint')}</span>
            </span>
          </label>
          <div class="event-groups" classList={{ muted: all() }}>
            <For each={Object.entries(EVENT_GROUPS)}>
              {([group, names]) => (
                <div class="event-group">
                  <p class="event-group-title">{t(`webhooks.eventGroups.${group}` as MessageKey)}</p>
                  <For each={names}>
                    {(event) => (
                      <label class="checkbox">
                        <input
                          type="checkbox"
                          disabled={all()}
                          checked={all() || events().includes(event)}
                          onChange={(e) => {
                            setEventsError(false)
                            toggle(event, e.currentTarget.checked)
                          }}
                        />
                        <span>{i18n.tryT(`webhooks.eventNames.${event}`) ?? event}</span>
                      </label>
                    )}
                  </For>
                </div>
              )}
            </For>
          </div>
          <Show when={eventsError()}>
            <p class="field-error" role="alert">
              {t('webhooks.pickEvents')}
            </p>
          </Show>
        </fieldset>
        <div class="field-row webhook-row">
          <Show
            when={preset() !== 'wecom'}
            fallback={<p class="field-hint webhook-wecom-note">{t('webhooks.presetHelp.wecom')}</p>}
          >
            <TextField
              label={t('webhooks.secret')}
              type="password"
              name="webhookSecret"
              autocomplete="new-password"
              optionalLabel={t('common.optional')}
              hint={props.hook?.hasSecret ? t('webhooks.secretKeep') : t('webhooks.secretHint')}
              maxLength={500}
              value={secret()}
              onValue={setSecret}
            />
          </Show>
          <SelectField
            label={t('webhooks.language')}
            value={language()}
            onValue={(v) => setLanguage(v as 'zh-CN' | 'en')}
          >
            <option value="zh-CN">{t('language.zh-CN')}</option>
            <option value="en">{t('language.en')}</option>
          </SelectField>
          <SelectField label={t('webhooks.product')} value={productId()} onValue={setProductId}>
            <option value="">{t('webhooks.allProducts')}</option>
            <For each={products.data?.items}>
              {(p) => (
                <option value={String(p.id)}>
                  {p.key} · {p.name}
                </option>
              )}
            </For>
          </SelectField>
        </div>
        <Show when={props.hook?.hasSecret && preset() !== 'wecom'}>
          <label class="checkbox">
            <input
              type="checkbox"
              checked={removeSecret()}
              onChange={(e) => setRemoveSecret(e.currentTarget.checked)}
            />
            <span>{t('webhooks.removeSecret')}</span>
          </label>
        </Show>
        <ErrorNotice error={create.error ?? update.error} />
        <div class="form-actions">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={create.isPending || update.isPending}>
            {create.isPending || update.isPending ? t('common.saving') : t('webhooks.save')}
          </button>
        </div>
      </form>
    </Modal>
  )
}

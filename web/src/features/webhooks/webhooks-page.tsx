// Settings → Webhooks: the workspace's outgoing webhooks (generic JSON, Feishu, DingTalk, WeCom), each
// with on/off, "send test", edit, delete and its delivery log (status, attempts, answer, body, retry).
import './webhooks.css'
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { ConfirmDialog, Modal } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { PlusIcon, WebhookIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  type Delivery,
  deliveriesQuery,
  useWebhookMutations,
  type Webhook,
  type WebhookInput,
  webhooksQuery,
} from './queries'

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

export default function WebhooksPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const hooks = createQuery(() => webhooksQuery(ws.id()))
  const [editing, setEditing] = createSignal<Webhook | 'new'>()
  return (
    <div class="page webhooks-page">
      <PageHeader
        title={t('webhooks.title')}
        intro={t('webhooks.intro')}
        actions={
          <button type="button" class="btn btn-primary" onClick={() => setEditing('new')}>
            <PlusIcon />
            {t('webhooks.add')}
          </button>
        }
      />
      <ErrorNotice error={hooks.error} onRetry={() => void hooks.refetch()} />
      <Show
        when={(hooks.data?.items.length ?? 0) > 0}
        fallback={
          <Show when={hooks.isSuccess}>
            <EmptyState
              icon={<WebhookIcon />}
              title={t('webhooks.emptyTitle')}
              body={t('webhooks.emptyBody')}
              action={
                <button type="button" class="btn" onClick={() => setEditing('new')}>
                  {t('webhooks.add')}
                </button>
              }
            />
          </Show>
        }
      >
        <ul class="webhook-list">
          {/* By id: a refetch brings new objects, and a card keeps its open log and test result. */}
          <For each={hooks.data?.items.map((h) => h.id)}>
            {(id) => (
              <Show when={hooks.data?.items.find((h) => h.id === id)}>
                {(hook) => (
                  <li>
                    <WebhookCard hook={hook()} onEdit={() => setEditing(hook())} />
                  </li>
                )}
              </Show>
            )}
          </For>
        </ul>
      </Show>
      <Show when={editing()} keyed>
        {(target) => (
          <WebhookDialog hook={target === 'new' ? undefined : target} onClose={() => setEditing(undefined)} />
        )}
      </Show>
    </div>
  )
}

function hookName(hook: Webhook, t: ReturnType<typeof useI18n>['t']) {
  return hook.name || t('webhooks.unnamed', { id: String(hook.id) })
}

function WebhookCard(props: { hook: Webhook; onEdit: () => void }) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const products = createQuery(() => ({ ...productsQuery(ws.id()), throwOnError: false }))
  const { update, remove, test } = useWebhookMutations(ws.id)
  const [showLog, setShowLog] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const [tested, setTested] = createSignal<Delivery>()
  const product = () => products.data?.items.find((p) => p.id === props.hook.productId)
  const events = () =>
    props.hook.events.includes('*')
      ? t('webhooks.allEvents')
      : props.hook.events.map((e) => i18n.tryT(`webhooks.eventNames.${e}`) ?? e).join('、')

  return (
    <article
      class="card webhook-card"
      classList={{ inactive: !props.hook.active }}
      aria-label={hookName(props.hook, t)}
    >
      <div class="webhook-main">
        <div class="webhook-title-row">
          <h2 class="webhook-name">{hookName(props.hook, t)}</h2>
          <span class="tag">{t(`webhooks.presets.${props.hook.preset}` as MessageKey)}</span>
          <span class="tag" classList={{ 'tag-success': props.hook.active }}>
            {props.hook.active ? t('webhooks.enabled') : t('webhooks.disabled')}
          </span>
        </div>
        <code class="mono webhook-url">{props.hook.url}</code>
        <dl class="webhook-facts">
          <div>
            <dt>{t('webhooks.events')}</dt>
            <dd>{events()}</dd>
          </div>
          <div>
            <dt>{t('webhooks.product')}</dt>
            <dd>{product() ? `${product()!.key} · ${product()!.name}` : t('webhooks.allProducts')}</dd>
          </div>
          <div>
            <dt>{t('webhooks.language')}</dt>
            <dd>{t(`language.${props.hook.language}` as MessageKey)}</dd>
          </div>
          <div>
            <dt>{t('webhooks.secret')}</dt>
            <dd>{props.hook.hasSecret ? t('webhooks.hasSecret') : t('webhooks.noSecret')}</dd>
          </div>
          <div>
            <dt>{t('webhooks.log')}</dt>
            <dd>
              <Show when={props.hook.lastDelivery} fallback={t('webhooks.never')}>
                {(last) => (
                  <>
                    <StatusPill status={last().status} /> {formatDateTime(last().createdAt)}
                  </>
                )}
              </Show>
            </dd>
          </div>
        </dl>
      </div>
      <div class="webhook-actions">
        <button
          type="button"
          class="btn btn-small"
          aria-pressed={props.hook.active}
          disabled={update.isPending}
          onClick={() => update.mutate({ id: props.hook.id, json: { active: !props.hook.active } })}
        >
          {props.hook.active ? t('webhooks.disable') : t('webhooks.enable')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          disabled={test.isPending}
          onClick={() => test.mutate(props.hook.id, { onSuccess: setTested })}
        >
          {test.isPending ? t('common.working') : t('webhooks.sendTest')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          aria-expanded={showLog()}
          onClick={() => setShowLog(!showLog())}
        >
          {showLog() ? t('webhooks.hideLog') : t('webhooks.log')}
        </button>
        <button type="button" class="btn btn-small btn-ghost" onClick={() => props.onEdit()}>
          {t('webhooks.edit')}
        </button>
        <button
          type="button"
          class="btn btn-small btn-ghost btn-danger-quiet"
          onClick={() => setDeleting(true)}
        >
          {t('webhooks.delete')}
        </button>
      </div>
      <ErrorNotice error={update.error ?? test.error} class="webhook-notice" />
      <Show when={tested()}>
        {(d) => (
          <p
            class="notice webhook-notice"
            classList={{
              'notice-info': d().status === 'succeeded',
              'notice-error': d().status !== 'succeeded',
            }}
            role="status"
          >
            <span class="notice-body">
              {d().status === 'succeeded'
                ? t('webhooks.testSent', { status: String(d().responseStatus) })
                : t('webhooks.testFailed', { error: d().error ?? String(d().responseStatus) })}
            </span>
          </p>
        )}
      </Show>
      <Show when={showLog()}>
        <DeliveryLog hook={props.hook} />
      </Show>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('webhooks.deleteTitle', { name: hookName(props.hook, t) })}
        body={t('webhooks.deleteBody')}
        confirmLabel={t('webhooks.delete')}
        onConfirm={() => remove.mutateAsync(props.hook.id)}
      />
    </article>
  )
}

function StatusPill(props: { status: string }) {
  const { t } = useI18n()
  return (
    <span class={`delivery-status delivery-${props.status}`}>
      {t(`webhooks.status.${props.status}` as MessageKey)}
    </span>
  )
}

function DeliveryLog(props: { hook: Webhook }) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const log = createQuery(() => deliveriesQuery(ws.id(), props.hook.id))
  const { retry } = useWebhookMutations(ws.id)
  return (
    <section class="delivery-log" aria-label={t('webhooks.logTitle', { name: hookName(props.hook, t) })}>
      <ErrorNotice error={log.error ?? retry.error} />
      <Show when={log.data?.items.length === 0}>
        <p class="cell-muted delivery-empty">{t('webhooks.logEmpty')}</p>
      </Show>
      <Show when={(log.data?.items.length ?? 0) > 0}>
        <div class="table-wrap">
          <table class="table delivery-table">
            <thead>
              <tr>
                <th scope="col">{t('webhooks.columns.status')}</th>
                <th scope="col">{t('webhooks.columns.event')}</th>
                <th scope="col">{t('webhooks.columns.time')}</th>
                <th scope="col">{t('webhooks.columns.attempts')}</th>
                <th scope="col">{t('webhooks.columns.response')}</th>
                <th scope="col" class="col-actions">
                  <span class="visually-hidden">{t('webhooks.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={log.data?.items}>
                {(d) => (
                  <tr>
                    <td>
                      <StatusPill status={d.status} />
                    </td>
                    <td>
                      <code class="mono">{d.event}</code>
                    </td>
                    <td class="cell-muted">
                      {formatDateTime(d.lastAttemptAt ?? d.createdAt)}
                      <Show when={d.status === 'pending' && d.nextAttemptAt}>
                        <div class="delivery-next">
                          {t('webhooks.nextAttempt', { time: formatDateTime(d.nextAttemptAt!) })}
                        </div>
                      </Show>
                    </td>
                    <td>{d.attempts}</td>
                    <td class="delivery-answer">
                      <Show when={d.responseStatus !== null}>
                        <code class="mono">HTTP {d.responseStatus}</code>
                      </Show>
                      <Show when={d.error}>
                        <div class="delivery-error">{d.error}</div>
                      </Show>
                      <details class="delivery-details">
                        <summary>{t('webhooks.body')}</summary>
                        <pre class="delivery-pre">{pretty(d.body)}</pre>
                        <p class="delivery-pre-label">{t('webhooks.responseBody')}</p>
                        <pre class="delivery-pre">{d.responseBody || t('webhooks.noAnswer')}</pre>
                      </details>
                    </td>
                    <td class="cell-actions">
                      <button
                        type="button"
                        class="btn btn-small"
                        disabled={retry.isPending}
                        onClick={() => retry.mutate({ id: props.hook.id, deliveryId: d.id })}
                      >
                        {t('webhooks.retry')}
                      </button>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </section>
  )
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}

function WebhookDialog(props: { hook?: Webhook; onClose: () => void }) {
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
          maxLength={200}
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

// One webhook as a card: its target, events and state, the test button, and its delivery log.
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { productsQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Delivery, deliveriesQuery, useWebhookMutations, type Webhook } from './queries'

export function hookName(hook: Webhook, t: ReturnType<typeof useI18n>['t']) {
  return hook.name || t('webhooks.unnamed', { id: String(hook.id) })
}

export function WebhookCard(props: { hook: Webhook; onEdit: () => void }) {
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

// One webhook as a card: its target, events and state, the test button, and its delivery log.
import { createSignal, For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { productLabel } from '../products/product-options'
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
  const products = createLocalQuery(() => productsQuery(ws.id()))
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
            <dd>
              <Show when={product()} fallback={t('webhooks.allProducts')}>
                {(p) => productLabel(p())}
              </Show>
            </dd>
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
        <GhostButton onClick={props.onEdit}>{t('webhooks.edit')}</GhostButton>
        <GhostButton danger onClick={() => setDeleting(true)}>
          {t('webhooks.delete')}
        </GhostButton>
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
  const log = createLocalQuery(() => deliveriesQuery(ws.id(), props.hook.id))
  const { retry } = useWebhookMutations(ws.id)
  return (
    <section class="delivery-log" aria-label={t('webhooks.logTitle', { name: hookName(props.hook, t) })}>
      <ErrorNotice error={retry.error} />
      <QueryView
        query={log}
        isEmpty={(data) => data.items.length === 0}
        empty={<p class="cell-muted delivery-empty">{t('webhooks.logEmpty')}</p>}
      >
        {(data) => (
          <Table
            class="delivery-table"
            columns={[
              { label: t('webhooks.columns.status') },
              { label: t('webhooks.columns.event') },
              { label: t('webhooks.columns.time') },
              { label: t('webhooks.columns.attempts') },
              { label: t('webhooks.columns.response') },
            ]}
            actions={t('webhooks.columns.actions')}
          >
            <For each={data().items}>
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
          </Table>
        )}
      </QueryView>
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

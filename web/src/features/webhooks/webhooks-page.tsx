// Settings → Webhooks: the workspace's outgoing webhooks (generic JSON, Feishu, DingTalk, WeCom), each
// with on/off, "send test", edit, delete and its delivery log (status, attempts, answer, body, retry).
import './webhooks.css'
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { PlusIcon, WebhookIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Webhook, webhooksQuery } from './queries'
import { WebhookCard } from './webhook-card'
import { WebhookDialog } from './webhook-dialog'

export default function WebhooksPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const hooks = createLocalQuery(() => webhooksQuery(ws.id()))
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
      <QueryView
        query={hooks}
        isEmpty={(data) => data.items.length === 0}
        empty={
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
        }
      >
        {(data) => (
          <ul class="webhook-list">
            {/* By id: a refetch brings new objects, and a card keeps its open log and test result. */}
            <For each={data().items.map((h) => h.id)}>
              {(id) => (
                <Show when={data().items.find((h) => h.id === id)}>
                  {(hook) => (
                    <li>
                      <WebhookCard hook={hook()} onEdit={() => setEditing(hook())} />
                    </li>
                  )}
                </Show>
              )}
            </For>
          </ul>
        )}
      </QueryView>
      <Show when={editing()} keyed>
        {(target) => (
          <WebhookDialog hook={target === 'new' ? undefined : target} onClose={() => setEditing(undefined)} />
        )}
      </Show>
    </div>
  )
}

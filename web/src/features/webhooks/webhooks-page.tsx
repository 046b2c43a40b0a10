// Settings → Webhooks: the workspace's outgoing webhooks (generic JSON, Feishu, DingTalk, WeCom), each
// with on/off, "send test", edit, delete and its delivery log (status, attempts, answer, body, retry).
import './webhooks.css'
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { PlusIcon, WebhookIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Webhook, webhooksQuery } from './queries'
import { WebhookCard } from './webhook-card'
import { WebhookDialog } from './webhook-dialog'

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

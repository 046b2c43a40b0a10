// The activity timeline of an item, newest first, in words; changes made by a rule are marked automatic.
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { loaded } from '../backlog/queries'
import { activityQuery, type ItemTarget } from '../items/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { type ActivityNames, describeActivity } from './activity-text'

export function ActivityTimeline(props: { target: ItemTarget; id: number; names: ActivityNames }) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const activity = createLocalQuery(() => activityQuery(ws.id(), props.target, props.id))
  return (
    <section class="item-section" aria-labelledby="activity-title">
      <h2 id="activity-title" class="item-section-title">
        {t('items.activity')}
      </h2>
      <Show when={activity.error}>
        <p class="muted">{t('items.activityUnavailable')}</p>
      </Show>
      <ol class="timeline">
        <For each={loaded(activity)?.items ?? []}>
          {(entry) => (
            <li
              id={`activity-${entry.id}`}
              class="timeline-entry"
              classList={{ 'is-automatic': entry.automatic }}
              data-testid="activity"
            >
              <span class="timeline-dot" aria-hidden="true" />
              <p>
                <strong>{entry.actor?.name ?? entry.actorName ?? t('items.someone')}</strong>{' '}
                {describeActivity(entry, props.target, props.names, i18n).join(t('items.act.separator'))}
                <Show when={entry.automatic}>
                  <span class="tag">{t('items.automatic')}</span>
                </Show>
              </p>
              <time datetime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </li>
          )}
        </For>
      </ol>
    </section>
  )
}

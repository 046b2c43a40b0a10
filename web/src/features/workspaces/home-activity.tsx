// The home page's recent activity (one sentence per change) and the links to each product's roadmap.
import { A } from '@solidjs/router'
import { useQueryClient } from '@tanstack/solid-query'
import { For, type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { Sentence } from '../../ui/sentence'
import type { Product } from '../products/queries'
import { sentenceOf } from './home-logic'
import { Panel, panelError } from './home-panel'
import { type ActivityItem, activityQuery } from './home-queries'
import { useWorkspace } from './workspace-context'

export function RecentActivity() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const activity = createLocalQuery(() => activityQuery(queryClient, ws.id(), ws.can))
  return (
    <Panel id="home-activity" title={t('home.activityTitle')}>
      <QueryView
        query={activity}
        error={panelError}
        isEmpty={(items) => items.length === 0}
        empty={<p class="home-empty">{t('home.activityEmpty')}</p>}
      >
        {(items) => (
          <ol class="home-activity">
            <For each={items()}>{(item) => <ActivityEntry item={item} />}</For>
          </ol>
        )}
      </QueryView>
    </Panel>
  )
}

function ActivityEntry(props: { item: ActivityItem }) {
  const { t, tryT, locale, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const sentence = () => sentenceOf(props.item)
  const statusWord = (status: string | undefined) => {
    if (!status) return ''
    const group =
      props.item.entityType === 'task'
        ? 'taskStatus'
        : props.item.entityType === 'iteration'
          ? 'iterationStatus'
          : 'requirementStatus'
    return tryT(`work.${group}.${status}`) ?? status
  }
  const template = () => {
    const key = sentence().key
    return tryT(key.includes('.') ? key : `home.activity.${key}`) ?? t('home.activity.updated')
  }
  const entity = () => tryT(`home.entity.${props.item.entityType}`) ?? t('home.entity.item')
  const subject = (): JSX.Element => {
    const s = props.item.subject
    if (!s) return ''
    return (
      <Show when={s.key} fallback={<strong class="home-subject">{s.title}</strong>}>
        {(key) => (
          <A class="home-subject" href={`/w/${ws.id()}/i/${key()}`} title={s.title}>
            <span class="home-subject-key">{key()}</span> {s.title}
          </A>
        )}
      </Show>
    )
  }
  const when = () => relativeTime(props.item.createdAt, new Date(), locale())
  return (
    <li class="home-activity-item">
      <p class="home-activity-text">
        <Sentence
          template={template()}
          parts={{
            actor: <strong>{props.item.actor?.name ?? t('home.someone')}</strong>,
            subject: subject(),
            entity: entity(),
            from: <span class="home-status-word">{statusWord(sentence().from)}</span>,
            to: <span class="home-status-word">{statusWord(sentence().to)}</span>,
            file: <span class="home-file">{sentence().file}</span>,
          }}
        />
        <Show when={props.item.automatic}>
          <span class="tag">{t('home.automatic')}</span>
        </Show>
      </p>
      <Show when={sentence().reason}>{(reason) => <p class="home-reason">{reason()}</p>}</Show>
      <time
        class="home-activity-time"
        datetime={props.item.createdAt}
        title={formatDateTime(props.item.createdAt)}
      >
        {when()}
      </time>
    </li>
  )
}

/** "3 hours ago", "yesterday", "3天前": the largest whole unit that fits. */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return format.format(0, 'second')
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour')
  if (abs < 86_400 * 30) return format.format(Math.round(seconds / 86_400), 'day')
  return format.format(Math.round(seconds / (86_400 * 30)), 'month')
}

/** For roles that see products and roadmaps only (guests): the way to each roadmap. */
export function RoadmapLinks(props: { products: Product[] }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  return (
    <Panel id="home-roadmaps" title={t('work.terms.roadmap')}>
      <ul class="home-rows">
        <For each={props.products}>
          {(product) => (
            <li class="home-row">
              <span class="key-chip">{product.key}</span>
              <Show when={ws.can('roadmap.view')} fallback={<span>{product.name}</span>}>
                <A class="home-task-title" href={`/w/${ws.id()}/p/${product.key}/roadmap`}>
                  {product.name}
                </A>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Panel>
  )
}

// ---------- first steps ----------

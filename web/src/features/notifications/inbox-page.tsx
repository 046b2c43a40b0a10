// The inbox (/w/:ws/inbox): what reached you, grouped by item, newest first. Opening a group reads it;
// each can be marked read or unread and archived; the keyboard walks the list (j/k, Enter, e, u).
import './inbox.css'
import { A, useNavigate } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, onCleanup, Show } from 'solid-js'
import { notificationPath } from '../../../../domain/links'
import { NOTIFICATION_KINDS, type NotificationKind } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { ErrorNotice } from '../../ui/errors'
import { InboxIcon } from '../../ui/icons'
import { EmptyState } from '../../ui/page'
import { Sentence } from '../../ui/sentence'
import { relativeTime } from '../workspaces/home-activity'
import { useWorkspace } from '../workspaces/workspace-context'
import { groupByItem, type InboxGroup } from './inbox-logic'
import { type InboxView, type Mark, type Notification, useInbox, useMarkNotifications } from './queries'

const VIEWS: readonly InboxView[] = ['inbox', 'unread', 'archived']
const REMINDERS = new Set<string>(['due_soon', 'overdue', 'promise_at_risk'])

/** Typing in a field, or a key held with a modifier: not the list's shortcut. */
const isTyping = (event: KeyboardEvent) => {
  const target = event.target as HTMLElement | null
  return (
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    !!target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')
  )
}

export default function InboxPage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const [view, setView] = createSignal<InboxView>('inbox')
  const [kind, setKind] = createSignal<NotificationKind | ''>('')
  const inbox = useInbox(ws.id, view, kind)
  const mark = useMarkNotifications(ws.id)
  const items = createMemo(() => inbox.data?.pages.flatMap((page) => page.items) ?? [])
  const groups = createMemo(() => groupByItem(items()))
  const unreadCount = () => inbox.data?.pages[0]?.unreadCount ?? 0
  const [active, setActive] = createSignal(0)
  const rows: HTMLElement[] = []

  // The active line stays on the list as it changes (archived lines leave it).
  createEffect(() => {
    const n = groups().length
    if (active() >= n) setActive(Math.max(0, n - 1))
  })
  const ids = (group: InboxGroup) => group.items.map((n) => n.id)
  const run = (m: Mark, group: InboxGroup) => mark.mutate({ mark: m, ids: ids(group) })
  const toggleRead = (group: InboxGroup) => run(group.unread > 0 ? 'read' : 'unread', group)
  const toggleArchive = (group: InboxGroup) => run(view() === 'archived' ? 'unarchive' : 'archive', group)
  const open = (group: InboxGroup) => {
    if (group.unread > 0) run('read', group)
    navigate(notificationPath(ws.id(), group.items[0]!))
  }
  const focusRow = (index: number) => {
    setActive(index)
    rows[index]?.focus()
  }

  createEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event)) return
      const list = groups()
      const current = list[active()]
      if (event.key === 'j' || event.key === 'ArrowDown') focusRow(Math.min(active() + 1, list.length - 1))
      else if (event.key === 'k' || event.key === 'ArrowUp') focusRow(Math.max(active() - 1, 0))
      else if (event.key === 'Enter' && current) open(current)
      else if (event.key === 'e' && current) toggleArchive(current)
      else if (event.key === 'u' && current) toggleRead(current)
      else return
      event.preventDefault()
    }
    document.addEventListener('keydown', onKey)
    onCleanup(() => document.removeEventListener('keydown', onKey))
  })

  return (
    <div class="page inbox-page" data-testid="inbox-page">
      <header class="page-header inbox-header">
        <h1>
          {t('inbox.title')}
          <Show when={unreadCount() > 0}>
            <span class="count" data-testid="inbox-unread">
              {unreadCount()}
            </span>
          </Show>
        </h1>
        <div class="inbox-tools">
          <fieldset class="segmented">
            <legend class="visually-hidden">{t('inbox.viewLabel')}</legend>
            <For each={VIEWS}>
              {(v) => (
                <button
                  type="button"
                  class="segmented-item"
                  aria-pressed={view() === v}
                  onClick={() => {
                    setView(v)
                    setActive(0)
                  }}
                >
                  {t(`inbox.views.${v}`)}
                </button>
              )}
            </For>
          </fieldset>
          <label class="visually-hidden" for="inbox-kind">
            {t('inbox.kindLabel')}
          </label>
          <select
            id="inbox-kind"
            class="input select select-compact"
            value={kind()}
            onChange={(e) => setKind(e.currentTarget.value as NotificationKind | '')}
          >
            <option value="">{t('inbox.allKinds')}</option>
            <For each={NOTIFICATION_KINDS}>{(k) => <option value={k}>{t(`inbox.kinds.${k}`)}</option>}</For>
          </select>
          <Show when={view() !== 'archived'}>
            <button
              type="button"
              class="btn btn-ghost"
              disabled={unreadCount() === 0 || mark.isPending}
              onClick={() => mark.mutate({ mark: 'read', ids: 'all' })}
            >
              {t('inbox.markAllRead')}
            </button>
          </Show>
        </div>
      </header>
      <ErrorNotice error={inbox.error ?? mark.error} />
      <Show
        when={groups().length > 0}
        fallback={
          <Show when={!inbox.isPending}>
            <EmptyState
              icon={<InboxIcon />}
              title={t(
                view() === 'unread'
                  ? 'inbox.emptyUnreadTitle'
                  : view() === 'archived'
                    ? 'inbox.emptyArchivedTitle'
                    : 'inbox.emptyTitle',
              )}
              body={t(
                view() === 'unread'
                  ? 'inbox.emptyUnreadBody'
                  : view() === 'archived'
                    ? 'inbox.emptyArchivedBody'
                    : 'inbox.emptyBody',
              )}
            />
          </Show>
        }
      >
        <p class="inbox-keys muted">{t('inbox.keys')}</p>
        <ol class="inbox-list">
          <For each={groups()}>
            {(group, index) => (
              <li
                ref={(el) => {
                  rows[index()] = el
                }}
                class="inbox-group"
                classList={{ unread: group.unread > 0, active: active() === index() }}
                tabIndex={active() === index() ? 0 : -1}
                data-testid="inbox-group"
                onFocus={() => setActive(index())}
              >
                <GroupLine group={group} view={view()} onOpen={() => open(group)} />
                <div class="inbox-actions">
                  <button type="button" class="btn btn-ghost btn-small" onClick={() => toggleRead(group)}>
                    {group.unread > 0 ? t('inbox.markRead') : t('inbox.markUnread')}
                  </button>
                  <button type="button" class="btn btn-ghost btn-small" onClick={() => toggleArchive(group)}>
                    {view() === 'archived' ? t('inbox.unarchive') : t('inbox.archive')}
                  </button>
                </div>
              </li>
            )}
          </For>
        </ol>
        <Show when={inbox.hasNextPage}>
          <button
            type="button"
            class="btn btn-ghost inbox-more"
            disabled={inbox.isFetchingNextPage}
            onClick={() => void inbox.fetchNextPage()}
          >
            {t('inbox.loadMore')}
          </button>
        </Show>
      </Show>
    </div>
  )
}

/** An item's line: its key and title, how many updates, and what each said (newest first). */
function GroupLine(props: { group: InboxGroup; view: InboxView; onOpen: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const latest = () => props.group.items[0]!
  return (
    <div class="inbox-body">
      <p class="inbox-item">
        <Show when={props.group.unread > 0}>
          <span class="unread-dot" role="img" aria-label={t('inbox.unread')} />
        </Show>
        <A
          href={notificationPath(ws.id(), latest())}
          class="inbox-item-link"
          onClick={(event) => {
            event.preventDefault()
            props.onOpen()
          }}
        >
          <Show when={latest().itemKey}>{(key) => <span class="key-chip">{key()}</span>}</Show>
          <span class="inbox-title">{latest().title}</span>
        </A>
        <Show when={props.group.items.length > 1}>
          <span class="tag">{t('inbox.updates', { count: props.group.items.length })}</span>
        </Show>
      </p>
      <ul class="inbox-lines">
        <For each={props.group.items.slice(0, 5)}>{(n) => <NotificationLine n={n} />}</For>
      </ul>
    </div>
  )
}

function NotificationLine(props: { n: Notification }) {
  const i18n = useI18n()
  const { t, tryT, formatDate, formatDateTime, locale } = i18n
  const n = () => props.n
  const statusWord = (value: unknown) =>
    (n().entityType === 'task'
      ? tryT(`work.taskStatus.${String(value)}`)
      : tryT(`work.requirementStatus.${String(value)}`)) ?? String(value ?? '')
  // Reminders come from Keel itself.
  const actor = () => n().actor?.name ?? (REMINDERS.has(n().kind) ? t('inbox.keel') : t('inbox.someone'))
  const day = (value: unknown) => (typeof value === 'string' ? formatDate(value) : t('inbox.notForecast'))
  return (
    <li class="inbox-line" classList={{ unread: n().readAt === null }}>
      <Avatar name={actor()} small />
      <span class="inbox-line-text">
        <span>
          <Sentence
            template={
              n().kind === 'promise_at_risk' && Number(n().data.customers ?? 1) > 1
                ? t('inbox.lines.promise_at_risk_many')
                : t(`inbox.lines.${n().kind}`)
            }
            parts={{
              actor: <strong>{actor()}</strong>,
              from: <span class="status-word">{statusWord(n().data.from)}</span>,
              to: <span class="status-word">{statusWord(n().data.to)}</span>,
              date: <strong>{day(n().data.dueDate ?? n().data.promisedDate)}</strong>,
              forecast: <strong>{day(n().data.forecastDate)}</strong>,
              customers: t('inbox.oneCustomer'),
              count: String(Number(n().data.customers ?? 1)),
            }}
          />
        </span>
        <Show when={n().kind === 'blocked' && typeof n().data.reason === 'string'}>
          <span class="inbox-quote">{t('inbox.blockedReason', { reason: String(n().data.reason) })}</span>
        </Show>
        <Show when={n().excerpt}>{(excerpt) => <span class="inbox-quote">{excerpt()}</span>}</Show>
      </span>
      <time class="inbox-time" datetime={n().createdAt} title={formatDateTime(n().createdAt)}>
        {relativeTime(n().createdAt, new Date(), locale())}
      </time>
    </li>
  )
}

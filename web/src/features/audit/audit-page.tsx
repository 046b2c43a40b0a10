// The audit log (instance owners only): a dense table of security events, newest first (when, who, what, on
// what, from where, and the details in words), filtered by kind of event, person, text and days, paged with
// "Load more", and downloadable whole (CSV, JSON) with the same filters. The filters live in the URL, so a
// view can be shared. Everyone else is sent back to their workspace.
import { Navigate, useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { SelectField, TextField } from '../../ui/field'
import { DownloadIcon, SearchIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import { createLocalInfiniteQuery, createLocalQuery, type QueryState, QueryView } from '../../ui/query-view'
import { Table } from '../../ui/table'
import { describeBrowser } from '../auth/describe-browser'
import { accountsQuery } from '../instance/queries'
import { relativeTime } from '../workspaces/home-activity'
import { useWorkspace } from '../workspaces/workspace-context'
import './audit.css'
import { type AccountName, actionPhrase, detailsSummary, targetKind, targetName } from './audit-text'
import {
  ACTION_FAMILIES,
  type AuditEvent,
  type AuditFilter,
  type AuditPage,
  auditFileUrl,
  auditQuery,
} from './queries'

export default function AuditLogPage() {
  const ws = useWorkspace()
  return (
    <Show when={ws.me().user.instanceOwner} fallback={<Navigate href={`/w/${ws.id()}`} />}>
      <AuditLog />
    </Show>
  )
}

type Params = { [K in keyof AuditFilter]?: string }

/** How long typing waits before the URL (and so the list) follows. */
const TYPING_PAUSE_MS = 250

function AuditLog() {
  const i18n = useI18n()
  const { t } = i18n
  const [params, setParams] = useSearchParams<Params>()
  const filter = (): AuditFilter => ({
    action: params.action,
    actor: params.actor,
    q: params.q,
    from: params.from,
    to: params.to,
  })
  const filtering = () => Object.values(filter()).some(Boolean)
  // The text fields keep what is typed; the URL takes it after a pause.
  const [actor, setActor] = createSignal(params.actor ?? '')
  const [q, setQ] = createSignal(params.q ?? '')
  const follow = (typed: () => string, key: 'actor' | 'q') =>
    createEffect(
      on(
        typed,
        (value) => {
          const timer = setTimeout(
            () => setParams({ [key]: value.trim() || undefined }, { replace: true }),
            TYPING_PAUSE_MS,
          )
          onCleanup(() => clearTimeout(timer))
        },
        { defer: true },
      ),
    )
  follow(actor, 'actor')
  follow(q, 'q')
  const filterByActor = (email: string) => {
    setActor(email)
    setParams({ actor: email })
  }
  const clear = () => {
    setActor('')
    setQ('')
    setParams({ action: undefined, actor: undefined, q: undefined, from: undefined, to: undefined })
  }

  const log = createLocalInfiniteQuery(() => auditQuery(filter()))
  const items = createMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [])
  // QueryView shows the first page's loading and failure; the rows come from every page.
  const firstPage: QueryState<AuditPage> = {
    get data() {
      return log.data?.pages[0]
    },
    get isError() {
      return log.isError
    },
    get error() {
      return log.error
    },
    refetch: () => log.refetch(),
  }

  return (
    <div class="page page-wide au-page">
      <PageHeader
        title={t('audit.title')}
        intro={t('audit.intro')}
        actions={<Downloads filter={filter()} />}
      />
      <search class="au-filters" aria-label={t('audit.filters.label')}>
        <SelectField
          class="au-filter-action"
          label={t('audit.filters.action')}
          name="action"
          value={params.action ?? ''}
          onValue={(action) => setParams({ action: action || undefined })}
        >
          <option value="">{t('audit.families.all')}</option>
          <For each={ACTION_FAMILIES}>
            {(family) => <option value={family}>{t(`audit.families.${familyKey(family)}`)}</option>}
          </For>
          {/* A shared link may name one action rather than a family. */}
          <Show when={params.action && !(ACTION_FAMILIES as readonly string[]).includes(params.action)}>
            <option value={params.action}>
              {t('audit.filters.exact', { action: actionPhrase(params.action ?? '', i18n) })}
            </option>
          </Show>
        </SelectField>
        <TextField
          class="au-filter-text"
          label={t('audit.filters.actor')}
          name="actor"
          type="search"
          placeholder={t('audit.filters.actorPlaceholder')}
          value={actor()}
          onValue={setActor}
        />
        <TextField
          class="au-filter-text"
          label={t('audit.filters.q')}
          name="q"
          type="search"
          placeholder={t('audit.filters.qPlaceholder')}
          value={q()}
          onValue={setQ}
        />
        <TextField
          class="au-filter-day"
          label={t('audit.filters.from')}
          name="from"
          type="date"
          max={params.to}
          value={params.from ?? ''}
          onValue={(from) => setParams({ from: from || undefined })}
        />
        <TextField
          class="au-filter-day"
          label={t('audit.filters.to')}
          name="to"
          type="date"
          min={params.from}
          value={params.to ?? ''}
          onValue={(to) => setParams({ to: to || undefined })}
        />
        <Show when={filtering()}>
          <button type="button" class="btn btn-ghost btn-small au-clear" onClick={clear}>
            {t('audit.filters.clear')}
          </button>
        </Show>
      </search>
      <QueryView query={firstPage}>
        {() => (
          <Show when={items().length > 0} fallback={<EmptyLog filtering={filtering()} onClear={clear} />}>
            <AuditTable items={items()} stale={log.isPlaceholderData} onActor={filterByActor} />
            <div class="au-foot">
              <p class="table-footnote">
                {items().length === 1
                  ? t('audit.shownOne')
                  : t('audit.shown', { count: String(items().length) })}{' '}
                · {t('audit.downloadNote')}
              </p>
              <Show when={log.hasNextPage}>
                <button
                  type="button"
                  class="btn btn-ghost au-more"
                  disabled={log.isFetchingNextPage}
                  onClick={() => void log.fetchNextPage()}
                >
                  {log.isFetchingNextPage ? t('app.loading') : t('audit.loadMore')}
                </button>
              </Show>
            </div>
          </Show>
        )}
      </QueryView>
    </div>
  )
}

type Family = (typeof ACTION_FAMILIES)[number]
type FamilyKey = Family extends `${infer Key}.` ? Key : never

/** `share_link.` → `share_link`, the family's key among the words. */
const familyKey = (family: Family) => family.slice(0, -1) as FamilyKey

/** The two files of every event the filters match. */
function Downloads(props: { filter: AuditFilter }) {
  const { t } = useI18n()
  return (
    <div class="au-downloads">
      <DownloadIcon />
      <span>{t('audit.download')}</span>
      <a
        class="btn btn-small"
        href={auditFileUrl(props.filter, 'csv')}
        download=""
        aria-label={t('audit.downloadCsvLabel')}
        data-format="csv"
      >
        {t('audit.downloadCsv')}
      </a>
      <a
        class="btn btn-small"
        href={auditFileUrl(props.filter, 'json')}
        download=""
        aria-label={t('audit.downloadJsonLabel')}
        data-format="json"
      >
        {t('audit.downloadJson')}
      </a>
    </div>
  )
}

/** Before anything is recorded, what will be; with filters, how to widen them. */
function EmptyLog(props: { filtering: boolean; onClear: () => void }) {
  const { t } = useI18n()
  return (
    <Show
      when={props.filtering}
      fallback={
        <EmptyState icon={<SearchIcon />} title={t('audit.emptyTitle')} body={t('audit.emptyBody')} />
      }
    >
      <EmptyState
        icon={<SearchIcon />}
        title={t('audit.noMatchTitle')}
        body={t('audit.noMatchBody')}
        action={
          <button type="button" class="btn" onClick={() => props.onClear()}>
            {t('audit.filters.clear')}
          </button>
        }
      />
    </Show>
  )
}

function AuditTable(props: { items: AuditEvent[]; stale: boolean; onActor: (email: string) => void }) {
  const { t } = useI18n()
  // Details name accounts by id (who invited whom); the instance's accounts turn them into emails.
  const accounts = createLocalQuery(accountsQuery)
  const emails = createMemo(() => new Map((accounts.data?.items ?? []).map((a) => [a.id, a.email])))
  const account: AccountName = (id) => emails().get(id)
  return (
    <Table
      class="au-table"
      wrapClass={props.stale ? 'au-table-wrap is-stale' : 'au-table-wrap'}
      label={t('audit.listLabel')}
      columns={[
        { label: t('audit.columns.time'), class: 'au-col-time' },
        { label: t('audit.columns.actor') },
        { label: t('audit.columns.action') },
        { label: t('audit.columns.target') },
        { label: t('audit.columns.address') },
        { label: t('audit.columns.details') },
      ]}
    >
      <For each={props.items}>
        {(event) => <AuditRow event={event} account={account} onActor={props.onActor} />}
      </For>
    </Table>
  )
}

/** Events that deserve a second look stand out a little. */
const NOTABLE = new Set([
  'auth.login_failed',
  'account.deactivated',
  'account.owner_granted',
  'audit.exported',
])

function AuditRow(props: { event: AuditEvent; account: AccountName; onActor: (email: string) => void }) {
  const i18n = useI18n()
  const { t, locale, formatDateTime } = i18n
  const ws = useWorkspace()
  const event = () => props.event
  const workspaceName = () =>
    event().workspaceId === null
      ? undefined
      : (ws.me().workspaces.find((w) => w.id === event().workspaceId)?.name ?? `#${event().workspaceId}`)
  const target = () => targetName(event(), i18n, props.account)
  // A named target says its kind below; a kind and number needs no second mention.
  const targetLine = () =>
    [target().named && event().targetType ? targetKind(event().targetType!, i18n) : '', workspaceName()]
      .filter(Boolean)
      .join(' · ')
  const summary = () => detailsSummary(event(), i18n, props.account)
  return (
    <tr data-audit={event().id} data-action={event().action}>
      <td class="au-time">
        <time datetime={event().createdAt} title={relativeTime(event().createdAt, new Date(), locale())}>
          {formatDateTime(event().createdAt)}
        </time>
      </td>
      <td class="au-actor">
        <Show
          when={event().actorEmail}
          fallback={
            <span class="cell-muted">
              {event().details?.automatic === true ? t('audit.automaticActor') : t('audit.noActor')}
            </span>
          }
        >
          {(email) => (
            <button
              type="button"
              class="link-btn"
              title={t('audit.actorFilterLabel', { actor: email() })}
              onClick={() => props.onActor(email())}
            >
              {email()}
            </button>
          )}
        </Show>
      </td>
      <td class="au-action" classList={{ 'is-notable': NOTABLE.has(event().action) }}>
        {actionPhrase(event().action, i18n)}
      </td>
      <td class="au-target">
        <span class="au-main">{target().text || '—'}</span>
        <Show when={targetLine()}>
          <span class="au-sub">{targetLine()}</span>
        </Show>
      </td>
      <td class="au-address">
        <span class="au-main mono">{event().address ?? '—'}</span>
        <Show when={event().userAgent && describeBrowser(event().userAgent!)}>
          {(browser) => (
            <span class="au-sub" title={event().userAgent ?? undefined}>
              {browser()}
            </span>
          )}
        </Show>
      </td>
      <td class="au-details">
        <Show when={event().details} fallback={<span class="cell-muted">{summary() || '—'}</span>}>
          {(details) => (
            <details class="au-raw">
              <summary>{summary() || t('audit.rawTitle')}</summary>
              <pre class="mono">{JSON.stringify(details(), null, 2)}</pre>
              <Show when={event().userAgent}>
                {(agent) => <p class="au-sub">{t('audit.userAgent', { agent: agent() })}</p>}
              </Show>
            </details>
          )}
        </Show>
      </td>
    </tr>
  )
}

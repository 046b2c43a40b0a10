// The instance page's Email section (instance owners): whether email is on, who sends it and where its links
// lead (with a warning when KEEL_PUBLIC_URL is unset), the outbox's counts by status, a test email, and the
// emails themselves (failed and waiting by default; paged; a failed one retried), looked at again every
// few seconds while any wait.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { EMAIL_STATUSES, type EmailStatus } from '../../../../domain/vocabulary'
import { ApiError } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { EmptyState } from '../../ui/page'
import { createLocalInfiniteQuery, type QueryState, QueryView } from '../../ui/query-view'
import { Table } from '../../ui/table'
import { useWorkspace } from '../workspaces/workspace-context'
import './email.css'
import {
  isSending,
  OUTBOX_FILTERS,
  type Outbox,
  type OutboxEmail,
  type OutboxFilter,
  outboxQuery,
  useOutboxMutations,
} from './queries'

const reasonOf = (err: unknown) =>
  err instanceof ApiError ? (err.details as { reason?: unknown } | undefined)?.reason : undefined

export function OutboxSection() {
  const { t } = useI18n()
  const [filter, setFilter] = createSignal<OutboxFilter>('open')
  const outbox = createLocalInfiniteQuery(() => outboxQuery(filter()))
  const items = createMemo(() => outbox.data?.pages.flatMap((page) => page.items) ?? [])
  // The status and counts come with every page; QueryView shows the first.
  const firstPage: QueryState<Outbox> = {
    get data() {
      return outbox.data?.pages[0]
    },
    get isError() {
      return outbox.isError
    },
    get error() {
      return outbox.error
    },
    refetch: () => outbox.refetch(),
  }

  return (
    <section class="section" aria-labelledby="instance-email">
      <div class="in-head">
        <div>
          <h2 class="section-title" id="instance-email">
            {t('email.outbox.title')}
          </h2>
          <p class="in-intro">{t('email.outbox.intro')}</p>
        </div>
      </div>
      <QueryView query={firstPage}>
        {(view) => (
          <>
            <EmailStatusCard view={view()} />
            <div class="ob-list-head">
              <SelectField
                class="ob-filter"
                label={t('email.outbox.filter')}
                name="outboxFilter"
                value={filter()}
                onValue={(value) => setFilter(value as OutboxFilter)}
              >
                <For each={OUTBOX_FILTERS}>
                  {(option) => <option value={option}>{t(`email.outbox.filters.${option}`)}</option>}
                </For>
              </SelectField>
              <Show when={isSending(view())}>
                <p class="field-hint ob-polling" aria-live="polite">
                  {t('email.outbox.polling')}
                </p>
              </Show>
            </div>
            <Show when={items().length > 0} fallback={<EmptyOutbox view={view()} filter={filter()} />}>
              <OutboxTable items={items()} emailOn={view().emailOn} />
            </Show>
            <Show when={outbox.hasNextPage}>
              <button
                type="button"
                class="btn btn-ghost ob-more"
                disabled={outbox.isFetchingNextPage}
                onClick={() => void outbox.fetchNextPage()}
              >
                {outbox.isFetchingNextPage ? t('app.loading') : t('email.outbox.loadMore')}
              </button>
            </Show>
          </>
        )}
      </QueryView>
    </section>
  )
}

/** On or off, the sender, where links lead, the counts, and the test email. */
function EmailStatusCard(props: { view: Outbox }) {
  const { t } = useI18n()
  return (
    <div class="card card-pad ob-card">
      <div class="ob-status-row">
        <p class="ob-state">
          {t('email.outbox.status')}{' '}
          <span class="tag" classList={{ 'tag-success': props.view.emailOn }} data-testid="email-state">
            {props.view.emailOn ? t('email.outbox.on') : t('email.outbox.off')}
          </span>
        </p>
        <Show when={props.view.from}>
          {(from) => <p class="cell-muted">{t('email.outbox.sender', { from: from() })}</p>}
        </Show>
        <Show when={props.view.emailOn && props.view.publicUrl}>
          {(url) => <p class="cell-muted">{t('email.outbox.links', { url: url() })}</p>}
        </Show>
      </div>
      <Show when={!props.view.emailOn}>
        <p class="notice" role="note" data-testid="email-off">
          {t('email.outbox.offBody')}
        </p>
      </Show>
      <Show when={props.view.emailOn && !props.view.publicUrl}>
        <p class="notice notice-warning" role="note" data-testid="no-public-url">
          {t('email.outbox.noPublicUrl', { origin: window.location.origin })}
        </p>
      </Show>
      <dl class="ob-counts" aria-label={t('email.outbox.counts')}>
        <For each={EMAIL_STATUSES}>
          {(status) => (
            <div
              class={`ob-count ob-count-${status}`}
              classList={{ 'ob-count-some': (props.view.counts[status] ?? 0) > 0 }}
              data-status={status}
            >
              <dt>{t(`email.outbox.statuses.${status}`)}</dt>
              <dd>{props.view.counts[status] ?? 0}</dd>
            </div>
          )}
        </For>
      </dl>
      <p class="field-hint">{t('email.outbox.countsNote')}</p>
      <TestEmailForm emailOn={props.view.emailOn} />
    </div>
  )
}

function TestEmailForm(props: { emailOn: boolean }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const { test } = useOutboxMutations()
  const [to, setTo] = createSignal(ws.me().user.email)
  const [queued, setQueued] = createSignal<string>()
  return (
    <form
      class="ob-test"
      aria-labelledby="outbox-test"
      onSubmit={(e) => {
        e.preventDefault()
        setQueued(undefined)
        const address = to().trim()
        test.mutate(address, { onSuccess: () => setQueued(address) })
      }}
    >
      <h3 class="section-label" id="outbox-test">
        {t('email.outbox.testTitle')}
      </h3>
      <fieldset class="inline-form" disabled={!props.emailOn || test.isPending}>
        <TextField
          class="ob-test-to"
          label={t('email.outbox.testTo')}
          name="testTo"
          type="email"
          required
          value={to()}
          onValue={setTo}
        />
        <button type="submit" class="btn">
          {test.isPending ? t('common.working') : t('email.outbox.testSubmit')}
        </button>
      </fieldset>
      <Show when={!props.emailOn}>
        <p class="field-hint">{t('email.outbox.testOff')}</p>
      </Show>
      <Show when={queued()}>
        {(address) => (
          <p class="form-status ob-test-status" role="status">
            {t('email.outbox.testQueued', { to: address() })}
          </p>
        )}
      </Show>
      <ErrorNotice
        error={test.error}
        overrides={
          reasonOf(test.error) === 'email_off' ? { 409: t('email.outbox.emailOffRetry') } : undefined
        }
      />
    </form>
  )
}

function OutboxTable(props: { items: OutboxEmail[]; emailOn: boolean }) {
  const { t, formatDateTime } = useI18n()
  /** When it goes next (waiting), went (sent), or was last tried (failed). */
  const whenOf = (email: OutboxEmail) =>
    email.status === 'pending'
      ? t('email.outbox.nextAttempt', { time: formatDateTime(email.nextAttemptAt) })
      : email.sentAt
        ? t('email.outbox.sentAt', { time: formatDateTime(email.sentAt) })
        : email.status === 'failed' && email.lastAttemptAt
          ? t('email.outbox.lastTried', { time: formatDateTime(email.lastAttemptAt) })
          : t('email.outbox.queuedAt', { time: formatDateTime(email.createdAt) })
  const { retry } = useOutboxMutations()
  const retryMessage = () =>
    reasonOf(retry.error) === 'not_failed'
      ? { 409: t('email.outbox.notFailed') }
      : reasonOf(retry.error) === 'email_off'
        ? { 409: t('email.outbox.emailOffRetry') }
        : undefined
  return (
    <>
      <ErrorNotice error={retry.error} overrides={retryMessage()} class="ob-notice" />
      <Table
        class="ob-table"
        label={t('email.outbox.listLabel')}
        columns={[
          { label: t('email.outbox.columns.status') },
          { label: t('email.outbox.columns.kind') },
          { label: t('email.outbox.columns.to') },
          { label: t('email.outbox.columns.subject') },
          { label: t('email.outbox.columns.attempts'), class: 'in-num' },
          { label: t('email.outbox.columns.error') },
        ]}
        actions={t('email.outbox.columns.actions')}
      >
        <For each={props.items}>
          {(email) => (
            <tr data-email={email.id} data-status={email.status}>
              <td>
                <StatusPill status={email.status} />
              </td>
              <td class="ob-kind">{t(`email.outbox.kinds.${email.kind}`)}</td>
              <td class="cell-strong">{email.toAddress}</td>
              <td class="ob-subject">
                <Show
                  when={email.subject}
                  fallback={<span class="cell-muted">{t('email.outbox.subjectLater')}</span>}
                >
                  {(subject) => <span class="cell-clamp">{subject()}</span>}
                </Show>
                <div class="field-hint ob-when">{whenOf(email)}</div>
              </td>
              <td class="in-num">{email.attempts}</td>
              <td class="ob-error">
                <Show when={email.error} fallback={<span class="cell-muted">—</span>}>
                  {(error) => <code class="mono">{error()}</code>}
                </Show>
              </td>

              <td class="cell-actions">
                <Show when={email.status === 'failed' && props.emailOn}>
                  <button
                    type="button"
                    class="btn btn-small"
                    aria-label={t('email.outbox.retryLabel', { to: email.toAddress })}
                    disabled={retry.isPending && retry.variables === email.id}
                    onClick={() => retry.mutate(email.id)}
                  >
                    {t('email.outbox.retry')}
                  </button>
                </Show>
              </td>
            </tr>
          )}
        </For>
      </Table>
    </>
  )
}

function StatusPill(props: { status: EmailStatus }) {
  const { t } = useI18n()
  return <span class={`ob-pill ob-pill-${props.status}`}>{t(`email.outbox.statuses.${props.status}`)}</span>
}

/** Nothing to list: what the outbox is for and what to do, or only that the filter finds nothing. */
function EmptyOutbox(props: { view: Outbox; filter: OutboxFilter }) {
  const { t } = useI18n()
  return (
    <Show
      when={props.filter === 'open' || props.filter === 'all'}
      fallback={<p class="cell-muted ob-empty-filtered">{t('email.outbox.emptyFiltered')}</p>}
    >
      <Show
        when={props.view.emailOn}
        fallback={
          <EmptyState
            level={3}
            title={t('email.outbox.emptyOffTitle')}
            body={t('email.outbox.emptyOffBody')}
          />
        }
      >
        <EmptyState level={3} title={t('email.outbox.emptyTitle')} body={t('email.outbox.emptyBody')} />
      </Show>
    </Show>
  )
}

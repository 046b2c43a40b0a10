// The instance page's Health card (instance owners): what to check first when something seems wrong — the
// version, engine and Node.js, how long the server has run, how big the database and the attached files are,
// the accounts, workspaces and live sessions, background work (emails and webhook deliveries waiting or
// failed, failures drawing the eye, with the way to the outbox) and the audit log's events. Looked at again
// every 30 seconds while the page is open, and at once with Refresh.
import { A } from '@solidjs/router'
import { type JSX, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { formatSize } from '../attachments/format'
import { useWorkspace } from '../workspaces/workspace-context'
import { formatCount, formatUptime } from './health-text'
import { healthQuery, type InstanceHealth } from './queries'

/** The outbox section's heading on this page (features/email/outbox-section.tsx). */
const OUTBOX_ANCHOR = 'instance-email'

export function HealthCard() {
  const { t, formatDateTime } = useI18n()
  const health = createLocalQuery(healthQuery)
  return (
    <section class="card card-pad section in-health" aria-labelledby="instance-health" data-testid="health">
      <div class="in-head in-card-head">
        <div>
          <h2 class="section-title" id="instance-health">
            {t('instance.health.title')}
          </h2>
          <p class="in-intro">{t('instance.health.intro')}</p>
        </div>
        <button
          type="button"
          class="btn btn-small"
          disabled={health.isFetching}
          onClick={() => void health.refetch()}
        >
          {health.isFetching ? t('instance.health.refreshing') : t('instance.health.refresh')}
        </button>
      </div>
      <QueryView query={health}>
        {(now) => (
          <>
            <HealthFigures health={now()} />
            <p class="in-foot in-health-foot">
              {t('instance.health.checked', {
                time: formatDateTime(new Date(health.dataUpdatedAt).toISOString()),
              })}
              {' · '}
              {t('instance.health.running', { n: String(now().jobs.running) })}
            </p>
          </>
        )}
      </QueryView>
    </section>
  )
}

function HealthFigures(props: { health: InstanceHealth }) {
  const i18n = useI18n()
  const { t, locale } = i18n
  const ws = useWorkspace()
  const count = (n: number) => formatCount(n, locale())
  const h = () => props.health
  return (
    <dl class="in-health-grid" aria-label={t('instance.health.label')}>
      <Figure
        name="version"
        label={t('instance.health.version')}
        value={t('instance.health.versionValue', { version: h().version })}
        detail={t('instance.health.runtime', {
          engine: t(`instance.health.engine.${h().engine}`),
          node: h().node,
        })}
      />
      <Figure
        name="uptime"
        label={t('instance.health.uptime')}
        value={formatUptime(h().uptimeSeconds, locale())}
      />
      <Figure
        name="database"
        label={t('instance.health.database')}
        value={formatSize(h().databaseBytes, i18n)}
      />
      <Figure
        name="files"
        label={t('instance.health.files')}
        value={formatSize(h().files.bytes, i18n)}
        detail={
          h().files.count === 1
            ? t('instance.health.fileCountOne')
            : t('instance.health.fileCount', { n: count(h().files.count) })
        }
      />
      <Figure
        name="accounts"
        label={t('instance.health.accounts')}
        value={count(h().accounts.total)}
        detail={`${t('instance.health.deactivated', { n: count(h().accounts.deactivated) })} · ${t(
          'instance.health.twoFactor',
          { n: count(h().accounts.twoFactor) },
        )}`}
      />
      <Figure name="workspaces" label={t('instance.health.workspaces')} value={count(h().workspaces)} />
      <Figure name="sessions" label={t('instance.health.sessions')} value={count(h().liveSessions)} />
      <Queue
        name="emails"
        label={t('instance.health.emails')}
        counts={h().jobs.emails}
        note={h().jobs.emailOn ? undefined : t('instance.health.emailOff')}
        link={
          <a class="in-health-link" href={`#${OUTBOX_ANCHOR}`}>
            {t('instance.health.outbox')}
          </a>
        }
      />
      <Queue name="webhooks" label={t('instance.health.webhooks')} counts={h().jobs.webhooks} />
      <Figure
        name="audit"
        label={t('instance.health.audit')}
        value={count(h().auditEvents)}
        detail={
          <A class="in-health-link" href={`/w/${ws.id()}/settings/instance/audit`}>
            {t('instance.health.auditOpen')}
          </A>
        }
      />
    </dl>
  )
}

function Figure(props: { name: string; label: string; value: string; detail?: JSX.Element }) {
  return (
    <div class="in-health-figure" data-figure={props.name}>
      <dt>{props.label}</dt>
      <dd class="in-health-value">{props.value}</dd>
      <Show when={props.detail}>
        <dd class="in-health-detail">{props.detail}</dd>
      </Show>
    </div>
  )
}

/** Background work of one kind: waiting, and failed (a warning when there are any). */
function Queue(props: {
  name: string
  label: string
  counts: { waiting: number; failed: number }
  note?: string
  link?: JSX.Element
}) {
  const { t, locale } = useI18n()
  const failing = () => props.counts.failed > 0
  return (
    <div
      class="in-health-figure"
      classList={{ 'is-warning': failing() }}
      data-figure={props.name}
      data-warning={failing() ? 'true' : undefined}
    >
      <dt>{props.label}</dt>
      <dd class="in-health-value in-health-queue">
        <span>{t('instance.health.waiting', { n: formatCount(props.counts.waiting, locale()) })}</span>
        <span class="in-health-failed">
          {t('instance.health.failed', { n: formatCount(props.counts.failed, locale()) })}
        </span>
      </dd>
      <Show when={props.note || props.link}>
        <dd class="in-health-detail">
          {props.note}
          <Show when={props.note && props.link}> · </Show>
          {props.link}
        </dd>
      </Show>
    </div>
  )
}

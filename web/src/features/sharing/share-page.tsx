// The public shared roadmap at /s/:token: no login, no app shell. Releases with their dates, iterations with
// the requirements they carry (and promised dates when the link is for one customer), a language switch,
// and a plain "no longer valid" page when the token is revoked, expired or unknown.
import { useParams } from '@solidjs/router'
import { createMemo, For, Show } from 'solid-js'
import { isApiError } from '../../api'
import { useI18n } from '../../i18n'
import { ErrorNotice } from '../../ui/errors'
import { KeelMark } from '../../ui/icons'
import { LanguageSwitch } from '../../ui/language-switch'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { RequirementStatus } from '../roadmap/pills'
import { type SharedRoadmap, sharedRoadmapQuery } from './queries'
import './share.css'

type SharedRequirement = SharedRoadmap['requirements'][number]

export default function SharePage() {
  const { t } = useI18n()
  const params = useParams<{ token: string }>()
  const query = createLocalQuery(() => sharedRoadmapQuery(params.token))
  return (
    <div class="sh-page">
      <header class="sh-top">
        <span class="sh-brand">
          <KeelMark size={20} />
          <span>{t('app.name')}</span>
        </span>
        <LanguageSwitch />
      </header>
      <main class="sh-main">
        {/* A revoked, expired or unknown link answers 404: a normal state of this page, not a failure. */}
        <QueryView
          query={query}
          error={(error, retry) => (
            <Show when={isApiError(error, 404)} fallback={<ErrorNotice error={error} onRetry={retry} />}>
              <div class="sh-invalid" data-testid="share-invalid">
                <h1>{t('share.invalidTitle')}</h1>
                <p>{t('share.invalidBody')}</p>
              </div>
            </Show>
          )}
        >
          {(data) => <SharedRoadmapView roadmap={data()} />}
        </QueryView>
      </main>
      <footer class="sh-footer">{t('share.poweredBy')}</footer>
    </div>
  )
}

function SharedRoadmapView(props: { roadmap: SharedRoadmap }) {
  const { t, formatDate } = useI18n()
  const params = useParams<{ token: string }>()
  const releaseName = createMemo(() => new Map(props.roadmap.releases.map((r) => [r.id, r.name])))
  const iterations = createMemo(() =>
    [...props.roadmap.iterations].sort((a, b) => (a.startDate < b.startDate ? -1 : 1)),
  )
  const releases = createMemo(() =>
    [...props.roadmap.releases].sort((a, b) => (a.targetDate < b.targetDate ? -1 : 1)),
  )
  const inIteration = (id: number) => props.roadmap.requirements.filter((r) => r.iterationId === id)
  const inReleaseOnly = (id: number) =>
    props.roadmap.requirements.filter((r) => r.iterationId === null && r.releaseId === id)
  // Asks not agreed yet come in their own sections, as such (the server hides their real status).
  const notAgreed = (r: SharedRequirement) => r.status === 'considering' || r.status === 'declined'
  const unscheduled = () =>
    props.roadmap.requirements.filter((r) => r.iterationId === null && r.releaseId === null && !notAgreed(r))
  const withStatus = (status: string) => props.roadmap.requirements.filter((r) => r.status === status)
  const title = () => t('share.pageTitle', { product: props.roadmap.product.name })

  return (
    <article class="sh-roadmap" data-testid="shared-roadmap">
      <header class="sh-header">
        <h1>{title()}</h1>
        <Show when={props.roadmap.customer}>
          {(customer) => <p class="sh-for">{t('share.forCustomer', { customer: customer().name })}</p>}
        </Show>
        <p class="sh-meta">
          {t('share.readOnly')}
          <Show when={props.roadmap.expiresAt}>
            {(expires) => <> {t('share.validUntil', { date: formatDate(expires()) })}</>}
          </Show>
        </p>
        <a class="btn btn-small sh-calendar" href={`/api/calendar/${encodeURIComponent(params.token)}.ics`}>
          {t('share.calendar')}
        </a>
      </header>

      <Show when={props.roadmap.counts}>{(counts) => <AskCounts counts={counts()} />}</Show>

      <section class="sh-section" aria-labelledby="sh-releases">
        <h2 id="sh-releases" class="section-title">
          {t('share.releases')}
        </h2>
        <Show when={releases().length > 0} fallback={<p class="sh-empty">{t('share.noReleases')}</p>}>
          <ol class="sh-releases">
            <For each={releases()}>
              {(release) => (
                <li class="sh-release" classList={{ 'is-released': release.status === 'released' }}>
                  <span class="sh-diamond" aria-hidden="true" />
                  <span class="sh-release-name">{release.name}</span>
                  <span class="sh-release-date">
                    {release.releasedAt
                      ? t('share.releasedOn', { date: formatDate(release.releasedAt) })
                      : t('share.target', { date: formatDate(release.targetDate) })}
                  </span>
                  <Show when={inReleaseOnly(release.id).length > 0}>
                    <Requirements list={inReleaseOnly(release.id)} customerView={!!props.roadmap.customer} />
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>

      <section class="sh-section" aria-labelledby="sh-iterations">
        <h2 id="sh-iterations" class="section-title">
          {t('share.iterations')}
        </h2>
        <Show when={iterations().length > 0} fallback={<p class="sh-empty">{t('share.noIterations')}</p>}>
          <For each={iterations()}>
            {(iteration) => (
              <div class="card sh-iteration" data-status={iteration.status}>
                <header class="sh-iteration-header">
                  <h3>{iteration.name}</h3>
                  <span class={`sh-iteration-status sh-iteration-${iteration.status}`}>
                    {t(`work.iterationStatus.${iteration.status as 'active'}`)}
                  </span>
                  <span class="sh-iteration-dates">
                    {t('share.dates', {
                      start: formatDate(iteration.startDate),
                      end: formatDate(iteration.endDate),
                    })}
                    <Show when={iteration.releaseId !== null && releaseName().get(iteration.releaseId ?? -1)}>
                      {(name) => <> · {name()}</>}
                    </Show>
                  </span>
                </header>
                <Show
                  when={inIteration(iteration.id).length > 0}
                  fallback={<p class="sh-empty">{t('share.nothingHere')}</p>}
                >
                  <Requirements list={inIteration(iteration.id)} customerView={!!props.roadmap.customer} />
                </Show>
              </div>
            )}
          </For>
        </Show>
      </section>

      <Show when={unscheduled().length > 0}>
        <section class="sh-section" aria-labelledby="sh-unscheduled">
          <h2 id="sh-unscheduled" class="section-title">
            {t('share.unscheduled')}
          </h2>
          <div class="card sh-iteration">
            <Requirements list={unscheduled()} customerView={!!props.roadmap.customer} />
          </div>
        </section>
      </Show>
      <For each={['considering', 'declined'] as const}>
        {(status) => (
          <Show when={withStatus(status).length > 0}>
            <section class="sh-section" aria-labelledby={`sh-${status}`} data-testid={`sh-${status}`}>
              <h2 id={`sh-${status}`} class="section-title">
                {t(`share.${status}`)}
              </h2>
              <p class="sh-empty">{t(`share.${status}Intro`)}</p>
              <div class="card sh-iteration">
                <Requirements list={withStatus(status)} customerView />
              </div>
            </section>
          </Show>
        )}
      </For>
    </article>
  )
}

/** A customer's asks in this product, counted as the customer page counts them. */
function AskCounts(props: { counts: NonNullable<SharedRoadmap['counts']> }) {
  const { t } = useI18n()
  const items = () =>
    [
      ['asks', t('share.countAsks')],
      ['planned', t('share.countPlanned')],
      ['waiting', t('share.countWaiting')],
      ['delivered', t('share.countDelivered')],
      ['declined', t('share.countDeclined')],
    ] as const
  return (
    <dl class="sh-counts" data-testid="share-counts">
      <For each={items().filter(([key]) => key !== 'declined' || props.counts.declined > 0)}>
        {([key, label]) => (
          <div class="sh-count" data-count={key}>
            <dt>{label}</dt>
            <dd>{props.counts[key]}</dd>
          </div>
        )}
      </For>
    </dl>
  )
}

function Requirements(props: { list: SharedRequirement[]; customerView: boolean }) {
  const { t, formatDate } = useI18n()
  return (
    <ul class="sh-requirements">
      <For each={props.list}>
        {(requirement) => (
          <li class="sh-requirement">
            <span class="key-chip">{requirement.key}</span>
            <span class="sh-requirement-title">{requirement.title}</span>
            <span class="sh-requirement-dates">
              <Show when={props.customerView && requirement.promisedDate}>
                {(date) => (
                  <span class="sh-promised">{t('share.promised', { date: formatDate(date()) })}</span>
                )}
              </Show>
              <Show when={requirement.targetDate}>
                {(date) => <span>{t('share.targetDate', { date: formatDate(date()) })}</span>}
              </Show>
            </span>
            <Show
              when={requirement.status === 'considering' || requirement.status === 'declined'}
              fallback={<RequirementStatus status={requirement.status} />}
            >
              <span class="rm-status" data-status={requirement.status}>
                {t(`share.${requirement.status as 'considering' | 'declined'}`)}
              </span>
            </Show>
          </li>
        )}
      </For>
    </ul>
  )
}

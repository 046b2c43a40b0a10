// The forecast card of the reports page: whether the active iteration will finish, and when each open
// release is likely done (50th, 85th and 95th percentile dates).
import { createMemo, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { ForecastBadge, useForecastReason } from './forecast-badge'
import { forecastQuery } from './queries'
import { ReportCard } from './report-card'

/** "Dec 15" this year, "Jan 2, 2027" otherwise: dense tables stay on one line. */
function useShortDate() {
  const { locale } = useI18n()
  const thisYear = new Date().getFullYear()
  const formats = createMemo(() => ({
    short: new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', timeZone: 'UTC' }),
    long: new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }),
  }))
  return (iso: string) => {
    const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`)
    return (date.getUTCFullYear() === thisYear ? formats().short : formats().long).format(date)
  }
}

export function ForecastCard(props: { productId: number }) {
  const { t } = useI18n()
  const shortDate = useShortDate()
  const ws = useWorkspace()
  const query = createLocalQuery(() => forecastQuery(ws.id(), props.productId))
  const short = (iso: string | null) => (iso ? shortDate(iso) : t('reports.forecast.noDate'))
  const reason = useForecastReason()
  return (
    <ReportCard titleId="rp-forecast" title={t('reports.forecast.title')} query={query}>
      {(data) => (
        <>
          <h3 class="rp-subtitle">{t('reports.forecast.iteration')}</h3>
          <Show when={data().iteration} fallback={<p class="rp-empty">{t('reports.forecast.noActive')}</p>}>
            {(iteration) => (
              <div class="rp-forecast-iteration" data-testid="forecast-iteration">
                <div class="rp-forecast-line">
                  <strong>{iteration().name}</strong>
                  <ForecastBadge status={iteration().status} />
                </div>
                <p class="rp-reason">{reason(iteration())}</p>
                <p class="rp-muted">
                  {t('reports.forecast.summary', {
                    remaining: iteration().remaining,
                    pace: iteration().pace,
                    daysLeft: iteration().daysLeft,
                  })}
                </p>
              </div>
            )}
          </Show>
          <h3 class="rp-subtitle">{t('reports.forecast.releases')}</h3>
          <Show
            when={data().releases.length > 0}
            fallback={<p class="rp-empty">{t('reports.forecast.noReleases')}</p>}
          >
            <table class="table rp-table">
              <thead>
                <tr>
                  <th scope="col">{t('reports.forecast.release')}</th>
                  <th scope="col">{t('reports.forecast.target')}</th>
                  <th scope="col" class="rp-num">
                    {t('reports.forecast.remaining')}
                  </th>
                  <th scope="col">{t('reports.forecast.p50')}</th>
                  <th scope="col">{t('reports.forecast.p85')}</th>
                  <th scope="col">{t('reports.forecast.p95')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('reports.forecast.title')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={data().releases}>
                  {(release) => (
                    <tr>
                      <td class="cell-strong">{release.name}</td>
                      <td class="cell-muted rp-date">{short(release.targetDate)}</td>
                      <td class="rp-num">{release.remaining}</td>
                      <td class="rp-date">{short(release.p50)}</td>
                      <td class="rp-date">{short(release.p85)}</td>
                      <td class="rp-date">{short(release.p95)}</td>
                      <td>
                        <ForecastBadge status={release.status} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <p class="rp-hint">{t('reports.forecast.percentileHint')}</p>
          </Show>
        </>
      )}
    </ReportCard>
  )
}

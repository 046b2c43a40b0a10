// The forecast status of an iteration (on track / at risk / late) and the sentence that explains it:
// shown on the reports page and on each active iteration of the home page.
import { useI18n } from '../../i18n'
import { forecastTone } from './logic'
import type { Forecast } from './queries'
import './forecast-badge.css'

export function ForecastBadge(props: { status: string; title?: string }) {
  const { tryT } = useI18n()
  return (
    <span
      class={`rp-badge rp-badge-${forecastTone(props.status)}`}
      data-status={props.status}
      title={props.title}
    >
      {tryT(`reports.forecast.status.${props.status}`) ?? props.status}
    </span>
  )
}

/** "At the current pace the remaining 12 pts need until Dec 18, after the end on Dec 15." */
export function useForecastReason() {
  const { t, formatDate } = useI18n()
  return (i: NonNullable<Forecast['iteration']>) =>
    t(`reports.forecast.reason.${i.reason as 'done'}`, {
      remaining: i.remaining,
      date: i.projectedEnd ? formatDate(i.projectedEnd) : t('reports.forecast.noDate'),
      end: formatDate(i.endDate),
      days: i.daysElapsed,
    })
}

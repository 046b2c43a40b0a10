// The product-level cards of the reports page: forecast, risks and customer demand.
import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, For, Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { moduleTreeQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { ForecastBadge, useForecastReason } from './forecast-badge'
import { barWidths } from './logic'
import { demandQuery, forecastQuery, risksQuery } from './queries'

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
  const query = createQuery(() => ({ ...forecastQuery(ws.id(), props.productId), throwOnError: false }))
  const short = (iso: string | null) => (iso ? shortDate(iso) : t('reports.forecast.noDate'))
  const reason = useForecastReason()
  return (
    <section class="card rp-card" aria-labelledby="rp-forecast">
      <header class="rp-card-header">
        <h2 id="rp-forecast" class="section-title">
          {t('reports.forecast.title')}
        </h2>
      </header>
      <Switch fallback={<Loading />}>
        <Match when={query.isError}>
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        </Match>
        <Match when={query.data}>
          {(data) => (
            <>
              <h3 class="rp-subtitle">{t('reports.forecast.iteration')}</h3>
              <Show
                when={data().iteration}
                fallback={<p class="rp-empty">{t('reports.forecast.noActive')}</p>}
              >
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
        </Match>
      </Switch>
    </section>
  )
}

/** One line of a risk list: the item's key (a link) when it has one, what it is, and why it is listed. */
interface RiskLine {
  key?: string
  title: string
  meta: string
}

function RiskGroup<T>(props: {
  title: string
  items: readonly T[]
  line: (item: T) => RiskLine
  href: (key: string) => string
}) {
  return (
    <Show when={props.items.length > 0}>
      <div class="rp-risk-group">
        <h3 class="rp-subtitle">
          {props.title} <span class="rp-count">{props.items.length}</span>
        </h3>
        <ul class="rp-list">
          <For each={props.items}>
            {(item) => {
              const line = props.line(item)
              return (
                <li>
                  <Show when={line.key}>
                    {(key) => (
                      <A class="key-chip" href={props.href(key())}>
                        {key()}
                      </A>
                    )}
                  </Show>
                  <span class="rp-list-title">{line.title}</span>
                  <span class="rp-list-meta">{line.meta}</span>
                </li>
              )
            }}
          </For>
        </ul>
      </div>
    </Show>
  )
}

export function RisksCard(props: { productId: number }) {
  const { t, tryT, formatDate } = useI18n()
  const ws = useWorkspace()
  const query = createQuery(() => ({ ...risksQuery(ws.id(), props.productId), throwOnError: false }))
  const item = (key: string) => `/w/${ws.id()}/i/${key}`
  const total = () => {
    const r = query.data
    if (!r) return 0
    return Object.values(r).reduce((sum, list) => sum + (Array.isArray(list) ? list.length : 0), 0)
  }
  return (
    <section class="card rp-card" aria-labelledby="rp-risks">
      <header class="rp-card-header">
        <h2 id="rp-risks" class="section-title">
          {t('reports.risks.title')}
        </h2>
        <Show when={total() > 0}>
          <span class="rp-count rp-count-warning">{total()}</span>
        </Show>
      </header>
      <Switch fallback={<Loading />}>
        <Match when={query.isError}>
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        </Match>
        <Match when={query.data && total() === 0}>
          <p class="rp-calm">{t('reports.risks.none')}</p>
        </Match>
        <Match when={query.data}>
          {(r) => (
            <div class="rp-risks">
              <RiskGroup
                title={t('reports.risks.promisesAtRisk')}
                items={r().promisesAtRisk}
                href={item}
                line={(p) => ({
                  key: p.requirement.key,
                  title: p.requirement.title,
                  meta: `${p.customer.name} · ${
                    p.forecastDate
                      ? t('reports.risks.promise', {
                          promised: formatDate(p.promisedDate),
                          forecast: formatDate(p.forecastDate),
                        })
                      : t('reports.risks.promiseNoForecast', { promised: formatDate(p.promisedDate) })
                  }`,
                })}
              />
              <RiskGroup
                title={t('reports.risks.blocked')}
                items={r().blocked}
                href={item}
                line={(task) => ({
                  key: task.key,
                  title: task.title,
                  meta: [
                    task.ageDays === 0
                      ? t('reports.risks.blockedToday')
                      : task.ageDays === 1
                        ? t('reports.risks.blockedAgeOne')
                        : t('reports.risks.blockedAge', { days: task.ageDays }),
                    task.assigneeName,
                    task.blockedReason,
                  ]
                    .filter(Boolean)
                    .join(' · '),
                })}
              />
              <RiskGroup
                title={t('reports.risks.overdue')}
                items={r().overdue}
                href={item}
                line={(task) => ({
                  key: task.key,
                  title: task.title,
                  meta: t('reports.risks.due', { date: formatDate(task.dueDate) }),
                })}
              />
              <RiskGroup
                title={t('reports.risks.unplannedCriticalAsks')}
                items={r().unplannedCriticalAsks}
                href={item}
                line={(ask) => ({
                  key: ask.requirement.key,
                  title: ask.requirement.title,
                  meta: ask.customer.name,
                })}
              />
              <RiskGroup
                title={t('reports.risks.stabilityTasks')}
                items={r().stabilityTasks}
                href={item}
                line={(task) => ({
                  key: task.key,
                  title: task.title,
                  meta: [
                    task.risk ? tryT(`work.risk.${task.risk}`) : undefined,
                    task.category ? tryT(`work.category.${task.category}`) : undefined,
                    tryT(`work.taskStatus.${task.status}`),
                  ]
                    .filter(Boolean)
                    .join(' · '),
                })}
              />
              <RiskGroup
                title={t('reports.risks.stabilityBudget')}
                items={r().stabilityBudget}
                href={item}
                line={(iteration) => ({
                  title: iteration.name,
                  meta: t('reports.risks.budgetLoad', {
                    load: iteration.featureLoad,
                    capacity: iteration.featureCapacity,
                  }),
                })}
              />
              <RiskGroup
                title={t('reports.risks.scopeAdded')}
                items={r().scopeAdded}
                href={item}
                line={(iteration) => ({
                  title: iteration.name,
                  meta: t('reports.risks.pointsAdded', { points: iteration.pointsAdded }),
                })}
              />
            </div>
          )}
        </Match>
      </Switch>
    </section>
  )
}

export function DemandCard(props: { productId: number }) {
  const { t, tryT, locale } = useI18n()
  const ws = useWorkspace()
  const query = createQuery(() => ({ ...demandQuery(ws.id(), props.productId), throwOnError: false }))
  const modules = createQuery(() => ({ ...moduleTreeQuery(ws.id(), props.productId), throwOnError: false }))
  const moduleNames = createMemo(() => {
    const names = new Map<number, string>()
    const walk = (nodes: readonly { id: number; name: string; children?: unknown }[]) => {
      for (const node of nodes) {
        names.set(node.id, node.name)
        if (Array.isArray(node.children)) walk(node.children as typeof nodes)
      }
    }
    walk((modules.data?.items ?? []) as { id: number; name: string }[])
    return names
  })
  const customerCount = (count: number) =>
    count === 1 ? t('reports.demand.customerCountOne') : t('reports.demand.customerCount', { count })
  const money = () => new Intl.NumberFormat(locale(), { notation: 'compact', maximumFractionDigits: 1 })
  const top = () => (query.data?.requirements ?? []).slice(0, 8)
  const industries = () => query.data?.industries ?? []
  const industryBars = () => barWidths(industries().map((i) => i.contractValue))
  const moduleRows = () => (query.data?.modules ?? []).slice(0, 6)
  const moduleBars = () => barWidths(moduleRows().map((m) => m.customerCount))
  return (
    <section class="card rp-card rp-demand" aria-labelledby="rp-demand">
      <header class="rp-card-header">
        <h2 id="rp-demand" class="section-title">
          {t('reports.demand.title')}
        </h2>
      </header>
      <Switch fallback={<Loading />}>
        <Match when={query.isError}>
          <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
        </Match>
        <Match when={query.data && query.data.requirements.length === 0}>
          <p class="rp-empty">{t('reports.demand.empty')}</p>
        </Match>
        <Match when={query.data}>
          <div class="rp-demand-grid">
            <div>
              <h3 class="rp-subtitle">{t('reports.demand.requirements')}</h3>
              <table class="table rp-table">
                <thead>
                  <tr>
                    <th scope="col">{t('work.terms.requirement')}</th>
                    <th scope="col" class="rp-num">
                      {t('reports.demand.customers')}
                    </th>
                    <th scope="col" class="rp-num">
                      {t('reports.demand.critical')}
                    </th>
                    <th scope="col" class="rp-num">
                      {t('reports.demand.contractValue')}
                    </th>
                    <th scope="col" class="rp-num">
                      {t('reports.demand.weight')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={top()}>
                    {(r) => (
                      <tr>
                        <td>
                          <A class="key-chip" href={`/w/${ws.id()}/i/${r.key}`}>
                            {r.key}
                          </A>{' '}
                          <span class="rp-cell-title">{r.title}</span>
                          <span class="rp-cell-sub">
                            {tryT(`work.requirementStatus.${r.status}`) ?? r.status}
                          </span>
                        </td>
                        <td class="rp-num">{r.customerCount}</td>
                        <td class="rp-num">{r.criticalCount}</td>
                        <td class="rp-num">{money().format(r.contractValue)}</td>
                        <td class="rp-num">{Math.round(r.weight * 10) / 10}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <div>
              <h3 class="rp-subtitle">{t('reports.demand.industries')}</h3>
              <ul class="rp-bars" aria-label={t('reports.demand.industries')}>
                <For each={industries()}>
                  {(row, i) => (
                    <li>
                      <span class="rp-bar-label">{row.industry}</span>
                      <span class="rp-bar-track">
                        <span class="rp-bar" style={{ width: `${industryBars()[i()] ?? 0}%` }} />
                      </span>
                      <span class="rp-bar-value">
                        {customerCount(row.customerCount)} · {money().format(row.contractValue)}
                      </span>
                    </li>
                  )}
                </For>
              </ul>
              <h3 class="rp-subtitle">{t('reports.demand.modules')}</h3>
              <ul class="rp-bars" aria-label={t('reports.demand.modules')}>
                <For each={moduleRows()}>
                  {(row, i) => (
                    <li>
                      <span class="rp-bar-label">
                        {row.moduleId === null
                          ? t('work.terms.noModule')
                          : (moduleNames().get(row.moduleId) ?? `#${row.moduleId}`)}
                      </span>
                      <span class="rp-bar-track">
                        <span class="rp-bar rp-bar-alt" style={{ width: `${moduleBars()[i()] ?? 0}%` }} />
                      </span>
                      <span class="rp-bar-value">{customerCount(row.customerCount)}</span>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          </div>
        </Match>
      </Switch>
    </section>
  )
}

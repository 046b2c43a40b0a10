// The risks card of the reports page: promises to customers at risk, blocked and overdue tasks, critical
// asks not planned, stability work, iterations over their stability budget and scope added mid-iteration.
import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { type Risks, risksQuery } from './queries'
import { ReportCard } from './report-card'

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

/** How many risks there are, over every list. */
const riskCount = (risks: Risks) =>
  Object.values(risks).reduce((sum, list) => sum + (Array.isArray(list) ? list.length : 0), 0)

export function RisksCard(props: { productId: number }) {
  const { t, tryT, formatDate } = useI18n()
  const ws = useWorkspace()
  const query = createLocalQuery(() => risksQuery(ws.id(), props.productId))
  const item = (key: string) => `/w/${ws.id()}/i/${key}`
  const total = () => (query.data ? riskCount(query.data) : 0)
  return (
    <ReportCard
      titleId="rp-risks"
      title={t('reports.risks.title')}
      query={query}
      header={
        <Show when={total() > 0}>
          <span class="rp-count rp-count-warning">{total()}</span>
        </Show>
      }
      isEmpty={(risks) => riskCount(risks) === 0}
      empty={t('reports.risks.none')}
      emptyIsCalm
    >
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
    </ReportCard>
  )
}

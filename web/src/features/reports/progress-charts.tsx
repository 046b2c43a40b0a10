// The iteration charts (burndown/burnup, cumulative flow) and the product's velocity, drawn with uPlot.
import { For, Show } from 'solid-js'
import uPlot from 'uplot'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { useWorkspace } from '../workspaces/workspace-context'
import { axis, chartColors, dayAxisValues, themeColor, UPlotChart } from './chart'
import { type BurndownDay, burndownSeries, FLOW_STATUSES, flowSeries, scopeChanges } from './logic'
import { burndownQuery, flowQuery, velocityQuery } from './queries'
import { ReportCard } from './report-card'

const utc = (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')

export function BurndownChart(props: { iterationId: number }) {
  const { t, locale, formatDate } = useI18n()
  const ws = useWorkspace()
  const query = createLocalQuery(() => burndownQuery(ws.id(), props.iterationId))
  return (
    <ReportCard
      titleId="rp-burndown"
      title={t('reports.burndown.title')}
      query={query}
      header={
        <Show when={query.data}>
          {(data) => (
            <span class="rp-card-meta">
              {t('reports.burndown.range', {
                start: formatDate(data().startDate),
                end: formatDate(data().endDate),
              })}
            </span>
          )}
        </Show>
      }
      isEmpty={(burndown) => burndown.days.length === 0}
      empty={t('reports.notStarted')}
    >
      {(data) => {
        const series = () => burndownSeries(data().days as BurndownDay[])
        return (
          <>
            <UPlotChart
              label={t('reports.burndown.title')}
              data={() => {
                const s = series()
                return [s.x, s.ideal, s.remaining, s.done, s.scope, s.scopeChanged]
              }}
              options={() => ({
                tzDate: utc,
                legend: { live: false },
                cursor: { drag: { x: false, y: false } },
                scales: { x: { time: true } },
                axes: [
                  axis({ values: dayAxisValues(locale()) }),
                  axis({ label: t('reports.points'), size: 44 }),
                ],
                series: [
                  {},
                  {
                    label: t('reports.burndown.ideal'),
                    stroke: chartColors.ideal,
                    dash: [5, 4],
                    width: 1.5,
                  },
                  {
                    label: t('reports.burndown.remaining'),
                    stroke: chartColors.remaining,
                    width: 2,
                    fill: 'rgba(94,106,210,0.08)',
                  },
                  { label: t('reports.burndown.done'), stroke: chartColors.done, width: 2 },
                  { label: t('reports.burndown.scope'), stroke: chartColors.scope, width: 1.5 },
                  {
                    label: t('reports.burndown.scopeChanged'),
                    stroke: chartColors.scopeChanged,
                    width: 1,
                    paths: () => null,
                    points: {
                      show: true,
                      size: 9,
                      fill: chartColors.scopeChanged,
                      stroke: themeColor('--surface', '#fff'),
                    },
                  },
                ],
              })}
            />
            <Show when={scopeChanges(data().days as BurndownDay[]).length > 0}>
              <ul class="rp-changes">
                <For each={scopeChanges(data().days as BurndownDay[])}>
                  {(day) => (
                    <li>
                      {day.scopeChange > 0
                        ? t('reports.burndown.changeAdded', {
                            date: formatDate(day.date),
                            points: day.scopeChange,
                          })
                        : t('reports.burndown.changeRemoved', {
                            date: formatDate(day.date),
                            points: Math.abs(day.scopeChange),
                          })}
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )
      }}
    </ReportCard>
  )
}

export function FlowChart(props: { iterationId: number }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const query = createLocalQuery(() => flowQuery(ws.id(), props.iterationId))
  const colors = {
    done: chartColors.flowDone,
    review: chartColors.review,
    doing: chartColors.doing,
    blocked: chartColors.blocked,
    todo: chartColors.todo,
  }
  return (
    <ReportCard
      titleId="rp-flow"
      title={t('reports.flow.title')}
      query={query}
      isEmpty={(flow) => flow.days.length === 0}
      empty={t('reports.notStarted')}
    >
      {(data) => {
        // Drawn top band first, each band filled down to zero: the lower bands paint over them.
        const order = [...FLOW_STATUSES].reverse()
        return (
          <UPlotChart
            label={t('reports.flow.title')}
            data={() => {
              const s = flowSeries(data().days)
              return [s.x, ...order.map((status) => s.stacks[status])]
            }}
            options={() => ({
              tzDate: utc,
              legend: { live: false },
              cursor: { drag: { x: false, y: false } },
              axes: [
                axis({ values: dayAxisValues(locale()) }),
                axis({ label: t('reports.tasks'), size: 44 }),
              ],
              series: [
                {},
                ...order.map((status) => ({
                  label: t(`work.taskStatus.${status}`),
                  stroke: colors[status],
                  fill: colors[status],
                  width: 1,
                  points: { show: false },
                })),
              ],
            })}
          />
        )
      }}
    </ReportCard>
  )
}

export function VelocityChart(props: { productId: number }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const query = createLocalQuery(() => velocityQuery(ws.id(), props.productId))
  const recent = () => (query.data?.iterations ?? []).filter((i) => i.status === 'closed').slice(-3)
  const average = () => {
    const list = recent()
    return list.length
      ? Math.round((list.reduce((sum, i) => sum + i.completed, 0) / list.length) * 10) / 10
      : 0
  }
  return (
    <ReportCard
      titleId="rp-velocity"
      title={t('reports.velocity.title')}
      query={query}
      header={
        <Show when={recent().length > 0}>
          <span class="rp-card-meta">
            {t('reports.velocity.average', { count: recent().length, points: average() })}
          </span>
        </Show>
      }
      isEmpty={(velocity) => velocity.iterations.length === 0}
      empty={t('reports.velocity.empty')}
    >
      {(data) => {
        const names = () => data().iterations.map((i) => i.name)
        const bars = (align: -1 | 1) => uPlot.paths.bars?.({ size: [0.32, 36], align, gap: 2 })
        return (
          <UPlotChart
            label={t('reports.velocity.title')}
            data={() => [
              data().iterations.map((_, i) => i),
              data().iterations.map((i) => i.committed),
              data().iterations.map((i) => i.completed),
            ]}
            options={() => ({
              legend: { live: false },
              cursor: { drag: { x: false, y: false }, points: { show: false } },
              scales: {
                x: { time: false, range: () => [-0.6, Math.max(0, names().length - 1) + 0.6] },
                y: { range: (_u, _min, max) => [0, Math.max(5, Math.ceil(max * 1.15))] },
              },
              axes: [
                axis({
                  incrs: [1],
                  grid: { show: false },
                  values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (names()[s] ?? '') : '')),
                }),
                axis({ label: t('reports.points'), size: 44 }),
              ],
              series: [
                {},
                {
                  label: t('reports.velocity.committed'),
                  stroke: chartColors.committed,
                  fill: chartColors.committed,
                  paths: bars(-1),
                  points: { show: false },
                },
                {
                  label: t('reports.velocity.completed'),
                  stroke: chartColors.completed,
                  fill: chartColors.completed,
                  paths: bars(1),
                  points: { show: false },
                },
              ],
            })}
          />
        )
      }}
    </ReportCard>
  )
}

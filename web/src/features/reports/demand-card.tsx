// The customer-demand card of the reports page: the requirements most customers ask for, and demand by
// industry and by module.
import { A } from '@solidjs/router'
import { createMemo, For } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { moduleTreeQuery } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { barWidths } from './logic'
import { demandQuery } from './queries'
import { ReportCard } from './report-card'

export function DemandCard(props: { productId: number }) {
  const { t, tryT, locale } = useI18n()
  const ws = useWorkspace()
  const query = createLocalQuery(() => demandQuery(ws.id(), props.productId))
  const modules = createLocalQuery(() => moduleTreeQuery(ws.id(), props.productId))
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
    <ReportCard
      titleId="rp-demand"
      title={t('reports.demand.title')}
      class="rp-demand"
      query={query}
      isEmpty={(demand) => demand.requirements.length === 0}
      empty={t('reports.demand.empty')}
    >
      {() => (
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
      )}
    </ReportCard>
  )
}

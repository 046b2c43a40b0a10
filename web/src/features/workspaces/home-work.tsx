// The home page's work panels: my tasks by status, the active iterations with their pace, and risks.
import { A } from '@solidjs/router'
import { createQueries } from '@tanstack/solid-query'
import { createMemo, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { ForecastBadge, useForecastReason } from '../reports/forecast-badge'
import { forecastQuery } from '../reports/queries'
import { useDayFormat } from '../roadmap/format'
import { localToday } from '../roadmap/timeline'
import { daysLeft, groupMyTasks, isOverdue, riskLists } from './home-logic'
import { Panel, panelError, TaskLink } from './home-panel'
import {
  type ActiveIteration,
  activeIterationsQuery,
  blockedQuery,
  type HomeTaskRow,
  myTasksQuery,
  overdueQuery,
  progressQuery,
} from './home-queries'
import { useWorkspace } from './workspace-context'

export function MyTasks(props: { productKey: (id: number) => string }) {
  const { t, points } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const tasks = createLocalQuery(() => myTasksQuery(ws.id()))
  const groups = createMemo(() => groupMyTasks(tasks.data?.items ?? [], today))
  return (
    <Panel
      id="home-my-tasks"
      title={t('home.myTasks')}
      aside={
        <Show when={tasks.data?.items.length}>
          {(count) => <span class="home-count">{t('home.myTasksCount', { count: String(count()) })}</span>}
        </Show>
      }
    >
      <QueryView
        query={tasks}
        error={panelError}
        isEmpty={() => groups().length === 0}
        empty={<p class="home-empty">{t('home.myTasksEmpty')}</p>}
      >
        {() => (
          <div class="home-groups">
            <For each={groups()}>
              {(group) => (
                <div class="home-group" data-status={group.status}>
                  <h3 class="home-group-title">
                    <span class="home-dot" data-status={group.status} aria-hidden="true" />
                    {t(`work.taskStatus.${group.status}`)}
                    <span class="home-group-count">{group.tasks.length}</span>
                  </h3>
                  <ul class="home-rows">
                    <For each={group.tasks}>
                      {(task) => (
                        <li class="home-row" classList={{ 'is-overdue': isOverdue(task, today) }}>
                          <TaskLink task={task} />
                          <span class="home-row-meta">
                            <span class="home-product">{props.productKey(task.productId)}</span>
                            <Show when={task.estimate}>
                              {(estimate) => <span>{points(estimate())}</span>}
                            </Show>
                            <Show when={task.dueDate}>
                              {(due) => (
                                <span class="home-due" classList={{ 'is-overdue': isOverdue(task, today) }}>
                                  {isOverdue(task, today)
                                    ? `${t('home.overdue')} · ${days.short(due())}`
                                    : t('home.dueOn', { date: days.short(due()) })}
                                </span>
                              )}
                            </Show>
                          </span>
                          <Show when={task.status === 'blocked' && task.blockedReason}>
                            {(reason) => <p class="home-reason">{reason()}</p>}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </div>
              )}
            </For>
          </div>
        )}
      </QueryView>
    </Panel>
  )
}

export function ActiveIterations(props: { productKey: (id: number) => string }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const iterations = createLocalQuery(() => activeIterationsQuery(ws.id()))
  return (
    <Panel id="home-iterations" title={t('home.iterationsTitle')}>
      <QueryView
        query={iterations}
        error={panelError}
        isEmpty={(data) => data.items.length === 0}
        empty={<p class="home-empty">{t('home.iterationsEmpty')}</p>}
      >
        {(data) => (
          <div class="home-iterations">
            <For each={data().items}>
              {(iteration) => (
                <IterationCard iteration={iteration} productKey={props.productKey(iteration.productId)} />
              )}
            </For>
          </div>
        )}
      </QueryView>
    </Panel>
  )
}

function IterationCard(props: { iteration: ActiveIteration; productKey: string }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const progresses = createQueries(() => ({
    queries: [{ ...progressQuery(ws.id(), props.iteration.id), throwOnError: false }],
  }))
  const progress = () => progresses[0]?.data
  // Will it finish by its end date at the current pace? (the product's forecast is of its active iteration)
  const forecast = createLocalQuery(() => ({
    ...forecastQuery(ws.id(), props.iteration.productId),
    enabled: ws.can('report.view'),
  }))
  const outlook = () => {
    const iteration = forecast.data?.iteration
    return iteration && iteration.id === props.iteration.id ? iteration : undefined
  }
  const reason = useForecastReason()
  const left = () => daysLeft(props.iteration.endDate, today)
  const leftLabel = () => {
    const n = left()
    if (n > 1) return t('home.daysLeft', { count: String(n) })
    if (n === 1) return t('home.dayLeft')
    if (n === 0) return t('home.endsToday')
    return t('home.endedAgo', { count: String(-n) })
  }
  const stabilityPercent = () =>
    props.iteration.stabilityReserved > 0
      ? Math.min(100, Math.round((props.iteration.stabilityUsed / props.iteration.stabilityReserved) * 100))
      : 0
  return (
    <article class="home-iteration">
      <header class="home-iteration-header">
        <span class="key-chip">{props.productKey}</span>
        <h3>{props.iteration.name}</h3>
        <span class="home-iteration-dates">
          {days.range(props.iteration.startDate, props.iteration.endDate, today)}
        </span>
        <span class="home-iteration-left" classList={{ 'is-late': left() < 0 }}>
          {leftLabel()}
        </span>
        <Show when={outlook()}>{(o) => <ForecastBadge status={o().status} />}</Show>
      </header>
      <Show when={outlook()?.status === 'at_risk' || outlook()?.status === 'late' ? outlook() : undefined}>
        {(o) => <p class="home-iteration-outlook">{reason(o())}</p>}
      </Show>
      <Show when={props.iteration.goal}>
        <p class="home-iteration-goal">{props.iteration.goal}</p>
      </Show>
      <div class="home-progress-row">
        <div
          class="home-progress"
          role="progressbar"
          aria-label={t('home.progressLabel', { name: props.iteration.name })}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress()?.percent ?? 0}
        >
          <span class="home-progress-fill" style={{ width: `${progress()?.percent ?? 0}%` }} />
        </div>
        <span class="home-progress-value">{progress() ? `${progress()!.percent}%` : '—'}</span>
      </div>
      <div class="home-iteration-facts">
        <Show when={progress()}>
          {(p) => (
            <span>
              {t(p().unit === 'points' ? 'home.progress' : 'home.progressTasks', {
                done: formatPoints(p().done),
                total: formatPoints(p().total),
              })}
            </span>
          )}
        </Show>
        <span classList={{ 'is-warning': props.iteration.overCapacity }}>
          {t('home.load', {
            load: formatPoints(props.iteration.load),
            capacity: formatPoints(props.iteration.capacity),
          })}
        </span>
        <span class="home-stability" classList={{ 'is-warning': props.iteration.stabilityBudgetEaten }}>
          <span class="home-stability-bar" aria-hidden="true">
            <span style={{ width: `${stabilityPercent()}%` }} />
          </span>
          {t('home.stability', {
            used: formatPoints(props.iteration.stabilityUsed),
            reserved: formatPoints(props.iteration.stabilityReserved),
          })}
        </span>
        <A class="home-board-link" href={`/w/${ws.id()}/p/${props.productKey}/board`}>
          {t('home.openBoard')} →
        </A>
      </div>
      <Show when={props.iteration.stabilityBudgetEaten || props.iteration.overCapacity}>
        <div class="notice notice-warning home-warning" role="note">
          <Show when={props.iteration.stabilityBudgetEaten}>
            <p>{t('home.stabilityEaten')}</p>
          </Show>
          <Show when={props.iteration.overCapacity}>
            <p>{t('home.overCapacity')}</p>
          </Show>
        </div>
      </Show>
    </article>
  )
}

const formatPoints = (n: number) => String(Math.round(n * 10) / 10)

export function Risks() {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const today = localToday()
  const blocked = createLocalQuery(() => blockedQuery(ws.id()))
  const overdue = createLocalQuery(() => overdueQuery(ws.id()))
  // Computed once per answer (QueryView reads the data several times; For keeps rows by identity).
  const risks = createMemo(() =>
    blocked.data && overdue.data
      ? riskLists<HomeTaskRow>(blocked.data.items, overdue.data.items, today)
      : undefined,
  )
  // Both lists, as one query for QueryView: its data once both have answered.
  const both = {
    get data() {
      return risks()
    },
    get isError() {
      return blocked.isError || overdue.isError
    },
    get error() {
      return blocked.error ?? overdue.error
    },
    refetch: () => Promise.all([blocked.refetch(), overdue.refetch()]),
  }
  const ago = (days: number) =>
    new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(-days, 'day')
  return (
    <Panel id="home-risks" title={t('home.risksTitle')} class="home-risks">
      <QueryView
        query={both}
        error={panelError}
        isEmpty={(risks) => risks.blocked.length + risks.overdue.length === 0}
        empty={<p class="home-empty">{t('home.risksEmpty')}</p>}
      >
        {(risks) => (
          <>
            <Show when={risks().blocked.length > 0}>
              <h3 class="home-group-title">
                <span class="home-dot" data-status="blocked" aria-hidden="true" />
                {t('home.blockedTitle')}
                <span class="home-group-count">{risks().blocked.length}</span>
              </h3>
              <ul class="home-rows">
                <For each={risks().blocked}>
                  {(risk) => (
                    <li class="home-row home-risk">
                      <TaskLink task={risk.task} />
                      <p class="home-reason">{risk.task.blockedReason || t('home.noReason')}</p>
                      <p class="home-risk-meta">
                        {t('home.blockedSince', { when: ago(risk.ageDays) })}
                        <Show when={risk.task.assigneeName}>{(name) => <span> · {name()}</span>}</Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
            <Show when={risks().overdue.length > 0}>
              <h3 class="home-group-title">
                <span class="home-dot" data-status="overdue" aria-hidden="true" />
                {t('home.overdueTitle')}
                <span class="home-group-count">{risks().overdue.length}</span>
              </h3>
              <ul class="home-rows">
                <For each={risks().overdue}>
                  {(risk) => (
                    <li class="home-row home-risk">
                      <TaskLink task={risk.task} />
                      <p class="home-risk-meta is-overdue">
                        {risk.daysLate === 1
                          ? t('home.overdueByOne')
                          : t('home.overdueBy', { count: String(risk.daysLate) })}
                        <Show when={risk.task.assigneeName}>{(name) => <span> · {name()}</span>}</Show>
                      </p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </QueryView>
    </Panel>
  )
}

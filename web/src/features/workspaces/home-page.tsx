// The workspace home: what needs attention today — my tasks by status, active iterations with their
// progress and stability budget, risks (blocked with reason and age, overdue), and recent activity.
// A workspace without products gets the first steps instead, and the offer of a demo workspace.
import { A, useNavigate } from '@solidjs/router'
import { createMutation, createQueries, createQuery, useQueryClient } from '@tanstack/solid-query'
import { createMemo, For, type JSX, Match, Show, Switch } from 'solid-js'
import { api, isApiError, unwrap } from '../../api'
import { type MessageKey, useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { CheckIcon, KeyIcon, MembersIcon, ProductIcon, RolesIcon, UploadIcon } from '../../ui/icons'
import { authKeys } from '../auth/queries'
import { membersQuery } from '../members/queries'
import { type Product, productsQuery } from '../products/queries'
import { ForecastBadge, useForecastReason } from '../reports/forecast-badge'
import { forecastQuery } from '../reports/queries'
import { useDayFormat } from '../roadmap/format'
import { localToday } from '../roadmap/timeline'
import { daysLeft, groupMyTasks, isOverdue, riskLists, sentenceOf } from './home-logic'
import {
  type ActiveIteration,
  type ActivityItem,
  activeIterationsQuery,
  activityQuery,
  blockedQuery,
  type HomeTaskRow,
  myTasksQuery,
  overdueQuery,
  progressQuery,
} from './home-queries'
import { useWorkspace } from './workspace-context'
import './home-page.css'

export default function HomePage() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const products = createQuery(() => ({
    ...productsQuery(ws.id()),
    enabled: ws.can('product.view'),
    throwOnError: false,
  }))
  const noProducts = () => !ws.can('product.view') || products.data?.items.length === 0

  return (
    <div class="page page-wide home">
      <Switch fallback={<Loading />}>
        <Match when={products.isError}>
          <ErrorNotice error={products.error} onRetry={() => void products.refetch()} />
        </Match>
        <Match when={noProducts()}>
          <Onboarding hasProducts={false} />
        </Match>
        <Match when={products.data}>
          {(data) => (
            <>
              <header class="home-hero">
                <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
                <p class="page-intro">{t('home.dashboardIntro', { name: ws.me().user.name })}</p>
              </header>
              <Dashboard products={data().items} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}

// ---------- dashboard ----------

function Dashboard(props: { products: Product[] }) {
  const ws = useWorkspace()
  const productKey = (id: number) => props.products.find((p) => p.id === id)?.key ?? ''
  return (
    <div class="home-grid">
      <div class="home-main">
        <Show when={ws.can('task.view')}>
          <MyTasks productKey={productKey} />
        </Show>
        <Show when={ws.can('iteration.view')}>
          <ActiveIterations productKey={productKey} />
        </Show>
        <Show when={!ws.can('task.view') && !ws.can('iteration.view')}>
          <RoadmapLinks products={props.products} />
        </Show>
      </div>
      <div class="home-side">
        <Show when={ws.can('task.view')}>
          <Risks />
        </Show>
        <Show when={ws.can('activity.view')}>
          <RecentActivity />
        </Show>
      </div>
    </div>
  )
}

function Panel(props: {
  id: string
  title: string
  aside?: JSX.Element
  children: JSX.Element
  class?: string
}) {
  return (
    <section class={`card home-panel ${props.class ?? ''}`} aria-labelledby={props.id}>
      <header class="home-panel-header">
        <h2 id={props.id}>{props.title}</h2>
        <Show when={props.aside}>{props.aside}</Show>
      </header>
      {props.children}
    </section>
  )
}

/** A query's error inside a panel: a 403 says the role does not show this, anything else can be retried. */
function PanelError(props: { error: unknown; onRetry: () => void }) {
  const { t } = useI18n()
  return (
    <Show
      when={!isApiError(props.error, 403)}
      fallback={<p class="home-empty">{t('home.sectionForbidden')}</p>}
    >
      <ErrorNotice error={props.error} onRetry={props.onRetry} class="home-error" />
    </Show>
  )
}

function TaskLink(props: { task: { key: string; title: string } }) {
  const ws = useWorkspace()
  return (
    <>
      <A class="key-chip" href={`/w/${ws.id()}/i/${props.task.key}`}>
        {props.task.key}
      </A>
      <A class="home-task-title" href={`/w/${ws.id()}/i/${props.task.key}`} title={props.task.title}>
        {props.task.title}
      </A>
    </>
  )
}

function MyTasks(props: { productKey: (id: number) => string }) {
  const { t, points } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const tasks = createQuery(() => ({ ...myTasksQuery(ws.id()), throwOnError: false }))
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
      <Switch fallback={<Loading />}>
        <Match when={tasks.isError}>
          <PanelError error={tasks.error} onRetry={() => void tasks.refetch()} />
        </Match>
        <Match when={tasks.data && groups().length === 0}>
          <p class="home-empty">{t('home.myTasksEmpty')}</p>
        </Match>
        <Match when={tasks.data}>
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
        </Match>
      </Switch>
    </Panel>
  )
}

function ActiveIterations(props: { productKey: (id: number) => string }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const iterations = createQuery(() => ({ ...activeIterationsQuery(ws.id()), throwOnError: false }))
  return (
    <Panel id="home-iterations" title={t('home.iterationsTitle')}>
      <Switch fallback={<Loading />}>
        <Match when={iterations.isError}>
          <PanelError error={iterations.error} onRetry={() => void iterations.refetch()} />
        </Match>
        <Match when={iterations.data?.items.length === 0}>
          <p class="home-empty">{t('home.iterationsEmpty')}</p>
        </Match>
        <Match when={iterations.data}>
          {(data) => (
            <div class="home-iterations">
              <For each={data().items}>
                {(iteration) => (
                  <IterationCard iteration={iteration} productKey={props.productKey(iteration.productId)} />
                )}
              </For>
            </div>
          )}
        </Match>
      </Switch>
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
  const forecast = createQuery(() => ({
    ...forecastQuery(ws.id(), props.iteration.productId),
    enabled: ws.can('report.view'),
    throwOnError: false,
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

function Risks() {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const today = localToday()
  const blocked = createQuery(() => ({ ...blockedQuery(ws.id()), throwOnError: false }))
  const overdue = createQuery(() => ({ ...overdueQuery(ws.id()), throwOnError: false }))
  const risks = createMemo(() =>
    riskLists<HomeTaskRow>(blocked.data?.items ?? [], overdue.data?.items ?? [], today),
  )
  const ago = (days: number) =>
    new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' }).format(-days, 'day')
  const error = () => blocked.error ?? overdue.error
  return (
    <Panel id="home-risks" title={t('home.risksTitle')} class="home-risks">
      <Switch fallback={<Loading />}>
        <Match when={error()}>
          <PanelError
            error={error()}
            onRetry={() => {
              void blocked.refetch()
              void overdue.refetch()
            }}
          />
        </Match>
        <Match when={blocked.data && overdue.data && risks().blocked.length + risks().overdue.length === 0}>
          <p class="home-empty">{t('home.risksEmpty')}</p>
        </Match>
        <Match when={blocked.data && overdue.data}>
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
        </Match>
      </Switch>
    </Panel>
  )
}

function RecentActivity() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const queryClient = useQueryClient()
  const activity = createQuery(() => ({
    ...activityQuery(queryClient, ws.id(), ws.can),
    throwOnError: false,
  }))
  return (
    <Panel id="home-activity" title={t('home.activityTitle')}>
      <Switch fallback={<Loading />}>
        <Match when={activity.isError}>
          <PanelError error={activity.error} onRetry={() => void activity.refetch()} />
        </Match>
        <Match when={activity.data?.length === 0}>
          <p class="home-empty">{t('home.activityEmpty')}</p>
        </Match>
        <Match when={activity.data}>
          {(items) => (
            <ol class="home-activity">
              <For each={items()}>{(item) => <ActivityEntry item={item} />}</For>
            </ol>
          )}
        </Match>
      </Switch>
    </Panel>
  )
}

/** Renders a template such as "{{ actor }} moved {{ subject }}" with elements in place of its slots. */
function Sentence(props: { template: string; parts: Record<string, JSX.Element> }) {
  const pieces = () => props.template.split(/\{\{\s*(\w+)\s*\}\}/)
  return <For each={pieces()}>{(piece, i) => (i() % 2 === 1 ? (props.parts[piece] ?? '') : piece)}</For>
}

function ActivityEntry(props: { item: ActivityItem }) {
  const { t, tryT, locale, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const sentence = () => sentenceOf(props.item)
  const statusWord = (status: string | undefined) => {
    if (!status) return ''
    const group =
      props.item.entityType === 'task'
        ? 'taskStatus'
        : props.item.entityType === 'iteration'
          ? 'iterationStatus'
          : 'requirementStatus'
    return tryT(`work.${group}.${status}`) ?? status
  }
  const template = () => tryT(`home.activity.${sentence().key}`) ?? t('home.activity.updated')
  const entity = () => tryT(`home.entity.${props.item.entityType}`) ?? t('home.entity.item')
  const subject = (): JSX.Element => {
    const s = props.item.subject
    if (!s) return ''
    return (
      <Show when={s.key} fallback={<strong class="home-subject">{s.title}</strong>}>
        {(key) => (
          <A class="home-subject" href={`/w/${ws.id()}/i/${key()}`} title={s.title}>
            <span class="home-subject-key">{key()}</span> {s.title}
          </A>
        )}
      </Show>
    )
  }
  const when = () => relativeTime(props.item.createdAt, new Date(), locale())
  return (
    <li class="home-activity-item">
      <p class="home-activity-text">
        <Sentence
          template={template()}
          parts={{
            actor: <strong>{props.item.actor?.name ?? t('home.someone')}</strong>,
            subject: subject(),
            entity: entity(),
            from: <span class="home-status-word">{statusWord(sentence().from)}</span>,
            to: <span class="home-status-word">{statusWord(sentence().to)}</span>,
          }}
        />
        <Show when={props.item.automatic}>
          <span class="tag">{t('home.automatic')}</span>
        </Show>
      </p>
      <Show when={sentence().reason}>{(reason) => <p class="home-reason">{reason()}</p>}</Show>
      <time
        class="home-activity-time"
        datetime={props.item.createdAt}
        title={formatDateTime(props.item.createdAt)}
      >
        {when()}
      </time>
    </li>
  )
}

/** "3 hours ago", "yesterday", "3天前": the largest whole unit that fits. */
export function relativeTime(iso: string, now: Date, locale: string): string {
  const seconds = Math.round((Date.parse(iso) - now.getTime()) / 1000)
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  const abs = Math.abs(seconds)
  if (abs < 60) return format.format(0, 'second')
  if (abs < 3600) return format.format(Math.round(seconds / 60), 'minute')
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), 'hour')
  if (abs < 86_400 * 30) return format.format(Math.round(seconds / 86_400), 'day')
  return format.format(Math.round(seconds / (86_400 * 30)), 'month')
}

/** For roles that see products and roadmaps only (guests): the way to each roadmap. */
function RoadmapLinks(props: { products: Product[] }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  return (
    <Panel id="home-roadmaps" title={t('work.terms.roadmap')}>
      <ul class="home-rows">
        <For each={props.products}>
          {(product) => (
            <li class="home-row">
              <span class="key-chip">{product.key}</span>
              <Show when={ws.can('roadmap.view')} fallback={<span>{product.name}</span>}>
                <A class="home-task-title" href={`/w/${ws.id()}/p/${product.key}/roadmap`}>
                  {product.name}
                </A>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </Panel>
  )
}

// ---------- first steps ----------

interface Step {
  title: MessageKey
  body: MessageKey
  action: MessageKey
  /** Absent when the user's role may not open the page. */
  href?: string
  icon: JSX.Element
  /** Whether the user's role lets them do this step. */
  allowed: boolean
  done?: boolean
}

function Onboarding(props: { hasProducts: boolean }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const members = createQuery(() => ({
    ...membersQuery(ws.id()),
    enabled: ws.can('member.view'),
    throwOnError: false,
  }))
  const base = () => `/w/${ws.id()}/settings`
  const steps = (): Step[] => [
    {
      title: 'home.stepProduct',
      body: 'home.stepProductBody',
      action: 'home.stepProductAction',
      href: ws.can('product.view') ? `${base()}/products` : undefined,
      icon: <ProductIcon />,
      allowed: ws.can('product.manage'),
      done: props.hasProducts,
    },
    {
      title: 'home.stepImport',
      body: 'home.stepImportBody',
      action: 'home.stepImportAction',
      href: ws.can('import') ? `${base()}/import` : undefined,
      icon: <UploadIcon />,
      allowed: ws.can('import'),
    },
    {
      title: 'home.stepInvite',
      body: 'home.stepInviteBody',
      action: 'home.stepInviteAction',
      href: ws.can('member.view') ? `${base()}/members` : undefined,
      icon: <MembersIcon />,
      allowed: ws.can('member.manage'),
      done: (members.data?.items.length ?? 0) > 1,
    },
    {
      title: 'home.stepRoles',
      body: 'home.stepRolesBody',
      action: 'home.stepRolesAction',
      href: `${base()}/roles`,
      icon: <RolesIcon />,
      allowed: true,
    },
    {
      title: 'home.stepToken',
      body: 'home.stepTokenBody',
      action: 'home.stepTokenAction',
      href: `${base()}/tokens`,
      icon: <KeyIcon />,
      allowed: true,
    },
  ]
  const canSetUp = () => ws.can('product.manage')

  return (
    <>
      <header class="home-hero">
        <h1>{t('home.welcome', { workspace: ws.workspace().name })}</h1>
        <p class="page-intro">{canSetUp() ? t('home.intro') : t('home.noProductsReadOnly')}</p>
      </header>
      <Show when={canSetUp()}>
        <div class="home-onboarding">
          <section aria-labelledby="steps-title">
            <h2 id="steps-title" class="section-title">
              {t('home.stepsTitle')}
            </h2>
            <ol class="steps">
              <For each={steps()}>
                {(step, index) => (
                  <li class="step" classList={{ 'is-done': step.done }}>
                    <span class="step-marker" aria-hidden="true">
                      {step.done ? <CheckIcon /> : index() + 1}
                    </span>
                    <div class="step-text">
                      <h3>
                        {t(step.title)}
                        <Show when={step.done}>
                          <span class="tag tag-success">{t('home.done')}</span>
                        </Show>
                      </h3>
                      <p>{t(step.body)}</p>
                      <Show when={!step.allowed && !step.done}>
                        <p class="muted">{t('home.askAdmin')}</p>
                      </Show>
                    </div>
                    <Show when={step.href}>
                      {(href) => (
                        <A class="btn" href={href()}>
                          {step.icon}
                          {t(step.action)}
                        </A>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </section>
          <DemoOffer />
        </div>
      </Show>
    </>
  )
}

function DemoOffer() {
  const { t } = useI18n()
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const create = createMutation(() => ({
    mutationFn: () => unwrap(api.workspaces.$post({ json: { name: t('home.demoName'), demo: true } })),
    onSuccess: async (workspace) => {
      await queryClient.invalidateQueries({ queryKey: authKeys.me })
      navigate(`/w/${workspace.id}`)
    },
  }))
  return (
    <section class="card card-pad home-demo" aria-labelledby="demo-title">
      <h2 id="demo-title" class="section-title">
        {t('home.demoTitle')}
      </h2>
      <p>{t('home.demoBody')}</p>
      <ErrorNotice error={create.error} />
      <div>
        <button type="button" class="btn" disabled={create.isPending} onClick={() => create.mutate()}>
          {create.isPending ? t('home.demoCreating') : t('home.demoAction')}
        </button>
      </div>
    </section>
  )
}

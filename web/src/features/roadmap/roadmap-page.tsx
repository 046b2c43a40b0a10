// The product roadmap: what stakeholders read. A timeline (months across, iterations as bars, releases as
// milestones, a today marker) over a list of releases and iterations with the requirements they carry.
// Read-only for everyone, so it prints cleanly.
import { A, useParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, For, Match, Show, Switch } from 'solid-js'
import { useI18n } from '../../i18n'
import { Loading } from '../../ui/boundary'
import { ErrorNotice } from '../../ui/errors'
import { RoadmapIcon } from '../../ui/icons'
import { EmptyState, PageHeader } from '../../ui/page'
import type { Product } from '../products/queries'
import { useProduct } from '../products/use-product'
import { useWorkspace } from '../workspaces/workspace-context'
import { type IterationBlock, roadmapLayout } from './blocks'
import { useDayFormat } from './format'
import { PriorityMark, RequirementStatus } from './pills'
import { type Roadmap, type RoadmapRelease, type RoadmapRequirement, roadmapQuery } from './queries'
import {
  assignLanes,
  dayNumber,
  daysBetween,
  localToday,
  monthsOf,
  pointOf,
  spanOf,
  timelineMinWidth,
  timelineRange,
  weekLinesOf,
} from './timeline'
import './roadmap.css'

export default function RoadmapPage() {
  const { t } = useI18n()
  const params = useParams<{ key: string }>()
  const { product, missing } = useProduct()
  return (
    <Switch fallback={<Loading />}>
      <Match when={missing()}>
        <div class="page">
          <PageHeader title={t('roadmap.title')} />
          <EmptyState
            icon={<RoadmapIcon />}
            title={t('errors.pageNotFound')}
            body={t('roadmap.productMissing', { key: params.key.toUpperCase() })}
          />
        </div>
      </Match>
      <Match when={product()}>{(p) => <ProductRoadmap product={p()} />}</Match>
    </Switch>
  )
}

function ProductRoadmap(props: { product: Product }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  const today = localToday()
  const roadmap = createQuery(() => ({ ...roadmapQuery(ws.id(), props.product.id), throwOnError: false }))
  const isEmpty = (r: Roadmap) =>
    r.iterations.length === 0 && r.releases.length === 0 && r.requirements.length === 0

  return (
    <div class="page page-wide rm-page">
      <PageHeader
        title={t('roadmap.titleOf', { product: props.product.name })}
        intro={`${props.product.description || t('roadmap.intro')}`}
        actions={
          <button type="button" class="btn rm-print" onClick={() => window.print()}>
            {t('roadmap.print')}
          </button>
        }
      />
      <p class="rm-asof">
        <span class="key-chip">{props.product.key}</span> {t('roadmap.printedOn', { date: days.day(today) })}
      </p>
      <Switch fallback={<Loading />}>
        <Match when={roadmap.isError}>
          <ErrorNotice error={roadmap.error} onRetry={() => void roadmap.refetch()} />
        </Match>
        <Match when={roadmap.data && isEmpty(roadmap.data)}>
          <EmptyState
            icon={<RoadmapIcon />}
            title={t('roadmap.emptyTitle')}
            body={t('roadmap.emptyBody')}
            action={
              <Show when={ws.can('iteration.manage')}>
                <A class="btn btn-primary" href={`/w/${ws.id()}/p/${props.product.key}/plan`}>
                  {t('roadmap.emptyAction')}
                </A>
              </Show>
            }
          />
        </Match>
        <Match when={roadmap.data}>
          {(data) => (
            <>
              <Timeline roadmap={data()} today={today} />
              <RoadmapList roadmap={data()} today={today} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  )
}

const ITERATION_ROW = 40
const RELEASE_ROW = 26

function Timeline(props: { roadmap: Roadmap; today: string }) {
  const { t } = useI18n()
  const days = useDayFormat()
  const range = createMemo(() =>
    timelineRange(
      [
        ...props.roadmap.iterations.flatMap((i) => [i.startDate, i.endDate]),
        ...props.roadmap.releases.map((r) => r.targetDate),
        ...props.roadmap.requirements.map((r) => r.targetDate),
      ],
      props.today,
    ),
  )
  const iterations = createMemo(() => {
    const list = props.roadmap.iterations
    const lanes = assignLanes(
      list.map((i) => ({ start: dayNumber(i.startDate), end: dayNumber(i.endDate) + 1 })),
    )
    const counts = new Map<number, number>()
    for (const r of props.roadmap.requirements)
      if (r.iterationId !== null) counts.set(r.iterationId, (counts.get(r.iterationId) ?? 0) + 1)
    return list.map((iteration, i) => ({
      iteration,
      lane: lanes[i] ?? 0,
      span: spanOf(range(), iteration.startDate, iteration.endDate),
      count: counts.get(iteration.id) ?? 0,
    }))
  })
  // Milestone labels need about two weeks of room on a two-month view: closer ones go to another lane.
  const releases = createMemo(() => {
    const list = props.roadmap.releases
    const room = Math.max(10, Math.round((range().end - range().start) / 5))
    const lanes = assignLanes(
      list.map((r) => ({ start: dayNumber(r.targetDate), end: dayNumber(r.targetDate) + room })),
    )
    return list.map((release, i) => ({
      release,
      lane: lanes[i] ?? 0,
      x: pointOf(range(), release.targetDate),
    }))
  })
  const iterationLanes = () => Math.max(1, ...iterations().map((i) => i.lane + 1))
  const releaseLanes = () => Math.max(1, ...releases().map((r) => r.lane + 1))
  const shortest = () => {
    const lengths = props.roadmap.iterations.map((i) => daysBetween(i.startDate, i.endDate) + 1)
    return lengths.length ? Math.min(...lengths) : undefined
  }
  const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`

  return (
    <section class="card rm-timeline-card" aria-labelledby="rm-timeline-title">
      <header class="rm-timeline-header">
        <h2 id="rm-timeline-title" class="section-title">
          {t('roadmap.timeline')}
        </h2>
        <ul class="rm-legend">
          <li>
            <span class="rm-swatch is-closed" aria-hidden="true" />
            {t('roadmap.legendClosed')}
          </li>
          <li>
            <span class="rm-swatch is-active" aria-hidden="true" />
            {t('roadmap.legendActive')}
          </li>
          <li>
            <span class="rm-swatch is-planned" aria-hidden="true" />
            {t('roadmap.legendPlanned')}
          </li>
          <li>
            <span class="rm-diamond" aria-hidden="true" />
            {t('roadmap.legendMilestone')}
          </li>
        </ul>
      </header>
      <div class="rm-timeline-scroll">
        <div class="rm-timeline" style={{ 'min-width': `${timelineMinWidth(range(), shortest())}px` }}>
          <div class="rm-row rm-row-months">
            <div class="rm-row-label" />
            <div class="rm-track">
              <For each={monthsOf(range())}>
                {(month) => (
                  <div class="rm-month" style={{ left: pct(month.left), width: pct(month.width) }}>
                    {days.month(month.date)}
                  </div>
                )}
              </For>
            </div>
          </div>
          <div class="rm-row">
            <div class="rm-row-label">{t('roadmap.releases')}</div>
            <div class="rm-track" style={{ height: `${releaseLanes() * RELEASE_ROW + 12}px` }}>
              <For each={releases()}>
                {(item) => (
                  <a
                    class="rm-milestone"
                    classList={{
                      'is-released': item.release.status === 'released',
                      'label-left': item.x > 0.8,
                    }}
                    href={`#rm-release-${item.release.id}`}
                    style={{ left: pct(item.x), top: `${item.lane * RELEASE_ROW + 6}px` }}
                    title={releaseWhen(item.release, days.day, t)}
                  >
                    <span class="rm-diamond" aria-hidden="true" />
                    <span class="rm-milestone-label">
                      <strong>{item.release.name}</strong> {days.short(item.release.targetDate)}
                    </span>
                  </a>
                )}
              </For>
            </div>
          </div>
          <div class="rm-row">
            <div class="rm-row-label">{t('roadmap.iterations')}</div>
            <div class="rm-track" style={{ height: `${iterationLanes() * ITERATION_ROW + 12}px` }}>
              <For each={iterations()}>
                {(item) => (
                  <a
                    class={`rm-bar is-${item.iteration.status}`}
                    href={`#rm-iteration-${item.iteration.id}`}
                    style={{
                      left: pct(item.span.left),
                      width: pct(item.span.width),
                      top: `${item.lane * ITERATION_ROW + 6}px`,
                    }}
                    title={`${item.iteration.name} · ${days.range(item.iteration.startDate, item.iteration.endDate, props.today)}`}
                  >
                    <span class="rm-bar-name">{item.iteration.name}</span>
                    <span class="rm-bar-meta">{countLabel(item.count, t)}</span>
                  </a>
                )}
              </For>
            </div>
          </div>
          <div class="rm-overlay" aria-hidden="true">
            <For each={weekLinesOf(range())}>
              {(x) => <span class="rm-week-line" style={{ left: pct(x) }} />}
            </For>
            <For each={monthsOf(range()).slice(1)}>
              {(month) => <span class="rm-month-line" style={{ left: pct(month.left) }} />}
            </For>
            <span class="rm-today" style={{ left: pct(pointOf(range(), props.today)) }}>
              <span class="rm-today-label">{t('roadmap.today')}</span>
            </span>
          </div>
        </div>
      </div>
    </section>
  )
}

type T = ReturnType<typeof useI18n>['t']

const countLabel = (count: number, t: T) =>
  count === 1 ? t('roadmap.requirementCountOne') : t('roadmap.requirementCount', { count: String(count) })

function releaseWhen(release: RoadmapRelease, day: (d: string) => string, t: T) {
  if (release.status === 'released')
    return t('roadmap.releasedOn', { date: day(release.releasedAt ?? release.targetDate) })
  return t('roadmap.target', { date: day(release.targetDate) })
}

function RoadmapList(props: { roadmap: Roadmap; today: string }) {
  const { t } = useI18n()
  const days = useDayFormat()
  const layout = createMemo(() => roadmapLayout(props.roadmap))
  return (
    <div class="rm-list">
      <For each={layout().blocks}>
        {(block) => (
          <Switch>
            <Match when={block.type === 'release' && block}>
              {(b) => (
                <article class="card rm-release" id={`rm-release-${b().release.id}`}>
                  <header class="rm-release-header">
                    <span
                      class="rm-diamond rm-diamond-large"
                      classList={{ 'is-released': b().release.status === 'released' }}
                      aria-hidden="true"
                    />
                    <h2>{b().release.name}</h2>
                    <span class="rm-release-status" data-status={b().release.status}>
                      {t(
                        b().release.status === 'released'
                          ? 'work.releaseStatus.released'
                          : 'work.releaseStatus.planned',
                      )}
                    </span>
                    <span class="rm-release-date">{releaseWhen(b().release, days.day, t)}</span>
                  </header>
                  <Show when={b().release.description}>
                    <p class="rm-description">{b().release.description}</p>
                  </Show>
                  <For each={b().iterations}>
                    {(iteration) => <IterationSection block={iteration} today={props.today} />}
                  </For>
                  <Show when={b().direct.length > 0}>
                    <section class="rm-iteration">
                      <header class="rm-iteration-header">
                        <h3>{t('roadmap.releaseDirect')}</h3>
                      </header>
                      <RequirementList requirements={b().direct} />
                    </section>
                  </Show>
                </article>
              )}
            </Match>
            <Match when={block.type === 'iteration' && block}>
              {(b) => (
                <article class="card rm-release rm-standalone">
                  <IterationSection block={b().block} today={props.today} />
                </article>
              )}
            </Match>
          </Switch>
        )}
      </For>
      <Show when={layout().unscheduled.length > 0}>
        <article class="card rm-release rm-unscheduled" id="rm-unscheduled">
          <header class="rm-release-header">
            <h2>{t('roadmap.unscheduled')}</h2>
            <span class="rm-release-date">{t('roadmap.unscheduledIntro')}</span>
          </header>
          <div class="rm-iteration">
            <RequirementList requirements={layout().unscheduled} showTarget />
          </div>
        </article>
      </Show>
    </div>
  )
}

function IterationSection(props: { block: IterationBlock; today: string }) {
  const { t } = useI18n()
  const days = useDayFormat()
  const iteration = () => props.block.iteration
  const when = () => {
    const i = iteration()
    if (i.status !== 'active') return undefined
    const left = daysBetween(props.today, i.endDate)
    if (left < 0) return undefined
    return left === 0 ? t('roadmap.endsToday') : t('roadmap.daysLeft', { count: String(left) })
  }
  return (
    <section class="rm-iteration" id={`rm-iteration-${iteration().id}`}>
      <header class="rm-iteration-header">
        <span class={`rm-swatch is-${iteration().status}`} aria-hidden="true" />
        <h3>{iteration().name}</h3>
        <span class="rm-iteration-dates">
          {days.range(iteration().startDate, iteration().endDate, props.today)}
        </span>
        <span class="rm-iteration-state" data-status={iteration().status}>
          {t(`work.iterationStatus.${iteration().status as 'planned' | 'active' | 'closed'}`)}
        </span>
        <Show when={when()}>{(text) => <span class="rm-iteration-left">{text()}</span>}</Show>
        <span class="rm-iteration-count">{countLabel(props.block.requirements.length, t)}</span>
      </header>
      <Show when={iteration().goal}>
        <p class="rm-goal">{t('roadmap.goal', { goal: iteration().goal })}</p>
      </Show>
      <Show
        when={props.block.requirements.length > 0}
        fallback={<p class="rm-nothing">{t('roadmap.nothingPlanned')}</p>}
      >
        <RequirementList requirements={props.block.requirements} />
      </Show>
    </section>
  )
}

function RequirementList(props: { requirements: RoadmapRequirement[]; showTarget?: boolean }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const days = useDayFormat()
  return (
    <ul class="rm-requirements">
      <For each={props.requirements}>
        {(requirement) => (
          <li
            class="rm-requirement"
            classList={{ 'is-done': ['released', 'closed'].includes(requirement.status) }}
          >
            <A class="key-chip" href={`/w/${ws.id()}/i/${requirement.key}`}>
              {requirement.key}
            </A>
            <A class="rm-requirement-title" href={`/w/${ws.id()}/i/${requirement.key}`}>
              {requirement.title}
            </A>
            <Show when={props.showTarget && requirement.targetDate}>
              {(date) => (
                <span class="rm-requirement-target">
                  {t('roadmap.targetOnly', { date: days.short(date()) })}
                </span>
              )}
            </Show>
            <Show when={requirement.askCount > 0}>
              <span class="rm-asks">
                {requirement.askCount === 1
                  ? t('roadmap.asksOne')
                  : t('roadmap.asks', { count: String(requirement.askCount) })}
              </span>
            </Show>
            <PriorityMark priority={requirement.priority} />
            <RequirementStatus status={requirement.status} />
          </li>
        )}
      </For>
    </ul>
  )
}

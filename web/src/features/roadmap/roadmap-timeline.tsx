// The roadmap's timeline: months across, iterations as bars (in lanes where they overlap), releases as
// milestones, week and month lines and a today marker.
import { createMemo, For, onMount } from 'solid-js'
import { useI18n } from '../../i18n'
import { useDayFormat } from './format'
import { countLabel, releaseWhen } from './labels'
import type { Roadmap } from './queries'
import {
  assignLanes,
  dayNumber,
  daysBetween,
  monthsOf,
  pointOf,
  spanOf,
  timelineMinWidth,
  timelineRange,
  weekLinesOf,
} from './timeline'

const ITERATION_ROW = 40
const RELEASE_ROW = 26

export function Timeline(props: { roadmap: Roadmap; today: string }) {
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
  // A timeline wider than the screen (a phone) opens at today, a third of the way in, not at its start.
  let scroller: HTMLDivElement | undefined
  let today: HTMLSpanElement | undefined
  onMount(() =>
    requestAnimationFrame(() => {
      if (!scroller || !today || scroller.scrollWidth <= scroller.clientWidth) return
      const x = today.getBoundingClientRect().left - scroller.getBoundingClientRect().left
      scroller.scrollLeft = Math.max(0, x - scroller.clientWidth / 3)
    }),
  )

  return (
    <section class="card rm-timeline-card" aria-labelledby="rm-timeline-title">
      <header class="rm-timeline-header">
        <h2 id="rm-timeline-title" class="section-title">
          {t('roadmap.timeline')}
        </h2>
        <TimelineLegend />
      </header>
      <div class="rm-timeline-scroll" ref={scroller}>
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
            <span class="rm-today" ref={today} style={{ left: pct(pointOf(range(), props.today)) }}>
              <span class="rm-today-label">{t('roadmap.today')}</span>
            </span>
          </div>
        </div>
      </div>
    </section>
  )
}

/** What the bars' colours and the diamonds mean. */
function TimelineLegend() {
  const { t } = useI18n()
  return (
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
  )
}

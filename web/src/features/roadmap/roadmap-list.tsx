// The roadmap as a list under the timeline: each release with the iterations and requirements it carries,
// iterations on their own, and what is not scheduled yet.
import { A } from '@solidjs/router'
import { createMemo, For, Match, Show, Switch } from 'solid-js'
import { daysLeft } from '../../../../domain/dates'
import { useI18n } from '../../i18n'
import { useWorkspace } from '../workspaces/workspace-context'
import { type IterationBlock, roadmapLayout } from './blocks'
import { useDayFormat } from './format'
import { countLabel, releaseWhen } from './labels'
import { PriorityMark, RequirementStatus } from './pills'
import type { Roadmap, RoadmapRequirement } from './queries'

export function RoadmapList(props: { roadmap: Roadmap; today: string }) {
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
    const left = daysLeft(i.endDate, props.today)
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

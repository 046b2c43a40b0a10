// The iteration above the board: a picker, its dates and days left, its goal, and how its capacity is
// used — feature work, stability work and the stability budget reserved — with warnings when feature
// work eats the budget or the iteration is over capacity.
import { createUniqueId, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { WatchButton } from '../notifications/watch-button'
import { daysBetween, daysLeft } from './board-logic'
import type { Iteration } from './queries'

const round = (n: number) => String(Math.round(n * 10) / 10)

/** When the iteration is, in words: starts in n days, n days left, last day, ended (none when closed). */
export function useIterationWhen(iteration: () => Iteration, today: string) {
  const { t } = useI18n()
  return () => {
    const it = iteration()
    // A closed iteration says so in its status badge already.
    if (it.status === 'closed') return undefined
    const untilStart = daysBetween(today, it.startDate)
    if (untilStart > 1) return t('board.startsIn', { n: String(untilStart) })
    if (untilStart === 1) return t('board.startsTomorrow')
    const left = daysLeft(it.endDate, today)
    if (left < 0) return t('board.ended')
    if (left === 0) return t('board.lastDay')
    return left === 1 ? t('board.oneDayLeft') : t('board.daysLeft', { n: String(left) })
  }
}

/** The load of the iteration against its capacity, in points ("38 / 40 pts"). */
export const loadText = (it: Iteration, t: ReturnType<typeof useI18n>['t']) =>
  t('board.load', { load: round(it.load), capacity: round(it.capacity) })

export function IterationHeader(props: {
  iteration: Iteration
  iterations: Iteration[]
  today: string
  formatDay: (date: string) => string
  onPick: (id: number) => void
}) {
  const { t } = useI18n()
  const pickerId = createUniqueId()
  const when = useIterationWhen(() => props.iteration, props.today)
  return (
    <section class="iteration-header" aria-label={t('board.iteration')}>
      <div class="iteration-main">
        <div class="iteration-line">
          <label for={pickerId} class="visually-hidden">
            {t('board.iteration')}
          </label>
          <select
            id={pickerId}
            class="input select iteration-picker"
            onChange={(e) => props.onPick(Number(e.currentTarget.value))}
          >
            <For each={props.iterations}>
              {(it) => (
                <option value={String(it.id)} selected={it.id === props.iteration.id}>
                  {t('board.iterationOption', {
                    name: it.name,
                    status: t(`work.iterationStatus.${it.status}`),
                  })}
                </option>
              )}
            </For>
          </select>
          <span class={`iteration-status status-${props.iteration.status}`}>
            {t(`work.iterationStatus.${props.iteration.status}`)}
          </span>
          <span class="iteration-dates">
            {t('board.dates', {
              start: props.formatDay(props.iteration.startDate),
              end: props.formatDay(props.iteration.endDate),
            })}
          </span>
          <Show when={when()}>{(text) => <span class="iteration-left">{text()}</span>}</Show>
          <WatchButton target="iteration" id={props.iteration.id} />
        </div>
        <p class="iteration-goal" classList={{ 'is-empty': !props.iteration.goal }}>
          <Show when={props.iteration.goal} fallback={t('board.noGoal')}>
            <span class="iteration-goal-label">{t('board.goal')}</span> {props.iteration.goal}
          </Show>
        </p>
      </div>
      <CapacityMeter iteration={props.iteration} />
    </section>
  )
}

/**
 * One bar for the capacity: feature work from the left, stability work after it, and the stability budget
 * marked as the last part of the bar. Feature work past that mark eats the budget.
 */
function CapacityMeter(props: { iteration: Iteration }) {
  const { t } = useI18n()
  const it = () => props.iteration
  const scale = () => Math.max(it().capacity, it().load, 1)
  const pct = (n: number) => `${Math.min(100, (n / scale()) * 100)}%`
  const warning = () => it().overCapacity || it().stabilityBudgetEaten
  return (
    <div class="capacity" classList={{ 'has-warning': warning() }}>
      <div class="capacity-numbers">
        <span>{loadText(it(), t)}</span>
        <span class="capacity-stability" classList={{ 'is-warning': it().stabilityBudgetEaten }}>
          {t('board.stability', { used: round(it().stabilityUsed), reserved: round(it().stabilityReserved) })}
        </span>
      </div>
      <div
        class="capacity-bar"
        role="img"
        aria-label={t('board.meterLabel', {
          feature: round(it().featureLoad),
          used: round(it().stabilityUsed),
          reserved: round(it().stabilityReserved),
          capacity: round(it().capacity),
        })}
      >
        <span
          class="capacity-reserved"
          style={{ left: pct(it().featureCapacity), width: pct(it().stabilityReserved) }}
        />
        <span class="capacity-feature" style={{ width: pct(it().featureLoad) }} />
        <span
          class="capacity-stability-used"
          style={{ left: pct(it().featureLoad), width: pct(it().stabilityUsed) }}
        />
        <Show when={it().load > it().capacity}>
          <span class="capacity-limit" style={{ left: pct(it().capacity) }} />
        </Show>
      </div>
      <div class="capacity-legend" aria-hidden="true">
        <span class="legend-item legend-feature">{t('board.legendFeature')}</span>
        <span class="legend-item legend-stability">{t('board.legendStability')}</span>
        <span class="legend-item legend-reserved">{t('board.legendReserved')}</span>
      </div>
      <Show when={warning()}>
        <p class="capacity-warning" role="note">
          <WarningIcon />
          <span>
            {it().overCapacity
              ? t('board.overCapacity', { n: round(it().load - it().capacity) })
              : t('board.budgetEaten')}
            <Show when={it().overCapacity && it().stabilityBudgetEaten}> · {t('board.budgetEaten')}</Show>
          </span>
        </p>
      </Show>
    </div>
  )
}

export function WarningIcon() {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.5"
      aria-hidden="true"
    >
      <path d="M8 2.2 14.2 13H1.8z" stroke-linejoin="round" />
      <path d="M8 6.5v3M8 11.3v.2" stroke-linecap="round" />
    </svg>
  )
}

// An iteration's capacity bar with its legend: feature load, stability reserved and used, over capacity.
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { capacityBar, formatPoints, type IterationLoad } from './capacity'

export function CapacityBar(props: { load: IterationLoad; compact?: boolean }) {
  const { t, points } = useI18n()
  const bar = () => capacityBar(props.load)
  const label = () =>
    t('plan.capacityLabel', {
      feature: formatPoints(props.load.featureLoad),
      featureCapacity: formatPoints(props.load.featureCapacity),
      used: formatPoints(props.load.stabilityUsed),
      reserved: formatPoints(props.load.stabilityReserved),
      capacity: formatPoints(props.load.capacity),
    })
  return (
    <div class="capacity" classList={{ 'capacity-compact': props.compact }}>
      <div class="capacity-bar" role="img" aria-label={label()} title={label()}>
        <span
          class="capacity-reserve"
          style={{ left: `${bar().reserve.start}%`, width: `${bar().reserve.width}%` }}
        />
        <For each={bar().segments}>
          {(segment) => (
            <span
              class="capacity-segment"
              data-kind={segment.kind}
              style={{ left: `${segment.start}%`, width: `${segment.width}%` }}
            />
          )}
        </For>
        <Show when={bar().capacityAt}>
          {(at) => <span class="capacity-limit" style={{ left: `${at()}%` }} />}
        </Show>
      </div>
      <Show when={!props.compact}>
        <dl class="capacity-legend">
          <div>
            <dt>
              <span class="legend-swatch" data-kind="feature" aria-hidden="true" />
              {t('plan.legendFeature')}
            </dt>
            <dd>
              {formatPoints(props.load.featureLoad)} / {formatPoints(props.load.featureCapacity)}
            </dd>
          </div>
          <div>
            <dt>
              <span class="legend-swatch" data-kind="stability" aria-hidden="true" />
              {t('plan.legendStability')}
            </dt>
            <dd>
              {formatPoints(props.load.stabilityUsed)} / {formatPoints(props.load.stabilityReserved)}
            </dd>
          </div>
          <div>
            <dt>{t('work.terms.capacity')}</dt>
            <dd classList={{ 'is-over': bar().overBy > 0 }}>
              {formatPoints(props.load.featureLoad + props.load.stabilityUsed)} /{' '}
              {points(props.load.capacity)}
            </dd>
          </div>
        </dl>
      </Show>
    </div>
  )
}

// The bar above the board: how to group it into swimlanes, the quick filters, and how many cards show.
import { For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { SearchIcon } from '../../ui/icons'
import {
  type BoardFilters,
  filtersActive,
  GROUP_BYS,
  type GroupBy,
  NO_FILTERS,
  TASK_KINDS,
  type TaskKind,
} from './board-logic'

export function BoardToolbar(props: {
  groupBy: GroupBy
  onGroupBy: (groupBy: GroupBy) => void
  filters: BoardFilters
  onFilters: (filters: BoardFilters) => void
  /** Whether the board has loaded (the count shows only then). */
  loaded: boolean
  shown: number
  total: number
}) {
  const { t } = useI18n()
  const patch = (change: Partial<BoardFilters>) => props.onFilters({ ...props.filters, ...change })
  return (
    <div class="board-toolbar">
      <span class="toolbar-label" aria-hidden="true">
        {t('board.groupBy')}
      </span>
      <fieldset class="segmented board-segmented">
        <legend class="visually-hidden">{t('board.groupBy')}</legend>
        <For each={GROUP_BYS}>
          {(g) => (
            <button
              type="button"
              class="segmented-item"
              aria-pressed={props.groupBy === g}
              onClick={() => props.onGroupBy(g)}
            >
              {t(`board.group.${g}`)}
            </button>
          )}
        </For>
      </fieldset>
      <span class="toolbar-sep" aria-hidden="true" />
      <span class="visually-hidden">{t('board.filters')}</span>
      <button
        type="button"
        class="filter-chip"
        aria-pressed={props.filters.mine}
        onClick={() => patch({ mine: !props.filters.mine })}
      >
        {t('board.mine')}
      </button>
      <button
        type="button"
        class="filter-chip"
        aria-pressed={props.filters.blockedOnly}
        onClick={() => patch({ blockedOnly: !props.filters.blockedOnly })}
      >
        {t('board.blockedOnly')}
      </button>
      <label class="visually-hidden" for="board-kind-filter">
        {t('board.kindFilter')}
      </label>
      <select
        id="board-kind-filter"
        class="input select select-compact filter-select"
        classList={{ 'is-active': props.filters.kind !== '' }}
        value={props.filters.kind}
        onChange={(e) => patch({ kind: e.currentTarget.value as TaskKind | '' })}
      >
        <option value="">{t('board.allKinds')}</option>
        <For each={TASK_KINDS}>{(k) => <option value={k}>{t(`work.taskKind.${k}`)}</option>}</For>
      </select>
      <div class="filter-search">
        <SearchIcon />
        <input
          type="search"
          class="input"
          aria-label={t('board.textFilter')}
          placeholder={t('board.textFilterPlaceholder')}
          value={props.filters.text}
          onInput={(e) => patch({ text: e.currentTarget.value })}
        />
      </div>
      <Show when={filtersActive(props.filters)}>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onFilters(NO_FILTERS)}>
          {t('board.clearFilters')}
        </button>
      </Show>
      <span class="toolbar-count" aria-live="polite">
        <Show when={props.loaded}>
          {filtersActive(props.filters)
            ? t('board.shownOf', { shown: String(props.shown), total: String(props.total) })
            : t('board.cardsTotal', { n: String(props.total) })}
        </Show>
      </span>
    </div>
  )
}

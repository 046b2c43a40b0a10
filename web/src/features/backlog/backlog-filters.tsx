// The backlog's filter bar: text, status (a checklist in a popover), priority toggles, module, customer.

import { Popover } from '@kobalte/core/popover'
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { ChevronIcon, SearchIcon } from '../../ui/icons'
import { createLocalQuery } from '../../ui/query-view'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import {
  type BacklogFilter,
  DEFAULT_FILTER,
  isDefaultFilter,
  OPEN_STATUSES,
  PRIORITIES,
  REQUIREMENT_STATUSES,
  type RequirementStatus,
} from './filters'
import { customersQuery, flattenModules, modulesQuery } from './lookups'
import { loaded } from './queries'

export function BacklogFilters(props: {
  product: Product
  filter: BacklogFilter
  onChange: (filter: BacklogFilter) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const modules = createLocalQuery(() => modulesQuery(ws.id(), props.product.id))
  const customers = createLocalQuery(() => ({ ...customersQuery(ws.id()), enabled: ws.can('customer.view') }))
  const flatModules = () => flattenModules(loaded(modules)?.items ?? [])
  const change = (patch: Partial<BacklogFilter>) => props.onChange({ ...props.filter, ...patch })

  // The text box answers at once; the list follows a moment after typing stops.
  const [text, setText] = createSignal(props.filter.text)
  createEffect(
    on(
      () => props.filter.text,
      (value) => setText(value),
      { defer: true },
    ),
  )
  let timer: ReturnType<typeof setTimeout> | undefined
  const typed = (value: string) => {
    setText(value)
    clearTimeout(timer)
    timer = setTimeout(() => change({ text: value }), 250)
  }
  onCleanup(() => clearTimeout(timer))

  const togglePriority = (p: (typeof PRIORITIES)[number]) =>
    change({
      priorities: props.filter.priorities.includes(p)
        ? props.filter.priorities.filter((x) => x !== p)
        : [...props.filter.priorities, p],
    })

  return (
    <fieldset class="filter-bar">
      <legend class="visually-hidden">{t('backlog.filters')}</legend>
      <label class="filter-search">
        <SearchIcon />
        <span class="visually-hidden">{t('backlog.filterText')}</span>
        <input
          class="input"
          type="search"
          placeholder={t('backlog.filterTextPlaceholder')}
          value={text()}
          maxLength={FIELD_LIMITS.name}
          onInput={(e) => typed(e.currentTarget.value)}
        />
      </label>
      <StatusFilter selected={props.filter.statuses} onChange={(statuses) => change({ statuses })} />
      <fieldset class="segmented priority-filter">
        <legend class="visually-hidden">{t('backlog.filterPriority')}</legend>
        <For each={PRIORITIES}>
          {(p) => (
            <button
              type="button"
              class="segmented-item"
              aria-pressed={props.filter.priorities.includes(p)}
              title={t(`work.priority.${p}`)}
              onClick={() => togglePriority(p)}
            >
              {p}
            </button>
          )}
        </For>
      </fieldset>
      <label class="filter-select">
        <span class="visually-hidden">{t('work.terms.module')}</span>
        <select
          class="input select select-compact"
          value={props.filter.moduleId ?? ''}
          onChange={(e) =>
            change({ moduleId: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })
          }
        >
          <option value="">{t('backlog.allModules')}</option>
          <For each={flatModules()}>
            {(m) => (
              <option value={m.id} selected={m.id === props.filter.moduleId}>
                {`${'\u00a0\u00a0'.repeat(m.depth)}${m.name}`}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={ws.can('customer.view')}>
        <label class="filter-select">
          <span class="visually-hidden">{t('work.terms.customer')}</span>
          <select
            class="input select select-compact"
            value={props.filter.customerId ?? ''}
            onChange={(e) =>
              change({ customerId: e.currentTarget.value ? Number(e.currentTarget.value) : undefined })
            }
          >
            <option value="">{t('backlog.allCustomers')}</option>
            <For each={loaded(customers)?.items ?? []}>
              {(c) => (
                <option value={c.id} selected={c.id === props.filter.customerId}>
                  {c.name}
                </option>
              )}
            </For>
          </select>
        </label>
      </Show>
      <Show when={!isDefaultFilter(props.filter)}>
        <button type="button" class="btn btn-ghost btn-small" onClick={() => props.onChange(DEFAULT_FILTER)}>
          {t('backlog.clearFilters')}
        </button>
      </Show>
    </fieldset>
  )
}

function StatusFilter(props: {
  selected: readonly RequirementStatus[]
  onChange: (statuses: RequirementStatus[]) => void
}) {
  const { t } = useI18n()
  const isOpenWork = () =>
    props.selected.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => props.selected.includes(s))
  const summary = () => {
    if (props.selected.length === 0 || props.selected.length === REQUIREMENT_STATUSES.length)
      return t('backlog.statusAll')
    if (isOpenWork()) return t('backlog.statusOpen')
    if (props.selected.length === 1) return t(`work.requirementStatus.${props.selected[0]!}`)
    return t('backlog.statusCount', { count: String(props.selected.length) })
  }
  const toggle = (s: RequirementStatus) =>
    props.onChange(
      props.selected.includes(s) ? props.selected.filter((x) => x !== s) : [...props.selected, s],
    )
  return (
    <Popover gutter={4} placement="bottom-start">
      <Popover.Trigger
        class="btn btn-small filter-trigger"
        aria-label={t('backlog.filterStatusLabel', { value: summary() })}
      >
        <span class="filter-trigger-label">{t('backlog.filterStatus')}</span>
        <span>{summary()}</span>
        <ChevronIcon />
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="menu filter-popover">
          <Popover.Title class="menu-label">{t('backlog.filterStatus')}</Popover.Title>
          <div class="filter-presets">
            <button type="button" class="btn btn-small" onClick={() => props.onChange([...OPEN_STATUSES])}>
              {t('backlog.statusOpen')}
            </button>
            <button type="button" class="btn btn-small" onClick={() => props.onChange([])}>
              {t('backlog.statusAll')}
            </button>
          </div>
          <For each={REQUIREMENT_STATUSES}>
            {(s) => (
              <label class="checkbox filter-option">
                <input
                  type="checkbox"
                  checked={props.selected.length === 0 || props.selected.includes(s)}
                  onChange={() =>
                    props.selected.length === 0
                      ? props.onChange(REQUIREMENT_STATUSES.filter((x) => x !== s))
                      : toggle(s)
                  }
                />
                <span class="status-dot" data-status={s} aria-hidden="true" />
                {t(`work.requirementStatus.${s}`)}
              </label>
            )}
          </For>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  )
}

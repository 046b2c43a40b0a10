// The headings and one row of the ranked backlog: key, title, status, inline priority and estimate, score, asks, iteration;
// and the skeleton shown while the first page loads.
import { A } from '@solidjs/router'
import { createDraggable, createDroppable } from '@thisbeyond/solid-dnd'
import { Index, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import type { Product } from '../products/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { activateOn } from './drag'
import { PRIORITIES } from './filters'
import { keepWhileTyping } from './inputs'
import { PriorityPill, Score, StatusPill } from './pills'
import { type RequirementListItem, useUpdateRequirement } from './queries'

/** The column headings, lined up with the rows' cells. */
export function BacklogHead() {
  const { t } = useI18n()
  return (
    <thead class="backlog-head">
      <tr class="backlog-row backlog-header-row" aria-rowindex={1}>
        <th scope="col" class="col-handle">
          <span class="visually-hidden">{t('backlog.colHandle')}</span>
        </th>
        <th scope="col" class="col-rank">
          {t('backlog.colRank')}
        </th>
        <th scope="col">{t('backlog.colKey')}</th>
        <th scope="col">{t('backlog.colTitle')}</th>
        <th scope="col">{t('backlog.colPriority')}</th>
        <th scope="col">{t('backlog.colStatus')}</th>
        <th scope="col" class="num">
          {t('work.terms.estimate')}
        </th>
        <th scope="col" class="num" title={t('backlog.scoreHint')}>
          {t('work.terms.score')}
        </th>
        <th scope="col" class="num" title={t('backlog.asksHint')}>
          {t('work.terms.asks')}
        </th>
        <th scope="col" class="col-iteration">
          {t('work.terms.iteration')}
        </th>
      </tr>
    </thead>
  )
}

export function BacklogRow(props: {
  id: number
  item: RequirementListItem
  index: number
  top: number
  product: Product
  iterationName: string | undefined
  focusable: boolean
  dragging: boolean
  hint: 'before' | 'after' | undefined
  onKeyDown: (e: KeyboardEvent) => void
  onFocus: () => void
  onError: (err: unknown) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const draggable = createDraggable(props.id)
  const droppable = createDroppable(props.id)
  const canEdit = () => ws.can('requirement.update')
  const tab = () => (props.focusable ? 0 : -1)
  const sub = () => [props.item.role, props.item.scenario].filter(Boolean).join(' · ')
  return (
    <tr
      class="backlog-row"
      classList={{
        'is-dragging': props.dragging,
        'drop-before': props.hint === 'before',
        'drop-after': props.hint === 'after',
      }}
      ref={(el) => {
        draggable.ref(el)
        droppable.ref(el)
      }}
      style={{ top: `${props.top}px` }}
      data-index={props.index}
      data-id={props.id}
      data-testid="backlog-row"
      aria-rowindex={props.index + 2}
      aria-describedby="backlog-keyboard-hint"
      tabIndex={tab()}
      onKeyDown={(e) => props.onKeyDown(e)}
      onFocus={(e) => e.target === e.currentTarget && props.onFocus()}
    >
      <td class="col-handle">
        <Show when={ws.can('requirement.rank')}>
          <span
            class="drag-handle"
            title={t('backlog.dragHint')}
            aria-hidden="true"
            ref={(el) => activateOn(el, draggable)}
          >
            <GripIcon />
          </span>
        </Show>
      </td>
      <td class="col-rank">{props.index + 1}</td>
      <td>
        <A class="key-chip key-link" href={`/w/${ws.id()}/i/${props.item.key}`} tabIndex={tab()}>
          {props.item.key}
        </A>
      </td>
      <td class="col-title" title={sub() ? `${props.item.title}\n${sub()}` : props.item.title}>
        <A class="row-title" href={`/w/${ws.id()}/i/${props.item.key}`} tabIndex={-1}>
          {props.item.title}
        </A>
        <span class="row-sub">{sub() || t('backlog.noRole')}</span>
      </td>
      <td>
        <Show when={canEdit()} fallback={<PriorityPill priority={props.item.priority} short />}>
          <PriorityCell
            item={props.item}
            productId={props.product.id}
            tabIndex={tab()}
            onError={props.onError}
          />
        </Show>
      </td>
      <td>
        <StatusPill status={props.item.status} />
      </td>
      <td class="num">
        <Show when={canEdit()} fallback={<span>{props.item.estimate ?? '—'}</span>}>
          <EstimateCell
            item={props.item}
            productId={props.product.id}
            tabIndex={tab()}
            onError={props.onError}
          />
        </Show>
      </td>
      <td class="num">
        <Score score={props.item.score} />
      </td>
      <td class="num" classList={{ 'cell-muted': props.item.askCount === 0 }}>
        {props.item.askCount || '—'}
      </td>
      <td class="col-iteration" classList={{ 'cell-muted': !props.iterationName }}>
        {props.iterationName ?? t('work.terms.noIteration')}
      </td>
    </tr>
  )
}

interface CellProps {
  item: RequirementListItem
  productId: number
  tabIndex: number
  onError: (err: unknown) => void
}

function PriorityCell(props: CellProps) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const update = useUpdateRequirement(ws.id)
  return (
    <select
      class="cell-select"
      data-priority={props.item.priority}
      aria-label={t('backlog.priorityOf', { key: props.item.key })}
      tabIndex={props.tabIndex}
      value={props.item.priority}
      onChange={(e) =>
        update.mutate(
          {
            id: props.item.id,
            productId: props.productId,
            patch: { priority: e.currentTarget.value as (typeof PRIORITIES)[number] },
          },
          { onError: props.onError },
        )
      }
    >
      <Index each={PRIORITIES}>
        {(p) => (
          <option value={p()} selected={p() === props.item.priority}>
            {t(`work.priority.${p()}`)}
          </option>
        )}
      </Index>
    </select>
  )
}

function EstimateCell(props: CellProps) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const update = useUpdateRequirement(ws.id)
  const save = (input: HTMLInputElement) => {
    const raw = input.value.trim()
    const value = raw === '' ? null : Number(raw)
    if (value !== null && (!Number.isFinite(value) || value < 0 || value > 1000)) {
      input.value = props.item.estimate === null ? '' : String(props.item.estimate)
      return
    }
    if (value === props.item.estimate) return
    update.mutate(
      { id: props.item.id, productId: props.productId, patch: { estimate: value } },
      { onError: props.onError },
    )
  }
  return (
    <input
      class="cell-input"
      type="number"
      min="0"
      max="1000"
      step="0.5"
      inputMode="decimal"
      placeholder="—"
      aria-label={t('backlog.estimateOf', { key: props.item.key })}
      aria-invalid={update.isError ? true : undefined}
      tabIndex={props.tabIndex}
      ref={(el) => keepWhileTyping(el, () => props.item.estimate)}
      onChange={(e) => save(e.currentTarget)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur()
        if (e.key === 'Escape') {
          e.currentTarget.value = props.item.estimate === null ? '' : String(props.item.estimate)
          e.currentTarget.blur()
        }
      }}
    />
  )
}

function GripIcon() {
  return (
    <svg width="10" height="14" viewBox="0 0 10 14" aria-hidden="true">
      <g fill="currentColor">
        <circle cx="3" cy="3" r="1.2" />
        <circle cx="7" cy="3" r="1.2" />
        <circle cx="3" cy="7" r="1.2" />
        <circle cx="7" cy="7" r="1.2" />
        <circle cx="3" cy="11" r="1.2" />
        <circle cx="7" cy="11" r="1.2" />
      </g>
    </svg>
  )
}

export function BacklogSkeleton() {
  const { t } = useI18n()
  return (
    <div class="backlog-table backlog-skeleton" role="status" aria-label={t('app.loading')}>
      <Index each={Array.from({ length: 8 })}>
        {() => (
          <div class="backlog-row skeleton-row" aria-hidden="true">
            <span />
            <span class="skeleton-bar short" />
            <span class="skeleton-bar" />
            <span class="skeleton-bar long" />
            <span class="skeleton-bar" />
            <span class="skeleton-bar" />
          </div>
        )}
      </Index>
    </div>
  )
}

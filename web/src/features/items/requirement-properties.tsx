// The side of a requirement's page: its properties (source, priority, value, effort and estimate, score,
// module, iteration, release, target date, pinned), edited in place for those who may, when it was created
// and changed, and deleting it.
import { For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { PRIORITIES, type Priority } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { PriorityPill } from '../backlog/pills'
import { loaded, type RequirementDetail, type RequirementPatch } from '../backlog/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { NumberInput, Property } from './editable'
import type { useNames } from './use-names'

const SOURCES = ['customer', 'internal', 'market', 'regulation', 'incident'] as const

export function RequirementProperties(props: {
  requirement: RequirementDetail
  canEdit: boolean
  save: (patch: RequirementPatch) => void
  lookups: ReturnType<typeof useNames>
  onDelete: () => void
}) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const r = () => props.requirement
  return (
    <aside class="item-side" aria-label={t('items.properties')}>
      <div class="properties">
        <RatingProperties requirement={r()} canEdit={props.canEdit} save={props.save} />
        <PlanProperties requirement={r()} canEdit={props.canEdit} save={props.save} lookups={props.lookups} />
        <Property label={t('items.targetDate')} for="prop-target">
          <Show when={props.canEdit} fallback={r().targetDate ? i18n.formatDate(r().targetDate!) : '—'}>
            <input
              id="prop-target"
              class="prop-input"
              type="date"
              min={DATE_WINDOW.min}
              max={DATE_WINDOW.max}
              value={r().targetDate ?? ''}
              onChange={(e) => props.save({ targetDate: e.currentTarget.value || null })}
            />
          </Show>
        </Property>
        <Property label={t('items.pinned')}>
          <label class="checkbox prop-check" title={t('items.pinnedHint')}>
            <input
              type="checkbox"
              checked={r().pinned}
              disabled={!props.canEdit}
              onChange={(e) => props.save({ pinned: e.currentTarget.checked })}
            />
            <span>{r().pinned ? t('items.pinnedYes') : t('items.pinnedNo')}</span>
          </label>
        </Property>
      </div>
      <p class="item-side-meta">
        {t('items.createdAt', { date: formatDateTime(r().createdAt) })}
        <br />
        {t('items.updatedAt', { date: formatDateTime(r().updatedAt) })}
      </p>
      <Show when={ws.can('requirement.delete')}>
        <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => props.onDelete()}>
          {t('items.deleteRequirement')}
        </button>
      </Show>
    </aside>
  )
}

/** Where the requirement comes from and what it is worth against what it costs. */
function RatingProperties(props: {
  requirement: RequirementDetail
  canEdit: boolean
  save: (patch: RequirementPatch) => void
}) {
  const { t } = useI18n()
  const r = () => props.requirement
  return (
    <>
      <Property label={t('items.source')} for="prop-source">
        <Show when={props.canEdit} fallback={t(`work.source.${r().source as (typeof SOURCES)[number]}`)}>
          <select
            id="prop-source"
            class="prop-select"
            value={r().source}
            onChange={(e) => props.save({ source: e.currentTarget.value as (typeof SOURCES)[number] })}
          >
            <For each={SOURCES}>
              {(s) => (
                <option value={s} selected={s === r().source}>
                  {t(`work.source.${s}`)}
                </option>
              )}
            </For>
          </select>
        </Show>
      </Property>
      <Property label={t('backlog.colPriority')} for="prop-priority">
        <Show when={props.canEdit} fallback={<PriorityPill priority={r().priority} />}>
          <select
            id="prop-priority"
            class="prop-select"
            data-priority={r().priority}
            value={r().priority}
            onChange={(e) => props.save({ priority: e.currentTarget.value as Priority })}
          >
            <For each={PRIORITIES}>
              {(p) => (
                <option value={p} selected={p === r().priority}>
                  {t(`work.priority.${p}`)}
                </option>
              )}
            </For>
          </select>
        </Show>
      </Property>
      <Property label={t('items.value')} for="prop-value">
        <Show when={props.canEdit} fallback={String(r().value)}>
          <NumberInput
            id="prop-value"
            label={t('items.value')}
            value={r().value}
            min={1}
            max={10}
            step={1}
            onSave={(value) => value !== null && props.save({ value })}
          />
        </Show>
      </Property>
      <Property label={t('items.effort')} for="prop-effort">
        <Show when={props.canEdit} fallback={r().effort ?? '—'}>
          <NumberInput
            id="prop-effort"
            label={t('items.effort')}
            value={r().effort}
            min={0}
            max={1000}
            nullable
            onSave={(effort) => props.save({ effort })}
          />
        </Show>
      </Property>
      <Property label={t('work.terms.estimate')} for="prop-estimate">
        <Show when={props.canEdit} fallback={r().estimate ?? '—'}>
          <NumberInput
            id="prop-estimate"
            label={t('work.terms.estimate')}
            value={r().estimate}
            min={0}
            max={1000}
            nullable
            onSave={(estimate) => props.save({ estimate })}
          />
        </Show>
      </Property>
      <Property label={t('work.terms.score')}>
        <span title={t('backlog.sortFormula')}>{r().score}</span>
      </Property>
    </>
  )
}

/** Where the requirement belongs: its module, and the iteration and release it is planned for. */
function PlanProperties(props: {
  requirement: RequirementDetail
  canEdit: boolean
  save: (patch: RequirementPatch) => void
  lookups: ReturnType<typeof useNames>
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const r = () => props.requirement
  const iterationOptions = () =>
    (loaded(props.lookups.iterations)?.items ?? []).filter(
      (it) => it.status !== 'closed' || it.id === r().iterationId,
    )
  return (
    <>
      <Property label={t('work.terms.module')} for="prop-module">
        <Show
          when={props.canEdit}
          fallback={
            (r().moduleId !== null && props.lookups.names.module(r().moduleId!)) || t('work.terms.noModule')
          }
        >
          <select
            id="prop-module"
            class="prop-select"
            value={r().moduleId ?? ''}
            onChange={(e) =>
              props.save({ moduleId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
            }
          >
            <option value="">{t('work.terms.noModule')}</option>
            <For each={props.lookups.modules()}>
              {(m) => (
                <option value={m.id} selected={m.id === r().moduleId}>
                  {m.path}
                </option>
              )}
            </For>
          </select>
        </Show>
      </Property>
      <Property label={t('work.terms.iteration')} for="prop-iteration">
        <Show
          when={props.canEdit && ws.can('iteration.view')}
          fallback={
            (r().iterationId !== null && props.lookups.names.iteration(r().iterationId!)) ||
            t('work.terms.noIteration')
          }
        >
          <select
            id="prop-iteration"
            class="prop-select"
            value={r().iterationId ?? ''}
            onChange={(e) =>
              props.save({ iterationId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
            }
          >
            <option value="">{t('work.terms.noIteration')}</option>
            <For each={iterationOptions()}>
              {(it) => (
                <option value={it.id} selected={it.id === r().iterationId}>
                  {it.name}
                </option>
              )}
            </For>
          </select>
        </Show>
      </Property>
      <Property label={t('work.terms.release')} for="prop-release">
        <Show
          when={props.canEdit && ws.can('roadmap.view')}
          fallback={
            (r().releaseId !== null && props.lookups.names.release(r().releaseId!)) || t('items.noRelease')
          }
        >
          <select
            id="prop-release"
            class="prop-select"
            value={r().releaseId ?? ''}
            onChange={(e) =>
              props.save({ releaseId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
            }
          >
            <option value="">{t('items.noRelease')}</option>
            <For each={loaded(props.lookups.releases)?.items ?? []}>
              {(rel) => (
                <option value={rel.id} selected={rel.id === r().releaseId}>
                  {rel.name}
                </option>
              )}
            </For>
          </select>
        </Show>
      </Property>
    </>
  )
}

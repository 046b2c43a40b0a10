// A requirement's page: title and status with its allowed moves, who needs it in which scenario, the
// description, acceptance checklist, customer asks, tasks, comments and history; properties at the side.

import { A, useNavigate } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { DATE_WINDOW } from '../../../../domain/limits'
import { PRIORITIES, type Priority } from '../../../../domain/vocabulary'
import { REQUIREMENT_TRANSITIONS } from '../../../../domain/workflow'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { REQUIREMENT_STATUSES, type RequirementStatus } from '../backlog/filters'
import { customersQuery, flattenModules, modulesQuery, releasesQuery } from '../backlog/lookups'
import { isRequirementStatus, PriorityPill, StatusPill } from '../backlog/pills'
import {
  loaded,
  type RequirementDetail,
  type RequirementPatch,
  requirementQuery,
  useTransitionRequirement,
  useUpdateRequirement,
} from '../backlog/queries'
import { membersQuery } from '../members/queries'
import { iterationsQuery } from '../plan/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { AcceptanceChecklist } from './acceptance'
import { ActivityTimeline } from './activity'
import type { ActivityNames } from './activity-text'
import { CustomerAsks } from './asks'
import { Comments } from './comments'
import { EditableLongText, EditableText, NumberInput, Property } from './editable'
import { useDeleteItem } from './queries'
import { ReasonDialog } from './reason-dialog'
import { RequirementTasks } from './tasks-section'

const SOURCES = ['customer', 'internal', 'market', 'regulation', 'incident'] as const

export function RequirementView(props: { id: number }) {
  const ws = useWorkspace()
  const requirement = createQuery(() => requirementQuery(ws.id(), props.id))
  return <Show when={requirement.data}>{(r) => <RequirementPage requirement={r()} />}</Show>
}

/** The lookups a detail page shows names from; each only when the role may read it. */
export function useNames(productId: () => number) {
  const ws = useWorkspace()
  const iterations = createQuery(() => ({
    ...iterationsQuery(ws.id(), productId()),
    enabled: ws.can('iteration.view'),
    throwOnError: false,
  }))
  const modules = createQuery(() => ({ ...modulesQuery(ws.id(), productId()), throwOnError: false }))
  const releases = createQuery(() => ({
    ...releasesQuery(ws.id(), productId()),
    enabled: ws.can('roadmap.view'),
    throwOnError: false,
  }))
  const members = createQuery(() => ({
    ...membersQuery(ws.id()),
    enabled: ws.can('member.view'),
    throwOnError: false,
  }))
  const flatModules = createMemo(() => flattenModules(loaded(modules)?.items ?? []))
  const names: ActivityNames = {
    iteration: (id) => loaded(iterations)?.items.find((it) => it.id === id)?.name,
    module: (id) => flatModules().find((m) => m.id === id)?.path,
    release: (id) => loaded(releases)?.items.find((r) => r.id === id)?.name,
    member: (id) => loaded(members)?.items.find((m) => m.userId === id)?.name,
  }
  return { iterations, modules: flatModules, releases, members, names }
}

function RequirementPage(props: { requirement: RequirementDetail }) {
  const i18n = useI18n()
  const { t, formatDateTime } = i18n
  const ws = useWorkspace()
  const navigate = useNavigate()
  const r = () => props.requirement
  const productKey = () => r().key.split('-')[0] ?? ''
  const update = useUpdateRequirement(ws.id)
  const transition = useTransitionRequirement(ws.id)
  const remove = useDeleteItem(ws.id)
  const lookups = useNames(() => r().productId)
  const [rejecting, setRejecting] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const canEdit = () => ws.can('requirement.update')
  // Warm the customer picker while the PM reads the page.
  createQuery(() => ({ ...customersQuery(ws.id()), enabled: ws.can('ask.manage'), throwOnError: false }))

  const save = (patch: RequirementPatch) => {
    transition.reset()
    update.mutate({ id: r().id, productId: r().productId, patch, version: r().version })
  }

  const moves = () =>
    isRequirementStatus(r().status) ? REQUIREMENT_TRANSITIONS[r().status as RequirementStatus] : []
  const isBack = (to: RequirementStatus) =>
    to !== 'rejected' &&
    REQUIREMENT_STATUSES.indexOf(to) < REQUIREMENT_STATUSES.indexOf(r().status as RequirementStatus)
  const moveLabel = (to: RequirementStatus) => {
    if (r().status === 'rejected' && to === 'draft') return t('items.reopen')
    if (isBack(to)) {
      const status = t(`work.requirementStatus.${to}`)
      // Mid-sentence in English the status reads in lower case ("Back to approved"); Chinese has no case.
      return t('items.moveBack', { status: i18n.locale() === 'en' ? status.toLowerCase() : status })
    }
    return t(`items.moveTo.${to}`)
  }
  const move = (to: RequirementStatus) => {
    update.reset()
    if (to === 'rejected') setRejecting(true)
    else transition.mutate({ id: r().id, to })
  }
  const iterationOptions = () =>
    (loaded(lookups.iterations)?.items ?? []).filter(
      (it) => it.status !== 'closed' || it.id === r().iterationId,
    )

  return (
    <article class="item-page" data-testid="requirement-page">
      <nav class="item-crumbs" aria-label={t('items.crumbs')}>
        <A href={`/w/${ws.id()}/p/${productKey()}/backlog`}>
          {t('items.backToBacklog', { product: productKey() })}
        </A>
        <span aria-hidden="true">/</span>
        <span class="key-chip">{r().key}</span>
      </nav>
      <header class="item-header">
        <EditableText
          as="h1"
          class="item-title"
          value={r().title}
          label={t('backlog.fieldTitle')}
          placeholder={t('backlog.fieldTitle')}
          canEdit={canEdit()}
          required
          onSave={(title) => save({ title })}
        />
        <div class="item-status-bar">
          <StatusPill status={r().status} />
          <PriorityPill priority={r().priority} />
          <Show when={ws.can('requirement.transition') && moves().length > 0}>
            <fieldset class="transition-buttons">
              <legend class="visually-hidden">{t('items.changeStatus')}</legend>
              <For each={moves()}>
                {(to) => (
                  <button
                    type="button"
                    class="btn btn-small"
                    classList={{
                      'btn-danger-quiet': to === 'rejected',
                      'btn-ghost': isBack(to),
                      'btn-primary': !isBack(to) && to !== 'rejected',
                    }}
                    disabled={transition.isPending}
                    onClick={() => move(to)}
                  >
                    {moveLabel(to)}
                  </button>
                )}
              </For>
            </fieldset>
          </Show>
        </div>
        <Show when={r().status === 'rejected' && r().rejectReason}>
          <p class="notice notice-warning">
            {t('items.rejectedBecause', { reason: r().rejectReason ?? '' })}
          </p>
        </Show>
        <ErrorNotice error={transition.error} overrides={{ 409: t('items.transitionConflict') }} />
        <ErrorNotice error={update.error} />
      </header>

      <div class="item-layout">
        <div class="item-main">
          <section class="item-section who-card" aria-label={t('items.who')}>
            <div class="who-row">
              <span class="who-label">{t('items.role')}</span>
              <EditableText
                value={r().role}
                label={t('items.role')}
                placeholder={t('items.rolePlaceholder')}
                canEdit={canEdit()}
                onSave={(role) => save({ role })}
              />
            </div>
            <div class="who-row">
              <span class="who-label">{t('items.scenario')}</span>
              <EditableLongText
                value={r().scenario}
                label={t('items.scenario')}
                placeholder={t('items.scenarioPlaceholder')}
                canEdit={canEdit()}
                rows={3}
                maxLength={2000}
                onSave={(scenario) => save({ scenario })}
              />
            </div>
          </section>

          <section class="item-section" aria-labelledby="description-title">
            <h2 id="description-title" class="item-section-title">
              {t('items.description')}
            </h2>
            <EditableLongText
              value={r().description}
              label={t('items.description')}
              placeholder={canEdit() ? t('items.descriptionPlaceholder') : t('items.descriptionNone')}
              canEdit={canEdit()}
              markdown
              onSave={(description) => save({ description })}
            />
          </section>

          <AcceptanceChecklist
            items={r().acceptanceCriteria}
            canEdit={canEdit()}
            onSave={(acceptanceCriteria) => save({ acceptanceCriteria })}
          />
          <Show when={ws.can('customer.view')}>
            <CustomerAsks requirement={r()} />
          </Show>
          <Show when={ws.can('task.view')}>
            <RequirementTasks requirement={r()} memberName={lookups.names.member} />
          </Show>
          <Comments target="requirement" id={r().id} />
          <Show when={ws.can('activity.view')}>
            <ActivityTimeline target="requirement" id={r().id} names={lookups.names} />
          </Show>
        </div>

        <aside class="item-side" aria-label={t('items.properties')}>
          <div class="properties">
            <Property label={t('items.source')} for="prop-source">
              <Show when={canEdit()} fallback={t(`work.source.${r().source as (typeof SOURCES)[number]}`)}>
                <select
                  id="prop-source"
                  class="prop-select"
                  value={r().source}
                  onChange={(e) => save({ source: e.currentTarget.value as (typeof SOURCES)[number] })}
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
              <Show when={canEdit()} fallback={<PriorityPill priority={r().priority} />}>
                <select
                  id="prop-priority"
                  class="prop-select"
                  data-priority={r().priority}
                  value={r().priority}
                  onChange={(e) => save({ priority: e.currentTarget.value as Priority })}
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
              <Show when={canEdit()} fallback={String(r().value)}>
                <NumberInput
                  id="prop-value"
                  label={t('items.value')}
                  value={r().value}
                  min={1}
                  max={10}
                  step={1}
                  onSave={(value) => value !== null && save({ value })}
                />
              </Show>
            </Property>
            <Property label={t('items.effort')} for="prop-effort">
              <Show when={canEdit()} fallback={r().effort ?? '—'}>
                <NumberInput
                  id="prop-effort"
                  label={t('items.effort')}
                  value={r().effort}
                  min={0}
                  max={1000}
                  nullable
                  onSave={(effort) => save({ effort })}
                />
              </Show>
            </Property>
            <Property label={t('work.terms.estimate')} for="prop-estimate">
              <Show when={canEdit()} fallback={r().estimate ?? '—'}>
                <NumberInput
                  id="prop-estimate"
                  label={t('work.terms.estimate')}
                  value={r().estimate}
                  min={0}
                  max={1000}
                  nullable
                  onSave={(estimate) => save({ estimate })}
                />
              </Show>
            </Property>
            <Property label={t('work.terms.score')}>
              <span title={t('backlog.sortFormula')}>{r().score}</span>
            </Property>
            <Property label={t('work.terms.module')} for="prop-module">
              <Show
                when={canEdit()}
                fallback={
                  (r().moduleId !== null && lookups.names.module(r().moduleId!)) || t('work.terms.noModule')
                }
              >
                <select
                  id="prop-module"
                  class="prop-select"
                  value={r().moduleId ?? ''}
                  onChange={(e) =>
                    save({ moduleId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
                  }
                >
                  <option value="">{t('work.terms.noModule')}</option>
                  <For each={lookups.modules()}>
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
                when={canEdit() && ws.can('iteration.view')}
                fallback={
                  (r().iterationId !== null && lookups.names.iteration(r().iterationId!)) ||
                  t('work.terms.noIteration')
                }
              >
                <select
                  id="prop-iteration"
                  class="prop-select"
                  value={r().iterationId ?? ''}
                  onChange={(e) =>
                    save({ iterationId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
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
                when={canEdit() && ws.can('roadmap.view')}
                fallback={
                  (r().releaseId !== null && lookups.names.release(r().releaseId!)) || t('items.noRelease')
                }
              >
                <select
                  id="prop-release"
                  class="prop-select"
                  value={r().releaseId ?? ''}
                  onChange={(e) =>
                    save({ releaseId: e.currentTarget.value ? Number(e.currentTarget.value) : null })
                  }
                >
                  <option value="">{t('items.noRelease')}</option>
                  <For each={loaded(lookups.releases)?.items ?? []}>
                    {(rel) => (
                      <option value={rel.id} selected={rel.id === r().releaseId}>
                        {rel.name}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </Property>
            <Property label={t('items.targetDate')} for="prop-target">
              <Show when={canEdit()} fallback={r().targetDate ? i18n.formatDate(r().targetDate!) : '—'}>
                <input
                  id="prop-target"
                  class="prop-input"
                  type="date"
                  min={DATE_WINDOW.min}
                  max={DATE_WINDOW.max}
                  value={r().targetDate ?? ''}
                  onChange={(e) => save({ targetDate: e.currentTarget.value || null })}
                />
              </Show>
            </Property>
            <Property label={t('items.pinned')}>
              <label class="checkbox prop-check" title={t('items.pinnedHint')}>
                <input
                  type="checkbox"
                  checked={r().pinned}
                  disabled={!canEdit()}
                  onChange={(e) => save({ pinned: e.currentTarget.checked })}
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
            <button type="button" class="btn btn-small btn-danger-quiet" onClick={() => setDeleting(true)}>
              {t('items.deleteRequirement')}
            </button>
          </Show>
        </aside>
      </div>

      <ReasonDialog
        open={rejecting()}
        onOpenChange={setRejecting}
        title={t('items.rejectTitle')}
        intro={t('items.rejectIntro')}
        label={t('items.rejectReason')}
        submitLabel={t('items.reject')}
        danger
        onSubmit={(reason) =>
          transition.mutateAsync({ id: r().id, to: 'rejected', reason }).then(() => setRejecting(false))
        }
      />
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('items.deleteTitle', { key: r().key })}
        body={t('items.deleteBody')}
        confirmLabel={t('items.deleteRequirement')}
        onConfirm={() =>
          remove
            .mutateAsync({ target: 'requirement', id: r().id })
            .then(() => navigate(`/w/${ws.id()}/p/${productKey()}/backlog`))
        }
      />
    </article>
  )
}

import { PRIORITIES, type Priority, SOURCES } from '../../../../domain/vocabulary'
import { useI18n } from '../../i18n'
import { PriorityPill, Score } from '../backlog/pills'
import { loaded, type RequirementDetail, type RequirementPatch } from '../backlog/queries'
import {
  DateProperty,
  ItemSide,
  IterationProperty,
  NumberProperty,
  Property,
  SelectProperty,
} from '../items/property-editors'
import type { useNames } from '../items/use-names'
import { useWorkspace } from '../workspaces/workspace-context'

type Source = (typeof SOURCES)[number]

interface PropertyProps {
  requirement: RequirementDetail
  canEdit: boolean
  save: (patch: RequirementPatch) => void
}

export function RequirementProperties(
  props: PropertyProps & { lookups: ReturnType<typeof useNames>; onDelete: () => void },
) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const r = () => props.requirement
  return (
    <ItemSide
      item={r()}
      canDelete={ws.can('requirement.delete')}
      deleteLabel={t('items.deleteRequirement')}
      onDelete={props.onDelete}
    >
      <RatingProperties requirement={r()} canEdit={props.canEdit} save={props.save} />
      <PlanProperties requirement={r()} canEdit={props.canEdit} save={props.save} lookups={props.lookups} />
      <DateProperty
        id="prop-target"
        label={t('items.targetDate')}
        canEdit={props.canEdit}
        value={r().targetDate}
        onSave={(targetDate) => props.save({ targetDate })}
      />
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
    </ItemSide>
  )
}

/** Where the requirement comes from and what it is worth against what it costs. */
function RatingProperties(props: PropertyProps) {
  const { t } = useI18n()
  const r = () => props.requirement
  return (
    <>
      <SelectProperty
        id="prop-source"
        label={t('items.source')}
        canEdit={props.canEdit}
        value={r().source as Source}
        choices={SOURCES.map((s) => ({ value: s, label: t(`work.source.${s}`) }))}
        shown={t(`work.source.${r().source as Source}`)}
        onSave={(source) => props.save({ source })}
      />
      <SelectProperty
        id="prop-priority"
        label={t('backlog.colPriority')}
        canEdit={props.canEdit}
        value={r().priority as Priority}
        choices={PRIORITIES.map((p) => ({ value: p, label: t(`work.priority.${p}`) }))}
        shown={<PriorityPill priority={r().priority} />}
        priority={r().priority}
        onSave={(priority) => props.save({ priority })}
      />
      <NumberProperty
        id="prop-value"
        label={t('items.value')}
        canEdit={props.canEdit}
        value={r().value}
        min={1}
        max={10}
        step={1}
        onSave={(value) => value !== null && props.save({ value })}
      />
      <NumberProperty
        id="prop-effort"
        label={t('items.effort')}
        hint={t('backlog.effortHint')}
        canEdit={props.canEdit}
        value={r().effort}
        min={0}
        max={1000}
        nullable
        onSave={(effort) => props.save({ effort })}
      />
      <NumberProperty
        id="prop-estimate"
        label={t('work.terms.estimate')}
        hint={t('backlog.fieldEstimateHint')}
        canEdit={props.canEdit}
        value={r().estimate}
        min={0}
        max={1000}
        nullable
        onSave={(estimate) => props.save({ estimate })}
      />
      <Property label={t('work.terms.score')}>
        <Score score={r().score} />
      </Property>
    </>
  )
}

/** Where the requirement belongs: its module, and the iteration and release it is planned for. */
function PlanProperties(props: PropertyProps & { lookups: ReturnType<typeof useNames> }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const r = () => props.requirement
  const named = (id: number | null, name: (id: number) => string | undefined, none: string) =>
    (id !== null && name(id)) || none
  return (
    <>
      <SelectProperty<number | null>
        id="prop-module"
        label={t('work.terms.module')}
        canEdit={props.canEdit}
        value={r().moduleId}
        choices={[
          { value: null, label: t('work.terms.noModule') },
          ...props.lookups.modules().map((m) => ({ value: m.id, label: m.path })),
        ]}
        shown={named(r().moduleId, props.lookups.names.module, t('work.terms.noModule'))}
        onSave={(moduleId) => props.save({ moduleId })}
      />
      <IterationProperty
        iterationId={r().iterationId}
        canEdit={props.canEdit}
        lookups={props.lookups}
        onSave={(iterationId) => props.save({ iterationId })}
      />
      <SelectProperty<number | null>
        id="prop-release"
        label={t('work.terms.release')}
        canEdit={props.canEdit && ws.can('roadmap.view')}
        value={r().releaseId}
        choices={[
          { value: null, label: t('items.noRelease') },
          ...(loaded(props.lookups.releases)?.items ?? []).map((rel) => ({ value: rel.id, label: rel.name })),
        ]}
        shown={named(r().releaseId, props.lookups.names.release, t('items.noRelease'))}
        onSave={(releaseId) => props.save({ releaseId })}
      />
    </>
  )
}

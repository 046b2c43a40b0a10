// A requirement's page: title and status with its allowed moves, who needs it in which scenario, the
// description, attachments, acceptance checklist, customer asks, tasks, comments and history; properties at
// the side.

import { A } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createSignal, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { createLocalQuery } from '../../ui/query-view'
import { ActivityTimeline } from '../activity/activity'
import { AttachmentsSection } from '../attachments/attachments-section'
import { ItemAttachmentsProvider } from '../attachments/item-attachments'
import { customersQuery } from '../backlog/lookups'
import {
  type RequirementDetail,
  type RequirementPatch,
  requirementQuery,
  useTransitionRequirement,
  useUpdateRequirement,
} from '../backlog/queries'
import { Comments } from '../comments/comments'
import { DeleteItemDialog } from '../items/delete-item'
import { DescriptionSection } from '../items/description-section'
import { EditableLongText, EditableText } from '../items/editable'
import { ReasonDialog } from '../items/reason-dialog'
import { useNames } from '../items/use-names'
import { WatchButton } from '../notifications/watch-button'
import { useWorkspace } from '../workspaces/workspace-context'
import { AcceptanceChecklist } from './acceptance'
import { CustomerAsks } from './asks'
import { RequirementHeader } from './requirement-header'
import { RequirementProperties } from './requirement-properties'
import { RequirementTasks } from './tasks-section'

// Other item pages read the same lookups.
export { useNames }

export function RequirementView(props: { id: number }) {
  const ws = useWorkspace()
  const requirement = createQuery(() => requirementQuery(ws.id(), props.id))
  return (
    <Show when={requirement.data}>
      {(r) => (
        <ItemAttachmentsProvider target="requirement" id={r().id} itemKey={r().key}>
          <RequirementPage requirement={r()} />
        </ItemAttachmentsProvider>
      )}
    </Show>
  )
}

function RequirementPage(props: { requirement: RequirementDetail }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const r = () => props.requirement
  const productKey = () => r().key.split('-')[0] ?? ''
  const update = useUpdateRequirement(ws.id)
  const transition = useTransitionRequirement(ws.id)
  const lookups = useNames(() => r().productId)
  const [rejecting, setRejecting] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const canEdit = () => ws.can('requirement.update')
  // Warm the customer picker while the PM reads the page.
  createLocalQuery(() => ({ ...customersQuery(ws.id()), enabled: ws.can('ask.manage') }))

  const save = (patch: RequirementPatch) => {
    transition.reset()
    update.mutate({ id: r().id, productId: r().productId, patch, version: r().version })
  }

  return (
    <article class="item-page" data-testid="requirement-page">
      <nav class="item-crumbs" aria-label={t('items.crumbs')}>
        <A href={`/w/${ws.id()}/p/${productKey()}/backlog`}>
          {t('items.backToBacklog', { product: productKey() })}
        </A>
        <span aria-hidden="true">/</span>
        <span class="key-chip">{r().key}</span>
        <WatchButton target="requirement" id={r().id} />
      </nav>
      <RequirementHeader
        requirement={r()}
        canEdit={canEdit()}
        save={save}
        update={update}
        transition={transition}
        onReject={() => setRejecting(true)}
      />

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

          <DescriptionSection
            titleId="description-title"
            value={r().description}
            canEdit={canEdit()}
            mentions={{ entityType: 'requirement', entityId: r().id }}
            onSave={(description) => save({ description })}
          />
          <AttachmentsSection />

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

        <RequirementProperties
          requirement={r()}
          canEdit={canEdit()}
          save={save}
          lookups={lookups}
          onDelete={() => setDeleting(true)}
        />
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
      <DeleteItemDialog
        open={deleting()}
        onOpenChange={setDeleting}
        target="requirement"
        id={r().id}
        itemKey={r().key}
        after={() => `/w/${ws.id()}/p/${productKey()}/backlog`}
      />
    </article>
  )
}

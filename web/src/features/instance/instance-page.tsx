// Instance settings (instance owners only): who may create workspaces, email (features/email), every
// account with who owns the instance, and password reset links shown once. Everyone else is sent back to their workspace.
import { Navigate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { ApiError } from '../../api'
import { type MessageKey, useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { OutboxSection } from '../email/outbox-section'
import { useWorkspace } from '../workspaces/workspace-context'
import './instance.css'
import {
  type Account,
  accountsQuery,
  type InstanceSettings,
  type ResetLink,
  settingsQuery,
  useInstanceMutations,
} from './queries'

export default function InstancePage() {
  const ws = useWorkspace()
  return (
    <Show when={ws.me().user.instanceOwner} fallback={<Navigate href={`/w/${ws.id()}`} />}>
      <InstanceSettingsView />
    </Show>
  )
}

function InstanceSettingsView() {
  const { t } = useI18n()
  return (
    <div class="page">
      <PageHeader title={t('instance.title')} intro={t('instance.intro')} />
      <WorkspaceCreation />
      <OutboxSection />
      <Accounts />
    </div>
  )
}

const CREATION: { value: InstanceSettings['workspaceCreation']; label: MessageKey; hint: MessageKey }[] = [
  { value: 'owners', label: 'instance.creationOwners', hint: 'instance.creationOwnersHint' },
  { value: 'everyone', label: 'instance.creationEveryone', hint: 'instance.creationEveryoneHint' },
]

function WorkspaceCreation() {
  const { t } = useI18n()
  const settings = createLocalQuery(settingsQuery)
  const { updateSettings } = useInstanceMutations()
  return (
    <section class="card card-pad section" aria-labelledby="instance-creation">
      <h2 class="section-title" id="instance-creation">
        {t('instance.creationTitle')}
      </h2>
      <QueryView query={settings}>
        {(current) => (
          <fieldset class="in-choices" disabled={updateSettings.isPending}>
            <legend class="visually-hidden">{t('instance.creationTitle')}</legend>
            <For each={CREATION}>
              {(option) => (
                <label class="radio in-choice">
                  <input
                    type="radio"
                    name="workspaceCreation"
                    value={option.value}
                    checked={current().workspaceCreation === option.value}
                    onChange={() => updateSettings.mutate({ workspaceCreation: option.value })}
                  />
                  <span>
                    <span class="cell-strong">{t(option.label)}</span>
                    <span class="in-choice-hint">{t(option.hint)}</span>
                  </span>
                </label>
              )}
            </For>
          </fieldset>
        )}
      </QueryView>
      <Show when={updateSettings.isSuccess}>
        <p class="form-status" role="status">
          {t('instance.saved')}
        </p>
      </Show>
      <ErrorNotice error={updateSettings.error} />
    </section>
  )
}

function Accounts() {
  const { t, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const accounts = createLocalQuery(accountsQuery)
  const { setOwner, resetLink } = useInstanceMutations()
  const [q, setQ] = createSignal('')
  const [demoting, setDemoting] = createSignal<Account>()
  const [link, setLink] = createSignal<ResetLink>()
  const shown = createMemo(() => {
    const needle = q().trim().toLowerCase()
    const items = accounts.data?.items ?? []
    return needle
      ? items.filter((a) => a.name.toLowerCase().includes(needle) || a.email.includes(needle))
      : items
  })
  const lastOwnerRefused = () =>
    setOwner.error instanceof ApiError &&
    (setOwner.error.details as { reason?: string } | undefined)?.reason === 'last_instance_owner'

  return (
    <section class="section" aria-labelledby="instance-accounts">
      <div class="in-head">
        <div>
          <h2 class="section-title" id="instance-accounts">
            {t('instance.accountsTitle')}
          </h2>
          <p class="in-intro">{t('instance.accountsIntro')}</p>
        </div>
        <label class="in-filter">
          <span class="visually-hidden">{t('instance.filter')}</span>
          <input
            class="input"
            type="search"
            name="accountFilter"
            placeholder={t('instance.filterPlaceholder')}
            value={q()}
            onInput={(e) => setQ(e.currentTarget.value)}
          />
        </label>
      </div>
      <ErrorNotice
        error={setOwner.error ?? resetLink.error}
        overrides={lastOwnerRefused() ? { 409: t('instance.lastOwner') } : undefined}
      />
      <Show when={link()}>
        {(created) => (
          <SecretPanel
            class="secret-panel in-reset"
            testId="reset-link"
            heading={<h3 class="section-title">{t('instance.resetTitle', { email: created().email })}</h3>}
            onClose={() => setLink(undefined)}
          >
            <CopySecret
              label={t('instance.resetLink')}
              value={new URL(created().url, window.location.origin).href}
              warning={t('instance.resetWarning', { date: formatDateTime(created().expiresAt) })}
              note={t('instance.resetNote')}
            />
          </SecretPanel>
        )}
      </Show>
      <QueryView query={accounts}>
        {() => (
          <Table
            class="in-table"
            columns={[
              { label: t('instance.name') },
              { label: t('instance.email') },
              { label: t('instance.workspaces'), class: 'in-num' },
              { label: t('instance.created'), class: 'col-date' },
            ]}
            actions={t('members.actions')}
          >
            <For
              each={shown()}
              fallback={
                <tr>
                  <td colSpan={5} class="cell-muted">
                    {t('instance.noMatch', { q: q() })}
                  </td>
                </tr>
              }
            >
              {(account) => (
                <AccountRow
                  account={account}
                  isMe={account.id === ws.me().user.id}
                  busy={setOwner.isPending || resetLink.isPending}
                  onMakeOwner={() => setOwner.mutate({ id: account.id, instanceOwner: true })}
                  onRemoveOwner={() => setDemoting(account)}
                  onResetLink={() => resetLink.mutate(account.id, { onSuccess: setLink })}
                />
              )}
            </For>
          </Table>
        )}
      </QueryView>
      <p class="in-foot">{t('instance.resetCli')}</p>
      <ConfirmDialog
        open={!!demoting()}
        onOpenChange={(open) => !open && setDemoting()}
        title={t('instance.removeOwnerLabel', { name: demoting()?.name ?? '' })}
        body={t('instance.removeOwnerBody')}
        confirmLabel={t('instance.removeOwner')}
        onConfirm={async () => {
          await setOwner.mutateAsync({ id: demoting()!.id, instanceOwner: false }).catch(() => undefined)
        }}
      />
    </section>
  )
}

/** One account: who, since when, and the owner and reset-link actions. */
function AccountRow(props: {
  account: Account
  isMe: boolean
  busy: boolean
  onMakeOwner: () => void
  onRemoveOwner: () => void
  onResetLink: () => void
}) {
  const { t, formatDate } = useI18n()
  return (
    <tr data-account={props.account.email}>
      <td class="cell-strong">
        {props.account.name}
        <Show when={props.isMe}>
          <span class="cell-muted"> ({t('instance.you')})</span>
        </Show>
        <Show when={props.account.instanceOwner}>
          <span class="tag tag-success">{t('instance.owner')}</span>
        </Show>
      </td>
      <td class="cell-muted">{props.account.email}</td>
      <td class="in-num">{props.account.workspaces}</td>
      <td class="cell-muted">{formatDate(props.account.createdAt)}</td>
      <td class="cell-actions">
        <Show
          when={props.account.instanceOwner}
          fallback={
            <GhostButton
              label={t('instance.makeOwnerLabel', { name: props.account.name })}
              disabled={props.busy}
              onClick={props.onMakeOwner}
            >
              {t('instance.makeOwner')}
            </GhostButton>
          }
        >
          <GhostButton
            danger
            label={t('instance.removeOwnerLabel', { name: props.account.name })}
            onClick={props.onRemoveOwner}
          >
            {t('instance.removeOwner')}
          </GhostButton>
        </Show>
        <GhostButton
          label={t('instance.resetLinkLabel', { name: props.account.name })}
          disabled={props.busy}
          onClick={props.onResetLink}
        >
          {t('instance.resetLink')}
        </GhostButton>
      </td>
    </tr>
  )
}

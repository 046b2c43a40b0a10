// Instance settings (instance owners only): its health at a glance (health-card.tsx), who may create
// workspaces and every workspace there is (workspaces-card.tsx), how people sign in (passwords, two-factor,
// the providers: features/providers), how long the audit log keeps its events (and the way to it), email
// (features/email), and every account: who owns the instance, who is deactivated, when each was last seen
// and where it is signed in, and password reset links shown once. Everyone else is sent back to their
// workspace.
import { A, Navigate } from '@solidjs/router'
import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js'
import { type MessageKey, useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { OutboxSection } from '../email/outbox-section'
import { SignInSection } from '../providers/sign-in-section'
import { relativeTime } from '../workspaces/home-activity'
import { useWorkspace } from '../workspaces/workspace-context'
import { AccountSessionsDialog } from './account-sessions-dialog'
import { HealthCard } from './health-card'
import './instance.css'
import {
  type Account,
  accountsQuery,
  conflictReason,
  type InstanceSettings,
  RETENTION_DAYS,
  type ResetLink,
  settingsQuery,
  useInstanceMutations,
} from './queries'
import { WorkspacesCard } from './workspaces-card'

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
    <div class="page page-wide">
      <PageHeader title={t('instance.title')} intro={t('instance.intro')} />
      <HealthCard />
      <WorkspaceCreation />
      <WorkspacesCard />
      <SignInSection />
      <AuditSettings />
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

/** How long the audit log keeps its events, and the way to the log itself. */
function AuditSettings() {
  const { t } = useI18n()
  const ws = useWorkspace()
  const settings = createLocalQuery(settingsQuery)
  const { updateSettings } = useInstanceMutations()
  // What the owner typed; undefined while the field shows the saved value.
  const [draft, setDraft] = createSignal<string>()
  const [invalid, setInvalid] = createSignal(false)
  const [saved, setSaved] = createSignal<number>()
  const shown = () => draft() ?? String(settings.data?.auditRetentionDays ?? '')
  const save = (e: SubmitEvent) => {
    e.preventDefault()
    const days = Number(shown())
    if (!Number.isInteger(days) || days < RETENTION_DAYS.min || days > RETENTION_DAYS.max) {
      setInvalid(true)
      return
    }
    setSaved(undefined)
    updateSettings.mutate(
      { auditRetentionDays: days },
      {
        onSuccess: (next) => {
          setDraft(undefined)
          setSaved(next.auditRetentionDays)
        },
      },
    )
  }
  return (
    <section class="card card-pad section" aria-labelledby="instance-audit">
      <div class="in-head in-card-head">
        <div>
          <h2 class="section-title" id="instance-audit">
            {t('instance.auditTitle')}
          </h2>
          <p class="in-intro">{t('instance.auditIntro')}</p>
        </div>
        <A class="btn btn-small" href={`/w/${ws.id()}/settings/instance/audit`}>
          {t('instance.auditOpen')}
        </A>
      </div>
      <QueryView query={settings}>
        {(current) => (
          <form class="in-retention" onSubmit={save} novalidate aria-describedby="instance-retention-hint">
            <div class="inline-form">
              <TextField
                class="in-days"
                label={t('instance.retention')}
                name="auditRetentionDays"
                type="number"
                inputmode="numeric"
                min={RETENTION_DAYS.min}
                max={RETENTION_DAYS.max}
                step={1}
                required
                value={shown()}
                onValue={(value) => {
                  setInvalid(false)
                  setSaved(undefined)
                  setDraft(value)
                }}
                error={invalid() ? t('instance.retentionRange') : undefined}
              />
              <button
                type="submit"
                class="btn"
                disabled={updateSettings.isPending || shown() === String(current().auditRetentionDays)}
              >
                {updateSettings.isPending ? t('common.saving') : t('common.save')}
              </button>
            </div>
            <p class="field-hint" id="instance-retention-hint">
              {t('instance.retentionHint')}
            </p>
          </form>
        )}
      </QueryView>
      <Show when={saved()}>
        {(days) => (
          <p class="form-status" role="status">
            {t('instance.retentionSaved', { days: String(days()) })}
          </p>
        )}
      </Show>
      <ErrorNotice error={updateSettings.error} />
    </section>
  )
}

function Accounts() {
  const { t, formatDateTime } = useI18n()
  const ws = useWorkspace()
  const accounts = createLocalQuery(accountsQuery)
  const { setOwner, setActive, resetLink } = useInstanceMutations()
  const [q, setQ] = createSignal('')
  const [demoting, setDemoting] = createSignal<Account>()
  const [deactivating, setDeactivating] = createSignal<Account>()
  const [sessionsOf, setSessionsOf] = createSignal<Account>()
  const [link, setLink] = createSignal<ResetLink>()
  const [status, setStatus] = createSignal<string>()
  const shown = createMemo(() => {
    const needle = q().trim().toLowerCase()
    const items = accounts.data?.items ?? []
    return needle
      ? items.filter((a) => a.name.toLowerCase().includes(needle) || a.email.includes(needle))
      : items
  })
  const refusal = (err: unknown) =>
    conflictReason(err) === 'deactivate_self'
      ? { 409: t('instance.deactivateSelf') }
      : conflictReason(err) === 'last_instance_owner'
        ? { 409: t('instance.lastOwner') }
        : undefined
  const error = () => setOwner.error ?? setActive.error ?? resetLink.error
  const reactivate = (account: Account) => {
    setStatus(undefined)
    setActive.mutate(
      { id: account.id, active: true },
      { onSuccess: () => setStatus(t('instance.reactivatedDone', { name: account.name })) },
    )
  }

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
      <ErrorNotice error={error()} overrides={refusal(error())} />
      <Show when={status()}>
        <p class="form-status in-status-line" role="status">
          {status()}
        </p>
      </Show>
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
              { label: t('instance.account') },
              { label: t('instance.status') },
              { label: t('instance.workspaces'), class: 'in-num' },
              { label: t('instance.lastSeen') },
              { label: t('instance.created'), class: 'col-date' },
            ]}
            actions={t('members.actions')}
          >
            <For
              each={shown()}
              fallback={
                <tr>
                  <td colSpan={6} class="cell-muted">
                    {t('instance.noMatch', { q: q() })}
                  </td>
                </tr>
              }
            >
              {(account) => (
                <AccountRow
                  account={account}
                  isMe={account.id === ws.me().user.id}
                  busy={setOwner.isPending || setActive.isPending || resetLink.isPending}
                  onMakeOwner={() => setOwner.mutate({ id: account.id, instanceOwner: true })}
                  onRemoveOwner={() => setDemoting(account)}
                  onResetLink={() => resetLink.mutate(account.id, { onSuccess: setLink })}
                  onSessions={() => setSessionsOf(account)}
                  onDeactivate={() => setDeactivating(account)}
                  onReactivate={() => reactivate(account)}
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
      <Show when={deactivating()}>
        {(account) => (
          <DeactivateDialog
            account={account()}
            onClose={() => setDeactivating()}
            onDone={() => setStatus(t('instance.deactivatedDone', { name: account().name }))}
          />
        )}
      </Show>
      <Show when={sessionsOf()}>
        {(account) => (
          <AccountSessionsDialog
            account={account()}
            isMe={account().id === ws.me().user.id}
            onClose={() => setSessionsOf()}
          />
        )}
      </Show>
    </section>
  )
}

/** Asks before deactivating, saying what ends and what stays; a refusal (409) shows in place, in words. */
function DeactivateDialog(props: { account: Account; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n()
  // Its own mutation: a refusal shows here, not also above the table.
  const { setActive } = useInstanceMutations()
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={t('instance.deactivateTitle', { name: props.account.name })}
      body={t('instance.deactivateBody')}
      confirmLabel={t('instance.deactivate')}
      errorOverrides={
        conflictReason(setActive.error) === 'last_instance_owner'
          ? { 409: t('instance.deactivateLastOwner') }
          : conflictReason(setActive.error) === 'deactivate_self'
            ? { 409: t('instance.deactivateSelf') }
            : undefined
      }
      onConfirm={async () => {
        await setActive.mutateAsync({ id: props.account.id, active: false })
        props.onDone()
      }}
    />
  )
}

/** One account: who, whether it may sign in, when last seen, and its actions. */
function AccountRow(props: {
  account: Account
  isMe: boolean
  busy: boolean
  onMakeOwner: () => void
  onRemoveOwner: () => void
  onResetLink: () => void
  onSessions: () => void
  onDeactivate: () => void
  onReactivate: () => void
}) {
  const { t, locale, formatDate, formatDateTime } = useI18n()
  const selfHint = createUniqueId()
  const deactivated = () => props.account.deactivatedAt
  return (
    <tr data-account={props.account.email} data-active={deactivated() ? 'false' : 'true'}>
      <td>
        <div class="person-text">
          <span class="cell-strong">
            {props.account.name}
            <Show when={props.isMe}>
              <span class="cell-muted"> ({t('instance.you')})</span>
            </Show>
            <Show when={props.account.instanceOwner}>
              <span class="tag tag-success">{t('instance.owner')}</span>
            </Show>
          </span>
          <span class="cell-muted">{props.account.email}</span>
        </div>
      </td>
      <td>
        <Show when={deactivated()} fallback={<span class="tag in-status">{t('instance.active')}</span>}>
          {(since) => (
            <span
              class="tag tag-danger in-status"
              data-testid="account-deactivated"
              title={t('instance.deactivatedSince', { date: formatDate(since()) })}
            >
              {t('instance.deactivated')}
            </span>
          )}
        </Show>
      </td>
      <td class="in-num">{props.account.workspaces}</td>
      <td class="cell-muted">
        <Show when={props.account.lastSeenAt} fallback={t('instance.neverSeen')}>
          {(seen) => (
            <time datetime={seen()} title={formatDateTime(seen())}>
              {relativeTime(seen(), new Date(), locale())}
            </time>
          )}
        </Show>
      </td>
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
        <button
          type="button"
          class="btn btn-small btn-ghost"
          aria-label={t('instance.resetLinkLabel', { name: props.account.name })}
          title={deactivated() ? t('instance.noResetDeactivated') : undefined}
          disabled={props.busy || !!deactivated()}
          onClick={() => props.onResetLink()}
        >
          {t('instance.resetLink')}
        </button>
        <GhostButton
          label={t('instance.sessionsLabel', { name: props.account.name })}
          onClick={props.onSessions}
        >
          {t('instance.sessions')}
        </GhostButton>
        <Show
          when={deactivated()}
          fallback={
            <>
              <button
                type="button"
                class="btn btn-small btn-ghost btn-danger-quiet"
                aria-label={t('instance.deactivateLabel', { name: props.account.name })}
                title={props.isMe ? t('instance.deactivateSelf') : undefined}
                aria-describedby={props.isMe ? selfHint : undefined}
                disabled={props.isMe || props.busy}
                onClick={() => props.onDeactivate()}
              >
                {t('instance.deactivate')}
              </button>
              <Show when={props.isMe}>
                <span id={selfHint} class="visually-hidden">
                  {t('instance.deactivateSelf')}
                </span>
              </Show>
            </>
          }
        >
          <GhostButton
            label={t('instance.reactivateLabel', { name: props.account.name })}
            disabled={props.busy}
            onClick={props.onReactivate}
          >
            {t('instance.reactivate')}
          </GhostButton>
        </Show>
      </td>
    </tr>
  )
}

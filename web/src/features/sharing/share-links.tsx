// Share links of one product: create (whole roadmap or one customer, optional expiry), the link and the
// calendar feed shown once with copy buttons, the list with each link's state, and revoke.

import { createSignal, For, Show } from 'solid-js'
import { DATE_WINDOW, FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { EmptyState } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { customersQuery } from '../customers/queries'
import { useWorkspace } from '../workspaces/workspace-context'
import { type CreatedShareLink, type ShareLink, shareLinksQuery, useShareLinkMutations } from './queries'
import './share.css'

/** Active, expired or revoked, at `now`. */
export function linkState(link: Pick<ShareLink, 'revokedAt' | 'expiresAt'>, now = new Date()) {
  if (link.revokedAt) return 'revoked' as const
  if (link.expiresAt && Date.parse(link.expiresAt) <= now.getTime()) return 'expired' as const
  return 'active' as const
}

/** The end of the chosen local day, as the ISO instant the API expects. */
export const endOfDay = (date: string) => new Date(`${date}T23:59:59`).toISOString()

export function ShareLinks(props: { productId: number }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const links = createLocalQuery(() => shareLinksQuery(ws.id()))
  const { create, revoke } = useShareLinkMutations(() => ws.id())
  const [created, setCreated] = createSignal<CreatedShareLink>()
  const [revoking, setRevoking] = createSignal<ShareLink>()
  const mine = () => (links.data?.items ?? []).filter((l) => l.productId === props.productId)

  return (
    <section class="card rp-card" aria-labelledby="sh-manage">
      <header class="rp-card-header">
        <h2 id="sh-manage" class="section-title">
          {t('share.manage.title')}
        </h2>
      </header>
      <p class="rp-muted sh-intro">{t('share.manage.intro')}</p>
      <NewShareLinkForm productId={props.productId} create={create} onCreated={setCreated} />
      <ErrorNotice error={create.error} />
      <Show when={created()}>
        {(link) => <CreatedLink link={link()} onClose={() => setCreated(undefined)} />}
      </Show>
      <QueryView
        query={links}
        isEmpty={() => mine().length === 0}
        empty={<EmptyState title={t('share.manage.emptyTitle')} body={t('share.manage.emptyBody')} />}
      >
        {() => <ShareLinksTable links={mine()} onRevoke={setRevoking} />}
      </QueryView>
      <ConfirmDialog
        open={!!revoking()}
        onOpenChange={(open) => !open && setRevoking()}
        title={t('share.manage.revokeTitle')}
        body={t('share.manage.revokeBody')}
        confirmLabel={t('common.revoke')}
        onConfirm={async () => {
          const link = revoking()
          if (link) await revoke.mutateAsync(link.id)
          setRevoking()
        }}
      />
    </section>
  )
}

/** Who the link is for (every customer, or one), until when, and a label to recognise it by. */
function NewShareLinkForm(props: {
  productId: number
  create: ReturnType<typeof useShareLinkMutations>['create']
  onCreated: (link: CreatedShareLink) => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const customers = createLocalQuery(() => ({ ...customersQuery(ws.id()), enabled: ws.can('customer.view') }))
  const [customerId, setCustomerId] = createSignal('')
  const [expires, setExpires] = createSignal('')
  const [label, setLabel] = createSignal('')
  const [considering, setConsidering] = createSignal(true)
  const today = new Date().toISOString().slice(0, 10)
  return (
    <form
      class="sh-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.create.mutate(
          {
            productId: props.productId,
            customerId: customerId() ? Number(customerId()) : null,
            showConsidering: considering(),
            expiresAt: expires() ? endOfDay(expires()) : null,
            label: label().trim() || undefined,
          },
          {
            onSuccess: (link) => {
              props.onCreated(link)
              setLabel('')
            },
          },
        )
      }}
    >
      <Show when={ws.can('customer.view')}>
        <SelectField
          class="sh-customer"
          label={t('share.manage.customer')}
          name="shareCustomer"
          value={customerId()}
          onValue={setCustomerId}
        >
          <option value="">{t('share.manage.allCustomers')}</option>
          <For each={customers.data?.items ?? []}>
            {(customer) => <option value={String(customer.id)}>{customer.name}</option>}
          </For>
        </SelectField>
      </Show>
      <TextField
        class="sh-expires"
        type="date"
        label={t('share.manage.expires')}
        optionalLabel={t('common.optional')}
        name="shareExpires"
        min={today}
        max={DATE_WINDOW.max}
        value={expires()}
        onValue={setExpires}
      />
      <TextField
        class="field-grow"
        label={t('share.manage.label')}
        optionalLabel={t('common.optional')}
        placeholder={t('share.manage.labelHint')}
        name="shareLabel"
        maxLength={FIELD_LIMITS.name}
        autocomplete="off"
        value={label()}
        onValue={setLabel}
      />
      <Show when={customerId()}>
        <label class="checkbox sh-considering">
          <input
            type="checkbox"
            checked={considering()}
            onChange={(e) => setConsidering(e.currentTarget.checked)}
          />
          <span>{t('share.manage.showConsidering')}</span>
        </label>
      </Show>
      <button type="submit" class="btn btn-primary sh-submit" disabled={props.create.isPending}>
        {props.create.isPending ? t('common.creating') : t('share.manage.create')}
      </button>
    </form>
  )
}

/** The new link and its calendar feed, shown once: Keel keeps only a hash of the link. */
function CreatedLink(props: { link: CreatedShareLink; onClose: () => void }) {
  const { t } = useI18n()
  return (
    <SecretPanel
      class="secret-panel sh-created"
      testId="share-created"
      heading={<h3 class="rp-subtitle">{t('share.manage.newLink')}</h3>}
      onClose={props.onClose}
    >
      <CopySecret
        label={t('share.manage.link')}
        value={props.link.url}
        warning={t('share.manage.onceWarning')}
      />
      <CopySecret
        label={t('share.manage.calendarLink')}
        value={props.link.calendarUrl}
        note={t('share.manage.calendarNote')}
      />
    </SecretPanel>
  )
}

/** The product's links with their scope, dates and state; an active one can be revoked. */
function ShareLinksTable(props: { links: readonly ShareLink[]; onRevoke: (link: ShareLink) => void }) {
  const { t, formatDate } = useI18n()
  const name = (link: ShareLink) => link.label || link.customerName || `${link.prefix}…`
  return (
    <Table
      wrapClass="sh-table"
      columns={[
        { label: t('share.manage.label') },
        { label: t('share.manage.scope') },
        { label: t('share.manage.created'), class: 'col-date' },
        { label: t('share.manage.expiresCol'), class: 'col-date' },
        { label: t('share.manage.status') },
      ]}
      actions={t('common.revoke')}
    >
      <For each={props.links}>
        {(link) => (
          <tr data-testid="share-link-row" classList={{ 'sh-inactive': linkState(link) !== 'active' }}>
            <td class="cell-strong">{link.label || <code class="mono cell-muted">{link.prefix}…</code>}</td>
            <td>
              {link.customerId === null
                ? t('share.manage.wholeRoadmap')
                : (link.customerName ?? t('share.manage.hiddenCustomer'))}
              <Show when={link.customerId !== null}>
                <span class="cell-muted sh-scope-note">
                  {t(link.showConsidering ? 'share.manage.everyAsk' : 'share.manage.agreedOnly')}
                </span>
              </Show>
            </td>
            <td class="cell-muted">{formatDate(link.createdAt)}</td>
            <td class="cell-muted">
              {link.expiresAt ? formatDate(link.expiresAt) : t('share.manage.never')}
            </td>
            <td>
              <span class={`sh-state sh-state-${linkState(link)}`}>
                {t(`share.manage.${linkState(link)}`)}
              </span>
            </td>
            <td class="cell-actions">
              <Show when={linkState(link) === 'active'}>
                <GhostButton
                  danger
                  label={t('share.manage.revokeLabel', { name: name(link) })}
                  onClick={() => props.onRevoke(link)}
                >
                  {t('common.revoke')}
                </GhostButton>
              </Show>
            </td>
          </tr>
        )}
      </For>
    </Table>
  )
}

// Members: who is in the workspace, their role and product access; invite, change role, narrow to
// products, remove; and the pending invites. Actions appear only with member.manage, and only for
// roles the current user could grant (the server refuses the rest anyway).
import { createQuery } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import { useI18n } from '../../i18n'
import { Avatar } from '../../ui/avatar'
import { ConfirmDialog, Modal } from '../../ui/dialog'
import { ErrorNotice, type ErrorOverrides } from '../../ui/errors'
import { FormActions } from '../../ui/form-actions'
import { PlusIcon } from '../../ui/icons'
import { PageHeader } from '../../ui/page'
import { createLocalQuery } from '../../ui/query-view'
import { GhostButton, Table } from '../../ui/table'
import { type Product, productsQuery } from '../products/queries'
import { type Role, rolesQuery } from '../roles/queries'
import { roleName } from '../roles/role-name'
import { useWorkspace } from '../workspaces/workspace-context'
import { AccessPicker } from './access-picker'
import { InviteDialog } from './invite-dialog'
import { type Invite, invitesQuery, type Member, membersQuery, useMemberMutations } from './queries'

export default function MembersPage() {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const canManage = () => ws.can('member.manage')
  const members = createQuery(() => membersQuery(ws.id()))
  const roles = createQuery(() => rolesQuery(ws.id()))
  // Lookups that depend on the role: local, so one that is off or failed never suspends the page.
  const products = createLocalQuery(() => ({ ...productsQuery(ws.id()), enabled: ws.can('product.view') }))
  const invites = createLocalQuery(() => ({ ...invitesQuery(ws.id()), enabled: canManage() }))
  const mutations = useMemberMutations(ws.id)

  const [inviting, setInviting] = createSignal(false)
  const [editingAccess, setEditingAccess] = createSignal<Member>()
  const [removing, setRemoving] = createSignal<Member>()
  const [revoking, setRevoking] = createSignal<Invite>()
  const [rowError, setRowError] = createSignal<{ error: unknown; overrides?: ErrorOverrides }>()

  const roleById = (id: number) => roles.data?.find((r) => r.id === id)
  const roleLabel = (id: number) => roleName(roleById(id) ?? { name: '—', builtIn: null }, i18n)
  const productList = (): Product[] => products.data?.items ?? []
  const canGrant = (role: Role | undefined) => !!role && role.permissions.every((p) => ws.can(p))

  const changeRole = (member: Member, roleId: number, select: HTMLSelectElement) => {
    setRowError(undefined)
    mutations.update.mutate(
      { member, roleId },
      {
        onError: (error) => {
          select.value = String(member.roleId)
          setRowError({ error, overrides: { 409: t('members.lastOwnerDemote') } })
        },
      },
    )
  }

  return (
    <div class="page page-wide">
      <PageHeader
        title={t('members.title')}
        intro={t('members.intro')}
        actions={
          <Show when={canManage()}>
            <button type="button" class="btn btn-primary" onClick={() => setInviting(true)}>
              <PlusIcon />
              {t('members.invite')}
            </button>
          </Show>
        }
      />
      <Show when={!canManage()}>
        <p class="notice notice-info">{t('members.viewOnly')}</p>
      </Show>
      <Show when={rowError()}>{(e) => <ErrorNotice error={e().error} overrides={e().overrides} />}</Show>

      <Table
        label={t('members.title')}
        columns={[
          { label: t('members.name') },
          { label: t('members.role'), class: 'col-role' },
          { label: t('members.access') },
          { label: t('members.joined'), class: 'col-date' },
        ]}
        actions={canManage() ? t('members.actions') : undefined}
      >
        <For each={members.data?.items}>
          {(member) => (
            <MemberRow
              member={member}
              roles={roles.data ?? []}
              products={productList()}
              canGrant={canGrant}
              updating={mutations.update.isPending}
              onRoleChange={(roleId, select) => changeRole(member, roleId, select)}
              onEditAccess={() => setEditingAccess(member)}
              onRemove={() => setRemoving(member)}
            />
          )}
        </For>
      </Table>
      <Show when={members.data?.items.length === 1 && canManage()}>
        <p class="table-footnote">
          <strong>{t('members.onlyYou')}</strong> · {t('members.onlyYouBody')}
        </p>
      </Show>

      <Show when={canManage()}>
        <PendingInvites invites={invites.data?.items ?? []} roleLabel={roleLabel} onRevoke={setRevoking} />
      </Show>

      <InviteDialog
        open={inviting()}
        onOpenChange={setInviting}
        roles={roles.data ?? []}
        products={productList()}
        canGrant={canGrant}
      />
      <Show when={editingAccess()}>
        {(member) => (
          <AccessDialog member={member()} products={productList()} onClose={() => setEditingAccess()} />
        )}
      </Show>
      <ConfirmDialog
        open={!!removing()}
        onOpenChange={(open) => !open && setRemoving()}
        title={t('members.removeConfirmTitle', { name: removing()?.name ?? '' })}
        body={t('members.removeConfirmBody', { name: removing()?.name ?? '' })}
        confirmLabel={t('common.remove')}
        errorOverrides={{ 409: t('members.lastOwnerRemove') }}
        onConfirm={() => mutations.remove.mutateAsync(removing()!.id)}
      />
      <ConfirmDialog
        open={!!revoking()}
        onOpenChange={(open) => !open && setRevoking()}
        title={t('members.revokeConfirmTitle', { email: revoking()?.email ?? '' })}
        body={t('members.revokeConfirmBody')}
        confirmLabel={t('common.revoke')}
        onConfirm={() => mutations.revoke.mutateAsync(revoking()!.id)}
      />
    </div>
  )
}

/**
 * One member: name and email, role (a select for managers who could grant it), product access, joined date
 * and, for managers, the actions on anyone but themselves.
 */
function MemberRow(props: {
  member: Member
  roles: readonly Role[]
  products: readonly Product[]
  canGrant: (role: Role | undefined) => boolean
  updating: boolean
  onRoleChange: (roleId: number, select: HTMLSelectElement) => void
  onEditAccess: () => void
  onRemove: () => void
}) {
  const i18n = useI18n()
  const { t, formatDate } = i18n
  const ws = useWorkspace()
  const member = () => props.member
  const canManage = () => ws.can('member.manage')
  const role = () => props.roles.find((r) => r.id === member().roleId)
  const canEdit = () => canManage() && props.canGrant(role())
  const isMe = () => member().userId === ws.me().user.id
  const accessLabel = () => {
    if (member().productIds === null) return t('members.allProducts')
    const total = props.products.length
    const count = String(member().productIds?.length ?? 0)
    return total
      ? t('members.someProducts', { count, total: String(total) })
      : t('members.someProductsNoTotal', { count })
  }
  const accessKeys = () =>
    (member().productIds ?? []).map((id) => props.products.find((p) => p.id === id)?.key).filter(Boolean)

  return (
    <tr data-testid="member-row" data-email={member().email}>
      <td>
        <div class="person">
          <Avatar name={member().name} small />
          <div class="person-text">
            <span class="cell-strong">
              {member().name}
              <Show when={isMe()}>
                <span class="tag">{t('common.you')}</span>
              </Show>
              <Show when={member().deactivated}>
                <span
                  class="tag tag-danger"
                  data-testid="member-deactivated"
                  title={t('members.deactivatedHint')}
                >
                  {t('members.deactivated')}
                </span>
              </Show>
            </span>
            <span class="cell-muted">{member().email}</span>
          </div>
        </div>
      </td>
      <td>
        <Show
          when={canEdit()}
          fallback={<span>{roleName(role() ?? { name: '—', builtIn: null }, i18n)}</span>}
        >
          <select
            class="input select select-compact"
            aria-label={t('members.changeRole', { name: member().name })}
            value={String(member().roleId)}
            disabled={props.updating}
            onChange={(e) => props.onRoleChange(Number(e.currentTarget.value), e.currentTarget)}
          >
            <For each={props.roles}>
              {(option) => (
                <option
                  value={option.id}
                  disabled={!props.canGrant(option)}
                  selected={option.id === member().roleId}
                >
                  {roleName(option, i18n)}
                </option>
              )}
            </For>
          </select>
        </Show>
      </td>
      <td>
        <div class="access-cell">
          <span class={member().productIds === null ? 'cell-muted' : ''}>{accessLabel()}</span>
          <For each={accessKeys().slice(0, 3)}>{(key) => <span class="key-chip">{key}</span>}</For>
        </div>
      </td>
      <td class="cell-muted">{formatDate(member().createdAt)}</td>
      <Show when={canManage()}>
        <td class="cell-actions">
          <Show when={canEdit()}>
            <Show when={ws.can('product.view') && !isMe()}>
              <GhostButton
                label={t('members.editAccessFor', { name: member().name })}
                onClick={props.onEditAccess}
              >
                {t('members.editAccess')}
              </GhostButton>
            </Show>
            <Show when={!isMe()}>
              <GhostButton
                danger
                label={t('members.removeLabel', { name: member().name })}
                onClick={props.onRemove}
              >
                {t('common.remove')}
              </GhostButton>
            </Show>
          </Show>
        </td>
      </Show>
    </tr>
  )
}

/** Invites not yet accepted, with their role and expiry; each can be revoked. */
function PendingInvites(props: {
  invites: readonly Invite[]
  roleLabel: (roleId: number) => string
  onRevoke: (invite: Invite) => void
}) {
  const { t, formatDate } = useI18n()
  return (
    <section class="section" aria-labelledby="pending-title">
      <h2 id="pending-title" class="section-title">
        {t('members.pendingTitle')}
      </h2>
      <Show when={props.invites.length > 0} fallback={<p class="muted">{t('members.pendingEmpty')}</p>}>
        <Table
          columns={[
            { label: t('members.name') },
            { label: t('members.role'), class: 'col-role' },
            { label: t('members.expires'), class: 'col-date' },
          ]}
          actions={t('members.actions')}
        >
          <For each={props.invites}>
            {(invite) => (
              <tr data-testid="invite-row">
                <td>
                  <div class="person-text">
                    <span class="cell-strong">{invite.name}</span>
                    <span class="cell-muted">{invite.email}</span>
                  </div>
                </td>
                <td>{props.roleLabel(invite.roleId)}</td>
                <td class="cell-muted">{formatDate(invite.expiresAt)}</td>
                <td class="cell-actions">
                  <GhostButton
                    danger
                    label={t('members.revokeInvite', { email: invite.email })}
                    onClick={() => props.onRevoke(invite)}
                  >
                    {t('common.revoke')}
                  </GhostButton>
                </td>
              </tr>
            )}
          </For>
        </Table>
      </Show>
    </section>
  )
}

function AccessDialog(props: { member: Member; products: readonly Product[]; onClose: () => void }) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const { update } = useMemberMutations(ws.id)
  const [value, setValue] = createSignal<number[] | null>(props.member.productIds)
  return (
    <Modal
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={t('members.editAccessFor', { name: props.member.name })}
      description={t('members.restrictedHint')}
    >
      <form
        class="form"
        onSubmit={(e) => {
          e.preventDefault()
          update.mutate({ member: props.member, productIds: value() }, { onSuccess: () => props.onClose() })
        }}
      >
        <AccessPicker
          legend={t('members.access')}
          products={props.products}
          value={value()}
          onChange={setValue}
        />
        <FormActions
          error={update.error}
          onCancel={() => props.onClose()}
          busy={update.isPending}
          disabled={value()?.length === 0 || props.products.length === 0}
          submitLabel={t('common.save')}
          busyLabel={t('common.saving')}
        />
      </form>
    </Modal>
  )
}

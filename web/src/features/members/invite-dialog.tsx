// Inviting someone: email, name, role and product access → a one-time link shown once, with a copy button;
// when the server sends email, the link was emailed to the person too, and the dialog says so.

import { createSignal, For, Match, Show, Switch } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { CopySecret, SecretPanel } from '../../ui/copy-secret'
import { Modal } from '../../ui/dialog'
import { SelectField, TextField } from '../../ui/field'
import { FormActions } from '../../ui/form-actions'
import type { Product } from '../products/queries'
import type { Role } from '../roles/queries'
import { roleName } from '../roles/role-name'
import { useWorkspace } from '../workspaces/workspace-context'
import { AccessPicker } from './access-picker'
import { type InviteCreated, useMemberMutations } from './queries'

export function InviteDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  roles: readonly Role[]
  products: readonly Product[]
  canGrant: (role: Role) => boolean
}) {
  const i18n = useI18n()
  const { t, formatDate } = i18n
  const ws = useWorkspace()
  const { invite } = useMemberMutations(ws.id)
  const defaultRole = () =>
    props.roles.find((r) => r.builtIn === 'developer' && props.canGrant(r)) ??
    props.roles.find(props.canGrant)
  const [email, setEmail] = createSignal('')
  const [name, setName] = createSignal('')
  const [roleId, setRoleId] = createSignal<string>()
  const [access, setAccess] = createSignal<number[] | null>(null)
  const [created, setCreated] = createSignal<InviteCreated>()

  const reset = () => {
    setEmail('')
    setName('')
    setRoleId(undefined)
    setAccess(null)
    setCreated(undefined)
    invite.reset()
  }
  const change = (open: boolean) => {
    if (!open) reset()
    props.onOpenChange(open)
  }
  const selectedRoleId = () => roleId() ?? String(defaultRole()?.id ?? '')

  return (
    <Modal
      open={props.open}
      onOpenChange={change}
      title={t('members.inviteTitle')}
      description={created() ? undefined : t('members.inviteIntro')}
      wide
    >
      <Switch>
        <Match when={created()}>
          {(result) => (
            <SecretPanel
              class="form"
              testId="invite-result"
              heading={
                <Show
                  when={result().emailed}
                  fallback={
                    <p class="invite-sent-to">{t('members.sendTo', { email: result().invite.email })}</p>
                  }
                >
                  <p class="notice notice-success invite-sent-to" role="status" data-testid="invite-emailed">
                    {t('members.emailedTo', { email: result().invite.email })}
                  </p>
                </Show>
              }
              onClose={() => change(false)}
              actions={
                <button type="button" class="btn" onClick={reset}>
                  {t('members.inviteAnother')}
                </button>
              }
            >
              <CopySecret
                label={t('members.inviteLink')}
                value={result().url}
                warning={result().emailed ? undefined : t('members.linkOnce')}
                note={t(result().emailed ? 'members.emailedNote' : 'members.linkExpires', {
                  date: formatDate(result().invite.expiresAt),
                })}
              />
            </SecretPanel>
          )}
        </Match>
        <Match when={!created()}>
          <form
            class="form"
            onSubmit={(e) => {
              e.preventDefault()
              invite.mutate(
                {
                  email: email().trim(),
                  name: name().trim(),
                  roleId: Number(selectedRoleId()),
                  productIds: access(),
                },
                { onSuccess: setCreated },
              )
            }}
          >
            <div class="field-row">
              <TextField
                class="field-grow"
                label={t('members.email')}
                name="email"
                type="email"
                required
                maxLength={FIELD_LIMITS.name}
                autocomplete="off"
                value={email()}
                onValue={setEmail}
                autofocus
              />
              <TextField
                class="field-grow"
                label={t('members.name')}
                name="name"
                required
                maxLength={FIELD_LIMITS.name}
                autocomplete="off"
                value={name()}
                onValue={setName}
              />
            </div>
            <SelectField
              label={t('members.role')}
              name="roleId"
              hint={t('members.roleHint')}
              value={selectedRoleId()}
              onValue={setRoleId}
            >
              <For each={props.roles}>
                {(role) => (
                  <option
                    value={role.id}
                    disabled={!props.canGrant(role)}
                    selected={String(role.id) === selectedRoleId()}
                  >
                    {roleName(role, i18n)}
                  </option>
                )}
              </For>
            </SelectField>
            <Show when={props.products.length > 0}>
              <AccessPicker
                legend={t('members.productsOptional')}
                products={props.products}
                value={access()}
                onChange={setAccess}
              />
            </Show>
            <FormActions
              error={invite.error}
              overrides={{ 409: t('members.alreadyMember') }}
              onCancel={() => change(false)}
              busy={invite.isPending}
              disabled={!selectedRoleId() || access()?.length === 0}
              submitLabel={t('members.invite')}
              busyLabel={t('common.creating')}
            />
          </form>
        </Match>
      </Switch>
    </Modal>
  )
}

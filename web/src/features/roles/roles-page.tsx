// Roles: the built-in roles (translated, read-only) and custom roles, each a grouped permission checklist.
// Members with role.manage create, edit and delete custom roles; `?role=` selects one, `?role=new` adds one.

import { useSearchParams } from '@solidjs/router'
import { createQuery } from '@tanstack/solid-query'
import { createMemo, createSignal, For, type JSX, Match, Show, Switch } from 'solid-js'
import { FIELD_LIMITS } from '../../../../domain/limits'
import { useI18n } from '../../i18n'
import { ConfirmDialog } from '../../ui/dialog'
import { ErrorNotice, isStaleVersion } from '../../ui/errors'
import { TextField } from '../../ui/field'
import { PlusIcon } from '../../ui/icons'
import { PageHeader } from '../../ui/page'
import { useWorkspace } from '../workspaces/workspace-context'
import { PermissionChecklist } from './permission-checklist'
import { type PermissionInfo, permissionsQuery, type Role, rolesQuery, useRoleMutations } from './queries'
import { roleName } from './role-name'

export default function RolesPage() {
  const i18n = useI18n()
  const { t } = i18n
  const ws = useWorkspace()
  const [search, setSearch] = useSearchParams<{ role?: string }>()
  const roles = createQuery(() => rolesQuery(ws.id()))
  const permissions = createQuery(permissionsQuery)
  const canManage = () => ws.can('role.manage')
  // A new role opens in the editor once created; this tells that editor to confirm the save.
  const [justCreated, setJustCreated] = createSignal<number>()

  const builtIn = () => (roles.data ?? []).filter((r) => r.builtIn)
  const custom = () => (roles.data ?? []).filter((r) => !r.builtIn)
  const selectedKey = createMemo(() => {
    if (search.role === 'new' && canManage()) return 'new'
    const list = roles.data ?? []
    const found = list.find((r) => String(r.id) === search.role)
    return String((found ?? custom()[0] ?? list[0])?.id ?? '')
  })
  const listItem = (role: Role) => (
    <RoleListItem
      role={role}
      total={permissions.data?.length ?? 0}
      selected={selectedKey() === String(role.id)}
      onSelect={() => setSearch({ role: String(role.id) })}
    />
  )
  const selectedRole = () => roles.data?.find((r) => String(r.id) === selectedKey())

  return (
    <div class="page page-wide">
      <PageHeader
        title={t('roles.title')}
        intro={t('roles.intro')}
        actions={
          <Show when={canManage()}>
            <button type="button" class="btn btn-primary" onClick={() => setSearch({ role: 'new' })}>
              <PlusIcon />
              {t('roles.new')}
            </button>
          </Show>
        }
      />
      <Show when={!canManage()}>
        <p class="notice notice-info">{t('roles.readOnly')}</p>
      </Show>
      <div class="roles-layout">
        <nav class="role-list" aria-label={t('roles.title')}>
          <RoleListSection title={t('roles.builtInSection')}>
            <For each={builtIn()}>{listItem}</For>
          </RoleListSection>
          <RoleListSection title={t('roles.customSection')}>
            <For each={custom()} fallback={<li class="role-list-empty">{t('roles.customEmpty')}</li>}>
              {listItem}
            </For>
            <Show when={selectedKey() === 'new'}>
              <li>
                <span class="role-list-item is-selected" aria-current="true">
                  <span class="role-list-name">{t('roles.createTitle')}</span>
                </span>
              </li>
            </Show>
          </RoleListSection>
        </nav>
        <section class="role-detail card" aria-live="polite">
          <Switch fallback={<p class="muted">{t('roles.selectRole')}</p>}>
            <Match when={selectedKey() === 'new'}>
              <RoleEditor
                permissions={permissions.data ?? []}
                onSaved={(role) => {
                  setJustCreated(role.id)
                  setSearch({ role: String(role.id) })
                }}
                onCancel={() => setSearch({ role: undefined })}
              />
            </Match>
            {/* Keyed by id, not by object: a refetch after saving must not reset the open editor. */}
            <Match when={selectedRole() && selectedKey()} keyed>
              {(key) => (
                <Show when={roles.data?.find((r) => String(r.id) === key)}>
                  {(role) => (
                    <Show
                      when={!role().builtIn && canManage()}
                      fallback={<RoleView role={role()} permissions={permissions.data ?? []} />}
                    >
                      <RoleEditor
                        role={role()}
                        permissions={permissions.data ?? []}
                        saved={justCreated() === role().id}
                        onSaved={() => {}}
                        onDeleted={() => setSearch({ role: undefined })}
                      />
                    </Show>
                  )}
                </Show>
              )}
            </Match>
          </Switch>
        </section>
      </div>
    </div>
  )
}

function RoleListSection(props: { title: string; children: JSX.Element }) {
  return (
    <div class="role-list-section">
      <h2 class="role-list-title">{props.title}</h2>
      <ul>{props.children}</ul>
    </div>
  )
}

function RoleListItem(props: { role: Role; total: number; selected: boolean; onSelect: () => void }) {
  const i18n = useI18n()
  return (
    <li>
      <button
        type="button"
        class="role-list-item"
        classList={{ 'is-selected': props.selected }}
        aria-current={props.selected ? 'true' : undefined}
        onClick={() => props.onSelect()}
      >
        <span class="role-list-name">{roleName(props.role, i18n)}</span>
        <span class="role-list-count">
          {props.role.permissions.length}/{props.total}
        </span>
      </button>
    </li>
  )
}

/** A role the user cannot edit: built in, or the user lacks role.manage. */
function RoleView(props: { role: Role; permissions: readonly PermissionInfo[] }) {
  const i18n = useI18n()
  const { t, tryT } = i18n
  return (
    <>
      <header class="role-detail-header">
        <h2>{roleName(props.role, i18n)}</h2>
        <span class="badge">{props.role.builtIn ? t('roles.builtInBadge') : t('roles.customBadge')}</span>
      </header>
      <Show when={props.role.builtIn}>
        {(key) => (
          <>
            <p class="role-detail-description">{tryT(`roles.builtInDescription.${key()}`)}</p>
            <p class="notice notice-info">{t('roles.builtInReadOnly')}</p>
          </>
        )}
      </Show>
      <p class="section-label">
        {t('roles.permissions')} ·{' '}
        {t('roles.permissionCount', {
          count: String(props.role.permissions.length),
          total: String(props.permissions.length),
        })}
      </p>
      <PermissionChecklist permissions={props.permissions} selected={props.role.permissions} />
    </>
  )
}

/** Creates a custom role (no `role`) or edits one. */
function RoleEditor(props: {
  role?: Role
  /** Opened right after this role was created. */
  saved?: boolean
  permissions: readonly PermissionInfo[]
  onSaved: (role: Role) => void
  onCancel?: () => void
  onDeleted?: () => void
}) {
  const { t } = useI18n()
  const ws = useWorkspace()
  const mutations = useRoleMutations(ws.id)
  // The draft starts from the role as it was when opened; after a save it follows the saved role.
  const [name, setName] = createSignal(props.role?.name ?? '')
  const [selected, setSelected] = createSignal<string[]>([...(props.role?.permissions ?? [])])
  const [saved, setSaved] = createSignal(props.saved ?? false)
  const [confirmDelete, setConfirmDelete] = createSignal(false)
  const mutation = () => (props.role ? mutations.update : mutations.create)
  const dirty = () =>
    !props.role ||
    name().trim() !== props.role.name ||
    selected().join() !==
      props.permissions
        .map((p) => p.name)
        .filter((n) => props.role?.permissions.includes(n))
        .join()

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    setSaved(false)
    const input = { name: name().trim(), permissions: selected() }
    const role = props.role
    const onSuccess = (result: Role) => {
      setName(result.name)
      setSelected([...result.permissions])
      setSaved(true)
      props.onSaved(result)
    }
    if (role) {
      mutations.update.mutate(
        { ...input, id: role.id, version: role.version },
        {
          onSuccess,
          onError: (err) => {
            // Someone else saved first: show their version; the user re-applies their change on it.
            if (isStaleVersion(err)) {
              const current = err.details.current as Role
              setName(current.name)
              setSelected([...current.permissions])
            }
          },
        },
      )
    } else mutations.create.mutate(input, { onSuccess })
  }

  return (
    <form class="form role-form" onSubmit={submit}>
      <header class="role-detail-header">
        <h2>{props.role ? t('roles.editTitle') : t('roles.createTitle')}</h2>
        <Show when={props.role}>
          <span class="badge">{t('roles.customBadge')}</span>
        </Show>
      </header>
      <TextField
        class="field-narrow"
        label={t('roles.name')}
        name="roleName"
        required
        maxLength={FIELD_LIMITS.name}
        value={name()}
        onValue={(v) => {
          setName(v)
          setSaved(false)
        }}
        autofocus={!props.role}
      />
      <p class="section-label">
        {t('roles.permissions')} ·{' '}
        {t('roles.permissionCount', {
          count: String(selected().length),
          total: String(props.permissions.length),
        })}
      </p>
      <PermissionChecklist
        permissions={props.permissions}
        selected={selected()}
        grantable={(p) => ws.can(p)}
        onChange={(next) => {
          setSelected(next)
          setSaved(false)
        }}
      />
      <ErrorNotice
        error={mutation().error}
        overrides={{ 409: t('roles.nameTaken'), 403: t('roles.cannotGrant') }}
      />
      <div class="form-actions form-actions-sticky">
        <Show when={props.role}>
          <button type="button" class="btn btn-danger-quiet" onClick={() => setConfirmDelete(true)}>
            {t('roles.deleteRole')}
          </button>
        </Show>
        <span class="form-status" role="status">
          {saved() && !dirty() ? t('common.saved') : ''}
        </span>
        <Show when={props.onCancel}>
          <button type="button" class="btn" onClick={() => props.onCancel?.()}>
            {t('common.cancel')}
          </button>
        </Show>
        <button
          type="submit"
          class="btn btn-primary"
          disabled={mutation().isPending || !name().trim() || (props.role !== undefined && !dirty())}
        >
          {mutation().isPending
            ? t('common.saving')
            : props.role
              ? t('roles.saveRole')
              : t('roles.createRole')}
        </button>
      </div>
      <Show when={props.role}>
        {(role) => (
          <ConfirmDialog
            open={confirmDelete()}
            onOpenChange={setConfirmDelete}
            title={t('roles.deleteConfirmTitle', { name: role().name })}
            body={t('roles.deleteConfirmBody')}
            confirmLabel={t('roles.deleteRole')}
            errorOverrides={{ 409: t('roles.inUse') }}
            onConfirm={async () => {
              await mutations.remove.mutateAsync(role().id)
              props.onDeleted?.()
            }}
          />
        )}
      </Show>
    </form>
  )
}

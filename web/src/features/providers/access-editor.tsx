// Who a provider lets in and where they land: creating accounts at the first sign-in, the default workspaces
// (joined once, at the first sign-in), and the ordered group rules (first match wins, re-applied at every
// sign-in). Every workspace of the instance can be chosen, with its roles and products, whether or not the
// instance owner is a member of it (GET /api/admin/workspaces); a rule about a workspace, role or product that
// no longer exists shows by its ids and is kept as it is.
import { createUniqueId, For, Index, Show } from 'solid-js'
import type { SetStoreFunction } from 'solid-js/store'
import { useI18n } from '../../i18n'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { type InstanceWorkspace, instanceWorkspacesQuery } from '../instance/queries'
import { AccessPicker } from '../members/access-picker'
import { roleName } from '../roles/role-name'

/** A place a person is put: a workspace, a role there, and every product (null) or some. */
export interface PlaceDraft {
  workspaceId: number | null
  roleId: number | null
  productIds: number[] | null
}
export interface RuleDraft extends PlaceDraft {
  group: string
}
export interface AccessDraft {
  autoCreate: boolean
  defaultWorkspaces: PlaceDraft[]
  groupRules: RuleDraft[]
}

/** The access rules as the API takes them (an unchosen workspace or role goes as 0, which it refuses). */
export const accessBody = (access: AccessDraft) => ({
  autoCreate: access.autoCreate,
  defaultWorkspaces: access.defaultWorkspaces.map((p) => ({
    workspaceId: p.workspaceId ?? 0,
    roleId: p.roleId ?? 0,
    productIds: p.productIds,
  })),
  groupRules: access.groupRules.map((r) => ({
    group: r.group.trim(),
    workspaceId: r.workspaceId ?? 0,
    roleId: r.roleId ?? 0,
    productIds: r.productIds,
  })),
})

/** The message for a field of the access rules ("access.groupRules.0.roleId"), if the server refused it. */
export type FieldError = (field: string) => string | undefined

export function AccessEditor(props: {
  access: AccessDraft
  setAccess: SetStoreFunction<AccessDraft>
  error: FieldError
}) {
  const { t } = useI18n()
  const set = props.setAccess
  const move = (from: number, to: number) =>
    set('groupRules', (rules) => {
      const next = [...rules]
      const [rule] = next.splice(from, 1)
      if (rule) next.splice(to, 0, rule)
      return next
    })
  const empty = (): PlaceDraft => ({ workspaceId: null, roleId: null, productIds: null })
  const workspaces = createLocalQuery(instanceWorkspacesQuery)
  return (
    <section class="card card-pad" aria-labelledby="sso-access">
      <h2 class="section-title" id="sso-access">
        {t('providers.editor.accessTitle')}
      </h2>
      <label class="checkbox in-choice">
        <input
          type="checkbox"
          name="autoCreate"
          checked={props.access.autoCreate}
          onChange={(e) => set('autoCreate', e.currentTarget.checked)}
        />
        <span>
          <span class="cell-strong">{t('providers.editor.autoCreate')}</span>
          <span class="sso-check-hint">{t('providers.editor.autoCreateHint')}</span>
        </span>
      </label>

      <QueryView query={workspaces}>
        {(answer) => (
          <>
            <div>
              <h3 class="section-title">{t('providers.editor.defaultsTitle')}</h3>
              <p class="field-hint">{t('providers.editor.defaultsIntro')}</p>
            </div>
            <ol class="sso-rows" data-testid="default-workspaces">
              <Index
                each={props.access.defaultWorkspaces}
                fallback={<li class="cell-muted">{t('providers.editor.defaultsEmpty')}</li>}
              >
                {(place, i) => (
                  <li class="sso-rule" data-testid="default-workspace">
                    <div class="sso-rule-head">
                      <span class="cell-strong">{t('providers.editor.place', { n: String(i + 1) })}</span>
                      <button
                        type="button"
                        class="btn btn-small btn-ghost btn-danger-quiet"
                        aria-label={t('providers.editor.removePlaceLabel', { n: String(i + 1) })}
                        onClick={() => set('defaultWorkspaces', (all) => all.filter((_, at) => at !== i))}
                      >
                        {t('providers.editor.removeRow')}
                      </button>
                    </div>
                    <PlaceFields
                      workspaces={answer().items}
                      place={place()}
                      onChange={(change) => set('defaultWorkspaces', i, change)}
                      error={(field) => props.error(`access.defaultWorkspaces.${i}.${field}`)}
                    />
                  </li>
                )}
              </Index>
            </ol>
            <div>
              <button
                type="button"
                class="btn btn-small"
                onClick={() => set('defaultWorkspaces', (all) => [...all, empty()])}
              >
                {t('providers.editor.addDefault')}
              </button>
            </div>

            <div>
              <h3 class="section-title">{t('providers.editor.rulesTitle')}</h3>
              <p class="field-hint" id="sso-rules-intro">
                {t('providers.editor.rulesIntro')}
              </p>
            </div>
            <ol class="sso-rows" aria-describedby="sso-rules-intro" data-testid="group-rules">
              <Index
                each={props.access.groupRules}
                fallback={<li class="cell-muted">{t('providers.editor.rulesEmpty')}</li>}
              >
                {(rule, i) => {
                  const n = () => String(i + 1)
                  return (
                    <li class="sso-rule" data-testid="group-rule">
                      <div class="sso-rule-head">
                        <span class="cell-strong">{t('providers.editor.rule', { n: n() })}</span>
                        <div class="sso-rule-actions">
                          <button
                            type="button"
                            class="btn btn-small btn-ghost"
                            aria-label={t('providers.editor.moveUpLabel', { n: n() })}
                            disabled={i === 0}
                            onClick={() => move(i, i - 1)}
                          >
                            {t('providers.editor.moveUp')}
                          </button>
                          <button
                            type="button"
                            class="btn btn-small btn-ghost"
                            aria-label={t('providers.editor.moveDownLabel', { n: n() })}
                            disabled={i === props.access.groupRules.length - 1}
                            onClick={() => move(i, i + 1)}
                          >
                            {t('providers.editor.moveDown')}
                          </button>
                          <button
                            type="button"
                            class="btn btn-small btn-ghost btn-danger-quiet"
                            aria-label={t('providers.editor.removeRuleLabel', { n: n() })}
                            onClick={() => set('groupRules', (all) => all.filter((_, at) => at !== i))}
                          >
                            {t('providers.editor.removeRow')}
                          </button>
                        </div>
                      </div>
                      <GroupField
                        value={rule().group}
                        onValue={(group) => set('groupRules', i, 'group', group)}
                        error={props.error(`access.groupRules.${i}.group`)}
                      />
                      <PlaceFields
                        workspaces={answer().items}
                        place={rule()}
                        onChange={(change) => set('groupRules', i, change)}
                        error={(field) => props.error(`access.groupRules.${i}.${field}`)}
                      />
                    </li>
                  )
                }}
              </Index>
            </ol>
            <div>
              <button
                type="button"
                class="btn btn-small"
                onClick={() => set('groupRules', (all) => [...all, { ...empty(), group: '' }])}
              >
                {t('providers.editor.addRule')}
              </button>
            </div>
          </>
        )}
      </QueryView>
    </section>
  )
}

function GroupField(props: { value: string; onValue: (group: string) => void; error?: string }) {
  const { t } = useI18n()
  const id = createUniqueId()
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {t('providers.editor.group')}
      </label>
      <input
        id={id}
        class="input"
        name="group"
        required
        maxLength={500}
        autocomplete="off"
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={`${id}-note`}
      />
      <p id={`${id}-note`} class={props.error ? 'field-error' : 'field-hint'}>
        {props.error ?? t('providers.editor.groupHint')}
      </p>
    </div>
  )
}

/** A workspace, a role there and its products, chosen among every workspace of the instance. */
function PlaceFields(props: {
  workspaces: readonly InstanceWorkspace[]
  place: PlaceDraft
  onChange: (change: Partial<PlaceDraft>) => void
  error: (field: 'workspaceId' | 'roleId' | 'productIds') => string | undefined
}) {
  const { t, tryT } = useI18n()
  const workspaceId = () => props.place.workspaceId
  // Undefined for a workspace deleted since the rule was made: the rule keeps what it says.
  const workspace = () => props.workspaces.find((w) => w.id === workspaceId())
  const roleKnown = () => workspace()?.roles.some((r) => r.id === props.place.roleId) ?? false
  const workspaceField = createUniqueId()
  const roleField = createUniqueId()
  const number = (value: string) => (value ? Number(value) : null)
  return (
    <div class="sso-rule-fields">
      <div class="field">
        <label class="field-label" for={workspaceField}>
          {t('providers.editor.workspace')}
        </label>
        <select
          id={workspaceField}
          class="input select"
          name="workspaceId"
          required
          value={String(workspaceId() ?? '')}
          onChange={(e) =>
            props.onChange({ workspaceId: number(e.currentTarget.value), roleId: null, productIds: null })
          }
          aria-invalid={props.error('workspaceId') ? true : undefined}
          aria-describedby={props.error('workspaceId') ? `${workspaceField}-error` : undefined}
        >
          <option value="">{t('providers.editor.choose')}</option>
          <For each={props.workspaces}>
            {(w) => (
              <option value={String(w.id)} selected={w.id === workspaceId()}>
                {w.name}
              </option>
            )}
          </For>
          <Show when={workspaceId() !== null && !workspace()}>
            <option value={String(workspaceId())} selected>
              {t('providers.editor.unknownWorkspace', { id: String(workspaceId()) })}
            </option>
          </Show>
        </select>
        <Show when={props.error('workspaceId')}>
          {(message) => (
            <p id={`${workspaceField}-error`} class="field-error">
              {message()}
            </p>
          )}
        </Show>
      </div>
      <div class="field">
        <label class="field-label" for={roleField}>
          {t('providers.editor.role')}
        </label>
        <select
          id={roleField}
          class="input select"
          name="roleId"
          required
          disabled={workspaceId() === null}
          value={String(props.place.roleId ?? '')}
          onChange={(e) => props.onChange({ roleId: number(e.currentTarget.value) })}
          aria-invalid={props.error('roleId') ? true : undefined}
          aria-describedby={props.error('roleId') ? `${roleField}-error` : undefined}
        >
          <option value="">{t('providers.editor.choose')}</option>
          <For each={workspace()?.roles ?? []}>
            {(role) => (
              <option value={String(role.id)} selected={role.id === props.place.roleId}>
                {roleName(role, { tryT })}
              </option>
            )}
          </For>
          <Show when={props.place.roleId !== null && !roleKnown()}>
            <option value={String(props.place.roleId)} selected>
              {t('providers.editor.unknownRole', { id: String(props.place.roleId) })}
            </option>
          </Show>
        </select>
        <Show when={props.error('roleId')}>
          {(message) => (
            <p id={`${roleField}-error`} class="field-error">
              {message()}
            </p>
          )}
        </Show>
      </div>
      <div class="sso-wide">
        <Show
          when={workspace()}
          fallback={
            <div class="field">
              <span class="field-label">{t('providers.editor.products')}</span>
              <span class="cell-muted">
                {props.place.productIds === null
                  ? t('providers.editor.allProducts')
                  : t('providers.editor.productsUnknown', { ids: props.place.productIds.join(', ') })}
              </span>
            </div>
          }
        >
          {(known) => (
            <AccessPicker
              products={known().products}
              value={props.place.productIds}
              onChange={(productIds) => props.onChange({ productIds })}
              legend={t('providers.editor.products')}
            />
          )}
        </Show>
        <Show when={props.error('productIds')}>{(message) => <p class="field-error">{message()}</p>}</Show>
      </div>
    </div>
  )
}

// A sign-in provider's page (instance owners only), new or existing: its kind; for OpenID Connect a preset,
// the issuer and client, and the redirect URI to register at the issuer; for LDAP the directory's address,
// bind and search; then who gets in and where (access-editor.tsx); and, once saved, a test and the tokens a
// directory provisions through (SCIM: features/scim). The secret is write-only: left empty it stays as
// saved. The server's refusals show next to their fields. A provider from the environment shows its
// settings read-only; only whether it is on and its access rules change here.
import { Navigate, useLocation, useNavigate, useParams } from '@solidjs/router'
import { createMemo, createSignal, createUniqueId, For, type JSX, Show, untrack } from 'solid-js'
import { createStore } from 'solid-js/store'
import { useI18n } from '../../i18n'
import { CopySecret } from '../../ui/copy-secret'
import { ErrorNotice } from '../../ui/errors'
import { SelectField, TextField } from '../../ui/field'
import { PageHeader } from '../../ui/page'
import { createLocalQuery, QueryView } from '../../ui/query-view'
import { ScimCard } from '../scim/scim-card'
import { useWorkspace } from '../workspaces/workspace-context'
import { type AccessDraft, AccessEditor, accessBody } from './access-editor'
import './providers.css'
import {
  callbackUrl,
  type Issue,
  issuesByField,
  type NewProvider,
  type OidcPreset,
  type Provider,
  type ProviderChange,
  type ProvidersAnswer,
  type ProviderType,
  presetsOf,
  providersQuery,
  reasonOf,
  useProviderMutations,
  useProviderTest,
} from './queries'
import { TestResultBox } from './test-result'

export default function ProviderEditorPage() {
  const ws = useWorkspace()
  return (
    <Show when={ws.me().user.instanceOwner} fallback={<Navigate href={`/w/${ws.id()}`} />}>
      <ProviderEditorView />
    </Show>
  )
}

function ProviderEditorView() {
  const { t } = useI18n()
  const params = useParams<{ id?: string }>()
  const providers = createLocalQuery(providersQuery)
  const id = () => (params.id === undefined ? undefined : Number(params.id))
  return (
    <div class="page">
      <QueryView query={providers}>
        {(answer) => (
          <Show when={id() !== undefined} fallback={<Editor answer={answer()} />}>
            <Show
              when={answer().items.find((p) => p.id === id())}
              fallback={
                <>
                  <PageHeader title={t('providers.title')} />
                  <p class="notice" data-testid="provider-not-found">
                    {t('providers.editor.notFound')}
                  </p>
                </>
              }
            >
              {(provider) => <Editor answer={answer()} provider={provider()} />}
            </Show>
          </Show>
        )}
      </QueryView>
    </div>
  )
}

interface Draft {
  type: ProviderType
  slug: string
  name: string
  enabled: boolean
  /** Typed to replace the saved one; empty keeps it. */
  secret: string
  removeSecret: boolean
  oidc: {
    preset: string
    issuer: string
    clientId: string
    scopes: string
    groupsClaim: string
    trustEmails: boolean
  }
  ldap: {
    url: string
    startTls: boolean
    bindDn: string
    searchBase: string
    searchFilter: string
    emailAttribute: string
    nameAttribute: string
    groupsAttribute: string
    tlsRejectUnauthorized: boolean
  }
}

/**
 * The server's defaults of the directory's optional settings, shown as the fields' placeholders. A field
 * left empty is not sent, so the server applies its own default (server/features/providers/schemas.ts).
 */
const LDAP_DEFAULTS = {
  searchFilter: '(|(uid={login})(mail={login}))',
  emailAttribute: 'mail',
  nameAttribute: 'cn',
  groupsAttribute: 'memberOf',
} as const

const text = (value: unknown) => (typeof value === 'string' ? value : '')
const flag = (value: unknown, fallback: boolean) => (typeof value === 'boolean' ? value : fallback)

/** The form's values: a saved provider's, or a new one's (OpenID Connect, as the generic preset starts). */
function draftOf(provider: Provider | undefined, presets: readonly OidcPreset[]): Draft {
  const config = provider?.config ?? {}
  const generic = presets.find((p) => p.key === 'generic')
  const isOidc = provider?.type !== 'ldap'
  return {
    type: provider?.type ?? 'oidc',
    slug: provider?.slug ?? '',
    name: provider?.name ?? '',
    enabled: provider?.enabled ?? true,
    secret: '',
    removeSecret: false,
    oidc: {
      preset: isOidc ? text(config.preset) : '',
      issuer: isOidc ? text(config.issuer) : '',
      clientId: isOidc ? text(config.clientId) : '',
      scopes: isOidc && provider ? text(config.scopes) : (generic?.scopes ?? ''),
      groupsClaim: isOidc && provider ? text(config.groupsClaim) : (generic?.groupsClaim ?? ''),
      trustEmails: isOidc && provider ? flag(config.trustEmails, false) : (generic?.trustEmails ?? false),
    },
    ldap: {
      url: isOidc ? '' : text(config.url),
      startTls: !isOidc && flag(config.startTls, false),
      bindDn: isOidc ? '' : text(config.bindDn),
      searchBase: isOidc ? '' : text(config.searchBase),
      searchFilter: isOidc ? '' : text(config.searchFilter),
      emailAttribute: isOidc ? '' : text(config.emailAttribute),
      nameAttribute: isOidc ? '' : text(config.nameAttribute),
      groupsAttribute: isOidc ? '' : text(config.groupsAttribute),
      tlsRejectUnauthorized: isOidc || flag(config.tlsRejectUnauthorized, true),
    },
  }
}

/** Who gets in and where: a saved provider's rules, or none (accounts are created) for a new one. */
function accessOf(provider: Provider | undefined): AccessDraft {
  return {
    autoCreate: provider?.access.autoCreate ?? true,
    defaultWorkspaces: (provider?.access.defaultWorkspaces ?? []).map((p) => ({
      workspaceId: p.workspaceId,
      roleId: p.roleId,
      productIds: p.productIds ? [...p.productIds] : null,
    })),
    groupRules: (provider?.access.groupRules ?? []).map((r) => ({
      group: r.group,
      workspaceId: r.workspaceId,
      roleId: r.roleId,
      productIds: r.productIds ? [...r.productIds] : null,
    })),
  }
}

const oidcConfig = (d: Draft['oidc']) => ({
  issuer: d.issuer.trim(),
  clientId: d.clientId.trim(),
  scopes: d.scopes.trim() || undefined,
  // Empty: the issuer sends no groups.
  groupsClaim: d.groupsClaim.trim() || null,
  trustEmails: d.trustEmails,
  preset: d.preset || undefined,
})

const ldapConfig = (d: Draft['ldap']) => ({
  url: d.url.trim(),
  startTls: d.startTls,
  bindDn: d.bindDn.trim(),
  searchBase: d.searchBase.trim(),
  searchFilter: d.searchFilter.trim() || undefined,
  emailAttribute: d.emailAttribute.trim() || undefined,
  nameAttribute: d.nameAttribute.trim() || undefined,
  groupsAttribute: d.groupsAttribute.trim() || undefined,
  tlsRejectUnauthorized: d.tlsRejectUnauthorized,
})

function Editor(props: { answer: ProvidersAnswer; provider?: Provider }) {
  const { t, locale } = useI18n()
  const ws = useWorkspace()
  const navigate = useNavigate()
  const location = useLocation<{ saved?: boolean }>()
  const presets = () => presetsOf(props.answer)
  // Made once: a refresh of the list (after a save) must not throw away what is being typed.
  const [draft, setDraft] = createStore<Draft>(untrack(() => draftOf(props.provider, presets())))
  const [access, setAccess] = createStore<AccessDraft>(untrack(() => accessOf(props.provider)))
  const isNew = () => props.provider === undefined
  const fromEnv = () => props.provider?.source === 'env'
  const base = () => `/w/${ws.id()}/settings/instance/sign-in`
  const { create, update } = useProviderMutations()
  const test = useProviderTest()

  const newBody = (): NewProvider => {
    const common = {
      slug: draft.slug.trim(),
      name: draft.name.trim(),
      enabled: draft.enabled,
      ...(draft.secret ? { secret: draft.secret } : {}),
      access: accessBody(access),
    }
    return draft.type === 'oidc'
      ? { ...common, type: 'oidc', config: oidcConfig(draft.oidc) }
      : { ...common, type: 'ldap', config: ldapConfig(draft.ldap) }
  }
  /** A change of a saved provider: the secret only when one was typed (or it is to be removed). */
  const changeBody = (): ProviderChange => {
    if (fromEnv()) return { enabled: draft.enabled, access: accessBody(access) }
    return {
      name: draft.name.trim(),
      enabled: draft.enabled,
      config: draft.type === 'oidc' ? oidcConfig(draft.oidc) : ldapConfig(draft.ldap),
      access: accessBody(access),
      ...(draft.secret ? { secret: draft.secret } : draft.removeSecret ? { secret: '' } : {}),
    }
  }
  // What was last saved, to tell whether the test would use what the form shows.
  const [savedAs, setSavedAs] = createSignal(isNew() ? '' : untrack(() => JSON.stringify(changeBody())))
  const dirty = () => !isNew() && JSON.stringify(changeBody()) !== savedAs()
  const [saved, setSaved] = createSignal(location.state?.saved === true)

  const saveError = () => (isNew() ? create.error : update.error)
  const issues = createMemo(() => issuesByField(saveError()))
  const describeIssue = (issue: Issue, field: string) => {
    if (issue.code === 'too_small') return t('providers.editor.required')
    if (issue.code === 'too_big') return t('providers.editor.tooLong')
    if (issue.code === 'invalid_format') {
      if (issue.format === 'url') return t('providers.editor.urlFormat')
      if (field === 'slug') return t('providers.editor.slugRule')
      if (field === 'config.url') return t('providers.editor.urlRule')
    }
    return locale() === 'en' && issue.message ? issue.message : t('providers.editor.invalid')
  }
  const fieldError = (field: string) => {
    const issue = issues().get(field)
    if (issue) return describeIssue(issue, field)
    if (field === 'slug' && reasonOf(saveError()) === 'slug_taken') return t('providers.editor.slugTaken')
    return undefined
  }
  const conflictMessage = () =>
    reasonOf(saveError()) === 'slug_taken'
      ? t('providers.editor.slugTaken')
      : reasonOf(saveError()) === 'provider_from_env'
        ? t('providers.editor.readOnly')
        : undefined

  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    setSaved(false)
    const provider = props.provider
    if (!provider) {
      create.mutate(newBody(), {
        onSuccess: (made) => navigate(`${base()}/${made.id}`, { replace: true, state: { saved: true } }),
      })
      return
    }
    update.mutate(
      { id: provider.id, change: changeBody() },
      {
        onSuccess: () => {
          setDraft({ secret: '', removeSecret: false })
          setSavedAs(JSON.stringify(changeBody()))
          setSaved(true)
        },
      },
    )
  }
  const presetOf = (key: string) => presets().find((p) => p.key === key)
  const applyPreset = (key: string) => {
    const preset = presetOf(key)
    if (!preset) return setDraft('oidc', 'preset', '')
    setDraft('oidc', {
      preset: preset.key,
      issuer: preset.issuer,
      scopes: preset.scopes,
      groupsClaim: preset.groupsClaim ?? '',
      trustEmails: preset.trustEmails,
    })
  }
  const presetNote = () => {
    const preset = presetOf(draft.oidc.preset)
    return preset && (locale() === 'zh-CN' ? preset.note.zh : preset.note.en)
  }

  return (
    <>
      <PageHeader
        title={
          isNew()
            ? t('providers.editor.newTitle')
            : t('providers.editor.editTitle', { name: props.provider?.name ?? '' })
        }
        intro={t('providers.editor.intro')}
      />
      <form class="sso-editor" onSubmit={submit} data-testid="provider-editor">
        <Show when={fromEnv()}>
          <p class="notice" data-testid="env-note">
            <span class="tag">{t('providers.fromEnv')}</span> {t('providers.editor.envNote')}
          </p>
        </Show>
        <Show when={isNew()}>
          <fieldset class="card card-pad sso-kind-choice">
            <legend class="section-title">{t('providers.editor.kind')}</legend>
            <div class="sso-kinds">
              <For each={['oidc', 'ldap'] as const}>
                {(kind) => (
                  <label class="radio sso-kind">
                    <input
                      type="radio"
                      name="type"
                      value={kind}
                      checked={draft.type === kind}
                      onChange={() => setDraft('type', kind)}
                    />
                    <span>
                      <span class="cell-strong">{t(`providers.type.${kind}`)}</span>
                      <span class="sso-check-hint">
                        {kind === 'oidc' ? t('providers.editor.oidcHint') : t('providers.editor.ldapHint')}
                      </span>
                    </span>
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </Show>

        <section class="card card-pad" aria-labelledby="sso-basics">
          <h2 class="section-title" id="sso-basics">
            {t('providers.editor.basics')}
          </h2>
          <div class="sso-grid">
            <TextField
              label={t('providers.editor.name')}
              name="name"
              required
              maxLength={120}
              disabled={fromEnv()}
              hint={t('providers.editor.nameHint')}
              error={fieldError('name')}
              value={draft.name}
              onValue={(name) => setDraft('name', name)}
            />
            <TextField
              label={t('providers.editor.slug')}
              name="slug"
              required
              maxLength={40}
              pattern="[a-z0-9][a-z0-9\-]{0,39}"
              autocapitalize="none"
              spellcheck={false}
              disabled={!isNew()}
              hint={isNew() ? t('providers.editor.slugHint') : undefined}
              error={fieldError('slug')}
              value={draft.slug}
              onValue={(slug) => setDraft('slug', slug.toLowerCase())}
            />
          </div>
          <Check
            name="enabled"
            label={t('providers.editor.enabled')}
            checked={draft.enabled}
            onChange={(enabled) => setDraft('enabled', enabled)}
          />
        </section>

        <Show
          when={draft.type === 'oidc'}
          fallback={
            <section class="card card-pad" aria-labelledby="sso-directory">
              <h2 class="section-title" id="sso-directory">
                {t('providers.editor.directoryTitle')}
              </h2>
              <fieldset class="sso-grid" disabled={fromEnv()}>
                <TextField
                  class="sso-wide"
                  label={t('providers.editor.url')}
                  name="url"
                  required
                  pattern="ldaps?://\S+"
                  placeholder="ldaps://ldap.example.com:636"
                  hint={t('providers.editor.urlHint')}
                  error={fieldError('config.url')}
                  value={draft.ldap.url}
                  onValue={(url) => setDraft('ldap', 'url', url)}
                />
                <Check
                  name="startTls"
                  label={t('providers.editor.startTls')}
                  checked={draft.ldap.startTls}
                  onChange={(on) => setDraft('ldap', 'startTls', on)}
                />
                <Check
                  name="tlsRejectUnauthorized"
                  label={t('providers.editor.tlsVerify')}
                  hint={t('providers.editor.tlsVerifyHint')}
                  checked={draft.ldap.tlsRejectUnauthorized}
                  onChange={(on) => setDraft('ldap', 'tlsRejectUnauthorized', on)}
                />
                <TextField
                  label={t('providers.editor.bindDn')}
                  name="bindDn"
                  placeholder="cn=keel,ou=services,dc=example,dc=com"
                  hint={t('providers.editor.bindDnHint')}
                  error={fieldError('config.bindDn')}
                  value={draft.ldap.bindDn}
                  onValue={(bindDn) => setDraft('ldap', 'bindDn', bindDn)}
                />
                <Show when={!fromEnv()}>
                  <SecretField
                    label={t('providers.editor.bindPassword')}
                    saved={props.provider?.hasSecret ?? false}
                    draft={draft}
                    setDraft={setDraft}
                  />
                </Show>
                <TextField
                  class="sso-wide"
                  label={t('providers.editor.searchBase')}
                  name="searchBase"
                  required
                  placeholder="ou=people,dc=example,dc=com"
                  error={fieldError('config.searchBase')}
                  value={draft.ldap.searchBase}
                  onValue={(searchBase) => setDraft('ldap', 'searchBase', searchBase)}
                />
                <TextField
                  class="sso-wide"
                  label={t('providers.editor.searchFilter')}
                  name="searchFilter"
                  placeholder={LDAP_DEFAULTS.searchFilter}
                  hint={t('providers.editor.searchFilterHint')}
                  error={fieldError('config.searchFilter')}
                  value={draft.ldap.searchFilter}
                  onValue={(searchFilter) => setDraft('ldap', 'searchFilter', searchFilter)}
                />
                <TextField
                  label={t('providers.editor.emailAttribute')}
                  name="emailAttribute"
                  placeholder={LDAP_DEFAULTS.emailAttribute}
                  error={fieldError('config.emailAttribute')}
                  value={draft.ldap.emailAttribute}
                  onValue={(value) => setDraft('ldap', 'emailAttribute', value)}
                />
                <TextField
                  label={t('providers.editor.nameAttribute')}
                  name="nameAttribute"
                  placeholder={LDAP_DEFAULTS.nameAttribute}
                  error={fieldError('config.nameAttribute')}
                  value={draft.ldap.nameAttribute}
                  onValue={(value) => setDraft('ldap', 'nameAttribute', value)}
                />
                <TextField
                  label={t('providers.editor.groupsAttribute')}
                  name="groupsAttribute"
                  placeholder={LDAP_DEFAULTS.groupsAttribute}
                  hint={t('providers.editor.groupsAttributeHint')}
                  error={fieldError('config.groupsAttribute')}
                  value={draft.ldap.groupsAttribute}
                  onValue={(value) => setDraft('ldap', 'groupsAttribute', value)}
                />
              </fieldset>
            </section>
          }
        >
          <section class="card card-pad" aria-labelledby="sso-issuer">
            <h2 class="section-title" id="sso-issuer">
              {t('providers.editor.issuerTitle')}
            </h2>
            <fieldset class="sso-grid" disabled={fromEnv()}>
              <SelectField
                class="sso-wide"
                label={t('providers.editor.preset')}
                name="preset"
                hint={presetNote() ? undefined : t('providers.editor.presetHint')}
                value={draft.oidc.preset}
                onValue={applyPreset}
              >
                <option value="">{t('providers.editor.presetNone')}</option>
                <For each={presets()}>{(preset) => <option value={preset.key}>{preset.name}</option>}</For>
              </SelectField>
              <Show when={presetNote()}>
                {(note) => (
                  <p class="notice sso-wide sso-preset-note" data-testid="preset-note">
                    {note()}
                  </p>
                )}
              </Show>
              <TextField
                class="sso-wide"
                label={t('providers.editor.issuer')}
                name="issuer"
                type="url"
                required
                placeholder="https://sso.example.com/realms/acme"
                hint={t('providers.editor.issuerHint')}
                error={fieldError('config.issuer')}
                value={draft.oidc.issuer}
                onValue={(issuer) => setDraft('oidc', 'issuer', issuer)}
              />
              <TextField
                label={t('providers.editor.clientId')}
                name="clientId"
                required
                autocomplete="off"
                error={fieldError('config.clientId')}
                value={draft.oidc.clientId}
                onValue={(clientId) => setDraft('oidc', 'clientId', clientId)}
              />
              <Show when={!fromEnv()}>
                <SecretField
                  label={t('providers.editor.clientSecret')}
                  saved={props.provider?.hasSecret ?? false}
                  draft={draft}
                  setDraft={setDraft}
                />
              </Show>
              <TextField
                label={t('providers.editor.scopes')}
                name="scopes"
                placeholder="openid email profile"
                error={fieldError('config.scopes')}
                value={draft.oidc.scopes}
                onValue={(scopes) => setDraft('oidc', 'scopes', scopes)}
              />
              <TextField
                label={t('providers.editor.groupsClaim')}
                name="groupsClaim"
                hint={t('providers.editor.groupsClaimHint')}
                error={fieldError('config.groupsClaim')}
                value={draft.oidc.groupsClaim}
                onValue={(groupsClaim) => setDraft('oidc', 'groupsClaim', groupsClaim)}
              />
              <div class="sso-wide">
                <Check
                  name="trustEmails"
                  label={t('providers.editor.trustEmails')}
                  hint={t('providers.editor.trustEmailsHint')}
                  checked={draft.oidc.trustEmails}
                  onChange={(on) => setDraft('oidc', 'trustEmails', on)}
                />
              </div>
            </fieldset>
            <div data-testid="redirect-uri">
              <CopySecret
                label={t('providers.editor.redirectUri')}
                value={callbackUrl(props.answer.callbackUrlTemplate, draft.slug)}
                note={t('providers.editor.redirectUriNote')}
              />
            </div>
            <div class="notice" role="note">
              <div class="notice-body">
                <p class="cell-strong">{t('providers.editor.docsTitle')}</p>
                <p>{t('providers.brokerNote')}</p>
              </div>
            </div>
          </section>
        </Show>

        <AccessEditor access={access} setAccess={setAccess} error={(field) => fieldError(field)} />

        <div class="form-actions sso-editor-actions">
          <Show when={saved() && !dirty()}>
            <p class="form-status" role="status">
              {t('providers.editor.saved')}
            </p>
          </Show>
          <button type="submit" class="btn btn-primary" disabled={create.isPending || update.isPending}>
            {create.isPending || update.isPending
              ? t('common.saving')
              : isNew()
                ? t('providers.editor.create')
                : t('providers.editor.save')}
          </button>
        </div>
        <ErrorNotice
          error={saveError()}
          overrides={{
            400: issues().size > 0 ? t('providers.editor.fixFields') : undefined,
            409: conflictMessage(),
          }}
        />
      </form>

      <Show when={props.provider}>
        {(provider) => (
          <section class="card card-pad section sso-test" aria-labelledby="sso-test">
            <h2 class="section-title" id="sso-test">
              {t('providers.editor.testTitle')}
            </h2>
            <p class="field-hint">
              {dirty() ? t('providers.editor.testSaveFirst') : t('providers.editor.testIntro')}
            </p>
            <div>
              <button
                type="button"
                class="btn"
                disabled={test.isPending}
                onClick={() => test.mutate(provider().id)}
              >
                {test.isPending ? t('providers.testing') : t('providers.test')}
              </button>
            </div>
            <Show when={test.data}>{(result) => <TestResultBox result={result()} />}</Show>
            <ErrorNotice error={test.error} />
          </section>
        )}
      </Show>
      <Show when={props.provider}>
        {(provider) => <ScimCard providerId={provider().id} providerName={provider().name} />}
      </Show>
    </>
  )
}

/** A checkbox with its label, and a hint under it when given. */
function Check(props: {
  name: string
  label: string
  hint?: string
  checked: boolean
  onChange: (checked: boolean) => void
}): JSX.Element {
  return (
    <label class="checkbox in-choice">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>
        <span>{props.label}</span>
        <Show when={props.hint}>
          <span class="sso-check-hint">{props.hint}</span>
        </Show>
      </span>
    </label>
  )
}

/** The client secret or bind password: write-only, kept when left empty; a saved one can be removed. */
function SecretField(props: {
  label: string
  saved: boolean
  draft: Draft
  setDraft: (change: Partial<Pick<Draft, 'secret' | 'removeSecret'>>) => void
}) {
  const { t } = useI18n()
  const removeId = createUniqueId()
  return (
    <div>
      <TextField
        label={props.label}
        name="secret"
        type="password"
        autocomplete="new-password"
        maxLength={1000}
        disabled={props.draft.removeSecret}
        hint={props.saved ? t('providers.editor.secretKeep') : t('providers.editor.secretNone')}
        value={props.draft.secret}
        onValue={(secret) => props.setDraft({ secret })}
      />
      <Show when={props.saved}>
        <label class="checkbox" for={removeId}>
          <input
            id={removeId}
            type="checkbox"
            name="removeSecret"
            checked={props.draft.removeSecret}
            onChange={(e) => props.setDraft({ removeSecret: e.currentTarget.checked, secret: '' })}
          />
          <span class="field-hint">{t('providers.editor.secretRemove')}</span>
        </label>
      </Show>
    </div>
  )
}

// Company sign-in as an instance owner sets it up, against a fake API: the Sign-in section of the instance page
// (password sign-in switched off only after a confirmation that explains the break-glass path, two-factor
// required, providers switched on and off, tested and deleted, those from the environment marked) and the
// provider editor (a new OpenID Connect provider from a preset, an edit that keeps the saved secret, the
// server's validation errors at their fields, the test, and a provider from the environment read-only).
import { describe, expect, it } from 'vitest'
import InstancePage from '../../web/src/features/instance/instance-page'
import ProviderEditorPage from '../../web/src/features/providers/provider-editor-page'
import type { Locale } from '../../web/src/i18n'
import { type Routes, renderPagesAt, until, untranslatedKeys } from './home-harness'
import { healthAnswer } from './instance-fixtures'

const NOW = new Date('2026-11-10T12:00:00.000Z')
const show = renderPagesAt(NOW)

const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const PRESETS = [
  {
    key: 'keycloak',
    name: 'Keycloak',
    issuer: 'https://<host>/realms/<realm>',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: {
      en: 'Add a "Group Membership" mapper (token claim name: groups, full path off) to the client.',
      zh: '在客户端中添加 “Group Membership” 映射器（声明名 groups，关闭完整路径）。',
    },
  },
  {
    key: 'google',
    name: 'Google Workspace',
    issuer: 'https://accounts.google.com',
    scopes: 'openid email profile',
    groupsClaim: null,
    trustEmails: false,
    note: { en: 'Google sends no groups.', zh: 'Google 不发送组信息。' },
  },
  {
    key: 'generic',
    name: 'OpenID Connect',
    issuer: 'https://<issuer>',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
    note: { en: 'Any issuer.', zh: '任何签发方。' },
  },
]
const TEMPLATE = 'https://keel.acme.test/api/auth/oidc/<slug>/callback'
const NO_ACCESS = { autoCreate: true, defaultWorkspaces: [], groupRules: [] }

type ProviderRow = Record<string, unknown> & { id: number; slug: string; name: string }
const oidc = (over: Partial<ProviderRow> = {}): ProviderRow => ({
  id: 3,
  slug: 'corp',
  type: 'oidc',
  name: 'Corp SSO',
  enabled: true,
  source: 'ui',
  config: {
    issuer: 'https://sso.acme.test/realms/acme',
    clientId: 'keel',
    scopes: 'openid email profile',
    groupsClaim: 'groups',
    trustEmails: false,
  },
  hasSecret: true,
  access: NO_ACCESS,
  createdAt: '2026-11-01T09:00:00.000Z',
  version: 1,
  ...over,
})
const envDirectory = (over: Partial<ProviderRow> = {}): ProviderRow => ({
  id: 4,
  slug: 'ldap',
  type: 'ldap',
  name: 'Acme directory',
  enabled: true,
  source: 'env',
  config: {
    url: 'ldaps://ldap.acme.test',
    startTls: false,
    bindDn: 'cn=keel,dc=acme,dc=test',
    searchBase: 'ou=people,dc=acme,dc=test',
    searchFilter: '(|(uid={login})(mail={login}))',
    emailAttribute: 'mail',
    nameAttribute: 'cn',
    groupsAttribute: 'memberOf',
    tlsRejectUnauthorized: true,
  },
  hasSecret: true,
  access: NO_ACCESS,
  createdAt: '2026-11-01T09:00:00.000Z',
  version: 1,
  ...over,
})

/** Every workspace as the instance owner sees it (GET /api/admin/workspaces): Acme, theirs, and a plant they
 * are not a member of, each with its roles (built-in ones by their key) and products. */
const WORKSPACES = [
  {
    id: 1,
    name: 'Acme',
    createdAt: '2026-01-05T09:00:00.000Z',
    members: 12,
    roles: [
      { id: 11, name: 'owner', builtIn: 'owner' },
      { id: 14, name: 'developer', builtIn: 'developer' },
      { id: 15, name: 'Field engineer', builtIn: null },
    ],
    products: [
      { id: 21, key: 'MES', name: 'MES' },
      { id: 22, key: 'SRM', name: 'Supplier portal' },
    ],
  },
  {
    id: 9,
    name: 'Plant Suzhou',
    createdAt: '2026-03-02T09:00:00.000Z',
    members: 4,
    roles: [
      { id: 90, name: 'Finance', builtIn: null },
      { id: 94, name: 'developer', builtIn: 'developer' },
    ],
    products: [
      { id: 91, key: 'ERP', name: 'ERP' },
      { id: 92, key: 'QMS', name: 'Quality' },
    ],
  },
]

/** A small server: the settings and providers (changed as the real one would), every write recorded. */
function server(options: { providers?: ProviderRow[]; answers?: Routes } = {}) {
  let settings = {
    workspaceCreation: 'owners',
    auditRetentionDays: 365,
    passwordSignIn: true,
    requireTwoFactor: false,
    version: 1,
  }
  let providers = options.providers ?? [oidc(), envDirectory()]
  const writes: { method: string; path: string; body: unknown }[] = []
  const record = (url: URL, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    writes.push({ method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, body })
    return body
  }
  const routes: Routes = {
    'GET /api/admin/settings': () => settings,
    'PATCH /api/admin/settings': (url: URL, init?: RequestInit) => {
      settings = { ...settings, ...record(url, init), version: settings.version + 1 }
      return settings
    },
    'GET /api/admin/users': { items: [] },
    'GET /api/admin/emails': {
      emailOn: false,
      from: null,
      publicUrl: null,
      counts: { pending: 0, sent: 0, failed: 0, skipped: 0 },
      items: [],
      nextCursor: null,
    },
    'GET /api/admin/providers': () => ({ items: providers, presets: PRESETS, callbackUrlTemplate: TEMPLATE }),
    'POST /api/admin/providers': (url: URL, init?: RequestInit) => {
      const body = record(url, init)
      const made = { ...oidc(), ...body, id: 7, hasSecret: Boolean(body.secret), source: 'ui' }
      delete made.secret
      providers = [...providers, made]
      return { status: 201, body: made }
    },
    'GET /api/admin/workspaces': { items: WORKSPACES },
    'GET /api/admin/health': healthAnswer(),
    ...options.answers,
  }
  for (const id of [3, 4]) {
    routes[`PATCH /api/admin/providers/${id}`] ??= (url: URL, init?: RequestInit) => {
      const body = record(url, init)
      providers = providers.map((p) =>
        p.id === id
          ? { ...p, ...body, hasSecret: body.secret === undefined ? p.hasSecret : !!body.secret }
          : p,
      )
      return providers.find((p) => p.id === id)
    }
    routes[`DELETE /api/admin/providers/${id}`] ??= (url: URL, init?: RequestInit) => {
      record(url, init)
      providers = providers.filter((p) => p.id !== id)
      return { status: 204, body: null }
    }
  }
  return { routes, writes }
}

const openInstance = (routes: Routes, locale: Locale = 'en') =>
  show({
    page: InstancePage,
    route: '/w/:ws/settings/instance',
    at: '/w/1/settings/instance',
    user: { instanceOwner: true },
    routes,
    locale,
  })

const openEditor = (routes: Routes, at: string, locale: Locale = 'en') =>
  show({
    page: ProviderEditorPage,
    route: at.endsWith('/new')
      ? '/w/:ws/settings/instance/sign-in/new'
      : '/w/:ws/settings/instance/sign-in/:id',
    at,
    user: { instanceOwner: true },
    routes,
    locale,
  })

const type = (input: HTMLInputElement, value: string) => {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}
const choose = (select: HTMLSelectElement, value: string) => {
  select.value = value
  select.dispatchEvent(new Event('change', { bubbles: true }))
}
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
const input = (root: ParentNode, name: string) =>
  root.querySelector<HTMLInputElement>(`input[name="${name}"]`)
const select = (root: ParentNode, name: string) =>
  root.querySelector<HTMLSelectElement>(`select[name="${name}"]`)
const labelled = (root: ParentNode, label: string) =>
  root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const alertDialog = () => document.querySelector<HTMLElement>('[role="alertdialog"]')
const errorOf = (field: HTMLInputElement | HTMLSelectElement) =>
  field.getAttribute('aria-invalid') === 'true'
    ? (document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent ?? '')
    : ''
const row = (root: ParentNode, slug: string) =>
  root.querySelector<HTMLTableRowElement>(`tr[data-provider="${slug}"]`)

describe('the Sign-in section of the instance page', () => {
  it('switches password sign-in off only after a confirmation that explains the break-glass path', async () => {
    const { routes, writes } = server()
    const { container } = openInstance(routes)
    const passwords = await found(() => input(container, 'passwordSignIn'))
    await until(() => passwords.checked)
    passwords.click()
    const confirm = await found(alertDialog)
    expect(confirm.querySelector('.dialog-title')?.textContent).toBe('Switch off password sign-in?')
    const body = confirm.querySelector('.dialog-description')?.textContent ?? ''
    expect(body).toContain('Everyone but instance owners must then sign in through a provider.')
    expect(body).toContain('Instance owners keep their password as the way in')
    // Asking changes nothing: the box stays ticked.
    expect(writes).toEqual([])
    expect(passwords.checked).toBe(true)

    button(confirm, 'Switch off')!.click()
    await until(() => !input(container, 'passwordSignIn')!.checked)
    expect(writes).toEqual([
      { method: 'PATCH', path: '/api/admin/settings', body: { passwordSignIn: false } },
    ])
    // Back on at once, without asking.
    input(container, 'passwordSignIn')!.click()
    await until(() => writes.length === 2)
    expect(writes[1]!.body).toEqual({ passwordSignIn: true })
    expect(alertDialog()).toBeNull()
  })

  it('warns that only owners can sign in when no provider is on, and requires two-factor at once', async () => {
    const { routes, writes } = server({ providers: [oidc({ enabled: false })] })
    const { container } = openInstance(routes, 'zh-CN')
    await found(() => row(container, 'corp'))
    const passwords = input(container, 'passwordSignIn')!
    passwords.click()
    const confirm = await found(alertDialog)
    expect(confirm.querySelector('.dialog-description')?.textContent).toContain(
      '目前还没有启用任何登录提供方：在启用之前，只有实例所有者能够登录。',
    )
    button(confirm, '取消')!.click()
    await until(() => !alertDialog())
    expect(writes).toEqual([])

    const twoFactor = input(container, 'requireTwoFactor')!
    expect(twoFactor.closest('label')?.textContent).toContain('要求两步验证')
    twoFactor.click()
    await until(() => writes.length === 1)
    expect(writes[0]).toEqual({
      method: 'PATCH',
      path: '/api/admin/settings',
      body: { requireTwoFactor: true },
    })
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('lists the providers: on or off, tested in the server’s words, deleted after asking, env ones marked', async () => {
    const message =
      'Discovery at https://sso.acme.test/realms/acme failed: getaddrinfo ENOTFOUND sso.acme.test'
    const { routes, writes } = server({
      answers: { 'POST /api/admin/providers/3/test': { ok: false, message } },
    })
    const { container } = openInstance(routes)
    const corp = await found(() => row(container, 'corp'))
    const env = row(container, 'ldap')!
    expect(corp.textContent).toContain('OpenID Connect')
    expect(env.textContent).toContain('LDAP directory')
    expect(env.querySelector('[data-testid="from-env"]')?.textContent).toBe('From the environment')
    expect(corp.querySelector('[data-testid="from-env"]')).toBeNull()
    // One from the environment cannot be deleted here, only switched off, edited (its access) and tested.
    expect(labelled(env, 'Delete Acme directory')).toBeNull()
    expect(labelled(env, 'Test Acme directory')).not.toBeNull()
    expect(env.querySelector('a[aria-label="Edit Acme directory"]')?.getAttribute('href')).toBe(
      '/w/1/settings/instance/sign-in/4',
    )
    expect(container.querySelector('a[href="/w/1/settings/instance/sign-in/new"]')?.textContent).toBe(
      'Add a provider',
    )
    expect(container.textContent).toContain('connect them through a broker such as Authing or Keycloak')

    labelled(corp, 'Test Corp SSO')!.click()
    const result = await found(() => container.querySelector<HTMLElement>('[data-testid="test-result"]'))
    expect(result.dataset.ok).toBe('false')
    expect(result.querySelector('.sso-result-message')?.textContent).toBe(message)
    expect(result.textContent).toContain('Test of Corp SSO · It does not work yet')

    const enabled = corp.querySelector<HTMLInputElement>(
      'input[aria-label="Offer Corp SSO on the login page"]',
    )!
    enabled.click()
    await until(() => writes.length === 1)
    expect(writes[0]).toEqual({ method: 'PATCH', path: '/api/admin/providers/3', body: { enabled: false } })

    labelled(row(container, 'corp')!, 'Delete Corp SSO')!.click()
    const confirm = await found(alertDialog)
    expect(confirm.querySelector('.dialog-title')?.textContent).toBe('Delete Corp SSO?')
    expect(confirm.textContent).toContain('Accounts made through it stay')
    expect(writes).toHaveLength(1)
    button(confirm, 'Delete')!.click()
    await until(() => !row(container, 'corp'))
    expect(writes[1]).toEqual({ method: 'DELETE', path: '/api/admin/providers/3', body: undefined })
  })
})

describe('the provider editor', () => {
  it('adds an OpenID Connect provider from a preset, with its redirect URI and a default workspace', async () => {
    const { routes, writes } = server({ providers: [] })
    const { container, path } = openEditor(routes, '/w/1/settings/instance/sign-in/new')
    const form = await found(() =>
      container.querySelector<HTMLFormElement>('[data-testid="provider-editor"]'),
    )
    expect(container.querySelector('h1')?.textContent).toBe('Add a sign-in provider')
    expect(input(form, 'type')!.checked).toBe(true)

    choose(select(form, 'preset')!, 'keycloak')
    await until(() => input(form, 'issuer')!.value === 'https://<host>/realms/<realm>')
    expect(input(form, 'scopes')!.value).toBe('openid email profile')
    expect(input(form, 'groupsClaim')!.value).toBe('groups')
    expect(form.querySelector('[data-testid="preset-note"]')?.textContent).toBe(
      'Add a "Group Membership" mapper (token claim name: groups, full path off) to the client.',
    )

    type(input(form, 'name')!, 'Acme Keycloak')
    type(input(form, 'slug')!, 'Acme-KC')
    const redirect = form.querySelector<HTMLInputElement>('[data-testid="redirect-uri"] input')!
    await until(() => redirect.value === 'https://keel.acme.test/api/auth/oidc/acme-kc/callback')
    type(input(form, 'issuer')!, 'https://sso.acme.test/realms/acme')
    type(input(form, 'clientId')!, 'keel')
    type(input(form, 'secret')!, 's3cret')
    input(form, 'trustEmails')!.click()

    button(form, 'Add a workspace')!.click()
    const place = await found(() => form.querySelector<HTMLElement>('[data-testid="default-workspace"]'))
    choose(select(place, 'workspaceId')!, '1')
    const role = select(place, 'roleId')!
    await until(() => role.querySelectorAll('option').length === 4)
    expect([...role.querySelectorAll('option')].map((o) => o.textContent)).toEqual([
      'Choose…',
      'Owner',
      'Developer',
      'Field engineer',
    ])
    choose(role, '14')
    // Narrowed to one product.
    const some = [...place.querySelectorAll<HTMLInputElement>('input[type="radio"]')][1]!
    await until(() => some)
    some.click()
    const mes = await found(() => place.querySelector<HTMLInputElement>('input[type="checkbox"]'))
    mes.click()

    submit(form)
    await until(() => path() === '/w/1/settings/instance/sign-in/7')
    expect(writes).toEqual([
      {
        method: 'POST',
        path: '/api/admin/providers',
        body: {
          type: 'oidc',
          slug: 'acme-kc',
          name: 'Acme Keycloak',
          enabled: true,
          secret: 's3cret',
          config: {
            issuer: 'https://sso.acme.test/realms/acme',
            clientId: 'keel',
            scopes: 'openid email profile',
            groupsClaim: 'groups',
            trustEmails: true,
            preset: 'keycloak',
          },
          access: {
            autoCreate: true,
            defaultWorkspaces: [{ workspaceId: 1, roleId: 14, productIds: [21] }],
            groupRules: [],
          },
        },
      },
    ])
  })

  it('offers every workspace, with the roles and products of one the owner is not in, and sends their ids', async () => {
    const { routes, writes } = server({ providers: [] })
    const { container, path, requests } = openEditor(routes, '/w/1/settings/instance/sign-in/new', 'zh-CN')
    const form = await found(() =>
      container.querySelector<HTMLFormElement>('[data-testid="provider-editor"]'),
    )
    type(input(form, 'name')!, 'Corp')
    type(input(form, 'slug')!, 'corp')
    type(input(form, 'issuer')!, 'https://sso.acme.test/realms/acme')
    type(input(form, 'clientId')!, 'keel')
    input(form, 'autoCreate')!.click()

    button(form, '添加空间')!.click()
    const place = await found(() => form.querySelector<HTMLElement>('[data-testid="default-workspace"]'))
    const workspace = select(place, 'workspaceId')!
    const texts = (field: HTMLSelectElement) =>
      [...field.querySelectorAll('option')].map((o) => o.textContent)
    expect(texts(workspace)).toEqual(['请选择…', 'Acme', 'Plant Suzhou'])
    choose(workspace, '9')
    const role = select(place, 'roleId')!
    // The plant's roles, a built-in one in the reader's language.
    await until(() => texts(role).length === 3)
    expect(texts(role)).toEqual(['请选择…', 'Finance', '开发'])
    choose(role, '94')
    ;[...place.querySelectorAll<HTMLInputElement>('input[type="radio"]')][1]!.click()
    const quality = await found(() =>
      [...place.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((box) =>
        box.closest('label')?.textContent?.includes('Quality'),
      ),
    )
    quality.click()

    button(form, '添加规则')!.click()
    const rule = await found(() => form.querySelector<HTMLElement>('[data-testid="group-rule"]'))
    type(input(rule, 'group')!, 'plant-finance')
    choose(select(rule, 'workspaceId')!, '9')
    await until(() => texts(select(rule, 'roleId')!).includes('Finance'))
    choose(select(rule, 'roleId')!, '90')

    submit(form)
    await until(() => path() === '/w/1/settings/instance/sign-in/7')
    expect((writes[0]!.body as { access: unknown }).access).toEqual({
      autoCreate: false,
      defaultWorkspaces: [{ workspaceId: 9, roleId: 94, productIds: [92] }],
      groupRules: [{ group: 'plant-finance', workspaceId: 9, roleId: 90, productIds: null }],
    })
    // Everything came from the instance owners' list: nothing was asked of a workspace itself.
    expect(requests.filter((r) => r.startsWith('GET /api/workspaces/'))).toEqual([])
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('shows the preset’s note in Chinese', async () => {
    const { routes } = server({ providers: [] })
    const { container } = openEditor(routes, '/w/1/settings/instance/sign-in/new', 'zh-CN')
    const preset = await found(() => select(container, 'preset'))
    choose(preset, 'google')
    const note = await found(() => container.querySelector('[data-testid="preset-note"]'))
    expect(note.textContent).toBe('Google 不发送组信息。')
    // Google sends no groups: the claim is left empty (sent as none).
    expect(input(container, 'groupsClaim')!.value).toBe('')
    expect(untranslatedKeys(container)).toEqual([])
  })

  it('edits without sending the secret when it is left empty, and sends one typed', async () => {
    const { routes, writes } = server()
    const { container } = openEditor(routes, '/w/1/settings/instance/sign-in/3')
    const form = await found(() =>
      container.querySelector<HTMLFormElement>('[data-testid="provider-editor"]'),
    )
    expect(container.querySelector('h1')?.textContent).toBe('Sign-in provider: Corp SSO')
    const secret = input(form, 'secret')!
    expect(secret.value).toBe('')
    expect(secret.type).toBe('password')
    expect(document.getElementById(secret.getAttribute('aria-describedby')!)?.textContent).toBe(
      'A secret is saved. Leave empty to keep it.',
    )
    // The short name is fixed once made.
    expect(input(form, 'slug')!.disabled).toBe(true)
    type(input(form, 'name')!, 'Acme SSO')
    submit(form)
    await found(() => form.querySelector('[role="status"]')?.textContent === 'Saved.')
    expect(writes).toHaveLength(1)
    expect(writes[0]!.path).toBe('/api/admin/providers/3')
    expect(writes[0]!.body).toEqual({
      name: 'Acme SSO',
      enabled: true,
      config: {
        issuer: 'https://sso.acme.test/realms/acme',
        clientId: 'keel',
        scopes: 'openid email profile',
        groupsClaim: 'groups',
        trustEmails: false,
      },
      access: NO_ACCESS,
    })
    expect(writes[0]!.body).not.toHaveProperty('secret')

    type(input(form, 'secret')!, 'rotated-secret')
    submit(form)
    await until(() => writes.length === 2)
    expect(writes[1]!.body).toMatchObject({ secret: 'rotated-secret' })
    // Saved: the field is empty again and keeps the new one.
    await until(() => input(form, 'secret')!.value === '')
  })

  it('shows the server’s validation errors next to their fields', async () => {
    const issues = [
      { code: 'invalid_format', format: 'regex', path: ['slug'], message: 'lower-case letters' },
      { code: 'invalid_format', format: 'url', path: ['config', 'issuer'], message: 'Invalid URL' },
      { code: 'too_small', path: ['config', 'clientId'], message: 'Too small' },
      { code: 'too_small', path: ['access', 'groupRules', 0, 'roleId'], message: 'Too small' },
    ]
    const posted: unknown[] = []
    const { routes } = server({
      providers: [],
      answers: {
        'POST /api/admin/providers': (_url: URL, init?: RequestInit) => {
          posted.push(JSON.parse(String(init?.body)))
          return {
            status: 400,
            body: { error: { code: 'invalid_input', message: 'The request is not valid', details: issues } },
          }
        },
      },
    })
    const { container, path } = openEditor(routes, '/w/1/settings/instance/sign-in/new')
    const form = await found(() =>
      container.querySelector<HTMLFormElement>('[data-testid="provider-editor"]'),
    )
    type(input(form, 'name')!, 'Corp')
    type(input(form, 'slug')!, '-corp')
    type(input(form, 'issuer')!, 'sso.acme.test')
    button(form, 'Add a rule')!.click()
    const rule = await found(() => form.querySelector<HTMLElement>('[data-testid="group-rule"]'))
    type(input(rule, 'group')!, 'keel-pm')
    choose(select(rule, 'workspaceId')!, '1')
    submit(form)

    await until(() => errorOf(input(form, 'issuer')!) !== '')
    expect(errorOf(input(form, 'issuer')!)).toBe('Enter a full address, like https://sso.example.com.')
    expect(errorOf(input(form, 'slug')!)).toBe(
      'Use lower-case letters, digits and dashes (at most 40), starting with a letter or digit.',
    )
    expect(errorOf(input(form, 'clientId')!)).toBe('Fill in this field.')
    expect(errorOf(select(rule, 'roleId')!)).toBe('Fill in this field.')
    expect(errorOf(input(form, 'name')!)).toBe('')
    expect(form.querySelector('[role="alert"]')?.textContent).toBe(
      'Some fields are not valid: see the messages next to them.',
    )
    // The rule went with the workspace chosen and no role yet (the server refused that).
    expect((posted[0] as { access: unknown }).access).toEqual({
      autoCreate: true,
      defaultWorkspaces: [],
      groupRules: [{ group: 'keel-pm', workspaceId: 1, roleId: 0, productIds: null }],
    })
    expect(path()).toBe('/w/1/settings/instance/sign-in/new')
  })

  it('tests a saved provider and shows the message as the server words it', async () => {
    const { routes } = server({
      answers: {
        'POST /api/admin/providers/3/test': {
          ok: true,
          message: 'The issuer https://sso.acme.test/realms/acme answered',
          details: { issuer: 'https://sso.acme.test/realms/acme' },
        },
      },
    })
    const { container, requests } = openEditor(routes, '/w/1/settings/instance/sign-in/3')
    await found(() => container.querySelector('[data-testid="provider-editor"]'))
    const test = [...container.querySelectorAll<HTMLButtonElement>('.sso-test button')].find(
      (b) => b.textContent === 'Test',
    )!
    test.click()
    const result = await found(() => container.querySelector<HTMLElement>('[data-testid="test-result"]'))
    expect(result.dataset.ok).toBe('true')
    expect(result.querySelector('.sso-result-message')?.textContent).toBe(
      'The issuer https://sso.acme.test/realms/acme answered',
    )
    expect(result.textContent).toContain('It works')
    expect(requests).toContain('POST /api/admin/providers/3/test')
  })

  it('shows a provider from the environment read-only, and saves only whether it is on and its access', async () => {
    const { routes, writes } = server({
      providers: [
        envDirectory({
          access: {
            autoCreate: false,
            defaultWorkspaces: [],
            groupRules: [
              { group: 'finance', workspaceId: 9, roleId: 90, productIds: [92] },
              { group: 'old-plant', workspaceId: 99, roleId: 990, productIds: [991] },
            ],
          },
        }),
      ],
    })
    const { container } = openEditor(routes, '/w/1/settings/instance/sign-in/4')
    const form = await found(() =>
      container.querySelector<HTMLFormElement>('[data-testid="provider-editor"]'),
    )
    expect(form.querySelector('[data-testid="env-note"]')?.textContent).toContain(
      'its settings are shown read-only and change there',
    )
    expect(input(form, 'name')!.disabled).toBe(true)
    for (const name of ['url', 'bindDn', 'searchBase', 'searchFilter'])
      expect(input(form, name)!.closest('fieldset')?.disabled, name).toBe(true)
    expect(input(form, 'url')!.value).toBe('ldaps://ldap.acme.test')
    expect(input(form, 'secret')).toBeNull()
    // A rule about a workspace the owner is not in shows its names; one about a deleted workspace, its ids.
    const [plant, gone] = await found(() => {
      const rules = [...form.querySelectorAll<HTMLElement>('[data-testid="group-rule"]')]
      return rules.length === 2 && rules
    })
    expect(select(plant!, 'workspaceId')!.selectedOptions[0]?.textContent).toBe('Plant Suzhou')
    expect(select(plant!, 'roleId')!.selectedOptions[0]?.textContent).toBe('Finance')
    const products = [...plant!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')]
    expect(products.map((box) => [box.closest('label')?.textContent, box.checked])).toEqual([
      ['ERPERP', false],
      ['QMSQuality', true],
    ])
    expect(select(gone!, 'workspaceId')!.selectedOptions[0]?.textContent).toBe(
      'Workspace #99 (no longer exists)',
    )
    expect(select(gone!, 'roleId')!.selectedOptions[0]?.textContent).toBe('Role #990')
    expect(gone!.textContent).toContain('Products #991')
    // Still editable: whether it is on, and who gets in.
    input(form, 'enabled')!.click()
    input(form, 'autoCreate')!.click()
    submit(form)
    await until(() => writes.length === 1)
    expect(writes[0]).toEqual({
      method: 'PATCH',
      path: '/api/admin/providers/4',
      body: {
        enabled: false,
        access: {
          autoCreate: true,
          defaultWorkspaces: [],
          groupRules: [
            { group: 'finance', workspaceId: 9, roleId: 90, productIds: [92] },
            { group: 'old-plant', workspaceId: 99, roleId: 990, productIds: [991] },
          ],
        },
      },
    })
  })
})

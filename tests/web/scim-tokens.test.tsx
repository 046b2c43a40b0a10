// SCIM provisioning on a saved provider's page, as an instance owner sets it up against a fake API: what a
// directory does through it, the base URL to give the directory, the tokens (never their secrets), a new
// token's secret shown once while the list comes back without it, and revoking only after a confirmation.
import { describe, expect, it } from 'vitest'
import ProviderEditorPage from '../../web/src/features/providers/provider-editor-page'
import type { Locale } from '../../web/src/i18n'
import { type Routes, renderPagesAt, until, untranslatedKeys } from './home-harness'

const NOW = new Date('2026-11-10T12:00:00.000Z')
const show = renderPagesAt(NOW)

const found = async <T,>(check: () => T | null | undefined | false): Promise<T> => (await until(check)) as T

const PROVIDER = {
  id: 3,
  slug: 'corp',
  type: 'oidc',
  name: 'Corp SSO',
  enabled: true,
  source: 'ui',
  config: {
    issuer: 'https://sso.acme.test/realms/acme',
    clientId: 'keel',
    scopes: 'openid',
    groupsClaim: null,
  },
  hasSecret: true,
  access: { autoCreate: true, defaultWorkspaces: [], groupRules: [] },
  createdAt: '2026-11-01T09:00:00.000Z',
  version: 1,
}
const BASE_URL = 'https://keel.acme.test/scim/v2'
const SECRET = 'scim_Q2hvb3NlIGEgc2VjcmV0IHRoYXQgaXMgbG9uZw'

interface TokenRow {
  id: number
  name: string
  prefix: string
  createdAt: string
  lastUsedAt: string | null
}

/** A small server: the provider, its SCIM tokens (made and revoked as the real one would), writes recorded. */
function scimServer(options: { answers?: Routes } = {}) {
  let tokens: TokenRow[] = [
    {
      id: 5,
      name: 'Entra provisioning',
      prefix: 'scim_AbCdE',
      createdAt: '2026-11-01T09:00:00.000Z',
      lastUsedAt: '2026-11-10T11:00:00.000Z',
    },
    {
      id: 6,
      name: 'Okta (trial)',
      prefix: 'scim_XyZ12',
      createdAt: '2026-11-05T09:00:00.000Z',
      lastUsedAt: null,
    },
  ]
  const writes: { method: string; path: string; body: unknown }[] = []
  const record = (url: URL, init?: RequestInit) => {
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    writes.push({ method: (init?.method ?? 'GET').toUpperCase(), path: url.pathname, body })
    return body
  }
  const routes: Routes = {
    'GET /api/admin/providers': {
      items: [PROVIDER],
      presets: [],
      callbackUrlTemplate: 'https://keel.acme.test/api/auth/oidc/<slug>/callback',
    },
    'GET /api/admin/workspaces': { items: [] },
    'GET /api/admin/providers/3/scim-tokens': () => ({ items: tokens, baseUrl: BASE_URL }),
    'POST /api/admin/providers/3/scim-tokens': (url: URL, init?: RequestInit) => {
      const { name } = record(url, init) as { name: string }
      const made = { id: 7, name, prefix: SECRET.slice(0, 10), createdAt: NOW.toISOString() }
      tokens = [...tokens, { ...made, lastUsedAt: null }]
      return { status: 201, body: { ...made, token: SECRET } }
    },
    ...options.answers,
  }
  for (const id of [5, 6, 7])
    routes[`DELETE /api/admin/scim-tokens/${id}`] ??= (url: URL, init?: RequestInit) => {
      record(url, init)
      tokens = tokens.filter((token) => token.id !== id)
      return { status: 204, body: null }
    }
  return { routes, writes }
}

const openEditor = (routes: Routes, at = '/w/1/settings/instance/sign-in/3', locale: Locale = 'en') =>
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

const card = (root: ParentNode) => root.querySelector<HTMLElement>('[data-testid="scim-card"]')
const rowsOf = (root: ParentNode) => [
  ...root.querySelectorAll<HTMLTableRowElement>('[data-testid="scim-token"]'),
]
const cells = (tr: HTMLTableRowElement) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim())
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === text)
const labelled = (root: ParentNode, label: string) =>
  root.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)
const alertDialog = () => document.querySelector<HTMLElement>('[role="alertdialog"]')
const type = (input: HTMLInputElement, value: string) => {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}
const submit = (form: HTMLFormElement) =>
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
const nameField = (root: ParentNode) => root.querySelector<HTMLInputElement>('input[name="scimTokenName"]')!

describe('SCIM provisioning on a provider’s page', () => {
  it('says what the directory does, gives the base URL, and lists the tokens without their secrets', async () => {
    const { routes } = scimServer()
    const { container } = openEditor(routes)
    const scim = await found(() => card(container))
    expect(scim.querySelector('h2')?.textContent).toBe('Provisioning (SCIM)')
    const intro = scim.querySelector('.scim-intro')?.textContent ?? ''
    expect(intro).toContain('it creates, updates and deactivates people and pushes its groups')
    expect(intro).toContain('New people join this provider’s default workspaces, groups meet its group rules')
    expect(intro).toContain('a person deleted in the directory is deactivated here')

    const base = await found(() =>
      scim.querySelector<HTMLInputElement>('[data-testid="scim-base-url"] [data-testid="secret-value"]'),
    )
    expect(base.value).toBe(BASE_URL)
    expect(base.readOnly).toBe(true)
    expect(button(scim.querySelector('[data-testid="scim-base-url"]')!, 'Copy')).toBeDefined()

    const rows = await found(() => rowsOf(scim).length === 2 && rowsOf(scim))
    expect(cells(rows[0]!).slice(0, 4)).toEqual([
      'Entra provisioning',
      'scim_AbCdE…',
      'Nov 1, 2026',
      '1 hour ago',
    ])
    expect(cells(rows[1]!).slice(0, 4)).toEqual(['Okta (trial)', 'scim_XyZ12…', 'Nov 5, 2026', 'Never'])
    expect(labelled(rows[0]!, 'Revoke SCIM token Entra provisioning')).not.toBeNull()
  })

  it('is not offered before the provider is saved', async () => {
    const { routes } = scimServer()
    const { container, requests } = openEditor(routes, '/w/1/settings/instance/sign-in/new')
    await found(() => container.querySelector('[data-testid="provider-editor"]'))
    expect(card(container)).toBeNull()
    expect(requests.some((r) => r.includes('scim-tokens'))).toBe(false)
  })

  it('shows a new token’s secret once, with the warning, while the list comes back without it', async () => {
    const { routes, writes } = scimServer()
    const { container, requests } = openEditor(routes)
    const scim = await found(() => card(container))
    await found(() => rowsOf(scim).length === 2)
    const listed = () => requests.filter((r) => r === 'GET /api/admin/providers/3/scim-tokens').length
    expect(listed()).toBe(1)

    type(nameField(scim), '  Entra production  ')
    submit(nameField(scim).closest('form')!)
    const panel = await found(() => scim.querySelector<HTMLElement>('[data-testid="scim-token-created"]'))
    expect(writes).toEqual([
      { method: 'POST', path: '/api/admin/providers/3/scim-tokens', body: { name: 'Entra production' } },
    ])
    expect(panel.querySelector('h3')?.textContent).toBe('New SCIM token “Entra production”')
    expect(panel.querySelector<HTMLInputElement>('[data-testid="secret-value"]')?.value).toBe(SECRET)
    expect(panel.querySelector('.notice-warning')?.textContent).toBe(
      'Copy it now: Keel keeps only a hash, so it will not be shown again. Lost it? Revoke it and make a new one.',
    )
    // The name field is ready for another token.
    expect(nameField(scim).value).toBe('')

    // The list is asked again and shows the new token by its prefix only.
    await until(() => rowsOf(scim).length === 3)
    expect(listed()).toBe(2)
    const made = rowsOf(scim)[2]!
    expect(cells(made).slice(0, 2)).toEqual(['Entra production', 'scim_Q2hvb…'])
    expect(scim.querySelector('table')?.textContent).not.toContain(SECRET)

    // Closed, the secret is gone for good.
    button(panel, 'Close')!.click()
    await until(() => !scim.querySelector('[data-testid="scim-token-created"]'))
    const everywhere = [...document.querySelectorAll<HTMLInputElement>('input')].map((i) => i.value)
    expect(everywhere).not.toContain(SECRET)
    expect(document.body.textContent).not.toContain(SECRET)
  })

  it('revokes a token only after a confirmation, then sends DELETE and drops it from the list', async () => {
    const { routes, writes } = scimServer()
    const { container } = openEditor(routes)
    const scim = await found(() => card(container))
    const entra = await found(() => rowsOf(scim)[0])
    labelled(entra, 'Revoke SCIM token Entra provisioning')!.click()
    const confirm = await found(alertDialog)
    expect(confirm.querySelector('.dialog-title')?.textContent).toBe(
      'Revoke the SCIM token “Entra provisioning”?',
    )
    expect(confirm.querySelector('.dialog-description')?.textContent).toContain(
      'The directory can no longer provision through it',
    )
    // Asking changes nothing; cancelling neither.
    button(confirm, 'Cancel')!.click()
    await until(() => !alertDialog())
    expect(writes).toEqual([])

    labelled(rowsOf(scim)[0]!, 'Revoke SCIM token Entra provisioning')!.click()
    button(await found(alertDialog), 'Revoke')!.click()
    await until(() => rowsOf(scim).length === 1)
    expect(writes).toEqual([{ method: 'DELETE', path: '/api/admin/scim-tokens/5', body: undefined }])
    expect(cells(rowsOf(scim)[0]!)[0]).toBe('Okta (trial)')
    await until(() => !alertDialog())
  })

  it('shows the server’s refusals in words, in Chinese, and no secret when none was made', async () => {
    const { routes } = scimServer({
      answers: {
        'POST /api/admin/providers/3/scim-tokens': {
          status: 404,
          body: { error: { code: 'not_found', message: 'Sign-in provider not found' } },
        },
        'DELETE /api/admin/scim-tokens/6': {
          status: 403,
          body: { error: { code: 'forbidden', message: 'Only instance owners may do this' } },
        },
      },
    })
    const { container } = openEditor(routes, '/w/1/settings/instance/sign-in/3', 'zh-CN')
    const scim = await found(() => card(container))
    await found(() => rowsOf(scim).length === 2)
    expect(scim.querySelector('h2')?.textContent).toBe('自动同步（SCIM）')

    type(nameField(scim), 'Entra')
    submit(nameField(scim).closest('form')!)
    const refusal = await found(() => scim.querySelector<HTMLElement>('[role="alert"]'))
    expect(refusal.textContent?.length).toBeGreaterThan(0)
    expect(scim.querySelector('[data-testid="scim-token-created"]')).toBeNull()
    // What was typed stays, to try again.
    expect(nameField(scim).value).toBe('Entra')

    labelled(rowsOf(scim)[1]!, '撤销 SCIM 令牌 Okta (trial)')!.click()
    const confirm = await found(alertDialog)
    button(confirm, '撤销')!.click()
    await found(() => confirm.querySelector('[role="alert"]'))
    // The dialog stays open with the refusal, and the token stays listed.
    expect(alertDialog()).not.toBeNull()
    expect(rowsOf(scim)).toHaveLength(2)
    expect(untranslatedKeys(container)).toEqual([])
    expect(untranslatedKeys(confirm)).toEqual([])
  })
})

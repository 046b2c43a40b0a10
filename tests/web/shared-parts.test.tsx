// The parts several settings and link pages share, through the pages that use them: a secret shown once
// (until it is closed), a link that cannot be used (a normal state, not an error), a failed load shown in
// place with a retry, and the request a webhook form sends.
import { afterEach, describe, expect, it } from 'vitest'
import InvitePage from '../../web/src/features/auth/invite-page'
import ResetPasswordPage from '../../web/src/features/auth/reset-password-page'
import SharePage from '../../web/src/features/sharing/share-page'
import TokensPage from '../../web/src/features/tokens/tokens-page'
import { formOf, inputOf, patchOf } from '../../web/src/features/webhooks/webhook-dialog'
import WebhooksPage from '../../web/src/features/webhooks/webhooks-page'
import { type Rendered, renderPage, until } from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
})

const serverError = { status: 500, body: { error: { code: 'internal', message: 'boom' } } }
const gone = { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } }

/** Waits for an element to appear, and gives it. */
const found = async <T extends Element>(find: () => T | null) => (await until(find)) as T

function type(input: HTMLInputElement, value: string) {
  input.value = value
  input.dispatchEvent(new Event('input', { bubbles: true }))
}

describe('a secret shown once', () => {
  it('shows a new API token with its warning and copy field until it is closed', async () => {
    page = renderPage({
      page: TokensPage,
      route: '/w/:ws/settings/tokens',
      at: '/w/1/settings/tokens',
      routes: {
        'GET /api/tokens': { items: [] },
        'POST /api/tokens': {
          id: 7,
          name: 'CI import',
          prefix: 'kl_ab12',
          token: 'kl_ab12secret',
          createdAt: '2026-11-26T10:00:00.000Z',
          lastUsedAt: null,
        },
      },
    })
    const view = page.container
    await until(() => view.textContent?.includes('No API tokens'))
    type(view.querySelector<HTMLInputElement>('input[name="tokenName"]')!, 'CI import')
    view.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))

    const panel = await found(() => view.querySelector('[data-testid="token-created"]'))
    expect(panel.textContent).toContain('Your new token “CI import”')
    expect(panel.textContent).toContain('Keel stores only a hash')
    expect(panel.querySelector<HTMLInputElement>('[data-testid="secret-value"]')?.value).toBe('kl_ab12secret')
    const close = [...panel.querySelectorAll('button')].find((b) => b.textContent === 'Close')!
    close.click()
    await until(() => view.querySelector('[data-testid="token-created"]') === null)
  })
})

describe('a link that cannot be used', () => {
  it('says a revoked or unknown share link is no longer valid', async () => {
    page = renderPage({
      page: SharePage,
      route: '/s/:token',
      at: '/s/abc',
      routes: { 'GET /api/share/abc': gone },
    })
    const invalid = await found(() => page!.container.querySelector('[data-testid="share-invalid"]'))
    expect(invalid.textContent).toContain('This link is no longer valid')
    expect(page.container.querySelector('[role="alert"]')).toBeNull()
  })

  it('offers the login page for an invite link that is unknown or expired', async () => {
    page = renderPage({
      page: InvitePage,
      route: '/invite/:token',
      at: '/invite/abc',
      routes: { 'GET /api/invites/abc': gone },
    })
    const invalid = await found(() => page!.container.querySelector('[data-testid="invite-invalid"]'))
    expect(invalid.textContent).toContain('has expired')
    expect(page.container.querySelector('a[href="/login"]')).not.toBeNull()
  })

  it('says so too when the invite was used up while the page was open', async () => {
    page = renderPage({
      page: InvitePage,
      route: '/invite/:token',
      at: '/invite/abc',
      routes: {
        'GET /api/invites/abc': {
          workspaceName: 'Acme',
          email: 'ada@acme.test',
          name: 'Ada',
          existingUser: true,
          expiresAt: '2026-11-27T10:00:00.000Z',
        },
        'POST /api/invites/abc/accept': gone,
      },
    })
    const view = page.container
    type(await found(() => view.querySelector<HTMLInputElement>('input[name="password"]')), 'secret')
    view.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }))
    await until(() => view.querySelector('[data-testid="invite-invalid"]'))
  })

  it('shows a reset link that failed to load as an error whose retry asks again', async () => {
    let calls = 0
    page = renderPage({
      page: ResetPasswordPage,
      route: '/reset/:token',
      at: '/reset/abc',
      routes: {
        'GET /api/auth/password-reset/abc': () =>
          ++calls === 1 ? serverError : { email: 'ada@acme.test', expiresAt: '2026-11-27T10:00:00.000Z' },
      },
    })
    const view = page.container
    const alert = await found(() => view.querySelector('[role="alert"]'))
    expect(view.querySelector('[data-testid="reset-invalid"]')).toBeNull()
    alert.querySelector('button')!.click()
    const email = await found(() => view.querySelector<HTMLInputElement>('input[name="email"]'))
    expect(email.value).toBe('ada@acme.test')
    expect(email.readOnly).toBe(true)
    expect(calls).toBe(2)
  })
})

describe('a list that failed to load', () => {
  it('keeps the page around the error, and the retry brings the list', async () => {
    let calls = 0
    page = renderPage({
      page: WebhooksPage,
      route: '/w/:ws/settings/webhooks',
      at: '/w/1/settings/webhooks',
      routes: { 'GET /api/workspaces/1/webhooks': () => (++calls === 1 ? serverError : { items: [] }) },
    })
    const view = page.container
    const alert = await found(() => view.querySelector('[role="alert"]'))
    expect(view.querySelector('h1')?.textContent).toBe('Webhooks')
    alert.querySelector('button')!.click()
    await until(() => view.querySelector('.empty-state'))
    expect(view.querySelector('[role="alert"]')).toBeNull()
  })
})

describe('the webhook form', () => {
  const hook = {
    id: 3,
    name: 'Team chat',
    url: 'https://chat.example/hook',
    preset: 'feishu',
    events: ['task.moved'],
    language: 'en',
    productId: 2,
    hasSecret: true,
  } as unknown as Parameters<typeof formOf>[0]

  it('sends a new hook whole, with a secret only when one is typed', () => {
    const form = { ...formOf(undefined, 'zh-CN'), url: ' https://chat.example/new ' }
    expect(inputOf(form)).toEqual({
      name: '',
      url: 'https://chat.example/new',
      events: ['*'],
      preset: 'generic',
      language: 'zh-CN',
      productId: null,
    })
    expect(inputOf({ ...form, secret: 's3cret' }).secret).toBe('s3cret')
  })

  it('keeps an edited hook’s URL and secret unless new ones are typed or the secret is removed', () => {
    const form = formOf(hook, 'zh-CN')
    expect(form).toMatchObject({ name: 'Team chat', url: '', language: 'en', productId: '2' })
    const patch = patchOf(form)
    expect(patch).not.toHaveProperty('url')
    expect(patch).not.toHaveProperty('secret')
    expect(patchOf({ ...form, removeSecret: true }).secret).toBeNull()
    expect(patchOf({ ...form, removeSecret: true, secret: 'new' }).secret).toBe('new')
    expect(patchOf({ ...form, url: 'https://chat.example/moved' }).url).toBe('https://chat.example/moved')
  })
})

// Renders a page of the workspace shell in happy-dom for component tests: a memory router at a path, the
// query client, i18n in a chosen language, a workspace with a chosen set of permissions, and a fake API
// (fetch answers from a table of routes, and every request is recorded).
import { createMemoryHistory, MemoryRouter, Route, useLocation } from '@solidjs/router'
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import type { Component, JSX } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, beforeEach, vi } from 'vitest'
import { BUILT_IN_ROLES } from '../../server/lib/permissions'
import type { Me, MyWorkspace } from '../../web/src/features/auth/queries'
import { WorkspaceContext } from '../../web/src/features/workspaces/workspace-context'
import { I18nProvider, type Locale } from '../../web/src/i18n'

export const PM_PERMISSIONS = [
  'member.view',
  'activity.view',
  'product.view',
  'product.manage',
  'customer.view',
  'customer.manage',
  'requirement.view',
  'iteration.view',
  'iteration.manage',
  'task.view',
  'roadmap.view',
  'report.view',
]

/** What the built-in stakeholder role may do: read everything, change nothing. */
export const STAKEHOLDER_PERMISSIONS = BUILT_IN_ROLES.stakeholder.permissions

/** An API answer: a body (200), or a status with a body. */
export type Answer = unknown | { status: number; body: unknown }
export type Routes = Record<string, Answer | ((url: URL, init?: RequestInit) => Answer)>

export interface Rendered {
  container: HTMLElement
  /** Requests made, as "GET /api/workspaces/1/customers?q=x". */
  requests: string[]
  /** The router's current path (with its query). */
  path: () => string
  /** Every address the router was sent to, in order (a navigation shows here at once). */
  visited: string[]
  dispose: () => void
}

const isStatus = (a: unknown): a is { status: number; body: unknown } =>
  typeof a === 'object' &&
  a !== null &&
  'status' in a &&
  'body' in a &&
  typeof (a as { status: unknown }).status === 'number'

/**
 * Routes are matched on the pathname (with "?search" when the key has one); the first key that matches wins.
 * Unmatched requests answer 404 in the API's error shape.
 */
export function fakeApi(routes: Routes) {
  const requests: string[] = []
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://keel.test',
    )
    const method = (init?.method ?? 'GET').toUpperCase()
    requests.push(`${method} ${url.pathname}${url.search}`)
    const key =
      Object.keys(routes).find((k) => k === `${method} ${url.pathname}${url.search}`) ??
      Object.keys(routes).find((k) => k === `${method} ${url.pathname}`) ??
      Object.keys(routes).find((k) => k === `${url.pathname}${url.search}`) ??
      Object.keys(routes).find((k) => k === url.pathname)
    const route = key === undefined ? undefined : routes[key]
    let answer: Answer =
      route === undefined
        ? { status: 404, body: { error: { code: 'not_found', message: 'Not found' } } }
        : route
    if (typeof answer === 'function') answer = (answer as (u: URL, i?: RequestInit) => Answer)(url, init)
    const status = isStatus(answer) ? answer.status : 200
    const body = isStatus(answer) ? answer.body : answer
    if (status === 204) return new Response(null, { status })
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  })
  return requests
}

export function workspaceValue(permissions: readonly string[], user: Record<string, unknown> = {}) {
  const workspace = {
    id: 1,
    name: 'Acme',
    role: 'pm',
    permissions: [...permissions],
  } as unknown as MyWorkspace
  const me = {
    user: { id: 1, email: 'pm@acme.test', name: 'Pat PM', ...user },
    workspaces: [workspace],
  } as unknown as Me
  return {
    id: () => 1,
    workspace: () => workspace,
    me: () => me,
    can: (permission: string) => permissions.includes(permission),
  }
}

export interface PageOptions {
  page: Component
  /** The route pattern of the page, e.g. "/w/:ws/customers/:id". */
  route: string
  /** Where the router starts. */
  at: string
  routes: Routes
  permissions?: readonly string[]
  /** Fields of the signed-in user beyond the defaults (e.g. a pending email change). */
  user?: Record<string, unknown>
  locale?: Locale
  /** Extra content inside the providers (e.g. the search palette). */
  extra?: () => JSX.Element
  /** Fills the query cache before the page renders (answers cached earlier in the session). */
  seed?: (client: QueryClient) => void
}

export function renderPage(options: PageOptions): Rendered {
  const requests = fakeApi(options.routes)
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, throwOnError: true }, mutations: { retry: false } },
  })
  options.seed?.(queryClient)
  const history = createMemoryHistory()
  history.set({ value: options.at, scroll: false, replace: true })
  const visited: string[] = []
  history.listen((value) => visited.push(value))
  let location: ReturnType<typeof useLocation> | undefined
  const container = document.createElement('div')
  document.body.append(container)
  const ws = workspaceValue(options.permissions ?? PM_PERMISSIONS, options.user)
  const Root = (props: { children?: JSX.Element }) => {
    location = useLocation()
    return (
      <QueryClientProvider client={queryClient}>
        <I18nProvider locale={options.locale ?? 'en'} persist={false}>
          <WorkspaceContext.Provider value={ws}>
            {options.extra?.()}
            {props.children}
          </WorkspaceContext.Provider>
        </I18nProvider>
      </QueryClientProvider>
    )
  }
  const dispose = render(
    () => (
      <MemoryRouter history={history} root={Root}>
        <Route path={options.route} component={options.page} />
        <Route path="*rest" component={() => <p data-testid="elsewhere">elsewhere</p>} />
      </MemoryRouter>
    ),
    container,
  )
  return {
    container,
    requests,
    path: () => (location ? `${location.pathname}${location.search}` : ''),
    visited,
    dispose: () => {
      dispose()
      queryClient.clear()
      container.remove()
      vi.unstubAllGlobals()
    },
  }
}

/**
 * For the page tests of a describe block: the date stands at `now` (timers stay real, so queries settle),
 * and the page each test renders through the answer is disposed after it.
 */
export function renderPagesAt(now: Date) {
  let page: Rendered | undefined
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(now)
  })
  afterEach(() => {
    page?.dispose()
    page = undefined
    vi.useRealTimers()
  })
  return (options: PageOptions): Rendered => {
    page = renderPage(options)
    return page
  }
}

/** Waits until the check passes (or fails with its last error after the timeout). */
export async function until<T>(check: () => T, timeout = 2000): Promise<T> {
  const start = Date.now()
  for (;;) {
    try {
      const value = check()
      if (value !== undefined && value !== null && value !== false) return value
      throw new Error('not yet')
    } catch (err) {
      if (Date.now() - start > timeout) throw err
      await new Promise((r) => setTimeout(r, 10))
    }
  }
}

/** Text that looks like a dictionary key (e.g. "customers.title") showing instead of a translation. */
export function untranslatedKeys(root: HTMLElement): string[] {
  const found: string[] = []
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const token of (node.textContent ?? '').split(/\s+/))
      if (/^[a-z]+(\.[a-zA-Z0-9]+)+$/.test(token)) found.push(token)
  }
  return found
}

export const buttonLabels = (root: ParentNode) =>
  [...root.querySelectorAll('button')].map((b) =>
    (b.getAttribute('aria-label') ?? b.textContent ?? '').trim(),
  )

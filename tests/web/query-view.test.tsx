// The one way a part of a page shows a query: the spinner while it loads, the error with a retry that
// refetches, the empty state, then the data; with a real QueryClient and real (failing) query functions.
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { Suspense } from 'solid-js'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api'
import { I18nProvider } from '../../web/src/i18n'
import { createLocalQuery, QueryView } from '../../web/src/ui/query-view'

const disposers: (() => void)[] = []
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose()
  document.body.innerHTML = ''
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await settle()
  expect(check()).toBe(true)
}

/** The page's own loading state: a part's query must never bring it back. */
const PAGE_LOADING = 'page-loading'

function show(queryFn: () => Promise<string[]>, options: { enabled?: boolean } = {}) {
  // throwOnError at the root, as in the app: createLocalQuery must keep the failure local.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, throwOnError: true } } })
  const container = document.createElement('div')
  document.body.append(container)
  function Part() {
    const query = createLocalQuery(() => ({ queryKey: ['names'], queryFn, enabled: options.enabled ?? true }))
    return (
      <QueryView
        query={query}
        isEmpty={(names) => names.length === 0}
        empty={<p class="empty">nothing yet</p>}
      >
        {(names) => (
          <ul>
            {names().map((name) => (
              <li>{name}</li>
            ))}
          </ul>
        )}
      </QueryView>
    )
  }
  const dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <Suspense fallback={<p class={PAGE_LOADING}>page loading</p>}>
            <Part />
          </Suspense>
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  disposers.push(dispose)
  // Every time the page's fallback is drawn, even for a moment.
  let pageLoads = 0
  new MutationObserver(() => {
    if (container.querySelector(`.${PAGE_LOADING}`)) pageLoads++
  }).observe(container, { childList: true, subtree: true })
  return Object.assign(container, { client, pageLoads: () => pageLoads })
}

describe('QueryView', () => {
  it('shows the spinner, then the data', async () => {
    let answer: (names: string[]) => void = () => {}
    const view = show(() => new Promise((resolve) => (answer = resolve)))
    expect(view.querySelector('[role="status"]')).not.toBeNull()
    expect(view.querySelector(`.${PAGE_LOADING}`)).toBeNull()
    answer(['Ada', 'Lin'])
    await until(() => view.querySelectorAll('li').length === 2)
    expect(view.querySelector('[role="status"]')).toBeNull()
  })

  it('shows the empty state when the answer holds nothing', async () => {
    const view = show(async () => [])
    await until(() => view.querySelector('.empty') !== null)
    expect(view.querySelector('ul')).toBeNull()
  })

  it('shows the error in place, and its retry asks again', async () => {
    let calls = 0
    const view = show(async () => {
      calls++
      if (calls === 1) throw new ApiError(500, 'internal', 'boom')
      return ['Ada']
    })
    await until(() => view.querySelector('[role="alert"]') !== null)
    expect(view.querySelector('[role="alert"]')?.textContent).toContain('The server ran into a problem')
    view.querySelector<HTMLButtonElement>('[role="alert"] button')?.click()
    await until(() => view.querySelectorAll('li').length === 1)
    expect(calls).toBe(2)
    expect(view.querySelector('[role="alert"]')).toBeNull()
  })

  // A live change refreshes every open query. Read through createQuery's resource, a part whose store held
  // no data sent the whole page back to "Loading…" for a moment on each refresh, dropping focus and scroll.
  it('never sends the page back to its loading state, on a refresh or while switched off', async () => {
    let answer: (names: string[]) => void = () => {}
    const view = show(() => new Promise((resolve) => (answer = resolve)))
    answer(['Ada'])
    await until(() => view.querySelectorAll('li').length === 1)
    const refresh = view.client.invalidateQueries({ queryKey: ['names'] })
    await settle()
    expect(view.querySelectorAll('li').length).toBe(1)
    answer(['Ada', 'Lin'])
    await refresh
    await until(() => view.querySelectorAll('li').length === 2)

    const off = show(async () => ['never asked'], { enabled: false })
    await off.client.invalidateQueries()
    await settle()
    expect(off.querySelector('[role="status"]')).not.toBeNull()
    expect(view.pageLoads() + off.pageLoads()).toBe(0)
  })
})

// The one way a part of a page shows a query: the spinner while it loads, the error with a retry that
// refetches, the empty state, then the data; with a real QueryClient and real (failing) query functions.
import { QueryClient, QueryClientProvider } from '@tanstack/solid-query'
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api'
import { I18nProvider } from '../../web/src/i18n'
import { createLocalQuery, QueryView } from '../../web/src/ui/query-view'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

async function until(check: () => boolean) {
  for (let i = 0; i < 50 && !check(); i++) await settle()
  expect(check()).toBe(true)
}

function show(queryFn: () => Promise<string[]>) {
  // throwOnError at the root, as in the app: createLocalQuery must keep the failure local.
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, throwOnError: true } } })
  const container = document.createElement('div')
  document.body.append(container)
  function Part() {
    const query = createLocalQuery(() => ({ queryKey: ['names'], queryFn }))
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
  dispose = render(
    () => (
      <QueryClientProvider client={client}>
        <I18nProvider locale="en">
          <Part />
        </I18nProvider>
      </QueryClientProvider>
    ),
    container,
  )
  return container
}

describe('QueryView', () => {
  it('shows the spinner, then the data', async () => {
    let answer: (names: string[]) => void = () => {}
    const view = show(() => new Promise((resolve) => (answer = resolve)))
    expect(view.querySelector('[role="status"]')).not.toBeNull()
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
})

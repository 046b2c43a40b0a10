// The Watch toggle: on a product (the backlog's header) it says what watching a product brings, and
// toggles through the product's watchers route.
import { afterEach, describe, expect, it } from 'vitest'
import { WatchButton } from '../../web/src/features/notifications/watch-button'
import { type Rendered, renderPage, until } from './home-harness'

let page: Rendered | undefined
afterEach(() => {
  page?.dispose()
  page = undefined
})

const watchers = (watching: boolean) => ({
  items: watching ? [{ id: 1, name: 'Pat PM' }] : [{ id: 2, name: '张伟' }],
  watching,
})

describe('the Watch toggle', () => {
  it('on a product, says that its iterations starting and completing are told, and watches it', async () => {
    let watching = false
    page = renderPage({
      page: () => <WatchButton target="product" id={4} />,
      route: '/w/:ws/p/:key/backlog',
      at: '/w/1/p/MES/backlog',
      routes: {
        'GET /api/workspaces/1/products/4/watchers': () => watchers(watching),
        'POST /api/workspaces/1/products/4/watchers': () => {
          watching = true
          return watchers(true)
        },
      },
    })
    const button = (await until(() =>
      page!.container.querySelector('[data-testid="watch"]'),
    )) as HTMLButtonElement
    expect(button.title).toBe(
      'Iterations of this product starting and completing reach your inbox\nWatchers: 张伟',
    )
    expect(button.getAttribute('aria-pressed')).toBe('false')
    button.click()
    await until(() => button.getAttribute('aria-pressed') === 'true')
    expect(page.requests).toContain('POST /api/workspaces/1/products/4/watchers')
  })

  it('on a requirement, keeps the general hint', async () => {
    page = renderPage({
      page: () => <WatchButton target="requirement" id={9} />,
      route: '/w/:ws/i/:key',
      at: '/w/1/i/MES-1',
      routes: { 'GET /api/workspaces/1/requirements/9/watchers': watchers(false) },
    })
    const button = (await until(() =>
      page!.container.querySelector('[data-testid="watch"]'),
    )) as HTMLButtonElement
    expect(button.title.split('\n')[0]).toBe('Changes and comments reach your inbox')
  })
})

// Search and jump: recognising item keys, building and moving through the options, and the palette in the
// page — Ctrl+K opens it, typing searches (Chinese too), ↑/↓ move, Enter opens, a key jumps, Esc closes.
import { afterEach, describe, expect, it } from 'vitest'
import {
  actionMatches,
  buildOptions,
  hitHref,
  isPaletteShortcut,
  moveActive,
  parseItemKey,
  type QuickAction,
  type SearchHit,
} from '../../web/src/features/search/palette'
import { SearchPalette } from '../../web/src/features/search/search-palette'
import { type Rendered, renderPage, STAKEHOLDER_PERMISSIONS, until, untranslatedKeys } from './home-harness'

const hit = (kind: SearchHit['kind'], id: number, key: string | null, title: string): SearchHit => ({
  kind,
  id,
  productId: kind === 'customer' ? null : 1,
  key,
  title,
  status: kind === 'customer' ? null : 'planned',
})

const ACTIONS: QuickAction[] = [
  { id: 'home', label: 'Home', keywords: 'home 首页', href: '/w/1' },
  {
    id: 'MES:board',
    label: 'Board · 智能制造 MES',
    keywords: 'MES 智能制造 MES board 看板',
    href: '/w/1/p/MES/board',
  },
  {
    id: 'SRM:backlog',
    label: 'Backlog · Supplier Portal',
    keywords: 'SRM Supplier Portal backlog 需求池',
    href: '/w/1/p/SRM/backlog',
  },
]

describe('palette logic', () => {
  it('recognises item keys in any case, with spaces around, and nothing else', () => {
    expect(parseItemKey('mes-12')).toBe('MES-12')
    expect(parseItemKey('  SRM-007 ')).toBe('SRM-7')
    expect(parseItemKey('Q2-1')).toBe('Q2-1')
    for (const query of ['mes', 'mes-', '12', 'mes 12', 'M-1', '设备-1', 'mes-12a', 'ABCDEFGHIJK-1'])
      expect(parseItemKey(query)).toBeUndefined()
  })

  it('opens requirements and tasks by key, customers by id', () => {
    expect(hitHref(1, hit('task', 9, 'MES-35', 'x'))).toBe('/w/1/i/MES-35')
    expect(hitHref(1, hit('customer', 5, null, 'Nordic'))).toBe('/w/1/customers/5')
  })

  it('lists a jump first, then hits by kind, then matching quick actions', () => {
    const hits = [
      hit('customer', 5, null, 'Nordic Logistics'),
      hit('task', 35, 'MES-35', '移动端设备点检 · 后端接口'),
      hit('requirement', 2, 'MES-2', '移动端设备点检'),
    ]
    expect(buildOptions(1, '设备点检', hits, ACTIONS).map((o) => o.id)).toEqual([
      'requirement:2',
      'task:35',
      'customer:5',
    ])
    expect(buildOptions(1, 'mes-2', hits, ACTIONS).map((o) => o.id)).toEqual([
      'jump:MES-2',
      'task:35',
      'customer:5',
    ])
    expect(buildOptions(1, 'board', [], ACTIONS).map((o) => o.href)).toEqual(['/w/1/p/MES/board'])
    expect(buildOptions(1, '看板', [], ACTIONS).map((o) => o.id)).toEqual(['action:MES:board'])
    expect(buildOptions(1, '', hits, ACTIONS)).toHaveLength(3)
  })

  it('matches actions on every word of the query', () => {
    expect(actionMatches(ACTIONS[1]!, 'mes board')).toBe(true)
    expect(actionMatches(ACTIONS[1]!, 'srm board')).toBe(false)
  })

  it('moves through the options and wraps around the ends', () => {
    expect(moveActive(0, 1, 3)).toBe(1)
    expect(moveActive(2, 1, 3)).toBe(0)
    expect(moveActive(0, -1, 3)).toBe(2)
    expect(moveActive(-1, 1, 3)).toBe(0)
    expect(moveActive(-1, -1, 3)).toBe(2)
    expect(moveActive(0, 1, 0)).toBe(-1)
  })

  it('opens on Ctrl+K and ⌘K only', () => {
    const key = (over: Partial<KeyboardEvent>) =>
      isPaletteShortcut({ key: 'k', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...over })
    expect(key({ ctrlKey: true })).toBe(true)
    expect(key({ metaKey: true, key: 'K' })).toBe(true)
    expect(key({})).toBe(false)
    expect(key({ ctrlKey: true, shiftKey: true })).toBe(false)
    expect(key({ ctrlKey: true, key: 'j' })).toBe(false)
  })
})

describe('the search palette', () => {
  let page: Rendered | undefined
  afterEach(() => {
    page?.dispose()
    page = undefined
    document.body.innerHTML = ''
  })

  const open = () => {
    page = renderPage({
      page: () => <p>home</p>,
      route: '/w/:ws',
      at: '/w/1',
      permissions: STAKEHOLDER_PERMISSIONS,
      extra: () => <SearchPalette />,
      routes: {
        'GET /api/workspaces/1/products': {
          items: [
            {
              id: 1,
              key: 'MES',
              name: '智能制造 MES',
              description: '',
              workspaceId: 1,
              lastNumber: 1,
              createdAt: '',
              updatedAt: '',
              version: 1,
            },
          ],
        },
        'GET /api/workspaces/1/search': (url: URL) =>
          url.searchParams.get('q') === '设备点检'
            ? {
                items: [
                  hit('requirement', 2, 'MES-2', '移动端设备点检'),
                  hit('task', 35, 'MES-35', '移动端设备点检 · 后端接口'),
                ],
              }
            : { items: [] },
        'GET /api/workspaces/1/items/MES-12': {
          type: 'requirement',
          id: 12,
          productId: 1,
          key: 'MES-12',
          title: 'Scan the pallet label',
        },
      },
    })
    return page
  }

  const press = (target: EventTarget, key: string, over: KeyboardEventInit = {}) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...over }))
  const input = () => document.querySelector<HTMLInputElement>('input[role="combobox"]')
  const type = (value: string) => {
    const el = input()!
    el.value = value
    el.dispatchEvent(new InputEvent('input', { bubbles: true }))
  }
  const options = () => [...document.querySelectorAll<HTMLElement>('[role="option"]')]
  // happy-dom runs no CSS animations, so Kobalte keeps the closed dialog in the DOM marked data-closed.
  const closed = () => !input() || input()!.closest('[data-closed]') !== null
  const active = () => document.getElementById(input()?.getAttribute('aria-activedescendant') ?? '')

  it('opens with Ctrl+K, searches as you type, moves with the arrows and opens with Enter', async () => {
    const p = open()
    await until(() => p.container.querySelector('.search-trigger'))
    expect(closed()).toBe(true)
    press(document, 'k', { ctrlKey: true })
    await until(() => input())
    // Before typing: the quick actions.
    await until(() => options().some((o) => o.textContent?.includes('Board · 智能制造 MES')))
    type('设备点检')
    await until(() => options().length === 2 && options()[0]!.textContent?.includes('MES-2'))
    expect(p.requests).toContain(`GET /api/workspaces/1/search?q=${encodeURIComponent('设备点检')}&limit=20`)
    expect(active()?.textContent).toContain('移动端设备点检')
    press(input()!, 'ArrowDown')
    expect(active()?.textContent).toContain('MES-35')
    press(input()!, 'ArrowDown')
    expect(active()?.textContent).toContain('MES-2')
    press(input()!, 'ArrowUp')
    expect(active()?.textContent).toContain('MES-35')
    press(input()!, 'Enter')
    await until(() => p.path() === '/w/1/i/MES-35')
    await until(() => closed())
  })

  it('jumps straight to a typed key, showing its title, and never to one that names nothing', async () => {
    const p = open()
    await until(() => p.container.querySelector('.search-trigger'))
    p.container.querySelector<HTMLButtonElement>('.search-trigger')!.click()
    await until(() => input())
    // The jump says what it opens; a key that names nothing is not opened.
    type('mes-999')
    await until(() => options()[0]?.textContent?.includes('No item has this key yet'))
    const before = p.path()
    press(input()!, 'Enter')
    type('mes-12')
    await until(() => options()[0]?.textContent?.includes('Scan the pallet label'))
    expect(options()[0]?.textContent).toContain('MES-12')
    press(input()!, 'Enter')
    await until(() => p.path() === '/w/1/i/MES-12')
    // The unknown key was never opened: the only navigation went straight to MES-12.
    expect(p.visited.filter((v) => v.includes('/i/'))).toEqual(['/w/1/i/MES-12'])
    expect(before).not.toContain('/i/')
  })

  it('closes on Escape, and says when nothing matches', async () => {
    const p = open()
    await until(() => p.container.querySelector('.search-trigger'))
    press(document, 'k', { metaKey: true })
    await until(() => input())
    type('zzz')
    await until(() => document.querySelector('.palette-empty')?.textContent === 'Nothing matches “zzz”.')
    expect(untranslatedKeys(document.body)).toEqual([])
    press(input()!, 'Escape')
    await until(() => closed())
  })
})

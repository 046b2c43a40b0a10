// Light or dark: the system's setting until the person chooses, the choice kept in this browser, "system"
// following the operating system live; the style sheet reads <html data-theme>.
import { readFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let systemDark = false
const listeners: ((event: { matches: boolean }) => void)[] = []

beforeEach(() => {
  vi.resetModules()
  localStorage.clear()
  systemDark = false
  listeners.length = 0
  vi.stubGlobal('matchMedia', (query: string) => ({
    get matches() {
      return query.includes('dark') && systemDark
    },
    addEventListener: (_: string, fn: (event: { matches: boolean }) => void) => listeners.push(fn),
  }))
  delete document.documentElement.dataset.theme
})
afterEach(() => vi.unstubAllGlobals())

const load = () => import('../../web/src/theme')
const flip = (dark: boolean) => {
  systemDark = dark
  for (const fn of listeners) fn({ matches: dark })
}

describe('the theme', () => {
  it('follows the system until a choice is made, live', async () => {
    systemDark = true
    const theme = await load()
    theme.startTheme()
    expect(document.documentElement.dataset.theme).toBe('dark')
    flip(false)
    expect(document.documentElement.dataset.theme).toBe('light')
    expect(theme.themeChoice()).toBe('system')
  })

  it('keeps a chosen theme in this browser, whatever the system does, and back to the system on request', async () => {
    const theme = await load()
    theme.startTheme()
    theme.chooseTheme('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
    expect(localStorage.getItem('keel.theme')).toBe('dark')
    flip(false)
    expect(document.documentElement.dataset.theme).toBe('dark')

    // A new visit starts with the stored choice.
    vi.resetModules()
    const again = await load()
    again.startTheme()
    expect(again.themeChoice()).toBe('dark')
    again.chooseTheme('system')
    expect(localStorage.getItem('keel.theme')).toBeNull()
    expect(document.documentElement.dataset.theme).toBe('light')
  })

  it('tells what redraws on the theme about a switch only once the page shows it, chosen or from the system', async () => {
    const { createEffect, createRoot } = await import('solid-js')
    const theme = await load()
    theme.startTheme()
    const seen: string[] = []
    // A chart reads its colours from the style sheet when the theme it tracks changes: the attribute the
    // style sheet reads must already be the new theme's by then.
    const dispose = createRoot((dispose) => {
      createEffect(() => seen.push(`${theme.resolvedTheme()}:${document.documentElement.dataset.theme}`))
      return dispose
    })
    theme.chooseTheme('dark')
    theme.chooseTheme('system')
    flip(true)
    flip(false)
    dispose()
    expect(seen).toEqual(['light:light', 'dark:dark', 'light:light', 'dark:dark', 'light:light'])
  })

  it('ignores a stored value that is no theme', async () => {
    localStorage.setItem('keel.theme', 'sepia')
    const theme = await load()
    expect(theme.themeChoice()).toBe('system')
  })

  it('gives every colour the light theme defines a dark value', () => {
    const css = readFileSync('web/src/styles.css', 'utf8')
    const block = (selector: string) => {
      const start = css.indexOf(`${selector} {`)
      return css.slice(start, css.indexOf('\n}\n', start))
    }
    const colours = (text: string) =>
      new Set([...text.matchAll(/^\s+(--[a-z0-9-]+):\s*(#|rgb)/gm)].map((m) => m[1]))
    const light = colours(block(':root'))
    const dark = colours(block(':root[data-theme="dark"]'))
    expect(light.size).toBeGreaterThan(40)
    expect([...light].filter((name) => !dark.has(name))).toEqual([])
  })
})

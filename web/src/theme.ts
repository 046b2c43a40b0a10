// Light or dark: the system's setting unless this browser chose one. The choice is kept in localStorage
// (a device's preference, like the language before sign-in) and applied as <html data-theme>, which the
// style sheets read; "system" follows the operating system live.
import { createSignal } from 'solid-js'

export const THEMES = ['system', 'light', 'dark'] as const
export type ThemeChoice = (typeof THEMES)[number]

const STORAGE_KEY = 'keel.theme'

function stored(): ThemeChoice {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return (THEMES as readonly string[]).includes(value ?? '') ? (value as ThemeChoice) : 'system'
  } catch {
    return 'system'
  }
}

const [choice, setChoice] = createSignal<ThemeChoice>(
  typeof localStorage === 'undefined' ? 'system' : stored(),
)

const systemDark = () =>
  typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches

/** The theme the page shows: the choice, or the system's for "system". */
export const resolvedTheme = (c: ThemeChoice = choice()): 'light' | 'dark' =>
  c === 'system' ? (systemDark() ? 'dark' : 'light') : c

function apply() {
  if (typeof document === 'undefined') return
  document.documentElement.dataset.theme = resolvedTheme()
}

/** Applies the theme now and follows the system while the choice is "system". Call once, before render. */
export function startTheme() {
  apply()
  if (typeof matchMedia === 'undefined') return
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (choice() === 'system') apply()
  })
}

export const themeChoice = choice

export function chooseTheme(next: ThemeChoice) {
  setChoice(next)
  try {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Storage refused (private mode): the choice lasts this visit.
  }
  apply()
}

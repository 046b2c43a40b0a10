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

const darkQuery = () =>
  typeof matchMedia === 'undefined' ? null : matchMedia('(prefers-color-scheme: dark)')

/** Whether the operating system is dark now: a signal, so "system" follows it live. */
const [systemDark, setSystemDark] = createSignal(darkQuery()?.matches ?? false)

/** The theme the page shows: the choice, or the system's for "system". */
export const resolvedTheme = (c: ThemeChoice = choice(), dark = systemDark()): 'light' | 'dark' =>
  c === 'system' ? (dark ? 'dark' : 'light') : c

// The page's attribute changes before the signals do, so whatever redraws on them (the charts read the
// theme's colours from the style sheet) already reads the new theme's values.
function apply(theme: 'light' | 'dark') {
  if (typeof document === 'undefined') return
  document.documentElement.dataset.theme = theme
}

/** Applies the theme now and follows the system while the choice is "system". Call once, before render. */
export function startTheme() {
  apply(resolvedTheme())
  darkQuery()?.addEventListener('change', (event) => {
    apply(resolvedTheme(choice(), event.matches))
    setSystemDark(event.matches)
  })
}

export const themeChoice = choice

export function chooseTheme(next: ThemeChoice) {
  try {
    if (next === 'system') localStorage.removeItem(STORAGE_KEY)
    else localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Storage refused (private mode): the choice lasts this visit.
  }
  apply(resolvedTheme(next))
  setChoice(next)
}

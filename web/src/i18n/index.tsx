// Locale state and translation: zh-CN and en, the browser's language by default, the user's choice kept in
// localStorage and mirrored to <html lang>. Built on @solid-primitives/i18n. Each language's dictionary is a
// chunk of its own, loaded before the first render (loadLocale) and when the language is switched: a page
// carries the words of one language, not both.
import * as i18n from '@solid-primitives/i18n'
import { createContext, createEffect, createMemo, createSignal, type JSX, useContext } from 'solid-js'
import { formatPoints } from '../features/plan/capacity'
import type { Dictionary } from './en'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: readonly Locale[] = ['zh-CN', 'en']

/** The dictionaries loaded so far. */
const dictionaries: Partial<Record<Locale, Dictionary>> = {}
const loaders: Record<Locale, () => Promise<Dictionary>> = {
  en: () => import('./en').then((m) => m.en),
  'zh-CN': () => import('./zh-cn').then((m) => m.zhCN),
}

/** Loads a language's dictionary (once); the app renders after the first one is in. */
export async function loadLocale(locale: Locale): Promise<Dictionary> {
  dictionaries[locale] ??= await loaders[locale]()
  return dictionaries[locale]
}

/** Dictionaries already at hand (tests render synchronously with both). */
export function provideDictionaries(given: Partial<Record<Locale, Dictionary>>) {
  Object.assign(dictionaries, given)
}

function dictionaryOf(locale: Locale): Dictionary {
  const dictionary = dictionaries[locale]
  if (!dictionary) throw new Error(`The ${locale} dictionary is not loaded: await loadLocale first`)
  return dictionary
}

const STORAGE_KEY = 'keel.locale'

/** zh* → zh-CN, anything else → en. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  const first = languages.find(Boolean) ?? 'en'
  return first.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return LOCALES.find((l) => l === value)
  } catch {
    return undefined
  }
}

export function initialLocale(): Locale {
  if (typeof navigator === 'undefined') return 'en'
  return (
    storedLocale() ??
    localeFromLanguages(navigator.languages?.length ? navigator.languages : [navigator.language])
  )
}

type Flat = i18n.Flatten<Dictionary>
/** Keys whose value is a message (not a nested section). */
export type MessageKey = { [K in keyof Flat]: Flat[K] extends string ? K : never }[keyof Flat]

export interface I18n {
  locale: () => Locale
  setLocale: (locale: Locale) => void
  t: i18n.Translator<Flat>
  /** For keys built at run time (a permission group, a built-in role): undefined when absent. */
  tryT: (key: string, args?: Record<string, string | number>) => string | undefined
  formatDate: (iso: string) => string
  /** A moment, in the account's time zone (the browser's when none is chosen). */
  formatDateTime: (iso: string) => string
  /** The account's time zone for moments; undefined: the browser's. */
  setTimeZone: (timeZone: string | undefined) => void
  /** "1 pt", "2.5 pts", "3 点": an estimate or capacity, one decimal at most. */
  points: (n: number) => string
}

export function createI18n(initial: Locale, persist = true): I18n {
  const [locale, setLocaleSignal] = createSignal<Locale>(initial)
  let wanted = initial
  const flat = createMemo(() => i18n.flatten(dictionaryOf(locale())))
  const t = i18n.translator(flat, i18n.resolveTemplate)
  const tryT = (key: string, args?: Record<string, string | number>) => {
    const value = (flat() as Record<string, unknown>)[key]
    return typeof value === 'string' ? i18n.resolveTemplate(value, args) : undefined
  }
  const dateFormat = createMemo(() => new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }))
  const [timeZone, setTimeZone] = createSignal<string>()
  const dateTimeFormat = createMemo(
    () =>
      new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone() }),
  )
  const setLocale = (next: Locale) => {
    // The words first, then the switch: the page never shows a language it has no words for.
    // The last choice wins, even when an earlier one's words arrive after it.
    wanted = next
    if (dictionaries[next]) setLocaleSignal(next)
    else void loadLocale(next).then(() => wanted === next && setLocaleSignal(next))
    if (persist) {
      try {
        localStorage.setItem(STORAGE_KEY, next)
      } catch {
        // Private mode or storage disabled: the choice lasts for this page only.
      }
    }
  }
  createEffect(() => {
    if (typeof document !== 'undefined') document.documentElement.lang = locale()
  })
  return {
    locale,
    setLocale,
    t,
    tryT,
    formatDate: (iso) => dateFormat().format(new Date(iso)),
    formatDateTime: (iso) => dateTimeFormat().format(new Date(iso)),
    setTimeZone,
    points: (n) => t(n === 1 ? 'work.terms.point' : 'work.terms.points', { n: formatPoints(n) }),
  }
}

const I18nContext = createContext<I18n>()

export function I18nProvider(props: { locale?: Locale; persist?: boolean; children: JSX.Element }) {
  const value = createI18n(props.locale ?? initialLocale(), props.persist ?? props.locale === undefined)
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const value = useContext(I18nContext)
  if (!value) throw new Error('useI18n needs an <I18nProvider> above it')
  return value
}

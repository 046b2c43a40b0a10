// The dictionaries are complete and consistent, and the locale follows the browser, the switch and storage.
import { flatten } from '@solid-primitives/i18n'
import { createRoot } from 'solid-js'
import { afterEach, describe, expect, it } from 'vitest'
import { createI18n, initialLocale, localeFromLanguages } from '../../web/src/i18n'
import { en } from '../../web/src/i18n/en'
import { zhCN } from '../../web/src/i18n/zh-cn'

const dictionaries = { en, 'zh-CN': zhCN }

const flat = (locale: keyof typeof dictionaries) =>
  Object.fromEntries(
    Object.entries(flatten(dictionaries[locale])).filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort()

describe('dictionaries', () => {
  const en = flat('en')
  const zh = flat('zh-CN')

  it('zh-CN and en have exactly the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort())
    expect(Object.keys(en).length).toBeGreaterThan(100)
  })

  it('have no empty messages', () => {
    for (const [locale, messages] of Object.entries({ en, zh })) {
      const empty = Object.entries(messages).filter(([, text]) => text.trim() === '')
      expect(empty, `empty messages in ${locale}`).toEqual([])
    }
  })

  it('use the same template placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter(
      (key) => placeholders(en[key] ?? '').join() !== placeholders(zh[key] ?? '').join(),
    )
    expect(mismatched).toEqual([])
  })

  it('translate every permission group and built-in role', () => {
    for (const group of [
      'workspace',
      'product',
      'customer',
      'requirement',
      'iteration',
      'task',
      'insight',
      'integration',
    ]) {
      expect(zh[`permissionGroups.${group}`]).toBeTruthy()
    }
    expect(zh['roles.builtIn.owner']).toBe('所有者')
    expect(zh['roles.builtIn.admin']).toBe('管理员')
    expect(zh['roles.builtIn.pm']).toBe('产品经理')
    expect(zh['roles.builtIn.developer']).toBe('开发')
    expect(zh['roles.builtIn.stakeholder']).toBe('干系人')
    expect(zh['roles.builtIn.guest']).toBe('访客')
  })
})

describe('locale', () => {
  afterEach(() => localStorage.clear())

  it('follows the browser language: any Chinese variant is zh-CN, everything else English', () => {
    expect(localeFromLanguages(['zh-CN', 'en'])).toBe('zh-CN')
    expect(localeFromLanguages(['zh-TW'])).toBe('zh-CN')
    expect(localeFromLanguages(['zh'])).toBe('zh-CN')
    expect(localeFromLanguages(['en-GB', 'zh-CN'])).toBe('en')
    expect(localeFromLanguages(['de-DE'])).toBe('en')
    expect(localeFromLanguages([])).toBe('en')
  })

  it('prefers the choice saved in localStorage over the browser language', () => {
    localStorage.setItem('keel.locale', 'zh-CN')
    expect(initialLocale()).toBe('zh-CN')
    localStorage.setItem('keel.locale', 'klingon')
    expect(initialLocale()).toBe(localeFromLanguages(navigator.languages))
  })

  it('switching saves the choice, updates <html lang> and the messages', async () => {
    await createRoot(async (dispose) => {
      const i18n = createI18n('en')
      await Promise.resolve()
      expect(document.documentElement.lang).toBe('en')
      expect(i18n.t('members.title')).toBe('Members')
      i18n.setLocale('zh-CN')
      await Promise.resolve()
      expect(i18n.t('members.title')).toBe('成员')
      expect(i18n.t('roles.permissionCount', { count: '3', total: '33' })).toBe('33 项权限中的 3 项')
      expect(document.documentElement.lang).toBe('zh-CN')
      expect(localStorage.getItem('keel.locale')).toBe('zh-CN')
      dispose()
    })
  })
})

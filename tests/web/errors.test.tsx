// API errors become clear messages in the current language: 403 names the missing permission, call sites
// give 409 its meaning, a stale version says someone else saved first, and the server's wording is kept.
import { render } from 'solid-js/web'
import { afterEach, describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api'
import { I18nProvider, type Locale } from '../../web/src/i18n'
import { ErrorNotice, type ErrorOverrides } from '../../web/src/ui/errors'

let dispose: (() => void) | undefined
afterEach(() => {
  dispose?.()
  document.body.innerHTML = ''
})

function show(locale: Locale, error: unknown, overrides?: ErrorOverrides) {
  const container = document.createElement('div')
  document.body.append(container)
  dispose = render(
    () => (
      <I18nProvider locale={locale}>
        <ErrorNotice error={error} overrides={overrides} />
      </I18nProvider>
    ),
    container,
  )
  return container.querySelector('[role="alert"]')?.textContent ?? null
}

const forbidden = new ApiError(403, 'forbidden', 'Your role does not allow this (needs member.manage)', {
  permission: 'member.manage',
})

describe('ErrorNotice', () => {
  it('renders nothing without an error', () => {
    expect(show('en', undefined)).toBeNull()
  })

  it('names the missing permission of a 403 in Chinese', () => {
    expect(show('zh-CN', forbidden)).toBe('你的角色没有执行此操作的权限（需要权限“member.manage”）。')
  })

  it('shows the server’s own sentence in English', () => {
    expect(show('en', forbidden)).toBe(
      'Your role does not allow this. It needs the permission “member.manage”.',
    )
    const conflict = new ApiError(409, 'conflict', 'This role is still given to members or invites')
    expect(show('en', conflict)).toBe('This role is still given to members or invites.')
  })

  it('uses the meaning the call site gives a status', () => {
    const lastOwner = new ApiError(409, 'conflict', 'The last owner cannot be removed')
    expect(show('zh-CN', lastOwner, { 409: '不能移除最后一位所有者。' })).toBe('不能移除最后一位所有者。')
  })

  it('tells that someone else saved first when the version is stale', () => {
    const stale = new ApiError(409, 'conflict', 'changed', { current: { id: 1, version: 4 } })
    expect(show('en', stale, { 409: 'A role with this name already exists.' })).toBe(
      'Someone else changed this in the meantime. The latest version is now shown; try again.',
    )
  })

  it('translates a generic error and keeps the server message as detail in Chinese', () => {
    const invalid = new ApiError(400, 'invalid_input', 'The request is not valid')
    expect(show('zh-CN', invalid)).toBe(
      '部分内容填写有误，请检查后重试。服务器信息：The request is not valid',
    )
  })

  it('explains an unreachable server', () => {
    expect(show('en', new ApiError(0, 'network', 'Failed to fetch'))).toBe(
      'Cannot reach the Keel server. Check your connection.',
    )
  })
})

// Your own account (issue 14): name, language and time zone; changing the password with the current one
// (other sessions end, this one goes on); and the sessions you are signed in with, each of which you can end.
import { describe, expect, it } from 'vitest'
import { type Caller, makeApp, type TestApp } from '../helpers/app'

const EMAIL = 'owner@example.com'
const PASSWORD = 'correct horse battery'

async function signIn(t: TestApp, password = PASSWORD, userAgent = 'Mozilla/5.0 (X11; Linux) Chrome/156') {
  const res = await t.request('POST', '/api/auth/login', { email: EMAIL, password }, undefined, {
    'user-agent': userAgent,
  })
  return { status: res.status, caller: res.status === 200 ? t.sessionOf(res.headers) : undefined }
}

const me = async (t: TestApp, caller: Caller) => t.request('GET', '/api/me', undefined, caller)

describe('your profile', () => {
  it('changes name, language and time zone, and refuses what is not one, writing nothing', async () => {
    const t = makeApp()
    const { owner } = await t.setup(EMAIL, PASSWORD)
    expect((await me(t, owner)).body.user).toMatchObject({ language: null, timeZone: null })
    const saved = await t.request(
      'PATCH',
      '/api/me',
      { name: 'Olivia Ober', language: 'zh-CN', timeZone: 'Asia/Shanghai' },
      owner,
    )
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect((await me(t, owner)).body.user).toMatchObject({
      name: 'Olivia Ober',
      language: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    })
    for (const bad of [{ timeZone: 'Mars/Olympus' }, { language: 'fr' }, { name: '' }]) {
      const res = await t.request('PATCH', '/api/me', bad, owner)
      expect(res.status, JSON.stringify(bad)).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    // Back to following the browser.
    await t.request('PATCH', '/api/me', { language: null, timeZone: null }, owner)
    expect((await me(t, owner)).body.user).toMatchObject({
      name: 'Olivia Ober',
      language: null,
      timeZone: null,
    })
  })
})

describe('your password', () => {
  it('needs the current one; a change ends every other session and keeps this one', async () => {
    const t = makeApp()
    await t.setup(EMAIL, PASSWORD)
    const here = (await signIn(t)).caller!
    const laptop = (await signIn(t, PASSWORD, 'Mozilla/5.0 (Macintosh) Safari/17')).caller!

    const wrong = await t.request(
      'POST',
      '/api/me/password',
      { currentPassword: 'not it at all', newPassword: 'battery staple 22' },
      here,
    )
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.details).toMatchObject({ column: 'currentPassword' })
    expect((await me(t, laptop)).status).toBe(200)
    const short = await t.request(
      'POST',
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'short' },
      here,
    )
    expect(short.status).toBe(400)

    const changed = await t.request(
      'POST',
      '/api/me/password',
      { currentPassword: PASSWORD, newPassword: 'battery staple 22' },
      here,
    )
    expect(changed.status).toBe(204)
    expect((await me(t, here)).status).toBe(200)
    expect((await me(t, laptop)).status).toBe(401)
    expect((await signIn(t, PASSWORD)).status).toBe(401)
    expect((await signIn(t, 'battery staple 22')).status).toBe(200)
  })
})

describe('your sessions', () => {
  it('lists where you are signed in, and signs out one of them; never someone else’s', async () => {
    const t = makeApp()
    const { owner, ws } = await t.setup(EMAIL, PASSWORD)
    const phone = (await signIn(t, PASSWORD, 'Mozilla/5.0 (iPhone) Mobile Safari')).caller!
    const list = await t.request('GET', '/api/me/sessions', undefined, owner)
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(2)
    const current = list.body.items.filter((s: { current: boolean }) => s.current)
    expect(current).toHaveLength(1)
    const other = list.body.items.find((s: { current: boolean }) => !s.current)
    expect(other).toMatchObject({ userAgent: 'Mozilla/5.0 (iPhone) Mobile Safari' })
    expect(other.lastUsedAt).not.toBeNull()

    // Someone else cannot end it.
    const dev = await t.addMember(owner, ws, 'developer', 'dev@example.com')
    expect((await t.request('DELETE', `/api/me/sessions/${other.id}`, undefined, dev.caller)).status).toBe(
      404,
    )
    expect((await me(t, phone)).status).toBe(200)

    expect((await t.request('DELETE', `/api/me/sessions/${other.id}`, undefined, owner)).status).toBe(204)
    expect((await me(t, phone)).status).toBe(401)
    expect((await t.request('GET', '/api/me/sessions', undefined, owner)).body.items).toHaveLength(1)
  })
})

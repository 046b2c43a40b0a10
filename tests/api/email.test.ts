// Email (issue 16) against a real SMTP server on loopback: notification emails in the recipient's
// language, gathered per item for a few minutes, never of what they may no longer see or have read
// already; the daily digest at their local hour, once; unsubscribe links; retries with backoff and the
// failed state in the admin view; password reset by email (single use, one hour, hashed, the same answer
// for unknown addresses, throttled); invites emailed; a new address confirmed before it counts; and email
// off. Time is fake: the gathering wait and the backoff pass by `later()`.
import { afterEach, describe, expect, it } from 'vitest'
import { createApp } from '../../server/app'
import { RETRY_DELAYS_MS } from '../../server/features/email/outbox'
import { BATCH_MS } from '../../server/features/email/service'
import { type Caller, ORIGIN, type TestApp } from '../helpers/app'
import { type Domain, domainApp, type Json, rows } from '../helpers/domain'
import { type Received, type Smtp, startSmtp } from '../helpers/smtp'

const servers: Smtp[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()))
})

async function smtp() {
  const s = await startSmtp()
  servers.push(s)
  return s
}

/** Lets `ms` pass on the clock and the timers, then waits for what that set off. */
async function later(t: TestApp, ms: number) {
  // What the changes so far set off is queued first, at the time they were made.
  await t.settled()
  t.clock.advance(ms)
  t.timers!.advance(ms)
  await t.settled()
}

const to = (s: Smtp, address: string) => s.received.filter((m) => m.to === address)

async function team(options: { start?: string } = {}) {
  const mail = await smtp()
  const d = await domainApp({ manualTimers: true, smtpUrl: mail.url, ...options })
  const p = await d.product('MES')
  const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev@example.com')
  await d.t.settled()
  // The invite went out by email; start each test from an empty mailbox.
  await mail.waitFor(1)
  mail.received.length = 0
  return { d, p, dev, mail }
}

async function prefer(d: Domain, as: Caller, prefs: Record<string, unknown>) {
  const res = await d.t.request('PATCH', '/api/me/notification-preferences', prefs, as)
  expect(res.status).toBe(200)
}

async function profile(d: Domain, as: Caller, values: Record<string, unknown>) {
  const res = await d.t.request('PATCH', '/api/me', values, as)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
}

const header = (m: Received, name: string) => m.header(name)

describe('notification emails', () => {
  it('gathers the changes to an item for a few minutes into one email in the recipient’s language', async () => {
    const { d, p, dev, mail } = await team()
    await profile(d, dev.caller, { language: 'zh-CN' })
    await prefer(d, dev.caller, { assigned: 'email', commented: 'email' })
    const task = await d.task({ productId: p.id, title: '接入 <PLC> 点位', assigneeId: dev.userId })
    await d.ok('POST', `/tasks/${task.id}/comments`, { body: '先看 **A 线**' }, 201)
    await d.ok('POST', `/tasks/${task.id}/comments`, { body: '再看 B 线' }, 201)
    await d.t.settled()
    // Nothing yet: the email waits for more changes.
    expect(to(mail, 'dev@example.com')).toEqual([])
    await later(d.t, BATCH_MS)
    const [email] = to(mail, 'dev@example.com')
    expect(to(mail, 'dev@example.com')).toHaveLength(1)
    expect(email!.subject).toBe('[MES-1] 接入 <PLC> 点位 (3 条更新)')
    expect(email!.from).toContain('keel@example.com')
    expect(email!.text).toContain('把它指派给了你')
    expect(email!.text).toContain('发表了评论')
    expect(email!.text).toContain('先看 **A 线**')
    expect(email!.text).toContain('http://localhost/w/')
    // Text from the data is escaped in the HTML.
    expect(email!.html).toContain('接入 &lt;PLC&gt; 点位')
    expect(email!.html).not.toContain('<PLC>')
    expect(header(email!, 'list-unsubscribe')).toMatch(
      /^<http:\/\/localhost\/api\/unsubscribe\/\d+\.email\.[\w-]+>$/,
    )
    expect(header(email!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    // The settings link works whichever workspaces the person is in by then.
    expect(email!.text).toContain(`${ORIGIN}/account#account-notifications`)
    // The item's address once in the plain text, beside the action that opens it.
    const itemUrl = email!.text.match(/在 Keel 中打开: (\S+)/)![1]!
    expect(email!.text.split(itemUrl)).toHaveLength(2)
    // The notifications are marked mailed, and the sent email keeps no body.
    const sent = (await rows(d.t, 'emails')).filter((e) => e.kind === 'notifications')
    expect(sent).toMatchObject([{ status: 'sent', kind: 'notifications', text: null, html: null }])
    expect(
      (await rows(d.t, 'notifications')).filter((n) => n.user_id === dev.userId && !n.mailed_at),
    ).toEqual([])

    // A change after the email waits for the next one: at most one email per item per wait.
    await d.ok('POST', `/tasks/${task.id}/comments`, { body: '第三条' }, 201)
    await later(d.t, BATCH_MS - 1_000)
    expect(to(mail, 'dev@example.com')).toHaveLength(1)
    await later(d.t, 30_000)
    const second = to(mail, 'dev@example.com')[1]!
    expect(second.subject).toBe('[MES-1] 接入 <PLC> 点位')
    expect(second.text).toContain('第三条')
    expect(second.text).not.toContain('先看')
  })

  it('sends one email per item, in English by default, and none for kinds left in the inbox', async () => {
    const { d, p, dev, mail } = await team()
    await prefer(d, dev.caller, { assigned: 'email' })
    const one = await d.task({ productId: p.id, title: 'One', assigneeId: dev.userId })
    await d.task({ productId: p.id, title: 'Two', assigneeId: dev.userId })
    // Comments stay in the inbox.
    await d.ok('POST', `/tasks/${one.id}/comments`, { body: 'Only in the inbox' }, 201)
    await later(d.t, BATCH_MS)
    const subjects = to(mail, 'dev@example.com').map((m) => m.subject)
    expect(subjects.sort()).toEqual(['[MES-1] One', '[MES-2] Two'])
    expect(to(mail, 'dev@example.com')[0]!.text).toContain('assigned it to you')
    expect(mail.received.some((m) => m.text.includes('Only in the inbox'))).toBe(false)
  })

  it('sends nothing of what was read in the inbox meanwhile, or of what the person may no longer see', async () => {
    const { d, p, dev, mail } = await team()
    const other = await d.product('WMS')
    await prefer(d, dev.caller, { assigned: 'email' })
    await d.task({ productId: p.id, title: 'Read already', assigneeId: dev.userId })
    await d.t.settled()
    await d.ok('POST', '/notifications/read', { all: true }, 200, dev.caller)
    await d.task({ productId: p.id, title: 'Hidden soon', assigneeId: dev.userId })
    await d.t.settled()
    // Narrowed to the other product before the email goes: permissions are checked again at delivery.
    const member = (await d.ok('GET', '/members')).items.find((m: Json) => m.email === 'dev@example.com')
    await d.ok('PATCH', `/members/${member.id}`, { productIds: [other.id] })
    await later(d.t, BATCH_MS)
    expect(to(mail, 'dev@example.com')).toEqual([])
    const emails = (await rows(d.t, 'emails')).filter((e) => e.kind === 'notifications')
    expect(emails.map((e) => e.status)).toEqual(['skipped', 'skipped'])
  })

  it('never emails the person who made the change', async () => {
    const { d, p, mail } = await team()
    await prefer(d, d.owner, { assigned: 'email', commented: 'email' })
    const task = await d.task({ productId: p.id, assigneeId: d.userId })
    await d.ok('POST', `/tasks/${task.id}/comments`, { body: 'Mine' }, 201)
    await later(d.t, BATCH_MS)
    expect(to(mail, 'owner@example.com')).toEqual([])
  })
})

describe('the daily digest', () => {
  it('comes at the chosen hour where the person is, once a day, with what came before that hour', async () => {
    // 17:00 in Shanghai.
    const { d, p, dev, mail } = await team({ start: '2026-11-02T09:00:00.000Z' })
    await profile(d, dev.caller, { timeZone: 'Asia/Shanghai' })
    await prefer(d, dev.caller, { status_changed: 'digest', assigned: 'digest', digestHour: 9 })
    const task = await d.task({ productId: p.id, title: 'Line 3 andon', assigneeId: dev.userId })
    await d.move(task.id, { status: 'doing' })
    await d.t.settled()
    // Past 9:00 today, but these came after it: they wait for tomorrow's digest.
    await later(d.t, 3_600_000)
    expect(to(mail, 'dev@example.com')).toEqual([])
    // 8:00 tomorrow in Shanghai: not yet.
    await later(d.t, 14 * 3_600_000)
    expect(to(mail, 'dev@example.com')).toEqual([])
    // 9:00 tomorrow.
    await later(d.t, 3_600_000)
    const [digest] = await mail.waitFor(1).then(() => to(mail, 'dev@example.com'))
    expect(digest!.subject).toBe('Keel daily digest: 2 updates on 1 items')
    expect(digest!.text).toContain('Line 3 andon')
    expect(digest!.text).toContain('changed the status: To do → In progress')
    expect(header(digest!, 'list-unsubscribe')).toContain('.digest.')
    // Once a day, however often the scheduler runs.
    await d.move(task.id, { status: 'review' })
    await later(d.t, 3_600_000)
    await later(d.t, 3_600_000)
    expect(to(mail, 'dev@example.com')).toHaveLength(1)
  })
})

describe('unsubscribing', () => {
  it('stops those emails with one click, no login needed; a forged link is refused', async () => {
    const { d, p, dev, mail } = await team()
    await prefer(d, dev.caller, { assigned: 'email', commented: 'email', status_changed: 'digest' })
    await d.task({ productId: p.id, assigneeId: dev.userId })
    await later(d.t, BATCH_MS)
    const link = header(to(mail, 'dev@example.com')[0]!, 'list-unsubscribe').slice(1, -1)
    const path = new URL(link).pathname
    expect((await d.t.request('GET', path)).body).toEqual({ scope: 'email' })
    // Looking changes nothing.
    expect(
      (await d.t.request('GET', '/api/me/notification-preferences', undefined, dev.caller)).body.assigned,
    ).toBe('email')
    const done = await d.t.request('POST', path)
    expect(done.status).toBe(200)
    const prefs = (await d.t.request('GET', '/api/me/notification-preferences', undefined, dev.caller)).body
    expect(prefs).toMatchObject({ assigned: 'inbox', commented: 'inbox', status_changed: 'digest' })
    // Forged: another person's id, another scope, or a signature with one character changed.
    const [id, , sig] = path.split('/').at(-1)!.split('.')
    for (const token of [
      `${Number(id) - 1}.email.${sig}`,
      `${id}.digest.${sig}`,
      `${id}.email.${sig![0] === 'x' ? 'y' : 'x'}${sig!.slice(1)}`,
    ]) {
      const res = await d.t.request('POST', `/api/unsubscribe/${token}`)
      expect(res.status, token).toBe(404)
      expect(res.body.error.code).toBe('not_found')
    }
  })
})

describe('the outbox', () => {
  it('retries a refused email with backoff, then shows it failed to the instance owners, who retry it', async () => {
    const { d, mail } = await team()
    mail.failing(100)
    const queued = await d.t.request('POST', '/api/admin/emails/test', { to: 'it@example.com' }, d.owner)
    expect(queued.status).toBe(202)
    await d.t.settled()
    expect(mail.refused()).toBe(1)
    const [first] = (await d.t.request('GET', '/api/admin/emails?status=pending', undefined, d.owner)).body
      .items
    expect(first).toMatchObject({ toAddress: 'it@example.com', attempts: 1, status: 'pending' })
    expect(first.error).toMatch(/451/)
    expect(first.nextAttemptAt).toBe('2026-11-02T09:01:00.000Z')
    // 1 min, 5 min, 30 min, 2 h, 6 h: six attempts in all.
    for (const wait of RETRY_DELAYS_MS) await later(d.t, wait)
    expect(mail.refused()).toBe(6)
    const view = (await d.t.request('GET', '/api/admin/emails?status=failed', undefined, d.owner)).body
    expect(view).toMatchObject({ emailOn: true, from: 'Keel <keel@example.com>' })
    expect(view.counts.failed).toBe(1)
    expect(view.items).toMatchObject([{ toAddress: 'it@example.com', status: 'failed', attempts: 6 }])
    // Only instance owners see the outbox.
    const dev = await d.t.addMember(d.owner, d.ws, 'developer', 'dev2@example.com')
    expect((await d.t.request('GET', '/api/admin/emails', undefined, dev.caller)).status).toBe(403)

    mail.failing(0)
    const retried = await d.t.request(
      'POST',
      `/api/admin/emails/${view.items[0].id}/retry`,
      undefined,
      d.owner,
    )
    expect(retried.status).toBe(202)
    await d.t.settled()
    expect(to(mail, 'it@example.com')).toHaveLength(1)
    expect(to(mail, 'it@example.com')[0]!.subject).toBe('A test email from Keel')
    const again = await d.t.request('POST', `/api/admin/emails/${view.items[0].id}/retry`, undefined, d.owner)
    expect(again.status).toBe(409)
  })

  it('survives a restart: a stopped process sends nothing, and two new ones send the email once', async () => {
    const { d, p, dev, mail } = await team()
    await prefer(d, dev.caller, { assigned: 'email' })
    await d.task({ productId: p.id, title: 'Queued before the stop', assigneeId: dev.userId })
    await d.t.settled()
    d.t.events.shutdown()
    await later(d.t, BATCH_MS)
    expect(to(mail, 'dev@example.com')).toEqual([])
    const again = () =>
      createApp({
        store: d.t.store,
        clock: d.t.clock,
        timers: d.t.timers,
        mail: { smtpUrl: mail.url, from: 'Keel <keel@example.com>' },
        localOrigin: ORIGIN,
      })
    const [one, two] = [again(), again()]
    await Promise.all([one.settled(), two.settled()])
    expect(to(mail, 'dev@example.com').map((m) => m.subject)).toEqual(['[MES-1] Queued before the stop'])
  })

  it('keeps sent emails 30 days, and failed ones until retried', async () => {
    const { d, mail } = await team()
    await d.t.request('POST', '/api/admin/emails/test', { to: 'sent@example.com' }, d.owner)
    await d.t.settled()
    mail.failing(100)
    await d.t.request('POST', '/api/admin/emails/test', { to: 'failed@example.com' }, d.owner)
    for (const wait of RETRY_DELAYS_MS) await later(d.t, wait)
    const statuses = async () => (await rows(d.t, 'emails')).map((e) => [e.to_address, e.status])
    expect(await statuses()).toEqual([
      ['dev@example.com', 'sent'],
      ['sent@example.com', 'sent'],
      ['failed@example.com', 'failed'],
    ])
    await later(d.t, 31 * 86_400_000)
    expect(await statuses()).toEqual([['failed@example.com', 'failed']])
  })

  it('never slows or fails the change when the mail server is down', async () => {
    const { d, p, dev, mail } = await team()
    await prefer(d, dev.caller, { assigned: 'email' })
    await mail.close()
    servers.splice(servers.indexOf(mail), 1)
    const res = await d.api('POST', '/tasks', {
      productId: p.id,
      kind: 'chore',
      title: 'Still saved',
      assigneeId: dev.userId,
    })
    expect(res.status).toBe(201)
    await later(d.t, BATCH_MS)
    const [email] = (await rows(d.t, 'emails')).filter((e) => e.kind === 'notifications')
    expect(email).toMatchObject({ status: 'pending', attempts: 1 })
    expect(String(email!.error)).toMatch(/ECONNREFUSED|connect/i)
  })
})

describe('the language of an email', () => {
  it('is the browser’s the person last signed in with, while their account follows the browser', async () => {
    const { d, mail } = await team()
    const signIn = (acceptLanguage: string) =>
      d.t.request(
        'POST',
        '/api/auth/login',
        { email: 'dev@example.com', password: 'member password 1' },
        undefined,
        { 'accept-language': acceptLanguage },
      )
    const resetSubject = async () => {
      // Past the throttle (three requests an hour per address).
      await later(d.t, 21 * 60 * 1000)
      mail.received.length = 0
      await d.t.request('POST', '/api/auth/password-reset', { email: 'dev@example.com' })
      d.t.timers!.advance(0)
      await d.t.settled()
      return (await mail.waitFor(1))[0]!.subject
    }
    // Signed in (by accepting the invite) with no Accept-Language: English.
    expect(await resetSubject()).toBe('Reset your Keel password')
    const first = await signIn('zh-TW,zh;q=0.9,en;q=0.8')
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(await resetSubject()).toBe('重置你的 Keel 密码')
    // The account still follows the browser: nothing it chose was changed.
    const [row] = await d.t.sql<{ language: string | null }>(
      "select language from users where email = 'dev@example.com'",
    )
    expect(row!.language).toBeNull()
    // A language the person chose wins over the browser's.
    const dev = await signIn('fr-FR, en;q=0.5')
    expect(dev.status).toBe(200)
    expect(await resetSubject()).toBe('Reset your Keel password')
    await profile(d, d.t.sessionOf(dev.headers), { language: 'zh-CN' })
    expect(await resetSubject()).toBe('重置你的 Keel 密码')
  })
})

describe('password reset by email', () => {
  it('emails a one-hour, single-use link, and answers the same for an unknown address', async () => {
    const { d, dev, mail } = await team()
    await profile(d, dev.caller, { language: 'zh-CN' })
    const known = await d.t.request('POST', '/api/auth/password-reset', { email: 'DEV@example.com' })
    const unknown = await d.t.request('POST', '/api/auth/password-reset', { email: 'nobody@example.com' })
    expect([known.status, known.body]).toEqual([202, {}])
    expect([unknown.status, unknown.body]).toEqual([202, {}])
    // Both answered before anything looked for the account: the answer (and its time) cannot tell them apart.
    expect(await rows(d.t, 'password_resets')).toEqual([])
    d.t.timers!.advance(0)
    await d.t.settled()
    expect(await rows(d.t, 'password_resets')).toHaveLength(1)
    expect(to(mail, 'nobody@example.com')).toEqual([])
    const [email] = to(mail, 'dev@example.com')
    expect(email!.subject).toBe('重置你的 Keel 密码')
    const token = email!.text.match(/\/reset-password\/([\w-]+)/)![1]!
    // Stored only as a hash: neither the reset row nor the sent email keeps the token.
    const stored = JSON.stringify([await rows(d.t, 'password_resets'), await rows(d.t, 'emails')])
    expect(stored).not.toContain(token)

    const confirm = (password: string) =>
      d.t.request('POST', '/api/auth/password-reset/confirm', { token, password })
    expect((await confirm('a new password 1')).status).toBe(200)
    expect((await confirm('a new password 2')).status).toBe(404)
    const login = await d.t.request('POST', '/api/auth/login', {
      email: 'dev@example.com',
      password: 'a new password 1',
    })
    expect(login.status).toBe(200)

    // An hour later a link no longer works.
    await d.t.request('POST', '/api/auth/password-reset', { email: 'dev@example.com' })
    d.t.timers!.advance(0)
    await d.t.settled()
    const late = to(mail, 'dev@example.com')[1]!.text.match(/\/reset-password\/([\w-]+)/)![1]!
    await later(d.t, 3_600_000 + 1_000)
    expect((await d.t.request('GET', `/api/auth/password-reset/${late}`)).status).toBe(404)
  })

  it('is throttled per address typed, and refused in the one error shape', async () => {
    const { d } = await team()
    for (let i = 0; i < 3; i++)
      expect(
        (await d.t.request('POST', '/api/auth/password-reset', { email: 'dev@example.com' })).status,
      ).toBe(202)
    const limited = await d.t.request('POST', '/api/auth/password-reset', { email: 'dev@example.com' })
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    const bad = await d.t.request('POST', '/api/auth/password-reset', { email: 'not an address' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('invalid_input')
  })
})

describe('invites and address changes', () => {
  it('emails an invite in the inviter’s language', async () => {
    const { d, mail } = await team()
    await profile(d, d.owner, { language: 'zh-CN' })
    const role = await d.t.roleId(d.owner, d.ws, 'developer')
    const invited = await d.ok(
      'POST',
      '/members',
      { email: 'new@example.com', name: 'New', roleId: role },
      201,
    )
    expect(invited.emailed).toBe(true)
    await d.t.settled()
    const [email] = to(mail, 'new@example.com')
    expect(email!.subject).toMatch(/邀请你加入 Keel 上的/)
    expect(email!.text).toContain(invited.url)
  })

  it('changes the address only once the new one is confirmed, and tells the old one', async () => {
    const { d, dev, mail } = await team()
    const asked = await d.t.request(
      'POST',
      '/api/me/email',
      { email: 'dev.new@example.com', password: 'member password 1' },
      dev.caller,
    )
    expect(asked.body).toEqual({ email: 'dev.new@example.com', pending: true })
    await d.t.settled()
    expect(to(mail, 'dev@example.com').at(-1)!.subject).toBe('Your Keel email address is changing')
    const token = to(mail, 'dev.new@example.com')[0]!.text.match(/\/verify-email\/([\w-]+)/)![1]!
    // Not yet: the old address still signs in, and the account says which change waits.
    const waiting = (await d.t.request('GET', '/api/me', undefined, dev.caller)).body.user
    expect([waiting.email, waiting.pendingEmail]).toEqual(['dev@example.com', 'dev.new@example.com'])
    const confirmed = await d.t.request('POST', '/api/auth/email-change/confirm', { token })
    expect(confirmed.body).toEqual({ email: 'dev.new@example.com' })
    const done = (await d.t.request('GET', '/api/me', undefined, dev.caller)).body.user
    expect([done.email, done.pendingEmail]).toEqual(['dev.new@example.com', null])
    expect((await d.t.request('POST', '/api/auth/email-change/confirm', { token })).status).toBe(404)
    // A wrong password, or an address another account has, changes nothing.
    const wrong = await d.t.request(
      'POST',
      '/api/me/email',
      { email: 'x@example.com', password: 'nope' },
      dev.caller,
    )
    expect(wrong.status).toBe(400)
    const taken = await d.t.request(
      'POST',
      '/api/me/email',
      { email: 'owner@example.com', password: 'member password 1' },
      dev.caller,
    )
    expect(taken.status).toBe(409)
  })
})

describe('with email off', () => {
  it('says so, keeps the choices, refuses email resets (409), and changes an address at once', async () => {
    const d = await domainApp()
    const prefs = await d.t.request('GET', '/api/me/notification-preferences', undefined, d.owner)
    expect(prefs.body.emailAvailable).toBe(false)
    const reset = await d.t.request('POST', '/api/auth/password-reset', { email: 'owner@example.com' })
    expect(reset.status).toBe(409)
    expect(reset.body.error).toMatchObject({ code: 'conflict', details: { reason: 'email_off' } })
    const test = await d.t.request('POST', '/api/admin/emails/test', { to: 'a@example.com' }, d.owner)
    expect(test.body.error.details.reason).toBe('email_off')
    const view = await d.t.request('GET', '/api/admin/emails', undefined, d.owner)
    expect(view.body).toMatchObject({ emailOn: false, from: null, items: [] })
    const role = await d.t.roleId(d.owner, d.ws, 'developer')
    expect(
      (await d.ok('POST', '/members', { email: 'n@example.com', name: 'N', roleId: role }, 201)).emailed,
    ).toBe(false)
    const changed = await d.t.request(
      'POST',
      '/api/me/email',
      { email: 'boss@example.com', password: 'correct horse battery' },
      d.owner,
    )
    expect(changed.body).toEqual({ email: 'boss@example.com', pending: false })
  })
})

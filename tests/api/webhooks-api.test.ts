// Webhooks through the API: http(s) only, private-network targets refused unless allowed, the secret
// write-only, robot tokens masked, permission and workspace isolation, and the change log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'
import { rows, withWorkspace } from '../helpers/domain'
import { type Receiver, startReceiver } from '../helpers/receiver'

async function setupApp(allowPrivate: boolean) {
  const t = makeApp({ webhooks: { allowPrivate, retryDelaysMs: [20, 40] } })
  const { owner, ws, userId } = await t.setup()
  return withWorkspace(t, owner, ws, userId)
}

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver()
})
afterAll(() => receiver.close())

describe('creating a webhook', () => {
  it('accepts an http(s) URL with events, preset and language, and never answers the secret', async () => {
    const d = await setupApp(true)
    const created = await d.ok(
      'POST',
      '/webhooks',
      {
        name: 'Team group',
        url: receiver.url,
        events: ['task.moved', 'requirement.created'],
        secret: 'shh-very-secret',
        preset: 'generic',
        language: 'en',
      },
      201,
    )
    expect(created).toMatchObject({
      name: 'Team group',
      url: receiver.url,
      events: ['task.moved', 'requirement.created'],
      preset: 'generic',
      language: 'en',
      productId: null,
      active: true,
      hasSecret: true,
      version: 1,
    })
    expect(created).not.toHaveProperty('secret')
    const list = await d.ok('GET', '/webhooks')
    expect(list.items).toHaveLength(1)
    expect(JSON.stringify(list)).not.toContain('shh-very-secret')
    const patched = await d.ok('PATCH', `/webhooks/${created.id}`, { active: false })
    expect(patched).toMatchObject({ active: false, hasSecret: true, version: 2 })
    expect(JSON.stringify(patched)).not.toContain('shh-very-secret')
    // The change log records what changed, never the URL or the secret.
    const activity = JSON.stringify((await rows(d.t, 'activity')).filter((r) => r.entity_type === 'webhook'))
    expect(activity).toContain('Team group')
    expect(activity).not.toContain('shh-very-secret')
    expect(activity).not.toContain(receiver.url)

    const cleared = await d.ok('PATCH', `/webhooks/${created.id}`, { secret: null })
    expect(cleared.hasSecret).toBe(false)
  })

  it('answers 400 for a URL that is not http(s) or not a URL, and for unknown event names', async () => {
    const d = await setupApp(true)
    for (const url of ['ftp://example.com/hook', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url']) {
      const res = await d.api('POST', '/webhooks', { url, events: ['*'] })
      expect(res.status, url).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
    }
    const bad = await d.api('POST', '/webhooks', { url: receiver.url, events: ['task.exploded'] })
    expect(bad.status).toBe(400)
    const none = await d.api('POST', '/webhooks', { url: receiver.url, events: [] })
    expect(none.status).toBe(400)
    expect(await rows(d.t, 'webhooks')).toHaveLength(0)
  })

  it('refuses loopback, private, link-local and unique-local targets unless private targets are allowed', async () => {
    const d = await setupApp(false)
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'http://127.8.9.10/hook',
      'http://10.1.2.3/hook',
      'http://172.16.0.1/hook',
      'http://172.31.255.255/hook',
      'http://192.168.1.20/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/hook',
      'http://[::1]/hook',
      'http://[fc00::1]/hook',
      'http://[fd12:3456::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://localhost:3000/hook',
      'http://api.localhost/hook',
    ]) {
      const res = await d.api('POST', '/webhooks', { url, events: ['*'] })
      expect(res.status, url).toBe(400)
      expect(res.body.error.details.reason, url).toBe('private_address')
    }
    // Public addresses are fine (nothing is sent at creation).
    const ok = await d.api('POST', '/webhooks', { url: 'https://93.184.215.14/hook', events: ['*'] })
    expect(ok.status).toBe(201)
    // A change of URL is checked the same way.
    const res = await d.api('PATCH', `/webhooks/${ok.body.id}`, { url: 'http://192.168.0.9/x' })
    expect(res.status).toBe(400)

    const allowed = await setupApp(true)
    const local = await allowed.api('POST', '/webhooks', { url: receiver.url, events: ['*'] })
    expect(local.status).toBe(201)
  })

  it('masks the query string of robot URLs, where their tokens live', async () => {
    const d = await setupApp(false)
    const created = await d.ok(
      'POST',
      '/webhooks',
      {
        url: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef',
        events: ['*'],
        preset: 'dingtalk',
        secret: 'SECxyz',
      },
      201,
    )
    expect(created.url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abcd…')
    const list = await d.ok('GET', '/webhooks')
    expect(JSON.stringify(list)).not.toContain('abcdef0123456789abcdef')
  })
})

describe('who may manage webhooks', () => {
  it('needs webhook.manage: a PM or developer gets 403 and nothing changes', async () => {
    const d = await setupApp(true)
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    for (const role of ['pm', 'developer', 'stakeholder']) {
      const { caller } = await d.t.addMember(d.owner, d.ws, role)
      expect((await d.api('GET', '/webhooks', undefined, caller)).status).toBe(403)
      expect((await d.api('POST', '/webhooks', { url: receiver.url, events: ['*'] }, caller)).status).toBe(
        403,
      )
      expect((await d.api('DELETE', `/webhooks/${hook.id}`, undefined, caller)).status).toBe(403)
      expect((await d.api('POST', `/webhooks/${hook.id}/test`, undefined, caller)).status).toBe(403)
    }
    expect(await rows(d.t, 'webhooks')).toHaveLength(1)
  })

  it('answers 404 for a webhook of another workspace, exactly as for one that does not exist', async () => {
    const d = await setupApp(true)
    const hook = await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    const created = await d.t.request('POST', '/api/workspaces', { name: 'Other' }, d.owner)
    const otherWs = created.body.id
    const base = `/api/workspaces/${otherWs}/webhooks/${hook.id}`
    for (const [method, path] of [
      ['PATCH', base],
      ['DELETE', base],
      ['GET', `${base}/deliveries`],
      ['POST', `${base}/test`],
    ] as const) {
      const res = await d.t.request(method, path, method === 'PATCH' ? { active: false } : undefined, d.owner)
      expect(res.status, `${method} ${path}`).toBe(404)
    }
    expect((await d.api('DELETE', '/webhooks/9999')).status).toBe(404)
    expect(Boolean((await rows(d.t, 'webhooks'))[0]!.active)).toBe(true)
  })

  it('a member narrowed to some products sees and creates only webhooks of those products', async () => {
    const d = await setupApp(true)
    const mes = await d.product('MES')
    const srm = await d.product('SRM')
    await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'], productId: srm.id }, 201)
    await d.ok('POST', '/webhooks', { url: receiver.url, events: ['*'] }, 201)
    const { caller } = await d.memberWithPermissions(['webhook.manage', 'product.view'], 'n@example.com', [
      mes.id,
    ])
    expect((await d.api('GET', '/webhooks', undefined, caller)).body.items).toHaveLength(0)
    expect((await d.api('POST', '/webhooks', { url: receiver.url, events: ['*'] }, caller)).status).toBe(403)
    const bad = await d.api(
      'POST',
      '/webhooks',
      { url: receiver.url, events: ['*'], productId: srm.id },
      caller,
    )
    expect(bad.status).toBe(400)
    const mine = await d.api(
      'POST',
      '/webhooks',
      { url: receiver.url, events: ['*'], productId: mes.id },
      caller,
    )
    expect(mine.status).toBe(201)
    expect((await d.api('GET', '/webhooks', undefined, caller)).body.items).toHaveLength(1)
  })
})

// Chat-robot presets against a real local receiver: Feishu (post message, timestamp + sign in the body),
// DingTalk (markdown, timestamp + sign in the query string), WeCom (markdown), in zh-CN and en.
import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp } from '../helpers/app'
import { withWorkspace } from '../helpers/domain'
import { type Receiver, startReceiver } from '../helpers/receiver'

let receiver: Receiver
beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: '{"code":0,"msg":"success"}' }))
})
afterAll(() => receiver.close())

async function movedTask(preset: string, language: string, secret?: string) {
  const t = makeApp({ webhooks: { allowPrivate: true }, publicUrl: 'http://localhost' })
  const { owner, ws, userId } = await t.setup()
  const d = withWorkspace(t, owner, ws, userId)
  const p = await d.product('MES')
  const path = `/${preset}/${language}/${Math.random().toString(36).slice(2)}`
  const hook = await d.ok(
    'POST',
    '/webhooks',
    {
      url: `${receiver.url}${path}?access_token=tok123456`,
      events: ['task.moved'],
      preset,
      language,
      secret,
    },
    201,
  )
  const task = await d.task({ productId: p.id, title: 'Scan to report' })
  await d.move(task.id, { status: 'doing' })
  const req = await receiver.waitForRequest((r) => r.url.includes(path))
  return { d, hook, task, req, body: JSON.parse(req.body), ws }
}

describe('the Feishu preset', () => {
  it('sends a post message with timestamp and sign = base64(HMAC-SHA256(timestamp\\nsecret, ""))', async () => {
    const { body, task, ws } = await movedTask('feishu', 'zh-CN', 'feishu-secret')
    expect(body.msg_type).toBe('post')
    expect(body.timestamp).toMatch(/^\d{10}$/)
    const sign = createHmac('sha256', `${body.timestamp}\nfeishu-secret`).update('').digest('base64')
    expect(body.sign).toBe(sign)
    expect(body.content.post.zh_cn).toEqual({
      title: 'Keel · MES · 任务',
      content: [
        [{ tag: 'text', text: `Olivia Owner 把 ${task.key} 移到了 进行中` }],
        [{ tag: 'a', text: '在 Keel 中查看', href: `http://localhost/w/${ws}/i/${task.key}` }],
      ],
    })
  })

  it('sends no signature fields without a secret, and English with en_us', async () => {
    const { body, task } = await movedTask('feishu', 'en')
    expect(body).not.toHaveProperty('sign')
    expect(body).not.toHaveProperty('timestamp')
    expect(body.content.post.en_us.content[0][0].text).toBe(`Olivia Owner moved ${task.key} to In progress`)
  })
})

describe('the DingTalk preset', () => {
  it('sends markdown and signs the URL with timestamp and sign = urlencode(base64(HMAC(secret, ts\\nsecret)))', async () => {
    const { body, req, task } = await movedTask('dingtalk', 'zh-CN', 'SECdingdong')
    const query = new URL(req.url, 'http://x').searchParams
    expect(query.get('access_token')).toBe('tok123456')
    const timestamp = query.get('timestamp')!
    expect(timestamp).toMatch(/^\d{13}$/)
    const sign = createHmac('sha256', 'SECdingdong').update(`${timestamp}\nSECdingdong`).digest('base64')
    expect(query.get('sign')).toBe(sign)
    // The raw query carries it percent-encoded.
    expect(req.url).toContain(`sign=${encodeURIComponent(sign)}`)
    expect(body.msgtype).toBe('markdown')
    expect(body.markdown.title).toBe(`Olivia Owner 把 ${task.key} 移到了 进行中`)
    expect(body.markdown.text).toContain('#### Keel · MES · 任务')
    expect(body.markdown.text).toContain(`Olivia Owner 把 ${task.key} 移到了 进行中`)
  })
})

describe('the WeCom preset', () => {
  it('sends a markdown message with the sentence and a link', async () => {
    const { body, task, ws } = await movedTask('wecom', 'en')
    expect(body).toEqual({
      msgtype: 'markdown',
      markdown: {
        content: `**Keel · MES · Task**\nOlivia Owner moved ${task.key} to In progress\n[Open in Keel](http://localhost/w/${ws}/i/${task.key})`,
      },
    })
  })
})

describe('robot answers', () => {
  it('a 200 carrying a robot error code is a failed attempt with the robot’s message', async () => {
    const failing = await startReceiver(() => ({
      status: 200,
      body: '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
    }))
    try {
      const t = makeApp({ webhooks: { allowPrivate: true } })
      const { owner, ws, userId } = await t.setup()
      const d = withWorkspace(t, owner, ws, userId)
      const hook = await d.ok('POST', '/webhooks', { url: failing.url, events: ['*'], preset: 'feishu' }, 201)
      const delivery = await d.ok('POST', `/webhooks/${hook.id}/test`)
      expect(delivery.status).toBe('failed')
      expect(delivery.error).toBe(
        'The robot answered code 19021: sign match fail or timestamp is not within one hour from current time',
      )
      expect(JSON.parse(delivery.body).content.post.zh_cn.content[0][0].text).toBe(
        '这是一条来自 Keel 的测试消息：Webhook 已接通。',
      )
    } finally {
      await failing.close()
    }
  })
})

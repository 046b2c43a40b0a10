// The webhooks settings page in a real Chromium against the built app and a real local receiver: add a
// Feishu webhook in the dialog, send a test, see an event arrive and the delivery log fill, turn it off;
// and the backlog's Export menu and the data export page. Screenshots in test-results/.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { eventually, type Receiver, startReceiver } from '../helpers/receiver'
import { call, closePages, type KeelServer, launchBrowser, type Session, startServer } from './helpers'
import { type Owner, ownerPage, setupOwner, snap } from './pm-helpers'

const OWNER: Owner = {
  workspace: '华东智造',
  name: '张伟',
  email: 'zhangwei@example.test',
  password: 'correct horse 1',
}

let server: KeelServer
let browser: Browser
let receiver: Receiver
let session: Session
let ws: number
const pages: Page[] = []
const problems: string[] = []

beforeAll(async () => {
  receiver = await startReceiver(() => ({ status: 200, body: '{"code":0,"msg":"success"}' }))
  ;[server, browser] = await Promise.all([startServer({ KEEL_WEBHOOK_ALLOW_PRIVATE: '1' }), launchBrowser()])
  ;({ session, ws } = await setupOwner(server.url, OWNER))
})

afterEach((context) => closePages(context, 'webhooks', pages, problems))

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await receiver?.close()
})

describe('the webhooks page', () => {
  it('adds a Feishu webhook, sends a test, logs an event delivery and turns it off', async () => {
    const product = await call<{ id: number }>(session, 'POST', `/workspaces/${ws}/products`, {
      key: 'MES',
      name: '智能制造 MES',
    })
    const page = await ownerPage(browser, server.url, OWNER, 'zh-CN', problems)
    pages.push(page)
    await page.goto(`${server.url}/w/${ws}/settings/webhooks`)
    await page.getByRole('heading', { name: '还没有 Webhook' }).waitFor()

    await page.getByRole('button', { name: '添加 Webhook' }).first().click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('名称').fill('MES 研发群')
    await dialog.getByRole('textbox', { name: '地址' }).fill(`${receiver.url}/feishu`)
    await dialog.getByText('飞书群机器人').click()
    await dialog.locator('input[name="webhookSecret"]').fill('feishu-signing-secret')
    await dialog.getByRole('combobox', { name: '产品' }).selectOption(String(product.id))
    await snap(page, 'webhooks-dialog', false)
    await dialog.getByRole('button', { name: '保存 Webhook' }).click()
    await dialog.waitFor({ state: 'detached' })

    const card = page.getByRole('article', { name: 'MES 研发群' })
    await expect(card.getByText('飞书群机器人')).toBeTruthy()
    await card.getByText('已签名').waitFor()
    await card.getByText('MES · 智能制造 MES').waitFor()

    await card.getByRole('button', { name: '发送测试' }).click()
    await card.getByText('测试已送达：接收方返回 200。').waitFor()
    const test = JSON.parse(receiver.requests.at(-1)!.body)
    expect(test.msg_type).toBe('post')
    expect(test.sign).toBeTruthy()
    expect(test.content.post.zh_cn.content[0][0].text).toBe('这是一条来自 Keel 的测试消息：Webhook 已接通。')

    // An event in the product reaches the group as a sentence.
    const task = await call<{ id: number; key: string }>(session, 'POST', `/workspaces/${ws}/tasks`, {
      productId: product.id,
      kind: 'chore',
      title: '扫码报工',
    })
    await call(session, 'POST', `/workspaces/${ws}/tasks/${task.id}/move`, { status: 'doing' })
    await eventually(() =>
      receiver.requests.some((r) => r.body.includes(`张伟 把 ${task.key} 移到了 进行中`)),
    )

    await card.getByRole('button', { name: '投递记录' }).click()
    const log = card.getByRole('region', { name: '“MES 研发群”的投递记录' })
    await log.getByText('task.moved').waitFor()
    await log.getByText('webhook.test').waitFor()
    expect(await log.getByRole('row').count()).toBe(4) // header, test, task.created, task.moved
    await log.locator('details').first().locator('summary').click()
    await snap(page, 'webhooks-page')

    await card.getByRole('button', { name: '停用' }).click()
    await card.getByText('已停用').waitFor()
    const hooks = await call<{ items: { active: boolean }[] }>(session, 'GET', `/workspaces/${ws}/webhooks`)
    expect(hooks.items[0]!.active).toBe(false)
    expect(problems).toEqual([])
  })

  it('the backlog offers an Export menu and settings offer the data export', async () => {
    const page = await ownerPage(browser, server.url, OWNER, 'en', problems)
    pages.push(page)
    await page.goto(`${server.url}/w/${ws}/p/MES/backlog`)
    await page.getByRole('button', { name: 'Export' }).click()
    await page.getByRole('menuitem', { name: 'Excel workbook (.xlsx)' }).waitFor()
    await page.getByRole('menuitem', { name: 'CSV (Excel, WPS)' }).waitFor()
    await page.waitForTimeout(300) // the menu's opening animation
    await snap(page, 'backlog-export-menu', false)
    const download = page.waitForEvent('download')
    await page.getByRole('menuitem', { name: 'CSV (Excel, WPS)' }).click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^MES-backlog-\d{4}-\d{2}-\d{2}\.csv$/)

    await page.goto(`${server.url}/w/${ws}/settings/data`)
    await page.getByRole('heading', { name: 'Data export' }).waitFor()
    const json = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download workspace JSON' }).click()
    expect((await json).suggestedFilename()).toMatch(/^keel-.*\.json$/)
    await snap(page, 'data-export-page')
    expect(problems).toEqual([])
  })
})

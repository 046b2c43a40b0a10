// The inbox in a real Chromium against the built app: a developer's bell counts what reached them and
// updates live while the PM comments; the inbox groups it by item, opens it with the keyboard (which reads
// it), archives it with `e`; Watch on the task's page stops what follows. The PM mentions the developer by
// typing `@zw` (pinyin initials), the chip shows, and her bell counts it. Screenshots in test-results/.
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addMember, contextFor } from './board-helpers'
import { call, closePages, type KeelServer, launchBrowser, type Session, startServer } from './helpers'
import { setupOwner, snap } from './pm-helpers'

let server: KeelServer
let browser: Browser
let owner: Session
let ws: number
const pages: Page[] = []
const problems: string[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  ;({ session: owner, ws } = await setupOwner(server.url, {
    workspace: '华东智造',
    name: '张伟',
    email: 'zhangwei@example.test',
    password: 'correct horse 1',
  }))
})

afterEach((context) => closePages(context, 'inbox', pages, problems))

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('the inbox', () => {
  it('counts on the bell live, groups by item, opens and archives by keyboard, and stops on unwatch', async () => {
    const dev = await addMember(owner, ws, 'developer', {
      name: '李娜',
      email: 'lina@example.test',
      password: 'developer password 1',
    })
    const product = await call<{ id: number }>(owner, 'POST', `/workspaces/${ws}/products`, {
      key: 'MES',
      name: '智能制造 MES',
    })
    const task = await call<{ id: number; key: string }>(owner, 'POST', `/workspaces/${ws}/tasks`, {
      kind: 'chore',
      title: '接入产线 PLC 点表',
      productId: product.id,
      assigneeId: dev.userId,
    })

    const context = await contextFor(browser, dev.session, { locale: 'zh-CN' })
    const page = await context.newPage()
    pages.push(page)
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (err) => problems.push(err.message))
    await page.goto(`${server.url}/w/${ws}`)
    const bell = page.getByTestId('bell')
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('收件箱，1 条未读')

    // The PM comments: the developer's bell counts it without a reload.
    await call(owner, 'POST', `/workspaces/${ws}/tasks/${task.id}/comments`, {
      body: '点表在共享盘 **v2** 目录',
    })
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('收件箱，2 条未读')

    await bell.click()
    await page.getByRole('heading', { name: /收件箱/ }).waitFor()
    const group = page.getByTestId('inbox-group')
    await expect.poll(() => group.count(), { timeout: 10_000 }).toBe(1)
    await group.getByText('2 条更新').waitFor()
    await group.getByText('张伟 发表了评论').waitFor()
    await group.getByText('张伟 把它指派给了你').waitFor()
    // The comment's markdown is shown as text, never as markup.
    await group.getByText('点表在共享盘 **v2** 目录').waitFor()
    await snap(page, 'inbox-zh', false)

    // Enter opens the item at the comment, and reads it.
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/i/${task.key}#comment-\\d+$`))
    await page.getByTestId('task-page').waitFor()
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('收件箱')

    // Watching: the developer watches as the assignee; stopping keeps the next change out of the inbox.
    const watch = page.getByTestId('watch')
    await expect.poll(() => watch.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true')
    await watch.click()
    await expect.poll(() => watch.getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('false')
    await call(owner, 'POST', `/workspaces/${ws}/tasks/${task.id}/comments`, { body: '再补充一句' })

    await bell.click()
    await group.first().waitFor()
    expect(await page.getByText('再补充一句').count()).toBe(0)
    await group.first().focus()
    await page.keyboard.press('e')
    await page.getByRole('heading', { name: '都看完了' }).waitFor()
    await snap(page, 'inbox-empty-zh', false)

    // Status changes turned off in the account page: the next move tells her nothing.
    await page.goto(`${server.url}/w/${ws}/settings/account`)
    const statusChanges = page.getByRole('combobox', { name: '状态变化' })
    await statusChanges.selectOption('off')
    await expect
      .poll(
        async () =>
          (await call<{ status_changed: string }>(dev.session, 'GET', '/me/notification-preferences'))
            .status_changed,
        { timeout: 10_000 },
      )
      .toBe('off')
    await snap(page, 'notification-preferences-zh')
    expect(problems).toEqual([])
  })

  it('offers members by pinyin as the PM types @, shows the mention as a chip, and tells the developer', async () => {
    const dev = await addMember(owner, ws, 'developer', {
      name: '王芳',
      email: 'wangfang@example.test',
      password: 'developer password 2',
    })
    const product = await call<{ id: number }>(owner, 'POST', `/workspaces/${ws}/products`, {
      key: 'WMS',
      name: '仓储 WMS',
    })
    const requirement = await call<{ id: number; key: string }>(
      owner,
      'POST',
      `/workspaces/${ws}/products/${product.id}/requirements`,
      { title: '库位热力图' },
    )
    const context = await contextFor(browser, owner, { locale: 'zh-CN' })
    const page = await context.newPage()
    pages.push(page)
    page.setDefaultTimeout(10_000)
    page.on('pageerror', (err) => problems.push(err.message))
    await page.goto(`${server.url}/w/${ws}/i/${requirement.key}`)
    const editor = page.getByRole('combobox', { name: '添加评论' })
    await editor.click()
    await editor.pressSequentially('请 @wf')
    const option = page.getByRole('option', { name: /王芳/ })
    await option.waitFor()
    await snap(page, 'mention-autocomplete-zh')
    await page.keyboard.press('Enter')
    expect(await editor.inputValue()).toBe(`请 @[王芳](user:${dev.userId}) `)
    await editor.pressSequentially('看一下 #WMS-1')
    await page.keyboard.press('Control+Enter')
    const chip = page.locator('.comment .mention')
    await chip.waitFor()
    expect(await chip.textContent()).toBe('@王芳')
    expect(await page.locator('.comment a.item-ref').getAttribute('href')).toBe(`/w/${ws}/i/WMS-1`)

    const devPage = await (await contextFor(browser, dev.session, { locale: 'zh-CN' })).newPage()
    pages.push(devPage)
    await devPage.goto(`${server.url}/w/${ws}/inbox`)
    await devPage.getByText('张伟 提到了你').waitFor()
    expect(problems).toEqual([])
  })
})

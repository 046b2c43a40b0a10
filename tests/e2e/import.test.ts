// The import journey in a real Chromium against the built app: upload ZenTao's GBK story export in
// settings, read the preview (counts and a warning), change a status mapping, apply, and find the
// stories in the backlog with the chosen status.
import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { call, type KeelServer, launchBrowser, type Session, startServer } from './helpers'
import { type Owner, ownerPage, setupOwner, snap } from './pm-helpers'

const OWNER: Owner = {
  workspace: '禅道迁移',
  name: 'Wang PM',
  email: 'wang@zentao.test',
  password: 'correct horse 1',
}

let server: KeelServer
let browser: Browser
let session: Session
let ws: number
let page: Page
const problems: string[] = []

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  ;({ session, ws } = await setupOwner(server.url, OWNER))
  await call(session, 'POST', `/workspaces/${ws}/products`, { key: 'WEB', name: '企业网站' })
})

afterAll(async () => {
  await page?.context().close()
  await browser?.close()
  await server?.stop()
})

describe('import in settings', () => {
  it('previews a GBK ZenTao export, takes a changed status mapping, applies, and shows the stories', async () => {
    page = await ownerPage(browser, server.url, OWNER, 'zh-CN', problems)
    await page.getByRole('link', { name: '导入', exact: true }).click()
    await page.waitForURL(/\/settings\/import$/)
    await page.locator('#import-file').setInputFiles({
      name: 'stories.gbk.csv',
      mimeType: 'text/csv',
      buffer: readFileSync('/work/shared/fixtures/zentao/stories.gbk.csv'),
    })
    await page.getByRole('button', { name: '预览' }).click()
    const preview = page.locator('.import-preview')
    await expect.poll(() => preview.isVisible()).toBe(true)
    expect(await preview.textContent()).toContain('禅道 CSV 导出')
    expect(await preview.locator('[data-count="requirements"] dd').textContent()).toBe('7')
    expect(await preview.locator('[data-count="created"] dd').textContent()).toBe('15')
    expect(await preview.locator('.import-messages-warning li').count()).toBeGreaterThan(0)
    expect(await preview.locator('.import-messages-warning').textContent()).toContain('第 2 行')
    expect(await preview.locator('.import-messages-warning').textContent()).toContain(
      '发布“1.0版本”在文件中没有日期',
    )
    // Every row it will write, in a table: the file's key, what it becomes, and that it is new.
    const rows = preview.locator('[data-testid="import-row"]')
    expect(await rows.count()).toBe(7)
    expect(await rows.first().locator('td').last().textContent()).toBe('新建')
    // Every mapping choice reads whole: each select is wide enough for its longest option.
    const cut = await preview.locator('.import-mapping select').evaluateAll((selects) => {
      const ctx = document.createElement('canvas').getContext('2d')!
      return (selects as HTMLSelectElement[]).flatMap((select) => {
        const style = getComputedStyle(select)
        ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`
        const room =
          select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight)
        return [...select.options].map((o) => o.text).filter((text) => ctx.measureText(text).width > room)
      })
    })
    expect(cut).toEqual([])
    await snap(page, 'import-preview')

    // 评审中 → 已确认 instead of the default 评审中 (reviewing).
    const select = page.getByRole('combobox', { name: '需求状态: 评审中' })
    expect(await select.inputValue()).toBe('reviewing')
    await select.selectOption('approved')
    await expect
      .poll(() => page.getByRole('combobox', { name: '需求状态: 评审中' }).inputValue())
      .toBe('approved')
    await expect.poll(() => page.getByRole('button', { name: '执行导入' }).isEnabled()).toBe(true)
    await page.getByRole('button', { name: '执行导入' }).click()
    await expect.poll(() => page.locator('.import-done').textContent()).toContain('新建 15')
    await snap(page, 'import-applied')
    // The answer maps each old key to its new one; the new item says where it came from.
    const written = page.locator('[data-testid="import-row"]')
    expect(await written.count()).toBe(7)
    const oldKey = (await written.first().locator('td').nth(1).textContent())!
    const newKey = (await written.first().getByRole('link').textContent())!
    expect(newKey).toMatch(/^WEB-\d+$/)

    await page.getByRole('link', { name: '打开待办列表' }).click()
    await page.waitForURL(/\/p\/WEB\/backlog$/)
    await expect.poll(() => page.getByText('关于我们的设计和开发').first().isVisible()).toBe(true)
    await snap(page, 'import-backlog', false)

    const stored = await call<{ items: { title: string; status: string }[] }>(
      session,
      'GET',
      `/workspaces/${ws}/products/1/requirements?limit=50`,
    )
    expect(stored.items).toHaveLength(7)
    expect(stored.items.filter((r) => r.status === 'approved').map((r) => r.title)).toEqual([
      '关于我们的设计和开发',
      '合作洽谈的设计和开发',
      '诚聘英才的设计和开发',
    ])
    await page.goto(`${server.url}/w/${ws}/i/${newKey}`)
    await page.getByTestId('imported-from').waitFor()
    expect(await page.getByTestId('imported-from').textContent()).toBe(`从禅道导入，原编号 ${oldKey}`)
    expect(problems).toEqual([])
  })
})

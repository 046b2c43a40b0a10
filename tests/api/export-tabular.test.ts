// One product's requirements and tasks as CSV (UTF-8 with BOM, RFC 4180 quoting, formula cells made
// inert) and XLSX (read back with exceljs), with a download filename; permission and tenancy.
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { type Domain, domainApp } from '../helpers/domain'

async function productWithWork(d: Domain) {
  const p = await d.product('MES', '智能制造 MES')
  const parent = await d.module(p.id, { name: '生产' })
  const child = await d.module(p.id, { name: '报工', parentId: parent.id })
  const iteration = await d.iteration(p.id, { name: '迭代 24' })
  const release = await d.release(p.id, { name: 'MES 2.4' })
  const customer = await d.customer({ name: '华东精密' })
  const other = await d.customer({ name: 'Acme, Inc.' })
  const tricky = await d.requirement(p.id, {
    title: '扫码报工, 支持 "批量" 提交\n第二行',
    priority: 'P0',
    estimate: 5,
    moduleId: child.id,
  })
  await d.ok('PATCH', `/requirements/${tricky.id}`, { iterationId: iteration.id, releaseId: release.id })
  await d.ok(
    'POST',
    `/requirements/${tricky.id}/asks`,
    { customerId: customer.id, importance: 'critical' },
    201,
  )
  await d.ok('POST', `/requirements/${tricky.id}/asks`, { customerId: other.id }, 201)
  const formula = await d.requirement(p.id, { title: '=HYPERLINK("http://evil.example","点我")' })
  await d.requirement(p.id, { title: '+1+2' })
  await d.requirement(p.id, { title: '-2+3' })
  await d.requirement(p.id, { title: '@SUM(A1:A2)' })
  const task = await d.task({
    productId: p.id,
    kind: 'feature',
    title: '后端接口',
    requirementId: tricky.id,
    iterationId: iteration.id,
    estimate: 2,
    assigneeId: d.userId,
  })
  await d.move(task.id, { status: 'doing' })
  return { p, tricky, formula, task }
}

async function download(d: Domain, query: string) {
  const res = await d.t.app.request(`http://localhost${d.base}/exports?${query}`, {
    headers: { ...d.owner.headers, origin: 'http://localhost' },
  })
  return { res, bytes: Buffer.from(await res.arrayBuffer()) }
}

describe('CSV export of a product', () => {
  it('starts with a UTF-8 BOM and keeps Chinese text intact, quoting commas, quotes and newlines', async () => {
    const d = await domainApp()
    const { p, tricky, task } = await productWithWork(d)
    const { res, bytes } = await download(d, `format=csv&productId=${p.id}&lang=zh-CN`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="MES-backlog-2026-11-02.csv"; filename*=UTF-8''MES-backlog-2026-11-02.csv`,
    )
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    const lines = text.split('\r\n')
    expect(lines[0]).toBe('需求')
    expect(lines[1]).toBe('编号,标题,状态,优先级,模块,迭代,发布,估算,评分,诉求数,客户')
    expect(text).toContain(
      `${tricky.key},"扫码报工, 支持 ""批量"" 提交\n第二行",草稿,P0,生产 / 报工,迭代 24,MES 2.4,5,`,
    )
    expect(text).toContain(',2,"华东精密, Acme, Inc."\r\n')
    expect(text).toContain('\r\n\r\n任务\r\n编号,标题,类型,状态,负责人,估算,迭代,所属需求\r\n')
    expect(text).toContain(`${task.key},后端接口,功能,进行中,Olivia Owner,2,迭代 24,${tricky.key}\r\n`)
  })

  it('neutralizes cells a spreadsheet would run as formulas', async () => {
    const d = await domainApp()
    const { p } = await productWithWork(d)
    const { bytes } = await download(d, `format=csv&productId=${p.id}&sheet=requirements`)
    const text = bytes.toString('utf8')
    expect(text).toContain(`,"'=HYPERLINK(""http://evil.example"",""点我"")",`)
    expect(text).toContain(",'+1+2,")
    expect(text).toContain(",'-2+3,")
    expect(text).toContain(",'@SUM(A1:A2),")
    // One table only, English headers by default.
    expect(text.slice(1).split('\r\n')[0]).toBe(
      'Key,Title,Status,Priority,Module,Iteration,Release,Estimate,Score,Asks,Customers',
    )
    expect(text).not.toContain('Assignee')
  })
})

describe('XLSX export of a product', () => {
  it('opens with exceljs and holds a requirements sheet and a tasks sheet', async () => {
    const d = await domainApp()
    const { p, tricky, task } = await productWithWork(d)
    const { res, bytes } = await download(d, `format=xlsx&productId=${p.id}&lang=en`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    expect(res.headers.get('content-disposition')).toContain('filename="MES-2026-11-02.xlsx"')
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(bytes as unknown as ArrayBuffer)
    expect(book.worksheets.map((s) => s.name)).toEqual(['Requirements', 'Tasks'])
    const requirements = book.getWorksheet('Requirements')!
    expect(requirements.rowCount).toBe(6)
    expect(requirements.getRow(1).values).toEqual([
      undefined,
      'Key',
      'Title',
      'Status',
      'Priority',
      'Module',
      'Iteration',
      'Release',
      'Estimate',
      'Score',
      'Asks',
      'Customers',
    ])
    const first = requirements.getRow(2)
    expect(first.getCell(1).value).toBe(tricky.key)
    expect(first.getCell(2).value).toBe('扫码报工, 支持 "批量" 提交\n第二行')
    expect(first.getCell(8).value).toBe(5)
    expect(first.getCell(10).value).toBe(2)
    expect(first.getCell(11).value).toBe('华东精密, Acme, Inc.')
    expect(requirements.getRow(3).getCell(2).value).toBe('\'=HYPERLINK("http://evil.example","点我")')
    const tasks = book.getWorksheet('Tasks')!
    expect(tasks.rowCount).toBe(2)
    expect(tasks.getRow(2).values).toEqual([
      undefined,
      task.key,
      '后端接口',
      'Feature',
      'In progress',
      'Olivia Owner',
      2,
      '迭代 24',
      tricky.key,
    ])
  })
})

describe('who may export', () => {
  it('needs the export permission (403), sees only its own workspace (404), and must name a product', async () => {
    const d = await domainApp()
    const { p } = await productWithWork(d)
    const { caller } = await d.t.addMember(d.owner, d.ws, 'developer')
    for (const format of ['csv', 'xlsx', 'json']) {
      const res = await d.api('GET', `/exports?format=${format}&productId=${p.id}`, undefined, caller)
      expect(res.status, format).toBe(403)
      expect(res.body.error.code).toBe('forbidden')
    }
    const other = await d.t.request('POST', '/api/workspaces', { name: 'Other' }, d.owner)
    const cross = await d.t.request(
      'GET',
      `/api/workspaces/${other.body.id}/exports?format=csv&productId=${p.id}`,
      undefined,
      d.owner,
    )
    expect(cross.status).toBe(404)
    expect((await d.api('GET', '/exports?format=csv')).status).toBe(400)
    expect((await d.api('GET', `/exports?format=pdf&productId=${p.id}`)).status).toBe(400)
  })
})

// Malformed files are refused whole with 400 (413 when too big), naming the row and column, and
// nothing is written.
import { describe, expect, test } from 'vitest'
import { makeApp } from '../helpers/app'
import { ownFixture, rowCounts, sharedFixture, upload, workspaceWithProduct } from '../helpers/imports'

async function refused(
  bytes: Uint8Array | string,
  options: { format?: string; encoding?: string; dryRun?: boolean } = {},
) {
  const t = makeApp()
  const { owner, ws, productId } = await workspaceWithProduct(t)
  const before = await rowCounts(t)
  const res = await upload(t, owner, ws, bytes, { productId, ...options })
  expect(await rowCounts(t)).toEqual(before)
  return res
}

describe('bad files', () => {
  test('a CSV cut in half inside a quoted cell names the row and the line where the quote opened', async () => {
    const text = ownFixture('jira-cloud.csv').toString('utf8')
    const cut = text.slice(0, text.indexOf('Security says yes.'))
    const res = await refused(cut)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    expect(res.body.error.message).toMatch(
      /^Row 3, column 27 \("Comment"\): a quoted cell opened on line 4 is never closed/,
    )
    expect(res.body.error.details).toMatchObject({ row: 3, column: 27, line: 4 })
  })

  test('a JSON file cut in half is refused', async () => {
    const text = ownFixture('jira-apache-search.json').toString('utf8')
    const res = await refused(text.slice(0, text.length / 2), { format: 'jira-json' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/JSON is broken/)
  })

  test('a GBK file declared as UTF-8 names the line of the first bad byte', async () => {
    const res = await refused(sharedFixture('zentao/stories.gbk.csv'), { encoding: 'utf-8' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/not valid UTF-8 \(line 1, offset 1\)/)
  })

  test('bytes that are neither UTF-8 nor GBK ask for the encoding', async () => {
    const res = await refused(new Uint8Array([0x49, 0x44, 0x0a, 0x81, 0x20, 0xff, 0xfe, 0x41, 0x0a]))
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/neither UTF-8 nor GBK.*line 2/)
  })

  test('a binary file is not taken for text', async () => {
    const res = await refused(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]))
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/not a text file/)
  })

  test('a column that may appear once, appearing twice, is named with its positions', async () => {
    const text = 'Summary,Issue key,Issue Type,Status,Summary\nA,X-1,Story,Open,B\n'
    const res = await refused(text, { format: 'jira-csv' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(
      'Row 1: the column "Summary" appears 2 times (columns 1, 5); it may appear only once',
    )
    expect(res.body.error.details).toMatchObject({ row: 1, column: 'Summary' })
  })

  test('ZenTao headers repeated are refused too', async () => {
    const text = sharedFixture('zentao/stories.csv')
      .toString('utf8')
      .replace('"描述","验收标准"', '"描述","描述"')
    const res = await refused(text)
    expect(res.status).toBe(400)
    expect(res.body.error.details).toMatchObject({ row: 1, column: '描述' })
  })

  test('a 100,000-character cell is accepted; one over the limit is refused with its row and column', async () => {
    const header = 'Summary,Issue key,Issue Type,Status,Description\n'
    const ok = await refused(`${header}A,X-1,Story,Open,"${'x'.repeat(100_000)}"\n`, { dryRun: true })
    expect(ok.status).toBe(200)
    const res = await refused(`${header}A,X-1,Story,Open,B\nC,X-2,Story,Open,"${'界'.repeat(100_001)}"\n`)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(
      /^Row 3, column 5 \("Description"\): a cell of 100,001 characters is over the limit of 100,000/,
    )
  })

  test('missing required columns are named', async () => {
    const res = await refused('Summary,Status\nA,Open\n', { format: 'jira-csv' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(
      'Row 1: not a Jira CSV export: the required columns "Issue key", "Issue Type" are missing',
    )
    const generic = await refused('Foo,Bar\n1,2\n', { format: 'csv' })
    expect(generic.status).toBe(400)
    expect(generic.body.error.message).toMatch(/no title column .*Foo, Bar/)
    const zentao = await refused('"编号","所属产品"\n"1","x"\n', { format: 'zentao-csv' })
    expect(zentao.status).toBe(400)
    expect(zentao.body.error.details).toMatchObject({ row: 1, column: '研发需求名称' })
  })

  test('a row without a title is listed in the preview and blocks the apply', async () => {
    const text = 'Summary,Issue key,Issue Type,Status\nFine,X-1,Story,Open\n,X-2,Story,Open\n'
    const preview = await refused(text, { dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.body.errors).toEqual([
      {
        row: 3,
        column: 'title',
        message: 'X-2: the title is empty',
        code: 'titleEmpty',
        params: { key: 'X-2' },
      },
    ])
    const apply = await refused(text)
    expect(apply.status).toBe(400)
    expect(apply.body.error.details.errors).toEqual(preview.body.errors)
  })

  test('the wrong format is named', async () => {
    const json = await refused(ownFixture('github-issues.json'), { format: 'jira-csv' })
    expect(json.status).toBe(400)
    expect(json.body.error.message).toMatch(/JSON file, not jira-csv/)
    const csv = await refused(ownFixture('jira-cloud.csv'), { format: 'github-json' })
    expect(csv.status).toBe(400)
    const notJira = await refused(ownFixture('github-issues.json'), { format: 'jira-json' })
    expect(notJira.body.error.message).toMatch(/no "issues" array/)
    const unknown = await refused('{"hello": 1}')
    expect(unknown.body.error.message).toMatch(/choose the format/)
  })

  test('a mapping that is not valid is refused', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), {
      productId,
      mapping: { taskStatus: { Open: 'nope' } },
    })
    expect(res.status).toBe(400)
  })

  test('a file over 50 MB answers 413 and writes nothing', async () => {
    const big = new Uint8Array(50 * 1024 * 1024 + 10).fill(0x61)
    const res = await refused(big)
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  test('other API routes keep their 1 MB limit', async () => {
    const t = makeApp()
    const { owner, ws } = await workspaceWithProduct(t)
    const res = await t.request(
      'POST',
      `/api/workspaces/${ws}/products`,
      { key: 'BIG', name: 'x'.repeat(2 * 1024 * 1024) },
      owner,
    )
    expect(res.status).toBe(413)
  })
})

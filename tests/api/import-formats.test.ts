// Every import fixture (the shared ZenTao exports and Jira field metadata, and our own Jira, GitHub and
// spreadsheet files written from those formats' documentation) imports with the expected counts and mappings.
import { readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { describe, expect, test } from 'vitest'
import { makeApp, type TestApp } from '../helpers/app'
import {
  ownFixture,
  rowCounts,
  SHARED_FIXTURES,
  sharedFixture,
  upload,
  workspaceWithProduct,
} from '../helpers/imports'

const q = (t: TestApp, sql: string, ...params: unknown[]) => t.sql(sql, params)

/** A Jira search response with a server's field list from the shared metadata attached. */
function withFieldMetadata(file: string, instance: string) {
  const root = JSON.parse(ownFixture(file).toString('utf8'))
  root.fields = JSON.parse(readFileSync(`${SHARED_FIXTURES}/jira/rest-field-metadata.json`, 'utf8'))[instance]
  return JSON.stringify(root)
}

describe('ZenTao exports', () => {
  test('the GBK story export is detected, decoded and mapped by its Chinese labels', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, sharedFixture('zentao/stories.gbk.csv'), { productId })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ format: 'zentao-csv', encoding: 'gbk', dryRun: false })
    expect(res.body.counts).toMatchObject({ requirements: 7, tasks: 0, modules: 7, releases: 1, skipped: 0 })
    expect(res.body.mapping.requirementStatus).toEqual({
      评审中: 'reviewing',
      研发完毕: 'testing',
      研发中: 'developing',
      已立项: 'planned',
    })
    expect(res.body.mapping.priority).toEqual({ 1: 'P0' })
    const rows = await q(
      t,
      'select number, title, status, description, acceptance_criteria as ac, created_at as "createdAt" from requirements order by id',
    )
    expect(rows.map((r) => r.title)).toEqual([
      '关于我们的设计和开发',
      '合作洽谈的设计和开发',
      '诚聘英才的设计和开发',
      '售后服务的设计和开发',
      '成果展示的设计和开发',
      '新闻中心的设计和开发。',
      '首页设计和开发',
    ])
    expect(rows[0]).toMatchObject({ number: 1, status: 'reviewing', createdAt: '2012-06-05T10:24:19.000Z' })
    expect(rows[0]!.description).toContain('我希望可以在关于我们里看到该公司的基本信息')
    expect(JSON.parse(String(rows[6]!.ac))).toEqual([{ text: '开发并通过验收', done: false }])
    const modules = (await q(t, 'select name from modules order by id')).map((m) => m.name)
    expect(modules).toEqual(['关于我们', '合作洽谈', '诚聘英才', '售后服务', '成果展示', '新闻中心', '首页'])
    // The original author and date are kept in the history.
    const created = await q(
      t,
      "select actor_id, actor_name, created_at from activity where entity_type = 'requirement' order by id limit 1",
    )
    expect(created[0]).toEqual({
      actor_id: null,
      actor_name: 'productManager',
      created_at: '2012-06-05T10:24:19.000Z',
    })
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ row: 2, column: 'release' }))
  })

  test('UTF-8 and GBK exports of the same stories give the same rows', async () => {
    const read = async (file: string) => {
      const t = makeApp()
      const { owner, ws, productId } = await workspaceWithProduct(t)
      await upload(t, owner, ws, sharedFixture(file), { productId })
      return q(t, 'select title, description, status, priority, estimate from requirements order by id')
    }
    expect(await read('zentao/stories.csv')).toEqual(await read('zentao/stories.gbk.csv'))
  })

  test('tasks link to the stories imported before, the hint line is not a record, the execution becomes an iteration', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    await upload(t, owner, ws, sharedFixture('zentao/stories.csv'), { productId })
    const res = await upload(t, owner, ws, sharedFixture('zentao/tasks.csv'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.counts).toMatchObject({ tasks: 8, iterations: 1, skipped: 1, created: 9 })
    expect(res.body.mapping.taskStatus).toEqual({ 已完成: 'done', 进行中: 'doing', 未开始: 'todo' })
    const tasks = await q(
      t,
      `select t.title, t.kind, t.status, t.estimate, t.remaining, r.title as requirement from tasks t
       left join requirements r on r.id = t.requirement_id order by t.id`,
    )
    expect(tasks).toHaveLength(8)
    expect(tasks[0]).toMatchObject({
      title: '售后服务的开发',
      kind: 'feature',
      status: 'done',
      estimate: 5,
      requirement: '售后服务的设计和开发',
    })
    expect(tasks.every((task) => task.requirement !== null)).toBe(true)
    const iteration = await q(t, 'select name, status from iterations')
    expect(iteration).toEqual([{ name: '企业网站第一期', status: 'closed' }])
  })
})

describe('Jira CSV', () => {
  test('a Cloud export: repeated Sprint/Labels/Comment columns, sub-task under its story by parent id', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.format).toBe('jira-csv')
    expect(res.body.counts).toMatchObject({
      requirements: 2,
      tasks: 3,
      bugs: 1,
      iterations: 1,
      releases: 1,
      modules: 1,
      comments: 3,
    })
    expect(res.body.mapping.type).toMatchObject({
      Epic: 'requirement',
      Story: 'requirement',
      'Sub-task': 'task',
      Bug: 'bug',
    })
    const subtask = await q(
      t,
      "select t.kind, t.status, r.title from tasks t join requirements r on r.id = t.requirement_id where t.title = 'API for saved cards'",
    )
    expect(subtask).toEqual([{ kind: 'feature', status: 'done', title: 'Pay with a saved card' }])
    const story = await q(
      t,
      "select estimate, target_date, i.name as sprint from requirements r join iterations i on i.id = r.iteration_id where r.title = 'Pay with a saved card'",
    )
    expect(story).toEqual([{ estimate: 5, target_date: '2024-04-30', sprint: 'SHOP Sprint 2' }])
    const comments = await q(t, 'select author_name, body, created_at from comments order by id')
    expect(comments[0]).toEqual({
      author_name: '557058:0d7f',
      body: 'Do we keep the CVC step?\nSecurity says yes.',
      created_at: '2024-03-14T11:20:00.000Z',
    })
    expect(comments[1]!.body).toBe('Yes, for cards older than 90 days')
    // Unknown values: a warning with the row and a safe default.
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        row: 6,
        column: 'status',
        code: 'unknownTaskStatus',
        params: { value: 'Triage', count: 1 },
      }),
    )
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({
        row: 7,
        column: 'type',
        message: expect.stringContaining('"Third-party issue"'),
      }),
    )
    expect(res.body.mapping.taskStatus.Triage).toBe('todo')
  })

  test('a Server export: localized dates, epic links, three Sprint columns (the last wins)', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-server.csv'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.counts).toMatchObject({ requirements: 2, tasks: 2, bugs: 1, modules: 2, comments: 2 })
    expect(res.body.mapping.priority).toEqual({ Major: 'P2', Critical: 'P1', Blocker: 'P0', Minor: 'P3' })
    const rows = await q(
      t,
      `select t.title, t.kind, t.status, r.title as requirement, i.name as sprint from tasks t
       left join requirements r on r.id = t.requirement_id left join iterations i on i.id = t.iteration_id order by t.id`,
    )
    expect(rows).toEqual([
      {
        title: 'Reason codes from PLC',
        kind: 'feature',
        status: 'done',
        requirement: 'Andon board shows line stops',
        sprint: 'Sprint 9',
      },
      {
        title: 'Line stop counter drifts',
        kind: 'bug',
        status: 'done',
        requirement: 'Plant floor dashboard',
        sprint: 'Sprint 9',
      },
      {
        title: 'Shift report export',
        kind: 'feature',
        status: 'todo',
        requirement: 'Plant floor dashboard',
        sprint: null,
      },
    ])
    const comment = await q(t, 'select author_name, body, created_at from comments order by id limit 1')
    expect(comment[0]).toEqual({
      author_name: 'wang.fang',
      body: '安灯屏需要显示停线原因',
      created_at: '2024-03-12T15:04:00.000Z',
    })
    const created = await q(t, "select created_at from tasks where title = 'Line stop counter drifts'")
    expect(created[0]!.created_at).toBe('2024-03-12T08:00:00.000Z')
  })

  test('zh-CN headers (关键字, 主题, 问题类型, 状态, 经办人) and Chinese dates', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-zh.csv'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.format).toBe('jira-csv')
    expect(res.body.mapping.type).toEqual({ 故事: 'requirement', 任务: 'task' })
    const rows = await q(t, 'select title, status, priority, estimate, created_at from requirements')
    expect(rows).toEqual([
      {
        title: '设备点检移动端',
        status: 'developing',
        priority: 'P1',
        estimate: 3,
        created_at: '2024-03-12T15:04:00.000Z',
      },
    ])
  })
})

describe('Jira REST JSON', () => {
  test('Apache: custom fields found through the names/schema sections, changelog kept as history', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-apache-search.json'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.counts).toMatchObject({
      requirements: 2,
      tasks: 1,
      bugs: 1,
      iterations: 1,
      releases: 1,
      history: 2,
      comments: 1,
    })
    const reader = await q(
      t,
      `select estimate, i.name as sprint, i.start_date, i.end_date, i.status as "sprintStatus" from requirements r join iterations i on i.id = r.iteration_id where r.title = 'Remote log reader'`,
    )
    expect(reader).toEqual([
      {
        estimate: 8,
        sprint: 'Kafka Sprint 42',
        start_date: '2024-01-22',
        end_date: '2024-02-05',
        sprintStatus: 'active',
      },
    ])
    const release = await q(t, 'select name, target_date, status from releases')
    expect(release).toEqual([{ name: '3.8.0', target_date: '2024-07-29', status: 'released' }])
    const bug = await q(
      t,
      "select r.title from tasks t join requirements r on r.id = t.requirement_id where t.kind = 'bug'",
    )
    expect(bug).toEqual([{ title: 'Tiered storage' }])
    const history = await q(
      t,
      "select action, actor_name, before, after, created_at from activity where entity_type = 'requirement' and action = 'transitioned' order by id",
    )
    expect(history).toEqual([
      {
        action: 'transitioned',
        actor_name: 'Satish Duggana',
        before: '{"status":"approved"}',
        after: '{"status":"developing"}',
        created_at: '2024-01-23T09:00:00.000Z',
      },
      {
        action: 'transitioned',
        actor_name: 'Satish Duggana',
        before: '{"status":"developing"}',
        after: '{"status":"developing"}',
        created_at: '2024-02-01T09:00:00.000Z',
      },
    ])
  })

  test('Hyperledger: other customfield ids, resolved with the shared field metadata; ADF descriptions; a member assignee', async () => {
    const t = makeApp()
    const { owner, ws, productId, userId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, withFieldMetadata('jira-hyperledger-search.json', 'Hyperledger'), {
      productId,
    })
    expect(res.status).toBe(200)
    expect(res.body.warnings).toEqual([])
    const story = await q(t, 'select title, estimate, description, status from requirements')
    expect(story).toEqual([
      {
        title: 'Private data collections',
        estimate: 13,
        description: 'Share data with a subset of orgs.\nKeep hashes on the ledger.',
        status: 'approved',
      },
    ])
    const task = await q(
      t,
      "select kind, estimate, assignee_id, case when requirement_id is not null then 1 else 0 end as linked from tasks where title = 'Collection config validation'",
    )
    expect(task).toEqual([{ kind: 'feature', estimate: 3, assignee_id: userId, linked: 1 }])
    expect(await q(t, 'select name, start_date, end_date, status from iterations')).toEqual([
      { name: 'Fabric Sprint 30', start_date: '2023-12-01', end_date: '2023-12-14', status: 'planned' },
    ])
  })

  test('the same file without field names still finds the sprint by its values, and says what it could not find', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('jira-hyperledger-search.json'), {
      productId,
      dryRun: true,
    })
    expect(res.status).toBe(200)
    expect(res.body.counts.iterations).toBe(1)
    expect(res.body.warnings[0].message).toMatch(/no field names/)
  })

  // Issue 14: a file with three open sprints made three active iterations with the same dates.
  test('three open sprints make one active iteration; the others are planned or closed, with a warning', async () => {
    const sprintField = 'customfield_10020'
    const sprint = (id: number, name: string, start: string, end: string) => ({
      id,
      name,
      state: 'active',
      startDate: `${start}T00:00:00Z`,
      endDate: `${end}T00:00:00Z`,
    })
    const today = new Date().toISOString().slice(0, 10)
    const issues = [
      sprint(1, 'Old sprint', '2020-01-06', '2020-01-17'),
      sprint(2, 'Current sprint', today, today),
      sprint(3, 'Next sprint', '2099-01-05', '2099-01-16'),
    ].map((s, i) => ({
      key: `X-${i + 1}`,
      fields: {
        summary: `Story ${i + 1}`,
        issuetype: { name: 'Story' },
        status: { name: 'To Do' },
        [sprintField]: [s],
      },
    }))
    const fields = [{ id: sprintField, name: 'Sprint' }]
    const t = makeApp({ start: `${today}T09:00:00.000Z` })
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(
      t,
      owner,
      ws,
      JSON.stringify({ issues, names: { [sprintField]: 'Sprint' }, fields }),
      {
        productId,
      },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await q(t, 'select name, status from iterations order by start_date')).toEqual([
      { name: 'Old sprint', status: 'closed' },
      { name: 'Current sprint', status: 'active' },
      { name: 'Next sprint', status: 'planned' },
    ])
    expect(res.body.warnings.filter((w: { code: string }) => w.code === 'iterationNotActive')).toHaveLength(2)
    // Imported again, nothing becomes a second active iteration.
    expect(
      (
        await upload(t, owner, ws, JSON.stringify({ issues, names: { [sprintField]: 'Sprint' }, fields }), {
          productId,
        })
      ).status,
    ).toBe(200)
    expect(await q(t, "select count(*) as n from iterations where status = 'active'")).toEqual([{ n: 1 }])
  })

  test("every shared server metadata resolves Sprint, Story Points and Epic Link to that server's own ids", async () => {
    const metadata = JSON.parse(
      readFileSync(`${SHARED_FIXTURES}/jira/rest-field-metadata.json`, 'utf8'),
    ) as Record<string, { id: string; name: string }[]>
    const map = JSON.parse(readFileSync(`${SHARED_FIXTURES}/jira/agile-field-map.json`, 'utf8'))
    for (const [instance, fields] of Object.entries(metadata)) {
      const sprint = map[instance].Sprint[0]?.id
      const points = map[instance]['Story Points'][0]?.id
      const epic = map[instance]['Epic Link'][0]?.id
      const issue = {
        key: 'X-1',
        fields: { summary: 'S', issuetype: { name: 'Story' }, status: { name: 'To Do' } } as Record<
          string,
          unknown
        >,
      }
      if (sprint)
        issue.fields[sprint] = [
          {
            id: 9,
            name: `${instance} sprint`,
            state: 'active',
            startDate: '2024-01-01T00:00:00Z',
            endDate: '2024-01-14T00:00:00Z',
          },
        ]
      if (points) issue.fields[points] = 5
      if (epic) issue.fields[epic] = 'X-0'
      const t = makeApp()
      const { owner, ws, productId } = await workspaceWithProduct(t)
      const res = await upload(t, owner, ws, JSON.stringify({ issues: [issue], fields }), {
        productId,
        dryRun: true,
      })
      expect(res.status, instance).toBe(200)
      expect(res.body.counts.iterations, instance).toBe(sprint ? 1 : 0)
      if (points) {
        await upload(t, owner, ws, JSON.stringify({ issues: [issue], fields }), { productId })
        expect((await q(t, 'select estimate from requirements'))[0]!.estimate, instance).toBe(5)
      }
    }
  })
})

describe('GitHub issues', () => {
  test('pull requests are skipped with a warning; labels give kind and priority; milestones become releases', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('github-issues.json'), { productId })
    expect(res.status).toBe(200)
    expect(res.body.format).toBe('github-json')
    expect(res.body.counts).toMatchObject({ requirements: 3, bugs: 1, releases: 2, skipped: 2 })
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({ row: 2, message: '#13 is a pull request: skipped' }),
    )
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({ row: 5, code: 'pullRequest', params: { number: 16 } }),
    )
    const rows = await q(
      t,
      'select r.title, r.status, r.priority, rel.name as release from requirements r left join releases rel on rel.id = r.release_id order by r.id',
    )
    expect(rows).toEqual([
      { title: 'Dark mode for the board', status: 'approved', priority: 'P1', release: 'v1.2' },
      { title: 'Support IE 11', status: 'rejected', priority: 'P2', release: null },
      { title: 'Keyboard shortcuts', status: 'developing', priority: 'P2', release: 'v1.3' },
    ])
    expect(await q(t, 'select kind, status from tasks')).toEqual([{ kind: 'bug', status: 'done' }])
    expect(await q(t, 'select name, target_date from releases order by id')).toEqual([
      { name: 'v1.2', target_date: '2024-05-01' },
      { name: 'v1.3', target_date: '2026-11-02' },
    ])
  })
})

describe('generic CSV and Excel', () => {
  test('a CSV with its own column names, module paths and parents', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const res = await upload(t, owner, ws, ownFixture('generic.csv'), { productId, format: 'csv' })
    expect(res.status).toBe(200)
    expect(res.body.mapping.columns).toMatchObject({
      key: 'ID',
      title: 'Title',
      estimate: 'Points',
      iteration: 'Sprint',
    })
    expect(res.body.counts).toMatchObject({
      requirements: 1,
      tasks: 2,
      bugs: 1,
      modules: 2,
      iterations: 1,
      releases: 1,
    })
    const modules = await q(
      t,
      'select m.name, p.name as parent from modules m left join modules p on p.id = m.parent_id order by m.id',
    )
    expect(modules).toEqual([
      { name: 'Onboarding', parent: null },
      { name: 'Registration', parent: 'Onboarding' },
    ])
    expect(
      (
        await q(t, "select count(*) as n from tasks where kind = 'feature' and requirement_id is not null")
      )[0]!.n,
    ).toBe(2)
  })

  test('an XLSX workbook with a column mapping chosen by the user', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Backlog')
    sheet.addRow(['Ref', '需求名称', 'Kind', '状态', 'Size', 'Due'])
    sheet.addRow(['A-1', '扫码报工', 'story', '进行中', 5, new Date('2024-06-30T00:00:00Z')])
    sheet.addRow(['A-2', { richText: [{ text: '设备' }, { text: '点检' }] }, 'bug', 'Done', 2, null])
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer())
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const mapping = { columns: { key: 'Ref', type: 'Kind', estimate: 'Size', dueDate: 'Due' } }
    const res = await upload(t, owner, ws, bytes, { productId, mapping, fileName: 'backlog.xlsx' })
    expect(res.status).toBe(200)
    expect(res.body.format).toBe('xlsx')
    expect(res.body.mapping.columns).toMatchObject({
      key: 'Ref',
      title: '需求名称',
      status: '状态',
      estimate: 'Size',
    })
    expect(await q(t, 'select title, status, estimate, target_date from requirements')).toEqual([
      { title: '扫码报工', status: 'developing', estimate: 5, target_date: '2024-06-30' },
    ])
    expect(await q(t, 'select title, kind, status from tasks')).toEqual([
      { title: '设备点检', kind: 'bug', status: 'done' },
    ])
  })
})

describe('mapping overrides', () => {
  test('a status and a priority mapped by the user win over the defaults, with no warning', async () => {
    const t = makeApp()
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const mapping = {
      taskStatus: { Triage: 'blocked' },
      priority: { Medium: 'P0' },
      type: { 'Third-party issue': 'skip' },
    }
    const res = await upload(t, owner, ws, ownFixture('jira-cloud.csv'), { productId, mapping })
    expect(res.status).toBe(200)
    expect(res.body.mapping.taskStatus.Triage).toBe('blocked')
    expect(
      res.body.warnings.filter((w: { column?: string }) => w.column === 'status' || w.column === 'type'),
    ).toEqual([])
    expect(
      await q(t, "select status, blocked_reason from tasks where title = 'Upgrade the payment SDK'"),
    ).toEqual([{ status: 'blocked', blocked_reason: 'Imported as "Triage"' }])
    expect(await q(t, "select priority from requirements where title = 'Pay with a saved card'")).toEqual([
      { priority: 'P0' },
    ])
    expect(res.body.counts.skipped).toBe(1)
    expect((await rowCounts(t)).tasks).toBe(3)
  })
})

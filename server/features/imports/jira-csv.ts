// Jira's "Export → CSV (all fields)" from Cloud and Server/Data Center, in English or Chinese.
// Fields that hold several values (Sprint, Labels, Component/s, Comment, Fix Version/s) repeat their
// column once per value; custom fields appear as "Custom field (Story Points)".
import { CsvTable, parseCsv } from './csv'
import { parseDate, parseDateTime } from './dates'
import { blankItem, emptyParsed, ImportFailure, numberOf, type ParsedFile } from './model'
import { pacer } from './pacer'

/** Each field's column labels: Cloud, Server and the zh-CN labels of Jira's Chinese language pack. */
const COL = {
  summary: ['Summary', '主题', '概要', '摘要'],
  key: ['Issue key', 'Key', '问题关键字', '关键字', '问题键', '键'],
  id: ['Issue id', 'Issue ID', '问题ID', '问题 ID', '问题编号'],
  type: ['Issue Type', 'Work type', 'Issue type', '问题类型', '工作类型'],
  status: ['Status', '状态'],
  statusCategory: ['Status Category', '状态类别'],
  priority: ['Priority', '优先级'],
  resolution: ['Resolution', '解决结果', '解决方案'],
  assignee: ['Assignee', '经办人'],
  reporter: ['Reporter', '报告人'],
  created: ['Created', '创建日期', '已创建', '创建'],
  updated: ['Updated', '已更新', '更新日期'],
  resolved: ['Resolved', '已解决', '解决日期'],
  due: ['Due Date', 'Due date', '到期日', '到期日期'],
  description: ['Description', '描述'],
  fixVersion: ['Fix Version/s', 'Fix versions', 'Fix Versions', '修复的版本', '修复版本'],
  component: ['Component/s', 'Components', '模块', '组件'],
  labels: ['Labels', '标签'],
  sprint: ['Sprint', 'Custom field (Sprint)', '冲刺', 'Custom field (冲刺)'],
  comment: ['Comment', 'Comments', '注释', '评论', '备注'],
  parentId: ['Parent id', 'Parent ID', 'Parent', '父级', '父级ID', '父级 ID', '父项', '父问题'],
  parentKey: ['Parent key', '父级关键字'],
  epicLink: ['Custom field (Epic Link)', 'Epic Link', 'Custom field (史诗链接)', '史诗链接'],
  storyPoints: [
    'Custom field (Story Points)',
    'Custom field (Story point estimate)',
    'Story Points',
    'Story point estimate',
    'Custom field (故事点)',
    'Custom field (故事点估算)',
    '故事点',
    '故事点估算',
  ],
} as const

/** Fields with one value per issue: a repeated column there is a broken file. */
const SINGLE = [
  'summary',
  'key',
  'id',
  'type',
  'status',
  'priority',
  'assignee',
  'reporter',
  'created',
  'description',
] as const

/** Jira's comment cell: "12/Mar/24 3:04 PM;557058:abc-123;The text" (date; author id or name; body). */
function comment(cell: string) {
  const m = cell.match(/^([^;]{6,40});([^;]*);([\s\S]*)$/)
  const when = m ? parseDateTime(m[1]) : null
  if (m && when) return { createdAt: when, author: m[2]!.trim(), body: m[3]!.trim() }
  return { createdAt: null, author: '', body: cell.trim() }
}

export async function parseJiraCsv(text: string): Promise<ParsedFile> {
  const table = new CsvTable(await parseCsv(text))
  const missing = (['summary', 'key', 'type'] as const).filter((f) => !table.indexes(COL[f]).length)
  if (missing.length) {
    throw new ImportFailure(
      `Row 1: not a Jira CSV export: the required column${missing.length > 1 ? 's' : ''} ${missing.map((f) => `"${COL[f][0]}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
      { row: 1, column: COL[missing[0]!][0], missing: missing.map((f) => COL[f][0]) },
    )
  }
  for (const field of SINGLE) table.assertSingle(COL[field])
  const parsed = emptyParsed('jira', 'jira-csv')
  const sprints = new Map<string, ParsedFile['sprints'][number]>()
  const releases = new Map<string, ParsedFile['releases'][number]>()
  const modules = new Map<string, ParsedFile['modules'][number]>()
  const dateColumns = [COL.created, COL.updated, COL.resolved, COL.due]
  const keys = new Set<string>()
  const pace = pacer()

  for (const record of table.records) {
    await pace()
    const key = table.value(record, COL.key)
    const summary = table.value(record, COL.summary)
    if (!key && !summary && record.cells.every((c) => !c.trim())) continue
    if (!key) {
      throw new ImportFailure(`Row ${record.row}, column "${table.label(COL.key)}": the issue key is empty`, {
        row: record.row,
        column: table.label(COL.key),
      })
    }
    if (keys.has(key)) {
      parsed.warnings.push({
        row: record.row,
        column: table.label(COL.key),
        message: `${key} appears again: this row was skipped`,
      })
      parsed.skipped++
      continue
    }
    keys.add(key)
    for (const aliases of dateColumns) {
      const raw = table.value(record, aliases)
      if (raw && !parseDateTime(raw))
        parsed.warnings.push({
          row: record.row,
          column: table.label(aliases),
          message: `Unreadable date "${raw}": left empty`,
        })
    }
    const item = blankItem(record.row, key)
    const id = table.value(record, COL.id)
    if (id) item.altKey = id
    item.title = summary
    item.type = table.value(record, COL.type)
    item.status = table.value(record, COL.status)
    const category = table.value(record, COL.statusCategory).toLowerCase()
    if (category === 'to do' || category === 'new') item.statusCategory = 'new'
    else if (category === 'in progress' || category === 'indeterminate') item.statusCategory = 'indeterminate'
    else if (category === 'done' || category === 'complete') item.statusCategory = 'done'
    item.priority = table.value(record, COL.priority)
    item.description = table.value(record, COL.description)
    item.assignee = table.value(record, COL.assignee) || null
    item.reporter = table.value(record, COL.reporter) || null
    item.createdAt = parseDateTime(table.value(record, COL.created))
    item.updatedAt = parseDateTime(table.value(record, COL.updated))
    item.resolvedAt = parseDateTime(table.value(record, COL.resolved))
    item.dueDate = parseDate(table.value(record, COL.due))
    item.labels = table.values(record, COL.labels)
    const points = table.value(record, COL.storyPoints)
    item.estimate = numberOf(points)
    if (points && item.estimate === null)
      parsed.warnings.push({
        row: record.row,
        column: table.label(COL.storyPoints),
        message: `Story points "${points}" is not a number`,
      })
    item.parentKey = table.value(record, COL.parentKey) || table.value(record, COL.parentId) || null
    item.epicKey = table.value(record, COL.epicLink) || null
    const sprintNames = table.values(record, COL.sprint)
    const sprint = sprintNames.at(-1)
    if (sprint) {
      const key = `sprint:${sprint}`
      if (!sprints.has(key))
        sprints.set(key, { key, name: sprint, row: record.row, startDate: null, endDate: null, state: null })
      item.sprintKey = key
    }
    const version = table.values(record, COL.fixVersion)[0]
    if (version) {
      const key = `version:${version}`
      if (!releases.has(key)) releases.set(key, { key, name: version, row: record.row, date: null })
      item.releaseKey = key
    }
    const component = table.values(record, COL.component)[0]
    if (component) {
      const key = `component:${component}`
      if (!modules.has(key)) modules.set(key, { key, name: component, parentKey: null })
      item.moduleKey = key
    }
    item.comments = table
      .values(record, COL.comment)
      .map((cell, i) => ({ key: `${key}#${i + 1}`, ...comment(cell) }))
    parsed.items.push(item)
  }
  parsed.sprints = [...sprints.values()]
  parsed.releases = [...releases.values()]
  parsed.modules = [...modules.values()]
  return parsed
}

// ZenTao (禅道) story and task exports. Columns are matched by their zh-CN (or English) label,
// including the variants the instance's terminology settings produce (研发需求/软件需求/故事, 工时/故事点).
// References are written `name(#id)`; every data row carries one empty cell more than the header,
// and the task export ends with a hint line that is not a record.
import { CsvTable, parseCsv } from './csv'
import { parseDate, parseDateTime } from './dates'
import { blankItem, emptyParsed, ImportFailure, numberOf, type ParsedFile } from './model'
import { pacer } from './pacer'

const COL = {
  id: ['编号', 'ID'],
  storyTitle: ['研发需求名称', '软件需求名称', '故事名称', '需求名称', '用户需求名称', 'Story Name', 'Title'],
  taskTitle: ['任务名称', 'Task Name', 'Name'],
  module: ['所属模块', 'Module'],
  plan: ['所属计划', 'Plan'],
  execution: ['所属执行', '所属迭代', '所属冲刺', '所属阶段', 'Execution', 'Iteration', 'Sprint'],
  story: ['相关研发需求', '相关软件需求', '相关需求', '相关故事', 'Linked Story', 'Story'],
  description: ['描述', '任务描述', '需求描述', 'Description'],
  verify: ['验收标准', 'Acceptance'],
  source: ['来源', 'Source'],
  priority: ['优先级', 'Priority', 'Pri'],
  estimate: ['预计工时', '预计故事点', '预计规模', '最初预计', '预计', 'Estimate'],
  remaining: ['预计剩余', 'Left'],
  status: ['当前状态', '任务状态', '状态', 'Status'],
  stage: ['所处阶段', '阶段', 'Stage'],
  type: ['任务类型', '类别', 'Type', 'Category'],
  openedBy: ['由谁创建', 'Created By', 'Opened By'],
  openedDate: ['创建日期', 'Created Date', 'Opened Date'],
  assignedTo: ['指派给', 'Assigned To'],
  lastEditedDate: ['最后修改日期', 'Last Edited Date'],
  closedDate: ['关闭日期', '关闭时间', 'Closed Date'],
  finishedDate: ['实际完成', 'Finished Date'],
  realStarted: ['实际开始', 'Real Started'],
  deadline: ['截止日期', 'Deadline'],
} as const

/** `name(#id)` → { name, id }; the id is taken from the last `(#…)`. */
export function ref(value: string): { name: string; id: string | null } {
  const m = value.match(/^(.*)\(#(\d+)\)\s*$/s)
  return m ? { name: m[1]!.trim(), id: m[2]! } : { name: value.trim(), id: null }
}

const SOURCES: Record<string, 'customer' | 'market' | 'internal'> = {
  客户: 'customer',
  customer: 'customer',
  市场: 'market',
  market: 'market',
}

export async function parseZentaoCsv(text: string): Promise<ParsedFile> {
  const table = new CsvTable(await parseCsv(text))
  const isStory = table.indexes(COL.storyTitle).length > 0 && table.indexes(COL.taskTitle).length === 0
  const isTask = table.indexes(COL.taskTitle).length > 0
  if (!table.indexes(COL.id).length || (!isStory && !isTask)) {
    throw new ImportFailure(
      `Row 1: this is not a ZenTao story or task export: the columns "编号" and "研发需求名称" (stories) or "任务名称" (tasks) are missing`,
      { row: 1, column: table.indexes(COL.id).length ? '研发需求名称' : '编号', header: table.header },
    )
  }
  for (const field of Object.values(COL)) table.assertSingle(field)
  const parsed = emptyParsed('zentao', 'zentao-csv')
  const modules = new Map<string, { key: string; name: string; parentKey: string | null }>()
  const sprints = new Map<string, ParsedFile['sprints'][number]>()
  const releases = new Map<string, ParsedFile['releases'][number]>()
  const columnCount = table.header.length
  const pace = pacer()

  for (const record of table.records) {
    await pace()
    const rawId = table.value(record, COL.id)
    if (!/^\d+$/.test(rawId)) {
      // The hint line (任务名称前有'>'标记的为子任务) and other notes are not records.
      parsed.skipped++
      if (record.cells.filter((c) => c.trim()).length > 1 || !/子任务|标记|note/i.test(record.cells.join('')))
        parsed.warnings.push({
          row: record.row,
          column: '编号',
          message: 'Not a record (no numeric 编号): skipped',
        })
      continue
    }
    const extra = record.cells.slice(columnCount).filter((c) => c.trim())
    if (extra.length)
      parsed.warnings.push({
        row: record.row,
        message: `${extra.length} cell(s) beyond the last column were ignored`,
      })
    const item = blankItem(record.row, `${isStory ? 'story' : 'task'}-${rawId}`)
    let title = table.value(record, isStory ? COL.storyTitle : COL.taskTitle)
    if (isTask && title.startsWith('>')) title = title.replace(/^>+\s*/, '')
    item.title = title
    item.description = table.value(record, COL.description)
    item.priority = table.value(record, COL.priority)
    item.estimate = numberOf(table.value(record, COL.estimate))
    item.assignee = table.value(record, COL.assignedTo) || null
    item.reporter = table.value(record, COL.openedBy) || null
    item.createdAt = parseDateTime(table.value(record, COL.openedDate))
    item.updatedAt = parseDateTime(table.value(record, COL.lastEditedDate))
    item.resolvedAt =
      parseDateTime(table.value(record, COL.finishedDate)) ??
      parseDateTime(table.value(record, COL.closedDate))
    const moduleRef = table.value(record, COL.module)
    if (moduleRef && moduleRef !== '/') {
      const { name, id } = ref(moduleRef)
      const path = name.split('/').filter(Boolean)
      let parentKey: string | null = null
      path.forEach((segment, i) => {
        const last = i === path.length - 1
        const key = last && id ? `module-${id}` : `path:/${path.slice(0, i + 1).join('/')}`
        if (!modules.has(key)) modules.set(key, { key, name: segment, parentKey })
        parentKey = key
      })
      item.moduleKey = parentKey
    }
    if (isStory) {
      item.type = '研发需求'
      const status = table.value(record, COL.status)
      const stage = table.value(record, COL.stage)
      // An active story's progress is its stage; otherwise its status says it (draft, reviewing, closed).
      item.status = (status === '激活' || status === 'active') && stage ? stage : status
      const verify = table.value(record, COL.verify)
      item.acceptanceCriteria = verify
        ? verify
            .split(/\n+/)
            .map((s) => s.trim())
            .filter(Boolean)
        : []
      item.source = SOURCES[table.value(record, COL.source).toLowerCase()] ?? 'internal'
      const plan = table.value(record, COL.plan)
      if (plan) {
        const { name, id } = ref(plan.split(',')[0]!)
        const key = id ? `plan-${id}` : `plan:${name}`
        if (!releases.has(key))
          releases.set(key, { key, name: name.replace(/\s*\[.*\]$/, ''), row: record.row, date: null })
        item.releaseKey = key
      }
    } else {
      item.type = table.value(record, COL.type) || '开发'
      item.status = table.value(record, COL.status)
      item.remaining = numberOf(table.value(record, COL.remaining))
      item.startedAt = parseDateTime(table.value(record, COL.realStarted))
      item.dueDate = parseDate(table.value(record, COL.deadline))
      const story = table.value(record, COL.story)
      if (story) {
        const { id } = ref(story)
        if (id) item.parentKey = `story-${id}`
      }
      const execution = table.value(record, COL.execution)
      if (execution) {
        const { name, id } = ref(execution)
        const key = id ? `execution-${id}` : `execution:${name}`
        if (!sprints.has(key))
          sprints.set(key, { key, name, row: record.row, startDate: null, endDate: null, state: null })
        item.sprintKey = key
      }
    }
    parsed.items.push(item)
  }
  parsed.modules = [...modules.values()]
  parsed.sprints = [...sprints.values()]
  parsed.releases = [...releases.values()]
  return parsed
}

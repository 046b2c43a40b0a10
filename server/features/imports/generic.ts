// Any CSV or Excel sheet with a header row: each Keel field is read from the column the mapping names,
// or from a column whose label matches the field's usual names (English or Chinese).
import type ExcelJS from 'exceljs'
import { type CsvRecord, CsvTable, MAX_CELL_CHARS, normalizeLabel, parseCsv } from './csv'
import { parseDate, parseDateTime } from './dates'
import { blankItem, emptyParsed, ImportFailure, numberOf, type ParsedFile } from './model'
import { pacer } from './pacer'
import { checkWorkbookZip } from './zip-check'

export const GENERIC_FIELDS = {
  key: ['key', 'id', 'external id', 'issue key', 'number', '编号', '关键字', 'ID'],
  title: ['title', 'summary', 'name', 'subject', '标题', '名称', '主题', '需求名称', '任务名称'],
  type: ['type', 'kind', 'issue type', 'category', '类型', '问题类型'],
  status: ['status', 'state', '状态'],
  priority: ['priority', '优先级'],
  estimate: ['estimate', 'story points', 'points', 'size', '估算', '故事点', '预计工时'],
  description: ['description', 'details', 'body', '描述', '详情'],
  parent: ['parent', 'parent key', 'requirement', 'epic', '父级', '所属需求'],
  module: ['module', 'component', 'area', '模块'],
  iteration: ['iteration', 'sprint', '迭代', '冲刺'],
  release: ['release', 'milestone', 'version', 'fix version', '发布', '版本', '里程碑'],
  assignee: ['assignee', 'owner', 'assigned to', '负责人', '经办人', '指派给'],
  labels: ['labels', 'tags', '标签'],
  dueDate: ['due date', 'due', 'target date', '截止日期', '到期日'],
  createdAt: ['created', 'created at', '创建日期', '创建时间'],
} as const
export type GenericField = keyof typeof GENERIC_FIELDS

export async function parseGenericCsv(
  text: string,
  columns: Record<string, string> | undefined,
): Promise<ParsedFile> {
  return generic(new CsvTable(await parseCsv(text)), columns, 'csv')
}

export async function parseXlsx(
  bytes: Uint8Array,
  columns: Record<string, string> | undefined,
): Promise<ParsedFile> {
  await checkWorkbookZip(bytes)
  // Loaded on first use: exceljs takes ~300 ms to load, which start-up should not pay.
  const { default: Excel } = await import('exceljs')
  const workbook = new Excel.Workbook()
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch (err) {
    throw new ImportFailure(
      `Not a readable Excel (.xlsx) file: ${err instanceof Error ? err.message : String(err)}`,
      {},
    )
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new ImportFailure('The workbook has no worksheet', {})
  const records: CsvRecord[] = []
  const pace = pacer()
  for (let rowNumber = 1, last = sheet.rowCount; rowNumber <= last; rowNumber++) {
    const row = sheet.findRow(rowNumber)
    if (!row?.hasValues) continue
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const text = cellText(cell.value)
      if (text.length > MAX_CELL_CHARS)
        throw new ImportFailure(
          `Row ${rowNumber}, column ${col}: a cell of ${text.length} characters is over the limit of ${MAX_CELL_CHARS}`,
          { row: rowNumber, column: col },
        )
      cells[col - 1] = text
    })
    records.push({ row: rowNumber, line: rowNumber, cells: Array.from(cells, (c) => c ?? '') })
    await pace()
  }
  return generic(new CsvTable(records), columns, 'xlsx')
}

function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('error' in value) return ''
  }
  return String(value)
}

async function generic(
  table: CsvTable,
  columns: Record<string, string> | undefined,
  format: 'csv' | 'xlsx',
): Promise<ParsedFile> {
  const mapped: Record<string, string> = {}
  const index: Partial<Record<GenericField, number>> = {}
  for (const field of Object.keys(GENERIC_FIELDS) as GenericField[]) {
    const chosen = columns?.[field]
    if (chosen === '') continue
    const aliases = chosen ? [chosen] : GENERIC_FIELDS[field]
    const found = table.indexes(aliases)
    if (chosen && !found.length) {
      throw new ImportFailure(`Row 1: the column "${chosen}" chosen for ${field} is not in the file`, {
        row: 1,
        column: chosen,
        header: table.header,
      })
    }
    if (found.length > 1) {
      throw new ImportFailure(
        `Row 1: the column "${table.header[found[0]!]}" appears ${found.length} times; name each column once`,
        {
          row: 1,
          column: table.header[found[0]!],
        },
      )
    }
    if (found[0] !== undefined) {
      index[field] = found[0]
      mapped[field] = table.header[found[0]]!
    }
  }
  if (index.title === undefined) {
    throw new ImportFailure(
      `Row 1: no title column (name one in the column mapping; the file has: ${table.header.join(', ')})`,
      {
        row: 1,
        column: 'title',
        header: table.header,
      },
    )
  }
  const parsed = emptyParsed('csv', format)
  parsed.columns = { header: table.header, mapped }
  if (index.key === undefined)
    parsed.warnings.push({
      row: 1,
      column: 'key',
      message: 'No key column: rows are matched by title when the file is imported again',
    })
  const cell = (r: CsvRecord, field: GenericField) => {
    const i = index[field]
    return i === undefined ? '' : (r.cells[i] ?? '').trim()
  }
  const modules = new Map<string, ParsedFile['modules'][number]>()
  const sprints = new Map<string, ParsedFile['sprints'][number]>()
  const releases = new Map<string, ParsedFile['releases'][number]>()
  const keys = new Set<string>()
  const pace = pacer()
  for (const r of table.records) {
    await pace()
    if (r.cells.every((c) => !c.trim())) continue
    const title = cell(r, 'title')
    if (!title) {
      parsed.skipped++
      parsed.warnings.push({ row: r.row, column: mapped.title, message: 'No title: skipped' })
      continue
    }
    const key = cell(r, 'key') || `title:${normalizeLabel(title)}`
    if (keys.has(key)) {
      parsed.skipped++
      parsed.warnings.push({
        row: r.row,
        column: mapped.key ?? mapped.title,
        message: `"${key}" appears again: skipped`,
      })
      continue
    }
    keys.add(key)
    const item = blankItem(r.row, key)
    item.title = title
    item.type = cell(r, 'type')
    item.status = cell(r, 'status')
    item.priority = cell(r, 'priority')
    item.description = cell(r, 'description')
    item.estimate = numberOf(cell(r, 'estimate'))
    item.parentKey = cell(r, 'parent') || null
    item.assignee = cell(r, 'assignee') || null
    item.labels = cell(r, 'labels')
      .split(/[,;，]/)
      .map((s) => s.trim())
      .filter(Boolean)
    item.dueDate = parseDate(cell(r, 'dueDate'))
    item.createdAt = parseDateTime(cell(r, 'createdAt'))
    const moduleName = cell(r, 'module')
    if (moduleName) {
      // "Parent / Child" paths make a module tree.
      let parentKey: string | null = null
      const path = moduleName
        .split('/')
        .map((s) => s.trim())
        .filter(Boolean)
      path.forEach((segment, i) => {
        const k = `module:${path.slice(0, i + 1).join('/')}`
        if (!modules.has(k)) modules.set(k, { key: k, name: segment, parentKey })
        parentKey = k
      })
      item.moduleKey = parentKey
    }
    const sprint = cell(r, 'iteration')
    if (sprint) {
      const k = `iteration:${sprint}`
      if (!sprints.has(k))
        sprints.set(k, { key: k, name: sprint, row: r.row, startDate: null, endDate: null, state: null })
      item.sprintKey = k
    }
    const release = cell(r, 'release')
    if (release) {
      const k = `release:${release}`
      if (!releases.has(k)) releases.set(k, { key: k, name: release, row: r.row, date: null })
      item.releaseKey = k
    }
    parsed.items.push(item)
  }
  parsed.modules = [...modules.values()]
  parsed.sprints = [...sprints.values()]
  parsed.releases = [...releases.values()]
  return parsed
}

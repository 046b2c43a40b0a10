// A product's requirements and tasks as spreadsheets people open in Excel or WPS: CSV (UTF-8 with a BOM,
// RFC 4180 quoting) or XLSX (exceljs), headers and status words in the reader's language, and every text
// cell that a spreadsheet would run as a formula (= + - @, tab, CR) prefixed with ' (OWASP CSV injection).
import {
  type Language,
  REQUIREMENT_STATUS_WORDS,
  TASK_KIND_WORDS,
  TASK_STATUS_WORDS,
  word,
} from '../../lib/words'
import type { ProductSheets } from './service'

type Cell = string | number | null

interface Sheet {
  name: string
  header: string[]
  rows: Cell[][]
}

const HEADERS: Record<Language, { requirements: string[]; tasks: string[]; sheets: [string, string] }> = {
  'zh-CN': {
    sheets: ['需求', '任务'],
    requirements: [
      '编号',
      '标题',
      '状态',
      '优先级',
      '模块',
      '迭代',
      '发布',
      '估算',
      '评分',
      '诉求数',
      '客户',
    ],
    tasks: ['编号', '标题', '类型', '状态', '负责人', '估算', '迭代', '所属需求'],
  },
  en: {
    sheets: ['Requirements', 'Tasks'],
    requirements: [
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
    ],
    tasks: ['Key', 'Title', 'Kind', 'Status', 'Assignee', 'Estimate', 'Iteration', 'Requirement'],
  },
}

export function sheetsOf(data: ProductSheets, lang: Language): [Sheet, Sheet] {
  const h = HEADERS[lang]
  return [
    {
      name: h.sheets[0],
      header: h.requirements,
      rows: data.requirements.map((r) => [
        r.key,
        r.title,
        word(REQUIREMENT_STATUS_WORDS, r.status, lang),
        r.priority,
        r.module,
        r.iteration,
        r.release,
        r.estimate,
        r.score,
        r.askCount,
        r.customers,
      ]),
    },
    {
      name: h.sheets[1],
      header: h.tasks,
      rows: data.tasks.map((t) => [
        t.key,
        t.title,
        word(TASK_KIND_WORDS, t.kind, lang),
        word(TASK_STATUS_WORDS, t.status, lang),
        t.assignee,
        t.estimate,
        t.iteration,
        t.requirement,
      ]),
    },
  ]
}

/** A text that a spreadsheet would evaluate, made inert with a leading apostrophe. */
export const neutralize = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling inner quotes. */
function csvField(cell: Cell): string {
  if (cell === null) return ''
  const text = typeof cell === 'number' ? String(cell) : neutralize(cell)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

const csvLine = (cells: Cell[]) => cells.map(csvField).join(',')

/**
 * CSV with a UTF-8 BOM (Excel reads BOM-less CSV in the local code page and garbles Chinese) and CRLF
 * line ends. `sheet` picks one table; without it both come, each under a title line, a blank line apart.
 */
export function toCsv(sheets: Sheet[], only?: 0 | 1): string {
  const parts =
    only === undefined
      ? sheets.map((s) => [csvLine([s.name]), csvLine(s.header), ...s.rows.map(csvLine)].join('\r\n'))
      : [[csvLine(sheets[only]!.header), ...sheets[only]!.rows.map(csvLine)].join('\r\n')]
  return `\uFEFF${parts.join('\r\n\r\n')}\r\n`
}

export async function toXlsx(sheets: Sheet[], title: string): Promise<Buffer> {
  // Loaded on first use: exceljs takes ~300 ms to load, which start-up should not pay.
  const { default: ExcelJS } = await import('exceljs')
  const book = new ExcelJS.Workbook()
  book.creator = 'Keel'
  book.title = title
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] })
    ws.addRow(sheet.header).font = { bold: true }
    for (const row of sheet.rows) {
      ws.addRow(row.map((cell) => (typeof cell === 'string' ? neutralize(cell) : cell)))
    }
    ws.columns.forEach((column, i) => {
      const widest = Math.max(
        sheet.header[i]!.length,
        ...sheet.rows.slice(0, 500).map((r) => String(r[i] ?? '').length),
      )
      column.width = Math.min(60, Math.max(8, widest + 2))
    })
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.header.length } }
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Content-Disposition with an ASCII fallback and the real name in RFC 5987 form (filename*). */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

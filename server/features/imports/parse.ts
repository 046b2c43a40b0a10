// From uploaded bytes to parsed records: decode the text, recognise the format (unless the user chose
// it), and hand the file to its parser. Everything wrong with the file becomes one ImportFailure. Parsers
// hand the event loop back as they go (see pacer.ts); a JSON file is parsed once, the one stretch that
// cannot be cut.
import { CsvTable, parseCsv } from './csv'
import { decodeText, type Encoding } from './encoding'
import { parseGenericCsv, parseXlsx } from './generic'
import { parseGithubJson } from './github-json'
import { parseJiraCsv } from './jira-csv'
import { parseJiraJson } from './jira-json'
import { parseKeelJson } from './keel-json'
import { ImportFailure, type ImportFormat, type ParsedFile } from './model'
import { parseZentaoCsv } from './zentao-csv'

export interface ParseOptions {
  format?: ImportFormat | 'auto'
  encoding?: Encoding
  columns?: Record<string, string>
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

export async function parseFile(
  bytes: Uint8Array,
  options: ParseOptions = {},
): Promise<ParsedFile & { encoding: string }> {
  if (!bytes.length) throw new ImportFailure('The file is empty', { row: 1 })
  const wanted = options.format && options.format !== 'auto' ? options.format : undefined
  if (isZip(bytes) || wanted === 'xlsx') {
    if (wanted && wanted !== 'xlsx')
      throw new ImportFailure(`This is an Excel/zip file, not ${wanted}: choose the format "xlsx"`, {
        format: wanted,
      })
    if (!isZip(bytes)) throw new ImportFailure('This is not an Excel (.xlsx) file', { format: 'xlsx' })
    return { ...(await parseXlsx(bytes, options.columns)), encoding: 'binary' }
  }
  const { text, encoding } = decodeText(bytes, options.encoding)
  const trimmed = text.trimStart()
  const looksJson = trimmed.startsWith('{') || trimmed.startsWith('[')
  let root: unknown
  const json = () => (root ??= parseJson(text))
  const format = wanted ?? (looksJson ? detectJson(json()) : await detectCsv(text))
  const jsonFormats: ImportFormat[] = ['keel-json', 'jira-json', 'github-json']
  if (jsonFormats.includes(format) !== looksJson) {
    throw new ImportFailure(
      looksJson
        ? `This is a JSON file, not ${format}: choose a JSON format`
        : `This is not JSON, so it cannot be ${format}`,
      { format },
    )
  }
  const parsed = await (() => {
    switch (format) {
      case 'jira-csv':
        return parseJiraCsv(text)
      case 'zentao-csv':
        return parseZentaoCsv(text)
      case 'csv':
        return parseGenericCsv(text, options.columns)
      case 'jira-json':
        return parseJiraJson(json())
      case 'github-json':
        return parseGithubJson(json())
      case 'keel-json':
        return parseKeelJson(json())
      default:
        throw new ImportFailure(`Unknown format ${format}`, { format })
    }
  })()
  return { ...parsed, encoding }
}

/** JSON.parse with the line where a broken (often cut short) file stops. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    const position = Number(message.match(/position (\d+)/)?.[1])
    const line = Number.isFinite(position) ? text.slice(0, position).split('\n').length : undefined
    throw new ImportFailure(
      `The JSON is broken${line ? ` at line ${line}` : ''} (is the file cut short?): ${message}`,
      { line },
    )
  }
}

function detectJson(root: unknown): ImportFormat {
  if (Array.isArray(root)) {
    const first = root.find((x) => typeof x === 'object' && x !== null) as Record<string, unknown> | undefined
    if (
      !first ||
      ('number' in first && ('html_url' in first || 'repository_url' in first || 'title' in first))
    )
      return 'github-json'
  } else if (typeof root === 'object' && root !== null) {
    const r = root as Record<string, unknown>
    if (typeof r.format === 'string' && r.format.startsWith('keel')) return 'keel-json'
    if (Array.isArray(r.issues)) return 'jira-json'
    if (Array.isArray(r.items)) return 'github-json'
  }
  throw new ImportFailure(
    'The JSON is not a Keel export, a Jira search response or a GitHub issues list: choose the format',
    {},
  )
}

async function detectCsv(text: string): Promise<ImportFormat> {
  const end = text.search(/\r?\n/)
  const headerText = end < 0 ? text : text.slice(0, end)
  let header: string[]
  try {
    header = new CsvTable(await parseCsv(headerText)).header
  } catch {
    return 'csv'
  }
  const has = (label: string) => header.some((h) => h.trim().toLowerCase() === label.toLowerCase())
  if (has('编号') && ['研发需求名称', '软件需求名称', '故事名称', '需求名称', '任务名称'].some(has))
    return 'zentao-csv'
  if (
    (has('Issue key') || has('问题关键字') || has('关键字')) &&
    (has('Summary') || has('主题') || has('概要'))
  )
    return 'jira-csv'
  if (has('Issue Type') && has('Summary')) return 'jira-csv'
  return 'csv'
}

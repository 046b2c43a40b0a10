// RFC 4180 CSV reading for every importer: quoted multi-line cells, ragged rows, repeated column
// names, a byte-order mark. Hand-written (not csv-parse) because the importers need, for each record,
// the row a spreadsheet shows and, for broken quoting, the row where the open quote started; and
// ZenTao's exports (never-doubled quotes, a trailing empty cell, a hint line) need lenient rules.
import { ImportFailure } from './model'
import { CHARS_PER_TURN, nextTurn } from './pacer'

/** One record: its cells and the spreadsheet row it starts on (the header is row 1). */
export interface CsvRecord {
  row: number
  /** The file line the record starts on (differs from `row` after multi-line cells). */
  line: number
  cells: string[]
}

/** The longest cell accepted (the same limit as any long text in Keel). */
export const MAX_CELL_CHARS = 100_000

/** Reads the whole text, handing the event loop back every CHARS_PER_TURN characters (see pacer.ts). */
export async function parseCsv(text: string, delimiter = detectDelimiter(text)): Promise<CsvRecord[]> {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let inQuotes = false
  let line = 1
  let recordLine = 1
  let quoteLine = 1
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const n = text.length
  let pausedAt = i
  const endCell = () => {
    if (cell.length > MAX_CELL_CHARS) {
      throw new ImportFailure(
        `Row ${records.length + 1}, column ${columnName(records, cells.length)}: a cell of ${cell.length.toLocaleString('en')} characters is over the limit of ${MAX_CELL_CHARS.toLocaleString('en')}`,
        { row: records.length + 1, column: cells.length + 1 },
      )
    }
    cells.push(cell)
    cell = ''
    quoted = false
  }
  const endRecord = () => {
    endCell()
    // A blank line is no record.
    if (!(cells.length === 1 && cells[0] === ''))
      records.push({ row: records.length + 1, line: recordLine, cells })
    cells = []
  }
  while (i < n) {
    if (i - pausedAt >= CHARS_PER_TURN) {
      pausedAt = i
      await nextTurn()
    }
    const ch = text[i]!
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i += 2
          continue
        }
        inQuotes = false
        i++
        continue
      }
      // Scan to the next quote in one slice: long cells must not be built one character at a time.
      const next = text.indexOf('"', i)
      const end = next < 0 ? n : next
      const chunk = text.slice(i, end)
      for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) line++
      cell += chunk
      i = end
      if (cell.length > MAX_CELL_CHARS) endCell()
      continue
    }
    if (ch === delimiter) {
      endCell()
      i++
    } else if (ch === '\n' || ch === '\r') {
      endRecord()
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1
      line++
      recordLine = line
    } else if (ch === '"' && cell === '' && !quoted) {
      inQuotes = true
      quoted = true
      quoteLine = line
      i++
    } else {
      // Unquoted text (or text after a closing quote, which lenient readers keep).
      let end = i
      while (end < n) {
        const c = text[end]
        if (c === delimiter || c === '\n' || c === '\r') break
        end++
      }
      cell += text.slice(i, end)
      i = end
    }
  }
  if (inQuotes) {
    throw new ImportFailure(
      `Row ${records.length + 1}, column ${columnName(records, cells.length)}: a quoted cell opened on line ${quoteLine} is never closed (is the file cut short, or is a quote not doubled?)`,
      { row: records.length + 1, column: cells.length + 1, line: quoteLine },
    )
  }
  if (cell !== '' || cells.length > 0 || quoted) endRecord()
  return records
}

/** "5 (Description)": the column's position and, once the header is read, its label. */
function columnName(records: CsvRecord[], index: number): string {
  const label = records[0]?.cells[index]?.trim()
  return records.length > 0 && label ? `${index + 1} ("${label}")` : String(index + 1)
}

/** Comma unless the header line clearly uses semicolons or tabs (Excel in some locales). */
function detectDelimiter(text: string): string {
  const end = text.indexOf('\n')
  const first = end < 0 ? text : text.slice(0, end)
  const count = (ch: string) => first.split(ch).length - 1
  const commas = count(',')
  if (count('\t') > commas && count('\t') > 0) return '\t'
  if (count(';') > commas && count(';') > 0) return ';'
  return ','
}

/**
 * A CSV table with named columns. Columns are matched by label (any of several aliases, compared
 * without case, spaces or punctuation); a label may repeat (Jira writes one `Sprint` column per sprint).
 */
export class CsvTable {
  readonly header: string[]
  readonly records: CsvRecord[]
  private readonly byLabel = new Map<string, number[]>()

  constructor(records: CsvRecord[]) {
    const [header, ...rest] = records
    if (!header) throw new ImportFailure('The file is empty', { row: 1 })
    this.header = header.cells.map((h) => h.trim())
    this.records = rest
    this.header.forEach((label, index) => {
      const key = normalizeLabel(label)
      if (!key) return
      const list = this.byLabel.get(key) ?? []
      list.push(index)
      this.byLabel.set(key, list)
    })
  }

  /** Column indexes of the first alias present. */
  indexes(aliases: readonly string[]): number[] {
    for (const alias of aliases) {
      const found = this.byLabel.get(normalizeLabel(alias))
      if (found) return found
    }
    return []
  }

  /** The label actually used in the file for a field (for messages). */
  label(aliases: readonly string[]): string | undefined {
    const index = this.indexes(aliases)[0]
    return index === undefined ? undefined : this.header[index]
  }

  /** Fails when a field that may appear once appears several times. */
  assertSingle(aliases: readonly string[]) {
    const found = this.indexes(aliases)
    if (found.length > 1) {
      const label = this.header[found[0]!]
      throw new ImportFailure(
        `Row 1: the column "${label}" appears ${found.length} times (columns ${found.map((i) => i + 1).join(', ')}); it may appear only once`,
        { row: 1, column: label },
      )
    }
  }

  /** The first non-empty value of a field in a record. */
  value(record: CsvRecord, aliases: readonly string[]): string {
    for (const index of this.indexes(aliases)) {
      const v = record.cells[index]?.trim()
      if (v) return v
    }
    return ''
  }

  /** Every non-empty value of a (repeated) field, in column order. */
  values(record: CsvRecord, aliases: readonly string[]): string[] {
    const out: string[] = []
    for (const index of this.indexes(aliases)) {
      const v = record.cells[index]?.trim()
      if (v) out.push(v)
    }
    return out
  }
}

export const normalizeLabel = (label: string) =>
  label
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-/().:：（）]+/g, '')

// What every importer produces: the records of a file in one neutral shape, before any mapping onto
// Keel's statuses and kinds. Parsers fill it; the service maps it and writes it.
import type { ImportSource } from '../../../db/schema'

export const IMPORT_FORMATS = [
  'keel-json',
  'jira-csv',
  'jira-json',
  'zentao-csv',
  'github-json',
  'csv',
  'xlsx',
] as const
export type ImportFormat = (typeof IMPORT_FORMATS)[number]

/** A problem with a row of the file; `row` is the spreadsheet row (header = 1) or the 1-based record. */
export interface RowMessage {
  row: number
  column?: string
  message: string
  /** A stable name for the kind of message and its values, so the UI can word it in its language. */
  code?: string
  params?: Record<string, string | number>
}

/** The file cannot be imported at all: becomes 400 invalid_input naming the row and column. */
export class ImportFailure extends Error {
  constructor(
    message: string,
    readonly details: { row?: number; column?: string | number; line?: number; [key: string]: unknown } = {},
  ) {
    super(message)
    this.name = 'ImportFailure'
  }
}

export interface SourceComment {
  key: string
  author: string
  createdAt: string | null
  body: string
}

/** One change from the source system's history (e.g. a Jira changelog item). */
export interface SourceChange {
  author: string
  createdAt: string
  field: string
  from: string | null
  to: string | null
}

export interface SourceItem {
  row: number
  /** The source system's key (PROJ-12, story-7, #42): re-imports match on it. */
  key: string
  /** Also matches parents that refer to the item by another id (Jira's numeric issue id). */
  altKey?: string
  /** The raw type (Story, Sub-task, 开发, bug label…), mapped through the type table. */
  type: string
  title: string
  description: string
  /** The raw status and, when the source knows it, its category (Jira: new / indeterminate / done). */
  status: string
  statusCategory?: 'new' | 'indeterminate' | 'done'
  priority: string
  estimate: number | null
  remaining?: number | null
  /** The parent item's key (sub-task parent, ZenTao story, Jira parent). */
  parentKey: string | null
  /** The epic's key (Jira Epic Link). */
  epicKey?: string | null
  moduleKey: string | null
  sprintKey: string | null
  releaseKey: string | null
  labels: string[]
  assignee: string | null
  reporter: string | null
  createdAt: string | null
  updatedAt: string | null
  resolvedAt: string | null
  startedAt?: string | null
  dueDate: string | null
  acceptanceCriteria?: string[]
  source?: 'customer' | 'internal' | 'market' | 'regulation' | 'incident'
  comments: SourceComment[]
  history: SourceChange[]
}

export interface SourceModule {
  key: string
  name: string
  parentKey: string | null
}

export interface SourceSprint {
  key: string
  name: string
  row: number
  startDate: string | null
  endDate: string | null
  /** Jira's sprint state (future / active / closed) when known. */
  state: string | null
  goal?: string
}

export interface SourceRelease {
  key: string
  name: string
  row: number
  date: string | null
  released?: boolean
  description?: string
}

export interface ParsedFile {
  source: ImportSource
  format: ImportFormat
  items: SourceItem[]
  modules: SourceModule[]
  sprints: SourceSprint[]
  releases: SourceRelease[]
  warnings: RowMessage[]
  /** Records read but deliberately not imported (pull requests, hint lines). */
  skipped: number
  /** For generic CSV/XLSX: the header and the column chosen for each field. */
  columns?: { header: string[]; mapped: Record<string, string> }
}

export function emptyParsed(source: ImportSource, format: ImportFormat): ParsedFile {
  return { source, format, items: [], modules: [], sprints: [], releases: [], warnings: [], skipped: 0 }
}

export const blankItem = (row: number, key: string): SourceItem => ({
  row,
  key,
  type: '',
  title: '',
  description: '',
  status: '',
  priority: '',
  estimate: null,
  parentKey: null,
  moduleKey: null,
  sprintKey: null,
  releaseKey: null,
  labels: [],
  assignee: null,
  reporter: null,
  createdAt: null,
  updatedAt: null,
  resolvedAt: null,
  dueDate: null,
  comments: [],
  history: [],
})

/** A number from a cell ("3", "3.5", "2,5"), else null. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || !value.trim()) return null
  const n = Number(value.trim().replace(',', '.'))
  return Number.isFinite(n) ? n : null
}

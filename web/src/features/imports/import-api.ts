// The import request and what it answers: the formats and encodings it reads, the counts it reports, the
// value mapping it proposes and the messages by row. The imports route is multipart, so it is called with fetch.

import { ApiError } from '../../api'

export const FORMATS = [
  'auto',
  'zentao-csv',
  'jira-csv',
  'jira-json',
  'github-json',
  'csv',
  'xlsx',
  'keel-json',
] as const
export const ENCODINGS = ['auto', 'utf-8', 'gbk', 'gb18030', 'big5', 'utf-16le'] as const
export const ITEM_TYPES = ['requirement', 'task', 'bug', 'chore', 'stability', 'skip'] as const
export const COUNT_KEYS = [
  'created',
  'updated',
  'skipped',
  'requirements',
  'tasks',
  'bugs',
  'iterations',
  'releases',
  'modules',
  'comments',
  'history',
  'attachments',
] as const

export type MappingSection = 'type' | 'requirementStatus' | 'taskStatus' | 'priority'
export type Mapping = Record<MappingSection, Record<string, string>> & { columns?: Record<string, string> }
export interface RowMessage {
  row: number
  column?: string
  message: string
  code?: string
  params?: Record<string, string | number>
}
export interface ImportResult {
  dryRun: boolean
  format: string
  encoding: string
  counts: Record<(typeof COUNT_KEYS)[number], number>
  mapping: Mapping
  warnings: RowMessage[]
  errors: RowMessage[]
  rows: ImportRow[]
}
/** A requirement or task of the file: what it becomes, and its key in Keel (null: new, not yet written). */
export interface ImportRow {
  row: number
  sourceKey: string
  type: Exclude<(typeof ITEM_TYPES)[number], 'skip'>
  title: string
  status: string
  action: 'create' | 'update'
  key: string | null
}

/** The imports route is multipart (a file), so it is called with fetch and FormData rather than the typed client. */
export async function postImport(ws: number, form: FormData): Promise<ImportResult> {
  let res: Response
  try {
    res = await fetch(`/api/workspaces/${ws}/imports`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
    })
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err))
  }
  const body = await res.json().catch(() => undefined)
  if (res.ok) return body as ImportResult
  const error = body?.error
  throw new ApiError(
    res.status,
    error?.code ?? `http_${res.status}`,
    error?.message ?? res.statusText,
    error?.details,
  )
}

// Helpers for import tests: upload a file to the imports endpoint as multipart, and count rows.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Caller, ORIGIN, type TestApp } from './app'

export const SHARED_FIXTURES = '/work/shared/fixtures'
export const OWN_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'imports')

export const sharedFixture = (path: string) => readFileSync(join(SHARED_FIXTURES, path))
export const ownFixture = (path: string) => readFileSync(join(OWN_FIXTURES, path))

export interface UploadOptions {
  productId: number
  format?: string
  dryRun?: boolean
  encoding?: string
  mapping?: unknown
  fileName?: string
}

export async function upload(
  t: TestApp,
  caller: Caller,
  ws: number,
  bytes: Uint8Array | string,
  options: UploadOptions,
) {
  const form = new FormData()
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes
  form.set('file', new File([new Uint8Array(data)], options.fileName ?? 'upload.dat'))
  form.set('productId', String(options.productId))
  form.set('dryRun', String(options.dryRun ?? false))
  if (options.format) form.set('format', options.format)
  if (options.encoding) form.set('encoding', options.encoding)
  if (options.mapping !== undefined) form.set('mapping', JSON.stringify(options.mapping))
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...caller.headers },
    body: form,
  })
  const text = await res.text()
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
  let body: any
  try {
    body = JSON.parse(text)
  } catch {
    body = text
  }
  return { status: res.status, body }
}

/** Tables an import writes. */
const IMPORT_TABLES = [
  'requirements',
  'tasks',
  'iterations',
  'releases',
  'modules',
  'comments',
  'external_refs',
  'import_runs',
  'activity',
]

/** Rows of every table an import writes, for "nothing was written" and "no duplicates" checks (either engine). */
export async function rowCounts(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of IMPORT_TABLES)
    counts[table] = (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n
  return counts
}

/** A logged-in owner with one product to import into. */
export async function workspaceWithProduct(t: TestApp, key = 'WEB') {
  const { owner, ws, userId } = await t.setup()
  const product = await t.request(
    'POST',
    `/api/workspaces/${ws}/products`,
    { key, name: `${key} product` },
    owner,
  )
  if (product.status !== 201) throw new Error(`product: ${product.status}`)
  return { owner, ws, userId, productId: product.body.id as number }
}

// Imports: read a file from Jira, ZenTao, GitHub or a spreadsheet, map it onto Keel's requirements,
// tasks, iterations, releases and modules, and either preview the result (dry run: nothing written) or
// write all of it in one transaction. Each record is remembered by its source key (external_refs), so
// importing the same file again updates what it made instead of adding duplicates.

import type { AppDeps, ServiceContext } from '../../lib/context'
import { AppError, invalid, notFound } from '../../lib/errors'
import { readSnapshot, scopeOf, type WriteDeps, write } from '../../lib/write'
import { productRepo } from '../products/repo'
import type { Encoding } from './encoding'
import { assertMayImport } from './grants'
import { type KeelArchive, openKeelArchive } from './keel-archive'
import { importKeelWorkspace, looksLikeKeelExport } from './keel-service'
import { type EffectiveMapping, type ItemType, type MappingInput, resolveMapping } from './mapping'
import { ImportFailure, type ImportFormat, type ParsedFile, type RowMessage } from './model'
import { parseFile } from './parse'
import { buildPlan } from './plan'
import { KINDS, type Kind, type KindCount, type Plan, type PlannedItem, TITLE_MAX } from './plan-model'
import { importRepo } from './repo'
import { plannedStatus, writePlan } from './write-plan'

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
/**
 * A workspace archive (workspace.json and the attached files, exports/archive.ts) may be larger: 200 MB.
 * Not more, and not tied to KEEL_MAX_UPLOAD_MB: an import is held in memory while it is read (the form
 * parser holds the upload, and the archive is unpacked from those bytes; a peak of two to three times the
 * file), so this is a memory budget, fixed so that one import stays well under a gigabyte on a small
 * server. The files themselves stream to disk one by one. A workspace whose files are larger moves by
 * backup and restore of the data directory instead.
 */
export const MAX_ARCHIVE_IMPORT_BYTES = 200 * 1024 * 1024
const TOO_LARGE = 'The file is over 50 MB (200 MB for a workspace archive with its attached files)'

export interface ImportInput {
  bytes: Uint8Array
  fileName: string
  format: ImportFormat | 'auto'
  encoding: Encoding
  /** The product to import into; not used by keel-json, which brings its own products. */
  productId?: number
  dryRun: boolean
  mapping?: MappingInput
}

export interface ImportResult {
  dryRun: boolean
  format: ImportFormat
  encoding: string
  runId: number | null
  counts: {
    created: number
    updated: number
    skipped: number
    requirements: number
    tasks: number
    bugs: number
    iterations: number
    releases: number
    modules: number
    comments: number
    attachments: number
    history: number
  }
  byKind: Record<Kind, KindCount>
  mapping: EffectiveMapping
  warnings: RowMessage[]
  errors: RowMessage[]
  /** Each requirement or task of the file: what it becomes, and (once written) the key it has in Keel. */
  rows: ImportRow[]
}

export interface ImportRow {
  /** The row (or record) of the file. */
  row: number
  /** The key the item has in the file (PLAT-101), which it keeps as "imported from". */
  sourceKey: string
  type: Exclude<ItemType, 'skip'>
  title: string
  status: string
  action: 'create' | 'update'
  /** The item's key in Keel: an existing item's, or a new one's once written (null in a preview). */
  key: string | null
}

/** What an import needs of the app: the command line runs it without the HTTP app around it. */
export type ImportContext = Pick<ServiceContext, 'user' | 'membership'> & {
  deps: WriteDeps & Pick<AppDeps, 'files'>
}

/** Parses the file, then previews or applies it. Everything wrong with the file is a 400 naming the row. */
export async function importFile(ctx: ImportContext, input: ImportInput): Promise<ImportResult> {
  if (input.bytes.byteLength > MAX_ARCHIVE_IMPORT_BYTES) throw new AppError('payload_too_large', TOO_LARGE)
  let archive: KeelArchive | undefined
  if (input.format === 'auto' || input.format === 'keel-json') {
    try {
      archive = await openKeelArchive(input.bytes, {
        documentBytes: MAX_IMPORT_BYTES,
        fileBytes: ctx.deps.files.maxBytes,
        // Keel stores the files (unpacked = packed) and deflates only workspace.json: its own archives
        // never unpack to more than this.
        totalBytes: MAX_ARCHIVE_IMPORT_BYTES + MAX_IMPORT_BYTES,
      })
    } catch (err) {
      if (err instanceof ImportFailure) throw invalid(err.message, err.details)
      throw err
    }
  }
  if (!archive && input.bytes.byteLength > MAX_IMPORT_BYTES)
    throw new AppError('payload_too_large', TOO_LARGE)
  if (
    archive ||
    input.format === 'keel-json' ||
    (input.format === 'auto' && looksLikeKeelExport(input.bytes))
  )
    return importKeelWorkspace(ctx, input, archive)
  if (input.productId === undefined)
    throw invalid('Choose a product: productId is required for this format', { column: 'productId' })
  const product = await productRepo.byId(ctx.deps.db, ctx.membership.workspaceId, input.productId)
  const narrowed = ctx.membership.productIds
  if (!product || (narrowed !== null && !narrowed.includes(product.id))) throw notFound('Product')
  let parsed: ParsedFile & { encoding: string }
  try {
    parsed = await parseFile(input.bytes, {
      format: input.format,
      encoding: input.encoding,
      columns: input.mapping?.columns,
    })
  } catch (err) {
    if (err instanceof ImportFailure) throw invalid(err.message, err.details)
    throw err
  }
  const { mapping, warnings: mappingWarnings } = resolveMapping(parsed.items, input.mapping)
  if (parsed.columns) mapping.columns = parsed.columns.mapped
  const now = ctx.deps.clock.now().toISOString()
  const scope = {
    workspaceId: ctx.membership.workspaceId,
    productId: product.id,
    userId: ctx.user.id,
    canAssign: ctx.membership.permissions.has('task.assign'),
    now,
  }

  const rowsOf = (plan: Plan, numbers?: Map<PlannedItem, number>): ImportRow[] =>
    plan.items.map((p) => {
      const number = p.existing?.number ?? numbers?.get(p)
      return {
        row: p.item.row,
        sourceKey: p.item.key,
        type: p.type,
        title: p.item.title.trim().slice(0, TITLE_MAX),
        status: plannedStatus(p, mapping),
        action: p.existing ? 'update' : 'create',
        key: number === undefined ? null : `${product.key}-${number}`,
      }
    })
  const result = (
    plan: Plan,
    runId: number | null,
    history: number,
    numbers?: Map<PlannedItem, number>,
  ): ImportResult => {
    const items = plan.items
    const total = (f: (c: KindCount) => number) => KINDS.reduce((sum, k) => sum + f(plan.byKind[k]), 0)
    return {
      dryRun: input.dryRun,
      format: parsed.format,
      encoding: parsed.encoding,
      runId,
      counts: {
        created: total((c) => c.created),
        updated: total((c) => c.updated),
        skipped: plan.skipped,
        requirements: items.filter((i) => i.entity === 'requirement').length,
        tasks: items.filter((i) => i.entity === 'task' && i.type !== 'bug').length,
        bugs: items.filter((i) => i.type === 'bug').length,
        iterations: plan.iterations.length,
        releases: plan.releases.length,
        modules: plan.modules.length,
        comments: plan.byKind.comment.created + plan.byKind.comment.updated,
        attachments: 0,
        history,
      },
      byKind: plan.byKind,
      mapping,
      warnings: [...parsed.warnings, ...mappingWarnings, ...plan.warnings].sort((a, b) => a.row - b.row),
      errors: plan.errors,
      rows: rowsOf(plan, numbers),
    }
  }

  if (input.dryRun) {
    // The plan's reads as one snapshot, as the write's would be: nothing committed between them shows.
    const planned = await readSnapshot(ctx.deps, (deps) => buildPlan(deps.db, scope, parsed, mapping))
    const plan = assertMayImport(ctx.membership.permissions, planned)
    return result(
      plan,
      null,
      parsed.items.reduce((n, i) => n + i.history.length, 0),
    )
  }
  // One write(): the records keep the file's own history (its names and dates) in rows written beside
  // them; the run is the importer's change, recorded like any other, with one event for the whole run.
  return write(scopeOf(ctx), async (tx, record) => {
    // Through the write's `tx`: the plan sees what is there now, and the rows go where it commits.
    const plan = assertMayImport(ctx.membership.permissions, await buildPlan(tx, scope, parsed, mapping))
    if (plan.errors.length) {
      throw invalid(`${plan.errors.length} row(s) cannot be imported; nothing was written`, {
        errors: plan.errors,
      })
    }
    const written = await writePlan(tx, scope, parsed.source, plan, mapping, input.fileName.slice(0, 200))
    const preview = result(plan, null, written.history, written.numbers)
    const runId = await importRepo
      .writer(tx)
      .run(
        scope.workspaceId,
        scope.productId,
        parsed.format,
        input.fileName.slice(0, 200),
        { ...preview.counts },
        preview.warnings.length,
        scope.userId,
        now,
      )
    // The run's own history row: it also tells open boards (by their ETag) that the product changed.
    record({
      entityType: 'import_run',
      entityId: runId,
      action: 'created',
      productId: scope.productId,
      after: { format: parsed.format, fileName: input.fileName, counts: preview.counts },
    })
    return { ...preview, runId }
  })
}

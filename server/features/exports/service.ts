// Exports: a whole workspace as re-importable JSON (format in workspace-json.ts), alone or in a zip with
// its attached files, and one product's requirements and tasks as a spreadsheet (CSV or XLSX) for people.
import type { Readable } from 'node:stream'
import type { ServiceContext } from '../../lib/context'
import { forbidden, notFound } from '../../lib/errors'
import { readSnapshot } from '../../lib/write'
import { getProduct } from '../products/service'
import { zipWorkspace } from './archive'
import { exportRepo, productExportRepo } from './repo'
import {
  SECTIONS,
  WORKSPACE_EXPORT_FORMAT,
  WORKSPACE_EXPORT_VERSION,
  type WorkspaceExport,
} from './workspace-json'

declare const __KEEL_VERSION__: string | undefined
const APP_VERSION =
  typeof __KEEL_VERSION__ === 'string' ? __KEEL_VERSION__ : (process.env.npm_package_version ?? 'dev')

/** Keys never written out of activity snapshots, whatever entity they come from. */
const SECRET_KEY = /hash|secret|token|password/i

function scrub(snapshot: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!snapshot) return snapshot
  let clean: Record<string, unknown> | undefined
  for (const key of Object.keys(snapshot)) {
    if (SECRET_KEY.test(key)) {
      clean ??= { ...snapshot }
      delete clean[key]
    }
  }
  return clean ?? snapshot
}

/**
 * The workspace as JSON text in chunks, so the document is never built as one string. Every section is
 * read in one read transaction (a consistent snapshot while others write), each row serialised by
 * SQLite. A whole-workspace export needs sight of every product: a narrowed member gets 403.
 */
export async function workspaceJson(
  ctx: ServiceContext,
): Promise<{ name: string; chunks: () => Generator<string> }> {
  const { name, chunks } = await readWorkspace(ctx, false)
  return { name, chunks }
}

/**
 * The workspace as a zip (archive.ts): the same document as workspace.json, and each distinct file its
 * attachments name as files/<sha256>. A file missing from the disk is left out (and logged): the importer
 * then skips the attachments naming it, with a warning each, as for a JSON export.
 */
export async function workspaceArchive(ctx: ServiceContext): Promise<{ name: string; stream: Readable }> {
  const { name, chunks, files } = await readWorkspace(ctx, true)
  const present: string[] = []
  for (const sha of files) if (await ctx.deps.files.has(sha)) present.push(sha)
  if (present.length < files.length)
    ctx.deps.log(
      `workspace ${ctx.membership.workspaceId} archive: ${files.length - present.length} attached file(s) are missing from the disk and left out`,
    )
  return { name, stream: zipWorkspace(chunks(), ctx.deps.files, present, ctx.deps.clock.now()) }
}

/** The document's sections, read as one snapshot, with the files its attachments name when asked for. */
async function readWorkspace(
  ctx: ServiceContext,
  withFiles: boolean,
): Promise<{ name: string; chunks: () => Generator<string>; files: string[] }> {
  if (ctx.membership.productIds !== null) {
    throw forbidden('A workspace export includes every product; your membership is narrowed to some products')
  }
  const { db } = ctx.deps
  const workspaceId = ctx.membership.workspaceId
  const found = await exportRepo.workspace(db, workspaceId)
  if (!found) throw notFound('Workspace')
  const workspace = found
  const exportedAt = ctx.deps.clock.now().toISOString()

  // Reading only: a snapshot, not a write().
  const { sections, files } = await readSnapshot(ctx.deps, async (snapshot) => {
    const read: (readonly [(typeof SECTIONS)[number], string[]])[] = []
    for (const section of SECTIONS)
      read.push([section, await exportRepo.sectionJson(snapshot.db, section, workspaceId)])
    return {
      sections: read,
      files: withFiles ? await exportRepo.attachmentFiles(snapshot.db, workspaceId) : [],
    }
  })

  function* chunks(): Generator<string> {
    const head: Omit<WorkspaceExport, (typeof SECTIONS)[number]> = {
      format: WORKSPACE_EXPORT_FORMAT,
      version: WORKSPACE_EXPORT_VERSION,
      exportedAt,
      app: { name: 'Keel', version: APP_VERSION },
      workspace,
    }
    yield JSON.stringify(head).slice(0, -1)
    for (const [section, rows] of sections) {
      yield `,\n${JSON.stringify(section)}:[`
      for (let i = 0; i < rows.length; i += 2000) {
        let part = rows.slice(i, i + 2000)
        if (section === 'activity') part = part.map(scrubRow)
        yield (i === 0 ? '\n' : ',\n') + part.join(',\n')
      }
      yield ']'
    }
    yield '}\n'
  }
  return { name: workspace.name, chunks, files }
}

/** An activity row without any snapshot key named like a secret (a cheap test first: most rows pass). */
function scrubRow(row: string): string {
  if (!SECRET_KEY.test(row)) return row
  const parsed = JSON.parse(row) as {
    before: Record<string, unknown> | null
    after: Record<string, unknown> | null
  }
  return JSON.stringify({ ...parsed, before: scrub(parsed.before), after: scrub(parsed.after) })
}

export interface ProductSheets {
  productKey: string
  productName: string
  requirements: {
    key: string
    title: string
    status: string
    priority: string
    module: string
    iteration: string
    release: string
    estimate: number | null
    /** Null while unestimated. */
    score: number | null
    askCount: number
    customers: string
  }[]
  tasks: {
    key: string
    title: string
    kind: string
    status: string
    assignee: string
    estimate: number | null
    iteration: string
    requirement: string
  }[]
}

/** One product's requirements (backlog order) and tasks, with names in place of ids. */
export async function productSheets(ctx: ServiceContext, productId: number): Promise<ProductSheets> {
  const product = await getProduct(ctx, productId)
  const { db } = ctx.deps
  const modules = await productExportRepo.productModules(db, productId)
  const moduleById = new Map(modules.map((m) => [m.id, m]))
  const modulePath = (id: number | null): string => {
    const names: string[] = []
    for (let m = id === null ? undefined : moduleById.get(id); m && names.length < 20; ) {
      names.unshift(m.name)
      m = m.parentId === null ? undefined : moduleById.get(m.parentId)
    }
    return names.join(' / ')
  }
  const askers = new Map<number, string[]>()
  for (const a of await productExportRepo.productAskers(db, productId)) {
    askers.set(a.requirementId, [...(askers.get(a.requirementId) ?? []), a.name])
  }
  const key = (n: number) => `${product.key}-${n}`
  return {
    productKey: product.key,
    productName: product.name,
    requirements: (await productExportRepo.productRequirements(db, productId)).map((r) => ({
      key: key(r.number),
      title: r.title,
      status: r.status,
      priority: r.priority,
      module: modulePath(r.moduleId),
      iteration: r.iteration ?? '',
      release: r.release ?? '',
      estimate: r.estimate,
      score: r.score === null ? null : Math.round(r.score * 100) / 100,
      askCount: r.askCount,
      customers: (askers.get(r.id) ?? []).join(', '),
    })),
    tasks: (await productExportRepo.productTasks(db, productId)).map((t) => ({
      key: key(t.number),
      title: t.title,
      kind: t.kind,
      status: t.status,
      assignee: t.assignee ?? '',
      estimate: t.estimate,
      iteration: t.iteration ?? '',
      requirement: t.requirementNumber === null ? '' : key(t.requirementNumber),
    })),
  }
}

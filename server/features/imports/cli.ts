// `npm run keel -- import <file> --workspace <id|name> --product <KEY> [--format f] [--encoding e]
// [--dry-run] [--as email]`: the same import as the settings page, run against the database in
// KEEL_DATA_DIR as the workspace's owner (or the member named by --as). A Keel workspace export
// (keel-json: the JSON, or the zip with its attached files) brings its own products, so it needs no
// --product.
import { readFileSync, statSync } from 'node:fs'
import { basename } from 'node:path'
import { openConfiguredStore } from '../../../db/open'
import { createDeps } from '../../app'
import { loadConfig } from '../../config'
import { AppError } from '../../lib/errors'
import { isPermission } from '../../lib/permissions'
import { ENCODINGS, type Encoding } from './encoding'
import { IMPORT_FORMATS, type ImportFormat } from './model'
import { importRepo } from './repo'
import { importFile, MAX_ARCHIVE_IMPORT_BYTES } from './service'

export async function importCommand(args: string[]) {
  const option = (name: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1] : undefined
  }
  const file = args.find(
    (a, i) =>
      !a.startsWith('--') && (i === 0 || !args[i - 1]?.startsWith('--') || args[i - 1] === '--dry-run'),
  )
  const workspaceArg = option('workspace')
  const productArg = option('product')
  if (!file || !workspaceArg)
    throw new Error(
      'Usage: npm run keel -- import <file> --workspace <id|name> --product <KEY> [--format f] [--dry-run]',
    )
  const format = (option('format') ?? 'auto') as ImportFormat | 'auto'
  if (format !== 'auto' && !IMPORT_FORMATS.includes(format))
    throw new Error(`--format must be one of ${IMPORT_FORMATS.join(', ')}`)
  const encoding = (option('encoding') ?? 'auto') as Encoding
  if (!ENCODINGS.includes(encoding)) throw new Error(`--encoding must be one of ${ENCODINGS.join(', ')}`)
  // The finer limit (50 MB unless the file is a workspace archive) is the service's.
  if (statSync(file).size > MAX_ARCHIVE_IMPORT_BYTES) throw new Error('The file is over 200 MB')
  const config = loadConfig()
  const store = await openConfiguredStore(config)
  const db = store.db
  try {
    const workspace = await importRepo.workspace(db, workspaceArg)
    if (!workspace) throw new Error(`No workspace ${workspaceArg}`)
    const actor = await importRepo.actor(db, workspace.id, option('as'))
    if (!actor)
      throw new Error(
        `No ${option('as') ? `member ${option('as')}` : 'owner'} in workspace ${workspace.name}`,
      )
    const permissions = new Set(actor.permissions.filter(isPermission))
    if (!permissions.has('import'))
      throw new Error(`${actor.email} may not import (needs the import permission)`)
    const product = productArg ? await importRepo.productByKey(db, workspace.id, productArg) : undefined
    if (productArg && !product) throw new Error(`No product ${productArg} in workspace ${workspace.name}`)
    const started = performance.now()
    const result = await importFile(
      {
        deps: createDeps({ store, publicUrl: config.publicUrl, files: config.files }),
        user: { id: actor.id, email: actor.email, name: actor.name },
        membership: {
          workspaceId: workspace.id,
          memberId: actor.memberId,
          roleId: actor.roleId,
          permissions,
          productIds: actor.restricted ? (product ? [product.id] : []) : null,
        },
      },
      {
        bytes: readFileSync(file),
        fileName: basename(file),
        format,
        encoding,
        productId: product?.id,
        dryRun: args.includes('--dry-run'),
      },
    )
    for (const w of result.warnings)
      console.log(`warning: row ${w.row}${w.column ? ` (${w.column})` : ''}: ${w.message}`)
    for (const e of result.errors)
      console.log(`error: row ${e.row}${e.column ? ` (${e.column})` : ''}: ${e.message}`)
    const c = result.counts
    console.log(
      `${result.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${result.format}, ${result.encoding}; ${c.created} created, ${c.updated} updated, ${c.skipped} skipped — ${c.requirements} requirements, ${c.tasks} tasks, ${c.bugs} bugs, ${c.iterations} iterations, ${c.releases} releases, ${c.modules} modules, ${c.comments} comments, ${c.attachments} attachments in ${Math.round(performance.now() - started)} ms`,
    )
  } catch (err) {
    if (err instanceof AppError) {
      const details = err.details === undefined ? '' : ` ${JSON.stringify(err.details)}`
      throw new Error(`${err.message}${details}`)
    }
    throw err
  } finally {
    await store.close()
  }
}

// The Keel command line: `npm run keel -- <command>`. Commands work on the database in KEEL_DATA_DIR.
import { copyFileSync, existsSync, linkSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { copyDatabase } from '../db/copy'
import { describeDatabase, openConfiguredStore } from '../db/open'
import { first } from '../db/query'
import { users } from '../db/schema'
import { openStore, type Store } from '../db/store'
import { createDeps } from './app'
import { loadConfig } from './config'
import { authRepo } from './features/auth/repo'
import { seedDemo } from './features/demo/seed'
import { importCommand } from './features/imports/cli'
import { createPasswordReset } from './features/instance/service'
import { hashPassword } from './lib/crypto'
import { bookkeepingWrite } from './lib/write'

const USAGE = `Usage: npm run keel -- <command>

Commands:
  demo [--email <owner email>]   add the demo workspace (creates demo@keel.local / keel-demo if there is no user yet)
  backup <file>                  a consistent copy of the database, taken online (the server may keep running),
                                 and the attachments' files it names in <file>.files/
  reset-password <email>         print a one-time link (24 hours) that sets a new password for the account
  import <file> --workspace <id|name> --product <KEY> [--format f] [--encoding e] [--dry-run] [--as email]
                                 import a Jira, ZenTao, GitHub, CSV or XLSX file (format detected unless given),
                                 or a Keel workspace export (.json, or the .zip with its attached files)
  copy-database --to <postgres://… | file.db>
                                 copy this Keel's database (KEEL_DATABASE_URL, else the SQLite file) into an
                                 empty PostgreSQL database or a new SQLite file, in one transaction
`

/** More pages than any database has: `sqlite3_backup_step` then copies every remaining page at once. */
const ALL_PAGES = 0x7fffffff

/**
 * SQLite's online backup API, taken as one consistent snapshot while the server keeps writing.
 * The live database is opened raw and read-only: a backup never migrates or otherwise writes it (a newer
 * CLI must not change the schema under an older running server). better-sqlite3 copies 100 pages per
 * step, and SQLite restarts a backup whenever another connection commits between steps, so under steady
 * writes a large backup never finished. Copying all pages in one step reads them under a single WAL
 * snapshot — consistent, and writers go on meanwhile. The copy is written beside the target, checked,
 * and only then renamed into place, so a failed backup never leaves a half-written file under its name.
 */
async function backup(args: string[]) {
  const target = args[0] ? resolve(args[0]) : undefined
  if (!target) throw new Error('Name the backup file: npm run backup -- <file>')
  const config = loadConfig()
  if (config.databaseUrl)
    throw new Error(
      'On PostgreSQL, back up with pg_dump and copy KEEL_DATA_DIR/files (see the README: "Running on PostgreSQL")',
    )
  if (target === config.dbPath) throw new Error('The backup file cannot be the database itself')
  if (!existsSync(config.dbPath)) throw new Error(`No database at ${config.dbPath}`)
  const partial = `${target}.partial`
  rmSync(partial, { force: true })
  const started = performance.now()
  const source = new Database(config.dbPath, { readonly: true, fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    await source.backup(partial, { progress: () => ALL_PAGES })
  } catch (err) {
    rmSync(partial, { force: true })
    throw err
  } finally {
    source.close()
  }
  // A backup is one self-contained file: rollback journal instead of WAL, so no -wal/-shm beside it.
  const check = new Database(partial)
  check.pragma('journal_mode = DELETE')
  const result = check.pragma('integrity_check', { simple: true })
  check.close()
  if (result !== 'ok') {
    rmSync(partial, { force: true })
    throw new Error(`The backup failed its integrity check: ${String(result)}`)
  }
  renameSync(partial, target)
  const files = copyAttachedFiles(target, config.files.dir)
  console.log(
    `Backed up ${config.dbPath} to ${target} in ${Math.round(performance.now() - started)} ms (integrity ok)` +
      (files.copied > 0 ? `; ${files.copied} attached files to ${target}.files` : ''),
  )
  if (files.missing.length > 0)
    console.warn(
      `${files.missing.length} attached files were missing from ${config.files.dir}: ${files.missing.join(', ')}`,
    )
}

/**
 * The files the backup's attachments name, into `<backup>.files/` laid out as KEEL_DATA_DIR/files is (so a
 * restore copies the folder back). A file's name is its content's SHA-256 and it never changes, so each is
 * hard-linked when the backup is on the same disk, else copied; the folder is complete before it is named.
 */
function copyAttachedFiles(backupFile: string, filesDir: string) {
  const db = new Database(backupFile, { readonly: true, fileMustExist: true })
  // The backup is SQLite's own file, read with better-sqlite3 directly (no Keel store: it is not Keel's).
  const shas = [...db.prepare('select distinct sha256 from attachments').pluck().iterate()] as string[]
  db.close()
  const target = `${backupFile}.files`
  const partial = `${target}.partial`
  rmSync(partial, { recursive: true, force: true })
  const missing: string[] = []
  let copied = 0
  for (const sha of shas) {
    const from = join(filesDir, sha.slice(0, 2), sha)
    if (!existsSync(from)) {
      missing.push(sha)
      continue
    }
    const to = join(partial, sha.slice(0, 2), sha)
    mkdirSync(dirname(to), { recursive: true })
    try {
      linkSync(from, to)
    } catch {
      copyFileSync(from, to)
    }
    copied++
  }
  rmSync(target, { recursive: true, force: true })
  if (copied > 0) renameSync(partial, target)
  return { copied, missing }
}

async function demo(args: string[]) {
  const config = loadConfig()
  const store = await openConfiguredStore(config)
  const db = store.db
  const deps = createDeps({ store, publicUrl: config.publicUrl, files: config.files })
  const emailIndex = args.indexOf('--email')
  const email = emailIndex >= 0 ? args[emailIndex + 1]?.toLowerCase() : undefined
  let owner = email
    ? await authRepo.userByEmail(db, email)
    : await first(db.select({ id: users.id, email: users.email }).from(users).orderBy(users.id).limit(1))
  let password: string | undefined
  if (!owner) {
    if (email) throw new Error(`No user with the email ${email}`)
    password = 'keel-demo'
    const passwordHash = await hashPassword(password)
    owner = await bookkeepingWrite(store, (tx) =>
      authRepo.insertUser(tx, {
        email: 'demo@keel.local',
        name: 'Demo PM',
        passwordHash,
        instanceOwner: true,
        createdAt: new Date().toISOString(),
      }),
    )
  }
  const { id, email: ownerEmail } = owner as { id: number; email: string }
  const started = performance.now()
  const workspace = await seedDemo(deps, id, 'Demo · 演示空间')
  await store.close()
  console.log(
    `Demo workspace "${workspace.name}" (id ${workspace.id}) created in ${Math.round(performance.now() - started)} ms in ${describeDatabase(config)}`,
  )
  console.log(password ? `Log in as ${ownerEmail} with the password ${password}` : `Owner: ${ownerEmail}`)
}

/** Break-glass: a one-time link to set a new password, for anyone who can run commands on the server. */
async function resetPassword(args: string[]) {
  const email = args[0]?.trim().toLowerCase()
  if (!email) throw new Error('Name the account: npm run keel -- reset-password <email>')
  const config = loadConfig()
  const store = await openConfiguredStore(config)
  try {
    const deps = createDeps({ store, publicUrl: config.publicUrl, files: config.files })
    const user = await authRepo.userByEmail(store.db, email)
    if (!user) throw new Error(`No account with the email ${email}`)
    const origin = config.publicUrl ? new URL(config.publicUrl).origin : `http://localhost:${config.port}`
    const link = await createPasswordReset(deps, null, user.id, origin)
    console.log(`Open this link within 24 hours to set a new password for ${link.email} (it works once):`)
    console.log(link.url)
  } finally {
    await store.close()
  }
}

/** Copies the configured database into an empty PostgreSQL one or a new SQLite file, printing both sides' counts. */
async function copyDatabaseCommand(args: string[]) {
  const at = args.indexOf('--to')
  const to = at >= 0 ? args[at + 1] : undefined
  if (!to) throw new Error('Name the target: npm run keel -- copy-database --to <postgres://… | file.db>')
  const config = loadConfig()
  const toPostgres = /^postgres(ql)?:\/\//.test(to)
  if (!toPostgres && existsSync(resolve(to))) throw new Error(`${resolve(to)} exists: copy into a new file`)
  // Opening a SQLite file that is not there would make an empty Keel, and copy that.
  if (!config.databaseUrl && !existsSync(config.dbPath)) throw new Error(`No database at ${config.dbPath}`)
  const source = await openConfiguredStore(config)
  let target: Store | undefined
  try {
    // As the source is opened: a target that cannot be reached is one line naming it, never a bare reason.
    target = toPostgres
      ? await openConfiguredStore({ dbPath: '', databaseUrl: to, databasePool: 2 })
      : openStore({ path: resolve(to) })
    const targetName = toPostgres ? describeDatabase({ ...config, databaseUrl: to }) : resolve(to)
    console.log(`Copying ${describeDatabase(config)} into ${targetName} …`)
    const started = performance.now()
    const counts = await copyDatabase(source, target)
    const width = Math.max(...counts.map((c) => c.table.length))
    console.log(`${'table'.padEnd(width)}  ${'source'.padStart(9)}  ${'target'.padStart(9)}`)
    for (const c of counts)
      console.log(
        `${c.table.padEnd(width)}  ${String(c.source).padStart(9)}  ${String(c.target).padStart(9)}`,
      )
    const rows = counts.reduce((sum, c) => sum + c.target, 0)
    console.log(`Copied ${rows} rows in ${Math.round(performance.now() - started)} ms (one transaction).`)
  } finally {
    await target?.close()
    await source.close()
  }
}

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<void>> = {
  demo,
  backup,
  import: importCommand,
  'reset-password': resetPassword,
  'copy-database': copyDatabaseCommand,
}
const run = command ? commands[command] : undefined
if (!run) {
  console.log(USAGE)
  process.exit(command ? 1 : 0)
}
void run(args).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

// The Keel command line: `npm run keel -- <command>`. Commands work on the database in KEEL_DATA_DIR.
import Database from 'better-sqlite3'
import { openDatabase } from '../db/client'
import { loadConfig } from './config'
import { authRepo } from './features/auth/repo'
import { seedDemo } from './features/demo/seed'
import { StringCache } from './lib/cache'
import { systemClock } from './lib/clock'
import type { AppDeps } from './lib/context'
import { hashPassword } from './lib/crypto'
import { EventBus } from './lib/events'
import { FailureThrottle } from './lib/throttle'

const USAGE = `Usage: npm run keel -- <command>

Commands:
  demo [--email <owner email>]   add the demo workspace (creates demo@keel.local / keel-demo if there is no user yet)
  backup <file>                  a consistent copy of the database, taken online (the server may keep running)
`

/** SQLite's online backup API: pages are copied while writers go on; the copy is one consistent snapshot. */
async function backup(args: string[]) {
  const target = args[0]
  if (!target) throw new Error('Name the backup file: npm run backup -- <file>')
  const config = loadConfig()
  const db = openDatabase({ path: config.dbPath })
  const started = performance.now()
  await db.$client.backup(target)
  db.$client.close()
  const check = new Database(target, { readonly: true })
  const result = check.pragma('integrity_check', { simple: true })
  check.close()
  if (result !== 'ok') throw new Error(`The backup failed its integrity check: ${String(result)}`)
  console.log(
    `Backed up ${config.dbPath} to ${target} in ${Math.round(performance.now() - started)} ms (integrity ok)`,
  )
}

async function demo(args: string[]) {
  const config = loadConfig()
  const db = openDatabase({ path: config.dbPath })
  const deps: AppDeps = {
    db,
    clock: systemClock,
    events: new EventBus(),
    log: () => {},
    loginThrottle: new FailureThrottle(10, 60_000),
    shareThrottle: new FailureThrottle(30, 60_000),
    boardCache: new StringCache(1024 * 1024),
    publicUrl: config.publicUrl,
    trustProxy: false,
    heartbeatSeconds: 15,
  }
  const emailIndex = args.indexOf('--email')
  const email = emailIndex >= 0 ? args[emailIndex + 1]?.toLowerCase() : undefined
  let owner = email
    ? authRepo.userByEmail(db, email)
    : db.$client.prepare('select id, email from users order by id limit 1').get()
  let password: string | undefined
  if (!owner) {
    if (email) throw new Error(`No user with the email ${email}`)
    password = 'keel-demo'
    owner = authRepo.insertUser(db, {
      email: 'demo@keel.local',
      name: 'Demo PM',
      passwordHash: await hashPassword(password),
      createdAt: new Date().toISOString(),
    })
  }
  const { id, email: ownerEmail } = owner as { id: number; email: string }
  const started = performance.now()
  const workspace = await seedDemo(deps, id, 'Demo · 演示空间')
  db.$client.close()
  console.log(
    `Demo workspace "${workspace.name}" (id ${workspace.id}) created in ${Math.round(performance.now() - started)} ms in ${config.dbPath}`,
  )
  console.log(password ? `Log in as ${ownerEmail} with the password ${password}` : `Owner: ${ownerEmail}`)
}

const [command, ...args] = process.argv.slice(2)
const commands: Record<string, (args: string[]) => Promise<void>> = { demo, backup }
const run = command ? commands[command] : undefined
if (!run) {
  console.log(USAGE)
  process.exit(command ? 1 : 0)
}
run(args).catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})

// Upgrades keep the data: a database made by an older Keel, migrated to this one. Migrations run in one
// transaction, where `PRAGMA foreign_keys=OFF` is ignored, so a migration that rebuilt a referenced table
// would cascade its deletes to the rows pointing at it; this checks the asks, tasks and search survive.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'

const MIGRATIONS = join(import.meta.dirname, '..', '..', 'db', 'migrations')
const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the migrations folder holding only those before `tag` (e.g. 0006_unestimated_score). */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'keel-migrations-'))
  dirs.push(dir)
  cpSync(MIGRATIONS, dir, { recursive: true })
  const journalPath = join(dir, 'meta', '_journal.json')
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] }
  const at = journal.entries.findIndex((e) => e.tag === tag)
  expect(at, `no migration ${tag}`).toBeGreaterThan(0)
  journal.entries = journal.entries.slice(0, at)
  writeFileSync(journalPath, JSON.stringify(journal))
  return dir
}

/** Inserts a row, filling every other required column with a plain value of its type. */
function insert(sqlite: Database.Database, table: string, values: Record<string, unknown>): number {
  const columns = sqlite.prepare(`pragma table_info(${table})`).all() as {
    name: string
    type: string
    notnull: number
    dflt_value: unknown
    pk: number
  }[]
  const row: Record<string, unknown> = {}
  for (const c of columns) {
    if (c.name in values) row[c.name] = values[c.name]
    else if (c.notnull && c.dflt_value === null && !c.pk)
      row[c.name] = /INT|REAL/i.test(c.type) ? 1 : `${table}-${c.name}`
  }
  const names = Object.keys(row)
  const sql = `insert into ${table} (${names.join(', ')}) values (${names.map(() => '?').join(', ')})`
  return Number(sqlite.prepare(sql).run(...names.map((n) => row[n])).lastInsertRowid)
}

describe('upgrading a database', () => {
  it('0006 makes an unestimated requirement’s score null and keeps every ask, task link and search entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-upgrade-'))
    dirs.push(dir)
    const path = join(dir, 'keel.db')
    const old = openDatabase({ path, migrationsDir: migrationsBefore('0006_unestimated_score') }).$client
    const user = insert(old, 'users', { email: 'pm@example.com', name: 'PM' })
    const ws = insert(old, 'workspaces', { name: 'Acme' })
    const product = insert(old, 'products', { workspace_id: ws, key: 'MES', name: 'MES' })
    const requirement = (title: string, fields: Record<string, unknown>) =>
      insert(old, 'requirements', { workspace_id: ws, product_id: product, title, rank: title, ...fields })
    const unestimated = requirement('Andon board', { number: 1, score: 7 })
    const estimated = requirement('OEE export', { number: 2, estimate: 2, score: 3.5 })
    const customer = insert(old, 'customers', { workspace_id: ws, name: 'Hanse' })
    insert(old, 'customer_asks', { requirement_id: unestimated, customer_id: customer, created_by: user })
    insert(old, 'tasks', { workspace_id: ws, product_id: product, requirement_id: unestimated, number: 3 })
    old.close()

    const db = openDatabase({ path }).$client
    const scores = db.prepare('select id, score from requirements order by id').all()
    expect(scores).toEqual([
      { id: unestimated, score: null },
      { id: estimated, score: 3.5 },
    ])
    expect(db.prepare('select count(*) as n from customer_asks').get()).toEqual({ n: 1 })
    expect(db.prepare('select requirement_id from tasks').get()).toEqual({ requirement_id: unestimated })
    // The search triggers still follow the table: a renamed requirement is found by its new title.
    db.prepare("update requirements set title = 'Andon board v2' where id = ?").run(unestimated)
    const found = db
      .prepare("select ref_id from search_index where kind = 'requirement' and search_index match ?")
      .all('"board v2"')
    expect(found).toEqual([{ ref_id: unestimated }])
    db.close()
  })

  it('0010 keeps share links made before it showing agreed work only; new ones show every ask', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-upgrade-'))
    dirs.push(dir)
    const path = join(dir, 'keel.db')
    const old = openDatabase({ path, migrationsDir: migrationsBefore('0010_share_considering') }).$client
    const ws = insert(old, 'workspaces', { name: 'Acme' })
    const product = insert(old, 'products', { workspace_id: ws, key: 'MES', name: 'MES' })
    const link = { workspace_id: ws, product_id: product, prefix: 'abcdef' }
    const before = insert(old, 'share_links', { ...link, token_hash: 'a'.repeat(64) })
    old.close()

    const db = openDatabase({ path }).$client
    const after = insert(db, 'share_links', { ...link, token_hash: 'b'.repeat(64) })
    const shown = db.prepare('select id, show_considering as every from share_links order by id').all()
    expect(shown).toEqual([
      { id: before, every: 0 },
      { id: after, every: 1 },
    ])
    db.close()
  })

  it('0008 gives the built-in owner, admin and product manager roles comment.moderate, once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keel-upgrade-'))
    dirs.push(dir)
    const path = join(dir, 'keel.db')
    const old = openDatabase({ path, migrationsDir: migrationsBefore('0008_comment_moderate') }).$client
    const ws = insert(old, 'workspaces', { name: 'Acme' })
    const role = (builtIn: string | null, permissions: string[]) =>
      insert(old, 'roles', {
        workspace_id: ws,
        name: builtIn ?? 'Custom',
        built_in: builtIn,
        permissions: JSON.stringify(permissions),
      })
    for (const builtIn of ['owner', 'admin', 'pm', 'developer']) role(builtIn, ['comment.create'])
    role(null, ['comment.create'])
    old.close()

    const db = openDatabase({ path }).$client
    const rows = db.prepare('select built_in as builtIn, permissions from roles order by id').all() as {
      builtIn: string | null
      permissions: string
    }[]
    expect(rows.map((r) => [r.builtIn, JSON.parse(r.permissions)])).toEqual([
      ['owner', ['comment.create', 'comment.moderate']],
      ['admin', ['comment.create', 'comment.moderate']],
      ['pm', ['comment.create', 'comment.moderate']],
      ['developer', ['comment.create']],
      [null, ['comment.create']],
    ])
    db.close()
  })
})

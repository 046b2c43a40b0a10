// The benchmark's data generator: a seeded, bilingual (zh-CN / en) workspace written straight into a
// SQLite file with prepared statements in one transaction. The schema is the one the app's migrations
// create; for speed the big tables' indexes and search triggers are set aside during the load and
// restored afterwards (indexes built once by sorting, the search index filled by the triggers' own
// statements run over whole tables), and the result is checked against a freshly migrated database.
//   S: 1 product, 2,000 requirements, 10,000 tasks
//   L: 10 products, 100,000 requirements, 500,000 tasks, 200 customers, 50,000 asks, 1,000,000 activity rows
import Database from 'better-sqlite3'
import { generateNKeysBetween } from 'fractional-indexing'
import { openDatabase } from '../../db/client'
import { hashPassword, sha256 } from '../../server/lib/crypto'
import { BUILT_IN_ROLE_KEYS, BUILT_IN_ROLES } from '../../server/lib/permissions'

export type Size = 'S' | 'L'

export const SIZES = {
  S: {
    products: 1,
    requirementsPerProduct: 2_000,
    tasksPerProduct: 10_000,
    customers: 50,
    asks: 2_000,
    activity: 50_000,
  },
  L: {
    products: 10,
    requirementsPerProduct: 10_000,
    tasksPerProduct: 50_000,
    customers: 200,
    asks: 50_000,
    activity: 1_000_000,
  },
} as const

/** Tasks in each product's "board" iteration: the board scenario reads it. */
export const BOARD_TASKS = 2_000
export const BENCH_TOKEN = 'keel_benchmark_token_0000000000000000000000000'
export const SEARCH_TERM = '设备点检'

function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const ZH_ROLES = ['生产计划员', '车间班组长', '质检员', '设备点检员', '仓库管理员', '采购经理', '车间主任']
const ZH_ACTIONS = [
  '排产计划优化',
  '移动端设备点检',
  '扫码报工',
  '来料检验',
  '质量追溯',
  '物料齐套检查',
  '能耗统计',
  '安灯呼叫',
]
const ZH_TAILS = ['支持批量操作', '按班次统计', '离线可用', '自动提醒', '导出报表', '多工厂隔离']
const EN_ROLES = ['buyer', 'supplier rep', 'planner', 'warehouse clerk', 'quality engineer', 'finance clerk']
const EN_ACTIONS = [
  'sealed RFQ bidding',
  'shipping notice',
  'invoice matching',
  'supplier scorecard',
  'contract reminders',
  'goods receipt',
]
const EN_TAILS = [
  'on mobile',
  'in bulk',
  'with audit trail',
  'per category',
  'with approvals',
  'for key suppliers',
]
const STATUSES = ['draft', 'reviewing', 'approved', 'planned', 'developing', 'testing', 'released'] as const
const TASK_STATUSES = ['todo', 'doing', 'review', 'done', 'blocked'] as const
const KINDS = ['feature', 'feature', 'feature', 'bug', 'chore', 'stability'] as const
const CATEGORIES = [
  'performance',
  'availability',
  'security',
  'scalability',
  'observability',
  'tech-debt',
] as const

export interface Generated {
  dbPath: string
  workspaceId: number
  token: string
  products: { id: number; key: string; boardIterationId: number; planIterationIds: number[] }[]
  seconds: number
  /** Seconds per phase: schema, load, indexes, search, finish. */
  phases: Record<string, number>
  rows: Record<string, number>
}

/** Tables whose indexes and search triggers are set aside during the load. */
const BULK_TABLES = ['requirements', 'tasks', 'activity']

interface SchemaRow {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

const schemaOf = (db: Database.Database) =>
  db
    .prepare(
      "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by name",
    )
    .all() as SchemaRow[]

/**
 * Drops the bulk tables' explicit indexes and their AFTER INSERT triggers; `restore` creates the indexes
 * again from their own SQL, runs each trigger's INSERT … VALUES (new.…) once over the whole table as
 * INSERT … SELECT … FROM <table> AS new, and creates the triggers again. Same schema, same rows.
 */
function setAside(db: Database.Database) {
  const rows = schemaOf(db).filter((r) => BULK_TABLES.includes(r.tbl_name) && r.sql)
  const indexes = rows.filter((r) => r.type === 'index')
  const triggers = rows.filter((r) => r.type === 'trigger' && /\bAFTER\s+INSERT\s+ON\b/i.test(r.sql!))
  const fills = triggers.map((t) => {
    const body = /\bBEGIN\s+(INSERT\s+INTO\s+[\w"]+\s*\([^)]*\))\s*VALUES\s*\(([\s\S]*)\);\s*END\s*$/i.exec(
      t.sql!,
    )
    if (!body)
      throw new Error(`Trigger ${t.name} is not one INSERT … VALUES: cannot bulk-fill what it maintains`)
    return `${body[1]} SELECT ${body[2]} FROM "${t.tbl_name}" AS new`
  })
  for (const r of [...indexes, ...triggers]) db.exec(`DROP ${r.type.toUpperCase()} "${r.name}"`)
  return {
    indexes: () => {
      for (const r of indexes) db.exec(r.sql!)
    },
    search: () => {
      for (const sql of fills) db.exec(sql)
      for (const r of triggers) db.exec(r.sql!)
    },
  }
}

export async function generate(dbPath: string, size: Size, seed = 7): Promise<Generated> {
  const started = performance.now()
  const phases: Record<string, number> = {}
  let mark = started
  const phase = (name: string) => {
    const now = performance.now()
    phases[name] = Math.round((now - mark) / 100) / 10
    mark = now
  }
  const spec = SIZES[size]
  // The app's schema, exactly as its migrations create it; then a raw connection for the load.
  openDatabase({ path: dbPath }).$client.close()
  const sqlite = new Database(dbPath)
  // A throw-away file written once: no journal, no fsync, a large page cache, and no per-row foreign-key
  // lookups (the data is consistent by construction; foreign_key_check runs at the end for S).
  sqlite.pragma('journal_mode = OFF')
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -262144')
  sqlite.pragma('temp_store = MEMORY')
  sqlite.pragma('foreign_keys = OFF')
  const rand = random(seed)
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!
  const now = '2026-11-26T08:00:00.000Z'
  const passwordHash = await hashPassword('benchmark password')
  const deferred = setAside(sqlite)
  phase('schema')

  const rows: Record<string, number> = {}
  const count = (table: string, n = 1) => {
    rows[table] = (rows[table] ?? 0) + n
  }

  const tx = sqlite.transaction(() => {
    const userId = Number(
      sqlite
        .prepare('insert into users (email, name, password_hash, created_at) values (?, ?, ?, ?)')
        .run('bench@keel.local', 'Bench PM', passwordHash, now).lastInsertRowid,
    )
    const workspaceId = Number(
      sqlite.prepare('insert into workspaces (name, created_at) values (?, ?)').run('Benchmark 基准', now)
        .lastInsertRowid,
    )
    let ownerRole = 0
    for (const key of BUILT_IN_ROLE_KEYS) {
      const id = Number(
        sqlite
          .prepare(
            'insert into roles (workspace_id, name, built_in, permissions, created_at) values (?, ?, ?, ?, ?)',
          )
          .run(workspaceId, key, key, JSON.stringify(BUILT_IN_ROLES[key].permissions), now).lastInsertRowid,
      )
      if (key === 'owner') ownerRole = id
    }
    sqlite
      .prepare('insert into members (workspace_id, user_id, role_id, created_at) values (?, ?, ?, ?)')
      .run(workspaceId, userId, ownerRole, now)
    sqlite
      .prepare(
        'insert into api_tokens (user_id, name, token_hash, prefix, created_at) values (?, ?, ?, ?, ?)',
      )
      .run(userId, 'benchmark', sha256(BENCH_TOKEN), BENCH_TOKEN.slice(0, 10), now)
    // Developers to assign work to.
    const developerRole = Number(
      sqlite
        .prepare("select id from roles where workspace_id = ? and built_in = 'developer'")
        .pluck()
        .get(workspaceId),
    )
    const developers: number[] = []
    for (let i = 0; i < 20; i++) {
      const id = Number(
        sqlite
          .prepare('insert into users (email, name, password_hash, created_at) values (?, ?, ?, ?)')
          .run(`dev${i}@keel.local`, `开发 ${i}`, passwordHash, now).lastInsertRowid,
      )
      sqlite
        .prepare('insert into members (workspace_id, user_id, role_id, created_at) values (?, ?, ?, ?)')
        .run(workspaceId, id, developerRole, now)
      developers.push(id)
    }

    const insertCustomer = sqlite.prepare(
      'insert into customers (workspace_id, name, industry, tier, contract_value, contact, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    const customerIds: number[] = []
    const industries = ['机械制造', '汽车零部件', 'Logistics', 'Food & beverage', '电子制造', 'Chemicals']
    for (let i = 0; i < spec.customers; i++) {
      customerIds.push(
        Number(
          insertCustomer.run(
            workspaceId,
            `客户 Customer ${i}`,
            pick(industries),
            pick(['strategic', 'key', 'standard']),
            Math.round(rand() * 2_000_000),
            '',
            now,
            now,
          ).lastInsertRowid,
        ),
      )
    }
    count('customers', spec.customers)

    const insertProduct = sqlite.prepare(
      'insert into products (workspace_id, key, name, description, last_number, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    const insertModule = sqlite.prepare(
      'insert into modules (workspace_id, product_id, parent_id, name, created_at) values (?, ?, ?, ?, ?)',
    )
    const insertIteration = sqlite.prepare(
      `insert into iterations (workspace_id, product_id, name, goal, start_date, end_date, capacity, stability_budget_percent, status, created_at, updated_at)
       values (?, ?, ?, '', ?, ?, ?, 20, ?, ?, ?)`,
    )
    const insertRequirement = sqlite.prepare(
      `insert into requirements (workspace_id, product_id, number, title, description, role, scenario, source, priority, value, effort, estimate,
         status, module_id, iteration_id, rank, score, ask_count, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, 'customer', ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
    )
    const insertTask = sqlite.prepare(
      `insert into tasks (workspace_id, product_id, number, kind, title, requirement_id, iteration_id, status, blocked_reason, category, risk,
         assignee_id, estimate, remaining, due_date, rank, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    const products: Generated['products'] = []
    const allRequirementIds: number[] = []
    for (let p = 0; p < spec.products; p++) {
      const key = `P${String.fromCharCode(65 + p)}${p}`
      const zh = p % 2 === 0
      const productId = Number(
        insertProduct.run(
          workspaceId,
          key,
          zh ? `制造执行 ${p}` : `Supplier portal ${p}`,
          '',
          spec.requirementsPerProduct + spec.tasksPerProduct,
          now,
          now,
        ).lastInsertRowid,
      )
      const moduleIds: number[] = []
      for (let m = 0; m < 20; m++) {
        moduleIds.push(
          Number(
            insertModule.run(workspaceId, productId, null, zh ? `模块 ${m}` : `Module ${m}`, now)
              .lastInsertRowid,
          ),
        )
      }
      count('modules', 20)
      // One active iteration holds the board's 2,000 tasks; five planned ones take the plan scenario.
      const boardIterationId = Number(
        insertIteration.run(
          workspaceId,
          productId,
          'Sprint 24',
          '2026-11-17',
          '2026-11-30',
          400,
          'active',
          now,
          now,
        ).lastInsertRowid,
      )
      const planIterationIds: number[] = []
      for (let i = 0; i < 5; i++) {
        const start = new Date(Date.UTC(2026, 11, 1 + i * 14)).toISOString().slice(0, 10)
        const end = new Date(Date.UTC(2026, 11, 14 + i * 14)).toISOString().slice(0, 10)
        planIterationIds.push(
          Number(
            insertIteration.run(
              workspaceId,
              productId,
              `Sprint ${25 + i}`,
              start,
              end,
              300,
              'planned',
              now,
              now,
            ).lastInsertRowid,
          ),
        )
      }
      count('iterations', 6)
      const ranks = generateNKeysBetween(null, null, spec.requirementsPerProduct)
      const requirementIds: number[] = []
      for (let r = 0; r < spec.requirementsPerProduct; r++) {
        const title = zh
          ? `${pick(ZH_ACTIONS)}${r % 97 === 0 ? `：${SEARCH_TERM}` : ''}（${pick(ZH_TAILS)}）`
          : `${pick(EN_ACTIONS)} ${pick(EN_TAILS)}`
        const status = r < 500 ? 'approved' : pick(STATUSES)
        const estimate = rand() < 0.9 ? 1 + Math.floor(rand() * 8) : null
        const value = 1 + Math.floor(rand() * 10)
        const id = Number(
          insertRequirement.run(
            workspaceId,
            productId,
            r + 1,
            title,
            zh ? '作为用户，我需要……' : 'As a user, I need …',
            zh ? pick(ZH_ROLES) : pick(EN_ROLES),
            zh ? '车间现场' : 'at the dock',
            pick(['P0', 'P1', 'P2', 'P3']),
            value,
            estimate,
            estimate,
            status,
            pick(moduleIds),
            status === 'developing' || status === 'testing' ? boardIterationId : null,
            ranks[r]!,
            Math.round((value / (estimate ?? 1)) * 100) / 100,
            now,
            now,
          ).lastInsertRowid,
        )
        requirementIds.push(id)
      }
      count('requirements', spec.requirementsPerProduct)
      allRequirementIds.push(...requirementIds)
      // Tasks: the first 2,000 on the board, the rest spread over the backlog, ranked per column.
      const columnRanks = new Map<string, string[]>()
      const nextRank = (column: string, total: number) => {
        let list = columnRanks.get(column)
        if (!list) {
          list = generateNKeysBetween(null, null, total).reverse()
          columnRanks.set(column, list)
        }
        return list.pop() ?? `z${column}`
      }
      for (let t = 0; t < spec.tasksPerProduct; t++) {
        const onBoard = t < BOARD_TASKS
        const kind = pick(KINDS)
        const status = onBoard ? pick(TASK_STATUSES) : t % 3 === 0 ? 'done' : 'todo'
        const iterationId = onBoard ? boardIterationId : null
        const estimate = 1 + Math.floor(rand() * 5)
        insertTask.run(
          workspaceId,
          productId,
          spec.requirementsPerProduct + t + 1,
          kind,
          zh
            ? `${pick(ZH_ACTIONS)} · ${pick(['后端接口', '前端页面', '测试用例'])}`
            : `${pick(EN_ACTIONS)} · ${pick(['API', 'UI', 'Tests'])}`,
          kind === 'feature' ? pick(requirementIds) : null,
          iterationId,
          status,
          status === 'blocked' ? (zh ? '等待客户确认' : 'Waiting for the customer') : null,
          kind === 'stability' ? pick(CATEGORIES) : null,
          kind === 'stability' ? pick(['low', 'medium', 'high', 'critical']) : null,
          pick(developers),
          estimate,
          status === 'done' ? 0 : estimate,
          rand() < 0.2 ? '2026-11-30' : null,
          nextRank(`${iterationId}:${status}`, onBoard ? BOARD_TASKS : spec.tasksPerProduct),
          now,
          now,
        )
      }
      count('tasks', spec.tasksPerProduct)
      products.push({ id: productId, key, boardIterationId, planIterationIds })
    }

    const insertAsk = sqlite.prepare(
      'insert or ignore into customer_asks (workspace_id, requirement_id, customer_id, importance, note, asked_on, created_at) values (?, ?, ?, ?, ?, ?, ?)',
    )
    for (let a = 0; a < spec.asks; a++) {
      insertAsk.run(
        workspaceId,
        pick(allRequirementIds),
        pick(customerIds),
        pick(['nice', 'important', 'critical']),
        '',
        '2026-10-01',
        now,
      )
    }
    sqlite
      .prepare(
        'update requirements set ask_count = (select count(*) from customer_asks a where a.requirement_id = requirements.id)',
      )
      .run()
    count('customer_asks', spec.asks)

    const insertActivity = sqlite.prepare(
      `insert into activity (workspace_id, product_id, entity_type, entity_id, action, actor_id, automatic, before, after, created_at)
       values (?, ?, 'task', ?, 'moved', ?, 0, '{"status":"todo"}', '{"status":"doing"}', ?)`,
    )
    const start = Date.parse('2026-06-01T00:00:00Z')
    const span = Date.parse(now) - start
    for (let i = 0; i < spec.activity; i++) {
      const product = products[i % products.length]!
      insertActivity.run(
        workspaceId,
        product.id,
        1 + Math.floor(rand() * spec.tasksPerProduct),
        pick(developers),
        new Date(start + (span * i) / spec.activity).toISOString(),
      )
    }
    count('activity', spec.activity)
    return { workspaceId, products }
  })
  const { workspaceId, products } = tx()
  phase('load')
  sqlite.transaction(deferred.indexes)()
  phase('indexes')
  sqlite.transaction(deferred.search)()
  phase('search')
  if (size === 'S' && (sqlite.pragma('foreign_key_check') as unknown[]).length > 0) {
    throw new Error('The generated data breaks a foreign key')
  }
  const expected = openDatabase({ path: ':memory:' }).$client
  const differs = JSON.stringify(schemaOf(expected)) !== JSON.stringify(schemaOf(sqlite))
  expected.close()
  if (differs) throw new Error('The generated schema differs from the migrated one')
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('optimize')
  sqlite.close()
  phase('finish')
  return {
    dbPath,
    workspaceId,
    token: BENCH_TOKEN,
    products,
    seconds: (performance.now() - started) / 1000,
    phases,
    rows,
  }
}

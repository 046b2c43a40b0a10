// The bare baseline on PostgreSQL: what this machine can do at all with Keel's hot statements in
// PostgreSQL's dialect. A bare Hono app over node-postgres (a pool of the size Keel's processes get, named
// prepared statements) with no auth, validation, activity or events; the board's JSON is built by the
// database as Keel builds it (db/dialect.ts, server/features/iterations/repo.ts). Started by run.ts as
// `baseline-pg.ts <url> <port> <pool size>`, one per Keel process.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pg from 'pg'

const [url, port, poolSize] = [process.argv[2]!, Number(process.argv[3]), Number(process.argv[4] ?? 10)]
// As Keel does (db/pg/store.ts): JSON comes over as text, so the board's columns are embedded unparsed.
pg.types.setTypeParser(pg.types.builtins.JSON, (value: string) => value)
const pool = new pg.Pool({ connectionString: url, max: poolSize })
pool.on('error', () => {})

/** A statement prepared once per connection of the pool (node-postgres prepares a named one on first use). */
const statement = (name: string, text: string) => (values: unknown[]) =>
  pool.query({ name, text, values }).then((result) => result.rows)

// Naive: every column of every task → JS objects → JSON.stringify (what a first version would do).
const naiveBoard = statement(
  'naive_board',
  'select * from tasks where iteration_id = $1 order by status, rank',
)
// Bare: the JSON query Keel's board runs on PostgreSQL, without anything around it.
const bareBoard = statement(
  'bare_board',
  `
  select t.status as status, coalesce(json_agg(json_build_object(
      'id', t.id, 'key', p.key || '-' || t.number, 'title', t.title, 'kind', t.kind, 'status', t.status,
      'category', t.category, 'risk', t.risk, 'requirementId', t.requirement_id,
      'requirementKey', case when r.id is null then null else p.key || '-' || r.number end,
      'requirementTitle', r.title, 'assigneeId', t.assignee_id, 'assigneeName', u.name,
      'estimate', t.estimate, 'remaining', t.remaining, 'dueDate', t.due_date,
      'blockedReason', t.blocked_reason, 'rank', t.rank, 'version', t.version) order by t.rank), '[]'::json) as cards
  from tasks t join products p on p.id = t.product_id
  left join requirements r on r.id = t.requirement_id left join users u on u.id = t.assignee_id
  where t.iteration_id = $1 group by t.status`,
)
const oneTask = statement('one_task', 'select * from tasks where id = $1')
// The backlog page and search: the statements Keel's repositories build for the benchmark's requests.
const backlogPage = statement(
  'backlog_page',
  `
  select r.id, r.product_id as "productId", r.number, p.key || '-' || r.number as key, r.title, r.role,
    r.scenario, r.source, r.priority, r.value, r.effort, r.estimate, r.status, r.module_id as "moduleId",
    r.iteration_id as "iterationId", r.release_id as "releaseId", r.target_date as "targetDate", r.pinned,
    r.rank, r.score, r.ask_count as "askCount", r.updated_at as "updatedAt", r.version
  from requirements r join products p on p.id = r.product_id
  where r.product_id = $1 and r.status in ('approved', 'planned') order by r.rank limit 50`,
)
// Every word through the trigram indexes with ILIKE; the newest 200 matches ranked (server/features/search).
const search = statement(
  'search',
  `
  with hits as (
    select kind, ref_id, product_id, title from (
      select id, kind, ref_id, product_id, title from search_index
      where workspace_id = 1 and kind in ('requirement', 'task', 'customer')
        and (title ilike $1 escape '\\' or body ilike $1 escape '\\')
      order by id desc limit 200) newest
    order by position(lower($2) in lower(title)) = 0, length(title), id desc limit 20)
  select h.kind as kind, h.ref_id as id, h.product_id as "productId", h.title as title,
    case h.kind when 'requirement' then p.key || '-' || r.number when 'task' then p.key || '-' || t.number end as key,
    coalesce(r.status, t.status) as status
  from hits h
  left join requirements r on h.kind = 'requirement' and r.id = h.ref_id
  left join tasks t on h.kind = 'task' and t.id = h.ref_id
  left join products p on p.id = h.product_id`,
)
const moveTask = statement(
  'move_task',
  'update tasks set status = $1, version = version + 1, updated_at = $2 where id = $3',
)

const app = new Hono()
  .get('/naive/board/:id', async (c) => c.json({ tasks: await naiveBoard([Number(c.req.param('id'))]) }))
  .get('/bare/board/:id', async (c) => {
    const columns = (await bareBoard([Number(c.req.param('id'))])) as { status: string; cards: string }[]
    return c.body(
      `{"columns":[${columns.map((col) => `{"status":"${col.status}","tasks":${col.cards}}`).join(',')}]}`,
      200,
      { 'content-type': 'application/json' },
    )
  })
  .get('/bare/tasks/:id', async (c) => c.json((await oneTask([Number(c.req.param('id'))]))[0] ?? null))
  .get('/bare/products/:id/backlog', async (c) =>
    c.json({ items: await backlogPage([Number(c.req.param('id'))]) }),
  )
  .get('/bare/search', async (c) => {
    const q = c.req.query('q') ?? ''
    return c.json({ items: await search([`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`, q]) })
  })
  .post('/bare/tasks/:id/move', async (c) => {
    const body = (await c.req.json()) as { status: string }
    await moveTask([body.status, new Date().toISOString(), Number(c.req.param('id'))])
    return c.json({ ok: true })
  })

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('baseline ready'))
process.on('SIGTERM', () => {
  void pool.end().finally(() => process.exit(0))
})

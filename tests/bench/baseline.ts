// The baseline: what this machine can do at all. A bare Hono app over raw better-sqlite3 with no auth,
// validation, activity or events, serving the same statements as Keel's hot paths. Started by run.ts.
import { serve } from '@hono/node-server'
import Database from 'better-sqlite3'
import { Hono } from 'hono'

const [dbPath, port] = [process.argv[2]!, Number(process.argv[3])]
const db = new Database(dbPath)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = NORMAL')
db.pragma('busy_timeout = 5000')

// Naive: every column of every task → JS objects → JSON.stringify (what a first version would do).
const naiveBoard = db.prepare('select * from tasks where iteration_id = ? order by status, rank')
// Bare: the same SQLite-built JSON query Keel's board uses, without anything around it.
const bareBoard = db.prepare(`
  select t.status as status, json_group_array(json_object(
      'id', t.id, 'key', p.key || '-' || t.number, 'title', t.title, 'kind', t.kind, 'status', t.status,
      'category', t.category, 'risk', t.risk, 'requirementId', t.requirement_id,
      'requirementKey', case when r.id is null then null else p.key || '-' || r.number end,
      'requirementTitle', r.title, 'assigneeId', t.assignee_id, 'assigneeName', u.name,
      'estimate', t.estimate, 'remaining', t.remaining, 'dueDate', t.due_date,
      'blockedReason', t.blocked_reason, 'rank', t.rank, 'version', t.version) order by t.rank) as cards
  from tasks t join products p on p.id = t.product_id
  left join requirements r on r.id = t.requirement_id left join users u on u.id = t.assignee_id
  where t.iteration_id = ? group by t.status`)
const oneTask = db.prepare('select * from tasks where id = ?')
// The backlog page and search: the statements Keel's repositories build for the benchmark's requests.
const backlogPage = db.prepare(`
  select r.id, r.product_id as productId, r.number, p.key || '-' || r.number as key, r.title, r.role, r.scenario,
    r.source, r.priority, r.value, r.effort, r.estimate, r.status, r.module_id as moduleId,
    r.iteration_id as iterationId, r.release_id as releaseId, r.target_date as targetDate, r.pinned, r.rank,
    r.score, r.ask_count as askCount, r.updated_at as updatedAt, r.version
  from requirements r join products p on p.id = r.product_id
  where r.product_id = ? and r.status in ('approved', 'planned') order by r.rank limit 50`)
const search = db.prepare(`
  with hits as (
    select kind, ref_id, product_id, title from (
      select rowid, kind, ref_id, product_id, title from search_index
      where search_index match ? and workspace_id = 1 and kind in ('requirement', 'task', 'customer')
      order by rowid desc limit 200)
    order by instr(lower(title), lower(?)) = 0, length(title), rowid desc limit 20)
  select h.kind as kind, h.ref_id as id, h.product_id as productId, h.title as title,
    case h.kind when 'requirement' then p.key || '-' || r.number when 'task' then p.key || '-' || t.number end as key,
    coalesce(r.status, t.status) as status
  from hits h
  left join requirements r on h.kind = 'requirement' and r.id = h.ref_id
  left join tasks t on h.kind = 'task' and t.id = h.ref_id
  left join products p on p.id = h.product_id`)
const moveTask = db.prepare('update tasks set status = ?, version = version + 1, updated_at = ? where id = ?')

const app = new Hono()
  .get('/naive/board/:id', (c) => c.json({ tasks: naiveBoard.all(Number(c.req.param('id'))) }))
  .get('/bare/board/:id', (c) => {
    const columns = bareBoard.all(Number(c.req.param('id'))) as { status: string; cards: string }[]
    return c.body(
      `{"columns":[${columns.map((col) => `{"status":"${col.status}","tasks":${col.cards}}`).join(',')}]}`,
      200,
      {
        'content-type': 'application/json',
      },
    )
  })
  .get('/bare/tasks/:id', (c) => c.json(oneTask.get(Number(c.req.param('id'))) ?? null))
  .get('/bare/products/:id/backlog', (c) => c.json({ items: backlogPage.all(Number(c.req.param('id'))) }))
  .get('/bare/search', (c) => {
    const q = c.req.query('q') ?? ''
    return c.json({ items: search.all(`"${q.replaceAll('"', '""')}"`, q) })
  })
  .post('/bare/tasks/:id/move', async (c) => {
    const body = (await c.req.json()) as { status: string }
    moveTask.run(body.status, new Date().toISOString(), Number(c.req.param('id')))
    return c.json({ ok: true })
  })

serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log('baseline ready'))

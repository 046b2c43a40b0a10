// Importing a Keel workspace export (keel-json): the demo workspace exported, imported into an empty
// workspace (of the same database and of a fresh one) and exported again gives the same document once ids
// are replaced by stable names; burndown, flow and a past weekly report come out the same; a re-import
// creates nothing; tampered files are refused naming the place, with nothing written.
import { describe, expect, it } from 'vitest'
import type { WorkspaceExport } from '../../server/features/exports/workspace-json'
import { type Caller, makeApp, ORIGIN, type TestApp } from '../helpers/app'
import type { Json } from '../helpers/domain'
import { rowCounts } from '../helpers/imports'

const NOW = '2026-11-26T08:00:00.000Z'
const PAST_WEEK = '2026-W47'
/** The record types an import brings over; the target's own history (its members, the import run) is not. */
const IMPORTED = [
  'product',
  'module',
  'customer',
  'release',
  'iteration',
  'requirement',
  'ask',
  'task',
  'comment',
]

async function demo(t: TestApp, email = 'pat@example.com') {
  const setup = await t.request('POST', '/api/setup', {
    workspaceName: 'Demo',
    name: 'Pat PM',
    email,
    password: 'long enough pw',
    demo: true,
  })
  if (setup.status !== 201) throw new Error(`setup: ${setup.status}`)
  const owner = t.sessionOf(setup.headers)
  const ws: number = setup.body.workspace.id
  return { owner, ws, text: await exportText(t, owner, ws) }
}

async function exportText(t: TestApp, caller: Caller, ws: number) {
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/exports?format=json`, {
    headers: caller.headers,
  })
  expect(res.status).toBe(200)
  return res.text()
}

/** Uploads a workspace export; keel-json needs no product. */
async function importKeel(
  t: TestApp,
  caller: Caller,
  ws: number,
  text: string,
  options: { dryRun?: boolean; format?: string } = {},
) {
  const form = new FormData()
  form.set('file', new File([text], 'workspace.json'))
  form.set('dryRun', String(options.dryRun ?? false))
  if (options.format) form.set('format', options.format)
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...caller.headers },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as Json }
}

/** Every table the import writes, for "nothing written" and "no duplicates". */
async function counts(t: TestApp) {
  const more = ['products', 'customers', 'customer_asks', 'roles', 'members', 'users']
  const all = await rowCounts(t)
  for (const table of more)
    all[table] = (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n
  return all
}

/**
 * The export with every id replaced by a stable name (product key, item key, module path, customer name,
 * email…), inside history snapshots too, and the export's own id and times left out: two exports of the
 * same workspace content compare equal wherever they live. Who wrote or created something is compared by
 * the name on comments and history only: an import never links authorship to an account.
 */
function normalise(doc: WorkspaceExport) {
  const products = new Map(doc.products.map((p) => [p.id, p.key]))
  const modules = new Map<number, string>()
  for (const m of doc.modules)
    modules.set(
      m.id,
      `${m.parentId === null ? products.get(m.productId) : modules.get(m.parentId)}/${m.name}`,
    )
  const requirements = new Map(doc.requirements.map((r) => [r.id, r.key]))
  const tasks = new Map(doc.tasks.map((x) => [x.id, x.key]))
  const customers = new Map(doc.customers.map((c) => [c.id, `customer:${c.name}`]))
  const names: Record<string, Map<number, string>> = {
    product: products,
    module: modules,
    customer: customers,
    release: new Map(doc.releases.map((r) => [r.id, `${products.get(r.productId)}/release:${r.name}`])),
    iteration: new Map(doc.iterations.map((i) => [i.id, `${products.get(i.productId)}/iteration:${i.name}`])),
    requirement: requirements,
    task: tasks,
    ask: new Map(
      doc.asks.map((a) => [a.id, `${requirements.get(a.requirementId)}<-${customers.get(a.customerId)}`]),
    ),
    comment: new Map(
      doc.comments.map((c, i) => [
        c.id,
        `${(c.entityType === 'requirement' ? requirements : tasks).get(c.entityId)}#${i}`,
      ]),
    ),
    user: new Map(doc.users.map((u) => [u.id, u.email])),
    role: new Map(doc.roles.map((r) => [r.id, r.builtIn ?? `custom:${r.name}`])),
  }
  // Records deleted before the export are known only by their history: named in order of appearance.
  const unknown = new Map<string, string>()
  const name = (kind: string, id: unknown): unknown => {
    if (typeof id !== 'number') return id
    const known = names[kind]?.get(id)
    if (known) return known
    const k = `${kind}:${id}`
    if (!unknown.has(k)) unknown.set(k, `${kind}?${unknown.size}`)
    return unknown.get(k)
  }
  const AUTHORSHIP = new Set(['createdBy', 'authorId', 'actorId'])
  const REFS: Record<string, string> = {
    productId: 'product',
    moduleId: 'module',
    parentId: 'module',
    customerId: 'customer',
    releaseId: 'release',
    iterationId: 'iteration',
    requirementId: 'requirement',
    taskId: 'task',
    createdBy: 'user',
    assigneeId: 'user',
    authorId: 'user',
    actorId: 'user',
  }
  const snapshot = (own: string, snap: Record<string, unknown> | null) =>
    snap &&
    Object.fromEntries(
      Object.entries(snap).map(([key, value]) => {
        if (key === 'workspaceId') return [key, 'WS']
        if (AUTHORSHIP.has(key)) return [key, undefined]
        const kind =
          key === 'id' || key === 'beforeId' || key === 'afterId'
            ? own
            : key === 'targetId'
              ? String(snap.target)
              : REFS[key]
        return [key, kind ? name(kind, value) : value]
      }),
    )
  const refs = (row: Record<string, unknown>, own: string) =>
    Object.fromEntries(
      Object.entries(row).map(([key, value]) => {
        if (key === 'id') return [key, name(own, value)]
        if (AUTHORSHIP.has(key)) return [key, undefined]
        if (key === 'entityId') return [key, name(String(row.entityType), value)]
        if (key === 'roleId') return [key, name('role', value)]
        if (key === 'productIds')
          return [key, Array.isArray(value) ? value.map((v) => name('product', v)).sort() : value]
        const kind = REFS[key]
        return [key, kind ? name(kind, value) : value]
      }),
    )
  return {
    format: doc.format,
    version: doc.version,
    workspace: { name: doc.workspace.name },
    users: doc.users.map((u) => refs(u, 'user')).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    roles: doc.roles.map((r) => refs(r, 'role')),
    customers: doc.customers.map((c) => refs(c, 'customer')),
    products: doc.products.map((p) => refs(p, 'product')),
    modules: doc.modules.map((m) => refs(m, 'module')),
    releases: doc.releases.map((r) => refs(r, 'release')),
    iterations: doc.iterations.map((i) => refs(i, 'iteration')),
    requirements: doc.requirements.map((r) => refs(r, 'requirement')),
    asks: doc.asks.map((a) => refs(a, 'ask')),
    tasks: doc.tasks.map((x) => refs(x, 'task')),
    comments: doc.comments.map((c) => refs(c, 'comment')),
    activity: doc.activity
      .filter((a) => IMPORTED.includes(a.entityType))
      .map((a) => ({
        ...refs(a, 'activity'),
        id: undefined,
        before: snapshot(a.entityType, a.before),
        after: snapshot(a.entityType, a.after),
      })),
  }
}

/** A report answer with its ids blanked (they differ by design), everything else as it is. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, /^id$|Id$|Ids$/.test(k) ? '#' : withoutIds(v)]),
    )
  return value
}

/** Burndown and flow of every iteration and the weekly report of a past week, by product key and name. */
async function charts(t: TestApp, caller: Caller, ws: number) {
  const get = async (path: string) => {
    const res = await t.request('GET', `/api/workspaces/${ws}${path}`, undefined, caller)
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(200)
    return withoutIds(res.body)
  }
  const out: Record<string, unknown> = {}
  for (const product of (await t.request('GET', `/api/workspaces/${ws}/products`, undefined, caller)).body
    .items) {
    const iterations = (
      await t.request('GET', `/api/workspaces/${ws}/products/${product.id}/iterations`, undefined, caller)
    ).body
    for (const iteration of iterations.items ?? iterations) {
      out[`${product.key}/${iteration.name}/burndown`] = await get(`/iterations/${iteration.id}/burndown`)
      out[`${product.key}/${iteration.name}/flow`] = await get(`/iterations/${iteration.id}/flow`)
    }
    out[`${product.key}/weekly`] = await get(
      `/products/${product.id}/reports/weekly?week=${PAST_WEEK}&lang=en`,
    )
  }
  return out
}

describe('importing a Keel workspace export', () => {
  it('round-trips the demo workspace into an empty workspace of the same database, and a re-import creates nothing', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws, text: demoText } = await demo(t)
    // Records deleted before the export live on in the history (and in the burndown of their iteration).
    const demoDoc = JSON.parse(demoText) as WorkspaceExport
    const doomed = demoDoc.tasks.find((x) => x.status === 'done' && x.iterationId !== null)!
    const draft = demoDoc.requirements.find((r) => r.status === 'draft')!
    for (const path of [`/tasks/${doomed.id}`, `/requirements/${draft.id}`])
      expect((await t.request('DELETE', `/api/workspaces/${ws}${path}`, undefined, owner)).status).toBe(204)
    const text = await exportText(t, owner, ws)
    const original = JSON.parse(text) as WorkspaceExport
    expect(original.tasks.some((x) => x.id === doomed.id)).toBe(false)
    expect(original.activity.some((a) => a.entityType === 'task' && a.entityId === doomed.id)).toBe(true)
    // Besides the records' history, only the workspace's own creation, which stays behind.
    const recordsHistory = original.activity.filter((a) => a.entityType !== 'workspace')
    expect(original.activity.length - recordsHistory.length).toBe(1)
    expect(new Set(recordsHistory.map((a) => a.entityType))).toEqual(
      new Set(IMPORTED.filter((k) => original.activity.some((a) => a.entityType === k))),
    )
    // An empty workspace whose members are the same people (they have accounts in this database).
    const target: number = (await t.request('POST', '/api/workspaces', { name: 'Demo' }, owner)).body.id
    const [developer] = await t.sql<{ id: number }>(
      "select id from roles where workspace_id = ? and built_in = 'developer'",
      [target],
    )
    for (const u of original.users.filter((u) => u.email !== 'pat@example.com'))
      await t.sql(
        'insert into members (workspace_id, user_id, role_id, created_at) select ?, id, ?, ? from users where email = ?',
        [target, developer!.id, NOW, u.email],
      )

    // The preview counts everything and writes nothing.
    const before = await counts(t)
    const preview = await importKeel(t, owner, target, text, { dryRun: true })
    expect(preview.status).toBe(200)
    expect(preview.body.counts).toMatchObject({
      requirements: original.requirements.length,
      modules: original.modules.length,
      iterations: original.iterations.length,
      history: recordsHistory.length,
    })
    expect(preview.body.byKind.task.created).toBe(original.tasks.length)
    expect(preview.body.byKind.customer.created).toBe(original.customers.length)
    expect(preview.body.warnings).toEqual([])
    expect(await counts(t)).toEqual(before)

    const applied = await importKeel(t, owner, target, text)
    expect(applied.status).toBe(200)
    expect(applied.body.counts).toEqual(preview.body.counts)
    expect(applied.body.runId).toEqual(expect.any(Number))

    const again = JSON.parse(await exportText(t, owner, target)) as WorkspaceExport
    expect(again.products.map((p) => p.id)).not.toEqual(original.products.map((p) => p.id))
    expect(normalise(again)).toEqual(normalise(original))
    const sourceCharts = await charts(t, owner, ws)
    expect(Object.keys(sourceCharts)).toHaveLength(2 * 3 * 2 + 2)
    expect(JSON.stringify(sourceCharts)).toMatch(/"remaining":[1-9]/)
    expect(await charts(t, owner, target)).toEqual(sourceCharts)

    // New items continue the numbering; the search index knows the imported text.
    const mes = again.products.find((p) => p.key === 'MES')!
    const created = await t.request(
      'POST',
      `/api/workspaces/${target}/products/${mes.id}/requirements`,
      { title: 'After the import' },
      owner,
    )
    expect(created.status).toBe(201)
    expect(created.body.number).toBe(mes.lastNumber + 1)
    const word = original.requirements.find((r) => r.key.startsWith('MES'))!.title.slice(0, 4)
    const found = await t.request(
      'GET',
      `/api/workspaces/${target}/search?q=${encodeURIComponent(word)}`,
      undefined,
      owner,
    )
    expect(JSON.stringify(found.body)).toContain(word)

    // The deleted task's history kept an id of its own that no new task takes.
    const ghost = again.activity.find(
      (a) => a.entityType === 'task' && !again.tasks.some((x) => x.id === a.entityId),
    )!
    expect(ghost).toBeDefined()
    const fresh = await t.request(
      'POST',
      `/api/workspaces/${target}/tasks`,
      { productId: again.products[0]!.id, kind: 'chore', title: 'New after import' },
      owner,
    )
    expect(fresh.status).toBe(201)
    expect(fresh.body.id).not.toBe(ghost.entityId)
    expect(fresh.body.id).toBeGreaterThan(ghost.entityId)

    // The same file again: recognised, nothing created, nothing duplicated.
    const settled = await counts(t)
    const reimport = await importKeel(t, owner, target, text)
    expect(reimport.status).toBe(200)
    expect(reimport.body.counts.created).toBe(0)
    expect(reimport.body.byKind.task).toEqual({ created: 0, updated: 0, unchanged: original.tasks.length })
    expect(await counts(t)).toEqual({
      ...settled,
      import_runs: (settled.import_runs ?? 0) + 1,
      activity: (settled.activity ?? 0) + 1,
    })
  }, 60_000)

  it('round-trips into a fresh database where the same people are invited', async () => {
    const source = makeApp({ start: NOW })
    const { text } = await demo(source)
    const original = JSON.parse(text) as WorkspaceExport

    const t = makeApp({ start: NOW })
    const setup = await t.request('POST', '/api/setup', {
      workspaceName: 'Demo',
      name: 'Pat PM',
      email: 'pat@example.com',
      password: 'long enough pw',
    })
    const owner = t.sessionOf(setup.headers)
    const ws: number = setup.body.workspace.id
    const developer = await t.roleId(owner, ws, 'developer')
    for (const u of original.users.filter((u) => u.email !== 'pat@example.com')) {
      const invited = await t.request(
        'POST',
        `/api/workspaces/${ws}/members`,
        { email: u.email, name: u.name, roleId: developer },
        owner,
      )
      expect(invited.status).toBe(201)
      const accepted = await t.request('POST', `/api/invites/${invited.body.token}/accept`, {
        password: 'member password 1',
      })
      expect(accepted.status).toBe(200)
    }
    const applied = await importKeel(t, owner, ws, text)
    expect(applied.status).toBe(200)
    expect(applied.body.warnings).toEqual([])
    const again = JSON.parse(await exportText(t, owner, ws)) as WorkspaceExport
    expect(normalise(again)).toEqual(normalise(original))
    const sourceOwner = source.sessionOf(
      (
        await source.request('POST', '/api/auth/login', {
          email: 'pat@example.com',
          password: 'long enough pw',
        })
      ).headers,
    )
    expect(await charts(t, owner, ws)).toEqual(await charts(source, sourceOwner, 1))
  }, 60_000)

  it('keeps the names of people who are not members on comments and history, without accounts', async () => {
    const source = makeApp({ start: NOW })
    const { text } = await demo(source)
    const original = JSON.parse(text) as WorkspaceExport

    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const users = (await counts(t)).users
    const applied = await importKeel(t, owner, ws, text)
    expect(applied.status).toBe(200)
    const people = applied.body.warnings.filter((w: Json) => w.code === 'keelPersonNotMember')
    expect(people.map((w: Json) => w.params.email).sort()).toEqual(original.users.map((u) => u.email).sort())
    expect((await counts(t)).users).toBe(users)
    expect(
      (await t.sql<{ n: number }>('select count(*) as n from tasks where assignee_id is not null'))[0]!.n,
    ).toBe(0)

    const comment = original.comments[0]!
    const key = original.requirements.find((r) => r.id === comment.entityId)!.key
    const item = await t.request('GET', `/api/workspaces/${ws}/items/${key}`, undefined, owner)
    expect(item.status).toBe(200)
    const listed = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${item.body.id}/comments`,
      undefined,
      owner,
    )
    expect(listed.body.items[0]).toMatchObject({
      body: comment.body,
      author: null,
      authorName: 'Pat PM',
      createdAt: comment.createdAt,
    })
    const history = await t.request(
      'GET',
      `/api/workspaces/${ws}/activity?entityType=requirement&entityId=${item.body.id}`,
      undefined,
      owner,
    )
    expect(history.body.items.length).toBeGreaterThan(1)
    for (const entry of history.body.items) expect(entry).toMatchObject({ actor: null, actorName: 'Pat PM' })
    // A comment written here names its author through the account, as before.
    const mine = await t.request(
      'POST',
      `/api/workspaces/${ws}/requirements/${item.body.id}/comments`,
      { body: 'Welcome aboard' },
      owner,
    )
    expect(mine.body).toMatchObject({ author: { name: 'Olivia Owner' }, authorName: null })
  }, 60_000)

  it('refuses a tampered file with a 400 naming the place, and writes nothing', async () => {
    const source = makeApp({ start: NOW })
    const { text } = await demo(source)
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const tamper = (change: (doc: Json) => void) => {
      const doc = JSON.parse(text)
      change(doc)
      return JSON.stringify(doc)
    }
    const before = await counts(t)
    const cases: [string, string, string | undefined][] = [
      [tamper((d) => (d.format = 'keel-something')), 'format', 'keel-json'],
      [tamper((d) => (d.version = 2)), 'version', undefined],
      [tamper((d) => (d.tasks[3].requirementId = 999_999)), 'tasks[3].requirementId', undefined],
      [tamper((d) => (d.modules[5].parentId = 999_999)), 'modules[5].parentId', undefined],
      [tamper((d) => (d.tasks[0].status = 'wip')), 'tasks[0].status', undefined],
      [tamper((d) => (d.requirements[2].priority = 'urgent')), 'requirements[2].priority', undefined],
      [tamper((d) => (d.comments[0].entityId = 999_999)), 'comments[0].entityId', undefined],
      [tamper((d) => (d.tasks[1].number = d.tasks[0].number)), 'tasks[1].key', undefined],
      // Spans and dates no request may name: the file is held to the API's bounds.
      [
        tamper((d) => Object.assign(d.iterations[0], { startDate: '0001-01-01', endDate: '9999-12-31' })),
        'iterations[0].startDate',
        undefined,
      ],
      [
        tamper((d) => Object.assign(d.iterations[1], { startDate: '2026-01-01', endDate: '2027-01-02' })),
        'iterations[1].endDate',
        undefined,
      ],
      [tamper((d) => (d.tasks[2].dueDate = '9999-12-31')), 'tasks[2].dueDate', undefined],
    ]
    for (const [file, path, format] of cases) {
      const res = await importKeel(t, owner, ws, file, { format })
      expect(res.status, path).toBe(400)
      expect(res.body.error.code).toBe('invalid_input')
      expect(res.body.error.message.startsWith(`${path}:`), res.body.error.message).toBe(true)
      expect(res.body.error.details.path).toBe(path)
    }
    const cut = await importKeel(t, owner, ws, text.slice(0, text.length / 2), { format: 'keel-json' })
    expect(cut.status).toBe(400)
    expect(cut.body.error.message).toMatch(/broken/)
    expect(await counts(t)).toEqual(before)
  }, 60_000)

  it('refuses product keys the workspace already has (409), a stakeholder (403), and other formats without a product', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws, text } = await demo(t)
    const target: number = (await t.request('POST', '/api/workspaces', { name: 'Copy' }, owner)).body.id
    const { caller } = await t.addMember(owner, target, 'stakeholder')
    const before = await counts(t)
    const taken = await importKeel(t, owner, ws, text)
    expect(taken.status).toBe(409)
    expect(taken.body.error.details).toMatchObject({ reason: 'product_key_taken', keys: ['MES', 'SRM'] })
    expect((await importKeel(t, caller, target, text)).status).toBe(403)
    expect(await counts(t)).toEqual(before)

    const csv = await t.app.request(`${ORIGIN}/api/workspaces/${target}/imports`, {
      method: 'POST',
      headers: { origin: ORIGIN, ...owner.headers },
      body: (() => {
        const form = new FormData()
        form.set('file', new File(['Issue key,Summary,Issue Type\nA-1,x,Story\n'], 'a.csv'))
        return form
      })(),
    })
    expect(csv.status).toBe(400)
    expect(((await csv.json()) as Json).error.message).toMatch(/productId/)
  }, 60_000)
})

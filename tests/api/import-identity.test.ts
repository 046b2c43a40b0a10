// Imports cannot forge identity or bypass grants. A workspace file passes the API's grant checks: its
// roles only with permissions the importer holds, its people never widened beyond what they may see, its
// tasks assigned only by someone who may assign. And no file speaks for anyone: imported comments and
// history keep their authors' names as text and are never linked to an account, whatever name, email or
// id the file gives.
import { describe, expect, test } from 'vitest'
import type { WorkspaceExport } from '../../server/features/exports/workspace-json'
import { missingGrants } from '../../server/features/imports/grants'
import { type Caller, makeApp, ORIGIN, type TestApp } from '../helpers/app'
import type { Json } from '../helpers/domain'
import { upload, workspaceWithProduct } from '../helpers/imports'

const NOW = '2026-11-26T08:00:00.000Z'

/** Ingrid joins with a custom role, Importers, holding exactly `permissions`; answers her session. */
async function importerWith(t: TestApp, owner: Caller, ws: number, permissions: string[]) {
  const role = await t.request(
    'POST',
    `/api/workspaces/${ws}/roles`,
    { name: 'Importers', permissions },
    owner,
  )
  expect(role.status, JSON.stringify(role.body)).toBe(201)
  const importer = await t.addMemberWithRole(
    owner,
    ws,
    role.body.id,
    'importer@example.com',
    undefined,
    'Ingrid Importer',
  )
  return importer.caller
}

/** Victor (victor@example.com) joins as a developer under `name`, narrowed to `productIds` if given. */
async function victorJoins(t: TestApp, owner: Caller, ws: number, name: string, productIds?: number[]) {
  const developer = await t.roleId(owner, ws, 'developer')
  return t.addMemberWithRole(owner, ws, developer, 'victor@example.com', productIds, name)
}

async function importKeel(t: TestApp, caller: Caller, ws: number, doc: unknown, dryRun = false) {
  const form = new FormData()
  form.set('file', new File([JSON.stringify(doc)], 'workspace.json'))
  form.set('dryRun', String(dryRun))
  const res = await t.app.request(`${ORIGIN}/api/workspaces/${ws}/imports`, {
    method: 'POST',
    headers: { origin: ORIGIN, ...caller.headers },
    body: form,
  })
  return { status: res.status, body: (await res.json()) as Json }
}

const count = async (t: TestApp, table: string) =>
  (await t.sql<{ n: number }>(`select count(*) as n from ${table}`))[0]!.n

/**
 * A small workspace exported from another Keel: product SRC with a requirement (commented on) and a task
 * assigned to its author, who wrote all of it. `as` rewrites that author, everywhere the file mentions
 * them, into the given person: name, email and id.
 */
async function exportedWorkspace(as: { id: number; name: string; email: string }) {
  const source = makeApp({ start: NOW })
  const { owner, ws, userId } = await source.setup('author@example.com')
  const product = await source.request(
    'POST',
    `/api/workspaces/${ws}/products`,
    { key: 'SRC', name: 'Source' },
    owner,
  )
  const productId = product.body.id
  const requirement = await source.request(
    'POST',
    `/api/workspaces/${ws}/products/${productId}/requirements`,
    { title: 'Andon board shows the stop reason' },
    owner,
  )
  expect(requirement.status).toBe(201)
  const comment = await source.request(
    'POST',
    `/api/workspaces/${ws}/requirements/${requirement.body.id}/comments`,
    { body: 'Approved by me' },
    owner,
  )
  expect(comment.status).toBe(201)
  const task = await source.request(
    'POST',
    `/api/workspaces/${ws}/tasks`,
    { productId, kind: 'chore', title: 'Wire the board', assigneeId: userId },
    owner,
  )
  expect(task.status, JSON.stringify(task.body)).toBe(201)
  const res = await source.app.request(`${ORIGIN}/api/workspaces/${ws}/exports?format=json`, {
    headers: owner.headers,
  })
  expect(res.status).toBe(200)
  // PostgreSQL writes JSON with spaces ("createdBy" : 1), SQLite without.
  const text = (await res.text()).replaceAll(
    /"(createdBy|assigneeId|authorId|actorId|userId)"\s*:\s*(\d+)/g,
    (all, key, id) => (Number(id) === userId ? `"${key}":${as.id}` : all),
  )
  const doc = JSON.parse(text) as WorkspaceExport
  for (const u of doc.users) {
    if (u.id !== userId) continue
    Object.assign(u, { id: as.id, name: as.name, email: as.email })
  }
  for (const c of doc.comments) c.authorName = null
  for (const a of doc.activity) a.actorName = null
  return doc
}

const task = async (t: TestApp, title: string) =>
  (await t.sql<{ id: number }>('select id from tasks where title = ?', [title]))[0]!

/** The task of that title as the owner reads it through the API. */
async function taskAsRead(t: TestApp, owner: Caller, ws: number, title: string) {
  const res = await t.request(
    'GET',
    `/api/workspaces/${ws}/tasks/${(await task(t, title)).id}`,
    undefined,
    owner,
  )
  expect(res.status).toBe(200)
  return res.body as Json
}

describe('a workspace file passes the grant checks of the API', () => {
  test('a role with a permission the importer lacks is refused with 403 naming it, and nothing is written', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const importer = await importerWith(t, owner, ws, [
      'product.view',
      'product.manage',
      'requirement.view',
      'requirement.create',
      'task.view',
      'task.create',
      'comment.create',
      'role.manage',
      'import',
    ])
    const doc = await exportedWorkspace({ id: 1, name: 'Ann Author', email: 'author@example.com' })
    doc.roles.push({
      id: 900,
      name: 'Hook admins',
      builtIn: null,
      permissions: ['product.view', 'webhook.manage'],
    })

    const before = {
      roles: await count(t, 'roles'),
      products: await count(t, 'products'),
      tasks: await count(t, 'tasks'),
    }
    for (const dryRun of [true, false]) {
      const refused = await importKeel(t, importer, ws, doc, dryRun)
      expect(refused.status).toBe(403)
      expect(refused.body.error.code).toBe('forbidden')
      expect(refused.body.error.message).toBe(
        'You cannot grant permissions you do not have: webhook.manage (the role "Hook admins", roles[6] of the file)',
      )
      expect(refused.body.error.details).toMatchObject({ permissions: ['webhook.manage'] })
    }
    expect({
      roles: await count(t, 'roles'),
      products: await count(t, 'products'),
      tasks: await count(t, 'tasks'),
    }).toEqual(before)

    // The owner holds every permission, so the same file brings the role over.
    const applied = await importKeel(t, owner, ws, doc)
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    const roles = await t.request('GET', `/api/workspaces/${ws}/roles`, undefined, owner)
    expect(roles.body.find((r: Json) => r.name === 'Hook admins')?.permissions).toEqual([
      'product.view',
      'webhook.manage',
    ])
  })

  test('a role naming a permission Keel does not have is refused with 400 naming the place', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const doc = await exportedWorkspace({ id: 1, name: 'Ann Author', email: 'author@example.com' })
    doc.roles.push({ id: 900, name: 'Gods', builtIn: null, permissions: ['product.view', 'superuser'] })
    const roles = await count(t, 'roles')
    const res = await importKeel(t, owner, ws, doc)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_input')
    const at = `roles[${doc.roles.length - 1}].permissions[1]`
    expect(res.body.error.message).toBe(`${at}: "superuser" is not a Keel permission`)
    expect(res.body.error.details.path).toBe(at)
    expect(await count(t, 'roles')).toBe(roles)
  })

  test("an importer who may not assign tasks leaves the file's tasks unassigned", async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const importer = await importerWith(t, owner, ws, [
      'product.view',
      'product.manage',
      'requirement.create',
      'task.view',
      'task.create',
      'comment.create',
      'import',
    ])
    await victorJoins(t, owner, ws, 'Victor')
    const doc = await exportedWorkspace({ id: 1, name: 'Victor', email: 'victor@example.com' })
    const res = await importKeel(t, importer, ws, doc)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const wired = await taskAsRead(t, owner, ws, 'Wire the board')
    expect(wired.assignee).toBeNull()
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ code: 'keelAssignSkipped' }))
  })

  test("the file's members and product narrowing widen nobody: a narrowed member keeps their role and products and is not assigned work they cannot see", async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws, productId } = await workspaceWithProduct(t, 'OWN')
    const victor = await victorJoins(t, owner, ws, 'Victor', [productId])
    // The file says Victor is an owner of the whole workspace, and gives him its task.
    const doc = await exportedWorkspace({ id: victor.userId, name: 'Victor', email: 'victor@example.com' })
    const ownerRole = doc.roles.find((r) => r.builtIn === 'owner')!
    Object.assign(doc.users.find((u) => u.id === victor.userId)!, {
      member: true,
      roleId: ownerRole.id,
      productIds: null,
    })
    const res = await importKeel(t, owner, ws, doc)
    expect(res.status, JSON.stringify(res.body)).toBe(200)

    const members = await t.request('GET', `/api/workspaces/${ws}/members`, undefined, owner)
    const member = (members.body.items ?? members.body).find(
      (m: Json) => m.userId === victor.userId || m.email === 'victor@example.com',
    )
    expect(member).toMatchObject({
      roleId: await t.roleId(owner, ws, 'developer'),
      productIds: [productId],
    })
    const seen = await t.request('GET', `/api/workspaces/${ws}/products`, undefined, victor.caller)
    expect(seen.body.items.map((p: Json) => p.key)).toEqual(['OWN'])
    const wired = await taskAsRead(t, owner, ws, 'Wire the board')
    expect(wired.assignee).toBeNull()
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({ code: 'keelPersonNarrowed', params: expect.objectContaining({ tasks: 1 }) }),
    )
  })
})

// Generated from what each file holds: the permissions it needs are those an importer holding none would
// miss (server/features/imports/grants.ts), and an importer lacking any one of them is refused.
describe('an import writes only what its importer could write through the API', () => {
  const BASE = ['product.view', 'requirement.view', 'task.view', 'customer.view', 'iteration.view', 'import']
  const needed = (byKind: Record<string, { created: number; updated: number }>) => [
    ...new Set(missingGrants(new Set(), byKind).map((m) => m.permission)),
  ]

  test('a workspace file: without any one permission its records need, 403 naming it, nothing written', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const doc = await exportedWorkspace({ id: 1, name: 'Ann Author', email: 'author@example.com' })
    doc.customers.push({
      id: 700,
      name: 'Hanse Metallwerk',
      industry: 'Steel',
      tier: 'key',
      contractValue: 120_000,
      contact: '',
      note: '',
      createdAt: NOW,
      updatedAt: NOW,
    })
    const preview = await importKeel(t, owner, ws, doc, true)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    const permissions = needed(preview.body.byKind)
    expect(permissions).toEqual(
      expect.arrayContaining(['product.manage', 'requirement.create', 'task.create', 'customer.manage']),
    )
    const before = { products: await count(t, 'products'), requirements: await count(t, 'requirements') }
    for (const [i, lacking] of permissions.entries()) {
      const role = await t.request(
        'POST',
        `/api/workspaces/${ws}/roles`,
        { name: `Without ${lacking}`, permissions: [...BASE, ...permissions.filter((p) => p !== lacking)] },
        owner,
      )
      const member = await t.addMemberWithRole(owner, ws, role.body.id, `importer${i}@example.com`)
      for (const dryRun of [true, false]) {
        const refused = await importKeel(t, member.caller, ws, doc, dryRun)
        expect(refused.status, `${lacking} ${JSON.stringify(refused.body)}`).toBe(403)
        expect(refused.body.error.message).toContain(lacking)
        // product.manage is asked for first, for the whole file; the others record by record.
        if (lacking !== 'product.manage')
          expect(refused.body.error.details.missing.map((m: Json) => m.permission)).toEqual([lacking])
      }
    }
    expect({ products: await count(t, 'products'), requirements: await count(t, 'requirements') }).toEqual(
      before,
    )
    const allowed = await importerWith(t, owner, ws, [...BASE, ...permissions])
    expect((await importKeel(t, allowed, ws, doc)).status).toBe(200)
  })

  test('a CSV file: creating tasks needs task.create, changing them on re-import task.update', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const csv =
      'Key,Title,Type\nOPS-1,Calibrate the torque sensors,Task\nOPS-2,Andon board shows the stop reason,Story\n'
    const preview = await upload(t, owner, ws, csv, { productId, dryRun: true })
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(needed(preview.body.byKind).sort()).toEqual(['requirement.create', 'task.create'])

    const importer = await importerWith(t, owner, ws, [...BASE, 'requirement.create', 'requirement.update'])
    const refused = await upload(t, importer, ws, csv, { productId })
    expect(refused.status).toBe(403)

    expect(refused.body.error.details.missing).toEqual([
      { kind: 'task', action: 'create', count: 1, permission: 'task.create' },
    ])
    expect((await count(t, 'requirements')) + (await count(t, 'tasks'))).toBe(0)

    expect((await upload(t, owner, ws, csv, { productId })).status).toBe(200)
    const renamed = csv.replace('Calibrate the torque sensors', 'Calibrate the torque sensors again')
    const update = await upload(t, importer, ws, renamed, { productId })
    expect(update.status).toBe(403)
    expect(update.body.error.details.missing).toEqual([
      { kind: 'task', action: 'update', count: 1, permission: 'task.update' },
    ])
  })
})

describe('imported comments and history are never attributed to an account', () => {
  test('a workspace file naming a member by name, email and id: comments, history and "created by" keep the name only; the task is still assigned', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws } = await t.setup()
    const victor = await victorJoins(t, owner, ws, 'Victor Victim')
    const doc = await exportedWorkspace({
      id: victor.userId,
      name: 'Victor Victim',
      email: 'victor@example.com',
    })
    const res = await importKeel(t, owner, ws, doc)
    expect(res.status, JSON.stringify(res.body)).toBe(200)

    const found = await t.request('GET', `/api/workspaces/${ws}/items/SRC-1`, undefined, owner)
    expect(found.status).toBe(200)
    const requirement = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${found.body.id}`,
      undefined,
      owner,
    )
    expect(requirement.body.createdBy).toBeNull()
    const comments = await t.request(
      'GET',
      `/api/workspaces/${ws}/requirements/${found.body.id}/comments`,
      undefined,
      owner,
    )
    expect(comments.body.items).toEqual([
      expect.objectContaining({ body: 'Approved by me', author: null, authorName: 'Victor Victim' }),
    ])
    const history = await t.request('GET', `/api/workspaces/${ws}/activity?limit=500`, undefined, owner)
    const products = await t.request('GET', `/api/workspaces/${ws}/products`, undefined, owner)
    const src = products.body.items.find((p: Json) => p.key === 'SRC').id
    const imported = history.body.items.filter(
      (a: Json) => a.productId === src && a.entityType !== 'import_run',
    )
    expect(imported.length).toBeGreaterThan(2)
    for (const entry of imported) expect(entry).toMatchObject({ actor: null, actorName: 'Victor Victim' })
    for (const entry of imported)
      for (const snapshot of [entry.before, entry.after])
        for (const key of ['createdBy', 'authorId', 'actorId'])
          if (snapshot && key in snapshot) expect(snapshot[key], key).toBeNull()

    // Assigning work is not authorship: the task goes to the member the file names, who may see it.
    const wired = await taskAsRead(t, owner, ws, 'Wire the board')
    expect(wired.assignee).toMatchObject({ id: victor.userId })
    expect(
      await t.sql('select count(*) as n from comments where author_id = ? or author_id is not null', [
        victor.userId,
      ]),
    ).toEqual([{ n: 0 }])
  })

  const files: { format: string; title: string; file: string }[] = [
    {
      format: 'jira-json',
      title: 'Wire the andon board',
      file: JSON.stringify({
        issues: [
          {
            id: '10001',
            key: 'MES-1',
            fields: {
              summary: 'Wire the andon board',
              issuetype: { name: 'Task' },
              status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } },
              assignee: { displayName: 'victor', emailAddress: 'victor@example.com' },
              reporter: { displayName: 'victor', emailAddress: 'victor@example.com' },
              created: '2026-10-01T09:00:00.000+0000',
              updated: '2026-10-02T10:00:00.000+0000',
              comment: {
                comments: [
                  {
                    id: '1',
                    author: { displayName: 'victor' },
                    created: '2026-10-02T09:00:00.000+0000',
                    body: 'Mine',
                  },
                ],
              },
            },
            changelog: {
              histories: [
                {
                  id: '1',
                  author: { displayName: 'victor', emailAddress: 'victor@example.com' },
                  created: '2026-10-02T10:00:00.000+0000',
                  items: [{ field: 'status', fromString: 'To Do', toString: 'In Progress' }],
                },
              ],
            },
          },
        ],
      }),
    },
    {
      format: 'jira-csv',
      title: 'Wire the andon board',
      file: 'Issue key,Summary,Issue Type,Status,Reporter,Assignee,Comment\nMES-1,Wire the andon board,Task,In Progress,victor,victor,"01/Oct/26 9:00 AM;victor;Mine"\n',
    },
    {
      format: 'zentao-csv',
      title: '接线',
      file: '编号,任务名称,任务状态,由谁创建,指派给\n1,接线,进行中,victor,victor\n',
    },
    {
      format: 'github-json',
      title: 'Scanner drops the first read',
      file: JSON.stringify([
        {
          number: 7,
          title: 'Scanner drops the first read',
          state: 'open',
          labels: [{ name: 'bug' }],
          user: { login: 'victor' },
          assignee: { login: 'victor' },
          created_at: '2026-10-01T09:00:00Z',
          updated_at: '2026-10-02T09:00:00Z',
          comments: [{ id: 1, user: { login: 'victor' }, created_at: '2026-10-02T09:00:00Z', body: 'Mine' }],
        },
      ]),
    },
  ]
  for (const { format, title, file } of files) {
    test(`${format}: a reporter, commenter or changer named like a member stays a name; the assignee is still matched`, async () => {
      const t = makeApp({ start: NOW })
      const { owner, ws, productId, userId: ownerId } = await workspaceWithProduct(t)
      const victor = await victorJoins(t, owner, ws, 'victor')
      const res = await upload(t, owner, ws, file, { productId })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.format).toBe(format)

      const id = (await task(t, title)).id
      const imported = await t.request('GET', `/api/workspaces/${ws}/tasks/${id}`, undefined, owner)
      expect(imported.body.assignee).toMatchObject({ id: victor.userId })
      const history = await t.request(
        'GET',
        `/api/workspaces/${ws}/activity?entityType=task&entityId=${id}`,
        undefined,
        owner,
      )
      // The file's history is in its own names; the one line that is Keel's own says who imported it.
      const items = history.body.items as { action: string }[]
      const fromFile = items.filter((e) => e.action !== 'imported')
      const ours = items.filter((e) => e.action === 'imported')
      expect(fromFile.length).toBeGreaterThan(0)
      for (const entry of fromFile) expect(entry).toMatchObject({ actor: null, actorName: 'victor' })
      expect(ours).toEqual([expect.objectContaining({ actor: expect.objectContaining({ id: ownerId }) })])
      const comments = await t.request('GET', `/api/workspaces/${ws}/tasks/${id}/comments`, undefined, owner)
      for (const comment of comments.body.items)
        expect(comment).toMatchObject({ author: null, authorName: 'victor' })
    })
  }

  test('an importer who may not assign tasks leaves a CSV assignee unmatched, with a warning', async () => {
    const t = makeApp({ start: NOW })
    const { owner, ws, productId } = await workspaceWithProduct(t)
    const importer = await importerWith(t, owner, ws, [
      'product.view',
      'requirement.view',
      'task.view',
      'task.create',
      'import',
    ])
    await victorJoins(t, owner, ws, 'victor')
    const res = await upload(t, importer, ws, 'Title,Type,Assignee\nWire the andon board,Task,victor\n', {
      productId,
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const imported = await taskAsRead(t, owner, ws, 'Wire the andon board')
    expect(imported.assignee).toBeNull()
    expect(res.body.warnings).toContainEqual(expect.objectContaining({ code: 'assignSkipped' }))
  })
})

// Helpers for the product-domain tests: a fresh app with an owner and a product, short calls under the
// workspace path, creators that fail loudly, and direct SQL snapshots to prove what was (not) written.
import { type Caller, makeApp, type TestApp } from './app'

// biome-ignore lint/suspicious/noExplicitAny: each test reads the fields it asserts on
export type Json = any

export interface Res {
  status: number
  body: Json
  headers: Headers
}

/** Tables of the product domain (plus the activity log) whose rows a failed request must leave alone. */
export const DOMAIN_TABLES = [
  'products',
  'modules',
  'customers',
  'requirements',
  'customer_asks',
  'iterations',
  'tasks',
  'releases',
  'comments',
  'activity',
] as const

export type Domain = Awaited<ReturnType<typeof domainApp>>

/** A fresh app on its own in-memory database, its owner logged in, and calls scoped to the workspace. */
export async function domainApp(options: Parameters<typeof makeApp>[0] = {}) {
  const t = makeApp(options)
  const { owner, ws, userId } = await t.setup()
  return withWorkspace(t, owner, ws, userId)
}

/** Calls and creators for one caller in one workspace. */
export function withWorkspace(t: TestApp, caller: Caller, ws: number, userId: number) {
  const base = `/api/workspaces/${ws}`

  /** A request under /api/workspaces/:ws (path starts with '/'). */
  const api = (
    method: string,
    path: string,
    body?: unknown,
    as: Caller = caller,
    headers: Record<string, string> = {},
  ): Promise<Res> => t.request(method, `${base}${path}`, body, as, headers)

  /** A call that must answer `status`; anything else throws with the answer, so setup never fails silently. */
  async function ok(method: string, path: string, body?: unknown, status = 200, as: Caller = caller) {
    const res = await api(method, path, body, as)
    if (res.status !== status) {
      throw new Error(`${method} ${path} → ${res.status} (expected ${status}): ${JSON.stringify(res.body)}`)
    }
    return res.body as Json
  }

  const product = (key = 'MES', name = `${key} product`) => ok('POST', '/products', { key, name }, 201)
  const requirement = (productId: number, fields: Record<string, unknown> = {}) =>
    ok('POST', `/products/${productId}/requirements`, { title: 'A requirement', ...fields }, 201)
  const iteration = (productId: number, fields: Record<string, unknown> = {}) =>
    ok(
      'POST',
      `/products/${productId}/iterations`,
      {
        name: 'Sprint',
        startDate: '2026-11-09',
        endDate: '2026-11-20',
        capacity: 10,
        stabilityBudgetPercent: 20,
        ...fields,
      },
      201,
    )
  const task = (fields: Record<string, unknown>) =>
    ok('POST', '/tasks', { kind: 'chore', title: 'A task', ...fields }, 201)
  const customer = (fields: Record<string, unknown> = {}) =>
    ok('POST', '/customers', { name: 'A customer', ...fields }, 201)
  const module = (productId: number, fields: Record<string, unknown> = {}) =>
    ok('POST', `/products/${productId}/modules`, { name: 'A module', ...fields }, 201)
  const release = (productId: number, fields: Record<string, unknown> = {}) =>
    ok('POST', `/products/${productId}/releases`, { name: 'v1', targetDate: '2026-12-31', ...fields }, 201)
  const transition = (id: number, to: string, reason?: string) =>
    ok('POST', `/requirements/${id}/transition`, reason === undefined ? { to } : { to, reason })
  const move = (taskId: number, body: Record<string, unknown>) => ok('POST', `/tasks/${taskId}/move`, body)

  /** A member with a custom role made of exactly these permissions, logged in. */
  async function memberWithPermissions(permissions: string[], email: string, productIds?: number[]) {
    const role = await ok('POST', '/roles', { name: `custom ${email}`, permissions }, 201)
    return t.addMemberWithRole(caller, ws, role.id, email, productIds, email)
  }

  return {
    t,
    owner: caller,
    ws,
    userId,
    base,
    api,
    ok,
    product,
    requirement,
    iteration,
    task,
    customer,
    module,
    release,
    transition,
    move,
    memberWithPermissions,
  }
}

// The direct reads run on either engine (`t.sql`), so every suite can prove what was (not) written.

/** Every row of a table, ordered by id, straight from the database (either engine). */
export async function rows(t: TestApp, table: string): Promise<Record<string, unknown>[]> {
  return t.sql(`select * from ${table} order by id`)
}

/** How many rows of a table match `where` (`?` parameters), straight from the database (either engine). */
export async function count(
  t: TestApp,
  table: string,
  where = '1 = 1',
  ...params: unknown[]
): Promise<number> {
  const [row] = await t.sql<{ n: number }>(`select count(*) as n from ${table} where ${where}`, params)
  return row!.n
}

/** The whole product domain as JSON text (either engine): equal snapshots mean nothing was written. */
export async function snapshot(t: TestApp): Promise<string> {
  const tables: [string, Record<string, unknown>[]][] = []
  for (const table of DOMAIN_TABLES) tables.push([table, await rows(t, table)])
  return JSON.stringify(Object.fromEntries(tables))
}

/** One requirement row straight from the database (either engine). */
export async function requirementRow(t: TestApp, id: number): Promise<Record<string, unknown> | undefined> {
  return (await t.sql('select * from requirements where id = ?', [id]))[0]
}

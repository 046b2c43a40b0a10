// Reads Keel's own workspace export (format "keel-workspace", see exports/workspace-json.ts) and checks
// it whole before anything is written: the schema, then every reference between its sections. A file
// that fails names the first bad place as a path (`tasks[3].requirementId`), like the row and column of
// a spreadsheet import. The sections are checked record by record, handing the event loop back as
// they go (see pacer.ts): a large workspace is hundreds of thousands of records.
import { z } from 'zod'
import { isPermission } from '../../lib/permissions'
import { WORKSPACE_EXPORT_FORMAT, WORKSPACE_EXPORT_VERSION, WorkspaceExport } from '../exports/workspace-json'
import { ImportFailure, type ParsedFile } from './model'
import { pacer } from './pacer'

/** `tasks[3].requirementId` from zod's ['tasks', 3, 'requirementId']. */
export function pathOf(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('')
}

const fail = (path: string, message: string, extra: Record<string, unknown> = {}): never => {
  throw new ImportFailure(`${path}: ${message}`, { path, ...extra })
}

/** Validates a parsed JSON document as a Keel workspace export whose references all resolve. */
export async function readKeelExport(root: unknown): Promise<WorkspaceExport> {
  if (typeof root !== 'object' || root === null || Array.isArray(root))
    fail('(root)', 'a Keel workspace export is a JSON object')
  const head = root as Record<string, unknown>
  if (head.format !== WORKSPACE_EXPORT_FORMAT)
    fail('format', `this is not a Keel workspace export (expected "${WORKSPACE_EXPORT_FORMAT}")`)
  if (head.version !== WORKSPACE_EXPORT_VERSION)
    fail(
      'version',
      `version ${JSON.stringify(head.version)} of the Keel workspace export is not supported (this Keel reads version ${WORKSPACE_EXPORT_VERSION})`,
    )
  const { doc, issues } = await validate(head)
  const first = issues[0]
  if (first) fail(first.path, first.message, { issues })
  checkReferences(doc)
  return doc
}

const MAX_ISSUES = 20

/** WorkspaceExport.safeParse, one record at a time: the same output and the same issues (the first 20). */
async function validate(root: Record<string, unknown>) {
  const out: Record<string, unknown> = {}
  const issues: { path: string; message: string }[] = []
  const report = (path: PropertyKey[], error: z.ZodError) => {
    for (const issue of error.issues)
      issues.push({ path: pathOf([...path, ...issue.path]), message: issue.message })
  }
  const pace = pacer()
  for (const [key, field] of Object.entries(WorkspaceExport.shape)) {
    const value = root[key]
    // A section later versions added is optional (it defaults to none): checked like the others when there.
    const schema = field instanceof z.ZodDefault && value !== undefined ? field.unwrap() : field
    if (schema instanceof z.ZodArray && Array.isArray(value)) {
      const rows: unknown[] = []
      for (const [index, record] of value.entries()) {
        await pace()
        const parsed = schema.element.safeParse(record)
        if (parsed.success) rows.push(parsed.data)
        else report([key, index], parsed.error)
        if (issues.length >= MAX_ISSUES) break
      }
      out[key] = rows
    } else {
      const parsed = schema.safeParse(value)
      if (parsed.success) out[key] = parsed.data
      else report([key], parsed.error)
    }
    if (issues.length >= MAX_ISSUES) break
  }
  return { doc: out as WorkspaceExport, issues: issues.slice(0, MAX_ISSUES) }
}

/** Every reference inside the document points at a record of the document (and of the same product). */
function checkReferences(doc: WorkspaceExport) {
  const index = <T extends { id: number }>(section: string, rows: readonly T[]) => {
    const byId = new Map<number, T>()
    rows.forEach((row, i) => {
      if (byId.has(row.id)) fail(`${section}[${i}].id`, `the id ${row.id} appears twice`)
      byId.set(row.id, row)
    })
    return byId
  }
  const users = index('users', doc.users)
  const roles = index('roles', doc.roles)
  const customers = index('customers', doc.customers)
  const products = index('products', doc.products)
  const modules = new Map<number, (typeof doc.modules)[number]>()
  const releases = index('releases', doc.releases)
  const iterations = index('iterations', doc.iterations)
  const requirements = index('requirements', doc.requirements)
  const tasks = index('tasks', doc.tasks)
  index('asks', doc.asks)
  const comments = index('comments', doc.comments)
  index('attachments', doc.attachments)
  index('activity', doc.activity)

  const ref = (
    path: string,
    id: number | null,
    byId: ReadonlyMap<number, object>,
    what: string,
    productId?: number,
  ) => {
    if (id === null) return
    const target = byId.get(id)
    if (!target) return fail(path, `refers to ${what} ${id}, which is not in the file`)
    if (productId !== undefined && 'productId' in target && target.productId !== productId)
      fail(path, `refers to ${what} ${id} of another product`)
  }

  doc.roles.forEach((r, i) => {
    r.permissions.forEach((p, j) => {
      if (!isPermission(p)) fail(`roles[${i}].permissions[${j}]`, `"${p}" is not a Keel permission`)
    })
  })
  const emails = new Set<string>()
  doc.users.forEach((u, i) => {
    const email = u.email.trim().toLowerCase()
    if (emails.has(email)) fail(`users[${i}].email`, `${u.email} appears twice`)
    emails.add(email)
    ref(`users[${i}].roleId`, u.roleId, roles, 'role')
    u.productIds?.forEach((p, j) => {
      ref(`users[${i}].productIds[${j}]`, p, products, 'product')
    })
  })
  const keys = new Set<string>()
  doc.products.forEach((p, i) => {
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(p.key))
      fail(`products[${i}].key`, 'a key is 2–10 upper-case letters or digits, starting with a letter')
    if (keys.has(p.key)) fail(`products[${i}].key`, `the key ${p.key} appears twice`)
    keys.add(p.key)
  })
  doc.modules.forEach((m, i) => {
    ref(`modules[${i}].productId`, m.productId, products, 'product')
    // Parents come first, so a parent that is not yet known is missing (or a cycle).
    ref(`modules[${i}].parentId`, m.parentId, modules, 'module (listed before it)', m.productId)
    if (modules.has(m.id)) fail(`modules[${i}].id`, `the id ${m.id} appears twice`)
    modules.set(m.id, m)
  })
  doc.releases.forEach((r, i) => {
    ref(`releases[${i}].productId`, r.productId, products, 'product')
  })
  doc.iterations.forEach((it, i) => {
    ref(`iterations[${i}].productId`, it.productId, products, 'product')
    ref(`iterations[${i}].releaseId`, it.releaseId, releases, 'release', it.productId)
  })
  // Requirements and tasks share their product's numbers; requirements also have unique ranks.
  const numbers = new Set<string>()
  const number = (path: string, productId: number, n: number, key: string) => {
    const product = products.get(productId)
    if (product && key !== `${product.key}-${n}`) fail(`${path}.key`, `${key} is not ${product.key}-${n}`)
    if (numbers.has(`${productId}:${n}`)) fail(`${path}.number`, `${key} appears twice`)
    numbers.add(`${productId}:${n}`)
  }
  const ranks = new Set<string>()
  doc.requirements.forEach((r, i) => {
    const path = `requirements[${i}]`
    ref(`${path}.productId`, r.productId, products, 'product')
    number(path, r.productId, r.number, r.key)
    if (ranks.has(`${r.productId}:${r.rank}`)) fail(`${path}.rank`, `the rank ${r.rank} appears twice`)
    ranks.add(`${r.productId}:${r.rank}`)
    ref(`${path}.moduleId`, r.moduleId, modules, 'module', r.productId)
    ref(`${path}.iterationId`, r.iterationId, iterations, 'iteration', r.productId)
    ref(`${path}.releaseId`, r.releaseId, releases, 'release', r.productId)
    ref(`${path}.createdBy`, r.createdBy, users, 'user')
  })
  const asked = new Set<string>()
  doc.asks.forEach((a, i) => {
    ref(`asks[${i}].requirementId`, a.requirementId, requirements, 'requirement')
    ref(`asks[${i}].customerId`, a.customerId, customers, 'customer')
    ref(`asks[${i}].createdBy`, a.createdBy, users, 'user')
    if (asked.has(`${a.requirementId}:${a.customerId}`))
      fail(`asks[${i}]`, `customer ${a.customerId} asks for requirement ${a.requirementId} twice`)
    asked.add(`${a.requirementId}:${a.customerId}`)
  })
  doc.tasks.forEach((t, i) => {
    const path = `tasks[${i}]`
    ref(`${path}.productId`, t.productId, products, 'product')
    number(path, t.productId, t.number, t.key)
    ref(`${path}.requirementId`, t.requirementId, requirements, 'requirement', t.productId)
    ref(`${path}.iterationId`, t.iterationId, iterations, 'iteration', t.productId)
    ref(`${path}.customerId`, t.customerId, customers, 'customer')
    ref(`${path}.assigneeId`, t.assigneeId, users, 'user')
    ref(`${path}.createdBy`, t.createdBy, users, 'user')
  })
  doc.comments.forEach((c, i) => {
    ref(`comments[${i}].productId`, c.productId, products, 'product')
    const targets = c.entityType === 'requirement' ? requirements : tasks
    ref(`comments[${i}].entityId`, c.entityId, targets, c.entityType, c.productId)
    ref(`comments[${i}].authorId`, c.authorId, users, 'user')
  })
  const attachable = { requirement: requirements, task: tasks, comment: comments }
  doc.attachments.forEach((a, i) => {
    ref(`attachments[${i}].productId`, a.productId, products, 'product')
    ref(`attachments[${i}].entityId`, a.entityId, attachable[a.entityType], a.entityType, a.productId)
    ref(`attachments[${i}].uploadedBy`, a.uploadedBy, users, 'user')
  })
  // History may mention records deleted since (they are not in the file), but not unknown people.
  doc.activity.forEach((a, i) => {
    ref(`activity[${i}].actorId`, a.actorId, users, 'user')
  })
}

/** The generic parser entry: a workspace export is not one product's items, so it has its own path. */
export function parseKeelJson(_root: unknown): ParsedFile {
  throw new ImportFailure(
    'A Keel workspace export imports a whole workspace: send it with the format keel-json (no product needed)',
    { format: 'keel-json' },
  )
}

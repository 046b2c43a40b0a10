// Creates the demo workspace through the same services people use, on a simulated clock that walks
// through the last weeks, so the activity history (and every chart built from it) is real.
import type { Db } from '../../../db/client'
import type { AppDeps, ServiceContext } from '../../lib/context'
import { hashPassword, newToken } from '../../lib/crypto'
import { isPermission } from '../../lib/permissions'
import { type WriteFrame, write } from '../../lib/write'
import { authRepo } from '../auth/repo'
import { addComment } from '../comments/service'
import { createCustomer } from '../customers/service'
import { createIteration, planProduct, updateIteration } from '../iterations/service'
import { createModule } from '../modules/service'
import { createProduct } from '../products/service'
import { createRelease, updateRelease } from '../releases/service'
import { addAsk, createRequirement, transitionRequirement } from '../requirements/service'
import { createTask, moveTask } from '../tasks/service'
import { workspaceRepo } from '../workspaces/repo'
import { createWorkspace } from '../workspaces/service'
import {
  DEMO_CUSTOMERS,
  DEVELOPERS,
  type DemoRequirement,
  MES_MODULES,
  MES_REQUIREMENTS,
  MES_STABILITY,
  SRM_MODULES,
  SRM_REQUIREMENTS,
  SRM_STABILITY,
} from './data'

const DAY = 86_400_000

/** A small seeded PRNG (mulberry32) so the demo is the same every time. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const dateOf = (d: Date) => d.toISOString().slice(0, 10)

interface ProductSpec {
  key: string
  name: string
  description: string
  modules: Record<string, string[]>
  requirements: DemoRequirement[]
  stability: readonly {
    title: string
    category: string
    risk: string
    estimate: number
    customer?: number
    incident?: string
  }[]
  taskNames: [string, string, string, string]
  sprint: string
  release: [string, string]
}

const PRODUCTS: ProductSpec[] = [
  {
    key: 'MES',
    name: '智能制造 MES',
    description: '面向离散制造工厂的生产执行系统：排产、报工、质量、设备。',
    modules: MES_MODULES,
    requirements: MES_REQUIREMENTS,
    stability: MES_STABILITY,
    taskNames: ['后端接口', '前端页面', '测试用例', '联调与上线'],
    sprint: '迭代',
    release: ['MES 2.3', 'MES 2.4'],
  },
  {
    key: 'SRM',
    name: 'Supplier Portal',
    description: 'A SaaS portal where suppliers onboard, bid, confirm orders and invoice.',
    modules: SRM_MODULES,
    requirements: SRM_REQUIREMENTS,
    stability: SRM_STABILITY,
    taskNames: ['API', 'UI', 'Tests', 'Integration and rollout'],
    sprint: 'Sprint',
    release: ['Portal 4.0', 'Portal 4.1'],
  },
]

/** Demo members who cannot log in (random passwords); reused if the demo is loaded twice. */
async function demoUsers(deps: AppDeps, db: Db, hash: string) {
  const users: { id: number; email: string; name: string }[] = []
  for (const d of DEVELOPERS) {
    users.push(
      (await authRepo.userByEmail(db, d.email)) ??
        (await authRepo.insertUser(db, {
          email: d.email,
          name: d.name,
          passwordHash: hash,
          createdAt: deps.clock.now().toISOString(),
        })),
    )
  }
  return users
}

/** The password hash of the demo members, who cannot log in: hashed ahead, not inside the seeding write. */
export const demoPasswordHash = () => hashPassword(newToken(16))

/** Runs `fn` on each item in turn (each a write that follows the one before), collecting the results. */
async function inOrder<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (const [i, item] of items.entries()) results.push(await fn(item, i))
  return results
}

/** Seeds a demo workspace owned by `ownerId`, all in one transaction: a failure leaves nothing behind. */
export async function seedDemo(deps: AppDeps, ownerId: number, workspaceName: string) {
  const hash = await demoPasswordHash()
  return seed(deps, ownerId, workspaceName, hash)
}

/**
 * Seeds the demo in one write (nested in `within`, if given): every service's write inside it is a
 * savepoint, and their events leave after the outermost commit.
 */
export function seed(
  deps: AppDeps,
  ownerId: number,
  workspaceName: string,
  hash: string,
  within?: WriteFrame,
) {
  return write({ deps, workspaceId: null, actorId: ownerId, within }, (tx, _record, frame) =>
    seedInTransaction(deps, tx, frame, ownerId, workspaceName, hash),
  )
}

async function seedInTransaction(
  realDeps: AppDeps,
  tx: Db,
  frame: WriteFrame,
  ownerId: number,
  workspaceName: string,
  hash: string,
) {
  const now = realDeps.clock.now()
  let simulated = new Date(now.getTime() - 30 * DAY)
  // The services it calls read what the demo wrote so far: their reads go to the write's connection.
  const deps: AppDeps = { ...realDeps, db: tx, clock: { now: () => new Date(simulated) } }
  const at = (daysFromToday: number, hour = 10) => {
    const d = new Date(now.getTime() + daysFromToday * DAY)
    d.setUTCHours(hour, 0, 0, 0)
    simulated = d.getTime() > now.getTime() ? new Date(now) : d
  }
  const rand = random(42)
  const users = await demoUsers(deps, deps.db, hash)
  const workspace = await createWorkspace(deps, ownerId, workspaceName, frame)
  const owner = (await authRepo.userById(deps.db, ownerId))!
  const membership = (await workspaceRepo.membership(deps.db, workspace.id, ownerId))!
  const ctx: ServiceContext = {
    deps,
    within: frame,
    user: owner,
    membership: {
      workspaceId: workspace.id,
      memberId: membership.memberId,
      roleId: membership.roleId,
      permissions: new Set(membership.permissions.filter(isPermission)),
      productIds: null,
    },
  }
  const developerRole = (await workspaceRepo.builtInRole(deps.db, workspace.id, 'developer'))!
  for (const u of users) {
    await workspaceRepo.insertMember(deps.db, {
      workspaceId: workspace.id,
      userId: u.id,
      roleId: developerRole.id,
      createdAt: simulated.toISOString(),
    })
  }

  at(-30)
  const customers = []
  for (const c of DEMO_CUSTOMERS) customers.push(await createCustomer(ctx, { ...c }))
  const run: DemoRun = { ctx, now, at, rand, users, customers }
  for (const [p, spec] of PRODUCTS.entries()) await seedProduct(run, spec, p)
  return workspace
}

/** What every step of the demo shares: who acts, the simulated clock, the seeded random numbers. */
interface DemoRun {
  ctx: ServiceContext
  now: Date
  /** Moves the simulated clock to `daysFromToday` at `hour` (never past now). */
  at: (daysFromToday: number, hour?: number) => void
  rand: () => number
  users: { id: number }[]
  customers: { id: number }[]
}

/** One product: its structure, a ranked backlog with asks, three planned sprints, and their history. */
async function seedProduct(run: DemoRun, spec: ProductSpec, p: number) {
  const { ctx, now, at } = run
  at(-30, 11 + p)
  const product = await createProduct(ctx, { key: spec.key, name: spec.name, description: spec.description })
  const moduleIds = new Map<string, number>()
  for (const [parent, children] of Object.entries(spec.modules)) {
    const m = await createModule(ctx, product.id, { name: parent })
    moduleIds.set(parent, m.id)
    for (const child of children)
      moduleIds.set(child, (await createModule(ctx, product.id, { name: child, parentId: m.id })).id)
  }
  const releases = [
    await createRelease(ctx, product.id, {
      name: spec.release[0],
      targetDate: dateOf(new Date(now.getTime() - 9 * DAY)),
    }),
    await createRelease(ctx, product.id, {
      name: spec.release[1],
      targetDate: dateOf(new Date(now.getTime() + 19 * DAY)),
    }),
  ]
  const sprintSpecs = [
    { name: `${spec.sprint} 23`, start: -23, end: -10, release: releases[0]!.id },
    { name: `${spec.sprint} 24`, start: -9, end: 4, release: releases[1]!.id },
    { name: `${spec.sprint} 25`, start: 5, end: 18, release: releases[1]!.id },
  ]
  const sprints = await inOrder(sprintSpecs, (s, i) =>
    createIteration(ctx, product.id, {
      name: s.name,
      goal:
        i === 1 ? (p === 0 ? '完成扫码报工与移动点检上线' : 'Ship supplier self-registration and ASN') : '',
      startDate: dateOf(new Date(now.getTime() + s.start * DAY)),
      endDate: dateOf(new Date(now.getTime() + s.end * DAY)),
      capacity: 40,
      stabilityBudgetPercent: 20,
      releaseId: s.release,
      wipLimits: { doing: 6, review: 4 },
    }),
  )

  // The backlog: most requirements approved, the tail still in review or draft.
  const requirements = await inOrder(spec.requirements, async (d, i) => {
    at(-29 + Math.floor(i / 4), 9 + (i % 8))
    const status = i < spec.requirements.length * 0.7 ? 'approved' : i % 2 ? 'reviewing' : 'draft'
    const req = await createRequirement(ctx, product.id, {
      title: d.title,
      role: d.role,
      scenario: d.scenario,
      description:
        p === 0
          ? `**背景**：${d.scenario}。\n\n作为${d.role}，我需要${d.title}。`
          : `**Why**: ${d.scenario}.\n\nAs a ${d.role.toLowerCase()}, I need: ${d.title.toLowerCase()}.`,
      priority: d.priority,
      value: d.value,
      estimate: d.estimate,
      effort: d.estimate,
      source: d.source,
      moduleId: moduleIds.get(d.module) ?? null,
      acceptanceCriteria: d.acceptance.map((text) => ({ text, done: false })),
      status: status as 'approved' | 'reviewing' | 'draft',
    })
    for (const [ci, importance] of d.asks) {
      await addAsk(ctx, req.id, {
        customerId: run.customers[ci]!.id,
        importance,
        note:
          importance === 'critical'
            ? p === 0
              ? '影响产线节拍，合同续约前必须交付'
              : 'Blocks contract renewal'
            : '',
        promisedDate: importance === 'critical' ? dateOf(new Date(now.getTime() + (10 + i) * DAY)) : null,
      })
    }
    return req
  })

  // Plan all three sprints by rank, then close the first.
  at(-24, 9)
  const planned = await planProduct(ctx, product.id, {
    dryRun: false,
    iterationIds: sprints.map((s) => s.id),
  })

  const tasksBySprint = await seedTasks(run, spec, p, product.id, sprints, planned, requirements)
  await playSprints(run, p, { sprints, releases, planned, requirements, tasksBySprint })
}

/** Tasks: three per planned requirement, stability work spread over the sprints, a few bugs. */
async function seedTasks(
  run: DemoRun,
  spec: ProductSpec,
  p: number,
  productId: number,
  sprints: { id: number }[],
  planned: Awaited<ReturnType<typeof planProduct>>,
  requirements: { id: number; title: string; estimate: number | null }[],
) {
  const { ctx, users, customers } = run
  const tasksBySprint = new Map<number, number[]>(sprints.map((s) => [s.id, []]))
  for (const slot of planned.iterations) {
    for (const rid of slot.requirementIds) {
      const req = requirements.find((r) => r.id === rid)!
      const total = req.estimate ?? 3
      // Bigger requirements get an integration task as well.
      for (const [k, name] of spec.taskNames.slice(0, total >= 5 ? 4 : 3).entries()) {
        const task = await createTask(ctx, {
          productId: productId,
          kind: 'feature',
          title: `${req.title.slice(0, 40)} · ${name}`,
          requirementId: rid,
          iterationId: slot.id,
          estimate: Math.max(1, Math.round(total * [0.4, 0.3, 0.2, 0.1][k]! * 2) / 2),
          assigneeId: users[(rid + k) % users.length]!.id,
        })
        tasksBySprint.get(slot.id)!.push(task.id)
      }
    }
  }
  for (const [i, s] of spec.stability.entries()) {
    const sprint = sprints[i % 3]!
    const task = await createTask(ctx, {
      productId: productId,
      kind: 'stability',
      title: s.title,
      category: s.category as never,
      risk: s.risk as never,
      estimate: s.estimate,
      iterationId: sprint.id,
      customerId: s.customer === undefined ? null : customers[s.customer]!.id,
      incidentRef: s.incident ?? null,
      assigneeId: users[i % users.length]!.id,
    })
    tasksBySprint.get(sprint.id)!.push(task.id)
  }
  for (const [i, title] of (p === 0
    ? ['报工页面数量校验失效', '点检单离线同步重复提交']
    : ['ASN date shows in UTC', 'RFQ export drops Chinese characters']
  ).entries()) {
    const task = await createTask(ctx, {
      productId: productId,
      kind: 'bug',
      title,
      estimate: 1,
      iterationId: sprints[1]!.id,
      assigneeId: users[i + 1]!.id,
    })
    tasksBySprint.get(sprints[1]!.id)!.push(task.id)
  }

  return tasksBySprint
}

/** Sprint 23 worked through and released; sprint 24 half done with one task blocked; a comment. */
async function playSprints(
  run: DemoRun,
  p: number,
  s: {
    sprints: { id: number }[]
    releases: { id: number }[]
    planned: Awaited<ReturnType<typeof planProduct>>
    requirements: { id: number }[]
    tasksBySprint: Map<number, number[]>
  },
) {
  const { ctx, at, rand } = run
  const { sprints, releases, planned, requirements, tasksBySprint } = s
  // Sprint 23: started, worked through day by day, finished and released.
  at(-23, 9)
  await updateIteration(ctx, sprints[0]!.id, { status: 'active' }, undefined)
  await workThrough(ctx, tasksBySprint.get(sprints[0]!.id)!, -23, -10, 1, rand, at)
  at(-10, 17)
  for (const rid of planned.iterations[0]!.requirementIds) {
    const r = requirements.find((x) => x.id === rid)!
    try {
      await transitionRequirement(ctx, r.id, 'released', undefined)
    } catch {
      // Not every requirement reached testing in time; it stays as it is.
    }
  }
  await updateIteration(ctx, sprints[0]!.id, { status: 'closed' }, undefined)
  await updateRelease(ctx, releases[0]!.id, { status: 'released' }, undefined)

  // Sprint 24: active, about half done, one task blocked.
  at(-9, 9)
  await updateIteration(ctx, sprints[1]!.id, { status: 'active' }, undefined)
  await workThrough(ctx, tasksBySprint.get(sprints[1]!.id)!, -9, 0, 0.5, rand, at)
  const stuck = tasksBySprint.get(sprints[1]!.id)!.at(-3)
  if (stuck) {
    at(-1, 15)
    await moveTask(
      ctx,
      stuck,
      {
        status: 'blocked',
        blockedReason: p === 0 ? '等待客户提供 ERP 接口测试账号' : 'Waiting for the customer’s SSO metadata',
      },
      undefined,
    )
  }

  at(-2, 16)
  const first = requirements[0]!
  await addComment(
    ctx,
    'requirement',
    first.id,
    p === 0
      ? '华东精密希望 12 月中旬试运行，请优先保证**交期优先**规则。'
      : 'Nordic wants to pilot this with **three suppliers** first.',
  )
}

/** Moves tasks across the board, in time order, until `share` of them are done by `lastDay`. */
async function workThrough(
  ctx: ServiceContext,
  taskIds: readonly number[],
  firstDay: number,
  lastDay: number,
  share: number,
  rand: () => number,
  at: (day: number, hour?: number) => void,
) {
  const days = lastDay - firstDay
  const finishing = Math.round(taskIds.length * share)
  const moves: { day: number; hour: number; id: number; status: 'doing' | 'review' | 'done' }[] = []
  taskIds.forEach((id, i) => {
    const done = i < finishing
    const startDay = firstDay + Math.floor(rand() * Math.max(1, days * (done ? 0.6 : 0.9)))
    moves.push({ day: startDay, hour: 9 + (i % 6), id, status: 'doing' })
    if (!done) {
      if (rand() < 0.3) moves.push({ day: Math.min(lastDay, startDay + 2), hour: 16, id, status: 'review' })
      return
    }
    const reviewDay = Math.min(lastDay, startDay + 1 + Math.floor(rand() * 3))
    moves.push({ day: reviewDay, hour: 11 + (i % 4), id, status: 'review' })
    moves.push({ day: Math.min(lastDay, reviewDay + 1), hour: 15 + (i % 3), id, status: 'done' })
  })
  moves.sort((a, b) => a.day - b.day || a.hour - b.hour)
  for (const m of moves) {
    at(m.day, m.hour)
    await moveTask(ctx, m.id, { status: m.status }, undefined)
  }
}

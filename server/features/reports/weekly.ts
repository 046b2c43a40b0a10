// The weekly report (周报) of a product for an ISO week, in zh-CN or en, rebuilt from the activity
// history so any past week reads the same every time: done, in progress, blocked and risks, next
// week's plan, what shipped to which customers, and the share of stability work.
import { addDays, isoWeekOf } from '../../../domain/dates'
import type { ServiceContext } from '../../lib/context'
import { invalid } from '../../lib/errors'
import { escapeMarkdown } from '../../lib/markdown'
import { getProduct } from '../products/service'
import { requirementRepo } from '../requirements/repo'
import { visibleAsks } from './asks'
import { replayTasks, type TaskSnapshot } from './history'
import { reportRepo } from './repo'
import { isoWeek } from './service'

export type ReportLanguage = 'zh-CN' | 'en'

const WORDS = {
  en: {
    title: (product: string, week: string) => `Weekly report · ${product} · ${week}`,
    period: (from: string, to: string) => `${from} to ${to}`,
    done: 'Done this week',
    inProgress: 'In progress',
    blocked: 'Blocked and risks',
    next: "Next week's plan",
    shipped: 'Shipped to customers',
    stability: 'Stability work',
    stabilityShare: (share: number, points: number, total: number) =>
      `${share}% of the points finished this week were stability work (${points} of ${total}).`,
    none: 'Nothing.',
    blockedBecause: 'blocked',
    for: 'for',
    iteration: (name: string, from: string, to: string) => `${name} (${from} – ${to})`,
    goal: 'Goal',
    open: (n: number) => `${n} open`,
    overdue: (date: string) => `overdue since ${date}`,
  },
  'zh-CN': {
    title: (product: string, week: string) => `周报 · ${product} · ${week}`,
    period: (from: string, to: string) => `${from} 至 ${to}`,
    done: '本周完成',
    inProgress: '进行中',
    blocked: '阻塞与风险',
    next: '下周计划',
    shipped: '已交付客户',
    stability: '稳定性工作',
    stabilityShare: (share: number, points: number, total: number) =>
      `本周完成的点数中，稳定性工作占 ${share}%（${points} / ${total} 点）。`,
    none: '无。',
    blockedBecause: '阻塞',
    for: '交付给',
    iteration: (name: string, from: string, to: string) => `${name}（${from} – ${to}）`,
    goal: '目标',
    open: (n: number) => `${n} 项未完成`,
    overdue: (date: string) => `${date} 起逾期`,
  },
} as const

interface Line {
  key: string
  title: string
  detail?: string
}

const points = (t: TaskSnapshot) => (typeof t.estimate === 'number' ? t.estimate : 1)
const keyOf = (productKey: string, t: TaskSnapshot) => `${productKey}-${t.number as number}`
type Words = (typeof WORDS)[ReportLanguage]
type WeekActivity = Awaited<ReturnType<typeof reportRepo.activityBetween>>
type Iteration = Awaited<ReturnType<typeof reportRepo.iterationsOf>>[number]

/** A requirement released during the week, and the customers who asked for it. */
interface Shipped {
  requirement: { key: string; title: string }
  customers: string[]
}

/** The report's sections, as the API answers them. */
interface Sections {
  done: Line[]
  inProgress: Line[]
  blocked: Line[]
  overdue: Line[]
  nextWeek: Line[]
  shipped: { key: string; title: string; customers: string[] }[]
  stability: { share: number; points: number; totalPoints: number }
}

export async function weeklyReport(
  ctx: ServiceContext,
  productId: number,
  week: string | undefined,
  lang: ReportLanguage,
) {
  const product = await getProduct(ctx, productId)
  const now = ctx.deps.clock.now()
  const label = week ?? isoWeekOf(now).label
  const { start, end } = isoWeek(label)
  if (start > now.toISOString().slice(0, 10)) throw invalid('That week has not started yet', { week: label })
  const w = WORDS[lang]
  const { db } = ctx.deps
  const fromIso = `${start}T00:00:00.000Z`
  const toIso = `${end}T00:00:00.000Z`

  // Tasks as they stood at the end of the week, and what happened during it.
  const tasks = replayTasks(await reportRepo.productTaskHistory(db, productId, toIso))
  const week_ = await reportRepo.activityBetween(db, productId, fromIso, toIso)
  const { live, done, inProgress, blocked, overdue, stability } = tasksOfWeek([...tasks.values()], week_, end)
  const shipped = await shippedDuring(ctx, productId, product.key, week_)
  const next = await nextWeekIterations(ctx, productId, end, toIso)
  const openInIteration = (iterationId: number) =>
    live.filter((t) => t.iterationId === iterationId && t.status !== 'done').length

  const line = (t: TaskSnapshot): Line => ({ key: keyOf(product.key, t), title: String(t.title) })
  const sections: Sections = {
    done: done.map(line),
    inProgress: inProgress.map(line),
    blocked: blocked.map((t): Line => ({ ...line(t), detail: String(t.blockedReason ?? '') })),
    overdue: overdue.map((t): Line => ({ ...line(t), detail: String(t.dueDate) })),
    nextWeek: next.map(
      (i): Line => ({
        key: i.name,
        title: w.iteration(i.name, i.startDate, i.endDate),
        detail: [i.goal ? `${w.goal}: ${i.goal}` : '', w.open(openInIteration(i.id))]
          .filter(Boolean)
          .join(' · '),
      }),
    ),
    shipped: shipped.map((s) => ({
      key: s.requirement.key,
      title: s.requirement.title,
      customers: s.customers,
    })),
    stability,
  }
  const heading = { product: product.name, week: label, from: start, to: addDays(end, -1) }
  return {
    week: label,
    from: start,
    to: addDays(end, -1),
    lang,
    sections,
    markdown: `${weeklyMarkdown(w, heading, sections, next, openInIteration)}\n`,
  }
}

/** The week's tasks by section, and the share of the points finished that were stability work. */
function tasksOfWeek(tasks: TaskSnapshot[], activity: WeekActivity, end: string) {
  const doneIds = new Set(
    activity
      .filter((a) => a.entityType === 'task' && a.action === 'moved' && a.after?.status === 'done')
      .map((a) => a.entityId),
  )
  const live = tasks.filter((t) => !t.deleted)
  const done = live.filter((t) => doneIds.has(t.id) && t.status === 'done')
  const inProgress = live.filter((t) => t.status === 'doing' || t.status === 'review')
  const blocked = live.filter((t) => t.status === 'blocked')
  const lastDay = addDays(end, -1)
  const overdue = live.filter(
    (t) =>
      typeof t.dueDate === 'string' && t.dueDate < lastDay && t.status !== 'done' && t.status !== 'blocked',
  )
  const donePoints = done.reduce((s, t) => s + points(t), 0)
  const stabilityPoints = done.filter((t) => t.kind === 'stability').reduce((s, t) => s + points(t), 0)
  const share = donePoints > 0 ? Math.round((stabilityPoints / donePoints) * 100) : 0
  const stability = { share, points: stabilityPoints, totalPoints: donePoints }
  return { live, done, inProgress, blocked, overdue, stability }
}

/** Requirements released during the week, and the customers who asked for them. */
async function shippedDuring(
  ctx: ServiceContext,
  productId: number,
  productKey: string,
  activity: WeekActivity,
): Promise<Shipped[]> {
  const releasedIds = new Set(
    activity
      .filter(
        (a) =>
          a.entityType === 'requirement' && a.action === 'transitioned' && a.after?.status === 'released',
      )
      .map((a) => a.entityId),
  )
  const asks = await visibleAsks(ctx, productId)
  const shipped: Shipped[] = []
  for (const id of releasedIds) {
    const requirement = await requirementRepo.byId(ctx.deps.db, ctx.membership.workspaceId, id)
    if (!requirement) continue
    const customers = [...new Set(asks.filter((a) => a.requirement.id === id).map((a) => a.customer.name))]
    shipped.push({
      requirement: { key: `${productKey}-${requirement.number}`, title: requirement.title },
      customers,
    })
  }
  return shipped
}

/** Next week: iterations running during the following week, as they stood at the end of this one. */
async function nextWeekIterations(
  ctx: ServiceContext,
  productId: number,
  end: string,
  toIso: string,
): Promise<Iteration[]> {
  const nextStart = end
  const nextEnd = addDays(end, 6)
  return (await reportRepo.iterationsOf(ctx.deps.db, productId)).filter(
    (i) =>
      i.startDate <= nextEnd &&
      i.endDate >= nextStart &&
      i.createdAt < toIso &&
      (i.closedAt === null || i.closedAt >= toIso),
  )
}

/** The report as Markdown, section by section. */
function weeklyMarkdown(
  w: Words,
  heading: { product: string; week: string; from: string; to: string },
  sections: Sections,
  next: Iteration[],
  openInIteration: (iterationId: number) => number,
): string {
  // Everything people typed (titles, reasons, goals, names) is escaped; the report's own words are not.
  const md = escapeMarkdown
  const list = <T>(items: readonly T[], render: (item: T) => string) =>
    items.length ? items.map((item) => `- ${render(item)}`).join('\n') : w.none
  const { done, inProgress, blocked, overdue, shipped, stability } = sections
  return [
    `# ${w.title(md(heading.product), heading.week)}`,
    w.period(heading.from, heading.to),
    `## ${w.done} (${done.length})`,
    list(done, (l) => `${l.key} ${md(l.title)}`),
    `## ${w.inProgress} (${inProgress.length})`,
    list(inProgress, (l) => `${l.key} ${md(l.title)}`),
    `## ${w.blocked} (${blocked.length + overdue.length})`,
    list(
      [
        ...blocked.map((l) => ({ ...l, detail: `${w.blockedBecause}: ${md(l.detail ?? '')}` })),
        ...overdue.map((l) => ({ ...l, detail: w.overdue(l.detail ?? '') })),
      ],
      (l) => `${l.key} ${md(l.title)} — ${l.detail}`,
    ),
    `## ${w.next}`,
    list(next, (i) => {
      const detail = [i.goal ? `${w.goal}: ${md(i.goal)}` : '', w.open(openInIteration(i.id))]
      return `${w.iteration(md(i.name), i.startDate, i.endDate)} — ${detail.filter(Boolean).join(' · ')}`
    }),
    `## ${w.shipped} (${shipped.length})`,
    list(shipped, (s) => `${s.key} ${md(s.title)} — ${w.for} ${s.customers.map(md).join(', ')}`),
    `## ${w.stability}`,
    w.stabilityShare(stability.share, stability.points, stability.totalPoints),
  ].join('\n\n')
}

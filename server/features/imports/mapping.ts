// The mapping table: how the source's types, statuses and priorities become Keel's. Defaults come from
// the names Jira, ZenTao and GitHub use (English and Chinese); the user can override any row in the
// preview. A value no default knows gets a safe default and a warning naming its first row.
import { z } from 'zod'
import type { RequirementStatus, TaskStatus } from '../../../db/schema'
import { PRIORITIES, REQUIREMENT_STATUSES, TASK_STATUSES } from '../../../db/schema'
import type { RowMessage, SourceItem } from './model'

export const ITEM_TYPES = ['requirement', 'task', 'bug', 'chore', 'stability', 'skip'] as const
export type ItemType = (typeof ITEM_TYPES)[number]
type Priority = (typeof PRIORITIES)[number]

const key = z.string().max(200)
export const MappingSchema = z.object({
  type: z.record(key, z.enum(ITEM_TYPES)).optional(),
  requirementStatus: z.record(key, z.enum(REQUIREMENT_STATUSES)).optional(),
  taskStatus: z.record(key, z.enum(TASK_STATUSES)).optional(),
  priority: z.record(key, z.enum(PRIORITIES)).optional(),
  /** Generic CSV/XLSX: Keel field → column label. */
  columns: z.record(key, z.string().max(200)).optional(),
})
export type MappingInput = z.infer<typeof MappingSchema>

export interface EffectiveMapping {
  type: Record<string, ItemType>
  requirementStatus: Record<string, RequirementStatus>
  taskStatus: Record<string, TaskStatus>
  priority: Record<string, Priority>
  columns?: Record<string, string>
}

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')

function table<T extends string>(entries: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>()
  for (const [target, names] of Object.entries(entries) as [T, string[]][])
    for (const name of names) map.set(norm(name), target)
  return map
}

const TYPES = table<ItemType>({
  requirement: [
    'epic',
    'story',
    'user story',
    'feature',
    'new feature',
    'improvement',
    'enhancement',
    'requirement',
    'issue',
    'spike',
    '需求',
    '史诗',
    '故事',
    '用户故事',
    '新功能',
    '改进',
    '研发需求',
    '软件需求',
    '用户需求',
    'story-zentao',
  ],
  task: [
    'task',
    'sub-task',
    'subtask',
    'technical task',
    'dev. sub-task',
    'sub task',
    '任务',
    '子任务',
    '开发',
    'devel',
    'design',
    'test',
    'ui',
    'study',
    'discuss',
    '设计',
    '测试',
    '界面',
    '研究',
    '讨论',
  ],
  bug: ['bug', 'defect', '缺陷', '故障', 'incident'],
  chore: ['chore', 'affair', 'misc', '事务', '其他', 'maintenance', 'documentation', 'docs'],
  stability: ['stability', 'tech debt', 'technical debt', '稳定性', '技术债'],
  skip: ['pull request'],
})

const REQUIREMENT_STATUS = table<RequirementStatus>({
  draft: ['draft', 'new', 'funnel', '草稿', '新建'],
  reviewing: [
    'reviewing',
    'under review',
    'triage',
    'needs triage',
    'analysis',
    '评审中',
    '变更中',
    '待评审',
  ],
  approved: [
    'approved',
    'accepted',
    'to do',
    'todo',
    'open',
    'backlog',
    'reopened',
    'ready',
    'wait',
    '未开始',
    '已确认',
    '待办',
    '打开',
    '重新打开',
    '激活',
  ],
  planned: ['planned', 'selected for development', 'projected', '已计划', '已立项', '已排期'],
  developing: [
    'in progress',
    'in development',
    'doing',
    'developing',
    'active',
    '研发中',
    '开发中',
    '进行中',
    '处理中',
  ],
  testing: [
    'testing',
    'in testing',
    'qa',
    'in qa',
    'verify',
    'in review',
    'review',
    'code review',
    'developed',
    'tested',
    'verified',
    '测试中',
    '测试完毕',
    '研发完毕',
    '已验收',
    '验收中',
  ],
  released: [
    'done',
    'resolved',
    'fixed',
    'released',
    'complete',
    'completed',
    '已发布',
    '已完成',
    '完成',
    '已解决',
  ],
  closed: ['closed', 'cancelled', 'canceled', '已关闭', '关闭', '已取消'],
  rejected: [
    "won't do",
    "won't fix",
    'wont fix',
    'rejected',
    'declined',
    'invalid',
    'duplicate',
    'not planned',
    '已拒绝',
    '拒绝',
  ],
})

const TASK_STATUS = table<TaskStatus>({
  todo: [
    'to do',
    'todo',
    'open',
    'new',
    'backlog',
    'reopened',
    'selected for development',
    'draft',
    'planned',
    'approved',
    'ready',
    'wait',
    '未开始',
    '待办',
    '打开',
    '新建',
    '重新打开',
    '激活',
    '草稿',
  ],
  doing: [
    'in progress',
    'doing',
    'in development',
    'developing',
    'active',
    '进行中',
    '研发中',
    '开发中',
    '处理中',
  ],
  review: [
    'in review',
    'review',
    'code review',
    'reviewing',
    'testing',
    'in testing',
    'qa',
    'in qa',
    'verify',
    '测试中',
    '评审中',
    '待验证',
  ],
  done: [
    'done',
    'closed',
    'resolved',
    'fixed',
    'released',
    'complete',
    'completed',
    'cancelled',
    'canceled',
    "won't do",
    "won't fix",
    'rejected',
    'declined',
    'duplicate',
    'invalid',
    'not planned',
    '已完成',
    '完成',
    '已关闭',
    '已解决',
    '已取消',
    '关闭',
  ],
  blocked: ['blocked', 'on hold', 'paused', 'pause', 'impeded', '已暂停', '阻塞', '挂起'],
})

const PRIORITY = table<Priority>({
  P0: [
    'p0',
    'blocker',
    'highest',
    'urgent',
    'critical priority',
    '紧急',
    '最高',
    '1',
    'priority: critical',
    'priority/critical',
  ],
  P1: ['p1', 'critical', 'high', '高', '2', 'priority: high', 'priority/high'],
  P2: ['p2', 'major', 'medium', 'normal', '中', '3', 'priority: medium', 'priority/medium', ''],
  P3: ['p3', 'p4', 'minor', 'low', 'lowest', 'trivial', '低', '最低', '4', 'priority: low', 'priority/low'],
})

/** A type no table knows: guess from words in it, else a plain task. */
function guessType(raw: string): ItemType | undefined {
  const v = norm(raw)
  if (/sub-?\s?task|子任务/.test(v)) return 'task'
  if (/bug|defect|缺陷/.test(v)) return 'bug'
  if (/epic|story|需求|feature/.test(v)) return 'requirement'
  if (/task|任务/.test(v)) return 'task'
  return undefined
}

interface Seen {
  row: number
  count: number
}

/**
 * The effective mapping for the values present in the items: overrides first, then the defaults, then
 * a safe default with a warning. `kindOf` says whether an item ends up a requirement or a task.
 */
export function resolveMapping(items: readonly SourceItem[], input: MappingInput | undefined) {
  const warnings: RowMessage[] = []
  const mapping: EffectiveMapping = { type: {}, requirementStatus: {}, taskStatus: {}, priority: {} }
  const seen = <T>(map: Map<string, T>, value: string, row: number) => {
    const s = map.get(value) as Seen | undefined
    if (s) s.count++
    else map.set(value, { row, count: 1 } as T)
  }
  const types = new Map<string, Seen>()
  const reqStatuses = new Map<string, Seen>()
  const taskStatuses = new Map<string, Seen>()
  const priorities = new Map<string, Seen>()
  const categories = new Map<string, SourceItem['statusCategory']>()

  for (const item of items) seen(types, item.type, item.row)
  for (const [raw, s] of types) {
    const override = input?.type?.[raw]
    const known = TYPES.get(norm(raw))
    const guess = known ?? (raw ? guessType(raw) : 'task')
    mapping.type[raw] = override ?? guess ?? 'task'
    if (!override && !known)
      warnings.push({
        row: s.row,
        column: 'type',
        message: `Unknown type "${raw}" (${s.count} rows): imported as ${mapping.type[raw]}`,
        code: 'unknownType',
        params: { value: raw, count: s.count },
      })
  }
  for (const item of items) {
    const type = mapping.type[item.type]!
    if (type === 'skip') continue
    seen(type === 'requirement' ? reqStatuses : taskStatuses, item.status, item.row)
    if (item.statusCategory) categories.set(item.status, item.statusCategory)
    seen(priorities, item.priority, item.row)
  }
  const guessAll = (
    values: Map<string, Seen>,
    into: Record<string, string>,
    rule: {
      overrides: Record<string, string> | undefined
      known: Map<string, string>
      /** What a value means by the source's status category (Jira's new / indeterminate / done). */
      byCategory?: Partial<Record<NonNullable<SourceItem['statusCategory']>, string>>
      fallback: string
      column: string
      noun: string
      code: string
    },
  ) => {
    for (const [raw, s] of values) {
      const override = rule.overrides?.[raw]
      const known = rule.known.get(norm(raw))
      const category = categories.get(raw)
      const byCategory = category ? rule.byCategory?.[category] : undefined
      into[raw] = override ?? known ?? byCategory ?? rule.fallback
      if (!override && !known && !byCategory)
        warnings.push({
          row: s.row,
          column: rule.column,
          message: `Unknown ${rule.noun} "${raw}" (${s.count} rows): imported as ${rule.fallback}`,
          code: rule.code,
          params: { value: raw, count: s.count },
        })
    }
  }
  guessAll(reqStatuses, mapping.requirementStatus, {
    overrides: input?.requirementStatus,
    known: REQUIREMENT_STATUS,
    byCategory: { done: 'released', indeterminate: 'developing', new: 'approved' },
    fallback: 'draft',
    column: 'status',
    noun: 'requirement status',
    code: 'unknownRequirementStatus',
  })
  guessAll(taskStatuses, mapping.taskStatus, {
    overrides: input?.taskStatus,
    known: TASK_STATUS,
    byCategory: { done: 'done', indeterminate: 'doing', new: 'todo' },
    fallback: 'todo',
    column: 'status',
    noun: 'task status',
    code: 'unknownTaskStatus',
  })
  // Priorities have no category: a value neither chosen nor known becomes P2.
  guessAll(priorities, mapping.priority, {
    overrides: input?.priority,
    known: PRIORITY,
    fallback: 'P2',
    column: 'priority',
    noun: 'priority',
    code: 'unknownPriority',
  })
  return { mapping, warnings }
}

/** A status from the source's history: the user's mapping when it has the value, else the defaults. */
export function mappedStatus(kind: 'requirement' | 'task', raw: string, mapping: EffectiveMapping): string {
  if (kind === 'requirement')
    return mapping.requirementStatus[raw] ?? REQUIREMENT_STATUS.get(norm(raw)) ?? 'draft'
  return mapping.taskStatus[raw] ?? TASK_STATUS.get(norm(raw)) ?? 'todo'
}

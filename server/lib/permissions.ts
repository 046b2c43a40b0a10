// The one list of permissions. The server's route guards, GET /api/permissions, the roles UI and the
// docs all read this array; a role is a set of these names.

export interface PermissionInfo {
  name: string
  group: PermissionGroup
  en: string
  zh: string
}

export type PermissionGroup =
  | 'workspace'
  | 'product'
  | 'customer'
  | 'requirement'
  | 'iteration'
  | 'task'
  | 'insight'
  | 'integration'

export const PERMISSIONS = [
  {
    name: 'workspace.manage',
    group: 'workspace',
    en: 'Rename the workspace and change its settings',
    zh: '修改空间名称与设置',
  },
  { name: 'workspace.delete', group: 'workspace', en: 'Delete the workspace', zh: '删除空间' },
  { name: 'member.view', group: 'workspace', en: 'See the members of the workspace', zh: '查看空间成员' },
  {
    name: 'member.manage',
    group: 'workspace',
    en: 'Invite, change the role of and remove members',
    zh: '邀请成员、修改成员角色、移除成员',
  },
  {
    name: 'role.manage',
    group: 'workspace',
    en: 'Create, edit and delete custom roles',
    zh: '创建、编辑、删除自定义角色',
  },
  { name: 'activity.view', group: 'workspace', en: 'Read the activity history', zh: '查看动态记录' },
  { name: 'product.view', group: 'product', en: 'See products and their modules', zh: '查看产品与模块' },
  {
    name: 'product.manage',
    group: 'product',
    en: 'Create, edit and delete products and modules',
    zh: '创建、编辑、删除产品与模块',
  },
  {
    name: 'customer.view',
    group: 'customer',
    en: 'See customers and what they asked for',
    zh: '查看客户及其诉求',
  },
  {
    name: 'customer.manage',
    group: 'customer',
    en: 'Create, edit and delete customers',
    zh: '创建、编辑、删除客户',
  },
  {
    name: 'requirement.view',
    group: 'requirement',
    en: 'See requirements and the backlog',
    zh: '查看需求与需求池',
  },
  { name: 'requirement.create', group: 'requirement', en: 'Create requirements', zh: '创建需求' },
  { name: 'requirement.update', group: 'requirement', en: 'Edit requirements', zh: '编辑需求' },
  { name: 'requirement.delete', group: 'requirement', en: 'Delete requirements', zh: '删除需求' },
  { name: 'requirement.rank', group: 'requirement', en: 'Re-rank the backlog', zh: '调整需求池排序' },
  {
    name: 'requirement.transition',
    group: 'requirement',
    en: 'Move requirements through their workflow',
    zh: '变更需求状态',
  },
  {
    name: 'ask.manage',
    group: 'requirement',
    en: 'Record and remove customer asks',
    zh: '登记、删除客户诉求',
  },
  { name: 'iteration.view', group: 'iteration', en: 'See iterations and boards', zh: '查看迭代与看板' },
  {
    name: 'iteration.manage',
    group: 'iteration',
    en: 'Create, edit and delete iterations and releases',
    zh: '创建、编辑、删除迭代与发布',
  },
  {
    name: 'iteration.plan',
    group: 'iteration',
    en: 'Plan requirements into iterations',
    zh: '将需求排入迭代',
  },
  { name: 'task.view', group: 'task', en: 'See tasks', zh: '查看任务' },
  { name: 'task.create', group: 'task', en: 'Create tasks', zh: '创建任务' },
  { name: 'task.update', group: 'task', en: 'Edit tasks', zh: '编辑任务' },
  { name: 'task.update_status', group: 'task', en: 'Move tasks across the board', zh: '在看板上移动任务' },
  { name: 'task.assign', group: 'task', en: 'Assign tasks to members', zh: '指派任务' },
  { name: 'task.delete', group: 'task', en: 'Delete tasks', zh: '删除任务' },
  { name: 'comment.create', group: 'task', en: 'Comment on requirements and tasks', zh: '评论需求与任务' },
  {
    name: 'comment.moderate',
    group: 'task',
    en: "Delete other people's comments",
    zh: '删除他人的评论',
  },
  { name: 'roadmap.view', group: 'insight', en: 'Read roadmaps', zh: '查看路线图' },
  {
    name: 'report.view',
    group: 'insight',
    en: 'Read reports, forecasts and risks',
    zh: '查看报表、预测与风险',
  },
  { name: 'share.create', group: 'insight', en: 'Create and revoke share links', zh: '创建、撤销分享链接' },
  { name: 'import', group: 'integration', en: 'Import data from files', zh: '从文件导入数据' },
  { name: 'export', group: 'integration', en: 'Export data', zh: '导出数据' },
  { name: 'webhook.manage', group: 'integration', en: 'Manage webhooks', zh: '管理 Webhook' },
] as const satisfies readonly PermissionInfo[]

export type Permission = (typeof PERMISSIONS)[number]['name']

export const PERMISSION_NAMES: readonly Permission[] = PERMISSIONS.map((p) => p.name)

export const isPermission = (name: string): name is Permission =>
  (PERMISSION_NAMES as readonly string[]).includes(name)

const READ: Permission[] = [
  'member.view',
  'activity.view',
  'product.view',
  'customer.view',
  'requirement.view',
  'iteration.view',
  'task.view',
  'roadmap.view',
  'report.view',
]

const DEVELOPER: Permission[] = [
  ...READ,
  'task.create',
  'task.update',
  'task.update_status',
  'task.assign',
  'comment.create',
]

const PM: Permission[] = [
  ...DEVELOPER,
  'product.manage',
  'customer.manage',
  'requirement.create',
  'requirement.update',
  'requirement.delete',
  'requirement.rank',
  'requirement.transition',
  'ask.manage',
  'iteration.manage',
  'iteration.plan',
  'task.delete',
  'comment.moderate',
  'share.create',
  'import',
  'export',
]

export type BuiltInRole = 'owner' | 'admin' | 'pm' | 'developer' | 'stakeholder' | 'guest'

/** Built-in roles, created in every workspace; their permission sets cannot be edited. */
export const BUILT_IN_ROLES: Record<
  BuiltInRole,
  { en: string; zh: string; permissions: readonly Permission[] }
> = {
  owner: { en: 'Owner', zh: '所有者', permissions: PERMISSION_NAMES },
  admin: { en: 'Admin', zh: '管理员', permissions: PERMISSION_NAMES.filter((p) => p !== 'workspace.delete') },
  pm: { en: 'Product manager', zh: '产品经理', permissions: PM },
  developer: { en: 'Developer', zh: '开发', permissions: DEVELOPER },
  stakeholder: { en: 'Stakeholder', zh: '干系人', permissions: READ },
  guest: { en: 'Guest', zh: '访客', permissions: ['product.view', 'roadmap.view'] },
}

export const BUILT_IN_ROLE_KEYS = Object.keys(BUILT_IN_ROLES) as BuiltInRole[]

/**
 * What a member needs to see an entity of each type — in the activity history, on the event stream and
 * wherever a read returns it inside something else. `member`: any member of the workspace. A comment
 * hangs off a requirement or a task, so it needs both (its rows and events do not say which).
 */
export const VIEW_PERMISSION: Record<string, Permission | 'member' | readonly Permission[]> = {
  workspace: 'member',
  role: 'member',
  member: 'member.view',
  invite: 'member.manage',
  product: 'product.view',
  module: 'product.view',
  customer: 'customer.view',
  ask: 'customer.view',
  requirement: 'requirement.view',
  iteration: 'iteration.view',
  release: 'iteration.view',
  task: 'task.view',
  comment: ['requirement.view', 'task.view'],
  attachment: ['requirement.view', 'task.view'],
  share_link: 'share.create',
  webhook: 'webhook.manage',
  import_run: 'import',
}

/** Whether a member with these permissions may see entities of this type (unknown types: no). */
export function maySee(permissions: ReadonlySet<Permission>, entityType: string): boolean {
  const needed = VIEW_PERMISSION[entityType]
  if (needed === undefined) return false
  if (needed === 'member') return true
  return typeof needed === 'string' ? permissions.has(needed) : needed.every((p) => permissions.has(p))
}

/** The entity types a member with these permissions may see. */
export const visibleEntityTypes = (permissions: ReadonlySet<Permission>) =>
  Object.keys(VIEW_PERMISSION).filter((type) => maySee(permissions, type))

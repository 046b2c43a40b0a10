// Domain words in both languages for text the server writes itself (webhook messages, spreadsheet
// exports); the web app has its own dictionaries. Glossary: /work/shared/DESIGN.md.
export type Language = 'zh-CN' | 'en'

type Words = Record<string, { 'zh-CN': string; en: string }>

export const REQUIREMENT_STATUS_WORDS: Words = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  reviewing: { 'zh-CN': '评审中', en: 'Reviewing' },
  approved: { 'zh-CN': '已确认', en: 'Approved' },
  planned: { 'zh-CN': '已排期', en: 'Planned' },
  developing: { 'zh-CN': '开发中', en: 'Developing' },
  testing: { 'zh-CN': '测试中', en: 'Testing' },
  released: { 'zh-CN': '已发布', en: 'Released' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
  rejected: { 'zh-CN': '已拒绝', en: 'Rejected' },
}

export const TASK_STATUS_WORDS: Words = {
  todo: { 'zh-CN': '待办', en: 'To do' },
  doing: { 'zh-CN': '进行中', en: 'In progress' },
  review: { 'zh-CN': '评审/测试', en: 'Review' },
  done: { 'zh-CN': '完成', en: 'Done' },
  blocked: { 'zh-CN': '阻塞', en: 'Blocked' },
}

export const TASK_KIND_WORDS: Words = {
  feature: { 'zh-CN': '功能', en: 'Feature' },
  stability: { 'zh-CN': '稳定性', en: 'Stability' },
  bug: { 'zh-CN': '缺陷', en: 'Bug' },
  chore: { 'zh-CN': '杂项', en: 'Chore' },
}

export const ENTITY_WORDS: Words = {
  requirement: { 'zh-CN': '需求', en: 'requirement' },
  task: { 'zh-CN': '任务', en: 'task' },
  ask: { 'zh-CN': '客户诉求', en: 'customer ask' },
  comment: { 'zh-CN': '评论', en: 'comment' },
  iteration: { 'zh-CN': '迭代', en: 'iteration' },
  release: { 'zh-CN': '发布', en: 'release' },
  module: { 'zh-CN': '模块', en: 'module' },
  product: { 'zh-CN': '产品', en: 'product' },
  customer: { 'zh-CN': '客户', en: 'customer' },
  member: { 'zh-CN': '成员', en: 'member' },
  role: { 'zh-CN': '角色', en: 'role' },
  invite: { 'zh-CN': '邀请', en: 'invite' },
  share_link: { 'zh-CN': '分享链接', en: 'share link' },
  workspace: { 'zh-CN': '空间', en: 'workspace' },
  webhook: { 'zh-CN': 'Webhook', en: 'webhook' },
}

/** The word for `code` in `language`, or the code itself when the table has none. */
export const word = (table: Words, code: string | null | undefined, language: Language) =>
  code == null ? '' : (table[code]?.[language] ?? code)

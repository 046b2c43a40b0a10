// The Chinese of i18n.ts (a module of its own, so a page loads only its language's words).
import type { exportsEn } from './i18n'

export const exportsZh: typeof exportsEn = {
  menu: '导出',
  csv: 'CSV（Excel、WPS）',
  xlsx: 'Excel 工作簿（.xlsx）',
  menuHint: '{{ product }} 的需求与任务',
  dataTitle: '数据导出',
  dataIntro:
    '随时带走你的数据。空间导出包含全部内容——产品、带排序与验收标准的需求池、迭代、任务、客户及其诉求、评论和完整的动态记录——可导入到一个空的空间。',
  workspaceTitle: '整个空间（JSON）',
  workspaceBody:
    '格式 keel-workspace，版本 1。成员仅包含姓名与邮箱；密码、令牌、分享链接与 Webhook 密钥从不导出。JSON 不含附件文件：如需一并带走，请下载 .zip（两者导入方式相同）。',
  workspaceButton: '下载空间 JSON',
  archiveButton: '空间及附件（.zip）',
  productsTitle: '单个产品导出为表格',
  productsBody: '按需求池顺序排列的需求及任务；在 Excel 中中文不会乱码（UTF-8 带 BOM）。',
  noProducts: '还没有产品。',
}
